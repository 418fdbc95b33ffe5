//! `medleaf check`: every diagnostic the build would give, without writing anything, for
//! people (rustc-style text) and for CI (one versioned JSON document).
//!
//! The two snapshots under `tests/testsuite/check/snapshots/` were reviewed line by line against the fixtures
//! (each position is the one the matching build test in `fixture_errors.rs` and `health.rs`
//! works out from the fixture text). Set `UPDATE_SNAPSHOTS=1` to rewrite them after a
//! deliberate change, then review the diff like code.

use crate::common::{TODAY, fixture, medleaf, repo_root};
use serde_json::Value;

fn snapshot(name: &str, actual: &str) {
    let path = repo_root()
        .join("tests/testsuite/check/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        actual, expected,
        "snapshot {name} differs (UPDATE_SNAPSHOTS=1 rewrites it)"
    );
}

fn check(root: &std::path::Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["check", "--root", root.to_str().unwrap(), "--today", TODAY];
    args.extend_from_slice(extra);
    medleaf(&args)
}

#[test]
fn human_output_lists_every_problem_then_a_summary_and_writes_nothing() {
    let site = fixture("errors/multi-error");
    let run = check(&site.root, &[]);
    run.assert_code(1);
    snapshot("check-multi-error.txt", &run.stderr);
    assert_eq!(run.stdout, "checked 2 pages: 6 errors, 0 warnings\n");
    assert!(!site.public().exists(), "check never writes the site");
    // The same problems, in the same order, as `build` reports.
    let build = site.build(&[]);
    assert_eq!(build.diagnostics(), run.diagnostics());
}

#[test]
fn json_output_is_one_versioned_document_with_page_facts() {
    let site = fixture("health/health-warnings");
    let run = check(&site.root, &["--format", "json"]);
    run.assert_code(0);
    assert_eq!(run.stderr, "", "JSON mode prints nothing else");
    snapshot("check-health-warnings.json", &run.stdout);
    let doc: Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["today"], TODAY);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(
        doc["summary"]["warnings"].as_u64().unwrap() as usize,
        diagnostics.len()
    );
    for d in diagnostics {
        for key in [
            "severity", "code", "message", "file", "line", "column", "label", "help",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
    }
    let pages = doc["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 9);
    let overdue = pages
        .iter()
        .find(|p| p["file"] == "content/overdue.md")
        .unwrap();
    assert_eq!(overdue["url"], "/overdue/");
    assert_eq!(overdue["kind"], "article");
    assert_eq!(overdue["review_status"], "overdue");
    assert_eq!(overdue["next_review"], "2026-01-01");
    assert!(overdue["reading_grade"].is_number());
    assert!(!site.public().exists());
}

#[test]
fn json_with_errors_exits_1_and_is_still_valid() {
    let site = fixture("errors/multi-error");
    let run = check(&site.root, &["--format", "json"]);
    run.assert_code(1);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["summary"]["errors"], 6);
    let first = &doc["diagnostics"][0];
    assert_eq!(first["code"], "broken-link");
    assert_eq!(first["file"], "content/a-first.md");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(6), Some(17))
    );
}

#[test]
fn strict_makes_warnings_fail_the_check() {
    let site = fixture("health/health-warnings");
    let run = check(&site.root, &["--strict"]);
    run.assert_code(1);
    assert!(
        run.stdout
            .starts_with("checked 9 pages: 17 errors, 0 warnings"),
        "{}",
        run.stdout
    );
}

#[test]
fn usage_and_io_problems_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = check(dir.path(), &[]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("has no `content/` folder"),
        "{}",
        run.stderr
    );
    medleaf(&["check", "--format", "xml"]).assert_code(2);
}

#[test]
fn the_example_site_checks_clean() {
    let run = check(&repo_root(), &[]);
    run.assert_code(0);
    assert!(run.diagnostics().is_empty(), "{}", run.stderr);
}
