//! Writing the built site safely.
//!
//! The site is written into a temporary folder beside the output folder and then swapped in, so
//! a failed or killed build leaves the previous output exactly as it was. The output folder
//! carries a manifest naming every file medleaf wrote; medleaf refuses to replace a folder
//! without one, or one holding files it did not write, so it never deletes anything it did not
//! create. It also refuses outputs that would overwrite the site's own sources.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::Asset;
use crate::error::{Error, Result};

mod swap;
pub(crate) use swap::repair;
use swap::{old_prefix, remove_owned_tree, swap_in};

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A text file.
    pub(crate) fn new(path: String, text: String) -> Self {
        OutputFile {
            path,
            bytes: text.into_bytes(),
        }
    }
}

/// Writes a file medleaf makes outside the output folder because the user asked for it there
/// (the governance report, `--report`): replaced atomically (a temporary file beside it, then
/// a rename), its folder created if needed. A path inside the output folder is refused: the
/// next build would find a file it did not write there.
pub(crate) fn write_outside(root: &Path, output: &Path, path: &Path, text: &str) -> Result<()> {
    let target = absolute(path)?;
    if target.starts_with(absolute(output)?) {
        return Err(Error::Usage(format!(
            "the report `{}` would be inside the output folder `{}`; write it elsewhere, such as `{}`",
            path.display(),
            output.display(),
            root.join("reports/medleaf-report.json").display()
        )));
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io("cannot create", parent))?;
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.medleaf-tmp"));
    std::fs::write(&temp, text).map_err(Error::io("cannot write", &temp))?;
    std::fs::rename(&temp, &target).map_err(Error::io("cannot write", &target))
}

/// Where rendered files go: the output writer, or a list in memory. Stages that make output
/// (the templates, the search index) hand each file to a sink as soon as it is made.
pub(crate) type Sink<'a> = dyn Fn(OutputFile) -> Result<()> + Sync + 'a;

/// Runs `produce` with a sink that keeps the files in memory, and returns them sorted by path
/// with what `produce` returned: for `serve` and tests, which want the whole output at once.
pub(crate) fn collect<T>(
    produce: impl FnOnce(&Sink<'_>) -> Result<T>,
) -> Result<(Vec<OutputFile>, T)> {
    let files = std::sync::Mutex::new(Vec::new());
    let value = produce(&|f| {
        files
            .lock()
            .expect("no panics while holding the lock")
            .push(f);
        Ok(())
    })?;
    let mut files = files
        .into_inner()
        .expect("no panics while holding the lock");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, value))
}

/// The file in the output folder that lists what medleaf wrote there.
pub(crate) const MANIFEST: &str = ".medleaf-manifest";

/// The sorted manifest while it is written, before it replaces the one kept during the build.
const MANIFEST_NEXT: &str = ".medleaf-manifest.next";

/// Set (to anything) to make the output swap use two renames instead of the atomic exchange,
/// as it does where the exchange is not available (other systems, some file systems): the
/// tests use it to run that path on Linux too.
pub(crate) const NO_EXCHANGE_ENV: &str = "MEDLEAF_NO_EXCHANGE";

/// The first line of the manifest, which identifies the folder as medleaf's.
const MANIFEST_HEADER: &str =
    "# Written by medleaf. Every file listed here is replaced on the next build.";

/// The site's source folders: an output inside one of them (or holding one), as they really
/// are after symbolic links are resolved, is refused.
pub(crate) const SOURCE_FOLDERS: [&str; 4] = ["content", "static", "templates", "snippets"];

/// The first folder in `out` (itself or below it) that cannot be written to, by its
/// permissions. Swapping such an output in and then failing to remove it would leave it half
/// deleted, so it is refused before anything is written. The permissions are read rather than
/// tried, so the answer is the same for every user (root included).
fn read_only_folder(out: &Path) -> Option<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .find(|e| e.metadata().is_ok_and(|m| m.permissions().readonly()))
        .map(|e| e.path().to_path_buf())
}

