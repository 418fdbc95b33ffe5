//! Property tests (issue 16): random sites built from fragments authors really write (front
//! matter keys, Markdown constructs, glossary entries, settings) mixed with the characters that
//! broke medleaf before (no-break spaces, lone carriage returns, CRLF, control characters,
//! `{{`, escapes), run through the whole pipeline by [`crate::fuzz::run`]. No input may panic.
//!
//! The number of cases is bounded so `cargo test` stays fast (`PROPTEST_CASES` raises it for a
//! longer hunt); proptest prints the smallest failing input, which then becomes a regression
//! test in `tests/testsuite/hostile_input.rs`. `fuzz/` runs the same entry point under
//! `cargo fuzz` where a nightly toolchain exists.

use proptest::prelude::*;

use crate::fuzz::{Input, run};

/// Pieces of text the generated files are made of.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "\u{a0}",
    "\u{1}",
    "\u{1b}",
    "\u{fffe}",
    "\u{feff}",
    "\u{202e}",
    "é",
    "…",
    "—",
    "”",
    "mg.",
    "Dr.",
    "e.g.",
    "500",
    ".",
    "!",
    "?",
    ":",
    "- ",
    "> ",
    "# ",
    "## Same",
    "### ",
    "```",
    "~~~",
    "    ",
    "|",
    "| a | b |\n|---|---|\n",
    "{{",
    "}}",
    "{{ emergency_number }}",
    "[x](b.md)",
    "[x](b.md#h)",
    "[x](#same)",
    "[[b]]",
    "![[s]]",
    "![](a.png)",
    "<b>",
    "</b>",
    "<div id=\"x\">",
    "[^1]",
    "[^1]: note",
    "> [!URGENT] Call",
    "> [!NOTE]",
    "\\",
    "\"",
    "'",
    "[",
    "]",
    "(",
    ")",
    "*",
    "_",
    "`",
    "&amp;",
    "<!--",
    "TODO",
    "Neutropenia",
    "neutrophils",
    "fever.",
    "Take 500\u{a0}mg. Then rest.",
];

/// Front-matter lines, right or subtly wrong.
const KEYS: &[&str] = &[
    "title: T",
    "title: \"T\\x01\"",
    "title: \u{a0}",
    "title: \r",
    "title:",
    "description: d",
    "description: \"d\\uFFFE\"",
    "kind: page",
    "kind: nope",
    "weight: 1",
    "weight: \u{a0}",
    "weight: x",
    "draft: true",
    "slug: s",
    "slug: \"a\\nb\"",
    "slug: covid:faq",
    "topics: [Blood tests, blood-tests, \"\\x1b\"]",
    "topics: []",
    "related: [b.md]",
    "related: [b.md, b.md, nowhere.md]",
    "aliases: [\"/old/\"]",
    "aliases: [\"/a\\nb\"]",
    "aliases: [x]",
    "last_reviewed: 2026-01-01",
    "last_reviewed: 2026-13-01",
    "last_reviewed: \u{a0}",
    "next_review: 2020-01-01",
    "reviewed_by: Dr. A",
    "reviewed_by: {name: A, role: B}",
    "sources: [{title: S, publisher: P, url: https://e.org, accessed: 2026-01-01}]",
    "sources: [{title: S}]",
    "condition: {name: C, also_called: [D]}",
    "about: [{type: test, name: CBC}]",
    "extra: {a: [1, {b: c}]}",
    "unknown: 1",
    "[",
    "{",
    "- a",
    "&a x",
    "*a",
    "? x",
];

/// Glossary lines.
const GLOSSARY: &[&str] = &[
    "- term: Neutrophils\n  definition: White cells.\n",
    "- term: Neutrophils\n  definition: Again.\n",
    "- term: Fever\n  definition: Heat.\n  see: b.md\n",
    "- term: ANC\n  definition: Count.\n  also_called: [absolute neutrophil count]\n",
    "- term: \"\\x01\"\n  definition: x\n",
    "- term: \u{a0}\n  definition: \r\n",
    "- term: X\n  see: nowhere.md\n",
    "- nope: 1\n",
    "term: x\n",
];

