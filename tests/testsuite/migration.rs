//! Moving from Hugo or Zola (issue 17): TOML front matter, every front-matter problem of a file
//! in one run, Hugo's and Zola's keys and shortcodes answered with the medleaf way to write
//! them, leaf bundles, and YAML mistakes explained in plain words. Fixture sites are in
//! `tests/testsuite/migration/<case>/`.
//!
//! Expected positions were counted from the fixture text (the comment beside each says how).

use crate::common::{self, Diag};

/// The diagnostics of a failed build of `site`, as (message, location, help).
fn failures(site: &common::Site) -> Vec<(String, String, Option<String>)> {
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(!site.public().exists(), "a failed build must not write");
    run.diagnostics()
        .into_iter()
        .inspect(|d| assert_eq!(d.severity, "error", "{d:?}"))
        .map(|d| (d.message, d.location.unwrap_or_default(), d.help))
        .collect()
}

fn triple(message: &str, location: &str, help: Option<&str>) -> (String, String, Option<String>) {
    (message.into(), location.into(), help.map(Into::into))
}

#[test]
fn toml_front_matter_builds_like_yaml() {
    let site = common::fixture("migration/toml");
    let run = site.build(&[]);
    run.assert_code(0);
    let out = site.public();
    let doc = common::parse_html(&out.join("hay-fever/index.html"));
    let h1: Vec<String> = doc
        .select(&common::sel("h1"))
        .map(common::text_of)
        .collect();
    assert_eq!(h1, ["Hay fever"]);
    let text = common::text_of(doc.root_element());
    // Bare TOML dates, an inline table, an array of tables and a TOML snippet all arrive.
    for expected in [
        "Hay fever is an allergy to pollen.",
        "Dr. Fixture",
        "Fixture source",
        "Keep windows closed",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
    assert!(text.contains("1 October 2026"), "the review date is shown");
    assert!(out.join("topics/allergies/index.html").is_file());
    common::check_redirect(
        &out,
        "/old-hay-fever/",
        "/hay-fever/",
        "https://fixture.example/",
    );
}

#[test]
fn every_foreign_key_of_a_file_is_reported_in_one_run_with_the_medleaf_way() {
    let site = common::fixture("migration/foreign-keys");
    let no_edit_date = "medleaf has no edit date: `last_reviewed` is the date a clinician last reviewed the whole page, which is not the date the text was edited; remove this key, and add `last_reviewed: YYYY-MM-DD` only for a real clinical review";
    let topics = "medleaf groups pages by `topics`: write `topics: [Asthma, Allergies]`";
    assert_eq!(
        failures(&site),
        [
            // YAML: each key on its own line, in order (lines 4 to 11).
            triple(
                "unknown key `date`",
                "content/asthma.md:4:1",
                Some(no_edit_date)
            ),
            triple(
                "unknown key `lastmod`",
                "content/asthma.md:5:1",
                Some(no_edit_date)
            ),
            triple("unknown key `tags`", "content/asthma.md:6:1", Some(topics)),
            triple(
                "unknown key `categories`",
                "content/asthma.md:7:1",
                Some(topics)
            ),
            triple(
                "unknown key `summary`",
                "content/asthma.md:8:1",
                Some("write the one-sentence main message as `description:`")
            ),
            triple(
                "unknown key `layout`",
                "content/asthma.md:9:1",
                Some("choose a template file of `templates/` with `template:`")
            ),
            triple(
                "unknown key `url`",
                "content/asthma.md:10:1",
                Some(
                    "a page's address comes from its file name: use `slug:` to change the last part, and `aliases: [/old/address/]` to keep an old address working"
                )
            ),
            triple(
                "unknown key `params`",
                "content/asthma.md:11:1",
                Some("free values for templates go under `extra:` (templates see `page.extra`)")
            ),
            // TOML: a foreign key, a wrong value (`weight = ` is 9 characters) and a foreign
            // table (`[` is 1), all in one run; `[extra]` between them is medleaf's own.
            triple(
                "unknown key `date`",
                "content/croup.md:4:1",
                Some(no_edit_date)
            ),
            triple(
                "`weight` must be a whole number, not string \"first\"",
                "content/croup.md:5:10",
                None
            ),
            triple(
                "unknown key `taxonomies`",
                "content/croup.md:10:2",
                Some(topics)
            ),
        ]
    );
}

#[test]
fn shortcodes_and_zola_links_are_errors_with_the_markdown_that_replaces_them() {
    let site = common::fixture("migration/shortcodes");
    let run = site.build(&[]);
    run.assert_code(1);
    let diags = run.diagnostics();
    let got: Vec<(String, String)> = diags
        .iter()
        .map(|d| (d.message.clone(), d.location.clone().unwrap_or_default()))
        .collect();
    let want: Vec<(String, String)> = [
        (
            "`{{< figure src=\"lungs.png\" alt=\"Two lungs\" caption=\"Air goes…` is a Hugo shortcode, which medleaf does not have",
            "content/asthma.md:6:1",
        ),
        (
            "`{{% notice warning %}}` is a Hugo shortcode, which medleaf does not have",
            "content/asthma.md:8:1",
        ),
        // "Read about [croup](" is 19 characters.
        (
            "`{{< ref \"croup.md\" >}}` is a Hugo shortcode, which medleaf does not have",
            "content/asthma.md:12:20",
        ),
        // ... and " and [croup again](" 19 more after the 42 of "Read about [croup]({{< ref \"croup.md\" >}})".
        (
            "`@/croup.md#signs` is a Zola link, which medleaf does not read",
            "content/asthma.md:12:62",
        ),
        (
            "`{{ youtube(id=\"abc123\") }}` is a Zola shortcode, which medleaf does not have",
            "content/asthma.md:14:1",
        ),
    ]
    .into_iter()
    .map(|(m, l)| (m.to_owned(), l.to_owned()))
    .collect();
    // Nothing from the code span or the code block (lines 16 to 22).
    assert_eq!(got, want, "{}", run.stderr);
    let help = |i: usize| diags[i].help.clone().unwrap_or_default();
    assert!(
        help(0).contains("`![Two lungs](lungs.png \"Air goes in\")`"),
        "{}",
        help(0)
    );
    assert!(help(1).contains("`> [!WARNING]`"), "{}", help(1));
    assert!(help(2).contains("`[text](croup.md)`"), "{}", help(2));
    assert_eq!(
        help(3),
        "write the path from this page's folder, `croup.md#signs`, or from `content/`, `/croup.md#signs`"
    );
    assert_eq!(
        common::summary_line(&run.stderr).as_deref(),
        Some("error: 5 shortcodes; 0 warnings")
    );
    assert!(
        !run.stderr.contains("unknown placeholder"),
        "a shortcode is not also an unknown placeholder: {}",
        run.stderr
    );
}

#[test]
fn a_leaf_bundle_is_the_page_named_after_its_folder_with_its_files() {
    let site = common::fixture("migration/bundle");
    site.build(&[]).assert_code(0);
    let out = site.public();
    assert!(out.join("hay-fever/index.html").is_file());
    assert!(
        !out.join("hay-fever/index").exists(),
        "not `/hay-fever/index/`"
    );
    assert!(out.join("hay-fever/pollen.svg").is_file());
    let doc = common::parse_html(&out.join("hay-fever/index.html"));
    assert_eq!(common::attrs(&doc, "main img", "src"), ["pollen.svg"]);
    // A link to the file and a wiki link by the folder's name both reach it.
    let croup = common::parse_html(&out.join("conditions/croup/index.html"));
    let links: Vec<&str> = common::attrs(&croup, "main a", "href")
        .into_iter()
        .filter(|h| h.contains("hay"))
        .collect();
    assert_eq!(links, ["../../hay-fever/", "../../hay-fever/"]);
    // Listed on the home page beside the other top-level entries, not as a folder.
    let home = common::parse_html(&out.join("index.html"));
    assert!(
        common::attrs(&home, "main a", "href").contains(&"hay-fever/"),
        "the home page lists the bundle"
    );

    // Beside `hay-fever.md`, both would be `/hay-fever/`: one clear error at the bundle.
    std::fs::remove_dir_all(&out).unwrap();
    site.write(
        "content/hay-fever.md",
        "---\ntitle: Hay fever again\nkind: page\n---\n\nText.\n",
    );
    assert_eq!(
        failures(&site),
        [triple(
            "`hay-fever/index.md` and `hay-fever.md` are both the page `/hay-fever/`",
            "content/hay-fever/index.md:1:1",
            Some(
                "keep one: move the text of `hay-fever.md` into `hay-fever/index.md` (its images can stay beside it), or rename one of them"
            )
        )]
    );
}

#[test]
fn yaml_mistakes_are_explained_in_plain_words() {
    let site = common::fixture("migration/yaml-errors");
    let run = site.build(&[]);
    run.assert_code(1);
    let want = [
        Diag {
            severity: "error".into(),
            message: "a tab at column 1: YAML indents with spaces".into(),
            location: Some("content/a-tab.md:5:1".into()),
            label: Some("a tab (invisible in most editors)".into()),
            help: Some("the line with each tab shown as →: `→- Lungs`; replace each → with spaces, as many as the lines around it use".into()),
            source: None,
        },
        Diag {
            severity: "error".into(),
            message: "`title` has a colon followed by a space in its value".into(),
            // "title: Asthma" is 13 characters: the second colon is the 14th.
            location: Some("content/b-colon.md:2:14".into()),
            label: Some("YAML reads a colon and a space as the start of another key".into()),
            help: Some("put the title in quotes: `title: \"Asthma: what to do\"`".into()),
            source: Some("title: Asthma: what to do".into()),
        },
        Diag {
            severity: "error".into(),
            message: "the value of `title` is in curly quotes “ ”".into(),
            location: Some("content/c-curly.md:2:8".into()),
            label: Some("quotes from a word processor: they are not quotes to YAML or TOML".into()),
            help: Some("replace “ ” with straight quotes (\"): `title: \"Asthma\"`".into()),
            source: Some("title: “Asthma”".into()),
        },
        // Inside `{...}` YAML would split the value at the comma and report a key `MD”`:
        // only the quotes are reported. "reviewed_by: {name: " is 20 characters.
        Diag {
            severity: "error".into(),
            message: "the value of `reviewed_by` is in curly quotes “ ”".into(),
            location: Some("content/c-curly.md:4:21".into()),
            label: Some("quotes from a word processor: they are not quotes to YAML or TOML".into()),
            help: Some(
                "replace “ ” with straight quotes (\"): `reviewed_by: {name: \"Dr. Ortiz, MD\"}`"
                    .into(),
            ),
            source: Some("reviewed_by: {name: “Dr. Ortiz, MD”}".into()),
        },
        Diag {
            severity: "error".into(),
            message: "no space after the colon in `title:Asthma`".into(),
            location: Some("content/d-no-space.md:2:6".into()),
            label: Some("YAML needs a space after this colon".into()),
            help: Some("write `title: Asthma`".into()),
            source: Some("title:Asthma".into()),
        },
        Diag {
            severity: "error".into(),
            message: "the list of `topics` opened with `[` is never closed".into(),
            location: Some("content/e-bracket.md:4:9".into()),
            label: Some("this `[` has no `]`".into()),
            help: Some("end the list with `]`: `topics: [Lungs, Allergies]`".into()),
            source: Some("topics: [Lungs, Allergies".into()),
        },
    ];
    let mut got = run.diagnostics();
    // The tab is printed as spaces in the source line; the help shows it.
    got[0].source = None;
    assert_eq!(got, want, "{}", run.stderr);
    assert!(
        !run.stderr.contains("cannot start any token") && !run.stderr.contains("mapping values"),
        "the parser's words are replaced: {}",
        run.stderr
    );
}

#[test]
fn toml_mistakes_point_at_the_authors_line() {
    let site = common::fixture("migration/toml");
    site.write(
        "content/hay-fever.md",
        "+++\ntitle = “Hay fever”\nkind = \"page\"\ntopics = [\"a\", \"b\"\n+++\n\nText.\n",
    );
    // Only the page's problems: the snippet it embedded would be unused.
    std::fs::remove_file(site.path("snippets/pollen-advice.md")).unwrap();
    assert_eq!(
        failures(&site),
        [
            // "title = " is 8 characters.
            triple(
                "the value of `title` is in curly quotes “ ”",
                "content/hay-fever.md:2:9",
                Some("replace “ ” with straight quotes (\"): `title = \"Hay fever\"`")
            ),
            triple(
                "the list of `topics` opened with `[` is never closed",
                "content/hay-fever.md:4:10",
                Some("end the list with `]`: `topics = [\"a\", \"b\"]`")
            ),
        ]
    );
}
