//! The inverted index: which pages use which terms and how, scored, cut into chunk files.
//!
//! Pages are counted in parallel, in contiguous runs of doc ids (one counter per run, each
//! with its own cache of word → term, so a word is stemmed once per run, not once per use),
//! then merged: the terms of all runs sorted, and each term's postings gathered in doc order.
//! Scores need the whole site (a term's page count, the average page length), so they are
//! worked out in the merge, term by term in parallel.
//!
//! A word with a second spelling (`text::analyse`: "leukaemia" → `leukemia`, "información" →
//! `informacion`) counts for both its own term and the folded one. A page that has the folded
//! term only through other spellings gets [`VARIANT`] times its score for it, so that a query
//! in one spelling ranks the pages written in that spelling first.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::docs::Doc;
use super::text::{self, Lang};
use super::typo;
use super::varint::varint;

/// BM25's term-frequency saturation.
const K1: f64 = 1.2;
/// BM25's length normalization.
const B: f64 = 0.75;
/// Boost for a term in the title, the condition's names or the names of the glossary terms
/// the page explains: far above what body text can give (at most `K1 + 1`), because a reader
/// who types a page's subject wants that page first.
const STRONG_BOOST: f64 = 8.0;
/// Boost for a term in a heading.
const HEADING_BOOST: f64 = 2.5;
/// Boost for a term in the description.
const DESCRIPTION_BOOST: f64 = 1.5;
/// The share of its score a page keeps for a term it has only in another spelling. Low
/// enough that the exact spelling ranks first among pages that use the word alike, high enough
/// that a title in the other spelling still beats body text in this one.
pub(super) const VARIANT: f64 = 0.7;

/// A chunk is closed once it reaches this size... Each word of a query costs one chunk, so
/// chunks of 32-64 kB keep a three-word first query, with its ten result fragments, near 200 kB;
/// smaller chunks would only lengthen the manifest, which every query loads.
const CHUNK_MIN: usize = 32 * 1024;
/// ...or before a term would take it over this one. A term whose postings alone are larger
/// gets a chunk of its own.
const CHUNK_MAX: usize = 64 * 1024;

/// How one page uses one term: body count and the fields it appears in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Hits {
    /// Uses in the body (paragraphs, list items, table rows), saturating.
    body: u16,
    /// [`STRONG`], [`HEADING`], [`DESCRIPTION`], [`USES`], [`EXACT`].
    fields: u8,
}

/// In the title, the condition's names, or the names of a glossary term the page explains.
const STRONG: u8 = 1;
/// In a heading.
const HEADING: u8 = 2;
/// In the description.
const DESCRIPTION: u8 = 4;
/// A name of a glossary term the page uses.
const USES: u8 = 8;
/// Written in this spelling somewhere on the page (not only reached through a spelling fold).
const EXACT: u8 = 16;
/// Body text (not a flag: counted in `Hits::body`).
const BODY: u8 = 0;

/// Marks a stopword in the stem caches of a [`Counter`].
const STOP: u32 = u32::MAX;
/// Marks "no folded term" in the stem caches of a [`Counter`].
const NONE: u32 = u32::MAX;

/// A token's local term and folded local term ([`NONE`] if it has none); the term is [`STOP`]
/// for a stopword.
type Pair = (u32, u32);

/// Slots in [`Counter::cache`] (64 kB a counter).
const CACHE: usize = 4096;

/// Counts the terms of a run of pages.
struct Counter {
    lang: Lang,
    /// A one-probe cache in front of `short`: slot `hash(key) % CACHE` holds the last key seen
    /// there and its terms. Most tokens are a few hundred common words, found here in a few
    /// instructions.
    cache: Vec<(u64, Pair)>,
    /// Normalized tokens of up to 8 bytes, packed into an integer by [`pack`] → local terms (or
    /// [`STOP`]): the stem cache for most words, without comparing strings.
    short: FxHashMap<u64, Pair>,
    /// Longer normalized tokens → local terms (or [`STOP`]).
    words: FxHashMap<Box<str>, Pair>,
    /// Stem → local term.
    stems: FxHashMap<Box<str>, u32>,
    /// Local term → stem.
    terms: Vec<Box<str>>,
    /// The current page's hits, by local term.
    current: Vec<Hits>,
    /// The local terms the current page has hit, to reset them afterwards.
    touched: Vec<u32>,
    /// (local term, doc id, hits), doc ids ascending.
    postings: Vec<(u32, u32, Hits)>,
    /// Each page's length in body terms, in doc order.
    lengths: Vec<u32>,
    scratch: String,
}

