//! Reading level: Flesch Reading Ease, Flesch-Kincaid grade and SMOG, on body prose only.
//!
//! Health publishers aim for US grade 6-8 (MedlinePlus, NIH). The formulas count words,
//! sentences and syllables; they measure length, not understanding, so the scores are a prompt
//! to look at the longest sentences, not a verdict.
//!
//! * Prose is what [`crate::markdown`] collects: paragraphs and list items, never headings,
//!   code, tables, navigation or the sources list. Each paragraph and each list item ends a
//!   sentence, so a bulleted list counts one sentence per item, as the formulas' authors
//!   intended for running text.
//! * Sentences end at `.`, `!`, `?` or `…` followed by a space, except after common
//!   abbreviations (`Dr.`, `e.g.`) and inside numbers (`4.5`).
//! * Words are runs of non-space characters holding a letter or digit; a hyphenated word is one
//!   word. A number counts as one word of one syllable.
//! * Syllables come from a rule-based counter (vowel groups, silent endings, common suffixes)
//!   plus a short list of exceptions. Measured against the CMU Pronouncing Dictionary with
//!   `tools/syllable-accuracy.py`, it matches exactly on about 9 in 10 of the 5,000 most common
//!   English words and is off by one on nearly all the rest (see the README for the figures).

use serde::Serialize;

use crate::markdown::Prose;

/// Scores for one piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Scores {
    /// Number of words.
    pub words: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Number of syllables.
    pub syllables: usize,
    /// Words of three or more syllables (for SMOG).
    pub polysyllables: usize,
    /// Flesch Reading Ease: higher is easier; 60-70 is plain English.
    pub flesch_reading_ease: f64,
    /// Flesch-Kincaid grade level (US school grade).
    pub flesch_kincaid_grade: f64,
    /// SMOG grade (McLaughlin 1969, as a formula).
    pub smog: f64,
}

/// A sentence and where it starts in the source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sentence<'a> {
    /// The sentence text.
    pub text: &'a str,
    /// Its word count.
    pub words: usize,
    /// The file it is in (an index into the body's files: the page, or a snippet).
    pub src: u16,
    /// Byte offset of its start in that file.
    pub offset: usize,
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "no", "approx", "fig", "u.s",
    "u.k", "jr", "sr", "inc", "ltd", "mt", "dept", "ed", "al",
];

/// Where the sentences of one unit end: byte positions just after each sentence's last
/// character (closing quotes included). The last sentence ends at the end of the unit.
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    // Scans bytes: the terminators and closing quotes are ASCII or three-byte sequences
    // (`…` E2 80 A6, `”` E2 80 9D, `’` E2 80 99), so no character decoding is needed.
    let b = text.as_bytes();
    let three = |at: usize, tail: [u8; 2]| {
        b.get(at) == Some(&0xE2) && b.get(at + 1..at + 3) == Some(&tail[..])
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            let at = i;
            let len = match b[i] {
                b'.' | b'!' | b'?' => 1,
                0xE2 if three(i, [0x80, 0xA6]) => 3,
                _ => {
                    i += 1;
                    continue;
                }
            };
            // Closing quotes and brackets belong to the sentence they end.
            let mut end = at + len;
            loop {
                match b.get(end) {
                    Some(b'"' | b'\'' | b')' | b']') => end += 1,
                    Some(0xE2) if three(end, [0x80, 0x9D]) || three(end, [0x80, 0x99]) => end += 3,
                    _ => break,
                }
            }
            i = end;
            let at_break = end == b.len() || text[end..].starts_with(char::is_whitespace);
            if !at_break {
                continue;
            }
            if b[at] == b'.' {
                // After the character found, whatever its width (a no-break space is two
                // bytes: issue 16).
                let word_start = text[..at]
                    .char_indices()
                    .rfind(|&(_, ch)| ch.is_whitespace() || ch == '(')
                    .map_or(0, |(p, ch)| p + ch.len_utf8());
                let word = &text[word_start..at];
                let is_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
                if is_initial || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                    continue;
                }
            }
            return Some(end);
        }
        None
    })
}

