//! The glossary: `content/glossary.yaml`, its page, and finding terms in article text.
//!
//! Each term is linked at its first use in each article, so a reader who meets "neutrophils"
//! can reach a plain definition by keyboard, touch or screen reader, with or without
//! JavaScript. Matching is whole-word and case-insensitive; a term also matches its
//! `also_called` forms and, for forms not ending in "s", the same form with "s" added.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};

use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::links::index::{Origin, Resolved, SiteIndex, Style, Target};
use crate::source::SourceFile;

/// One glossary entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntry {
    /// A plain-language definition, one or two sentences.
    pub definition: String,
    /// Other names for the same thing (`ANC`), also linked in articles.
    #[serde(default)]
    pub also_called: Vec<String>,
    /// An article that explains more, written as in a link from `content/` (`tests/complete-blood-count.md`).
    #[serde(default)]
    pub see: Option<String>,
}

/// The entries in file order (serde's maps would lose the order and hide repeated terms).
struct Entries(Vec<(String, RawEntry)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from each term to its `definition`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, RawEntry>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A checked glossary entry.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The term as written.
    pub term: String,
    /// Its fragment id on the glossary page.
    pub id: String,
    /// The definition.
    pub definition: String,
    /// Other names.
    pub also_called: Vec<String>,
    /// The page `see` points to.
    pub see: Option<usize>,
}

/// The whole glossary, ready for matching.
#[derive(Debug, Clone, Default)]
pub(crate) struct Glossary {
    /// Entries sorted by term, case-insensitively (the glossary page's order).
    pub entries: Vec<Entry>,
    /// Every form of every term (lowercased), and the entry each belongs to.
    forms: Vec<(String, usize)>,
    /// An Aho-Corasick automaton over `forms` (ASCII case-insensitive): one pass over a text
    /// finds every occurrence of every form, which matters because this runs on every text of
    /// every article.
    matcher: Option<aho_corasick::AhoCorasick>,
}

/// The glossary page's address in the language whose pages live under `prefix`
/// (`/glossary/`, `/es/glossary/`).
pub(crate) fn url(prefix: &str) -> String {
    format!(
        "{prefix}{}",
        crate::theme::GLOSSARY_URL.trim_start_matches('/')
    )
}

/// Reads and checks the glossary of language `lang`, whose pages live under `prefix`. Repeated
/// terms and `see` entries that do not resolve are errors; a `see` names a page as written in
/// the default language (`conditions/leukemia.md`) and leads to its version in `lang` when it
/// has one.
pub(crate) fn load(
    file: &Arc<SourceFile>,
    pages: &[Page],
    index: &SiteIndex,
    lang: usize,
    prefix: &str,
) -> (Glossary, Vec<Diagnostic>) {
    let glossary_url = url(prefix);
    let mut diagnostics = Vec::new();
    let all = 0..file.text.len();
    let raw = match crate::yaml::parse::<Entries>(file, all.clone(), Code::Glossary) {
        Ok(e) => e.0,
        Err(d) => return (Glossary::default(), vec![*d]),
    };
    // Every name (term or other name) may be used once, across the whole file.
    let mut seen: HashMap<String, String> = HashMap::default();
    let mut ids = crate::slug::IdSet::default();
    let mut entries = Vec::new();
    for (term, raw) in raw {
        let span = key_span(file, &term);
        let mut names = vec![term.clone()];
        names.extend(raw.also_called.iter().cloned());
        let mut duplicate = false;
        for name in &names {
            let key = name.trim().to_lowercase();
            if let Some(first) = seen.get(&key) {
                let at = if name == &term {
                    span.clone()
                } else {
                    value_span(file, &span, name)
                };
                diagnostics.push(
                    Diagnostic::error(
                        Code::Glossary,
                        format!("`{name}` is listed twice in the glossary"),
                    )
                    .at(file, at)
                    .label(format!("already listed under `{first}`"))
                    .help("keep one entry and put other names in its `also_called` list"),
                );
                duplicate = true;
            } else {
                seen.insert(key, term.clone());
            }
        }
        if raw.definition.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(Code::Glossary, format!("`{term}` has an empty definition"))
                    .at(file, span.clone())
                    .help("write one or two plain sentences under `definition:`"),
            );
        }
        let see = raw.see.as_ref().and_then(|see| {
            let origin = Origin {
                dir: "",
                url: &glossary_url,
            };
            match index.resolve(pages, origin, see, Style::Markdown) {
                Ok(Some(Resolved { target: Target::Page(i), .. })) => {
                    Some(index.translation(&pages[i].key, lang).unwrap_or(i))
                }
                Ok(Some(Resolved { target: Target::Failed, .. })) => None,
                Ok(_) => {
                    diagnostics.push(
                        Diagnostic::error(Code::Glossary, format!("`see: {see}` is not an article"))
                            .at(file, value_span(file, &span, see))
                            .help("write a Markdown file relative to `content/`, such as `see: conditions/leukemia.md`"),
                    );
                    None
                }
                Err(p) => {
                    diagnostics.push(
                        Diagnostic::error(Code::Glossary, format!("{} in `see`", p.message))
                            .at(file, value_span(file, &span, see))
                            .label(p.label)
                            .maybe_help(p.help),
                    );
                    None
                }
            }
        });
        if duplicate {
            continue;
        }
        entries.push(Entry {
            id: ids.unique(&crate::slug::slugify(&term)),
            term,
            definition: raw.definition.trim().to_owned(),
            also_called: raw.also_called,
            see,
        });
    }
    entries.sort_by(|a, b| {
        a.term
            .to_lowercase()
            .cmp(&b.term.to_lowercase())
            .then(a.term.cmp(&b.term))
    });
    (Glossary::new(entries), diagnostics)
}