/// Checks that `output` may be (re)written for the site at `root`, before any work is done.
pub(crate) fn check_output(root: &Path, output: &Path) -> Result<()> {
    let root = absolute(root)?;
    let out = absolute(output)?;
    let unsafe_output = |reason: String| Error::UnsafeOutput {
        path: output.to_path_buf(),
        reason,
    };
    if root.starts_with(&out) {
        return Err(unsafe_output(
            "it is the site folder or contains it; building there would replace the site's sources (choose a new folder such as `public`)".into(),
        ));
    }
    // The source folders as they really are: `content/` may be a symbolic link to a folder
    // elsewhere, and an output inside that folder would be copied into every later build.
    for name in SOURCE_FOLDERS {
        let real = absolute(&root.join(name))?;
        if out.starts_with(&real) || real.starts_with(&out) {
            return Err(unsafe_output(format!(
                "it is inside the site's `{name}/` folder (`{}`) or holds it (choose a folder such as `public`)",
                real.display()
            )));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(unsafe_output("it is a file, not a folder".into()));
        }
        if let Some(dir) = read_only_folder(&out) {
            return Err(unsafe_output(format!(
                "`{}` is read-only, so the previous site could not be replaced; make it writable (`chmod -R u+w`) or choose another folder",
                dir.display()
            )));
        }
        let listing = std::fs::read_dir(&out).map_err(Error::io("cannot read", &out))?;
        let empty = listing.into_iter().next().is_none();
        if !empty {
            let manifest = read_manifest(&out)?.ok_or_else(|| {
                unsafe_output(format!(
                    "it is not empty and was not made by medleaf (no `{MANIFEST}` file); move its contents away or choose another folder"
                ))
            })?;
            let strangers = foreign_files(&out, &manifest)?;
            if !strangers.is_empty() {
                let shown: Vec<&str> = strangers.iter().map(String::as_str).take(5).collect();
                return Err(unsafe_output(format!(
                    "it holds files medleaf did not write ({}{}); move them to `static/` so every build copies them, or delete them yourself",
                    shown.join(", "),
                    if strangers.len() > 5 { ", ..." } else { "" }
                )));
            }
        }
    }
    Ok(())
}

/// Writes a site file by file as it is rendered, so the whole output never has to be held in
/// memory. [`Writer::begin`] checks the output and prepares a temporary folder beside it;
/// [`Writer::write`] may be called from many threads; [`Writer::finish`] copies the static
/// files, writes the manifest and swaps the folder in. Dropping a writer without finishing
/// removes the temporary folder and leaves the previous output as it was.
pub(crate) struct Writer {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    temp: PathBuf,
    assets: Vec<Asset>,
    /// Files with these paths come from the site's own static files, which replace the
    /// theme's (and anything else) of the same name.
    asset_paths: rustc_hash::FxHashSet<String>,
    /// The paths written so far, and the temporary folder's manifest, which lists each path
    /// before its file is created: a killed build's folder then holds only files its own
    /// manifest names, which is what lets the next build remove it.
    written: std::sync::Mutex<(Vec<String>, std::fs::File)>,
    dirs: std::sync::Mutex<rustc_hash::FxHashSet<PathBuf>>,
    finished: bool,
    _lock: OutputLock,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("output", &self.output)
            .finish()
    }
}

