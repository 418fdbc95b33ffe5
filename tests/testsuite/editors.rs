//! Editors' tools (issue 15): the severities a publisher sets in `site.yaml`, the checks a page
//! allows with a reason, and the review dashboard (`check --format html`).

use scraper::{Html, Selector};
use serde_json::Value;

use crate::common::{Site, TODAY, fixture, medleaf};

fn warnings_site() -> Site {
    fixture("health/health-warnings")
}

fn check(site: &Site, extra: &[&str]) -> crate::common::Run {
    let root = site.root.to_str().unwrap();
    let mut args = vec!["check", "--root", root, "--today", TODAY];
    args.extend_from_slice(extra);
    medleaf(&args)
}

fn json(site: &Site, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = check(site, &args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stderr))
}

fn with_code<'a>(doc: &'a Value, code: &str) -> Vec<&'a Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

/// Adds lines to a page's front matter, just after the opening `---`.
fn add_front_matter(site: &Site, file: &str, lines: &str) {
    let text = site.read(file);
    let rest = text.strip_prefix("---\n").expect("front matter");
    site.write(file, &format!("---\n{lines}{rest}"));
}

#[test]
fn a_publisher_sets_the_severity_of_each_code() {
    let site = warnings_site();
    let yaml = site.read("site.yaml")
        + "diagnostics:\n  review-overdue: error\n  readability: off\n  review-due: warning\n";
    site.write("site.yaml", &yaml);
    let doc = json(&site, &[]);
    let overdue = with_code(&doc, "review-overdue");
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0]["severity"], "error");
    assert!(with_code(&doc, "readability").is_empty(), "switched off");
    assert_eq!(with_code(&doc, "review-due")[0]["severity"], "warning");
    assert_eq!(doc["summary"]["errors"], 1);
    check(&site, &[]).assert_code(1);

    // `--strict` still turns the remaining warnings into errors; `off` stays off.
    let strict = json(&site, &["--strict"]);
    assert_eq!(with_code(&strict, "review-due")[0]["severity"], "error");
    assert!(with_code(&strict, "readability").is_empty());

    // The same rules hold for `build`: an error stops it.
    site.build(&[]).assert_code(1);
}

#[test]
fn an_unknown_code_or_severity_in_site_yaml_is_an_error_with_a_suggestion() {
    let site = warnings_site();
    let base = site.read("site.yaml");
    let line = base.lines().count() + 2;
    site.write(
        "site.yaml",
        &(base.clone() + "diagnostics:\n  readablity: error\n"),
    );
    let doc = json(&site, &[]);
    let config = with_code(&doc, "config");
    assert_eq!(config.len(), 1, "{doc:#}");
    let d = config[0];
    assert_eq!(d["message"], "`readablity` is not a diagnostic code");
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64()),
        (Some("site.yaml"), Some(line as u64))
    );
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `readability`?"),
        "{d:#}"
    );
    check(&site, &[]).assert_code(1);

    site.write("site.yaml", &(base + "diagnostics:\n  readability: loud\n"));
    let doc = json(&site, &[]);
    assert_eq!(
        with_code(&doc, "config")[0]["message"],
        "`loud` is not a severity for `readability`"
    );
}

