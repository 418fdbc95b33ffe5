//! Words for the search index: how text becomes index terms, at build time and in the browser.
//!
//! Four rules, applied in this order; what the last three do depends on the site's language
//! ([`Lang`]: English, Spanish, or any other, which gets plain lowercased tokens):
//!
//! 1. **Tokens.** A token is a maximal run of letters and digits (`char::is_alphanumeric`:
//!    Unicode `Alphabetic` or a number). An apostrophe (`'` or `’`) belongs to the token when it
//!    has a letter or digit on both sides. The token is lowercased (`str::to_lowercase`), a
//!    final possessive `'s` is removed and so are the remaining apostrophes: "patient's" →
//!    `patient`, "don't" → `dont`. Hyphens split: "G-CSF" → `g`, `csf`.
//! 2. **Stopwords.** [`STOPWORDS`] in English (82 function words such as "the", "to", "what"),
//!    [`spanish::STOPWORDS`] in Spanish, are left out of the index and of queries: they would
//!    be the largest posting lists and the largest downloads, and barely narrow a search.
//! 3. **Stemming.** In English, [`stem`] folds plurals and verb endings so that "neutrophils"
//!    finds "neutrophil" and "bleeding" finds "bleed"; in Spanish, Snowball's Spanish stemmer
//!    ([`spanish::stem`]): "leucemias" finds "leucemia".
//! 4. **Spelling folds.** A token may have a second spelling that readers type for the same
//!    word: in English the American spelling of a British one ([`spelling::fold`]: "leukaemia"
//!    → "leukemia"), in Spanish the word without accents ([`spanish::fold`]: "información" →
//!    "informacion"). [`analyse`] gives a token's term and, when the second spelling stems to
//!    another term, that folded term too; the index files the page under both (the folded one
//!    ranked a little lower when the page only has the other spelling), and a query looks up
//!    both, so either spelling finds the other while the exact spelling ranks first.
//!
//! Invariant: `static/search.js` implements exactly these rules (`words`, `stem`, `foldEn`; with
//! `stemEs` and `foldEs` in `static/search-es.js`), because a query only finds what was indexed under the same term. The
//! shared files `src/search/vectors/stemmer-vectors.txt`, `stemmer-vectors-es.txt`,
//! `spelling-vectors.txt`, `search-terms-vectors.txt` and `search-terms-vectors-es.txt` are
//! checked against both implementations: here by unit tests, in JavaScript by
//! `tests/browser/tools/text-vectors.mjs` (run from `tests/search.rs` when Node.js is present)
//! and in Chromium by `tests/browser/checks/search.mjs`.

use super::{spanish, spelling};

/// The language of a site's text, which decides its stopwords, stemmer and spelling folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English: `STOPWORDS`, `stem`, British → American folds.
    En,
    /// Spanish: `spanish::STOPWORDS`, Snowball's Spanish stemmer, accent folding.
    Es,
    /// Any other language: plain lowercased tokens, no stopwords, stems or folds.
    Other,
}

impl Lang {
    /// The analysis for a BCP 47 language tag (`en`, `en-GB`, `es-US`...): English for `en`
    /// and its variants, Spanish for `es` and its variants, plain tokens for anything else.
    pub fn from_tag(tag: &str) -> Lang {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Lang::En
        } else if primary.eq_ignore_ascii_case("es") {
            Lang::Es
        } else {
            Lang::Other
        }
    }

    /// The name of the analysis in the index manifest (`"lang"`), which tells `search.js`
    /// which rules to apply to a query: `en`, `es` or `other`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Other => "other",
        }
    }
}

/// The terms of one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysed {
    /// The token's own term: its stem as written.
    pub term: String,
    /// The term of its folded spelling (American, or without accents), when that differs.
    pub folded: Option<String>,
}

/// The terms of a normalized token (see [`for_each_token`]), or `None` for a stopword.
pub fn analyse(token: &str, lang: Lang) -> Option<Analysed> {
    let (term, folded) = match lang {
        Lang::Other => {
            return Some(Analysed {
                term: token.to_owned(),
                folded: None,
            });
        }
        Lang::En => {
            if is_stopword(token) {
                return None;
            }
            let term = stem(token);
            let folded = spelling::fold(token);
            let folded = (folded != token).then(|| stem(&folded));
            (term, folded)
        }
        Lang::Es => {
            if spanish::is_stopword(token) {
                return None;
            }
            let term = spanish::stem(token);
            let folded = spanish::fold(token);
            let folded = (folded != token).then(|| spanish::stem(&folded));
            (term, folded)
        }
    };
    let folded = folded.filter(|f| *f != term);
    Some(Analysed { term, folded })
}

