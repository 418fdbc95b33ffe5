//! The results of `check --external`, kept between runs in `.medleaf-cache/links.json` at the
//! site root, so a second run within the time to live sends no request.
//!
//! The folder holds its own `.gitignore` (`*`), so the cache is never committed whatever the
//! site's own `.gitignore` says. A result that says the address works, moved or is gone is
//! kept for the site's `cache_days`; a failure that may pass (a timeout, a server error) for
//! one day at most, so a bad afternoon is not reported for a week. A cache that cannot be read
//! is ignored (and rewritten): it only ever saves time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fetch::Outcome;
use crate::error::{Error, Result};

/// The cache folder, at the site root (beside any other cache medleaf keeps).
pub(crate) const DIR: &str = ".medleaf-cache";
/// The file of link results in it.
pub(crate) const FILE: &str = "links.json";
/// The version of the file's shape; a file of another version is ignored.
const VERSION: u32 = 1;
/// Seconds in a day.
const DAY: u64 = 24 * 60 * 60;

/// One cached result.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// When it was fetched, in seconds since 1970.
    pub(crate) checked: u64,
    /// What the address did.
    #[serde(flatten)]
    pub(crate) outcome: Outcome,
}

/// The file's contents.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Cache {
    version: u32,
    /// Results by address, sorted (so the file is stable between runs).
    pub(crate) links: BTreeMap<String, Entry>,
}

/// Where the cache of the site at `root` is.
pub(crate) fn path(root: &Path) -> PathBuf {
    root.join(DIR).join(FILE)
}

impl Cache {
    /// Reads the cache of the site at `root` (empty when there is none or it cannot be read).
    pub(crate) fn load(root: &Path) -> Cache {
        std::fs::read_to_string(path(root))
            .ok()
            .and_then(|text| serde_json::from_str::<Cache>(&text).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    /// The result for `url` if it is still good at `now` with a time to live of `days`.
    pub(crate) fn fresh(&self, url: &str, now: u64, days: u32) -> Option<&Outcome> {
        let entry = self.links.get(url)?;
        let ttl = match &entry.outcome {
            Outcome::Broken { lasting: false, .. } => u64::from(days.min(1)) * DAY,
            _ => u64::from(days) * DAY,
        };
        (now.saturating_sub(entry.checked) < ttl && entry.checked <= now).then_some(&entry.outcome)
    }

    /// Writes the cache for the site at `root`, keeping only `keep` (the site's addresses
    /// now), with the folder's `.gitignore`.
    pub(crate) fn save(mut self, root: &Path, keep: &[String]) -> Result<()> {
        let keep: std::collections::HashSet<&str> = keep.iter().map(String::as_str).collect();
        self.links.retain(|url, _| keep.contains(url.as_str()));
        self.version = VERSION;
        let dir = root.join(DIR);
        std::fs::create_dir_all(&dir).map_err(Error::io("cannot create", &dir))?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "# medleaf's caches: never committed\n*\n")
                .map_err(Error::io("cannot write", &ignore))?;
        }
        let text = serde_json::to_string_pretty(&self).expect("the cache always serialises");
        let file = path(root);
        let temporary = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&temporary, text + "\n").map_err(Error::io("cannot write", &temporary))?;
        std::fs::rename(&temporary, &file).map_err(Error::io("cannot write", &file))?;
        Ok(())
    }

    /// Records the result for `url` fetched at `now`.
    pub(crate) fn insert(&mut self, url: String, now: u64, outcome: Outcome) {
        self.links.insert(
            url,
            Entry {
                checked: now,
                outcome,
            },
        );
    }
}

/// Seconds since 1970, now.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passing_failures_are_kept_a_day_and_the_rest_the_whole_time() {
        let mut c = Cache::default();
        let broken = |lasting| Outcome::Broken {
            status: None,
            reason: "x".into(),
            lasting,
        };
        c.insert("a".into(), 0, Outcome::Ok { status: 200 });
        c.insert("b".into(), 0, broken(false));
        c.insert("c".into(), 0, broken(true));
        let two_days = 2 * DAY;
        assert!(c.fresh("a", two_days, 7).is_some());
        assert!(c.fresh("b", two_days, 7).is_none());
        assert!(c.fresh("b", DAY - 1, 7).is_some());
        assert!(c.fresh("c", two_days, 7).is_some());
        assert!(c.fresh("a", 8 * DAY, 7).is_none());
        assert!(c.fresh("a", 0, 0).is_none(), "cache_days: 0 keeps nothing");
    }
}
