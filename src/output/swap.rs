//! Putting a finished build in place of the previous one, and finishing what a build killed
//! during that step left: the one moment a build touches the folder readers are served from.
//!
//! Split from the writer (`output/mod.rs`) because its correctness argument is its own: at
//! every instant a kill can hit, the output folder exists and is either the old site, the new
//! one, or a state the next run turns back into the old one before doing anything else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{
    MANIFEST, MANIFEST_NEXT, NO_EXCHANGE_ENV, OutputLock, absolute, foreign_files,
    is_medleafs_leftover, read_manifest,
};
use crate::error::{Error, Result};

/// Puts the new folder in place of the old one. On Linux the two are exchanged in one atomic
/// step, so there is no moment without an output folder. Elsewhere (or with
/// [`NO_EXCHANGE_ENV`] set) the output folder stays where it is and its contents are swapped
/// entry by entry ([`swap_in_place`]), so it is never missing either.
pub(super) fn swap_in(temp: &Path, output: &Path, parent: &Path, name: &str) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(temp, output)
            .map_err(Error::io("cannot move the new site to", output));
    }
    if std::env::var_os(NO_EXCHANGE_ENV).is_none() && exchange(temp, output).is_ok() {
        // `temp` now holds the previous output, which the manifest check proved is all ours.
        return remove_owned_tree(temp).map_err(Error::io("cannot remove the old site in", temp));
    }
    swap_in_place(temp, output, parent, name)
}

/// The swap without the atomic exchange. The output folder itself never moves: each entry at
/// its top (`index.html`, `conditions/`) is set aside into `.<name>.medleaf-old-<pid>` and
/// the new one moved in (a file is linked aside first, so it is replaced in one rename), and
/// the new manifest goes in last, which completes the swap. A run killed part way leaves the
/// output folder in place with some entries new; the next run puts the old entries back
/// ([`repair`]) before doing anything else.
pub(super) fn swap_in_place(temp: &Path, output: &Path, parent: &Path, name: &str) -> Result<()> {
    let aside = set_aside_folder(output, parent, name)?;
    let mut names: BTreeSet<std::ffi::OsString> = BTreeSet::new();
    for dir in [output, temp] {
        let entries = std::fs::read_dir(dir).map_err(Error::io("cannot read", dir))?;
        for entry in entries {
            names.insert(entry.map_err(Error::io("cannot read", dir))?.file_name());
        }
    }
    names.remove(std::ffi::OsStr::new(MANIFEST));
    names.remove(std::ffi::OsStr::new(MANIFEST_NEXT));
    for entry in &names {
        swap_entry(temp, output, &aside, entry)?;
    }
    let manifest = output.join(MANIFEST);
    std::fs::rename(temp.join(MANIFEST), &manifest)
        .map_err(Error::io("cannot write", &manifest))?;
    remove_owned_tree(&aside).map_err(Error::io("cannot remove the old site in", &aside))?;
    std::fs::remove_dir_all(temp).map_err(Error::io("cannot remove", temp))
}

/// Creates the folder the old entries go to, holding a copy of the old manifest, so that it
/// is recognisably medleaf's and lists what it holds.
pub(super) fn set_aside_folder(output: &Path, parent: &Path, name: &str) -> Result<PathBuf> {
    let aside = parent.join(format!("{}{}", old_prefix(name), std::process::id()));
    std::fs::create_dir(&aside).map_err(Error::io("cannot create", &aside))?;
    let manifest = aside.join(MANIFEST);
    std::fs::copy(output.join(MANIFEST), &manifest)
        .map_err(Error::io("cannot write", &manifest))?;
    Ok(aside)
}

/// Sets `output/entry` aside (if the old site has it) and moves `temp/entry` in (if the new
/// one has it).
pub(super) fn swap_entry(
    temp: &Path,
    output: &Path,
    aside: &Path,
    entry: &std::ffi::OsStr,
) -> Result<()> {
    let (old, new) = (output.join(entry), temp.join(entry));
    let old_is_file = std::fs::symlink_metadata(&old).map(|m| m.is_file()).ok();
    let new_meta = std::fs::symlink_metadata(&new).ok();
    let new_exists = new_meta.is_some();
    let both_files = old_is_file == Some(true) && new_meta.is_some_and(|m| m.is_file());
    match old_is_file {
        // A file stays readable: a second name aside, then the new one renamed over it.
        Some(_) if both_files && std::fs::hard_link(&old, aside.join(entry)).is_ok() => {}
        Some(_) => std::fs::rename(&old, aside.join(entry))
            .map_err(Error::io("cannot move aside", &old))?,
        None => {}
    }
    if new_exists {
        std::fs::rename(&new, &old).map_err(Error::io("cannot move the new site to", &old))?;
    }
    Ok(())
}

/// The name of the folder the swap without the exchange sets the old site's entries aside in.
pub(super) fn old_prefix(name: &str) -> String {
    format!(".{name}.medleaf-old-")
}

