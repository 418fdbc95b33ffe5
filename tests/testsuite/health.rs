//! The patient-education layer (issue 3), driven like a user: review governance, sources,
//! glossary, readability, care cards, alerts, JSON-LD and metadata, accessibility lints, the
//! build report and `--strict`. Each diagnostic has a fixture that triggers it.

use crate::common::{Diag, Site, TODAY, fixture, parse_html, sel};
use scraper::Html;
use serde_json::Value;

/// The 1-based line of the first line of `rel` containing `needle`.
fn line_of(site: &Site, rel: &str, needle: &str) -> usize {
    site.read(rel)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in {rel}"))
        + 1
}

/// The one diagnostic with this message, checked to point at `file:line`.
#[track_caller]
fn expect(diags: &[Diag], severity: &str, message: &str, file: &str, line: usize) -> Diag {
    let d = crate::common::find_diag(diags, message).clone();
    assert_eq!(d.severity, severity, "{d:#?}");
    let loc = d.location.clone().expect("a location");
    let (f, rest) = loc.split_once(':').unwrap();
    let l: usize = rest.split(':').next().unwrap().parse().unwrap();
    assert_eq!((f, l), (file, line), "{d:#?}");
    d
}

fn page(site: &Site, rel: &str) -> Html {
    parse_html(&site.public().join(rel))
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn valid_site_builds_without_warnings() {
    let site = fixture("health/health-valid");
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
    assert!(
        run.stdout.contains("median reading grade"),
        "{}",
        run.stdout
    );
}

#[test]
fn review_block_shows_dates_and_reviewer() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    let doc = page(&site, "blood-count/index.html");
    let review = texts(&doc, "#page-review p");
    assert_eq!(
        review,
        [
            "Page last reviewed: 12 March 2026",
            "Next review due: 12 March 2029",
            "Reviewed by: Dr. Ada Example, Hematologist",
        ]
    );
    let times: Vec<&str> = crate::common::attrs(&doc, "#page-review time", "datetime");
    assert_eq!(times, ["2026-03-12", "2029-03-12"]);
    // Without `next_review`, the site's interval (2 years here) is used.
    let other = page(&site, "other/index.html");
    assert_eq!(
        texts(&other, "#page-review p"),
        [
            "Page last reviewed: 20 May 2026",
            "Next review due: 20 May 2028",
            "Reviewed by: Sam Example"
        ]
    );
}

#[test]
fn sources_are_a_numbered_list() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    let doc = page(&site, "blood-count/index.html");
    let items = texts(&doc, "#page-sources ol > li");
    assert_eq!(items.len(), 3);
    assert!(
        items[0].starts_with("Blood differential test. MedlinePlus. Accessed 1 March 2026."),
        "{}",
        items[0]
    );
    let links: Vec<&str> = crate::common::attrs(&doc, "#page-sources ol > li cite a", "href");
    assert_eq!(links[0], "https://medlineplus.gov/ency/article/003657.htm");
    assert_eq!(texts(&doc, "#page-sources h2"), ["Sources"]);
}

