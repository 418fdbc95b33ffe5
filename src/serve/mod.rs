//! `medleaf serve`: build into memory, serve over HTTP, rebuild on change, reload the browser.
//!
//! Three threads: the caller's runs the builder loop below (and is the only one that calls
//! `on_event`), one runs the HTTP server ([`http`]), and `notify`'s debouncer runs the file
//! watcher. They talk through a channel of [`Msg`]s and the [`http::Shared`] state, never
//! through globals.
//!
//! The builder keeps the analysed site ([`crate::pipeline::Built`]) and everything rendered from it in memory;
//! nothing is ever written to `public/`. After a save it re-renders only what the edit changed
//! ([`incremental`]); a change to `site.yaml`, the glossary, a template or the set of
//! files falls back to a full rebuild. The site being served is the last build without
//! errors: while the latest build has errors, tabs keep the old pages and show the errors over
//! them (the same text as the terminal), until a save fixes them.
//!
//! The reload script is added to HTML pages as they are served, so built files never carry it.

mod builder;
mod http;
mod incremental;
mod warnings;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast;

use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::pipeline::{Options, Report};
use builder::Builder;
use http::{Served, Shared, Signal};

/// How long to wait for the files to stop changing before rebuilding. An editor's save (write
/// a temporary file, rename it, set its mode) is over in a few milliseconds, and this delay is
/// part of every save's, so it is kept short.
const DEBOUNCE: Duration = Duration::from_millis(15);

/// How long the author must pause before the outputs that cover the whole site (the build
/// report, the search index) are made again after a page-by-page rebuild.
const IDLE: Duration = Duration::from_millis(1000);

/// At most this many errors are shown over the page; the terminal has them all.
const OVERLAY_ERRORS: usize = 30;

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site to build.
    pub site: Options,
    /// The address to listen on (default 127.0.0.1).
    pub bind: IpAddr,
    /// The port (default 1111).
    pub port: u16,
    /// Open the site in a browser once it is served.
    pub open: bool,
    /// How long a client may take to send a request's headers before the connection is
    /// closed (default ten seconds).
    pub request_timeout: std::time::Duration,
}

/// What happens while serving, for the caller to show (the library never prints).
#[derive(Debug)]
pub enum Event {
    /// The server is listening at this address.
    Listening(String),
    /// The first build finished (possibly with errors, in which case it is served anyway, with
    /// the errors shown over every page).
    Built(Report),
    /// A change was seen in these files (relative to the site folder).
    Changed(Vec<PathBuf>),
    /// A rebuild after a change finished.
    Rebuilt(Rebuild),
    /// A problem that did not stop the server.
    Problem(Error),
}

/// What a rebuild after a change did.
#[derive(Debug)]
pub struct Rebuild {
    /// How much was rebuilt.
    pub scope: Scope,
    /// Output files that changed.
    pub files: usize,
    /// From seeing the change to telling the open tabs.
    pub elapsed: Duration,
    /// What to show now: every error in the site, and the warnings in the changed files.
    pub diagnostics: Vec<Diagnostic>,
    /// Errors in the whole site.
    pub errors: usize,
    /// Warnings in the whole site.
    pub warnings: usize,
    /// Whether the new build is being served; `false` when it has errors and the last good
    /// site is kept.
    pub served: bool,
}

/// How much a rebuild covered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Only the edited pages and what shows them.
    Pages,
    /// Files copied as they are (`static/`, images in `content/`).
    Files,
    /// Every page, with the site analysed as it was (a template changed).
    Templates,
    /// Everything, for this reason.
    Full(String),
}

/// Messages to the builder loop.
enum Msg {
    /// Files changed (absolute paths).
    Changes(Vec<PathBuf>),
    /// Something went wrong outside the loop (the watcher, the browser).
    Problem(Error),
    /// Ctrl-C.
    Stop,
    /// A tab asks for the warnings of the page it shows.
    Warnings(warnings::Request),
}

