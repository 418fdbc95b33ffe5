//! Invalid fixture sites (`tests/testsuite/errors/<case>/`): each build fails with exit code 1, writes
//! nothing, and reports every problem at its exact place in the author's file
//! (`file:line:col`, columns in characters) with a message, a label and, where one is close,
//! a did-you-mean.
//!
//! The expected positions were worked out from the fixture text (the comment beside each says
//! how), not copied from medleaf's output.

use crate::common::Diag;

/// What one diagnostic must say.
struct Expect {
    message: &'static str,
    location: &'static str,
    label: Option<&'static str>,
    help: Option<&'static str>,
    /// The source line shown with it.
    source: &'static str,
}

impl Expect {
    fn diag(&self) -> Diag {
        Diag {
            severity: "error".into(),
            message: self.message.into(),
            location: Some(self.location.into()),
            label: self.label.map(Into::into),
            help: self.help.map(Into::into),
            source: Some(self.source.into()),
        }
    }
}

/// Builds the fixture `name` and checks it fails with exactly `expected`, in that order, then
/// the summary line `summary`. Returns the run for further checks.
fn fails_with(name: &str, expected: &[Expect], summary: &str) -> crate::common::Run {
    let site = crate::common::fixture(name);
    let run = site.build(&[]);
    run.assert_code(1);
    assert_eq!(run.stdout, "", "a failed build prints nothing on stdout");
    let want: Vec<Diag> = expected.iter().map(Expect::diag).collect();
    assert_eq!(run.diagnostics(), want, "stderr:\n{}", run.stderr);
    assert_eq!(
        crate::common::summary_line(&run.stderr).as_deref(),
        Some(summary)
    );
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("build failed: ") && last.ends_with("; nothing was written"),
        "{last}"
    );
    assert!(!site.public().exists(), "a failed build must not write");
    assert!(!run.stderr.contains('\r'), "no carriage return in messages");
    run
}

#[test]
fn broken_markdown_link_suggests_the_file_in_another_folder() {
    fails_with(
        "errors/broken-md-link",
        &[Expect {
            message: "broken link to `neutropenia.md`",
            // "Read more about " (16) + "[neutropenia](" (14): the path starts at column 31.
            location: "content/leukopenia.md:8:31",
            label: Some("no page at this path"),
            help: Some("did you mean `treatment/neutropenia.md`?"),
            source: "Read more about [neutropenia](neutropenia.md).",
        }],
        "error: 1 broken link; 0 warnings",
    );
}

#[test]
fn broken_anchors_suggest_the_nearest_heading_id() {
    fails_with(
        "errors/broken-anchor",
        &[
            Expect {
                message: "no heading `#what-the-number-mean` in `complete-blood-count.md`",
                // "See " (4) + "[what the numbers mean](" (24).
                location: "content/leukopenia.md:6:29",
                label: Some("this anchor does not exist"),
                help: Some("did you mean `#what-the-numbers-mean`?"),
                source: "See [what the numbers mean](complete-blood-count.md#what-the-number-mean).",
            },
            Expect {
                message: "no heading `#cause` in this page",
                // "Go to " (6) + "[the causes](" (13).
                location: "content/leukopenia.md:8:20",
                label: Some("this anchor does not exist"),
                help: Some("did you mean `#causes`?"),
                source: "Go to [the causes](#cause).",
            },
        ],
        "error: 2 broken anchors; 0 warnings",
    );
}

#[test]
fn broken_wiki_link_suggests_the_page_name() {
    fails_with(
        "errors/broken-wiki-link",
        &[Expect {
            message: "broken link `[[leukaemia]]`",
            // "Is it [[" is 8 characters; the piped `[[leukemia|this one]]` is fine.
            location: "content/questions.md:6:9",
            label: Some("no page has this name"),
            help: Some("did you mean `[[leukemia]]`?"),
            source: "Is it [[leukaemia]]? And [[leukemia|this one]] works.",
        }],
        "error: 1 broken link; 0 warnings",
    );
}