#[test]
fn article_parts_come_in_the_documented_order() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    let html = site.read("public/blood-count/index.html");
    let order = [
        ">Your blood count</h1>",
        "class=\"lead\"",
        "care-card--non-urgent",
        "id=\"page-sources\"",
        "id=\"page-review\"",
        "id=\"page-related\"",
        "id=\"page-backlinks\"",
        "id=\"page-topics\"",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|m| html.find(m).unwrap_or_else(|| panic!("{m} missing")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn glossary_terms_link_at_first_use_only_outside_markup() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    let doc = page(&site, "blood-count/index.html");
    let terms: Vec<(String, String)> = doc
        .select(&sel(".article-body a.glossary-term"))
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_owned(),
            )
        })
        .collect();
    // "neutrophils" is linked once (first use, in the first paragraph), not in the heading,
    // code or link text; "ANC" matches the also-called form of its term.
    assert_eq!(
        terms,
        [
            (
                "neutrophils".to_owned(),
                "../glossary/#neutrophils".to_owned()
            ),
            (
                "ANC".to_owned(),
                "../glossary/#absolute-neutrophil-count".to_owned()
            ),
        ]
    );
    assert!(doc.select(&sel("h2 a.glossary-term")).next().is_none());
    let definition = doc
        .select(&sel("a.glossary-term"))
        .next()
        .and_then(|a| a.value().attr("data-definition"))
        .unwrap();
    assert_eq!(
        definition,
        "The most common white blood cells. They fight infection."
    );
    // The glossary page: one entry per term, sorted, with stable ids and the `see` link.
    let g = page(&site, "glossary/index.html");
    let ids: Vec<&str> = crate::common::attrs(&g, "dl.glossary dt", "id");
    assert_eq!(ids, ["absolute-neutrophil-count", "neutrophils"]);
    assert_eq!(
        texts(&g, "dl.glossary dd p.also-called"),
        ["Also called: ANC", "Also called: neutrophil"]
    );
    let see: Vec<&str> = crate::common::attrs(&g, "dl.glossary dd a", "href");
    assert_eq!(see, ["../blood-count/"]);
}

#[test]
fn care_cards_have_hidden_prefixes_visible_labels_and_the_site_number() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    let doc = page(&site, "blood-count/index.html");
    let classes: Vec<String> = doc
        .select(&sel(".care-card"))
        .map(|c| c.value().attr("class").unwrap().to_owned())
        .collect();
    assert_eq!(
        classes,
        [
            "care-card care-card--non-urgent",
            "care-card care-card--urgent",
            "care-card care-card--emergency"
        ]
    );
    assert_eq!(
        texts(&doc, ".care-card .visually-hidden"),
        [
            "Non-urgent advice:",
            "Urgent advice:",
            "Immediate action required:"
        ]
    );
    assert_eq!(
        texts(&doc, ".care-card__label"),
        ["Non-urgent", "Urgent", "Emergency"]
    );
    // Headings sit one level below the section they are in (h2 "When to get medical help").
    assert_eq!(
        texts(&doc, ".care-card h3.care-card__heading"),
        [
            "Non-urgent advice: See your doctor if:",
            "Urgent advice: Call your doctor today if:",
            "Immediate action required: Call 112 now if:",
        ]
    );
    assert_eq!(doc.select(&sel(".care-card--emergency li")).count(), 2);
    // The number comes from site.yaml, in content and in the theme, never typed in templates.
    let disclaimer = site.read("public/disclaimer/index.html");
    // ... and it is a link a phone can call (issue 14).
    assert!(
        disclaimer.contains("call <a class=\"tel-link\" href=\"tel:112\">112</a>."),
        "{disclaimer}"
    );
    assert!(!site.read("public/blood-count/index.html").contains("911"));
}

#[test]
fn gfm_alerts_are_labelled_notes() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    let doc = page(&site, "blood-count/index.html");
    let alert = doc
        .select(&sel("div.callout.callout--note[role=note]"))
        .next()
        .expect("a note");
    let text: String = alert.text().collect();
    assert!(
        text.contains("Note") && text.contains("Normal ranges differ"),
        "{text}"
    );
}

/// Every value in the JSON is non-empty (no "", [], {} or null).
fn assert_no_empty(v: &Value, path: &str) {
    match v {
        Value::Null => panic!("null at {path}"),
        Value::String(s) => assert!(!s.trim().is_empty(), "empty string at {path}"),
        Value::Array(a) => {
            assert!(!a.is_empty(), "empty array at {path}");
            for (i, x) in a.iter().enumerate() {
                assert_no_empty(x, &format!("{path}[{i}]"));
            }
        }
        Value::Object(o) => {
            assert!(!o.is_empty(), "empty object at {path}");
            for (k, x) in o {
                assert_no_empty(x, &format!("{path}.{k}"));
            }
        }
        _ => {}
    }
}

