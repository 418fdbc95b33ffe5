//! Turning text into the identifiers used in addresses and fragment ids.

/// GitHub-style heading ids and topic slugs: lowercase, letters and digits kept (in any
/// script), spaces and hyphens become `-`, other punctuation is dropped, runs of `-` collapse.
/// `Is it cancer?` → `is-it-cancer`; `Blood tests` → `blood-tests`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Gives out ids unique within one page: the second "Symptoms" heading becomes `symptoms-1`.
///
/// Each base remembers the next number to try, so n identical headings cost n lookups, not
/// n²/2 (100,000 identical headings once took minutes; issue 16).
#[derive(Debug, Default)]
pub(crate) struct IdSet {
    used: rustc_hash::FxHashSet<String>,
    next: rustc_hash::FxHashMap<String, usize>,
    /// Candidate ids tried so far (the work done; checked by tests).
    pub(crate) probes: usize,
}

impl IdSet {
    /// A set with some ids already taken (those the page template uses).
    pub(crate) fn with_reserved(reserved: &[&str]) -> Self {
        IdSet {
            used: reserved.iter().map(|s| (*s).to_owned()).collect(),
            ..IdSet::default()
        }
    }

    /// Marks `id` as used; returns false if it already was.
    pub(crate) fn insert(&mut self, id: &str) -> bool {
        self.used.insert(id.to_owned())
    }

    /// A unique id based on `base` (`section` when `base` is empty).
    pub(crate) fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        self.probes += 1;
        if self.used.insert(base.to_owned()) {
            return base.to_owned();
        }
        let next = self.next.entry(base.to_owned()).or_insert(1);
        loop {
            self.probes += 1;
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("Is it cancer?"), "is-it-cancer");
        assert_eq!(slugify("What the numbers mean"), "what-the-numbers-mean");
        assert_eq!(slugify("  Women's health  "), "womens-health");
        assert_eq!(slugify("G-CSF — growth factors"), "g-csf-growth-factors");
        assert_eq!(slugify("Anémie"), "anémie");
        assert_eq!(slugify("?!"), "");
    }

    #[test]
    fn ids_are_deduplicated() {
        let mut ids = IdSet::with_reserved(&["main"]);
        assert_eq!(ids.unique("symptoms"), "symptoms");
        assert_eq!(ids.unique("symptoms"), "symptoms-1");
        assert_eq!(ids.unique("main"), "main-1");
        assert_eq!(ids.unique(""), "section");
        // A heading that looks like a numbered twin is skipped over.
        assert!(ids.insert("a-1"));
        assert_eq!(ids.unique("a"), "a");
        assert_eq!(ids.unique("a"), "a-2");
        assert_eq!(ids.unique("a"), "a-3");
    }

    #[test]
    fn identical_headings_cost_linear_work() {
        let mut ids = IdSet::default();
        for _ in 0..100_000 {
            ids.unique("symptoms");
        }
        assert_eq!(ids.unique("symptoms"), "symptoms-100000");
        // One probe per call, plus one for each call after the first (base, then a number).
        assert!(ids.probes <= 2 * 100_001, "{} probes", ids.probes);
    }
}
