//! The HTTP side of `serve`: answers requests from the in-memory site, and streams rebuild
//! news to open tabs as server-sent events.
//!
//! Built on axum (hyper and Tokio) running on one thread of its own; the builder thread only
//! swaps files in [`Shared`] and sends [`Signal`]s.
//!
//! Only the built site is served. A request path is decoded and checked once
//! ([`site_path`]): anything that tries to leave the site (`..`, `.`, empty segments such as
//! `//etc/passwd`, encoded slashes or backslashes, NUL, invalid UTF-8) is a 404, and every
//! other path is only ever a key into the in-memory map, so there is no file system to escape
//! to.
//!
//! Only requests addressed to the server are answered: the `Host` header must be the address
//! it listens on (or `localhost` with its port), so a web page the author visits cannot read
//! the preview through DNS rebinding (a name of the attacker's that now leads to 127.0.0.1
//! still carries that name); others get 421. A request whose headers are not finished within
//! [`Shared::request_timeout`] (ten seconds) is closed, so connections that never finish (slowloris) cannot pile
//! up. Every response carries the site's security headers, the ones its `_headers` file
//! gives hosts.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::sync::{broadcast, watch};

use crate::error::{Error, Result};

/// The address of the event stream the reload script listens to.
pub(super) const EVENTS_PATH: &str = "/__medleaf/events";

/// The address a tab asks for the warnings of the page it shows (`?page=` its address).
pub(super) const WARNINGS_PATH: &str = "/__medleaf/warnings";

/// The address of the reload script.
pub(super) const SCRIPT_PATH: &str = "/__medleaf/live.js";

/// The reload and error-overlay script, added to served HTML pages only.
const LIVE_JS: &str = include_str!("live.js");

/// What is added before `</body>` of every HTML page served (never to built files).
const SCRIPT_TAG: &str = "<script src=\"/__medleaf/live.js\"></script>";

/// What the builder thread shares with the server thread.
pub(super) struct Shared {
    /// The address the server listens on: requests must name it in `Host`.
    pub listen: std::net::SocketAddr,
    /// How long a client has to send a request's headers once it has connected (or once the
    /// previous response on the connection was sent).
    pub request_timeout: Duration,
    /// The site as served.
    pub site: RwLock<Served>,
    /// News for open tabs.
    pub signals: broadcast::Sender<Signal>,
    /// Hands a tab's question about its page's warnings to the builder loop (`false` when
    /// the loop has stopped).
    pub ask_warnings: Box<dyn Fn(super::warnings::Request) -> bool + Send + Sync>,
}

/// The site as served: the last good build, and the problem to show over it, if any.
#[derive(Debug, Default)]
pub(super) struct Served {
    /// Output path (`a/index.html`) → contents.
    pub files: HashMap<String, Bytes>,
    /// The text shown over every page while the latest build has errors.
    pub problem: Option<String>,
    /// Changes with every published rebuild; a tab that sees a different value reloads.
    pub version: u64,
    /// Whether any build has been published yet.
    pub ready: bool,
}

/// News sent to open tabs.
#[derive(Debug, Clone)]
pub(super) enum Signal {
    /// A rebuild was published: tabs showing one of these files reload (all tabs when
    /// `None`). The number is the site's new version.
    Reload(u64, Option<Arc<[String]>>),
    /// The latest build failed: show this text.
    Problem(Arc<str>),
    /// The problem is gone.
    Clear,
    /// The server is stopping: end the stream.
    Shutdown,
}

/// The running server thread.
pub(super) struct Server {
    stop: watch::Sender<bool>,
    done: std::sync::mpsc::Receiver<()>,
}

impl Server {
    /// Starts serving `shared` on `listener` (already bound, so the address is known).
    pub(super) fn start(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<Server> {
        let addr = listener
            .local_addr()
            .map(|a| a.to_string())
            .unwrap_or_default();
        listener
            .set_nonblocking(true)
            .map_err(Error::io("cannot listen on", &addr))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(Error::io("cannot start the server on", &addr))?;
        let (stop, stopped) = watch::channel(false);
        let (done_tx, done) = std::sync::mpsc::channel();
        let timeout = shared.request_timeout;
        let app = axum::Router::new().fallback(handle).with_state(shared);
        std::thread::Builder::new()
            .name("medleaf-http".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    accept(listener, app, timeout, stopped).await;
                });
                let _ = done_tx.send(());
            })
            .map_err(Error::io("cannot start the server on", &addr))?;
        Ok(Server { stop, done })
    }

    /// Stops the server and waits (briefly) for it to finish. Event streams must have been
    /// ended with [`Signal::Shutdown`] first.
    pub(super) fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.done.recv_timeout(Duration::from_secs(3));
    }
}

/// Accepts connections until `stopped`, each served by hyper with a deadline on the request
/// headers (axum's own `serve` sets none). On stop, open connections are asked to finish and
/// given a moment only.
async fn accept(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: wait a little rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stopped.wait_for(|s| *s) => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut stop = stopped.clone();
        connections.spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = async { let _ = stop.wait_for(|s| *s).await; } => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
        // Forget connections that have finished.
        while connections.try_join_next().is_some() {}
    }
    let _ = tokio::time::timeout(Duration::from_secs(2), async {
        while connections.join_next().await.is_some() {}
    })
    .await;
}

