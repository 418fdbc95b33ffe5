//! The CommonMark specification's examples (0.31.2) and the GFM specification's extension
//! examples (0.29-gfm), run through medleaf's whole Markdown stage ([`super::render`]: every
//! pass, not only pulldown-cmark), and checked two ways (issue 19):
//!
//! 1. **Conformance**: the HTML equals the specification's after [`normalize`], which undoes
//!    only what medleaf does on purpose to every page: heading ids, smart punctuation, the
//!    scrolling wrapper around tables and `href=""` written as `./`. The examples that differ
//!    for another reason are listed, each with why, in [`DIFFER_ON_PURPOSE`] and
//!    [`GFM_DIFFER_ON_PURPOSE`]; an example on a list that starts to pass fails the test too,
//!    so the lists stay true.
//! 2. **Text kept**: the same examples inside an article with a glossary (whose terms are the
//!    specification's favourite words), inside an alert and inside a care card keep every
//!    character of their text: nothing lost, doubled or moved.
//!
//! The data and its licences are in `tests/commonmark/` (see its README). Raw HTML is checked
//! under `markdown.raw_html: allow`, the policy that keeps it as written; under the default
//! (`sanitize`) the examples' scripts and unknown elements are removed on purpose.

use std::sync::Arc;

use scraper::Html;

use super::*;
use crate::config::RawHtml;
use crate::content::{Site, parse_page};
use crate::glossary::Entry;

