//! The pages in the index and what is read from each: [`select`] picks and numbers them,
//! [`fragment`] writes the per-page file the browser shows results from.
//!
//! Only these fields are ever read, so nothing else on a page (navigation, footer, sources,
//! review block, related and backlink lists, topic lists, the disclaimer line) can be indexed.

use crate::content::{Page, PageKind};
use crate::markdown::{Body as Rendered, Prose};
use crate::urls;

use super::Input;

/// One page to index, with everything the index reads from it.
#[derive(Debug)]
pub(super) struct Doc<'a> {
    /// The page.
    pub page: &'a Page,
    /// Its rendered body: headings, prose and table text.
    pub rendered: &'a Rendered,
    /// The condition's name, which ranks like the title.
    pub condition: Option<&'a str>,
    /// The condition's `also_called` names: they rank like the title, because a reader who
    /// knows the condition by another name ("low white count") wants this page.
    pub also: Vec<&'a str>,
    /// Every name of the glossary terms whose `see` is this page: the page explains them, so
    /// "ANC" should find the complete blood count page first.
    pub explains: Vec<&'a str>,
    /// Every name of the glossary terms the page links to, so that the page is found by a
    /// name it does not spell out ("ANC" where it writes "absolute neutrophil count"). They
    /// count like one use in the body.
    pub uses: Vec<&'a str>,
}

/// The pages to index, in order of address (their position is their doc id): articles and
/// plain pages but the disclaimer page. Listings, topics, the glossary, the 404 page, the
/// search page and redirects are not content pages, so they are never candidates.
pub(super) fn select<'a>(input: &Input<'a>) -> Vec<Doc<'a>> {
    let glossary = input.glossary;
    // Glossary entries by the page their `see` points at.
    let mut explained: Vec<Vec<usize>> = vec![Vec::new(); input.pages.len()];
    for (e, entry) in glossary.entries.iter().enumerate() {
        if let Some(p) = entry.see.filter(|&p| p < explained.len()) {
            explained[p].push(e);
        }
    }
    let names = |e: usize| {
        let entry = &glossary.entries[e];
        std::iter::once(entry.term.as_str()).chain(entry.also_called.iter().map(String::as_str))
    };
    let mut docs: Vec<Doc<'a>> = input
        .pages
        .iter()
        .zip(input.rendered)
        .enumerate()
        .filter(|(_, (p, _))| {
            matches!(p.kind, PageKind::Article | PageKind::Page)
                && p.lang == input.lang
                && p.key != input.config.disclaimer_page
        })
        .map(|(i, (page, rendered))| {
            let condition = page.meta.condition.as_ref();
            let also = condition
                .iter()
                .flat_map(|c| &c.also_called)
                .map(String::as_str)
                .collect();
            let uses = rendered
                .glossary_terms
                .iter()
                .filter(|&&e| e < glossary.entries.len())
                .flat_map(|&e| names(e))
                .collect();
            Doc {
                page,
                rendered,
                condition: condition.map(|c| c.name.as_str()),
                also,
                explains: explained[i].iter().flat_map(|&e| names(e)).collect(),
                uses,
            }
        })
        .collect();
    docs.sort_by(|a, b| a.page.url.cmp(&b.page.url));
    docs
}

/// The text of each section of a page: index 0 is the text before the first heading, index
/// `k + 1` the text under `Rendered::headings[k]`. Paragraphs, list items and table rows are in
/// reading order (snippets where they are embedded), each a separate unit.
pub(super) fn sections(rendered: &Rendered) -> Vec<Vec<&str>> {
    let n = rendered.headings.len();
    let mut units: Vec<Vec<(usize, &str)>> = vec![Vec::new(); n + 1];
    let start = |u: &Prose| u.order;
    for unit in rendered.prose.iter().chain(&rendered.table_text) {
        let text = unit.text.trim();
        if !text.is_empty() {
            let s = unit.section.map_or(0, |k| (k + 1).min(n));
            units[s].push((start(unit), text));
        }
    }
    units
        .into_iter()
        .map(|mut u| {
            u.sort_by_key(|&(at, _)| at);
            u.into_iter().map(|(_, t)| t).collect()
        })
        .collect()
}

