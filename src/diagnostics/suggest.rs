//! "Did you mean" over a large set of names (every page, every address), at a cost that does
//! not grow with the set.
//!
//! [`super::did_you_mean`] compares the wanted name with every candidate, which is right for a
//! handful of front-matter keys and quadratic for a site whose every page has a broken link
//! (pages × pages comparisons, issue 16). [`Suggestions`] indexes each candidate's last path
//! segment once under itself and each one-character deletion of it (the symmetric-delete
//! method of spelling correctors), so a query looks up only the names one or two typos away
//! (a letter missing, extra, changed, or two swapped) and scores at most a fixed number of them
//! with the same rule as `did_you_mean`.

use rustc_hash::FxHashMap as HashMap;

/// At most this many candidates share one lookup key: a name every folder has (`_index.md`)
/// must not make a query scan every folder.
const PER_KEY: usize = 32;

/// Names longer than this (in characters) are looked up whole only, without deletions, so a
/// hostile 100 kB link costs one lookup, not 100,000.
const MAX_DELETIONS: usize = 64;

/// Candidates indexed for [`Suggestions::best`].
#[derive(Debug, Default)]
pub(crate) struct Suggestions {
    /// The candidates, sorted (ties go to the first, as in `did_you_mean`).
    words: Vec<String>,
    /// Lowercased last segment and each of its one-character deletions → candidate numbers,
    /// ascending, at most [`PER_KEY`].
    keys: HashMap<String, Vec<u32>>,
}

/// The part of a path or address a typo is looked for in: its last non-empty segment.
fn last_segment(word: &str) -> String {
    word.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(word)
        .to_lowercase()
}

/// `name` and each string made by deleting one of its characters.
fn deletions(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut keys = vec![name.to_owned()];
    if chars.len() <= MAX_DELETIONS {
        for i in 0..chars.len() {
            keys.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
        }
    }
    keys
}

impl Suggestions {
    /// Indexes `candidates` (duplicates are kept once).
    pub(crate) fn new<'a>(candidates: impl IntoIterator<Item = &'a str>) -> Suggestions {
        let mut words: Vec<String> = candidates.into_iter().map(str::to_owned).collect();
        words.sort_unstable();
        words.dedup();
        let mut keys: HashMap<String, Vec<u32>> = HashMap::default();
        for (n, word) in words.iter().enumerate() {
            for key in deletions(&last_segment(word)) {
                let list = keys.entry(key).or_default();
                // Deleting either of a doubled letter gives the same key twice.
                if list.len() < PER_KEY && list.last() != Some(&(n as u32)) {
                    list.push(n as u32);
                }
            }
        }
        Suggestions { words, keys }
    }

    /// The candidates worth scoring for `wanted`: those whose last segment is within one
    /// deletion of `wanted`'s, or of one of its deletions. At most
    /// `PER_KEY × (MAX_DELETIONS + 1)`, whatever the number of candidates.
    fn near(&self, wanted: &str) -> Vec<u32> {
        let mut near: Vec<u32> = deletions(&last_segment(wanted))
            .iter()
            .filter_map(|k| self.keys.get(k))
            .flatten()
            .copied()
            .collect();
        near.sort_unstable();
        near.dedup();
        near
    }

    /// The candidate closest to `wanted` among the near ones, scored as
    /// [`super::did_you_mean`] scores (the whole string, at least 0.6 alike), or, when no whole
    /// string is alike enough, the one whose last segment is.
    pub(crate) fn best(&self, wanted: &str) -> Option<&str> {
        let near = self.near(wanted);
        let words = || near.iter().map(|&n| self.words[n as usize].as_str());
        super::did_you_mean(wanted, words()).or_else(|| {
            let name = last_segment(wanted);
            let segments: Vec<(String, &str)> = words().map(|w| (last_segment(w), w)).collect();
            let best = super::did_you_mean(&name, segments.iter().map(|(s, _)| s.as_str()))?;
            segments.iter().find(|(s, _)| s == best).map(|(_, w)| *w)
        })
    }

    /// How many candidates a query for `wanted` scores: the work [`Suggestions::best`] does,
    /// for tests that count it.
    #[cfg(test)]
    fn scored(&self, wanted: &str) -> usize {
        self.near(wanted).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_one_or_two_typos_in_the_last_segment() {
        let s = Suggestions::new([
            "conditions/leukemia.md",
            "conditions/leukopenia.md",
            "tests/complete-blood-count.md",
        ]);
        // A letter missing, extra, changed, two swapped.
        assert_eq!(
            s.best("conditions/leukmia.md"),
            Some("conditions/leukemia.md")
        );
        assert_eq!(
            s.best("conditions/leukeemia.md"),
            Some("conditions/leukemia.md")
        );
        assert_eq!(
            s.best("conditions/leukemio.md"),
            Some("conditions/leukemia.md")
        );
        assert_eq!(
            s.best("conditions/leukemai.md"),
            Some("conditions/leukemia.md")
        );
        // The right name in the wrong folder.
        assert_eq!(
            s.best("../complete-blood-count.md"),
            Some("tests/complete-blood-count.md")
        );
        assert_eq!(s.best("/tests/complete-blod-count/"), None);
        assert_eq!(s.best("asthma.md"), None);
    }

    #[test]
    fn addresses_are_matched_on_their_last_segment() {
        let s = Suggestions::new(["/conditions/leukemia/", "/topics/", "/style.css"]);
        assert_eq!(
            s.best("/conditions/leukemai/"),
            Some("/conditions/leukemia/")
        );
        assert_eq!(s.best("/styles.css"), Some("/style.css"));
    }

    #[test]
    fn the_work_per_query_does_not_grow_with_the_candidates() {
        // Issue 16: a site whose every page has a broken link must not compare each link with
        // every page. Here 20,000 names, many alike (`page-1.md` ... `page-20000.md`) and one
        // name in every folder (`_index.md`): a query scores a bounded number of them.
        let names: Vec<String> = (1..=20_000)
            .flat_map(|i| {
                [
                    format!("s{}/page-{i}.md", i % 500),
                    format!("s{i}/_index.md"),
                ]
            })
            .collect();
        let s = Suggestions::new(names.iter().map(String::as_str));
        let bound = PER_KEY * (MAX_DELETIONS + 1);
        for wanted in [
            "s3/page-123.md",
            "page-9999.md",
            "_index.md",
            "_indx.md",
            "zzz.md",
        ] {
            assert!(s.scored(wanted) <= bound, "{wanted}: {}", s.scored(wanted));
        }
        // The work is the same for a site ten times smaller: it depends on the name only.
        let small: Vec<&str> = names.iter().take(4_000).map(String::as_str).collect();
        let small = Suggestions::new(small);
        assert!(s.scored("_indx.md") <= PER_KEY * 10);
        assert_eq!(s.scored("_indx.md"), small.scored("_indx.md"));
        assert_eq!(s.best("s7/page-7.mdx"), Some("s7/page-7.md"));
        // A hostile name of 100,000 characters is one lookup.
        assert_eq!(s.scored(&"a".repeat(100_000)), 0);
    }
}
