//! Typo tolerance (issue 18): the edit distance a query word may be off by, which indexed
//! term it is corrected to, and the vocabulary files the browser reads to do it.
//!
//! A query word whose terms match no indexed term (not even as a spelling variant, or as the
//! start of a word when it is the last word) is corrected to the indexed term nearest to it:
//! within one edit for words of 4 to 7 letters, two edits for 8 letters or more, none below 4
//! ([`max_edits`]). Edits are the optimal-string-alignment form of the Damerau-Levenshtein
//! distance ([`distance`]): inserting, deleting or replacing one character, or swapping two
//! adjacent ones ("nuetropenia" → "neutropenia" is one edit), with no substring edited twice.
//! A word that matches a term exactly is never corrected.
//!
//! Among the terms within reach, [`correct`] prefers a term that names something (it appears in
//! a page's title, a condition's names or a glossary term's names) to one that is only in body
//! text, because those are what readers look for; then the nearest; then the term on more
//! pages; then the first in byte order, so the choice is deterministic. ("diabetis" is two
//! edits from `diabet`, the stem of "diabetes" in the titles, and one from `diabetic` in body
//! text: the title's word wins.)
//!
//! The browser cannot hold the whole vocabulary, so only the terms that share the word's first
//! character are candidates; if none is within reach, those whose first character is the word's
//! second character (which catches a swapped or an extra first letter: "elukemia", "aleukemia").
//! A wrong first letter is not corrected. The vocabulary is stored apart from the postings, in
//! files of 4-8 kB (`search/words/<i>.bin`, written by `files`) sorted by first character, then
//! length, then term, so that the browser fetches only the terms that can be within reach: those
//! with the right first character and a length within the allowed edits. Nothing is fetched
//! when every word matches: a correct query costs nothing more.
//!
//! Invariant: `static/search.js` implements [`distance`], [`max_edits`] and [`correct`] the
//! same way, checked on `src/search/vectors/edit-distance-vectors.txt`.

use super::varint::varint;

/// A vocabulary file is closed once it reaches this size (bytes)...
const FILE_MIN: usize = 4 * 1024;
/// ...or before a term would take it over this one. Small files, because a lookup fetches the
/// files that overlap its range of first character and lengths: at most one file's worth is
/// wasted at each end.
const FILE_MAX: usize = 8 * 1024;

/// How many edits a query word of `chars` characters may be corrected by: none below 4, one
/// up to 7, two from 8. Short words have too many neighbours ("cell", "call", "cold") for a
/// correction to be a good guess.
pub fn max_edits(chars: usize) -> usize {
    match chars {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

/// The optimal-string-alignment distance between `a` and `b`, in characters: insertions,
/// deletions, substitutions and transpositions of two adjacent characters, each one edit.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa(&a, &b, usize::MAX)
}

/// Whether `a` and `b` are at most `k` edits apart ([`distance`] with an early stop).
pub fn within(a: &str, b: &str, k: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    a.len().abs_diff(b.len()) <= k && osa(&a, &b, k) <= k
}

/// The OSA distance, or any value above `k` as soon as every alignment costs more than `k`.
fn osa(a: &[char], b: &[char], k: usize) -> usize {
    let (n, m) = (a.len(), b.len());
    // Three rows of the dynamic-programming table: two back (for transpositions), one back,
    // and the current one.
    let mut two: Vec<usize> = vec![0; m + 1];
    let mut one: Vec<usize> = (0..=m).collect();
    let mut row: Vec<usize> = vec![0; m + 1];
    for i in 1..=n {
        row[0] = i;
        let mut best = row[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (one[j] + 1).min(row[j - 1] + 1).min(one[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two[j - 2] + 1);
            }
            row[j] = d;
            best = best.min(d);
        }
        if best > k {
            return best;
        }
        std::mem::swap(&mut two, &mut one);
        std::mem::swap(&mut one, &mut row);
    }
    one[m]
}

/// One term of the vocabulary, as the browser sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The indexed term.
    pub term: String,
    /// Whether it names something: in a title, a condition's names or a glossary term's
    /// names on some page.
    pub strong: bool,
    /// On how many pages (the browser sees at most 127).
    pub pages: u32,
}

