//! The Health A-Z (issue 14): every article of one language by name, under letter headings,
//! with the other names readers know a condition by (`condition.also_called`,
//! `about[].also_called`) as cross-references to the article ("Low white blood cell count –
//! see Leukopenia"), as NHS.UK and MedlinePlus list their conditions.
//!
//! Letters are the first letter of each name with its accent removed (`Á` files under `A`;
//! `Ñ` keeps its own letter, as Spanish dictionaries do); names that start with a digit or a
//! sign file under `#`. The order is the names' lowercase, accent-free form, then the address,
//! so it never depends on the order pages were read.

use std::borrow::Cow;

use serde::Serialize;

use crate::content::Page;
use crate::urls;

/// One line of the A-Z.
#[derive(Debug, Serialize)]
pub(crate) struct AzEntry<'a> {
    /// The name listed: the article's title, or another name of what it is about.
    pub(crate) name: Cow<'a, str>,
    /// The article, relative to the A-Z page.
    pub(crate) href: String,
    /// The article's title (what a cross-reference points to).
    pub(crate) title: &'a str,
    /// Whether this line is a cross-reference ("… – see {title}") rather than the article.
    pub(crate) see: bool,
}

/// One letter of the A-Z with its entries.
#[derive(Debug, Serialize)]
pub(crate) struct AzLetter<'a> {
    /// The letter as shown (`A`, `Ñ`, `#`).
    pub(crate) letter: String,
    /// Its heading's id (`letter-a`, `letter-other`).
    pub(crate) id: String,
    /// Its entries, in order.
    pub(crate) entries: Vec<AzEntry<'a>>,
}

/// The A-Z of language `lang`'s articles, linked from the page at `from`.
pub(crate) fn letters<'a>(pages: &'a [Page], lang: usize, from: &str) -> Vec<AzLetter<'a>> {
    let mut rows: Vec<(String, AzEntry<'a>)> = Vec::new();
    for page in pages.iter().filter(|p| p.lang == lang && p.is_article()) {
        let title = page.meta.title.as_str();
        let href = urls::relative(from, &page.url);
        let mut seen: Vec<String> = vec![sort_key(title)];
        rows.push((
            sort_key(title),
            AzEntry {
                name: Cow::Borrowed(title),
                href: href.clone(),
                title,
                see: false,
            },
        ));
        let meta = &page.meta;
        let other_names = meta
            .condition
            .iter()
            .flat_map(|c| std::iter::once(&c.name).chain(&c.also_called))
            .chain(
                meta.about
                    .iter()
                    .flat_map(|a| std::iter::once(&a.name).chain(&a.also_called)),
            );
        for name in other_names {
            let name = name.trim();
            let key = sort_key(name);
            // A name the title starts with ("Leukopenia" for "Leukopenia (low white blood
            // cell count)") would list the article twice, one line apart.
            if name.is_empty() || seen.iter().any(|k| k == &key || k.starts_with(&key)) {
                continue;
            }
            seen.push(key.clone());
            rows.push((
                key,
                AzEntry {
                    name: Cow::Owned(capitalise(name)),
                    href: href.clone(),
                    title,
                    see: true,
                },
            ));
        }
    }
    rows.sort_by(|a, b| (&a.0, &a.1.href).cmp(&(&b.0, &b.1.href)));
    let mut out: Vec<AzLetter<'a>> = Vec::new();
    for (key, entry) in rows {
        let letter = letter_of(&key);
        match out.last_mut() {
            Some(last) if last.letter == letter => last.entries.push(entry),
            _ => out.push(AzLetter {
                id: letter_id(&letter),
                letter,
                entries: vec![entry],
            }),
        }
    }
    // `#` (digits and signs) sorts first by its names but reads best last.
    if out.first().is_some_and(|l| l.letter == "#") {
        let other = out.remove(0);
        out.push(other);
    }
    out
}

/// The form names are sorted by: lowercase, accents removed (`ñ` kept), leading signs and
/// spaces kept out.
fn sort_key(name: &str) -> String {
    name.trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .collect()
}

/// The heading a sort key files under.
fn letter_of(key: &str) -> String {
    match key.chars().next() {
        Some(c) if c.is_alphabetic() => c.to_uppercase().collect(),
        _ => "#".to_owned(),
    }
}

/// A letter's heading id: `letter-a`, `letter-ñ`, `letter-other` for `#`.
fn letter_id(letter: &str) -> String {
    if letter == "#" {
        "letter-other".to_owned()
    } else {
        format!("letter-{}", letter.to_lowercase())
    }
}

/// A lowercase letter without its accent (`á` → `a`); `ñ` stays, as in Spanish.
fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ý' | 'ÿ' => 'y',
        c => c,
    }
}

/// A name with its first letter in capitals, as list entries are written ("low white blood
/// cell count" → "Low white blood cell count"); names written with capitals stay as they are.
fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_accents_but_keep_enye() {
        assert_eq!(letter_of(&sort_key("Anemia")), "A");
        assert_eq!(letter_of(&sort_key("Álcali")), "A");
        assert_eq!(letter_of(&sort_key("Ñame")), "Ñ");
        assert_eq!(letter_of(&sort_key("5q deletion")), "#");
        assert_eq!(letter_id("Ñ"), "letter-ñ");
        assert!(sort_key("Ébola") < sort_key("fiebre"));
    }

    #[test]
    fn other_names_are_capitalised() {
        assert_eq!(capitalise("low white count"), "Low white count");
        assert_eq!(capitalise("WBC"), "WBC");
    }
}