/// CommonMark examples whose HTML differs from the specification's on purpose, and why.
const DIFFER_ON_PURPOSE: &[(u32, &str)] = &[
    // Wiki links (`[[name]]`, medleaf's way to link a page by name) take `[[...]]` before
    // CommonMark's brackets and reference links can: the specification's text stays text.
    (548, "`[[foo]]` inside `[[[foo]]]` is a wiki link"),
    (
        559,
        "`[[*foo* bar]]` is a wiki link, not a reference link in brackets",
    ),
    (
        590,
        "`![[foo]]` is an embed/wiki image and `[[foo]]: /url` a wiki link",
    ),
    // An image alone in its paragraph with a title is a figure, the title its caption
    // (issue 13), where the specification writes a `title` attribute (a tooltip).
    (
        572,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        573,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        576,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        577,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        584,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        585,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        586,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        588,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        589,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
    (
        591,
        "an image with a title alone in its paragraph is a figure with a caption",
    ),
];

/// GFM extension examples whose HTML differs on purpose, and why.
const GFM_DIFFER_ON_PURPOSE: &[(u32, &str)] = &[
    // pulldown-cmark writes a column's alignment as `style="text-align: center"` (HTML5 has
    // no `align`), and a table without body rows with an empty `<tbody></tbody>`.
    (
        199,
        "column alignment as a class (`class=\"align-center\"`): the CSP forbids `style`",
    ),
    (205, "an empty `<tbody></tbody>` after a header-only table"),
    // pulldown-cmark writes a task list's checkbox as `<input ... />` and a line break before
    // the item's text, with `checked` last: the same element to a browser, other bytes.
    (
        279,
        "task list checkbox written as `<input disabled=\"\" type=\"checkbox\"/>`",
    ),
    (
        280,
        "task list checkbox written as `<input ... checked=\"\"/>`",
    ),
    // Extended autolinks (bare `www.` addresses, bare email addresses, `xmpp:`) are a GFM
    // extension pulldown-cmark does not have: medleaf links only `<...>` autolinks, which
    // the link checker and the URL policy see. Bare addresses stay text.
    (622, "no extended autolinks: bare `www.` address"),
    (623, "no extended autolinks: bare `www.` address"),
    (624, "no extended autolinks: bare `www.` address"),
    (625, "no extended autolinks: bare `www.` address"),
    (626, "no extended autolinks: bare `www.` address"),
    (627, "no extended autolinks: bare `www.` address"),
    (628, "no extended autolinks: bare `www.` address"),
    (629, "no extended autolinks: bare `http://` address"),
    (630, "no extended autolinks: bare email address"),
    (631, "no extended autolinks: bare email address"),
    (632, "no extended autolinks: bare email address"),
    (633, "no extended autolinks: bare `mailto:` address"),
    (634, "no extended autolinks: bare `xmpp:` address"),
    (635, "no extended autolinks: bare `xmpp:` address"),
    // GFM's tag filter (`<title>`, `<style>`, `<xmp>`... escaped) is not applied: medleaf's
    // raw HTML policy decides instead. Under `allow` (this run) the tags pass through;
    // under the default `sanitize` they are removed with a warning.
    (657, "the tag filter is replaced by `markdown.raw_html`"),
];

/// Examples left out of the wrapped runs: unfinished raw HTML that a browser reads as text
/// to the end of the document (`<style` never closed, `<title>` and `<xmp>` in 657) swallows
/// the wrapper's own closing tag too, so the wrapper's markup shows up in the text.
const SWALLOW_THE_WRAPPER: &[u32] = &[173, 657];

#[derive(serde::Deserialize)]
struct Example {
    markdown: String,
    html: String,
    example: u32,
    section: String,
}

#[derive(serde::Deserialize)]
struct GfmFile {
    version: String,
    examples: Vec<Example>,
}

fn data(name: &str) -> String {
    let path = format!("{}/tests/commonmark/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn commonmark() -> Vec<Example> {
    serde_json::from_str(&data("spec.json")).expect("spec.json parses")
}

fn gfm() -> Vec<Example> {
    let file: GfmFile =
        serde_json::from_str(&data("gfm-extensions.json")).expect("gfm-extensions.json parses");
    assert_eq!(file.version, "0.29-gfm");
    file.examples
}

/// The terms of the glossary the examples run with: words the specification uses everywhere.
fn glossary() -> Glossary {
    let entry = |term: &str| Entry {
        term: term.into(),
        id: term.into(),
        definition: format!("What {term} means."),
        also_called: Vec::new(),
        see: None,
    };
    Glossary::new(["bar", "baz", "foo", "hello", "link"].map(entry).to_vec())
}

/// Renders `body` as the body of an article, with or without a glossary, under `raw_html`.
fn render_body(body: &str, glossary: Option<&Glossary>, raw_html: RawHtml) -> Body {
    let text = format!("---\ntitle: T\ndescription: d\n---\n{body}");
    let languages = crate::config::test_languages();
    let page = parse_page(
        "t.md",
        Arc::new(SourceFile::new("content/t.md", text)),
        &languages,
    )
    .expect("the front matter is valid");
    let site = Site {
        pages: vec![page.clone()],
        ..Site::default()
    };
    let (index, _) = SiteIndex::new(&site, &languages, &[]);
    let glossaries: Vec<Glossary> = glossary.into_iter().cloned().collect();
    let settings = MarkdownSettings {
        raw_html,
        ..MarkdownSettings::default()
    };
    let env = Env {
        pages: &site.pages,
        index: &index,
        glossaries: &glossaries,
        languages: &languages,
        strings: &[],
        snippets: &[],
        failed_snippets: &[],
        settings: &settings,
        images: &crate::images::Images::default(),
    };
    render(&page, env)
}

/// Undoes what medleaf changes on purpose in every page, on both sides of the comparison:
/// heading ids (`<h2 id="x">`), smart punctuation (curly quotes, dashes and the ellipsis back
/// to `"`, `'`, `--`, `---`, `...`; `&quot;` in text to `"`), the scrolling region around
/// tables, the link after each `h2` and `h3` to itself, the attributes of images, and `href="./"` (medleaf's spelling of a link to the page itself, `href=""`).
/// Line breaks between two tags are dropped, as the specification's own `normalize.py`
/// drops whitespace between block tags (pulldown-cmark writes `<li><div>` where the
/// specification has `<li>\n<div>`, and tables on fewer lines); inside code `<` is always
/// `&lt;`, so no code is touched.
fn normalize(html: &str) -> String {
    let mut s = String::with_capacity(html.len());
    let mut rest = html;
    // Heading ids.
    while let Some(i) = rest.find("<h") {
        s.push_str(&rest[..i]);
        rest = &rest[i..];
        let is_heading = rest
            .as_bytes()
            .get(2)
            .is_some_and(|b| (b'1'..=b'6').contains(b))
            && rest[3..].starts_with(" id=\"");
        if is_heading {
            s.push_str(&rest[..3]);
            let after = &rest[8..];
            let end = after.find('"').map_or(0, |e| e + 1);
            rest = &after[end..];
        } else {
            s.push_str("<h");
            rest = &rest[2..];
        }
    }
    s.push_str(rest);
    // The table wrapper.
    while let Some(i) = s.find("<div class=\"table-scroll\"") {
        let end = s[i..].find(">\n").map_or(s.len(), |e| i + e + 2);
        s.replace_range(i..end, "");
    }
    let mut s = s.replace("</table>\n</div>\n", "</table>\n");
    // The link each `h2` and `h3` gets to itself.
    while let Some(i) = s.find("<a class=\"heading-link\"") {
        let mut end = s[i..].find("</a>").map_or(s.len(), |e| i + e + 4);
        if s[end..].starts_with('\n') {
            end += 1;
        }
        s.replace_range(i..end, "");
    }
    // Images as the figures pass writes them: decoded off the main thread, lazily after the
    // first, as HTML5 (`>`, not ` />`).
    s.replace(" loading=\"lazy\"", "")
        .replace(" decoding=\"async\">", " />")
        .replace("href=\"./\"", "href=\"\"")
        .replace(">\n<", "><")
        .replace("&quot;", "\"")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace('\u{2014}', "---")
        .replace('\u{2013}', "--")
        .replace('\u{2026}', "...")
}

/// The text of some HTML as a reader gets it (entities decoded), without whitespace: what
/// must survive any wrapping.
fn text_of(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    doc.root_element()
        .text()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Runs `examples` and returns the numbers of those whose normalized HTML differs, with a
/// report of each.
fn failures(examples: &[Example]) -> (Vec<u32>, String) {
    let mut failed = Vec::new();
    let mut report = String::new();
    for ex in examples {
        let got = normalize(&render_body(&ex.markdown, None, RawHtml::Allow).html);
        let want = normalize(&ex.html);
        if got != want {
            failed.push(ex.example);
            report.push_str(&format!(
                "\n--- example {} ({}):\n{:?}\nwant: {want:?}\ngot:  {got:?}\n",
                ex.example, ex.section, ex.markdown
            ));
        }
    }
    (failed, report)
}

fn check_list(failed: &[u32], listed: &[(u32, &str)], report: &str, what: &str) {
    let listed: Vec<u32> = listed.iter().map(|(n, _)| *n).collect();
    let unexpected: Vec<u32> = failed
        .iter()
        .copied()
        .filter(|n| !listed.contains(n))
        .collect();
    let passing: Vec<u32> = listed
        .iter()
        .copied()
        .filter(|n| !failed.contains(n))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{what} examples that differ from the specification: {unexpected:?}{report}"
    );
    assert!(
        passing.is_empty(),
        "{what} examples listed as different now pass; remove them from the list: {passing:?}"
    );
}

#[test]
fn commonmark_spec_examples_render_as_the_spec_says() {
    let examples = commonmark();
    assert_eq!(examples.len(), 652, "CommonMark 0.31.2 has 652 examples");
    let (failed, report) = failures(&examples);
    check_list(&failed, DIFFER_ON_PURPOSE, &report, "CommonMark");
}

#[test]
fn gfm_extension_examples_render_as_the_spec_says() {
    let examples = gfm();
    assert_eq!(examples.len(), 28);
    let (failed, report) = failures(&examples);
    check_list(&failed, GFM_DIFFER_ON_PURPOSE, &report, "GFM");
}

/// Every example as a whole article with a glossary: the glossary links terms, but the text
/// a reader gets is the same, character for character.
#[test]
fn spec_examples_keep_their_text_in_an_article_with_a_glossary() {
    let g = glossary();
    let mut bad = Vec::new();
    let mut linked = 0;
    for ex in commonmark().iter().chain(&gfm()) {
        let plain = render_body(&ex.markdown, None, RawHtml::Allow);
        let with = render_body(&ex.markdown, Some(&g), RawHtml::Allow);
        linked += with.glossary_terms.len();
        if text_of(&plain.html) != text_of(&with.html) {
            bad.push(ex.example);
        }
    }
    assert!(
        linked > 100,
        "the glossary links terms in the examples: {linked}"
    );
    assert!(
        bad.is_empty(),
        "text changed by the glossary in examples {bad:?}"
    );
}

/// Puts every line of `markdown` inside a blockquote that starts with `first`.
fn quoted(first: &str, markdown: &str) -> String {
    let mut s = format!("> {first}\n>\n");
    for line in markdown.lines() {
        s.push_str(if line.is_empty() { ">" } else { "> " });
        s.push_str(line);
        s.push('\n');
    }
    s
}

/// Every example inside an alert and inside a care card: the wrapper adds its label and
/// heading, and the example's own text follows, nothing lost, doubled or moved.
#[test]
fn spec_examples_keep_their_text_inside_an_alert_and_a_care_card() {
    let mut bad = Vec::new();
    let strings = Strings::default();
    let card_prefix = format!(
        "{}{}Call if:",
        CareLevel::Urgent.label(&strings),
        CareLevel::Urgent.hidden_prefix(&strings)
    );
    for ex in commonmark().iter().chain(&gfm()) {
        if SWALLOW_THE_WRAPPER.contains(&ex.example) {
            continue;
        }
        // Alone inside a blockquote, for the text the example has there (lazy lines and
        // blank lines may change the blocks, not the words).
        let alone = text_of(&render_body(&quoted("", &ex.markdown), None, RawHtml::Allow).html);
        let alert =
            text_of(&render_body(&quoted("[!NOTE]", &ex.markdown), None, RawHtml::Allow).html);
        let card = text_of(
            &render_body(
                &quoted("[!URGENT] Call if:", &ex.markdown),
                None,
                RawHtml::Allow,
            )
            .html,
        );
        let note = strings.get("alert_note");
        let want: String = format!("{note}{alone}")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if alert != want {
            bad.push((ex.example, "alert", alone.clone(), alert));
        }
        let want: String = format!("{card_prefix}{alone}")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if card != want {
            bad.push((ex.example, "care card", want, card));
        }
    }
    assert!(
        bad.is_empty(),
        "{} examples lost or moved text: {:#?}",
        bad.len(),
        &bad[..bad.len().min(5)]
    );
}

/// Under the default policy (`sanitize`), every example renders (the sanitizer meets all the
/// specification's raw HTML, unfinished tags included) and an example without raw HTML comes
/// out byte for byte as under `allow`: the policy touches nothing but raw HTML.
#[test]
fn spec_examples_under_the_default_raw_html_policy() {
    let mut changed = Vec::new();
    let mut with_html = 0;
    for ex in commonmark().iter().chain(&gfm()) {
        let allow = render_body(&ex.markdown, None, RawHtml::Allow);
        let sanitized = render_body(&ex.markdown, None, RawHtml::Sanitize);
        if ex.markdown.contains('<') {
            with_html += 1;
            assert!(
                !sanitized.html.contains("<script") && !sanitized.html.contains("onclick"),
                "example {}: {}",
                ex.example,
                sanitized.html
            );
        } else if allow.html != sanitized.html {
            changed.push(ex.example);
        }
    }
    assert!(with_html > 100, "{with_html}");
    assert!(
        changed.is_empty(),
        "sanitize changed examples without raw HTML: {changed:?}"
    );
}

/// Every example holding raw HTML, cut at every character, under the default policy:
/// unfinished tags, quotes and comments must never panic the raw HTML pass, ammonia or the
/// positions the warnings report.
#[test]
fn raw_html_examples_cut_anywhere_do_not_panic() {
    let mut runs = 0;
    for ex in commonmark().iter().chain(&gfm()) {
        if !ex.markdown.contains('<') {
            continue;
        }
        for (cut, _) in ex.markdown.char_indices().skip(1) {
            let body = &ex.markdown[..cut];
            let rendered = render_body(body, None, RawHtml::Sanitize);
            for d in &rendered.diagnostics {
                assert!(d.location.is_some(), "{body:?}: {d:?}");
            }
            runs += 1;
        }
    }
    assert!(runs > 1000, "{runs}");
}