#[test]
fn a_page_allows_a_named_check_with_a_reason() {
    let site = warnings_site();
    add_front_matter(
        &site,
        "content/hard-reading.md",
        "allow:\n  readability: \"written for clinicians\"\n",
    );
    // An allowance that silences nothing is a warning at its key.
    add_front_matter(
        &site,
        "content/overdue.md",
        "allow:\n  link-text: \"no vague links here\"\n",
    );
    let doc = json(&site, &[]);
    assert!(with_code(&doc, "readability").is_empty(), "allowed");
    assert_eq!(
        doc["allowed"],
        serde_json::json!([
            {"file": "content/hard-reading.md", "code": "readability", "reason": "written for clinicians", "silenced": 1},
            {"file": "content/overdue.md", "code": "link-text", "reason": "no vague links here", "silenced": 0},
        ])
    );
    let unused = with_code(&doc, "allow-unused");
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0]["file"], "content/overdue.md");
    assert_eq!(
        (unused[0]["line"].as_u64(), unused[0]["column"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(unused[0]["severity"], "warning");
    // Only the page's own problems: the other pages keep theirs.
    assert_eq!(with_code(&doc, "link-text").len(), 2);

    // The human summary lists the pages that allow checks.
    let run = check(&site, &[]);
    assert!(
        run.stdout
            .contains("content/hard-reading.md allows readability (written for clinicians)"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_allowance_needs_a_known_check_and_a_reason() {
    let site = warnings_site();
    add_front_matter(
        &site,
        "content/hard-reading.md",
        "allow:\n  readabilty: \"x\"\n",
    );
    add_front_matter(
        &site,
        "content/overdue.md",
        "allow:\n  review-overdue: \"\"\n",
    );
    let doc = json(&site, &[]);
    let errors = with_code(&doc, "front-matter");
    let unknown = errors
        .iter()
        .find(|d| d["file"] == "content/hard-reading.md")
        .expect("unknown check reported");
    assert_eq!(unknown["message"], "`allow` cannot name `readabilty`");
    assert_eq!(unknown["help"], "did you mean `readability`?");
    assert_eq!(unknown["line"], 3);
    let no_reason = errors
        .iter()
        .find(|d| d["file"] == "content/overdue.md")
        .expect("missing reason reported");
    assert_eq!(
        no_reason["message"],
        "`allow` needs a reason for `review-overdue`"
    );
    // Without a reason nothing is silenced.
    assert_eq!(with_code(&doc, "review-overdue").len(), 1);
    check(&site, &[]).assert_code(1);
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The text of each row of the table in section `id`.
fn rows(doc: &Html, id: &str) -> Vec<String> {
    select(doc, &format!("section[aria-labelledby=\"{id}\"] tbody tr"))
        .iter()
        .map(|r| r.text().collect::<String>())
        .collect()
}

#[test]
fn the_dashboard_is_one_self_contained_accessible_page() {
    let site = warnings_site();
    // An overdue snippet, embedded by one page.
    site.write(
        "snippets/old-advice.md",
        "---\ntitle: Old advice\nlast_reviewed: 2020-01-01\nnext_review: 2023-01-01\nreviewed_by: Dr. Late\n---\nOld advice.\n",
    );
    let due = site.read("content/due-soon.md");
    site.write("content/due-soon.md", &format!("{due}\n![[old-advice]]\n"));
    add_front_matter(
        &site,
        "content/hard-reading.md",
        "allow:\n  source-old: \"the classic study\"\n",
    );
    let out = site.scratch().join("dashboard.html");
    let run = check(
        &site,
        &["--format", "html", "--output", out.to_str().unwrap()],
    );
    run.assert_code(0);
    assert!(run.stdout.is_empty(), "written to the file only");
    let text = std::fs::read_to_string(&out).unwrap();
    // The same page on standard output.
    assert_eq!(check(&site, &["--format", "html"]).stdout, text);
    let doc = Html::parse_document(&text);

    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(select(&doc, "h1").len(), 1);
    // Counts at the top.
    let counts: Vec<String> = select(&doc, ".counts li")
        .iter()
        .map(|li| li.text().collect::<String>())
        .collect();
    assert!(
        counts.contains(&"1 reviews overdue".to_owned()),
        "{counts:?}"
    );
    assert!(
        counts.contains(&"1 reviews due soon".to_owned()),
        "{counts:?}"
    );

    // The tables editors act on, each row linking to the file and the page.
    let overdue = rows(&doc, "overdue");
    assert_eq!(overdue.len(), 1);
    assert!(overdue[0].contains("content/overdue.md") && overdue[0].contains("Dr. Late"));
    let link = select(&doc, "section[aria-labelledby=\"overdue\"] tbody a");
    let hrefs: Vec<&str> = link.iter().filter_map(|a| a.value().attr("href")).collect();
    assert!(
        hrefs.contains(&"https://warnings.example/overdue/"),
        "{hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .any(|h| h.starts_with("file:///") && h.ends_with("/content/overdue.md")),
        "{hrefs:?}"
    );
    assert!(rows(&doc, "due-soon")[0].contains("content/due-soon.md"));
    assert!(
        rows(&doc, "no-review")
            .iter()
            .any(|r| r.contains("content/no-review.md"))
    );
    let snippets = rows(&doc, "overdue-snippets");
    assert_eq!(snippets.len(), 1);
    assert!(snippets[0].contains("old-advice") && snippets[0].contains("content/due-soon.md"));
    assert!(rows(&doc, "old-sources")[0].contains("content/sources.md"));
    assert!(rows(&doc, "reading")[0].contains("content/hard-reading.md"));
    let allowed = rows(&doc, "allowed");
    assert_eq!(allowed.len(), 1);
    assert!(allowed[0].contains("the classic study"));
    let reviewers = rows(&doc, "reviewers");
    assert!(
        reviewers.contains(&"Dr. Late11".to_owned()),
        "{reviewers:?}"
    );
    // No stale-translation table on a one-language site, no external table without --external.
    assert!(select(&doc, "#stale-translations").is_empty());
    assert!(select(&doc, "#external").is_empty());

    // Self-contained, and nothing the Content-Security-Policy of a strict host would block in
    // attributes: no inline style or event attributes, nothing loaded.
    for el in select(&doc, "*") {
        for (name, _) in el.value().attrs() {
            assert!(
                name != "style" && !name.starts_with("on"),
                "`{name}` attribute on <{}>",
                el.value().name()
            );
        }
        assert!(el.value().attr("src").is_none(), "nothing loaded");
    }
    assert!(select(&doc, "link").is_empty());
    assert_eq!(select(&doc, "script").len(), 1);
    assert_eq!(select(&doc, "style").len(), 1);
    // Tables have column headers and scroll regions reachable by keyboard.
    for th in select(&doc, "thead th") {
        assert_eq!(th.value().attr("scope"), Some("col"));
    }
    for region in select(&doc, ".scroll") {
        assert_eq!(region.value().attr("tabindex"), Some("0"));
        assert!(region.value().attr("aria-labelledby").is_some());
    }
    assert!(text.contains("@media print"));
}

#[test]
fn output_needs_a_document_format_and_refresh_needs_external() {
    let site = warnings_site();
    let out = site.scratch().join("x.txt");
    let run = check(&site, &["--output", out.to_str().unwrap()]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("`--output` writes JSON or HTML"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    check(&site, &["--refresh"]).assert_code(2);
    // JSON to a file: the same document as on standard output.
    let json_out = site.scratch().join("check.json");
    check(
        &site,
        &["--format", "json", "--output", json_out.to_str().unwrap()],
    )
    .assert_code(0);
    assert_eq!(
        std::fs::read_to_string(&json_out).unwrap(),
        check(&site, &["--format", "json"]).stdout
    );
}

#[test]
fn the_dashboard_of_a_bilingual_site_lists_its_stale_translations() {
    let site = fixture("languages/bilingual");
    let doc = Html::parse_document(&check(&site, &["--format", "html"]).stdout);
    let stale = rows(&doc, "stale-translations");
    assert_eq!(stale.len(), 1, "{stale:?}");
    assert!(
        stale[0].contains("content/conditions/low-count.es.md:5"),
        "{stale:?}"
    );
    // The row links to the Spanish page as published.
    let hrefs: Vec<String> = select(&doc, "section[aria-labelledby=\"stale-translations\"] a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(hrefs.iter().any(|h| h.contains("/es/")), "{hrefs:?}");
}