/// Whether a request's `Host` names this server: its own address and port, `localhost` with
/// its port, or (when it listens on every address) any IP address with its port. A name that
/// merely resolves here, as in DNS rebinding, is not accepted.
pub(super) fn host_allowed(host: Option<&str>, listen: std::net::SocketAddr) -> bool {
    let Some(host) = host else { return false };
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, port),
        _ => return false,
    };
    if port.parse::<u16>().ok() != Some(listen.port()) {
        return false;
    }
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let name = name
        .strip_prefix('[')
        .and_then(|n| n.strip_suffix(']'))
        .unwrap_or(name);
    match name.parse::<std::net::IpAddr>() {
        Ok(ip) => ip == listen.ip() || listen.ip().is_unspecified(),
        Err(_) => false,
    }
}

/// The security headers of the served site: those of its `_headers` file (so `serve` sends
/// exactly what a host reading that file would), or medleaf's defaults before a site is built.
fn security_headers(files: &HashMap<String, Bytes>) -> Vec<(HeaderName, HeaderValue)> {
    let text = match files.get(crate::theme::HEADERS_URL.trim_start_matches('/')) {
        Some(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        None => crate::theme::headers_file(crate::theme::CONTENT_SECURITY_POLICY),
    };
    text.lines()
        .filter(|l| l.starts_with(char::is_whitespace))
        .filter_map(|l| l.trim().split_once(':'))
        .filter_map(|(name, value)| {
            Some((
                HeaderName::from_bytes(name.trim().as_bytes()).ok()?,
                HeaderValue::from_str(value.trim()).ok()?,
            ))
        })
        .collect()
}

/// Answers every request.
async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if !host_allowed(host, shared.listen) {
        let mut r = (
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "medleaf serve answers requests to http://{} or http://localhost:{} only\n",
                shared.listen,
                shared.listen.port()
            ),
        )
            .into_response();
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return r;
    }
    let mut response = if uri.path() == WARNINGS_PATH && method == Method::GET {
        warnings(&shared, &uri).await
    } else {
        respond(&shared, method, uri)
    };
    let site = shared.site.read().unwrap_or_else(|e| e.into_inner());
    for (name, value) in security_headers(&site.files) {
        response.headers_mut().insert(name, value);
    }
    response
}

/// The response to a request addressed to this server.
fn respond(shared: &Shared, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = StatusCode::METHOD_NOT_ALLOWED.into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    match uri.path() {
        EVENTS_PATH => return events(shared).into_response(),
        SCRIPT_PATH => return file_response(StatusCode::OK, "live.js", LIVE_JS.into()),
        _ => {}
    }
    let site = shared.site.read().unwrap_or_else(|e| e.into_inner());
    if !site.ready {
        return file_response(
            StatusCode::SERVICE_UNAVAILABLE,
            "index.html",
            Bytes::from_static(NO_SITE.as_bytes()),
        );
    }
    match lookup(&site.files, uri.path()) {
        Lookup::File(key) => file_response(StatusCode::OK, &key, site.files[&key].clone()),
        Lookup::Redirect => {
            let mut location = format!("{}/", uri.path());
            if let Some(q) = uri.query() {
                location.push('?');
                location.push_str(q);
            }
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Lookup::NotFound => match site.files.get("404.html") {
            Some(page) => file_response(StatusCode::NOT_FOUND, "404.html", page.clone()),
            None => StatusCode::NOT_FOUND.into_response(),
        },
    }
}

/// The warnings of the page at `?page=` (its address as the tab has it, percent-encoded as a
/// query value), asked of the builder loop: JSON, see [`super::warnings::for_file`].
async fn warnings(shared: &Shared, uri: &Uri) -> Response {
    let page = uri
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .and_then(percent_decode)
        .unwrap_or_default();
    let file = {
        let site = shared.site.read().unwrap_or_else(|e| e.into_inner());
        match lookup(&site.files, &page) {
            Lookup::File(key) => key,
            _ => String::new(),
        }
    };
    let (reply, answer) = tokio::sync::oneshot::channel();
    let asked = (shared.ask_warnings)(super::warnings::Request { file, reply });
    let json = match tokio::time::timeout(Duration::from_secs(30), answer).await {
        Ok(Ok(json)) if asked => json,
        _ => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    };
    file_response(StatusCode::OK, "warnings.json", Bytes::from(json))
}

/// Shown at every address until the first build has finished with something to serve.
const NO_SITE: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site could not be built</title></head>\n<body><main><h1>The site could not be built</h1><p>Fix the problem medleaf reports and save: this page reloads by itself.</p></main></body></html>\n";

/// A file's response: its type, no caching (pages change with every save), and the reload
/// script in HTML.
fn file_response(status: StatusCode, path: &str, bytes: Bytes) -> Response {
    let kind = content_type(path);
    let body = if kind.starts_with("text/html") {
        Body::from(inject(&bytes))
    } else {
        Body::from(bytes)
    };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The event stream: the current state first, then every signal until shutdown.
fn events(shared: &Shared) -> impl IntoResponse + use<> {
    let receiver = shared.signals.subscribe();
    let status = {
        let site = shared.site.read().unwrap_or_else(|e| e.into_inner());
        serde_json::json!({"version": site.version, "problem": site.problem}).to_string()
    };
    let first = futures_util::stream::once(async move {
        Ok::<_, Infallible>(SseEvent::default().event("status").data(status))
    });
    let rest = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let event = match receiver.recv().await {
            Ok(Signal::Reload(v, paths)) => SseEvent::default()
                .event("reload")
                .data(serde_json::json!({ "version": v, "paths": paths.as_deref() }).to_string()),
            Ok(Signal::Problem(text)) => SseEvent::default()
                .event("problem")
                .data(serde_json::json!({ "text": &*text }).to_string()),
            Ok(Signal::Clear) => SseEvent::default().event("ok").data(""),
            // Missed some news: the page is out of date either way.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                SseEvent::default().event("reload").data("")
            }
            Ok(Signal::Shutdown) | Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok::<_, Infallible>(event), receiver))
    });
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::default())
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
enum Lookup {
    /// The file with this key.
    File(String),
    /// A folder asked for without its final slash: redirect to `path/`.
    Redirect,
    NotFound,
}

