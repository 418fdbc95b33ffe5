//! `ARCHITECTURE.md` stays true: its code map lists every file under `src/`, each once, and
//! nothing that is not there; its pipeline names modules that exist.

use std::collections::BTreeSet;

use crate::common::repo_root;

/// Every file under `src/`, `/`-separated from the repository root.
fn source_files() -> BTreeSet<String> {
    fn walk(dir: &std::path::Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                let rel = path.strip_prefix(repo_root()).unwrap();
                out.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&repo_root().join("src"), &mut out);
    out
}

#[test]
fn the_code_map_lists_exactly_the_files_under_src() {
    let text = std::fs::read_to_string(repo_root().join("ARCHITECTURE.md")).unwrap();
    let map = &text[text.find("## Code map").unwrap()..text.find("## Invariants").unwrap()];
    let mut listed = Vec::new();
    for line in map.lines() {
        if let Some(rest) = line.strip_prefix("| `src/") {
            let file = rest.split('`').next().unwrap();
            listed.push(format!("src/{file}"));
        }
    }
    let unique: BTreeSet<String> = listed.iter().cloned().collect();
    assert_eq!(unique.len(), listed.len(), "a file is listed twice");
    // A row for a folder (`src/search/vectors/`) covers the data files in it.
    let (folders, files): (BTreeSet<String>, BTreeSet<String>) =
        unique.into_iter().partition(|f| f.ends_with('/'));
    let actual: BTreeSet<String> = source_files()
        .into_iter()
        .filter(|f| !folders.iter().any(|d| f.starts_with(d.as_str())))
        .collect();
    let missing: Vec<&String> = actual.difference(&files).collect();
    let mut stale: Vec<&String> = files.difference(&actual).collect();
    stale.extend(
        folders
            .iter()
            .filter(|d| !repo_root().join(d.as_str()).is_dir()),
    );
    assert!(
        missing.is_empty() && stale.is_empty(),
        "ARCHITECTURE.md's code map is out of date: not listed {missing:?}, no such file {stale:?}"
    );
}