/// Finishes what a build killed during the swap left, before anything else is done (called at
/// the start of every build, before the content is even read, so a next build that stops on a
/// content error still leaves the previous site whole):
/// - the swap without the exchange ([`swap_in_place`]) killed before its last step (the new
///   manifest is still in the temporary folder): the old entries set aside are put back,
///   which is the whole previous site again;
/// - killed after it: the folder set aside is what is left of the old site, and is removed;
/// - the output missing, with a whole previous site beside it under the set-aside name (what
///   medleaf before version 0.2 left when killed between its two renames): it is put back.
///
/// Does nothing while another build holds the output's lock (it is mid-swap itself).
pub(crate) fn repair(output: &Path) -> Result<Option<PathBuf>> {
    let output = absolute(output)?;
    let Some(parent) = output.parent() else {
        return Ok(None);
    };
    let Some(name) = output.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Ok(None);
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(None);
    };
    let prefix = old_prefix(&name);
    let mut candidates: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()))
        .collect();
    if candidates.is_empty() {
        return Ok(None);
    }
    let Ok(_lock) = OutputLock::acquire(parent, &name, &output) else {
        return Ok(None);
    };
    if std::fs::symlink_metadata(&output).is_ok() {
        let mut repaired = None;
        for aside in candidates {
            if put_back_aside(&output, &aside, &name)? {
                repaired = Some(output.clone());
            }
        }
        return Ok(repaired);
    }
    candidates.retain(|p| is_complete_site(p));
    // Only one build at a time swaps, so there is at most one; the newest wins otherwise.
    candidates.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let Some(old) = candidates.pop() else {
        return Ok(None);
    };
    std::fs::rename(&old, &output)
        .map_err(Error::io("cannot put back the previous site in", &output))?;
    Ok(Some(output))
}

/// Repairs one folder set aside by [`swap_in_place`] beside an existing output; whether the
/// old site was put back. The swap finished if and only if the new manifest left the build's
/// temporary folder (the same process number names both folders): then what is aside is the
/// old site's and is removed. A folder that is not medleaf's is left alone.
pub(super) fn put_back_aside(output: &Path, aside: &Path, name: &str) -> Result<bool> {
    if !is_medleafs_leftover(aside) {
        return Ok(false);
    }
    let Some(old_manifest) = read_manifest(aside)? else {
        return Ok(false);
    };
    let pid = aside
        .file_name()
        .map(|n| n.to_string_lossy()[old_prefix(name).len()..].to_owned())
        .unwrap_or_default();
    let temp = aside.with_file_name(format!(".{name}.medleaf-tmp-{pid}"));
    let Some(new_listed) = read_manifest(&temp)? else {
        remove_owned_tree(aside).map_err(Error::io("cannot remove the old site in", aside))?;
        return Ok(false);
    };
    let entries = std::fs::read_dir(aside).map_err(Error::io("cannot read", aside))?;
    let mut names: Vec<std::ffi::OsString> = entries
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != MANIFEST)
        .collect();
    names.sort();
    for entry in names {
        let (from, to) = (aside.join(&entry), output.join(&entry));
        // What is at `to` now came from the killed build's new site: its entries are all
        // medleaf's (the build wrote them into its own temporary folder).
        if let Ok(m) = std::fs::symlink_metadata(&to) {
            if m.is_dir() {
                remove_owned_tree(&to).map_err(Error::io("cannot remove", &to))?;
            } else if !std::fs::symlink_metadata(&from).is_ok_and(|f| f.is_file()) {
                std::fs::remove_file(&to).map_err(Error::io("cannot remove", &to))?;
            }
        }
        std::fs::rename(&from, &to)
            .map_err(Error::io("cannot put back the previous site in", &to))?;
    }
    // The killed build's new files the old site did not have, and the folders that held only
    // them.
    for rel in foreign_files(output, &old_manifest)? {
        if new_listed.contains(&rel) {
            let path = output.join(&rel);
            std::fs::remove_file(&path).map_err(Error::io("cannot remove", &path))?;
            for dir in path.ancestors().skip(1).take_while(|d| *d != output) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
            }
        }
    }
    remove_owned_tree(aside).map_err(Error::io("cannot remove", aside))?;
    Ok(true)
}

/// Whether `dir` is a whole site medleaf wrote: its manifest lists files and every one of them
/// is there, and nothing else is.
pub(super) fn is_complete_site(dir: &Path) -> bool {
    let Ok(Some(listed)) = read_manifest(dir) else {
        return false;
    };
    !listed.is_empty()
        && foreign_files(dir, &listed).is_ok_and(|f| f.is_empty())
        && listed.iter().all(|rel| dir.join(rel).is_file())
}

/// Deletes a folder medleaf wrote, its manifest last. A build killed halfway through the
/// removal then leaves a folder still marked as medleaf's, or one holding only empty folders;
/// the next build recognises both as leftovers. Removed in any other order, the manifest could
/// go first and leave files no later build would dare to delete.
pub(super) fn remove_owned_tree(dir: &Path) -> std::io::Result<()> {
    let manifest = dir.join(MANIFEST);
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry?;
        if !entry.file_type().is_dir() && entry.path() != manifest {
            std::fs::remove_file(entry.path())?;
        }
    }
    match std::fs::remove_file(&manifest) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::remove_dir_all(dir)
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other(
        "atomic exchange is only used on Linux",
    ))
}