/// Splits prose into sentences, each unit ending one.
pub(crate) fn sentences(prose: &[Prose]) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    for unit in prose {
        let mut start = 0;
        for end in sentence_ends(&unit.text).chain(std::iter::once(unit.text.len())) {
            if end <= start {
                continue;
            }
            let slice = &unit.text[start..end];
            let words = count_words(slice);
            if words > 0 {
                let lead = slice.len() - slice.trim_start().len();
                out.push(Sentence {
                    text: slice.trim(),
                    words,
                    src: unit.src,
                    offset: unit.source_offset(start + lead),
                });
            }
            start = end;
        }
    }
    out
}

/// The number of sentences, as [`sentences`] would count them, without building them.
fn count_sentences(prose: &[Prose]) -> usize {
    let mut n = 0;
    for unit in prose {
        let text = unit.text.as_str();
        let mut start = 0;
        for end in sentence_ends(text) {
            if end > start && has_word(&text[start..end]) {
                n += 1;
            }
            start = end.max(start);
        }
        if start < text.len() && has_word(&text[start..]) {
            n += 1;
        }
    }
    n
}

fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

fn words_of(text: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if text.is_ascii() {
        // No dashes to split at and no Unicode spaces: split on ASCII whitespace bytes.
        return Box::new(
            text.split_ascii_whitespace()
                .filter(|w| w.bytes().any(|b| b.is_ascii_alphanumeric())),
        );
    }
    Box::new(
        text.split(|c: char| c.is_whitespace() || c == '—' || c == '–')
            .filter(|w| w.chars().any(char::is_alphanumeric)),
    )
}

fn count_words(text: &str) -> usize {
    words_of(text).count()
}

/// Scores the prose of one page.
#[cfg(test)]
pub(crate) fn score(prose: &[Prose]) -> Option<Scores> {
    score_with(prose, &mut SyllableMemo::default())
}

/// Syllable counts of the words already seen, keyed by the word as written, one table per
/// language's rules. Articles on one site share most of their words, and a lookup costs a
/// tenth of counting a word again; the caller keeps one memo per worker (`map_init`), so
/// nothing is shared between threads. The memo owns its words (a site has a few tens of
/// thousands of distinct ones), so it can outlive the pages it has read.
#[derive(Default)]
pub(crate) struct SyllableMemo {
    english: WordMemo,
    /// For the Spanish rules ([`super::readability_es`]).
    pub(crate) spanish: WordMemo,
}

/// One language's table of [`SyllableMemo`].
#[derive(Default)]
pub(crate) struct WordMemo(rustc_hash::FxHashMap<Box<str>, usize>);

impl WordMemo {
    /// The syllables of `word`, counted by `count` the first time only.
    pub(crate) fn get(&mut self, word: &str, count: fn(&str) -> usize) -> usize {
        if let Some(&n) = self.0.get(word) {
            return n;
        }
        let n = count(word);
        self.0.insert(word.into(), n);
        n
    }
}

impl SyllableMemo {
    fn syllables(&mut self, word: &str) -> usize {
        self.english.get(word, word_syllables)
    }
}

/// The readability scores of some prose (`None` without words or sentences), reusing and
/// filling `memo`.
pub(crate) fn score_with(prose: &[Prose], memo: &mut SyllableMemo) -> Option<Scores> {
    let sentences = count_sentences(prose);
    let mut words = 0;
    let mut syllables = 0;
    let mut polysyllables = 0;
    for unit in prose {
        for w in words_of(&unit.text) {
            words += 1;
            let s = memo.syllables(w);
            syllables += s;
            if s >= 3 {
                polysyllables += 1;
            }
        }
    }
    if words == 0 || sentences == 0 {
        return None;
    }
    Some(formulas(words, sentences, syllables, polysyllables))
}