/// Function words left out of the index and of queries on English sites, as normalized tokens
/// (lowercase, apostrophes removed). Deliberately short: words that can carry meaning in a
/// health question ("after", "before", "not", "over", "no", "up") are kept.
pub(crate) const STOPWORDS: &[&str] = &[
    "a", "about", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being",
    "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have",
    "having", "he", "her", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "me", "my", "of", "on", "or", "our", "ours", "she", "should", "so", "some",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why",
    "will", "with", "would", "you", "your", "yours",
];

/// Whether `word` (a normalized token) is a stopword.
pub(crate) fn is_stopword(word: &str) -> bool {
    // Short and sorted by hand would be faster, but this runs once per distinct word of a
    // build (the indexer caches each word's term), so a linear scan is plenty.
    STOPWORDS.contains(&word)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

/// The character starting at byte `i` of `text`, if `text` is that long.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// What an ASCII byte is to the tokenizer; bytes from 0x80 start or continue a non-ASCII
/// character.
const SEPARATOR: u8 = 0;
const LOWER_OR_DIGIT: u8 = 1;
const UPPER: u8 = 2;
const APOSTROPHE: u8 = 3;
const NON_ASCII: u8 = 4;

/// [`SEPARATOR`], [`LOWER_OR_DIGIT`]... for each byte value.
static CLASS: [u8; 256] = {
    let mut table = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            NON_ASCII
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOWER_OR_DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c == b'\'' {
            APOSTROPHE
        } else {
            SEPARATOR
        };
        b += 1;
    }
    table
};