impl Writer {
    /// Checks that `output` may be written for the site at `root`, takes the output lock,
    /// removes what interrupted builds left, and creates the temporary folder.
    pub(crate) fn begin(root: &Path, output: &Path, assets: &[Asset]) -> Result<Writer> {
        check_output(root, output)?;
        // Work on the folder that was checked: `out/x/..` names `out`, and its parent is not
        // `out/x`.
        let output = absolute(output)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(Error::io("cannot create", &parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".to_owned());
        // Two builds into one folder at once would remove each other's temporary folders.
        let lock = OutputLock::acquire(&parent, &name, &output)?;
        remove_leftovers(&parent, &name);
        let temp = parent.join(format!(".{name}.medleaf-tmp-{}", std::process::id()));
        std::fs::create_dir(&temp).map_err(Error::io("cannot create", &temp))?;
        // The manifest's first line marks the folder as medleaf's straight away, so that what
        // a killed build leaves can be recognised and removed by the next one.
        let manifest = temp.join(MANIFEST);
        let opened = std::fs::OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&manifest)
            .and_then(|mut f| {
                std::io::Write::write_all(&mut f, format!("{MANIFEST_HEADER}\n").as_bytes())?;
                Ok(f)
            });
        let manifest_file = match opened {
            Ok(f) => f,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&temp);
                return Err(Error::io("cannot write", &manifest)(e));
            }
        };
        Ok(Writer {
            output,
            parent,
            name,
            asset_paths: assets.iter().map(|a| a.rel.clone()).collect(),
            assets: assets.to_vec(),
            temp,
            written: std::sync::Mutex::new((Vec::new(), manifest_file)),
            dirs: std::sync::Mutex::new(rustc_hash::FxHashSet::default()),
            finished: false,
            _lock: lock,
        })
    }

    /// Creates the folder holding `rel`, once per folder.
    fn make_parent(&self, rel: &str) -> Result<()> {
        let Some((dir, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        let path = self.temp.join(dir);
        if self
            .dirs
            .lock()
            .expect("no panics while holding the lock")
            .contains(&path)
        {
            return Ok(());
        }
        std::fs::create_dir_all(&path).map_err(Error::io("cannot create", &path))?;
        self.dirs
            .lock()
            .expect("no panics while holding the lock")
            .insert(path);
        Ok(())
    }

    /// Puts the file at `from` (in medleaf's image cache) at output path `rel` without reading
    /// it (from any thread), and returns its length. A file the site's static files replace is
    /// skipped (`None`).
    ///
    /// The file is hard-linked when the cache and the output are on one file system: no bytes
    /// are copied, which is what makes a build with unchanged images cost little more than one
    /// without (issue 13). Output and cache then share the file; replacing the output (the
    /// next build's swap) only unlinks it, and a tool that edits a published image in place
    /// changes its time, so the image cache sees the change and makes the entry again. On
    /// another file system, the file is copied.
    pub(crate) fn copy(&self, rel: &str, from: &Path) -> Result<Option<u64>> {
        if self.asset_paths.contains(rel) {
            return Ok(None);
        }
        stays_inside(rel, &self.temp)?;
        self.make_parent(rel)?;
        self.list(rel)?;
        let path = self.temp.join(rel);
        if std::fs::hard_link(from, &path).is_ok() {
            return std::fs::metadata(&path)
                .map(|m| Some(m.len()))
                .map_err(Error::io("cannot read", &path));
        }
        std::fs::copy(from, &path)
            .map(Some)
            .map_err(Error::io("cannot copy", from))
    }

    /// Writes one file (from any thread). A file the site's static files replace is skipped.
    pub(crate) fn write(&self, file: &OutputFile) -> Result<()> {
        if self.asset_paths.contains(&file.path) {
            return Ok(());
        }
        stays_inside(&file.path, &self.temp)?;
        self.make_parent(&file.path)?;
        self.list(&file.path)?;
        let path = self.temp.join(&file.path);
        std::fs::write(&path, &file.bytes).map_err(Error::io("cannot write", &path))
    }

    /// Adds `rel` to the temporary folder's manifest, before its file is created.
    fn list(&self, rel: &str) -> Result<()> {
        let mut written = self
            .written
            .lock()
            .expect("no panics while holding the lock");
        written.0.push(rel.to_owned());
        std::io::Write::write_all(&mut written.1, format!("{rel}\n").as_bytes())
            .map_err(Error::io("cannot write", self.temp.join(MANIFEST)))
    }

    /// Copies the static files, writes the full manifest and swaps the new site in.
    pub(crate) fn finish(mut self) -> Result<()> {
        self.assets.par_iter().try_for_each(|a| {
            stays_inside(&a.rel, &self.temp)?;
            self.make_parent(&a.rel)?;
            self.list(&a.rel)?;
            let path = self.temp.join(&a.rel);
            // Photos lose their metadata (GPS positions) on the way; other files are copied.
            match crate::images::strip::copied_file(&a.rel, &a.source) {
                Some(bytes) => {
                    let bytes = bytes.map_err(Error::io("cannot publish", &a.source))?;
                    std::fs::write(&path, bytes).map_err(Error::io("cannot write", &path))
                }
                None => std::fs::copy(&a.source, &path)
                    .map(|_| ())
                    .map_err(Error::io("cannot copy", &a.source)),
            }
        })?;
        let mut paths = std::mem::take(
            &mut self
                .written
                .lock()
                .expect("no panics while holding the lock")
                .0,
        );
        paths.sort_unstable();
        paths.dedup();
        let mut manifest = String::from(MANIFEST_HEADER);
        manifest.push('\n');
        for p in &paths {
            manifest.push_str(p);
            manifest.push('\n');
        }
        // The sorted manifest replaces the one kept while writing in one rename, so the
        // folder is never without a manifest that names all its files.
        let manifest_path = self.temp.join(MANIFEST);
        let next = self.temp.join(MANIFEST_NEXT);
        std::fs::write(&next, manifest).map_err(Error::io("cannot write", &next))?;
        std::fs::rename(&next, &manifest_path)
            .map_err(Error::io("cannot write", &manifest_path))?;
        swap_in(&self.temp, &self.output, &self.parent, &self.name)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.finished && self.temp.exists() {
            let _ = std::fs::remove_dir_all(&self.temp);
        }
    }
}

/// Refuses a path that could lead out of the output folder. The claims check
/// ([`crate::claims`]) reports such paths at the file that made them before anything is
/// rendered; this is the last line of defence, so no bug upstream can write outside.
fn stays_inside(rel: &str, temp: &Path) -> Result<()> {
    let bad = rel.is_empty()
        || rel.starts_with('/')
        || rel.contains('\\')
        || rel.contains('\0')
        || rel
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..");
    if bad {
        return Err(Error::UnsafeOutput {
            path: temp.join(rel),
            reason: format!(
                "`{}` is not a path inside the output folder",
                rel.escape_debug()
            ),
        });
    }
    Ok(())
}

/// An exclusive lock on `.<name>.medleaf-lock` beside the output, held while writing. The
/// operating system releases it when the process ends, so a killed build never leaves a
/// stale lock behind.
struct OutputLock {
    _file: std::fs::File,
}

impl OutputLock {
    fn acquire(parent: &Path, name: &str, output: &Path) -> Result<OutputLock> {
        let path = parent.join(format!(".{name}.medleaf-lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(Error::io("cannot create", &path))?;
        if !try_lock(&file) {
            return Err(Error::UnsafeOutput {
                path: output.to_path_buf(),
                reason: "another medleaf build is writing to it right now; wait for it to finish"
                    .into(),
            });
        }
        Ok(OutputLock { _file: file })
    }
}

/// Takes an exclusive advisory lock without waiting.
fn try_lock(file: &std::fs::File) -> bool {
    match file.try_lock() {
        Ok(()) => true,
        Err(std::fs::TryLockError::WouldBlock) => false,
        // File systems without locks: go on as before locks existed.
        Err(std::fs::TryLockError::Error(_)) => true,
    }
}

/// Removes temporary folders left by an interrupted build (see [`is_medleafs_leftover`]), so
/// nothing anyone else wrote is touched.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut prefixes = vec![format!(".{name}.medleaf-tmp-")];
    // While the output is missing, a previous site set aside by a killed swap is the only copy
    // of it: [`repair`] puts it back, it is never removed.
    if parent.join(name).exists() {
        prefixes.push(old_prefix(name));
    }
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str()))
            && is_medleafs_leftover(&entry.path())
        {
            let _ = remove_owned_tree(&entry.path());
        }
    }
}

