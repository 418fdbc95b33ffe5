//! Snippets (issue 11): safety advice written once in `snippets/` and embedded with `![[name]]`.
//! `snippets/embeds/` is a valid site (a nested embed, a link and a glossary term inside a
//! snippet, pages at two depths); `snippets/problems/` holds one of each snippet problem.

use serde_json::Value;

use crate::common::{TODAY, fixture, medleaf, parse_html, sel, text_of};

/// `medleaf check --format json` on a site.
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

/// The diagnostics of a check, as (code, file:line:col, message, note).
fn problems(doc: &Value) -> Vec<(String, String, String, Option<String>)> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                format!(
                    "{}:{}:{}",
                    d["file"].as_str().unwrap_or(""),
                    d["line"],
                    d["column"]
                ),
                d["message"].as_str().unwrap().to_owned(),
                d["note"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn an_embedded_snippet_is_page_text_in_every_page_that_embeds_it() {
    let site = fixture("snippets/embeds");
    let run = site.build(&[]);
    run.assert_code(0);
    for (url, root) in [
        ("conditions/low-count/index.html", "../../"),
        ("conditions/deep/nested-page/index.html", "../../../"),
    ] {
        let doc = parse_html(&site.public().join(url));
        let body = doc.select(&sel(".article-body")).next().unwrap();
        let text = text_of(body);
        // The snippet's words, and the snippet it embeds in turn, at the embed.
        assert!(
            text.contains("a fever can be an emergency"),
            "{url}: {text}"
        );
        assert!(
            text.contains("call 999"),
            "{url}: the placeholder is filled in: {text}"
        );
        // Its care card is a care card of the page.
        let card = doc
            .select(&sel(".care-card--urgent .care-card__heading"))
            .next();
        assert!(
            card.is_some_and(|h| text_of(h).contains("Call your care team now")),
            "{url}"
        );
        // Its link, written from the snippet's file, is right from each page.
        let hrefs: Vec<&str> = doc
            .select(&sel(
                ".article-body a:not(.glossary-term):not(.tel-link):not(.heading-link)",
            ))
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(
            hrefs,
            [format!("{root}tests/blood-count/#results")],
            "{url}"
        );
        // Its glossary term is linked at its first use on the page.
        let term = doc.select(&sel("a.glossary-term")).next().unwrap();
        assert_eq!(
            term.value().attr("href"),
            Some(format!("{root}glossary/#neutrophils").as_str())
        );
        // Its sources join the page's, each once.
        let sources: Vec<String> = doc
            .select(&sel("#page-sources li cite"))
            .map(text_of)
            .collect();
        assert_eq!(sources, ["Page source", "Watch out for fever"], "{url}");
    }
    // The text after the embed comes after the snippet's.
    let text = site.read("public/conditions/low-count/index.html");
    assert!(text.find("a fever can be an emergency") < text.find("More text after the advice"));
    // Search indexes the snippet's words as the page's.
    let fragments: Vec<String> = std::fs::read_dir(site.public().join("search/docs"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let low = fragments.iter().find(|f| f.contains("low-count")).unwrap();
    assert!(low.contains("a fever can be an emergency"), "{low}");
    // Snippets are not pages.
    assert!(!site.public().join("snippets").exists());
    assert!(!site.public().join("fever").exists());
}

#[test]
fn check_lists_each_pages_snippets_and_each_snippets_review() {
    let site = fixture("snippets/embeds");
    let doc = check_json(&site.root);
    let pages = doc["pages"].as_array().unwrap();
    let embeds = |file: &str| -> Vec<String> {
        let p = pages.iter().find(|p| p["file"] == file).unwrap();
        serde_json::from_value(p["snippets"].clone()).unwrap()
    };
    assert_eq!(
        embeds("content/conditions/low-count.md"),
        ["fever", "parts/call-now"]
    );
    assert_eq!(embeds("content/tests/blood-count.md"), Vec::<String>::new());
    let snippets = doc["snippets"].as_array().unwrap();
    assert_eq!(snippets.len(), 2);
    assert_eq!(snippets[0]["name"], "fever");
    assert_eq!(snippets[0]["review_status"], "current");
    assert_eq!(
        snippets[0]["embedded_by"],
        serde_json::json!([
            "content/conditions/deep/nested-page.md",
            "content/conditions/low-count.md"
        ])
    );
    // A snippet without front matter is a plain fragment: no review warnings.
    assert_eq!(doc["summary"]["warnings"], 0, "{:#?}", problems(&doc));
}

#[test]
fn each_snippet_problem_is_reported_where_it_is_written() {
    let site = fixture("snippets/problems");
    let doc = check_json(&site.root);
    let found = problems(&doc);
    let find = |code: &str, message_part: &str| {
        found
            .iter()
            .find(|p| p.0 == code && p.2.contains(message_part))
            .unwrap_or_else(|| panic!("no {code} about {message_part:?} in {found:#?}"))
    };
    // A missing snippet: at the embed, with did-you-mean.
    let missing = find("snippet", "no snippet `fevr`");
    assert_eq!(missing.1, "content/one.md:15:1");
    let d = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"] == "no snippet `fevr`")
        .unwrap();
    assert_eq!(d["help"], "did you mean `![[fever]]`?");
    // An embed that shares its line.
    assert_eq!(
        find("snippet", "on a line of its own").1,
        "content/one.md:17:11"
    );
    // A snippet that embeds itself, through another: the chain, where the loop closes.
    let cycle = find("snippet", "embeds itself");
    assert_eq!(
        cycle.2,
        "snippet `loop-a` embeds itself: loop-a → loop-b → loop-a"
    );
    assert_eq!(cycle.1, "snippets/loop-b.md:3:1");
    // A broken link inside a snippet: in the snippet's file, once, naming every page that
    // embeds it.
    let links: Vec<_> = found.iter().filter(|p| p.0 == "broken-link").collect();
    assert_eq!(links.len(), 1, "{links:#?}");
    assert_eq!(links[0].1, "snippets/broken.md:1:24");
    assert_eq!(links[0].2, "broken link to `../content/missing.md`");
    assert_eq!(
        links[0].3.as_deref(),
        Some("in a snippet embedded by `content/three.md`, `content/two.md`")
    );
    // An unused snippet is a warning, and so is an overdue one: at the snippet, and at each
    // page that embeds it.
    assert_eq!(
        find("snippet-unused", "`unused`").1,
        "snippets/unused.md:1:1"
    );
    assert_eq!(
        find("review-overdue", "the next review was due").1,
        "snippets/old.md:4:14"
    );
    let on_page = find("review-overdue", "embeds `snippets/old.md`");
    assert_eq!(on_page.1, "content/two.md:17:1");
    assert_eq!(doc["summary"]["errors"], 4, "{found:#?}");
    // Errors stop the build, as any content error does.
    site.build(&[]).assert_code(1);
}
