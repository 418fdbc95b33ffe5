//! `medleaf import hugo|zola SRC DEST`: a Hugo site generated here (articles, a leaf bundle,
//! sections, TOML and YAML front matter, the common shortcodes) and the hand-made Zola site in
//! `import/zola/` are converted; the tests read the converted files, the import's report, and
//! build the result with medleaf to check that every converted link resolves.

use std::path::{Path, PathBuf};

use crate::common::{
    TODAY, attrs, broken_refs, build, check_redirect, fixtures, fm_str, front_matter, medleaf,
    parse_html, sel, snapshot, text_of,
};

/// How many plain articles the generated Hugo site has (besides the bundle and the others).
const ARTICLES: usize = 6;

/// Writes a Hugo site into `root`, in the shape `gen_corpus.py --format hugo` makes, with the
/// cases the import must handle added: a leaf bundle with a picture, TOML front matter,
/// notices, a figure, a shortcode medleaf has no equal for, edit dates and taxonomies.
fn generate_hugo_site(root: &Path) {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "hugo.toml",
        "baseURL = \"https://example.org/\"\nlanguageCode = \"en-GB\"\ntitle = \"Generated library\"\n\n[taxonomies]\ntag = \"tags\"\ncategory = \"categories\"\nseries = \"series\"\n\n[params]\ndescription = \"A generated example library.\"\n",
    );
    write("layouts/_default/single.html", "{{ .Content }}\n");
    write(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\" viewBox=\"0 0 40 20\"><rect width=\"40\" height=\"20\"/></svg>\n",
    );
    write(
        "content/_index.md",
        "---\ntitle: Generated library\n---\n\nStart with [the articles]({{< ref \"/articles\" >}}).\n",
    );
    write(
        "content/articles/_index.md",
        "+++\ntitle = \"All articles\"\n+++\n",
    );
    for i in 0..ARTICLES {
        let next = (i + 1) % ARTICLES;
        // Even articles carry `summary`, odd ones `description`, as Hugo sites mix them.
        let about = if i % 2 == 0 { "summary" } else { "description" };
        let mut body = format!(
            "Article {i} is neutral example text for the import test. It has more words.\n\n## Part one\n\nRead [the next article]({{{{< ref \"article-{next}.md\" >}}}}) and [its second part]({{{{< relref \"/articles/article-{next}.md#part-two\" >}}}}).\n\nSee also {{{{< ref \"hay-fever\" >}}}}.\n\n## Part two\n\nMore neutral text.\n"
        );
        if i == 0 {
            body.push_str(
                "\n{{< notice warning \"Read this first\" >}}\nA notice written with a **Hugo** shortcode.\n{{< /notice >}}\nA paragraph right after the notice.\n\n{{< youtube w7Ft2ymGmfc >}}\n\nShortcodes as code stay as written:\n\n```markdown\n{{</* ref \"article-1.md\" */>}}\n```\n\n{{< highlight python >}}\nprint(1)\n{{< /highlight >}}\n",
            );
        }
        write(
            &format!("content/articles/article-{i}.md"),
            &format!(
                "---\ntitle: \"Article {i}: an example\"\n{about}: The main message of article {i}.\ndate: 2024-01-0{}\nlastmod: 2024-06-0{}\ntags: [Example, Tag {i}]\ncategories: [Guides]\nseries: [Basics]\nweight: {i}\naliases: [/old/article-{i}/]\nrelated: [article-{next}, hay-fever]\nreviewed: 2024-10-15\n---\n\n{body}",
                i + 1,
                i + 1
            ),
        );
    }
    write(
        "content/articles/hay-fever/index.md",
        "+++\ntitle = \"Hay fever\"\ndescription = \"An example page kept in a leaf bundle with its picture.\"\nurl = \"/hayfever/\"\n\n[params]\nreviewed_by = \"Example reviewer\"\nlast_reviewed = 2026-01-10\n+++\n\nThis bundle is neutral example text.\n\n{{< figure src=\"pollen.svg\" alt=\"A drawing of a blue box\" caption=\"The box in the drawing.\" >}}\n\n{{% notice tip %}}\nA tip, in a notice.\n{{% /notice %}}\n\nBack to [the first article]({{< relref \"article-0\" >}}).\n",
    );
    write(
        "content/articles/hay-fever/pollen.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"60\" height=\"30\" viewBox=\"0 0 60 30\"><rect width=\"60\" height=\"30\"/></svg>\n",
    );
    write(
        "content/articles/no-description.md",
        "---\ntitle: No description\n---\n\n# A heading first\n\nThe first sentence says the main message. The second one does not.\n",
    );
    write(
        "content/about.md",
        // Hugo reads keys in any case.
        "---\nTitle: About\nmenu: main\n---\n\nAn example publisher.\n",
    );
}