/// Serves the site until interrupted (Ctrl-C), then returns `Ok(())`.
pub fn serve(options: ServeOptions, on_event: &mut dyn FnMut(Event)) -> Result<()> {
    let mut site = options.site;
    // One spelling of the root for the watcher's paths and ours.
    site.root = std::fs::canonicalize(&site.root).map_err(Error::io("cannot read", &site.root))?;
    let wanted = SocketAddr::new(options.bind, options.port);
    // Listen before the first build, so a busy port is reported at once.
    let listener =
        TcpListener::bind(wanted).map_err(Error::io("cannot listen on", wanted.to_string()))?;
    let addr = listener.local_addr().unwrap_or(wanted);
    let url = format!("http://{}/", browsable(addr));

    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Msg::Stop);
    })
    .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;
    // Watch before building, so nothing saved during the first build is missed.
    let mut watcher = match watch::watch(&site.root, tx.clone()) {
        Ok(w) => Some(w),
        Err(e) => {
            on_event(Event::Problem(e));
            None
        }
    };

    let ask = std::sync::Mutex::new(tx.clone());
    let shared = Arc::new(Shared {
        listen: addr,
        ask_warnings: Box::new(move |request| {
            let tx = ask.lock().unwrap_or_else(|e| e.into_inner());
            tx.send(Msg::Warnings(request)).is_ok()
        }),
        request_timeout: options.request_timeout,
        site: RwLock::new(Served {
            version: first_version(),
            ..Served::default()
        }),
        signals: broadcast::channel(64).0,
    });
    let mut builder = Builder::new(site, shared.clone());
    builder.first_build(on_event);
    let server = http::Server::start(listener, shared.clone())?;
    on_event(Event::Listening(url.clone()));
    if options.open {
        let tx = tx.clone();
        std::thread::spawn(move || {
            if let Err(e) = opener::open_browser(&url) {
                let e = Error::io("cannot open a browser at", &url)(std::io::Error::other(e));
                let _ = tx.send(Msg::Problem(e));
            }
        });
    }

    loop {
        let msg = if builder.whole_site_stale {
            match rx.recv_timeout(IDLE) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => {
                    builder.refresh_whole_site();
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(m) => m,
                Err(_) => break,
            }
        };
        match msg {
            Msg::Stop => break,
            Msg::Problem(e) => on_event(Event::Problem(e)),
            Msg::Warnings(request) => builder.answer(request),
            Msg::Changes(mut paths) => {
                // Debounce: wait until the files have been quiet for a moment, so that one
                // save (or one `git checkout`) is one rebuild.
                let mut stopping = false;
                while let Ok(m) = rx.recv_timeout(DEBOUNCE) {
                    match m {
                        Msg::Changes(more) => paths.extend(more),
                        Msg::Problem(e) => on_event(Event::Problem(e)),
                        Msg::Warnings(request) => builder.answer(request),
                        Msg::Stop => {
                            stopping = true;
                            break;
                        }
                    }
                }
                if stopping {
                    break;
                }
                let start = Instant::now();
                let plan = builder.plan(&paths);
                if plan.is_empty() {
                    continue;
                }
                for dir in &plan.new_dirs {
                    if let Some(w) = watcher.as_mut() {
                        let _ = w.watch(dir, RecursiveMode::Recursive);
                    }
                }
                on_event(Event::Changed(plan.shown.clone()));
                builder.rebuild(plan, start, on_event);
            }
        }
    }
    drop(watcher);
    let _ = shared.signals.send(Signal::Shutdown);
    server.stop();
    Ok(())
}

/// An address a browser can open: the loopback address when listening on all addresses.
fn browsable(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new([127, 0, 0, 1].into(), addr.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// A build version no earlier server gave, so a tab that reconnects to a restarted server
/// reloads.
fn first_version() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_millis() as u64)
}