/// Whether a temporary folder is one medleaf made: it holds medleaf's manifest and only files
/// that manifest lists, or nothing but folders and a manifest cut short. A build killed as it starts leaves an empty or partly
/// written manifest (it is the first file written); a removal killed after the manifest went
/// (it is the last file removed) leaves empty folders.
fn is_medleafs_leftover(dir: &Path) -> bool {
    let manifest = dir.join(MANIFEST);
    let next = dir.join(MANIFEST_NEXT);
    // A folder whose manifest is medleaf's, holding only files that manifest lists (and the
    // sorted manifest being written): a user's file in a folder that merely looks like
    // medleaf's is never deleted with it.
    if let Ok(Some(listed)) = read_manifest(dir) {
        return walkdir::WalkDir::new(dir).into_iter().all(|e| {
            e.is_ok_and(|e| {
                e.file_type().is_dir()
                    || e.path() == manifest
                    || e.path() == next
                    || listed.contains(&crate::fsutil::slash_path(dir, e.path()))
            })
        });
    }
    walkdir::WalkDir::new(dir).into_iter().all(|e| {
        e.is_ok_and(|e| {
            e.file_type().is_dir()
                || (e.path() == manifest
                    && std::fs::read(e.path())
                        .is_ok_and(|b| MANIFEST_HEADER.as_bytes().starts_with(&b)))
        })
    })
}