fn key_span(file: &SourceFile, term: &str) -> Range<usize> {
    crate::yaml::find_key(file, 0..file.text.len(), term, 0).unwrap_or(0..0)
}

fn value_span(file: &SourceFile, key: &Range<usize>, value: &str) -> Range<usize> {
    let rest = &file.text[key.end..];
    rest.find(value)
        .map(|i| key.end + i..key.end + i + value.len())
        .unwrap_or_else(|| key.clone())
}

impl Glossary {
    /// Builds the matcher over checked entries.
    pub(crate) fn new(entries: Vec<Entry>) -> Glossary {
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for name in std::iter::once(&e.term).chain(&e.also_called) {
                let lower = name.trim().to_ascii_lowercase();
                if lower.is_empty() {
                    continue;
                }
                if !lower.ends_with('s') && lower.ends_with(|c: char| c.is_alphabetic()) {
                    forms.push((format!("{lower}s"), i));
                }
                forms.push((lower, i));
            }
        }
        forms.sort();
        forms.dedup();
        let matcher = (!forms.is_empty()).then(|| {
            // A full DFA: a few hundred kB for a large glossary, and the fastest scan, which
            // runs over every text run of every article.
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(forms.iter().map(|(f, _)| f))
                .expect("a few thousand short patterns always build")
        });
        Glossary {
            entries,
            forms,
            matcher,
        }
    }

    /// Whether there are no entries.
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Finds, left to right, the terms in `text` not yet in `used`: (byte range, entry).
    /// Matches are whole words, case-insensitive (ASCII); where several forms start at the
    /// same word, the longest that is not used yet wins.
    pub(crate) fn find(&self, text: &str, used: &HashSet<usize>) -> Vec<(Range<usize>, usize)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let is_word_byte = |i: usize| -> bool {
            // Whole words: look at the character on each side of the match.
            text.get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(char::is_alphanumeric)
        };
        let before_is_word = |i: usize| -> bool {
            text.get(..i)
                .and_then(|head| head.chars().next_back())
                .is_some_and(char::is_alphanumeric)
        };
        // Every occurrence of every form, whole words only.
        let mut found: Vec<(usize, usize, usize)> = matcher
            .find_overlapping_iter(text)
            .filter(|m| {
                text.is_char_boundary(m.start())
                    && text.is_char_boundary(m.end())
                    && !before_is_word(m.start())
                    && !is_word_byte(m.end())
            })
            .map(|m| (m.start(), m.end(), self.forms[m.pattern().as_usize()].1))
            .collect();
        if found.is_empty() {
            return Vec::new();
        }
        // Leftmost first, longest first at the same place.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut taken: Vec<usize> = Vec::new();
        let mut resume = 0;
        for (start, end, entry) in found {
            if start < resume || used.contains(&entry) || taken.contains(&entry) {
                continue;
            }
            out.push((start..end, entry));
            taken.push(entry);
            resume = end;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(term: &str, also: &[&str]) -> Entry {
        Entry {
            term: term.into(),
            id: crate::slug::slugify(term),
            definition: "d".into(),
            also_called: also.iter().map(|s| (*s).to_owned()).collect(),
            see: None,
        }
    }

    #[test]
    fn finds_whole_words_case_insensitively() {
        let g = Glossary::new(vec![
            entry("neutrophils", &["neutrophil"]),
            entry("absolute neutrophil count", &["ANC"]),
            entry("bone marrow", &[]),
        ]);
        let text = "Your ANC counts Neutrophils made in the bone marrow; ANC again. Bone marrows.";
        let found = g.find(text, &HashSet::default());
        let words: Vec<&str> = found.iter().map(|(r, _)| &text[r.clone()]).collect();
        assert_eq!(words, ["ANC", "Neutrophils", "bone marrow"]);
    }

    #[test]
    fn longest_form_wins_and_parts_of_words_do_not_match() {
        let g = Glossary::new(vec![
            entry("neutrophil", &[]),
            entry("absolute neutrophil count", &[]),
        ]);
        let text = "The absolute neutrophil count, not neutrophilia.";
        let found = g.find(text, &HashSet::default());
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].0.clone()], "absolute neutrophil count");
    }

    #[test]
    fn used_terms_are_skipped() {
        let g = Glossary::new(vec![entry("nadir", &[])]);
        let used: HashSet<usize> = [0].into_iter().collect();
        assert!(g.find("the nadir", &used).is_empty());
    }
}