impl Counter {
    fn new(lang: Lang) -> Counter {
        Counter {
            lang,
            // Key 0 is no token (tokens are never empty), so an empty slot never matches.
            cache: vec![(0, (0, NONE)); CACHE],
            short: FxHashMap::default(),
            words: FxHashMap::default(),
            stems: FxHashMap::default(),
            terms: Vec::new(),
            current: Vec::new(),
            touched: Vec::new(),
            postings: Vec::new(),
            lengths: Vec::new(),
            scratch: String::new(),
        }
    }

    /// The local terms of a normalized token (the term is [`STOP`] for a stopword).
    #[inline]
    fn term(&mut self, token: &str) -> Pair {
        if token.len() <= 8 {
            let key = pack(token);
            let slot = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 52) as usize % CACHE;
            if self.cache[slot].0 == key {
                return self.cache[slot].1;
            }
            let t = match self.short.get(&key) {
                Some(&t) => t,
                None => {
                    let t = self.resolve(token);
                    self.short.insert(key, t);
                    t
                }
            };
            self.cache[slot] = (key, t);
            return t;
        }
        if let Some(&t) = self.words.get(token) {
            return t;
        }
        let t = self.resolve(token);
        self.words.insert(token.into(), t);
        t
    }

    /// The local terms of a token not seen before.
    fn resolve(&mut self, token: &str) -> Pair {
        match text::analyse(token, self.lang) {
            None => (STOP, NONE),
            Some(a) => {
                let term = self.intern(a.term);
                let folded = a.folded.map_or(NONE, |f| self.intern(f));
                (term, folded)
            }
        }
    }

    fn intern(&mut self, stem: String) -> u32 {
        if let Some(&t) = self.stems.get(stem.as_str()) {
            return t;
        }
        let t = self.terms.len() as u32;
        let stem: Box<str> = stem.into();
        self.terms.push(stem.clone());
        self.stems.insert(stem, t);
        self.current.push(Hits::default());
        t
    }

    /// Counts the terms of `text` as `field` for the current page; returns how many there were.
    fn add(&mut self, text: &str, field: u8) -> u32 {
        let mut scratch = std::mem::take(&mut self.scratch);
        let mut n = 0;
        text::for_each_token(text, &mut scratch, |token| {
            let (t, folded) = self.term(token);
            if t == STOP {
                return;
            }
            n += 1;
            self.hit(t, field | EXACT);
            if folded != NONE {
                self.hit(folded, field);
            }
        });
        self.scratch = scratch;
        n
    }

    /// Records one use of local term `t` in `field` ([`BODY`] or flags) on the current page.
    #[inline]
    fn hit(&mut self, t: u32, field: u8) {
        let hits = &mut self.current[t as usize];
        if *hits == Hits::default() {
            self.touched.push(t);
        }
        if field & !EXACT == BODY {
            hits.body = hits.body.saturating_add(1);
        }
        hits.fields |= field;
    }

    /// Counts page `id`.
    fn page(&mut self, id: u32, doc: &Doc<'_>) {
        let meta = &doc.page.meta;
        self.add(&meta.title, STRONG);
        for name in doc.condition.iter().chain(&doc.also).chain(&doc.explains) {
            self.add(name, STRONG);
        }
        for heading in &doc.rendered.headings {
            self.add(&heading.title, HEADING);
        }
        if let Some(description) = &meta.description {
            self.add(description, DESCRIPTION);
        }
        let mut length = 0;
        for unit in doc.rendered.prose.iter().chain(&doc.rendered.table_text) {
            length += self.add(&unit.text, BODY);
        }
        for name in &doc.uses {
            self.add(name, USES);
        }
        for &t in &self.touched {
            let hits = std::mem::take(&mut self.current[t as usize]);
            self.postings.push((t, id, hits));
        }
        self.touched.clear();
        self.lengths.push(length);
    }
}