/// The files listed in a folder's manifest, or `None` if it has no medleaf manifest.
fn read_manifest(dir: &Path) -> Result<Option<BTreeSet<String>>> {
    let path = dir.join(MANIFEST);
    match std::fs::read_to_string(&path) {
        Ok(text) if text.starts_with(MANIFEST_HEADER) => Ok(Some(
            text.lines()
                .skip(1)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        )),
        Ok(_) => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("cannot read", path)(e)),
    }
}

/// Files under `dir` that the manifest does not list (the manifest itself excepted).
fn foreign_files(dir: &Path, manifest: &BTreeSet<String>) -> Result<Vec<String>> {
    let mut strangers = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io("cannot read", dir)(e.into()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = crate::fsutil::slash_path(dir, entry.path());
        if rel != MANIFEST && !manifest.contains(&rel) {
            strangers.push(rel);
        }
    }
    Ok(strangers)
}

/// `path` made absolute, normalised and resolved (see [`crate::fsutil::absolute`]).
fn absolute(path: &Path) -> Result<PathBuf> {
    crate::fsutil::absolute(path).map_err(Error::io("cannot read the current folder", "."))
}

#[cfg(test)]
mod tests {
    use super::swap::{is_complete_site, set_aside_folder, swap_entry, swap_in_place};
    use super::*;