/// The published formulas (Flesch 1948; Kincaid et al. 1975; McLaughlin 1969).
pub(crate) fn formulas(
    words: usize,
    sentences: usize,
    syllables: usize,
    polysyllables: usize,
) -> Scores {
    let w = words as f64;
    let s = sentences as f64;
    let y = syllables as f64;
    let p = polysyllables as f64;
    Scores {
        words,
        sentences,
        syllables,
        polysyllables,
        flesch_reading_ease: 206.835 - 1.015 * (w / s) - 84.6 * (y / w),
        flesch_kincaid_grade: 0.39 * (w / s) + 11.8 * (y / w) - 15.59,
        smog: 1.0430 * (p * 30.0 / s).sqrt() + 3.1291,
    }
}

/// Syllables in one word as written in text (punctuation, digits and hyphens allowed).
pub fn word_syllables(word: &str) -> usize {
    if word.is_ascii() {
        return ascii_word_syllables(word.as_bytes());
    }
    // Acronyms are read letter by letter: "CBC" is three syllables, "HIV" three, "W" three.
    let mut letters = 0;
    let mut capitals = true;
    for c in word.chars().filter(|c| c.is_alphanumeric()) {
        letters += 1;
        capitals &= c.is_ascii_uppercase();
    }
    if (2..=5).contains(&letters) && capitals {
        return word
            .chars()
            .filter(|c| c.is_alphanumeric())
            .map(|c| if c == 'W' { 3 } else { 1 })
            .sum();
    }
    // Lowercase each hyphen- or slash-separated part into a stack buffer: this runs for every
    // word of every article, so it avoids allocating.
    let mut total = 0;
    let mut any = false;
    for part in word.split(['-', '/']) {
        let mut buf = [0u8; 48];
        let mut len = 0;
        let mut ascii = true;
        for c in part.chars().filter(|c| c.is_alphabetic()) {
            if !c.is_ascii() || len == buf.len() {
                ascii = false;
                break;
            }
            buf[len] = c.to_ascii_lowercase() as u8;
            len += 1;
        }
        if ascii {
            if len > 0 {
                any = true;
                // Only ASCII letters were copied, so this is valid UTF-8.
                total += syllables(std::str::from_utf8(&buf[..len]).unwrap_or(""));
            }
        } else {
            let lower: String = part
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            any = true;
            total += syllables(&lower);
        }
    }
    if any {
        total
    } else {
        // A number or symbol: one word, one syllable.
        1
    }
}

/// [`word_syllables`] for ASCII words, in one pass over the bytes: the common case, run for
/// every word of every article.
fn ascii_word_syllables(word: &[u8]) -> usize {
    let mut letters = 0;
    let mut capitals = true;
    let mut total = 0;
    let mut any = false;
    let mut buf = [0u8; 48];
    let mut len = 0;
    let mut too_long = false;
    let flush = |buf: &[u8], len: usize, too_long: bool, total: &mut usize, any: &mut bool| {
        if len > 0 && !too_long {
            *any = true;
            // Only ASCII letters were copied, so this is valid UTF-8.
            *total += syllables(std::str::from_utf8(&buf[..len]).unwrap_or(""));
        } else if too_long {
            *any = true;
            *total += syllables(&String::from_utf8_lossy(&buf[..len]));
        }
    };
    for &b in word {
        if b.is_ascii_alphanumeric() {
            letters += 1;
            capitals &= b.is_ascii_uppercase();
        }
        if b == b'-' || b == b'/' {
            flush(&buf, len, too_long, &mut total, &mut any);
            len = 0;
            too_long = false;
        } else if b.is_ascii_alphabetic() {
            if len < buf.len() {
                buf[len] = b.to_ascii_lowercase();
                len += 1;
            } else {
                too_long = true;
            }
        }
    }
    flush(&buf, len, too_long, &mut total, &mut any);
    // Acronyms are read letter by letter: "CBC" is three syllables, "HIV" three, "W" three.
    if (2..=5).contains(&letters) && capitals {
        return word
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(|&b| if b == b'W' { 3 } else { 1 })
            .sum();
    }
    if any { total } else { 1 }
}

