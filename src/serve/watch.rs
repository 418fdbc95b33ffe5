//! The file watcher: every change under the site's folders, sent to the builder loop.

use std::path::Path;
use std::sync::mpsc;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::Msg;
use crate::error::{Error, Result};

/// Watches `site.yaml` and the `content/`, `snippets/`, `templates/` and `static/` folders, sending every
/// change to the builder loop (which debounces them).
pub(super) fn watch(root: &Path, tx: mpsc::Sender<Msg>) -> Result<RecommendedWatcher> {
    let watch_error = |e: notify::Error| Error::io("cannot watch", root)(std::io::Error::other(e));
    let error_root = root.to_path_buf();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let msg = match result {
            // Reading a file is not changing it (and the build reads every file), nor is a
            // new access time or mode.
            Ok(event)
                if matches!(
                    event.kind,
                    EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
                ) =>
            {
                return;
            }
            Ok(event) => Msg::Changes(event.paths),
            Err(e) => Msg::Problem(Error::io("cannot watch", &error_root)(
                std::io::Error::other(e),
            )),
        };
        let _ = tx.send(msg);
    })
    .map_err(watch_error)?;
    // The site folder itself, not recursively: `site.yaml`, and folders created later.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(watch_error)?;
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(watch_error)?;
        }
    }
    Ok(watcher)
}

/// The folders whose files make the site.
pub(super) const WATCHED: [&str; 4] = ["content", "snippets", "templates", "static"];