#[test]
fn broken_static_link_suggests_the_static_file() {
    fails_with(
        "errors/broken-static-link",
        &[Expect {
            message: "broken link to `/images/cell.png`",
            // "![White cells](" is 15 characters.
            location: "content/cells.md:6:16",
            label: Some("nothing is built at this address"),
            help: Some("did you mean `/images/cells.png`?"),
            source: "![White cells](/images/cell.png)",
        }],
        "error: 1 broken link; 0 warnings",
    );
}

#[test]
fn broken_related_entries_point_at_the_entry() {
    // `anemia.md` is a good entry; `leukemia.md` is a plain page (`kind: page`), which would
    // never show under "Related articles"; the third has a typo.
    fails_with(
        "errors/broken-related",
        &[
            Expect {
                message: "`related` entry `leukemia.md` is not an article",
                location: "content/conditions/leukopenia.md:6:5",
                label: None,
                help: Some("list other health articles; link to any other page in the text"),
                source: "  - leukemia.md",
            },
            Expect {
                message: "broken link to `../tests/complete-blod-count.md` in `related`",
                // The third list item, after "  - ".
                location: "content/conditions/leukopenia.md:7:5",
                label: Some("no page at this path"),
                help: Some("did you mean `../tests/complete-blood-count.md`?"),
                source: "  - ../tests/complete-blod-count.md",
            },
        ],
        "error: 2 broken links; 0 warnings",
    );
}

#[test]
fn link_to_a_draft_says_how_to_fix_it() {
    fails_with(
        "errors/link-to-draft",
        &[Expect {
            message: "link to draft page `coming-soon.md`",
            location: "content/leukopenia.md:6:16",
            label: Some("this page is a draft and is not built"),
            help: Some(
                "remove the link, publish the page (remove `draft: true`), or build with `--drafts`",
            ),
            source: "The [new page](coming-soon.md) is not ready.",
        }],
        "error: 1 broken link; 0 warnings",
    );
    // With `--drafts` the link is fine.
    let site = crate::common::fixture("errors/link-to-draft");
    site.build(&["--drafts"]).assert_code(0);
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    fails_with(
        "errors/unknown-key",
        &[Expect {
            message: "unknown key `reviwed_by`",
            location: "content/leukopenia.md:4:1",
            label: None,
            help: Some("did you mean `reviewed_by`?"),
            source: "reviwed_by: Dr. Ortiz",
        }],
        "error: 1 front-matter error; 0 warnings",
    );
}

#[test]
fn wrong_type_points_at_the_value() {
    fails_with(
        "errors/wrong-type",
        &[Expect {
            message: "`topics` must be a list (for example `[a, b]`), not the number `3`",
            location: "content/leukopenia.md:4:9",
            label: None,
            help: None,
            source: "topics: 3",
        }],
        "error: 1 front-matter error; 0 warnings",
    );
}

#[test]
fn impossible_date_points_at_the_value() {
    fails_with(
        "errors/bad-date",
        &[Expect {
            message: "`last_reviewed`: `2026-13-01` is not a real calendar date",
            location: "content/leukopenia.md:4:16",
            label: None,
            help: None,
            source: "last_reviewed: 2026-13-01",
        }],
        "error: 1 front-matter error; 0 warnings",
    );
}

#[test]
fn missing_title_points_at_the_front_matter() {
    fails_with(
        "errors/missing-title",
        &[Expect {
            message: "missing required key `title`",
            location: "content/leukopenia.md:1:1",
            label: None,
            help: Some("add a line such as `title: ...`"),
            source: "---",
        }],
        "error: 1 front-matter error; 0 warnings",
    );
}

#[test]
fn unclosed_front_matter_points_at_the_opening_line() {
    fails_with(
        "errors/unclosed-front-matter",
        &[Expect {
            message: "the front matter is never closed",
            location: "content/leukopenia.md:1:1",
            label: Some("this `---` has no closing `---`"),
            help: Some("add a line with only `---` after the last front-matter line"),
            source: "---",
        }],
        "error: 1 front-matter error; 0 warnings",
    );
}

#[test]
fn article_without_description_is_an_error() {
    fails_with(
        "errors/missing-description",
        &[Expect {
            message: "articles need a `description`",
            location: "content/leukopenia.md:2:1",
            label: Some("this article has no description"),
            help: Some(
                "add `description:` with the one-sentence main message, or `kind: page` if this is not a health article",
            ),
            source: "title: Leukopenia",
        }],
        "error: 1 front-matter error; 0 warnings",
    );
}