/// `site.yaml` lines.
const SETTINGS: &[&str] = &[
    "title: Health",
    "title: \"H\\x0c\"",
    "base_url: https://example.org/",
    "base_url: x",
    "base_url: https://example.org/sub/",
    "language: en-US",
    "language: es",
    "description: d",
    "emergency_number: \"112\"",
    "review: {interval_years: 2}",
    "review: {interval_years: -1}",
    "readability: {max_grade: 0}",
    "search: {enabled: false}",
    "notice: \"**Note**\"",
    "notice: \"[x](b.md)\"",
    "report: r.json",
    "languages: {es: {title: Salud}}",
    "languages: {EN: {}}",
    "unknown: 1",
    "\u{a0}",
    "\r",
];

/// A text made of `n` pieces drawn from `pool`, mixed with arbitrary characters.
fn text(pool: &'static [&'static str], n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(pool).prop_map(str::to_owned),
            1 => any::<char>().prop_map(String::from),
        ],
        0..n,
    )
    .prop_map(|parts| parts.concat())
}

/// A front matter of known keys (one per line, sometimes CRLF) and a Markdown body.
fn page() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(KEYS), 0..6),
        text(FRAGMENTS, 40),
        any::<bool>(),
    )
        .prop_map(|(keys, body, crlf)| {
            let eol = if crlf { "\r\n" } else { "\n" };
            format!("---{eol}{}{eol}---{eol}{body}", keys.join(eol))
        })
}

fn lines(pool: &'static [&'static str], n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pool), 0..n).prop_map(|l| l.join("\n"))
}

/// Runs one generated site in a fresh folder.
fn check(input: &Input<'_>) {
    let dir = tempfile::tempdir().unwrap();
    // An `Err` is a clean stop (the pipeline refused the input), not a crash.
    let _ = run(&dir.path().join("site"), input);
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_page_is_checked_without_panicking(page in page(), other in page()) {
        check(&Input { page: &page, other: &other, ..Input::default() });
    }

    #[test]
    fn any_markdown_body_is_checked_without_panicking(
        body in text(FRAGMENTS, 80),
        snippet in text(FRAGMENTS, 20),
    ) {
        let page = format!("---\ntitle: T\ndescription: d\n---\n{body}");
        let other = "---\ntitle: B\nkind: page\n---\n## H\n";
        let snippet = format!("---\nkind: page\n---\n{snippet}");
        check(&Input { page: &page, other, snippet: &snippet, ..Input::default() });
    }

    #[test]
    fn any_glossary_is_checked_without_panicking(
        glossary in prop_oneof![lines(GLOSSARY, 6), text(FRAGMENTS, 30)],
    ) {
        let page = "---\ntitle: T\ndescription: d\n---\nNeutrophils and fever. ANC.\n";
        let other = "---\ntitle: B\nkind: page\n---\n## H\n";
        check(&Input { page, other, glossary: &glossary, ..Input::default() });
    }

    #[test]
    fn any_site_settings_are_checked_without_panicking(
        settings in prop_oneof![lines(SETTINGS, 6), text(FRAGMENTS, 20)],
    ) {
        let page = "---\ntitle: T\nkind: page\n---\nText.\n";
        check(&Input { settings: &settings, page, ..Input::default() });
    }
}

#[test]
fn the_fuzz_entry_point_builds_a_clean_site() {
    let dir = tempfile::tempdir().unwrap();
    let outcome = run(
        &dir.path().join("site"),
        &Input {
            page: "---\ntitle: A\nkind: page\n---\nSee [b](b.md).\n",
            other: "---\ntitle: B\nkind: page\n---\nText.\n",
            ..Input::default()
        },
    )
    .unwrap();
    assert_eq!(outcome.diagnostics, 0);
    assert!(outcome.files > 5, "{outcome:?}");
}