/// The fragment file of `doc` (`search/docs/<id>.json`): what the browser needs to show it as
/// a result. `{"url", "title", "description", "also", "explains", "sections": [{"id",
/// "heading", "text"}]}`, where `url` is the page's address relative to the site root,
/// percent-encoded (`conditions/leukemia/`), so that the browser resolves it against wherever
/// the site is published; empty strings and lists are left out.
///
/// Written by hand rather than with serde: it holds the whole site's text, and copying runs of
/// plain bytes is several times faster than serde's formatter path.
pub(super) fn fragment(doc: &Doc<'_>) -> Vec<u8> {
    let meta = &doc.page.meta;
    let headings = &doc.rendered.headings;
    // The body text plus a little: one allocation for most pages.
    let mut out = Vec::with_capacity(doc.page.body.len() + 1024);
    out.extend_from_slice(b"{\"url\":");
    json_string(
        &mut out,
        &urls::encode_path(&urls::unschemed(doc.page.url.trim_start_matches('/'))),
    );
    out.extend_from_slice(b",\"title\":");
    json_string(&mut out, &meta.title);
    if let Some(description) = meta.description.as_deref().filter(|d| !d.is_empty()) {
        out.extend_from_slice(b",\"description\":");
        json_string(&mut out, description);
    }
    for (key, list) in [("also", &doc.also), ("explains", &doc.explains)] {
        if !list.is_empty() {
            out.extend_from_slice(format!(",\"{key}\":[").as_bytes());
            for (i, name) in list.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                json_string(&mut out, name);
            }
            out.push(b']');
        }
    }
    out.extend_from_slice(b",\"sections\":[");
    let mut first = true;
    for (s, units) in sections(doc.rendered).into_iter().enumerate() {
        // The intro is left out when empty; a heading is kept even without text under it,
        // because its own words can match.
        if s == 0 && units.is_empty() {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        out.push(b'{');
        if let Some(h) = s.checked_sub(1).map(|k| &headings[k]) {
            out.extend_from_slice(b"\"id\":");
            json_string(&mut out, &h.id);
            out.extend_from_slice(b",\"heading\":");
            json_string(&mut out, &h.title);
            out.push(b',');
        }
        out.extend_from_slice(b"\"text\":\"");
        for (i, unit) in units.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b"\\n");
            }
            json_string_contents(&mut out, unit);
        }
        out.extend_from_slice(b"\"}");
    }
    out.extend_from_slice(b"]}");
    out
}

/// Appends `s` as a JSON string.
fn json_string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    json_string_contents(out, s);
    out.push(b'"');
}

/// Appends `s` escaped for the inside of a JSON string: quotes, backslashes and control
/// characters; everything else (UTF-8 included) is copied in runs. Eight bytes are checked at
/// a time, since almost none need escaping.
fn json_string_contents(out: &mut Vec<u8>, s: &str) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `w` is zero / below 0x20 (exact for "any": the classic bit tricks).
    let any_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS != 0;
    let any_control = |w: u64| w.wrapping_sub(ONES * 0x20) & !w & HIGHS != 0;
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            if !any_zero(w ^ (ONES * u64::from(b'"')))
                && !any_zero(w ^ (ONES * u64::from(b'\\')))
                && !any_control(w)
            {
                i += 8;
                continue;
            }
        }
        let end = (i + 8).min(bytes.len());
        for (j, &b) in bytes.iter().enumerate().take(end).skip(i) {
            let escaped: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\t' => b"\\t",
                b'\r' => b"\\r",
                0..0x20 => b"",
                _ => continue,
            };
            out.extend_from_slice(&bytes[run..j]);
            if escaped.is_empty() {
                out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
            } else {
                out.extend_from_slice(escaped);
            }
            run = j + 1;
        }
        i = end;
    }
    out.extend_from_slice(&bytes[run..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_escape_what_json_requires() {
        let tricky =
            "a \"quote\", a \\ backslash, a\nline, a\ttab, \u{1} and \u{1f}; µL, ½, “curly”";
        // At every offset, so that each special byte is met in every position of a word.
        for pad in 0..9 {
            let text = format!("{}{tricky}{}", "x".repeat(pad), "\\\"".repeat(pad));
            let mut out = Vec::new();
            json_string(&mut out, &text);
            let back: String = serde_json::from_slice(&out).expect("valid JSON");
            assert_eq!(back, text);
        }
        let mut plain = Vec::new();
        json_string(&mut plain, "plain text");
        assert_eq!(plain, b"\"plain text\"");
    }
}