#[test]
fn unknown_site_yaml_key_suggests_the_right_one() {
    fails_with(
        "errors/bad-site-key",
        &[Expect {
            message: "unknown key `emergency_numbr`",
            location: "site.yaml:2:1",
            label: None,
            help: Some("did you mean `emergency_number`?"),
            source: "emergency_numbr: \"112\"",
        }],
        "error: 1 site.yaml error; 0 warnings",
    );
}

#[test]
fn one_run_reports_every_problem_sorted_by_file_and_line() {
    // `a-first.md` also links to `b-second.md`, whose front matter is broken: that link is not
    // reported again, and nor is the broken link inside `b-second.md`, which is not rendered.
    let run = fails_with(
        "errors/multi-error",
        &[
            Expect {
                message: "broken link to `missing.md`",
                location: "content/a-first.md:6:17",
                label: Some("no page at this path"),
                help: None,
                source: "A [broken link](missing.md) here.",
            },
            Expect {
                message: "no heading `#nowhere` in `c-third/page.md`",
                location: "content/a-first.md:8:19",
                label: Some("this anchor does not exist"),
                help: Some("did you mean `#somewhere`?"),
                source: "A [broken anchor](c-third/page.md#nowhere) there.",
            },
            Expect {
                message: "unknown key `colour`",
                location: "content/b-second.md:4:1",
                label: None,
                help: Some(
                    "the keys allowed here are: title, description, topics, related, last_reviewed, next_review, reviewed_by, sources, condition, about, aliases, draft, slug, weight, kind, allow, image, image_alt, template, extra",
                ),
                source: "colour: blue",
            },
            Expect {
                message: "`last_reviewed`: `2026-02-30` is not a real calendar date",
                location: "content/c-third/other.md:4:16",
                label: None,
                help: None,
                source: "last_reviewed: 2026-02-30",
            },
            // Two problems on one line, in column order.
            Expect {
                message: "broken link `[[nothing-here]]`",
                location: "content/c-third/page.md:6:8",
                label: Some("no page has this name"),
                help: None,
                source: "Both [[nothing-here]] and ![a picture](/img/none.png) are broken.",
            },
            Expect {
                message: "broken link to `/img/none.png`",
                location: "content/c-third/page.md:6:40",
                label: Some("nothing is built at this address"),
                help: None,
                source: "Both [[nothing-here]] and ![a picture](/img/none.png) are broken.",
            },
        ],
        "error: 2 front-matter errors, 3 broken links, 1 broken anchor; 0 warnings",
    );
    // Two of the four pages have front-matter errors; the other two were checked.
    assert!(
        run.stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("build failed: 2 pages checked in "),
        "{}",
        run.stderr
    );
}

#[test]
fn crlf_bom_and_non_ascii_columns_count_characters() {
    // Guard: the fixture really has a byte-order mark, CRLF line ends and non-ASCII text
    // (see tests/testsuite/.gitattributes).
    let dir = crate::common::fixtures().join("errors/crlf-bom/content");
    for name in ["anemie.md", "hopital.md"] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        assert!(
            bytes.starts_with(b"\xef\xbb\xbf---\r\n"),
            "{name}: BOM and CRLF"
        );
        assert!(
            !bytes.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r'),
            "{name}: LF"
        );
    }
    fails_with(
        "errors/crlf-bom",
        &[
            Expect {
                message: "broken link to `nulle-part.md`",
                // "Le café crème «très» chaud : " is 29 characters (36 bytes) and
                // "[lien cassé](" 13 more: the path starts at character 43.
                location: "content/anemie.md:7:43",
                label: Some("no page at this path"),
                help: None,
                source: "Le café crème «très» chaud : [lien cassé](nulle-part.md) ici.",
            },
            Expect {
                message: "unknown key `rôle` in `reviewed_by`",
                // "reviewed_by: {name: Dr. Ünal, " is 30 characters (31 bytes).
                location: "content/hopital.md:5:31",
                label: None,
                help: Some("did you mean `role`?"),
                source: "reviewed_by: {name: Dr. Ünal, rôle: Hématologue}",
            },
        ],
        "error: 1 front-matter error, 1 broken link; 0 warnings",
    );
}