/// Whether a term can be a correction: three characters or more, letters only (no numbers or
/// codes, which a reader types exactly or not at all).
pub fn is_candidate(term: &str) -> bool {
    term.chars().count() >= 3 && term.chars().all(char::is_alphabetic)
}

/// The correction of `term`, a query word's term (its folded term when it has one) that
/// matches nothing, typed as a word of `chars` characters: the best term of `vocabulary`
/// within [`max_edits`]`(chars)`, chosen as the module header says, or `None`.
///
/// `vocabulary` may hold only the terms the browser would fetch (see [`key`]) or more: the
/// answer is the same.
pub fn correct<'a>(term: &str, chars: usize, vocabulary: &'a [Word]) -> Option<&'a str> {
    let k = max_edits(chars);
    if k == 0 {
        return None;
    }
    let mut letters = term.chars();
    let first = letters.next()?;
    let second = letters.next();
    let in_reach = |lead: char| {
        vocabulary
            .iter()
            .filter(|w| w.term.starts_with(lead) && w.term != term && within(term, &w.term, k))
            .min_by(|x, y| {
                y.strong
                    .cmp(&x.strong)
                    .then(distance(term, &x.term).cmp(&distance(term, &y.term)))
                    .then(y.pages.min(127).cmp(&x.pages.min(127)))
                    .then(x.term.as_bytes().cmp(y.term.as_bytes()))
            })
    };
    in_reach(first)
        .or_else(|| second.filter(|&c| c != first).and_then(in_reach))
        .map(|w| w.term.as_str())
}