/// Words the rules get wrong, with their syllable counts. A `match` compiles to a few
/// comparisons per word, which matters at millions of words per build.
fn exception(word: &str) -> Option<usize> {
    Some(match word {
        "real" | "aren" | "hour" | "hours" | "fire" | "lives" | "gives" | "moves" | "one"
        | "once" | "whose" | "where" | "there" | "here" | "were" | "more" => 1,
        "people" | "create" | "creates" | "being" | "every" | "business" | "really" | "doesn"
        | "didn" | "isn" | "wasn" | "couldn" | "shouldn" | "wouldn" | "hasn" | "science"
        | "quiet" | "diet" | "poem" | "going" | "doing" | "toward" | "cancer" | "platelet"
        | "platelets" | "fluid" | "ready" | "even" | "given" | "seven" | "something"
        | "sometimes" | "someone" | "somewhere" | "likely" | "before" | "therefore" | "ago"
        | "also" => 2,
        "created" | "area" | "areas" | "idea" | "ideas" | "everyone" | "everything"
        | "different" | "family" | "several" | "interest" | "general" | "leukocytes" | "biopsy"
        | "period" | "periods" | "serious" | "previous" | "various" | "theory" | "already"
        | "eleven" | "anyone" => 3,
        "usually" | "actually" | "leukemia" | "anemia" => 4,
        "neutropenia" | "leukopenia" => 5,
        _ => return None,
    })
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Syllables in a lowercase word of letters only.
pub(crate) fn syllables(word: &str) -> usize {
    if let Some(n) = exception(word) {
        return n;
    }
    if !word.is_ascii() {
        // Letters outside ASCII (é, ü): count vowel groups, accents included.
        return word
            .chars()
            .fold((0, false), |(n, prev), c| {
                let v = "aeiouyàáâäèéêëìíîïòóôöùúûü".contains(c);
                (n + usize::from(v && !prev), v)
            })
            .0
            .max(1);
    }
    let len = word.len();
    if len <= 3 {
        return 1;
    }
    // Suffixes that add their own syllables to a stem that keeps its own count.
    for (suffix, extra) in [("ness", 1), ("ment", 1), ("less", 1), ("ful", 1)] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= 3
        {
            return syllables(stem) + extra;
        }
    }
    if let Some(stem) = word.strip_suffix("ly")
        && stem.len() >= 3
        && !stem.ends_with('l')
    {
        return syllables(stem) + 1;
    }
    let b = word.as_bytes();
    // Plural and third-person "-s": "makes" is one syllable, "causes" two.
    if b[len - 1] == b's' && !matches!(b[len - 2], b's' | b'u' | b'i') && len > 4 {
        let stem = &word[..len - 1];
        let sibilant = ["se", "ce", "ge", "ze", "xe", "che", "she"]
            .iter()
            .any(|e| stem.ends_with(e));
        return syllables(stem) + usize::from(sibilant && stem.len() > 3);
    }
    // Past tense "-ed": silent except after t or d ("called" one, "tested" two).
    if let Some(stem) = word.strip_suffix("ed")
        && stem.len() >= 3
        && !stem.ends_with('e')
        && !stem.ends_with(['t', 'd'])
        && !stem.ends_with(|c: char| is_vowel(c as u8) && c != 'y')
    {
        return syllables(stem);
    }
    if let Some(stem) = word.strip_suffix('d')
        && word.ends_with("ed")
        && stem.ends_with('e')
        && !stem.ends_with("te")
        && !stem.ends_with("de")
        && stem.len() >= 3
    {
        return syllables(stem);
    }
    let mut count = 0;
    let mut prev_vowel = false;
    for (i, &c) in b.iter().enumerate() {
        let vowel = is_vowel(c) && !(c == b'y' && i == 0);
        if vowel && !prev_vowel {
            count += 1;
        }
        prev_vowel = vowel;
    }
    // Vowel pairs that are usually two syllables ("anemia", "medium", "usual"), except in
    // "-tion", "-cian", "-tial" and the like. One pass over the bytes (no substring searches:
    // this runs for every word of every article).
    for at in 1..len.saturating_sub(1) {
        let pair = (b[at], b[at + 1]);
        if !matches!(
            pair,
            (b'i', b'a')
                | (b'i', b'o')
                | (b'i', b'u')
                | (b'u', b'a')
                | (b'u', b'o')
                | (b'e', b'o')
                | (b'i', b'e')
        ) {
            continue;
        }
        let before = b[at - 1];
        let soft = pair.0 == b'i' && matches!(before, b'c' | b't' | b's' | b'x' | b'g');
        let qu = pair.0 == b'u' && before == b'q';
        let ie_silent = pair == (b'i', b'e')
            && (at + 2 == len || &b[at..] == b"ies" || (at + 2 < len && !is_vowel(b[at + 2])));
        let ua_silent = pair == (b'u', b'a') && before == b'g';
        if !soft && !qu && !ie_silent && !ua_silent {
            count += 1;
        }
    }
    // Silent final "e" ("make"), but "-le" after a consonant is its own syllable ("table").
    if b[len - 1] == b'e' && count > 1 {
        let le = b[len - 2] == b'l' && !is_vowel(b[len - 3]);
        let vowel_before = is_vowel(b[len - 2]);
        if !le && !vowel_before {
            count -= 1;
        }
    }
    count.max(1)
}