#[test]
fn an_alias_used_twice_is_an_error_not_a_coin_toss() {
    // Two redirect pages for one address would be written to one file, and which one won
    // would change from build to build.
    let site = crate::common::fixture("build/valid-site");
    let page = site.read("content/conditions/leukemia.md");
    let page = page.replace(
        "slug: blood-cancer\n",
        "slug: blood-cancer\naliases: [/old-anemia/]\n",
    );
    site.write("content/conditions/leukemia.md", &page);
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    assert_eq!(
        diags,
        [Diag {
            severity: "error".into(),
            message: "alias `/old-anemia/` is also an alias of `conditions/anemia.md`".into(),
            // `aliases: [` is 10 characters, on the line after `slug:` (line 4).
            location: Some("content/conditions/leukemia.md:5:11".into()),
            label: None,
            help: Some("remove this alias: an address can lead to one page only".into()),
            source: Some("aliases: [/old-anemia/]".into()),
        }],
        "{}",
        run.stderr
    );
}

#[test]
fn a_yaml_syntax_error_names_the_line_in_the_file() {
    // Written here rather than as a fixture: the point is the line number in the message.
    let site = crate::common::fixture("errors/unknown-key");
    site.write(
        "content/leukopenia.md",
        "---\ntitle: Leukopenia\nkind: page\ntopics: [a, b\n---\n\nBody.\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    assert_eq!(diags.len(), 1, "{}", run.stderr);
    // The list opened on line 4 (`topics: ` is 8 characters) is never closed: the error
    // names that `[`, not the closing `---` where the parser noticed.
    assert_eq!(
        diags[0].location.as_deref(),
        Some("content/leukopenia.md:4:9")
    );
    assert_eq!(
        diags[0].message,
        "the list of `topics` opened with `[` is never closed"
    );
    assert!(
        !diags[0].message.contains("at line"),
        "positions counted inside the YAML block would name the wrong line: {}",
        diags[0].message
    );
}

#[test]
fn an_anchor_into_the_glossary_gets_the_closest_term() {
    let site = crate::common::fixture("build/valid-site");
    site.write(
        "content/glossary.yaml",
        "neutrophils:\n  definition: White blood cells that fight bacteria.\nplatelets:\n  definition: Cells that help blood clot.\n",
    );
    let f = "content/conditions/anemia.md";
    site.write(
        f,
        &(site.read(f) + "\nSee [neutrophils](/glossary/#neutrophls) and [platelets](/glossary/#platelets).\n"),
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let broken: Vec<(&str, Option<&str>)> = diags
        .iter()
        .filter(|d| d.message.starts_with("no `#"))
        .map(|d| (d.message.as_str(), d.help.as_deref()))
        .collect();
    assert_eq!(
        broken,
        [(
            "no `#neutrophls` in `/glossary/`",
            Some("did you mean `#neutrophils`?")
        )],
        "{}",
        run.stderr
    );
}

#[test]
fn anchors_into_generated_pages_are_checked_and_template_ids_are_accepted() {
    let site = crate::common::fixture("build/valid-site");
    let f = "content/conditions/anemia.md";
    let page = site.read(f)
        + "\nSee [the sources](#page-sources), [the top](#main), [all topics](/topics/#nope) and [the rare list](rare/#nada).\n";
    site.write(f, &page);
    let run = site.build(&[]);
    run.assert_code(1);
    let messages: Vec<(String, Option<String>)> = run
        .diagnostics()
        .into_iter()
        .map(|d| (d.message, d.location))
        .collect();
    // The last line of the file holds the links; `[all topics](` is followed by the
    // destination, so its column is the position of `/topics/#nope` in that line.
    let line = page.lines().count();
    let last = page.lines().last().unwrap();
    let col = |needle: &str| last.find(needle).unwrap() + 1;
    assert_eq!(
        messages,
        [
            (
                "no `#nope` in `/topics/`".to_owned(),
                Some(format!("{f}:{line}:{}", col("/topics/#nope")))
            ),
            (
                "no `#nada` in `/conditions/rare/`".to_owned(),
                Some(format!("{f}:{line}:{}", col("rare/#nada")))
            ),
        ],
        "{}",
        run.stderr
    );
}