/// One vocabulary file and the key of its first term.
pub(super) struct File {
    /// The first character and the length in characters of the file's first term, for the
    /// manifest (`"words": [["a", 3], ...]`).
    pub first: (String, usize),
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The order of the vocabulary files: first character, length in characters, then the term's
/// bytes. (Characters compare as their UTF-8 bytes do.)
pub fn key(term: &str) -> (Option<char>, usize, &[u8]) {
    (term.chars().next(), term.chars().count(), term.as_bytes())
}

/// Sorts `words` by [`key`] and cuts them into the files `search/words/<i>.bin`. A file is a
/// LEB128 varint term count, then for each term: the number of leading bytes shared with the
/// previous term of the file, the number of bytes that follow, those bytes, and one byte whose
/// high bit says the term names something and whose low 7 bits are its page count, at most 127.
pub(super) fn files(mut words: Vec<Word>) -> Vec<File> {
    words.sort_unstable_by(|a, b| key(&a.term).cmp(&key(&b.term)));
    let words = &words[..];
    let mut out = Vec::new();
    let mut start = 0;
    let mut size = 0;
    let mut previous: &[u8] = b"";
    for (i, w) in words.iter().enumerate() {
        // What the term costs front-coded after the previous one: two one-byte varints (terms
        // are shorter than 128 bytes, or cost a byte more), the bytes that differ, the flags.
        let term = w.term.as_bytes();
        let shared = previous
            .iter()
            .zip(term)
            .take_while(|(a, b)| a == b)
            .count();
        let cost = term.len() - shared + 3;
        previous = term;
        if size > 0 && size + cost > FILE_MAX {
            out.push(file(&words[start..i]));
            start = i;
            size = 0;
        }
        size += cost;
        if size >= FILE_MIN {
            out.push(file(&words[start..=i]));
            start = i + 1;
            size = 0;
        }
    }
    if start < words.len() {
        out.push(file(&words[start..]));
    }
    out
}

fn file(words: &[Word]) -> File {
    let mut bytes = Vec::new();
    varint(&mut bytes, words.len() as u32);
    let mut previous: &[u8] = b"";
    for w in words {
        let term = w.term.as_bytes();
        let shared = previous
            .iter()
            .zip(term)
            .take_while(|(a, b)| a == b)
            .count();
        varint(&mut bytes, shared as u32);
        varint(&mut bytes, (term.len() - shared) as u32);
        bytes.extend_from_slice(&term[shared..]);
        bytes.push((u8::from(w.strong) << 7) | w.pages.min(127) as u8);
        previous = term;
    }
    let (lead, length, _) = key(&words[0].term);
    File {
        first: (lead.map(String::from).unwrap_or_default(), length),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `src/search/vectors/edit-distance-vectors.txt`: `a<TAB>b<TAB>distance<TAB>yes|no`, where
    /// the last column says whether `b` is within reach of `a` typed as a query word.
    const VECTORS: &str = include_str!("vectors/edit-distance-vectors.txt");

    #[test]
    fn distances_match_the_shared_vectors() {
        let mut wrong = Vec::new();
        let mut count = 0;
        for (n, line) in VECTORS.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [a, b, d, reach] = cols[..] else {
                panic!("line {} needs four columns: {line:?}", n + 1);
            };
            count += 1;
            let d: usize = d.parse().expect("a distance");
            let got = distance(a, b);
            if got != d || distance(b, a) != d {
                wrong.push(format!("line {}: {a} {b}: {got}, vectors say {d}", n + 1));
            }
            let k = max_edits(a.chars().count());
            let got = within(a, b, k) && k > 0;
            if got != (reach == "yes") {
                wrong.push(format!("line {}: {a} {b}: within reach {got}", n + 1));
            }
        }
        assert!(count >= 40, "only {count} vectors");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn edits_allowed_at_the_length_boundaries() {
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(4), 1);
        assert_eq!(max_edits(7), 1);
        assert_eq!(max_edits(8), 2);
        assert_eq!(max_edits(20), 2);
        // 4 letters: one edit, not two.
        assert!(within("cels", "cell", max_edits(4)));
        assert!(!within("cels", "call", max_edits(4)));
        // 7 letters: one edit, not two.
        assert!(within("anemiaa", "anemia", max_edits(7)));
        assert!(!within("anaemai", "anemia", max_edits(7)));
        // 8 letters: two edits, not three.
        assert!(within("leukmiea", "leukemia", max_edits(8)));
        assert!(!within("lukmiea", "leukemia", max_edits(8)));
        assert!(!within("laukmiea", "leukemia", max_edits(8)));
    }

    #[test]
    fn a_transposition_is_one_edit() {
        assert_eq!(distance("nuetropenia", "neutropenia"), 1);
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("leukemai", "leukemia"), 1);
        // Optimal string alignment: a swapped pair is not edited again ("ca" → "abc" is 3,
        // where unrestricted Damerau-Levenshtein gives 2).
        assert_eq!(distance("ca", "abc"), 3);
        // Characters, not bytes.
        assert_eq!(distance("cámara", "camara"), 1);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn the_bounded_check_agrees_with_the_distance() {
        let words = [
            "leukemia",
            "leukaemia",
            "neutropenia",
            "nuetropenia",
            "anemia",
            "anaemia",
            "cell",
            "cels",
            "",
            "a",
            "ab",
            "ba",
            "myelodysplastic",
            "myelodisplastic",
        ];
        for a in words {
            for b in words {
                for k in 0..4 {
                    assert_eq!(within(a, b, k), distance(a, b) <= k, "{a} {b} {k}");
                }
            }
        }
    }

    fn word(term: &str, strong: bool, pages: u32) -> Word {
        Word {
            term: term.to_owned(),
            strong,
            pages,
        }
    }

    #[test]
    fn the_nearest_then_named_then_commonest_term_is_chosen() {
        let vocabulary = [
            word("neutropenia", true, 3),
            word("neutrophil", false, 40),
            word("leukemia", true, 5),
            word("leukopenia", true, 4),
            word("anemia", true, 6),
            word("anemic", false, 9),
            word("cell", false, 90),
        ];
        assert_eq!(correct("nuetropenia", 11, &vocabulary), Some("neutropenia"));
        assert_eq!(correct("leukopena", 9, &vocabulary), Some("leukopenia"));
        // Two terms one edit away: the named one wins over the commoner one.
        assert_eq!(correct("anemif", 6, &vocabulary), Some("anemia"));
        // A named term two edits away wins over a body-text term one edit away.
        let diabetes = [word("diabet", true, 127), word("diabetic", false, 11)];
        assert_eq!(correct("diabetis", 8, &diabetes), Some("diabet"));
        // Equally named: the nearer one.
        let near = [word("diabet", false, 127), word("diabetic", false, 11)];
        assert_eq!(correct("diabetis", 8, &near), Some("diabetic"));
        // Swapped first letters are caught by the second pass.
        assert_eq!(correct("elukemia", 8, &vocabulary), Some("leukemia"));
        // Too far, too short, or a wrong first letter: no correction.
        assert_eq!(correct("lukmiea", 7, &vocabulary), None);
        assert_eq!(correct("cel", 3, &vocabulary), None);
        assert_eq!(correct("deukemia", 8, &vocabulary), None);
        // A term is never its own correction.
        assert_eq!(correct("anemia", 6, &vocabulary), Some("anemic"));
        // Equal in every way: the first in byte order.
        let tie = [word("abcf", false, 1), word("abce", false, 1)];
        assert_eq!(correct("abcd", 4, &tie), Some("abce"));
    }

    #[test]
    fn only_words_of_letters_are_candidates() {
        assert!(is_candidate("leukemia"));
        assert!(is_candidate("cámara"));
        assert!(!is_candidate("b12"));
        assert!(!is_candidate("2024"));
        assert!(!is_candidate("ab"));
    }

    /// Decodes a vocabulary file back into its words.
    fn decode(b: &[u8]) -> Vec<Word> {
        fn read(b: &[u8], pos: &mut usize) -> usize {
            let mut n = 0usize;
            let mut shift = 0;
            loop {
                let byte = b[*pos];
                *pos += 1;
                n |= usize::from(byte & 0x7f) << shift;
                if byte & 0x80 == 0 {
                    return n;
                }
                shift += 7;
            }
        }
        let mut pos = 0;
        let count = read(b, &mut pos);
        let mut out: Vec<Word> = Vec::new();
        for _ in 0..count {
            let shared = read(b, &mut pos);
            let len = read(b, &mut pos);
            let previous = out.last().map_or(&b""[..], |w| w.term.as_bytes());
            let mut term = previous[..shared].to_vec();
            term.extend_from_slice(&b[pos..pos + len]);
            pos += len;
            let flags = b[pos];
            pos += 1;
            out.push(Word {
                term: String::from_utf8(term).unwrap(),
                strong: flags & 0x80 != 0,
                pages: u32::from(flags & 0x7f),
            });
        }
        assert_eq!(pos, b.len());
        out
    }

    #[test]
    fn vocabulary_files_are_sorted_by_letter_then_length_and_cut_by_size() {
        // Words of every first letter and of lengths 3 to 14, shuffled by their numbering.
        let words: Vec<Word> = (0..20_000u32)
            .map(|i| {
                let lead = char::from(b'a' + (i * 7 % 26) as u8);
                let tail = "x".repeat((i % 12) as usize + 2);
                // The number in letters, so that every word is a candidate.
                let mut n = i;
                let mut number = String::new();
                loop {
                    number.push(char::from(b'a' + (n % 26) as u8));
                    n /= 26;
                    if n == 0 {
                        break;
                    }
                }
                word(&format!("{lead}{tail}{number}"), i % 3 == 0, i % 120)
            })
            .collect();
        assert!(words.iter().all(|w| is_candidate(&w.term)));
        let out = files(words.clone());
        assert!(out.len() > 10);
        for f in &out[..out.len() - 1] {
            assert!(f.bytes.len() <= FILE_MAX, "{}", f.bytes.len());
            assert!(f.bytes.len() >= FILE_MIN, "{}", f.bytes.len());
        }
        // Decoded, the files hold every word once, in key order, each file starting with the
        // key the manifest will name.
        let mut decoded = Vec::new();
        for f in &out {
            let file = decode(&f.bytes);
            let (lead, length, _) = key(&file[0].term);
            assert_eq!(f.first, (lead.unwrap().to_string(), length));
            decoded.extend(file);
        }
        assert!(
            decoded
                .windows(2)
                .all(|w| key(&w[0].term) < key(&w[1].term))
        );
        let mut expected = words;
        expected.sort_by(|a, b| key(&a.term).cmp(&key(&b.term)));
        assert_eq!(decoded, expected);
    }
}
