//! Governance without holes (issue 11): each rule a diagnostic with a stable code, file and
//! line (`governance/rules/`), the site-wide notice, `about:` in structured data, and the
//! governance report kept out of the published site.

use serde_json::Value;

use crate::common::{TODAY, fixture, medleaf, parse_html, sel, text_of};

fn check_json(root: &std::path::Path) -> Value {
    let run = medleaf(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--today",
        TODAY,
        "--format",
        "json",
    ]);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stdout))
}

/// (severity, code, file:line:col, message) of every diagnostic.
fn found(doc: &Value) -> Vec<(String, String, String, String)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_owned(),
                d["code"].as_str().unwrap().to_owned(),
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap_or(""),
                    d["line"],
                    d["column"]
                ),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_governance_rule_is_a_diagnostic_at_its_line() {
    let site = fixture("governance/rules");
    let doc = check_json(&site.root);
    let all = found(&doc);
    let expect = |severity: &str, code: &str, at: &str, message: &str| {
        assert!(
            all.iter()
                .any(|d| d.0 == severity && d.1 == code && d.2 == at && d.3 == message),
            "missing {severity} {code} at {at}: {message}\nfound {all:#?}"
        );
    };
    expect(
        "error",
        "review-future",
        "content/future.md:5:16",
        "`last_reviewed` is 20 December 2026, after today (7 December 2026)",
    );
    // Every placeholder `medleaf new` writes, in front matter and body; not words that merely
    // contain the letters, and not in a draft.
    let todos: Vec<&String> = all
        .iter()
        .filter(|d| d.1 == "todo-left")
        .map(|d| &d.2)
        .collect();
    assert_eq!(
        todos,
        [
            "content/todo.md:3:14",
            "content/todo.md:5:21",
            "content/todo.md:5:47",
            "content/todo.md:12:1"
        ]
    );
    expect(
        "warning",
        "duplicate-title",
        "content/anemia-b.md:2:8",
        "`anemia-a.md` and `anemia-b.md` have the same title, \"anemia\"",
    );
    expect(
        "warning",
        "topic-variant",
        "content/anemia-b.md:4:10",
        "topic `asthma` differs from `Asthma` only in case or spacing",
    );
    expect(
        "warning",
        "topic-variant",
        "content/breathing.md:4:10",
        "topic `Asthama` looks like a misspelling of `Asthma`",
    );
    expect(
        "warning",
        "topic-variant",
        "content/inhalers.md:4:18",
        "topic `Blood  tests` differs from `Blood tests` only in case or spacing",
    );
    expect(
        "warning",
        "source-after-review",
        "content/late-source.md:11:15",
        "source `A source` was accessed on 20 November 2026, after the last review (1 November 2026)",
    );
    let help = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"] == "topic `Asthama` looks like a misspelling of `Asthma`")
        .unwrap()["help"]
        .clone();
    assert_eq!(help, "did you mean `Asthma`? (3 pages use it)");
    assert_eq!(doc["summary"]["errors"], 5);
    assert_eq!(doc["summary"]["warnings"], 5, "{all:#?}");
}

#[test]
fn case_variants_of_a_topic_are_one_topic_page() {
    let site = fixture("governance/rules");
    // The page with placeholders and the future review are errors; drop them to build.
    std::fs::remove_file(site.path("content/todo.md")).unwrap();
    std::fs::remove_file(site.path("content/future.md")).unwrap();
    site.build(&[]).assert_code(0);
    let topics = parse_html(&site.public().join("topics/index.html"));
    let names: Vec<String> = topics
        .select(&sel("main .page-list a"))
        .map(text_of)
        .collect();
    assert_eq!(names, ["Asthama", "Asthma", "Blood tests"]);
    let asthma = parse_html(&site.public().join("topics/asthma/index.html"));
    assert_eq!(asthma.select(&sel("main .page-list li")).count(), 3);
}

#[test]
fn the_notice_is_on_every_page_above_the_title_in_main() {
    let site = fixture("governance/rules");
    std::fs::remove_file(site.path("content/todo.md")).unwrap();
    std::fs::remove_file(site.path("content/future.md")).unwrap();
    site.build(&[]).assert_code(0);
    for page in crate::common::html_files(&site.public()) {
        let doc = parse_html(&site.public().join(&page));
        let notice = doc
            .select(&sel("main .site-notice"))
            .next()
            .unwrap_or_else(|| panic!("{page} has no notice in its main landmark"));
        assert_eq!(
            text_of(notice),
            "Demonstration site. Its content is not reviewed. See the project.",
            "{page}"
        );
        let html = doc.html();
        if let Some(h1) = html.find("<h1") {
            assert!(
                html.find("site-notice").unwrap() < h1,
                "{page}: notice after the title"
            );
        }
    }
}

#[test]
fn a_notice_that_is_not_one_short_paragraph_is_a_config_error() {
    let site = fixture("governance/rules");
    site.write(
        "site.yaml",
        "title: x\nnotice: |\n  First paragraph.\n\n  Second paragraph.\n",
    );
    let doc = check_json(&site.root);
    let all = found(&doc);
    assert!(
        all.iter().any(|d| d.1 == "config"
            && d.2 == "site.yaml:2:1"
            && d.3 == "the notice must be one short paragraph"),
        "{all:#?}"
    );
}

#[test]
fn about_names_tests_treatments_and_medicines_in_structured_data() {
    let site = fixture("governance/rules");
    std::fs::remove_file(site.path("content/todo.md")).unwrap();
    std::fs::remove_file(site.path("content/future.md")).unwrap();
    site.build(&[]).assert_code(0);
    let doc = parse_html(&site.public().join("about-types/index.html"));
    let script = doc
        .select(&sel("script[type='application/ld+json']"))
        .next()
        .unwrap()
        .inner_html();
    let json: Value = serde_json::from_str(&script).unwrap();
    let about: Vec<(String, String)> = json["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["@type"].as_str().unwrap().into(),
                a["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        about,
        [
            ("MedicalCondition".to_owned(), "Neutropenia".to_owned()),
            ("MedicalTest".into(), "Complete blood count".into()),
            ("Drug".into(), "Filgrastim".into()),
            ("MedicalTherapy".into(), "Chemotherapy".into()),
        ]
    );
    assert_eq!(
        json["about"][1]["alternateName"],
        serde_json::json!(["CBC"])
    );
}

#[test]
fn the_governance_report_is_written_where_asked_and_never_published() {
    let site = fixture("build/valid-site");
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(!site.public().join("medleaf-report.json").exists());
    let report = site.scratch().join("editors/report.json");
    site.build(&["--report", report.to_str().unwrap()])
        .assert_code(0);
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["today"], TODAY);
    assert!(!site.public().join("medleaf-report.json").exists());
    // Not inside the output folder: the next build would find a file it did not write.
    let inside = site.public().join("report.json");
    let run = site.build(&["--report", inside.to_str().unwrap()]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("inside the output folder"),
        "{}",
        run.stderr
    );
}