    fn file(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn leftovers_are_removed_only_when_they_are_medleafs() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        let marked = p.join(".public.medleaf-tmp-1");
        file(
            &marked.join(MANIFEST),
            &format!("{MANIFEST_HEADER}\na.html\n"),
        );
        file(&marked.join("a.html"), "x");
        // An interrupted removal: the files and the manifest are gone, empty folders remain.
        let emptied = p.join(".public.medleaf-tmp-2");
        std::fs::create_dir_all(emptied.join("topics/cancer")).unwrap();
        // A build killed right after creating its manifest, before writing into it.
        let started = p.join(".public.medleaf-tmp-5");
        file(&started.join(MANIFEST), "");
        let foreign = p.join(".public.medleaf-tmp-3");
        file(&foreign.join("notes.txt"), "mine");
        let foreign_manifest = p.join(".public.medleaf-tmp-6");
        file(&foreign_manifest.join(MANIFEST), "not medleaf's");
        let other_output = p.join(".www.medleaf-tmp-4");
        std::fs::create_dir_all(&other_output).unwrap();
        // Issue 16: named like medleaf's and with its manifest's header, but holding a file
        // the manifest does not list: somebody's, kept whole.
        let lookalike = p.join(".public.medleaf-tmp-7");
        file(
            &lookalike.join(MANIFEST),
            &format!("{MANIFEST_HEADER}\na.html\n"),
        );
        file(&lookalike.join("a.html"), "x");
        file(&lookalike.join("thesis.docx"), "years of work");
        // A killed build: the manifest lists each file before it is written, unsorted, and
        // the sorted one was being written.
        let killed = p.join(".public.medleaf-tmp-8");
        file(
            &killed.join(MANIFEST),
            &format!("{MANIFEST_HEADER}\nz/index.html\na.html\nnot-yet-written.html\npart"),
        );
        file(&killed.join("z/index.html"), "x");
        file(&killed.join("a.html"), "x");
        file(&killed.join(MANIFEST_NEXT), "# Written");
        std::fs::create_dir_all(p.join("public")).unwrap();
        remove_leftovers(p, "public");
        assert!(lookalike.join("thesis.docx").exists());
        assert!(lookalike.join("a.html").exists());
        assert!(!killed.exists());
        assert!(!marked.exists());
        assert!(!emptied.exists());
        assert!(!started.exists());
        assert!(foreign.join("notes.txt").exists());
        assert!(foreign_manifest.join(MANIFEST).exists());
        assert!(other_output.exists());
    }

    #[test]
    fn an_owned_tree_is_removed_whole() {
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("old");
        file(&tree.join(MANIFEST), MANIFEST_HEADER);
        file(&tree.join("a/b/index.html"), "x");
        file(&tree.join("style.css"), "x");
        remove_owned_tree(&tree).unwrap();
        assert!(!tree.exists());
    }