#[test]
fn articles_carry_medical_web_page_json_ld_and_metadata() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    let doc = page(&site, "blood-count/index.html");
    let scripts: Vec<String> = doc
        .select(&sel("script[type='application/ld+json']"))
        .map(|s| s.text().collect())
        .collect();
    assert_eq!(scripts.len(), 1);
    let ld: Value = serde_json::from_str(&scripts[0]).expect("valid JSON");
    assert_no_empty(&ld, "$");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "MedicalWebPage");
    assert_eq!(ld["name"], "Your blood count");
    assert_eq!(
        ld["description"],
        "A blood count shows how many of each kind of blood cell you have."
    );
    assert_eq!(ld["url"], "https://health.example/blood-count/");
    assert_eq!(ld["inLanguage"], "en-GB");
    assert_eq!(ld["lastReviewed"], "2026-03-12");
    assert_eq!(ld["reviewedBy"]["@type"], "Person");
    assert_eq!(ld["reviewedBy"]["name"], "Dr. Ada Example");
    assert_eq!(ld["reviewedBy"]["jobTitle"], "Hematologist");
    assert_eq!(ld["medicalAudience"]["@type"], "Patient");
    assert_eq!(ld["about"]["@type"], "MedicalCondition");
    assert_eq!(ld["about"]["name"], "Neutropenia");
    assert_eq!(
        ld["about"]["alternateName"],
        serde_json::json!(["low neutrophil count", "low ANC"])
    );
    let citations = ld["citation"].as_array().unwrap();
    assert_eq!(citations.len(), 3);
    assert_eq!(
        citations[0]["url"],
        "https://medlineplus.gov/ency/article/003657.htm"
    );
    assert_eq!(citations[0]["publisher"]["name"], "MedlinePlus");
    assert_eq!(ld["isPartOf"]["@type"], "WebSite");
    assert_eq!(ld["isPartOf"]["url"], "https://health.example/");
    // An article without `condition` has no `about`; one reviewed by a plain name has no jobTitle.
    let other = page(&site, "other/index.html");
    let text: String = other
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap()
        .text()
        .collect();
    let ld: Value = serde_json::from_str(&text).unwrap();
    assert_no_empty(&ld, "$");
    assert!(ld.get("about").is_none());
    assert!(ld["reviewedBy"].get("jobTitle").is_none());
    // Metadata.
    let attr = |css: &str, name: &str| -> String {
        doc.select(&sel(css))
            .next()
            .and_then(|e| e.value().attr(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(attr("html", "lang"), "en-GB");
    assert_eq!(
        attr("meta[name=description]", "content"),
        "A blood count shows how many of each kind of blood cell you have."
    );
    assert_eq!(
        attr("meta[property='og:title']", "content"),
        "Your blood count"
    );
    assert_eq!(
        attr("meta[property='og:description']", "content"),
        "A blood count shows how many of each kind of blood cell you have."
    );
    assert_eq!(
        attr("link[rel=canonical]", "href"),
        "https://health.example/blood-count/"
    );
    // Plain pages have no JSON-LD.
    let d = page(&site, "disclaimer/index.html");
    assert!(
        d.select(&sel("script[type='application/ld+json']"))
            .next()
            .is_none()
    );
}

#[test]
fn every_page_has_the_disclaimer_line_linking_to_the_full_page() {
    let site = fixture("health/health-valid");
    site.build(&[]).assert_code(0);
    for rel in crate::common::html_files(&site.public()) {
        let doc = page(&site, &rel);
        let line = texts(&doc, "footer .disclaimer");
        assert_eq!(line.len(), 1, "{rel}");
        assert!(
            line[0].starts_with("Test disclaimer line."),
            "{rel}: {}",
            line[0]
        );
        let link = doc
            .select(&sel("footer .disclaimer a"))
            .next()
            .and_then(|a| a.value().attr("href"));
        let resolved =
            crate::common::resolve(&crate::common::url_of(&rel), link.unwrap(), "/").unwrap();
        assert_eq!(resolved.url, "/disclaimer/", "{rel}");
    }
}

#[test]
fn html_does_not_depend_on_the_comparison_date() {
    let site = fixture("health/health-valid");
    let a = site.scratch().join("a");
    let b = site.scratch().join("b");
    let report = site.scratch().join("report.json");
    let build_on = |out: &std::path::Path, today: &str| {
        let root = site.root.to_str().unwrap();
        crate::common::medleaf(&[
            "build",
            "--root",
            root,
            "--output",
            out.to_str().unwrap(),
            "--today",
            today,
            "--report",
            report.to_str().unwrap(),
        ])
        .assert_code(0);
    };
    build_on(&a, "2026-06-01");
    build_on(&b, "2031-01-01");
    let (sa, sb) = (crate::common::snapshot(&a), crate::common::snapshot(&b));
    assert_eq!(sa, sb, "the published site is the same whatever the date");
    // The report is not published, and records the date it was checked against.
    assert!(!sa.contains_key("medleaf-report.json"));
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(report["today"], "2031-01-01");
    assert_eq!(report["summary"]["reviews_overdue"], 2);
}

#[test]
fn report_scores_agree_with_the_published_formulas() {
    let site = fixture("health/health-valid");
    site.build(&[
        "--report",
        site.root.join("reports/report.json").to_str().unwrap(),
    ])
    .assert_code(0);
    let report: Value = serde_json::from_str(&site.read("reports/report.json")).unwrap();
    assert_eq!(report["version"], 2);
    assert_eq!(report["today"], TODAY);
    assert_eq!(report["summary"]["articles"], 2);
    let articles = report["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    for a in articles {
        let r = &a["readability"];
        let (w, s, y, p) = (
            r["words"].as_f64().unwrap(),
            r["sentences"].as_f64().unwrap(),
            r["syllables"].as_f64().unwrap(),
            r["polysyllables"].as_f64().unwrap(),
        );
        let fre = 206.835 - 1.015 * (w / s) - 84.6 * (y / w);
        let fk = 0.39 * (w / s) + 11.8 * (y / w) - 15.59;
        let smog = 1.0430 * (p * 30.0 / s).sqrt() + 3.1291;
        assert!(
            (r["flesch_reading_ease"].as_f64().unwrap() - fre).abs() <= 0.005 + 1e-9,
            "{a}"
        );
        assert!(
            (r["flesch_kincaid_grade"].as_f64().unwrap() - fk).abs() <= 0.005 + 1e-9,
            "{a}"
        );
        assert!(
            (r["smog"].as_f64().unwrap() - smog).abs() <= 0.005 + 1e-9,
            "{a}"
        );
        assert_eq!(a["review_status"], "current");
    }
    let blood = articles
        .iter()
        .find(|a| a["file"] == "content/blood-count.md")
        .unwrap();
    // Prose: the paragraphs, the note and the list items; headings, inline code and card
    // headings are not prose. "Your blood has cells called neutrophils. Neutrophils fight
    // germs." is 9 words in 2 sentences; the second paragraph, without its inline code, 20
    // words in 4 sentences (the last ends at the end of the paragraph); the note 7 words; the
    // four list items 7 + 8 + 3 + 4 words, one sentence each.
    assert_eq!(blood["readability"]["words"], 9 + 20 + 7 + 7 + 8 + 3 + 4);
    assert_eq!(blood["readability"]["sentences"], 2 + 4 + 1 + 1 + 1 + 1 + 1);
    assert_eq!(blood["last_reviewed"], "2026-03-12");
    assert_eq!(blood["next_review"], "2029-03-12");
    assert_eq!(blood["reviewed_by"], "Dr. Ada Example");
}

#[test]
fn every_warning_in_one_run_with_file_and_line() {
    // Its `site.yaml` asks for the governance report in `reports/`.
    let site = fixture("health/health-warnings");
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(!site.public().join("medleaf-report.json").exists());
    let d = run.diagnostics();
    let w = "warning";
    // Review governance.
    expect(
        &d,
        w,
        "article has no `last_reviewed` date",
        "content/no-review.md",
        1,
    );
    expect(
        &d,
        w,
        "article does not say who reviewed it",
        "content/no-review.md",
        1,
    );
    expect(
        &d,
        w,
        "review overdue: the next review was due on 1 January 2026",
        "content/overdue.md",
        line_of(&site, "content/overdue.md", "next_review:"),
    );
    expect(
        &d,
        w,
        "review due soon: the next review is due on 10 January 2027 (in 34 days)",
        "content/due-soon.md",
        line_of(&site, "content/due-soon.md", "next_review:"),
    );
    // Sources.
    expect(&d, w, "article has no sources", "content/no-sources.md", 1);
    let f = "content/sources.md";
    expect(
        &d,
        w,
        "source `No address` has no `url`",
        f,
        line_of(&site, f, "title: No address"),
    );
    expect(
        &d,
        w,
        "source `No date` has no `accessed` date",
        f,
        line_of(&site, f, "title: No date"),
    );
    expect(
        &d,
        w,
        "source `Very old` was accessed on 1 May 2019, more than 5 years before the last review",
        f,
        line_of(&site, f, "accessed: 2019-05-01"),
    );
    // Readability: the grade, and the three longest sentences with file:line.
    let f = "content/hard-reading.md";
    let r = d
        .iter()
        .find(|x| x.message.starts_with("reading grade "))
        .expect("a readability warning");
    assert!(
        r.message.ends_with("is above the site's maximum of 8"),
        "{r:#?}"
    );
    let help = run
        .stderr
        .split("shorten the longest sentences")
        .nth(1)
        .unwrap();
    for needle in ["Idiosyncratic agranulocytosis", "Intermediate explanations"] {
        let line = line_of(&site, f, needle);
        assert!(help.contains(&format!("{f}:{line} (15 words)")), "{help}");
    }
    assert_eq!(
        d.iter()
            .filter(|x| x.message.starts_with("reading grade "))
            .count(),
        1
    );
    // Care cards.
    let f = "content/cards.md";
    let second = line_of(&site, f, "Call now if you see");
    expect(
        &d,
        w,
        "more than one emergency card on this page",
        f,
        second,
    );
    expect(&d, w, "link inside an emergency card", f, second);
    expect(
        &d,
        w,
        "care card without a list",
        f,
        line_of(&site, f, "[!URGENT]"),
    );
    // Accessibility lints.
    let f = "content/a11y.md";
    expect(
        &d,
        w,
        "heading level skipped: h2 to h4",
        f,
        line_of(&site, f, "#### Too deep"),
    );
    expect(
        &d,
        w,
        "a second top-level heading",
        f,
        line_of(&site, f, "# A second title"),
    );
    expect(
        &d,
        w,
        "link text `click here` does not say where the link goes",
        f,
        line_of(&site, f, "click here"),
    );
    expect(
        &d,
        w,
        "table without a header row",
        f,
        line_of(&site, f, "| | |"),
    );
    assert!(d.iter().all(|x| x.severity == "warning"), "{d:#?}");
    // The report lists them per article.
    let report: Value = serde_json::from_str(&site.read("reports/report.json")).unwrap();
    let status = |file: &str| {
        report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["file"] == file)
            .map(|a| a["review_status"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(status("content/overdue.md"), "overdue");
    assert_eq!(status("content/due-soon.md"), "due-soon");
    assert_eq!(status("content/no-review.md"), "missing");
    assert_eq!(
        report["summary"]["warnings"].as_u64().unwrap() as usize,
        d.len()
    );
}

#[test]
fn strict_turns_warnings_into_errors_and_writes_nothing() {
    let site = fixture("health/health-warnings");
    let run = site.build(&["--strict"]);
    run.assert_code(1);
    let d = run.diagnostics();
    assert!(
        !d.is_empty() && d.iter().all(|x| x.severity == "error"),
        "{d:#?}"
    );
    assert!(!site.public().exists());
}

#[test]
fn warn_days_and_today_move_the_due_soon_window() {
    let site = fixture("health/health-warnings");
    // 34 days before the due date: inside the default 90-day window, outside a 30-day one.
    site.write("site.yaml", "title: Warnings\nreview:\n  warn_days: 30\n");
    let run = site.build(&[]);
    assert!(!run.stderr.contains("review due soon"), "{}", run.stderr);
    // A later comparison date makes it overdue.
    let run = crate::common::medleaf(&[
        "build",
        "--root",
        site.root.to_str().unwrap(),
        "--today",
        "2027-02-01",
    ]);
    assert!(
        run.stderr
            .contains("review overdue: the next review was due on 10 January 2027"),
        "{}",
        run.stderr
    );
}

#[test]
fn next_review_before_last_review_is_an_error() {
    let site = fixture("health/health-valid");
    let f = "content/other.md";
    let text = site.read(f).replace(
        "last_reviewed: 2026-05-20",
        "last_reviewed: 2026-05-20\nnext_review: 2026-05-20",
    );
    site.write(f, &text);
    let run = site.build(&[]);
    run.assert_code(1);
    let d = expect(
        &run.diagnostics(),
        "error",
        "`next_review` (2026-05-20) is not after `last_reviewed` (2026-05-20)",
        f,
        line_of(&site, f, "next_review:"),
    );
    assert!(d.help.is_some());
}

#[test]
fn image_without_alt_text_is_an_error() {
    let site = fixture("health/health-valid");
    site.write("static/cells.png", "not really a png");
    let f = "content/other.md";
    let text = site.read(f) + "\n![](/cells.png)\n";
    site.write(f, &text);
    let run = site.build(&[]);
    run.assert_code(1);
    expect(
        &run.diagnostics(),
        "error",
        "image without alt text",
        f,
        line_of(&site, f, "![](/cells.png)"),
    );
}

#[test]
fn glossary_terms_listed_twice_and_bad_see_are_errors() {
    let site = fixture("health/health-valid");
    let f = "content/glossary.yaml";
    site.write(
        f,
        "neutrophils:\n  definition: White cells.\n  also_called: [ANC]\nabsolute neutrophil count:\n  definition: A count.\n  also_called: [ANC]\n  see: blood-cuont.md\nNeutrophils:\n  definition: Again.\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    let d = run.diagnostics();
    let anc = d
        .iter()
        .find(|x| x.message == "`ANC` is listed twice in the glossary")
        .expect("duplicate also_called");
    assert_eq!(anc.location.as_deref(), Some("content/glossary.yaml:6:17"));
    assert_eq!(
        anc.label.as_deref(),
        Some("already listed under `neutrophils`")
    );
    expect(
        &d,
        "error",
        "`Neutrophils` is listed twice in the glossary",
        f,
        8,
    );
    let see = expect(
        &d,
        "error",
        "broken link to `blood-cuont.md` in `see`",
        f,
        7,
    );
    assert_eq!(see.help.as_deref(), Some("did you mean `blood-count.md`?"));
}

#[test]
fn short_articles_get_scores_but_no_readability_warning() {
    let site = fixture("health/health-valid");
    let f = "content/other.md";
    let text = site.read(f)
        + "\nIdiosyncratic agranulocytosis constitutes unpredictable hematological complications.\n";
    site.write(f, &text);
    let run = site.build(&[
        "--report",
        site.root.join("reports/report.json").to_str().unwrap(),
    ]);
    run.assert_code(0);
    assert!(!run.stderr.contains("reading grade"), "{}", run.stderr);
    let report: Value = serde_json::from_str(&site.read("reports/report.json")).unwrap();
    let other = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["file"] == f)
        .unwrap();
    assert!(
        other["readability"]["flesch_kincaid_grade"]
            .as_f64()
            .unwrap()
            > 8.0
    );
}