/// Runs the import; returns the run and the destination (inside `scratch`).
fn import(generator: &str, src: &Path, scratch: &Path) -> (crate::common::Run, PathBuf) {
    let dest = scratch.join("imported");
    let run = medleaf(&[
        "import",
        generator,
        src.to_str().unwrap(),
        dest.to_str().unwrap(),
    ]);
    (run, dest)
}

/// Builds the imported site and checks that it builds without errors and that every link
/// and image in its pages leads somewhere.
fn build_and_check_links(dest: &Path, base_path: &str) -> PathBuf {
    let out = dest.join("public");
    let run = build(dest, &[]);
    run.assert_code(0);
    let errors: Vec<_> = run
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The 404 page is served at any depth, so its links are from the site's root.
    let broken = broken_refs(&out, base_path, |rel| rel == "404.html");
    assert!(broken.is_empty(), "{broken:#?}");
    out
}

fn read(dest: &Path, rel: &str) -> String {
    std::fs::read_to_string(dest.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_generated_hugo_site_is_converted_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("hugo-site");
    generate_hugo_site(&src);
    let before = snapshot(&src);
    let (run, dest) = import("hugo", &src, dir.path());
    run.assert_code(0);
    assert_eq!(snapshot(&src), before, "the source site was changed");

    // Front matter: medleaf's keys; edit dates are comments, never `last_reviewed`.
    let a0 = dest.join("content/articles/article-0.md");
    let fm = front_matter(&a0);
    assert_eq!(fm_str(&fm, "title"), Some("Article 0: an example"));
    assert_eq!(
        fm_str(&fm, "description"),
        Some("The main message of article 0.")
    );
    let topics: Vec<&str> = fm["topics"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(topics, ["Example", "Tag 0", "Guides"]);
    assert_eq!(fm["aliases"][0].as_str(), Some("/old/article-0/"));
    assert_eq!(fm["weight"].as_i64(), Some(0));
    assert_eq!(fm["extra"]["series"][0].as_str(), Some("Basics"));
    // Values of the site's own (gen_corpus.py's `related` slugs and `reviewed`): `related`
    // becomes files, the rest stays for templates under `extra`, never a review date.
    let related: Vec<&str> = fm["related"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(related, ["article-1.md", "hay-fever.md"]);
    assert_eq!(fm["extra"]["reviewed"].as_str(), Some("2024-10-15"));
    for key in ["last_reviewed", "date", "lastmod", "tags", "summary"] {
        assert!(fm.get(key).is_none(), "`{key}` in {fm:?}");
    }
    let text = read(&dest, "content/articles/article-0.md");
    assert!(
        text.contains(
            "# date was 2024-01-01 in the old site: an edit date, not a clinical review\n"
        ),
        "{text}"
    );
    assert_eq!(
        fm_str(
            &front_matter(&dest.join("content/articles/article-1.md")),
            "description"
        ),
        Some("The main message of article 1.")
    );

    // Links, notices and the shortcode left as a comment; code keeps the shortcode as text.
    assert!(text.contains("[the next article](article-1.md)"), "{text}");
    assert!(
        text.contains("[its second part](article-1.md#part-two)"),
        "{text}"
    );
    assert!(
        text.contains("See also [Hay fever](hay-fever.md)."),
        "{text}"
    );
    assert!(
        text.contains("> [!WARNING]\n> **Read this first**\n>\n> A notice written with a **Hugo** shortcode.\n\nA paragraph right after the notice."),
        "{text}"
    );
    assert!(
        text.contains("<!-- medleaf import: Hugo shortcode not converted: youtube w7Ft2ymGmfc -->"),
        "{text}"
    );
    assert!(
        text.contains("```markdown\n{{< ref \"article-1.md\" >}}\n```"),
        "{text}"
    );
    assert!(
        !text.contains("]({{<") && !text.contains("See also {{<"),
        "{text}"
    );
    assert!(text.contains("```python\nprint(1)\n```\n"), "{text}");

    // The leaf bundle is a page file, its picture stays in its folder.
    assert!(!dest.join("content/articles/hay-fever/index.md").exists());
    assert!(dest.join("content/articles/hay-fever/pollen.svg").is_file());
    let bundle = read(&dest, "content/articles/hay-fever.md");
    assert!(
        bundle.contains(
            "![A drawing of a blue box](hay-fever/pollen.svg \"The box in the drawing.\")"
        ),
        "{bundle}"
    );
    assert!(
        bundle.contains("> [!TIP]\n> A tip, in a notice.\n"),
        "{bundle}"
    );
    assert!(
        bundle.contains("[the first article](article-0.md)"),
        "{bundle}"
    );
    let fm = front_matter(&dest.join("content/articles/hay-fever.md"));
    assert_eq!(fm_str(&fm, "reviewed_by"), Some("Example reviewer"));
    assert_eq!(fm_str(&fm, "last_reviewed"), Some("2026-01-10"));
    assert_eq!(fm["aliases"][0].as_str(), Some("/hayfever/"));
    // Sections, the home page, a page with no description, a page that is not an article.
    assert!(read(&dest, "content/_index.md").contains("[the articles](articles/_index.md)"));
    assert_eq!(
        fm_str(
            &front_matter(&dest.join("content/articles/_index.md")),
            "title"
        ),
        Some("All articles")
    );
    assert_eq!(
        fm_str(
            &front_matter(&dest.join("content/articles/no-description.md")),
            "description"
        ),
        Some("The first sentence says the main message.")
    );
    let about = front_matter(&dest.join("content/about.md"));
    assert_eq!(fm_str(&about, "title"), Some("About"));
    assert_eq!(fm_str(&about, "kind"), Some("page"));
    assert!(dest.join("static/images/logo.svg").is_file());
    let site = read(&dest, "site.yaml");
    for line in [
        "title: Generated library",
        "base_url: https://example.org/",
        "language: en-GB",
        "description: A generated example library.",
    ] {
        assert!(site.lines().any(|l| l == line), "{line}\n{site}");
    }

    // The report: every place not converted, with its line and what to do.
    let report = &run.stdout;
    for expected in [
        "content/articles/article-0.md:4: `date: 2024-01-01` is an edit or publishing date, not a clinical review date: it was not made `last_reviewed`",
        "content/articles/article-0.md:5: `lastmod: 2024-06-01` is an edit or publishing date",
        "content/articles/article-0.md:8: the taxonomy `series` was kept under `extra`",
        "content/articles/article-0.md:32: the shortcode `{{< youtube w7Ft2ymGmfc >}}` was not converted",
        "content/articles/hay-fever/index.md:4: `url: /hayfever/` set the page's address",
        "content/articles/article-0.md:12: `reviewed` has no medleaf equal; it was kept under `extra` (`page.extra.reviewed` in templates)",
        "content/about.md:3: `menu` was not converted",
        "content/articles/no-description.md:1: the article had no description; its first sentence was used",
        "layouts/: `layouts/` was not imported",
        "  = help: when a clinician has reviewed the whole page, set `last_reviewed`",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in:\n{report}"
        );
    }
    assert!(
        report.contains(&format!(
            "imported {} pages and copied 2 files into",
            ARTICLES + 5
        )),
        "{report}"
    );

    // medleaf builds it, and the converted links lead where Hugo's did.
    let out = build_and_check_links(&dest, "/");
    let doc = parse_html(&out.join("articles/article-0/index.html"));
    let hrefs = attrs(&doc, "main a", "href");
    for href in ["../article-1/", "../article-1/#part-two", "../hay-fever/"] {
        assert!(hrefs.contains(&href), "{href} not in {hrefs:?}");
    }
    let callout = doc
        .select(&sel(".callout--warning"))
        .next()
        .expect("the notice is a callout");
    assert!(text_of(callout).contains("A notice written with a Hugo shortcode."));
    assert!(
        !std::fs::read_to_string(out.join("articles/article-0/index.html"))
            .unwrap()
            .contains("youtube")
    );
    let doc = parse_html(&out.join("articles/hay-fever/index.html"));
    assert_eq!(
        attrs(&doc, "main figure img", "alt"),
        ["A drawing of a blue box"]
    );
    check_redirect(
        &out,
        "/hayfever/",
        "/articles/hay-fever/",
        "https://example.org/",
    );
}

#[test]
fn the_hand_made_zola_site_is_converted_and_builds() {
    let src = fixtures().join("import/zola");
    let before = snapshot(&src);
    let dir = tempfile::tempdir().unwrap();
    let (run, dest) = import("zola", &src, dir.path());
    run.assert_code(0);
    assert_eq!(snapshot(&src), before, "the source site was changed");

    let fm = front_matter(&dest.join("content/guides/breathing.md"));
    assert_eq!(fm_str(&fm, "title"), Some("Breathing: a short guide"));
    let topics: Vec<&str> = fm["topics"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(topics, ["Everyday care", "Lungs"]);
    // Review data the site kept under medleaf's own names in `extra` is taken over as it is.
    assert_eq!(fm_str(&fm, "last_reviewed"), Some("2024-05-01"));
    assert_eq!(fm["reviewed_by"]["name"].as_str(), Some("Example reviewer"));
    assert_eq!(fm["sources"][0]["accessed"].as_str(), Some("2024-04-20"));
    assert_eq!(fm["extra"]["mood"].as_str(), Some("calm"));
    assert_eq!(fm["aliases"][0].as_str(), Some("/old/breathing/"));
    for key in ["date", "updated", "taxonomies"] {
        assert!(fm.get(key).is_none(), "`{key}` in {fm:?}");
    }
    let text = read(&dest, "content/guides/breathing.md");
    assert!(
        text.contains("[inhaler guide](inhalers.md#using-it)"),
        "{text}"
    );
    assert!(text.contains("> [!TIP]\n> **A useful habit**\n>\n> Keep this leaflet with your other papers. See [the home page](../_index.md).\n"), "{text}");
    assert!(
        text.contains(
            "<!-- medleaf import: Zola shortcode not converted: youtube(id=\"abc123\") -->"
        ),
        "{text}"
    );
    assert!(text.contains("`{{ figure(src=\"x.png\") }}`"), "{text}");
    assert!(
        text.contains("```\n{{ not_a_shortcode(call=true) }}\n```"),
        "{text}"
    );

    let bundle = read(&dest, "content/guides/inhalers.md");
    assert!(
        bundle.contains(
            "![A drawing of a small box](inhalers/diagram.svg \"The box in the drawing.\")"
        ),
        "{bundle}"
    );
    assert!(
        bundle.contains("> [!CAUTION]\n> A warning written as a Zola shortcode.\n"),
        "{bundle}"
    );
    assert!(
        bundle.contains("[the breathing guide](breathing.md)"),
        "{bundle}"
    );
    assert!(dest.join("content/guides/inhalers/diagram.svg").is_file());
    assert_eq!(
        front_matter(&dest.join("content/guides/inhalers.md"))["aliases"][0].as_str(),
        Some("/inhaler-guide/")
    );
    assert!(
        read(&dest, "content/_index.md").contains(
            "[the guides](guides/_index.md) or the [breathing guide](guides/breathing.md)"
        )
    );
    assert_eq!(
        fm_str(&front_matter(&dest.join("content/about.md")), "kind"),
        Some("page")
    );
    assert!(dest.join("static/images/logo.svg").is_file());
    assert!(read(&dest, "site.yaml").contains("base_url: https://example.org/health\n"));

    let report = &run.stdout;
    for expected in [
        "content/guides/breathing.md:4: `date: 2023-04-01` is an edit or publishing date, not a clinical review date",
        "content/guides/breathing.md:5: `updated: 2024-02-02` is an edit or publishing date",
        "content/guides/breathing.md:9: the taxonomy `series` was kept under `extra`",
        "content/guides/breathing.md:26: the shortcode `{{ youtube(id=\"abc123\") }}` was not converted",
        "content/guides/_index.md:5: `paginate_by` was not converted",
        "content/about.md:3: `template` was not converted",
        "templates/: `templates/` was not imported",
        "config.toml: the setting `extra` was not imported",
    ] {
        assert!(
            report.contains(expected),
            "missing `{expected}` in:\n{report}"
        );
    }

    let out = build_and_check_links(&dest, "/health/");
    let doc = parse_html(&out.join("guides/breathing/index.html"));
    let hrefs = attrs(&doc, "main a", "href");
    assert!(hrefs.contains(&"../inhalers/#using-it"), "{hrefs:?}");
    assert!(doc.select(&sel(".callout--tip")).next().is_some());
    check_redirect(
        &out,
        "/inhaler-guide/",
        "/guides/inhalers/",
        "https://example.org/health/",
    );
    // medleaf reports what the converted articles still need: a clinical review.
    let check = medleaf(&["check", "--root", dest.to_str().unwrap(), "--today", TODAY]);
    check.assert_code(0);
    assert!(
        check
            .stderr
            .contains("article has no `last_reviewed` date\n --> content/guides/inhalers.md"),
        "{}",
        check.stderr
    );
}

#[test]
fn import_writes_only_into_a_new_or_empty_folder_outside_the_source() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("hugo-site");
    generate_hugo_site(&src);
    let before = snapshot(&src);
    // A folder that holds anything is refused, and left as it was.
    let full = dir.path().join("full");
    std::fs::create_dir_all(&full).unwrap();
    std::fs::write(full.join("keep.txt"), "mine").unwrap();
    let run = medleaf(&[
        "import",
        "hugo",
        src.to_str().unwrap(),
        full.to_str().unwrap(),
    ]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("is not empty; medleaf import writes only into a new or empty folder"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&full).len(), 1);
    // A folder inside the source site is refused: the source is never changed.
    let inner = src.join("converted");
    let run = medleaf(&[
        "import",
        "hugo",
        src.to_str().unwrap(),
        inner.to_str().unwrap(),
    ]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("is inside the site being imported"),
        "{}",
        run.stderr
    );
    assert!(!inner.exists());
    // A folder that is not a site.
    let run = medleaf(&[
        "import",
        "zola",
        full.to_str().unwrap(),
        dir.path().join("x").to_str().unwrap(),
    ]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("has no `content/` folder"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&src), before);
    // An empty folder is fine.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    medleaf(&[
        "import",
        "hugo",
        src.to_str().unwrap(),
        empty.to_str().unwrap(),
    ])
    .assert_code(0);
    assert!(empty.join("content/articles/hay-fever.md").is_file());
}