/// Calls `f` with every normalized token of `text` (rule 1), in order. `scratch` is reused
/// between tokens so that nothing is allocated.
///
/// This runs on every word of the site, so it works on bytes: a token of lowercase ASCII
/// letters and digits (most of them) is handed over as a slice of `text`, without copying;
/// only tokens with capitals, apostrophes or other scripts are normalized into `scratch`.
pub fn for_each_token(text: &str, scratch: &mut String, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    // Whether a word character starts at byte `j`.
    let word_at = |j: usize| match bytes.get(j).map(|&b| CLASS[usize::from(b)]) {
        Some(LOWER_OR_DIGIT | UPPER) => true,
        Some(NON_ASCII) => char_at(text, j).is_some_and(is_word_char),
        _ => false,
    };
    let mut i = 0;
    while i < n {
        match CLASS[usize::from(bytes[i])] {
            LOWER_OR_DIGIT | UPPER => {}
            NON_ASCII => {
                let c = char_at(text, i).expect("a character starts here");
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            _ => {
                i += 1;
                continue;
            }
        }
        let start = i;
        // Lowercase ASCII letters and digits only: the token is its own normal form.
        let mut plain = true;
        while i < n {
            match CLASS[usize::from(bytes[i])] {
                LOWER_OR_DIGIT => i += 1,
                UPPER => {
                    plain = false;
                    i += 1;
                }
                APOSTROPHE if word_at(i + 1) => {
                    plain = false;
                    i += 1;
                }
                NON_ASCII => {
                    let c = char_at(text, i).expect("a character starts here");
                    let len = c.len_utf8();
                    if is_word_char(c) || (c == '\u{2019}' && word_at(i + len)) {
                        plain = false;
                        i += len;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        let token = &text[start..i];
        if plain {
            f(token);
        } else {
            normalize(token, scratch);
            f(scratch);
        }
    }
}

/// Lowercases `token` into `out`, then drops a final possessive `'s` and other apostrophes.
fn normalize(token: &str, out: &mut String) {
    out.clear();
    if token.is_ascii() {
        out.push_str(token);
        out.make_ascii_lowercase();
    } else {
        out.extend(token.to_lowercase().chars().map(|c| match c {
            '\u{2019}' => '\'',
            c => c,
        }));
    }
    if out.ends_with("'s") {
        out.truncate(out.len() - 2);
    }
    if out.contains('\'') {
        out.retain(|c| c != '\'');
    }
}

/// The index terms of `text`, in order, repeats included: tokens without stopwords, stemmed
/// (the exact spellings only, not the folded ones). For tests and small inputs; the indexer
/// uses `for_each_token` with a cache of terms.
pub fn terms(text: &str, lang: Lang) -> Vec<String> {
    analysed(text, lang).into_iter().map(|a| a.term).collect()
}

/// [`analyse`] for every token of `text`, in order, stopwords left out.
pub fn analysed(text: &str, lang: Lang) -> Vec<Analysed> {
    let mut out = Vec::new();
    let mut scratch = String::new();
    for_each_token(text, &mut scratch, |token| out.extend(analyse(token, lang)));
    out
}

/// The stem of a normalized token: a light English stemmer, Porter's step 1 and step 5a with
/// small changes, plus `-ly`. It only needs to send the forms of one word to the same term;
/// the stems need not be words ("disease" and "diseases" → `diseas`).
///
/// Tokens shorter than 3 characters, or with anything but the letters a-z (numbers, codes such
/// as "b12", words with accents), are left as they are. In order:
///
/// - plurals: `-sses` → `-ss`; `-ies` → `-i` (`-ie` in four-letter words: "ties" → `tie`);
///   a final `-s` goes, except after `s`, `u` or `i` ("glass", "virus", "pelvis") and in
///   three-letter words ("gas", "bus");
/// - one verb ending: `-eed` → `-ee` when a vowel-consonant pair comes before it ("agreed", but
///   not "bleed", "need"); `-ied` → `-i` (`-ie` in four-letter words: "died" → `die`); `-ed`
///   and `-ing` go when a vowel is left, then `-at`, `-bl`, `-iz` get their `e` back, a final
///   double consonant other than `l`, `s`, `z` is halved in stems of four or more letters
///   ("running" → `run`, but "added" → `add`), and a short consonant-vowel-consonant stem gets
///   an `e` ("caring" → `care`, not `car`); or `-ly` goes when at least four letters are left,
///   with a vowel, ending in `e` or a single consonant other than `p`, `b` or `f` ("quickly" →
///   `quick`, "safely" → `safe`; not "early", "family", "supply", "possibly");
/// - a final `y` after a consonant becomes `i` ("artery", "arteries" → `arteri`; "try",
///   "tried" → `tri`; but "day", "stay");
/// - a final `e` goes unless the word is short with a consonant-vowel-consonant end ("disease"
///   → `diseas`, "use" → `us`; "care", "bone" and "dose" keep it, so they do not meet "car",
///   "bon" or "dos").
///
/// "Vowel" and "consonant" are Porter's: `a e i o u` are vowels, and `y` is a vowel after a
/// consonant. The measure `m` counts vowel-consonant pairs.
pub(crate) fn stem(word: &str) -> String {
    let b = word.as_bytes();
    if b.len() < 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return word.to_owned();
    }
    let mut w = b.to_vec();
    plural(&mut w);
    verb_ending(&mut w);
    let n = w.len();
    if n >= 3 && w[n - 1] == b'y' && is_consonant(&w, n - 2) {
        w[n - 1] = b'i';
    }
    if w.last() == Some(&b'e') {
        let s = &w[..w.len() - 1];
        let m = measure(s);
        if m > 1 || (m == 1 && !cvc(s)) {
            w.pop();
        }
    }
    String::from_utf8(w).expect("ASCII letters")
}

fn plural(w: &mut Vec<u8>) {
    if w.ends_with(b"sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"ies") {
        w.truncate(w.len() - if w.len() > 4 { 2 } else { 1 });
    } else if w.ends_with(b"s")
        && w.len() >= 4
        && !(w.ends_with(b"ss") || w.ends_with(b"us") || w.ends_with(b"is"))
    {
        w.pop();
    }
}

fn verb_ending(w: &mut Vec<u8>) {
    let n = w.len();
    if w.ends_with(b"eed") {
        if measure(&w[..n - 3]) > 0 {
            w.pop();
        }
    } else if w.ends_with(b"ied") {
        w.truncate(n - if n > 4 { 2 } else { 1 });
    } else if w.ends_with(b"ed") && has_vowel(&w[..n - 2]) {
        w.truncate(n - 2);
        tidy(w);
    } else if w.ends_with(b"ing") && has_vowel(&w[..n - 3]) {
        w.truncate(n - 3);
        tidy(w);
    } else if w.ends_with(b"ly") {
        let s = &w[..n - 2];
        let last = s.len().wrapping_sub(1);
        if s.len() >= 4
            && has_vowel(s)
            && (s[last] == b'e'
                || (is_consonant(s, last) && !matches!(s[last], b'p' | b'b' | b'f')))
            && !ends_double_consonant(s)
        {
            w.truncate(n - 2);
        }
    }
}

/// Porter's clean-up after `-ed` or `-ing` is removed.
fn tidy(w: &mut Vec<u8>) {
    if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
        w.push(b'e');
    } else if ends_double_consonant(w) {
        if w.len() > 3 && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
            w.pop();
        }
    } else if measure(w) == 1 && cvc(w) {
        w.push(b'e');
    }
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

fn has_vowel(w: &[u8]) -> bool {
    (0..w.len()).any(|i| !is_consonant(w, i))
}

/// Porter's measure: the number of vowel-consonant pairs in `w`.
fn measure(w: &[u8]) -> usize {
    let mut m = 0;
    let mut after_vowel = false;
    for i in 0..w.len() {
        let consonant = is_consonant(w, i);
        if consonant && after_vowel {
            m += 1;
        }
        after_vowel = !consonant;
    }
    m
}

fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// Whether `w` ends consonant-vowel-consonant, the last not `w`, `x` or `y` ("hop", "car").
fn cvc(w: &[u8]) -> bool {
    let n = w.len();
    n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `src/search/vectors/stemmer-vectors.txt`: `word<TAB>stem` lines, `#` comments.
    const STEMS: &str = include_str!("vectors/stemmer-vectors.txt");
    /// `src/search/vectors/search-terms-vectors.txt`: `text<TAB>terms separated by spaces`, a
    /// folded term after its term as `term|folded`.
    const TERMS: &str = include_str!("vectors/search-terms-vectors.txt");
    /// The same for Spanish.
    const TERMS_ES: &str = include_str!("vectors/search-terms-vectors-es.txt");

    /// `text`'s terms as the vector files write them.
    fn written(text: &str, lang: Lang) -> String {
        analysed(text, lang)
            .into_iter()
            .map(|a| match a.folded {
                Some(f) => format!("{}|{f}", a.term),
                None => a.term,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn vectors(file: &str) -> impl Iterator<Item = (usize, &str, &str)> {
        file.lines()
            .enumerate()
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
            .map(|(n, l)| {
                let (a, b) = l
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("line {} has no tab: {l:?}", n + 1));
                (n + 1, a, b)
            })
    }

    #[test]
    fn the_stemmer_matches_the_shared_vectors() {
        let mut wrong = Vec::new();
        let mut count = 0;
        for (line, word, expected) in vectors(STEMS) {
            count += 1;
            let got = stem(word);
            if got != expected {
                wrong.push(format!(
                    "line {line}: {word} -> {got}, vectors say {expected}"
                ));
            }
        }
        assert!(count >= 300, "only {count} vectors");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn text_analysis_matches_the_shared_vectors() {
        let mut wrong = Vec::new();
        for (file, lang, name) in [
            (TERMS, Lang::En, "search-terms-vectors.txt"),
            (TERMS_ES, Lang::Es, "search-terms-vectors-es.txt"),
        ] {
            for (line, text, expected) in vectors(file) {
                let got = written(text, lang);
                if got != expected {
                    wrong.push(format!(
                        "{name}:{line}: {text:?} -> {got:?}, vectors say {expected:?}"
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn languages_come_from_tags() {
        assert_eq!(Lang::from_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_tag("EN"), Lang::En);
        assert_eq!(Lang::from_tag("en-gb"), Lang::En);
        assert_eq!(Lang::from_tag("es"), Lang::Es);
        assert_eq!(Lang::from_tag("es-US"), Lang::Es);
        assert_eq!(Lang::from_tag("es_419"), Lang::Es);
        assert_eq!(Lang::from_tag("eng"), Lang::Other);
        assert_eq!(Lang::from_tag("fr"), Lang::Other);
        assert_eq!(Lang::from_tag(""), Lang::Other);
    }

    /// Either spelling finds the other: the British spelling's folded term is the American
    /// spelling's term, and a word without accents is the accented word's folded term.
    #[test]
    fn spellings_meet_through_the_folded_term() {
        for (british, american) in [
            ("leukaemia", "leukemia"),
            ("anaemia", "anemia"),
            ("haemoglobin", "hemoglobin"),
            ("oesophagus", "esophagus"),
            ("tumours", "tumors"),
            ("centre", "center"),
            ("organised", "organized"),
            ("paediatric", "pediatric"),
        ] {
            let b = analyse(british, Lang::En).unwrap();
            let a = analyse(american, Lang::En).unwrap();
            assert_eq!(a.folded, None, "{american} folds");
            assert_eq!(b.folded.as_deref(), Some(a.term.as_str()), "{british}");
        }
        for (accented, plain) in [("información", "informacion"), ("cámara", "camara")] {
            let a = analyse(accented, Lang::Es).unwrap();
            let p = analyse(plain, Lang::Es).unwrap();
            assert!(
                a.term == p.term || a.folded.as_deref() == Some(p.term.as_str()),
                "{accented}: {a:?}, {plain}: {p:?}"
            );
        }
        // ñ is a letter of its own: "año" (year) never meets "ano".
        let year = analyse("años", Lang::Es).unwrap();
        let anus = analyse("ano", Lang::Es).unwrap();
        assert_ne!(year.term, anus.term);
        assert_eq!(year.folded, None);
    }

    /// What the stemmer is for: the forms a reader may type meet the forms a page uses.
    #[test]
    fn forms_of_a_word_meet() {
        for group in [
            &["neutrophil", "neutrophils", "neutrophil's"][..],
            &["disease", "diseases"],
            &["bleed", "bleeds", "bleeding"],
            &["artery", "arteries"],
            &["care", "caring", "cared", "cares"],
            &["dose", "doses", "dosing"],
            &["virus", "viruses"],
            &["treat", "treated", "treating", "treats"],
            &["swell", "swelling", "swells"],
            &["run", "running", "runs"],
            &["quick", "quickly"],
            &["relate", "related", "relating"],
            &["supply", "supplies", "supplied"],
            &["family", "families"],
            &["try", "tries", "tried"],
            &["cause", "causes", "caused", "causing"],
            &["leukocyte", "leukocytes"],
            &["platelet", "platelets"],
            &["biopsy", "biopsies"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| terms(w, Lang::En).join(" ")).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{group:?} -> {stems:?}"
            );
        }
        // And words that must stay apart.
        for (a, b) in [
            ("care", "car"),
            ("scare", "scar"),
            ("early", "ear"),
            ("bone", "bon"),
            ("anc", "ancestry"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} and {b} meet");
        }
    }

    #[test]
    fn tokens_keep_digits_and_inner_apostrophes() {
        assert_eq!(
            terms(
                "Your ANC is 1,500/µL; the patient's G-CSF dose (don't skip)",
                Lang::En
            ),
            [
                "anc", "1", "500", "µl", "patient", "g", "csf", "dose", "dont", "skip"
            ]
        );
        assert_eq!(
            terms("Don’t  'quote' Crohn’s", Lang::En),
            ["dont", "quot", "crohn"]
        );
        assert_eq!(terms("The cells", Lang::Other), ["the", "cells"]);
        assert!(terms("what is it", Lang::En).is_empty());
    }

    #[test]
    fn short_codes_and_non_ascii_words_are_not_stemmed() {
        for word in ["as", "b12", "covid19", "naïve", "µl", "ms"] {
            assert_eq!(stem(word), word);
        }
    }

    #[test]
    fn the_stopword_list_is_normalized_and_sorted() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOPWORDS, "keep STOPWORDS sorted, without repeats");
        for w in STOPWORDS {
            let mut scratch = String::new();
            let mut seen = Vec::new();
            for_each_token(w, &mut scratch, |t| seen.push(t.to_owned()));
            assert_eq!(seen, [*w], "{w} is not a normalized token");
        }
    }
}