/// A token of up to 8 bytes as an integer: its bytes, zero-padded. Distinct tokens give distinct
/// integers because a token never holds a zero byte (NUL is not a letter or digit).
fn pack(token: &str) -> u64 {
    // Shifts rather than a copy into a byte array, which would make the processor wait for the
    // bytes it just stored before it could load them as one number.
    token
        .bytes()
        .rev()
        .fold(0u64, |key, b| (key << 8) | u64::from(b))
}

/// One chunk file and the first term it holds.
pub(super) struct Chunk {
    /// The chunk's first term, for the manifest.
    pub first: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The inverted index, ready to write.
pub(super) struct Terms {
    /// The chunks, in term order.
    pub chunks: Vec<Chunk>,
    /// The highest score a posting can have, which the score bytes are relative to.
    pub scale: f64,
    /// The terms that can be typo corrections ([`typo::is_candidate`]), in term order.
    pub words: Vec<typo::Word>,
}

/// Builds the chunks of `docs` (in doc-id order).
pub(super) fn build(docs: &[Doc<'_>], lang: Lang) -> Terms {
    // A few runs per thread, so a slow run does not leave a core idle at the end, but few
    // enough that each run's stem cache pays off.
    let run = docs
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(64);
    let counters: Vec<Counter> = docs
        .par_chunks(run)
        .enumerate()
        .map(|(r, chunk)| {
            let mut counter = Counter::new(lang);
            for (k, doc) in chunk.iter().enumerate() {
                counter.page((r * run + k) as u32, doc);
            }
            counter
        })
        .collect();

    // The site's terms, sorted (by UTF-8 bytes), and each run's local terms among them.
    let mut terms: Vec<&str> = counters
        .iter()
        .flat_map(|c| c.terms.iter().map(|t| &**t))
        .collect();
    terms.par_sort_unstable();
    terms.dedup();
    let to_global: Vec<Vec<u32>> = counters
        .par_iter()
        .map(|c| {
            c.terms
                .iter()
                .map(|t| terms.binary_search(&&**t).expect("every term is listed") as u32)
                .collect()
        })
        .collect();

    // Postings grouped by term: counting sort. Runs are in doc order and each run's postings
    // too, so every term's postings come out in doc order.
    let mut starts = vec![0usize; terms.len() + 1];
    for (c, map) in counters.iter().zip(&to_global) {
        for &(t, _, _) in &c.postings {
            starts[map[t as usize] as usize + 1] += 1;
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut cursor = starts.clone();
    let mut postings = vec![(0u32, Hits::default()); starts[terms.len()]];
    for (c, map) in counters.iter().zip(&to_global) {
        for &(t, doc, hits) in &c.postings {
            let g = map[t as usize] as usize;
            postings[cursor[g]] = (doc, hits);
            cursor[g] += 1;
        }
    }
    let lengths: Vec<u32> = counters
        .iter()
        .flat_map(|c| c.lengths.iter().copied())
        .collect();

    let n = docs.len().max(1) as f64;
    let average = (lengths.iter().map(|&l| l as f64).sum::<f64>() / n).max(1.0);
    let scale = idf(n, 1.0) * (K1 + 1.0 + STRONG_BOOST + HEADING_BOOST + DESCRIPTION_BOOST);
    let quantize = Quantizer::new(scale);
    let (encoded, strong): (Vec<Vec<u8>>, Vec<bool>) = (0..terms.len())
        .into_par_iter()
        .map(|t| {
            let list = &postings[starts[t]..starts[t + 1]];
            debug_assert!(list.windows(2).all(|w| w[0].0 < w[1].0));
            let idf = idf(n, list.len() as f64);
            let mut out = Vec::with_capacity(list.len() * 2);
            let mut previous = 0;
            let mut strong = false;
            for &(doc, hits) in list {
                let norm = 1.0 - B + B * f64::from(lengths[doc as usize]) / average;
                let score = idf * weight(hits, norm);
                varint(&mut out, doc - previous);
                out.push(quantize.byte(score));
                previous = doc;
                strong |= hits.fields & (STRONG | USES) != 0;
            }
            (out, strong)
        })
        .unzip();
    let counts = postings_counts(&starts);
    let words = terms
        .iter()
        .enumerate()
        .filter(|(_, t)| typo::is_candidate(t))
        .map(|(i, t)| typo::Word {
            term: (*t).to_owned(),
            strong: strong[i],
            pages: counts[i] as u32,
        })
        .collect();
    Terms {
        chunks: chunks(&terms, &counts, encoded),
        scale,
        words,
    }
}

/// Scores to bytes on a log scale: byte `q` stands for `exp(q / 255 × ln(1 + scale)) − 1`, and
/// a score gets the nearest byte (in the log), at least 1.
struct Quantizer {
    /// `bounds[q]`: the lowest score that rounds to byte `q + 1` or more, for `q` in 0..255.
    bounds: Vec<f64>,
}

impl Quantizer {
    fn new(scale: f64) -> Quantizer {
        // The same as rounding `255 × ln(1 + score) / ln(1 + scale)`, without a logarithm for
        // each of the millions of postings: the rounding points, worked out once.
        let top = scale.ln_1p();
        let bounds = (0..255)
            .map(|q| ((f64::from(q) + 0.5) / 255.0 * top).exp_m1())
            .collect();
        Quantizer { bounds }
    }

    fn byte(&self, score: f64) -> u8 {
        self.bounds.partition_point(|&b| b <= score).max(1) as u8
    }
}

/// BM25's inverse document frequency of a term on `df` of `n` pages.
fn idf(n: f64, df: f64) -> f64 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// A posting's weight before idf: BM25 on the body (the page's uses of the term, plus one if
/// it links a glossary term of that name), plus the field boosts; times [`VARIANT`] if the page
/// has the term only in another spelling.
fn weight(hits: Hits, norm: f64) -> f64 {
    let tf = f64::from(hits.body) + f64::from(u8::from(hits.fields & USES != 0));
    let mut w = if tf > 0.0 {
        tf * (K1 + 1.0) / (tf + K1 * norm)
    } else {
        0.0
    };
    for (flag, boost) in [
        (STRONG, STRONG_BOOST),
        (HEADING, HEADING_BOOST),
        (DESCRIPTION, DESCRIPTION_BOOST),
    ] {
        if hits.fields & flag != 0 {
            w += boost;
        }
    }
    if hits.fields & EXACT == 0 {
        w *= VARIANT;
    }
    w
}

fn postings_counts(starts: &[usize]) -> Vec<usize> {
    starts.windows(2).map(|w| w[1] - w[0]).collect()
}

/// Cuts the sorted terms into chunk files (see the module header of `search` for the format).
fn chunks(terms: &[&str], counts: &[usize], encoded: Vec<Vec<u8>>) -> Vec<Chunk> {
    // Bytes a term's entry costs, counting its whole text (front coding only makes it smaller).
    let size = |t: usize| terms[t].len() + encoded[t].len() + 6;
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = 0;
    for t in 0..terms.len() {
        if current > 0 && current + size(t) > CHUNK_MAX {
            out.push(chunk(terms, counts, &encoded, start..t));
            start = t;
            current = 0;
        }
        current += size(t);
        if current >= CHUNK_MIN {
            out.push(chunk(terms, counts, &encoded, start..t + 1));
            start = t + 1;
            current = 0;
        }
    }
    if start < terms.len() {
        out.push(chunk(terms, counts, &encoded, start..terms.len()));
    }
    out
}

fn chunk(
    terms: &[&str],
    counts: &[usize],
    encoded: &[Vec<u8>],
    range: std::ops::Range<usize>,
) -> Chunk {
    let mut bytes = Vec::new();
    varint(&mut bytes, range.len() as u32);
    let mut previous: &[u8] = b"";
    for t in range.clone() {
        let term = terms[t].as_bytes();
        let shared = previous
            .iter()
            .zip(term)
            .take_while(|(a, b)| a == b)
            .count();
        varint(&mut bytes, shared as u32);
        varint(&mut bytes, (term.len() - shared) as u32);
        bytes.extend_from_slice(&term[shared..]);
        varint(&mut bytes, counts[t] as u32);
        varint(&mut bytes, encoded[t].len() as u32);
        previous = term;
    }
    for list in &encoded[range.clone()] {
        bytes.extend_from_slice(list);
    }
    Chunk {
        first: terms[range.start].to_owned(),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantized_scores_round_in_the_log() {
        let quantize = Quantizer::new(100.0);
        let top = 100f64.ln_1p();
        assert_eq!(quantize.byte(0.0), 1);
        assert_eq!(quantize.byte(100.0), 255);
        assert_eq!(quantize.byte(1e9), 255);
        for score in [0.01, 0.3, 1.0, 2.5, 7.0, 33.3, 99.0] {
            let expected = (255.0 * f64::ln_1p(score) / top).round().clamp(1.0, 255.0) as u8;
            assert_eq!(quantize.byte(score), expected, "{score}");
        }
    }

    #[test]
    fn short_tokens_pack_into_distinct_keys() {
        assert_eq!(pack("ab"), 0x6261);
        assert_ne!(pack("a"), pack("a0"));
        assert_eq!(pack("abcdefgh"), u64::from_le_bytes(*b"abcdefgh"));
    }

    #[test]
    fn the_title_outranks_any_amount_of_body_text() {
        let title = weight(
            Hits {
                body: 0,
                fields: STRONG | EXACT,
            },
            1.0,
        );
        let body = weight(
            Hits {
                body: u16::MAX,
                fields: HEADING | DESCRIPTION | EXACT,
            },
            0.25,
        );
        assert!(title > body, "{title} <= {body}");
        let heading = weight(
            Hits {
                body: 0,
                fields: HEADING | EXACT,
            },
            1.0,
        );
        let description = weight(
            Hits {
                body: 0,
                fields: DESCRIPTION | EXACT,
            },
            1.0,
        );
        let once = weight(
            Hits {
                body: 1,
                fields: EXACT,
            },
            1.0,
        );
        assert!(heading > description && description > once);
    }

    #[test]
    fn another_spelling_ranks_below_this_one_but_a_title_still_wins() {
        let exact = |fields, body| weight(Hits { body, fields }, 1.0);
        // The same uses, one page in this spelling, one in another.
        assert!(exact(EXACT, 3) > exact(0, 3));
        assert!(exact(STRONG | EXACT, 1) > exact(STRONG, 1));
        assert!((exact(0, 3) - VARIANT * exact(EXACT, 3)).abs() < 1e-12);
        // A title in the other spelling still beats any amount of body text in this one.
        assert!(exact(STRONG, 0) > exact(EXACT, u16::MAX));
    }

    #[test]
    fn chunks_stay_within_bounds_and_start_with_their_first_term() {
        let terms: Vec<String> = (0..2000).map(|i| format!("t{i:05}")).collect();
        let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
        let counts = vec![50; terms.len()];
        // One huge term in the middle.
        let encoded: Vec<Vec<u8>> = (0..terms.len())
            .map(|t| vec![1u8; if t == 1000 { 100_000 } else { 100 }])
            .collect();
        let out = chunks(&terms, &counts, encoded);
        assert!(out.len() > 3);
        for c in &out {
            assert!(
                c.bytes.len() <= CHUNK_MAX || c.bytes.len() > 100_000,
                "{}",
                c.bytes.len()
            );
        }
        // All but the last are at least about CHUNK_MIN (the estimate counts whole terms, front
        // coding stores less), except one closed early to keep the huge term out of it.
        let small = out[..out.len() - 1]
            .iter()
            .filter(|c| c.bytes.len() < CHUNK_MIN * 3 / 4)
            .count();
        assert!(small <= 1, "{small} small chunks");
        let firsts: Vec<&str> = out.iter().map(|c| c.first.as_str()).collect();
        assert!(firsts.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(firsts[0], "t00000");
    }
}