fn lookup(files: &HashMap<String, Bytes>, raw: &str) -> Lookup {
    let Some((path, folder)) = site_path(raw) else {
        return Lookup::NotFound;
    };
    let index = if path.is_empty() {
        "index.html".to_owned()
    } else {
        format!("{path}/index.html")
    };
    if folder {
        return match files.contains_key(&index) {
            true => Lookup::File(index),
            false => Lookup::NotFound,
        };
    }
    if files.contains_key(&path) {
        Lookup::File(path)
    } else if files.contains_key(&index) {
        Lookup::Redirect
    } else {
        Lookup::NotFound
    }
}

/// Decodes a request path into a key of the site (`a/b.css`, empty for the root) and whether
/// it names a folder (ends with `/`). `None` for any path that is not plainly inside the site.
fn site_path(raw: &str) -> Option<(String, bool)> {
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    // An encoded `/` or `\` would let one segment look like two after decoding.
    if lower.contains("%2f") || lower.contains("%5c") {
        return None;
    }
    let decoded = percent_decode(rest)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let folder = decoded.is_empty() || decoded.ends_with('/');
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    if trimmed.is_empty() {
        return folder.then(|| (String::new(), true));
    }
    if trimmed
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return None;
    }
    Some((trimmed.to_owned(), folder))
}

/// Strict percent-decoding: a `%` not followed by two hex digits, or bytes that are not UTF-8,
/// give `None`.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type for a file name, by its extension.
pub(super) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script before the page's last `</body>` (or at the end).
fn inject(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + SCRIPT_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(SCRIPT_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> HashMap<String, Bytes> {
        ["index.html", "a/index.html", "a/b.css", "404.html"]
            .into_iter()
            .map(|k| (k.to_owned(), Bytes::from_static(b"x")))
            .collect()
    }

    #[test]
    fn paths_map_to_files_folders_and_redirects() {
        let files = site();
        assert_eq!(lookup(&files, "/"), Lookup::File("index.html".into()));
        assert_eq!(lookup(&files, "/a/"), Lookup::File("a/index.html".into()));
        assert_eq!(lookup(&files, "/a"), Lookup::Redirect);
        assert_eq!(lookup(&files, "/a/b.css"), Lookup::File("a/b.css".into()));
        assert_eq!(lookup(&files, "/a/%62.css"), Lookup::File("a/b.css".into()));
        assert_eq!(lookup(&files, "/nothing"), Lookup::NotFound);
        assert_eq!(lookup(&files, "/a/b.css/"), Lookup::NotFound);
    }

    #[test]
    fn paths_that_leave_the_site_are_not_found() {
        let files = site();
        for raw in [
            "/../Cargo.toml",
            "/a/../a/b.css",
            "/%2e%2e/",
            "/%2E%2E/index.html",
            "/a/%2e%2e/index.html",
            "/..%2f..%2fetc/passwd",
            "/a%2fb.css",
            "/a%5cb.css",
            "/a\\b.css",
            "//etc/passwd",
            "/a//b.css",
            "/./index.html",
            "/a/b.css%00",
            "/%ff",
            "/%zz",
            "/%",
            "relative",
        ] {
            assert_eq!(lookup(&files, raw), Lookup::NotFound, "{raw}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.WOFF2"), "font/woff2");
        assert_eq!(content_type("feed.xml"), "application/xml");
        assert_eq!(content_type("a.b/README"), "application/octet-stream");
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let out = inject(b"<body><p>x</p></BODY></html>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<body><p>x</p>{SCRIPT_TAG}</BODY></html>")
        );
        let out = inject(b"<p>no body</p>");
        assert!(String::from_utf8(out).unwrap().ends_with(SCRIPT_TAG));
    }
}