    #[test]
    fn writes_into_the_folder_that_was_checked() {
        // `out/x/..` is `out`: the site must land there, not beside a new `out/x`.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        let files = [OutputFile::new("index.html".into(), "home".into())];
        let writer = Writer::begin(&root, &out.join("x/.."), &[]).unwrap();
        for f in &files {
            writer.write(f).unwrap();
        }
        writer.finish().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "home"
        );
        assert!(!out.join("x").exists());
    }

    /// A writer over `files` into `out`, finished.
    fn build_into(root: &Path, out: &Path, files: &[(&str, &str)]) -> Result<()> {
        let writer = Writer::begin(root, out, &[])?;
        for (p, t) in files {
            writer.write(&OutputFile::new((*p).into(), (*t).into()))?;
        }
        writer.finish()
    }

    #[test]
    fn a_swap_killed_part_way_is_repaired_by_the_next_run() {
        // Issue 16: without the atomic exchange, the output folder stays and its entries are
        // swapped one by one. A kill after two of them leaves the state made here; the
        // output folder is there at every step, and the next run puts the old site back.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("public");
        let old_site = [
            ("index.html", "v1"),
            ("a/index.html", "a1"),
            ("gone/index.html", "g1"),
        ];
        build_into(&root, &out, &old_site).unwrap();
        // The build's temporary folder and the one it sets aside carry its process number.
        let temp = dir
            .path()
            .join(format!(".public.medleaf-tmp-{}", std::process::id()));
        file(
            &temp.join(MANIFEST),
            &format!("{MANIFEST_HEADER}\na/index.html\nb/index.html\nindex.html\n"),
        );
        for (rel, text) in [
            ("index.html", "v2"),
            ("a/index.html", "a2"),
            ("b/index.html", "b2"),
        ] {
            file(&temp.join(rel), text);
        }
        let aside = set_aside_folder(&out, dir.path(), "public").unwrap();
        for entry in ["a", "b", "gone"] {
            swap_entry(&temp, &out, &aside, std::ffi::OsStr::new(entry)).unwrap();
            assert!(out.join(MANIFEST).is_file() && out.join("index.html").is_file());
        }
        // Killed here: `a` and `b` are new, `gone` is aside, `index.html` is old.
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "a2"
        );
        assert_eq!(repair(&out).unwrap(), Some(out.canonicalize().unwrap()));
        for (rel, text) in old_site {
            assert_eq!(
                std::fs::read_to_string(out.join(rel)).unwrap(),
                text,
                "{rel}"
            );
        }
        assert!(
            !out.join("b").exists(),
            "the killed build's new folder is removed"
        );
        assert!(!aside.exists());
        assert!(is_complete_site(&out));
        // Nothing to repair the second time.
        assert_eq!(repair(&out).unwrap(), None);
        // The next build's sweep removes the killed build's temporary folder.
        remove_leftovers(dir.path(), "public");
        assert!(!temp.exists());
    }

    #[test]
    fn a_swap_killed_after_its_last_step_keeps_the_new_site() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("public");
        build_into(&root, &out, &[("index.html", "v1")]).unwrap();
        let aside = set_aside_folder(&out, dir.path(), "public").unwrap();
        std::fs::hard_link(out.join("index.html"), aside.join("index.html")).unwrap();
        file(&out.join("index.html"), "v2");
        // The new manifest went in (no temporary folder holds it any more): the swap had
        // finished, and the same list of files does not make it look unfinished.
        assert_eq!(repair(&out).unwrap(), None);
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "v2"
        );
        assert!(!aside.exists(), "what is left of the old site is removed");
        // A folder that only looks set aside, holding a user's file, is never touched.
        let lookalike = dir.path().join(".public.medleaf-old-7");
        file(
            &lookalike.join(MANIFEST),
            &format!("{MANIFEST_HEADER}\nindex.html\n"),
        );
        file(&lookalike.join("mine.txt"), "not medleaf's");
        assert_eq!(repair(&out).unwrap(), None);
        assert!(lookalike.join("mine.txt").is_file());
    }

    #[test]
    fn the_swap_without_the_exchange_swaps_and_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("public");
        build_into(
            &root,
            &out,
            &[
                ("index.html", "v1"),
                ("old/index.html", "x"),
                ("x", "a file"),
            ],
        )
        .unwrap();
        let parent = dir.path();
        let temp = parent.join(".public.medleaf-tmp-1");
        file(
            &temp.join(MANIFEST),
            &format!("{MANIFEST_HEADER}\nindex.html\nx/index.html\n"),
        );
        file(&temp.join("index.html"), "v2");
        // A file becomes a folder.
        file(&temp.join("x/index.html"), "now a page");
        // The fallback is what runs when the exchange fails; called directly here so the test
        // does not depend on the process environment.
        swap_in_place(&temp, &out, parent, "public").unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "v2"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("x/index.html")).unwrap(),
            "now a page"
        );
        assert!(!out.join("old").exists());
        assert!(is_complete_site(&out));
        let names: Vec<String> = std::fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("medleaf-tmp") || n.contains("medleaf-old"))
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_read_only_output_is_refused_before_anything_is_swapped() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("public");
        build_into(&root, &out, &[("index.html", "v1"), ("a/index.html", "a1")]).unwrap();
        std::fs::set_permissions(out.join("a"), std::fs::Permissions::from_mode(0o555)).unwrap();
        let err = build_into(&root, &out, &[("index.html", "v2")]).unwrap_err();
        std::fs::set_permissions(out.join("a"), std::fs::Permissions::from_mode(0o755)).unwrap();
        assert!(err.to_string().contains("is read-only"), "{err}");
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "v1"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "a1"
        );
    }

    #[test]
    fn a_path_leading_out_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        let out = dir.path().join("public");
        for rel in [
            "../escape.html",
            "/etc/x",
            "a//b",
            "a/./b",
            "a\\..\\b",
            "a\0b",
            "",
        ] {
            let err = build_into(&root, &out, &[(rel, "x")]).unwrap_err();
            assert!(
                err.to_string()
                    .contains("is not a path inside the output folder"),
                "{rel:?}: {err}"
            );
        }
        assert!(!dir.path().join("escape.html").exists());
        assert!(!out.exists());
    }
}