/// The median of some grades (the middle value, or the mean of the two middle values).
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<Prose> {
        vec![Prose {
            text: text.to_owned(),
            origins: vec![(0, 0)],
            section: None,
            ..Prose::default()
        }]
    }

    #[test]
    fn a_shared_memo_gives_each_text_its_own_scores() {
        // The memo is keyed by the word as written: "CBC" (an acronym, three syllables) and
        // "cbc" are different words, and a second text reuses the first one's counts.
        let first = prose("Your CBC shows anemia. Leukemia is rare.");
        let second = prose("A cbc is a blood test. Anemia and leukemia are different.");
        let mut memo = SyllableMemo::default();
        let shared = (
            score_with(&first, &mut memo),
            score_with(&second, &mut memo),
        );
        assert_eq!(shared, (score(&first), score(&second)));
        assert_ne!(word_syllables("CBC"), word_syllables("cbc"));
    }

    #[test]
    fn hand_computed_example() {
        // "The cat sat on the mat. It was happy." W = 9, S = 2, Y = 10 (hap-py), P = 0.
        // FRE = 206.835 - 1.015 * 4.5 - 84.6 * 10/9 = 108.2675
        // FKGL = 0.39 * 4.5 + 11.8 * 10/9 - 15.59 = -0.72389
        // SMOG = 1.0430 * sqrt(0) + 3.1291 = 3.1291
        let s = score(&prose("The cat sat on the mat. It was happy.")).unwrap();
        assert_eq!(
            (s.words, s.sentences, s.syllables, s.polysyllables),
            (9, 2, 10, 0)
        );
        assert!((s.flesch_reading_ease - 108.2675).abs() < 1e-4);
        assert!((s.flesch_kincaid_grade - -0.723_888_9).abs() < 1e-4);
        assert!((s.smog - 3.1291).abs() < 1e-9);
    }

    #[test]
    fn hand_computed_harder_example() {
        // "Leukemia is a cancer of the blood. Chemotherapy can cause neutropenia."
        // W = 7 + 4 = 11, S = 2. Y = (4+1+1+2+1+1+1) + (5+1+1+5) = 23: leu-ke-mi-a,
        // can-cer, che-mo-ther-a-py, neu-tro-pe-ni-a. P = 3 (those three long words).
        // FKGL = 0.39 * 11/2 + 11.8 * 23/11 - 15.59 = 11.227727
        // SMOG = 1.0430 * sqrt(3 * 30/2) + 3.1291 = 10.125758
        let s = score(&prose(
            "Leukemia is a cancer of the blood. Chemotherapy can cause neutropenia.",
        ))
        .unwrap();
        assert_eq!(
            (s.words, s.sentences, s.syllables, s.polysyllables),
            (11, 2, 23, 3)
        );
        assert!(
            (s.flesch_kincaid_grade - 11.227_727).abs() < 1e-5,
            "{}",
            s.flesch_kincaid_grade
        );
        assert!((s.smog - 10.125_758).abs() < 1e-5, "{}", s.smog);
        assert!(
            (s.flesch_reading_ease - (206.835 - 1.015 * 5.5 - 84.6 * 23.0 / 11.0)).abs() < 1e-9
        );
    }

    #[test]
    fn sentence_rules() {
        let units = vec![
            Prose {
                text: "Dr. Ortiz checks it, e.g. twice. A count of 4.5 is fine! Is it?".into(),
                origins: vec![(0, 100)],
                section: None,
                ..Prose::default()
            },
            Prose {
                text: "a list item without a full stop".into(),
                origins: vec![(0, 200)],
                section: None,
                ..Prose::default()
            },
        ];
        let s = sentences(&units);
        let texts: Vec<&str> = s.iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            [
                "Dr. Ortiz checks it, e.g. twice.",
                "A count of 4.5 is fine!",
                "Is it?",
                "a list item without a full stop"
            ]
        );
        assert_eq!(s[3].offset, 200);
    }

    #[test]
    fn a_no_break_space_before_a_full_stop_word() {
        // `500\u{a0}mg.` panicked: the word was sliced one byte into the no-break space.
        let units = prose("Take 500\u{a0}mg. Then rest.\u{a0}mg. Dr.\u{a0}Ortiz.");
        let texts: Vec<&str> = sentences(&units).iter().map(|s| s.text).collect();
        assert_eq!(
            texts,
            ["Take 500\u{a0}mg.", "Then rest.", "mg.", "Dr.\u{a0}Ortiz."]
        );
        assert!(score(&units).is_some());
    }

    #[test]
    fn syllable_counts_of_common_and_medical_words() {
        let cases = [
            ("the", 1),
            ("make", 1),
            ("makes", 1),
            ("table", 2),
            ("little", 2),
            ("whole", 1),
            ("called", 1),
            ("tested", 2),
            ("causes", 2),
            ("changes", 2),
            ("happy", 2),
            ("bacteria", 4),
            ("medium", 3),
            ("usual", 3),
            ("nation", 2),
            ("special", 2),
            ("statement", 2),
            ("lately", 2),
            ("timeless", 2),
            ("blood", 1),
            ("cells", 1),
            ("platelets", 2),
            ("marrow", 2),
            ("infection", 3),
            ("chemotherapy", 5),
            ("neutrophils", 3),
            ("hematologist", 5),
            ("lymphocytes", 3),
            ("doctor", 2),
            ("medicine", 3),
            ("sadness", 2),
            ("bruising", 2),
            ("fever", 2),
            ("tries", 1),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(w, n)| syllables(w) != *n)
            .map(|(w, n)| format!("{w}: {} (want {n})", syllables(w)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn numbers_and_hyphens() {
        assert_eq!(word_syllables("4,500"), 1);
        assert_eq!(word_syllables("flu-like"), 2);
        assert_eq!(word_syllables("(sepsis)."), 2);
        assert_eq!(word_syllables("(CBC)"), 3);
        assert_eq!(word_syllables("ANC,"), 3);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
    }
}
