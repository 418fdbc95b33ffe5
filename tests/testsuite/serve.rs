//! `medleaf serve` driven as a user would: start it on a free port over a copy of a fixture
//! site, fetch pages over HTTP, listen to the reload events, edit files and watch the site
//! follow, break a link and fix it, and stop it with Ctrl-C.
//!
//! The server is a child process; [`Server`] kills it when dropped, so a failing assertion
//! never leaves one running (and on Linux the child is also killed if the test thread dies).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The date passed as `--today`, so review-date diagnostics never depend on the calendar.
const TODAY: &str = "2026-12-07";

/// How long to wait for the server to do something before failing.
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `medleaf serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Keeps the site's folder alive.
    _dir: tempfile::TempDir,
    root: PathBuf,
    log: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response, read whole.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir(from) {
        let target = to.join(entry.strip_prefix(from).unwrap());
        if entry.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&entry, &target).unwrap();
        }
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut i = 0;
    while i < out.len() {
        if out[i].is_dir() {
            let mut children: Vec<PathBuf> = std::fs::read_dir(&out[i])
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            children.sort();
            out.extend(children);
        }
        i += 1;
    }
    out
}

/// A port nobody is listening on (bind to port 0, note the port, let it go).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Server {
    /// Copies the fixture and starts `medleaf serve` on it; returns once it answers.
    fn start(fixture: &str) -> Server {
        Server::start_with(fixture, |_| {}, 200)
    }

    /// Like [`Server::start`], changing the copy with `setup` first and expecting `/` to
    /// answer with `status`.
    fn start_with(fixture: &str, setup: impl FnOnce(&Path), status: u16) -> Server {
        Server::start_args(fixture, setup, status, &[])
    }

    /// Like [`Server::start_with`], with more arguments for `medleaf serve`.
    fn start_args(fixture: &str, setup: impl FnOnce(&Path), status: u16, extra: &[&str]) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let fixtures = crate::common::fixtures();
        copy_dir(&fixtures.join(fixture), &root);
        setup(&root);
        let port = free_port();
        let log = dir.path().join("serve.log");
        let out = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_medleaf"));
        command
            .args(["serve", "--root"])
            .arg(&root)
            .args(["--port", &port.to_string(), "--today", TODAY])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(out.try_clone().unwrap())
            .stderr(out);
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: prctl is async-signal-safe and touches only the child being started.
            unsafe {
                command.pre_exec(|| {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    Ok(())
                });
            }
        }
        let child = command.spawn().unwrap();
        let server = Server {
            child,
            port,
            _dir: dir,
            root,
            log,
        };
        let start = Instant::now();
        loop {
            if let Ok(r) = server.try_get("/") {
                assert_eq!(r.status, status, "{}", server.log());
                return server;
            }
            assert!(start.elapsed() < PATIENCE, "no answer: {}", server.log());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends `path` exactly as written (no normalisation, unlike a browser).
    fn try_get(&self, path: &str) -> std::io::Result<Response> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(PATIENCE))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text
            .split_once("\r\n\r\n")
            .ok_or_else(|| std::io::Error::other("no header end"))?;
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| std::io::Error::other("no status"))?;
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        Ok(Response {
            status,
            headers,
            body: body.to_owned(),
        })
    }

    /// Sends `request` as written and reads the whole answer (until the server closes).
    fn raw(&self, request: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        Response {
            status,
            headers,
            body: body.to_owned(),
        }
    }

    fn get(&self, path: &str) -> Response {
        self.try_get(path)
            .unwrap_or_else(|e| panic!("GET {path}: {e}\n{}", self.log()))
    }

    /// Subscribes to the reload events: each event arrives as `(name, data)`.
    fn events(&self) -> mpsc::Receiver<(String, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "GET /__medleaf/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let reader = BufReader::new(stream);
            let (mut name, mut data) = (String::new(), String::new());
            for line in reader.lines() {
                let Ok(line) = line else { return };
                // Chunked transfer: the chunk sizes are lines of their own.
                let line = line.trim_end();
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_owned();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    data.push_str(d);
                } else if line.is_empty()
                    && !name.is_empty()
                    && tx
                        .send((std::mem::take(&mut name), std::mem::take(&mut data)))
                        .is_err()
                {
                    return;
                }
            }
        });
        rx
    }

    /// Replaces text in a file of the site.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

/// Waits for an event called `name`, skipping others; returns its data.
fn wait_for(events: &mpsc::Receiver<(String, String)>, name: &str, server: &Server) -> String {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        match events.recv_timeout(Duration::from_millis(200)) {
            Ok((n, data)) if n == name => return data,
            _ => {}
        }
    }
    panic!("no `{name}` event: {}", server.log());
}

/// Waits for a `reload` event that tells tabs showing `file` to reload (one that names no
/// files tells every tab). Returns the files it names.
fn wait_for_reload_of(
    events: &mpsc::Receiver<(String, String)>,
    file: &str,
    server: &Server,
) -> Option<Vec<String>> {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        let data = wait_for(events, "reload", server);
        let news: serde_json::Value = serde_json::from_str(&data).expect("reload data is JSON");
        assert!(news["version"].is_u64(), "{data}");
        match news["paths"].as_array() {
            None => return None,
            Some(paths) => {
                let paths: Vec<String> = paths
                    .iter()
                    .map(|p| p.as_str().unwrap().to_owned())
                    .collect();
                if paths.iter().any(|p| p == file) {
                    return Some(paths);
                }
            }
        }
    }
    panic!("no reload of `{file}`: {}", server.log());
}

const SCRIPT: &str = "<script src=\"/__medleaf/live.js\"></script>";

#[test]
fn serves_the_site_with_types_folders_and_not_found() {
    let server = Server::start("serve/serve-site");
    let home = server.get("/");
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains(SCRIPT), "reload script missing");
    assert!(home.body.contains(&format!("{SCRIPT}</body>")));

    for (path, kind) in [
        ("/conditions/anemia/", "text/html; charset=utf-8"),
        ("/style.css", "text/css; charset=utf-8"),
        ("/medleaf.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/favicon.ico", "image/x-icon"),
        ("/images/cells.png", "image/png"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__medleaf/live.js", "text/javascript; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(kind), "{path}");
    }
    // Only HTML gets the script.
    assert!(!server.get("/style.css").body.contains("__medleaf"));

    let folder = server.get("/conditions");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/conditions/"));

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(missing.body.contains("Page not found"), "{}", missing.body);
    assert!(missing.body.contains(SCRIPT));
}

#[test]
fn paths_that_leave_the_site_are_not_found() {
    let server = Server::start("serve/serve-site");
    for path in [
        "/../Cargo.toml",
        "/../site.yaml",
        "/%2e%2e/",
        "/%2e%2e/site.yaml",
        "/..%2f..%2fetc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "//etc/passwd",
        "/conditions/..%5c..%5csite.yaml",
        "/conditions\\..\\site.yaml",
        "/style.css%00.html",
        "/./index.html",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path} gave {}", r.status);
        assert!(!r.body.contains("base_url"), "{path} leaked site.yaml");
    }
}

#[test]
fn built_files_never_carry_the_reload_script() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let fixtures = crate::common::fixtures();
    copy_dir(&fixtures.join("serve/serve-site"), &root);
    let status = Command::new(env!("CARGO_BIN_EXE_medleaf"))
        .args(["build", "--today", TODAY, "--root"])
        .arg(&root)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut html = 0;
    for path in walkdir(&root.join("public")) {
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("__medleaf"),
                "{} has the reload script",
                path.display()
            );
            html += usize::from(path.extension().is_some_and(|e| e == "html"));
        }
    }
    assert!(html > 5);
}

#[test]
fn edits_reload_the_page_and_errors_show_until_fixed() {
    let server = Server::start("serve/serve-site");
    let page = "/conditions/anemia/";
    let events = server.events();
    let status = wait_for(&events, "status", &server);
    assert!(status.contains("\"problem\":null"), "{status}");

    // An edit: the page is rebuilt and open tabs are told to reload.
    server.edit(
        "content/conditions/anemia.md",
        "Anemia is common.",
        "Anemia is common. Iron helps.",
    );
    wait_for(&events, "reload", &server);
    assert!(server.get(page).body.contains("Iron helps."));

    // A broken link: the error is shown, the last good page is still served.
    server.edit(
        "content/conditions/anemia.md",
        "You may feel tired.",
        "You may feel [very tired](tiredness.md).",
    );
    let problem = wait_for(&events, "problem", &server);
    assert!(
        problem.contains("broken link to `tiredness.md`"),
        "{problem}"
    );
    assert!(
        problem.contains("content/conditions/anemia.md:20:"),
        "{problem}"
    );
    assert!(problem.contains("no page at this path"), "{problem}");
    let served = server.get(page);
    assert_eq!(served.status, 200);
    assert!(served.body.contains("You may feel tired."));
    assert!(!served.body.contains("very tired"));
    // A tab opened now learns about the problem at once.
    let late = server.events();
    let status = wait_for(&late, "status", &server);
    assert!(status.contains("broken link to `tiredness.md`"), "{status}");

    // Fixed: the overlay is cleared and the tabs reload the new page.
    server.edit(
        "content/conditions/anemia.md",
        "[very tired](tiredness.md)",
        "very tired",
    );
    wait_for(&events, "ok", &server);
    wait_for(&events, "reload", &server);
    assert!(server.get(page).body.contains("You may feel very tired."));

    // A title change reaches the pages that list the page.
    server.edit(
        "content/conditions/anemia.md",
        "title: Anemia (low red cell count)",
        "title: Anemia explained",
    );
    // The edited page is published first, on its own, so its tab does not wait for the
    // pages that list it; those follow in a second reload that names them.
    let first = wait_for_reload_of(&events, "conditions/anemia/index.html", &server);
    assert_eq!(
        first.as_deref(),
        Some(&["conditions/anemia/index.html".to_owned()][..])
    );
    let second = wait_for_reload_of(&events, "conditions/index.html", &server).unwrap();
    assert!(
        !second.contains(&"conditions/anemia/index.html".to_owned()),
        "{second:?}"
    );
    assert!(server.get("/conditions/").body.contains("Anemia explained"));
    assert!(
        server
            .get("/topics/blood-tests/")
            .body
            .contains("Anemia explained")
    );
}

#[test]
fn template_and_static_changes_are_served() {
    let server = Server::start("serve/serve-site");
    let events = server.events();
    wait_for(&events, "status", &server);
    std::fs::create_dir_all(server.root.join("templates")).unwrap();
    let page = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("templates/page.html"),
    )
    .unwrap();
    std::fs::write(
        server.root.join("templates/page.html"),
        page.replacen(
            "{% block main %}",
            "{% block main %}<p>custom template</p>",
            1,
        ),
    )
    .unwrap();
    wait_for(&events, "reload", &server);
    assert!(server.get("/about/").body.contains("custom template"));
    // A template nothing uses (a misspelt name) is reported when it appears.
    std::fs::write(server.root.join("templates/artcle.html"), "x").unwrap();
    wait_for(&events, "reload", &server);
    let start = Instant::now();
    while !server.log().contains("`templates/artcle.html` is not used") {
        assert!(start.elapsed() < PATIENCE, "no warning: {}", server.log());
        std::thread::sleep(Duration::from_millis(50));
    }

    // A static file is served as it is; an image a page shows is published as its widths,
    // made again when it changes (issue 13).
    std::fs::write(server.root.join("static/notes.txt"), "new notes").unwrap();
    wait_for(&events, "reload", &server);
    assert_eq!(server.get("/notes.txt").body, "new notes");
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::new(12, 6))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    std::fs::write(server.root.join("static/images/cells.png"), png).unwrap();
    wait_for(&events, "reload", &server);
    assert_eq!(server.get("/images/cells-12w.png").status, 200);
    assert!(
        server
            .get("/conditions/blood-cancer/")
            .body
            .contains("cells-12w.png 12w")
    );
}

#[test]
fn an_image_no_page_shows_any_more_stops_being_served_as_widths() {
    let server = Server::start("serve/serve-site");
    let events = server.events();
    wait_for(&events, "status", &server);
    // The 8-pixel test image is published at its own width; its own address serves that.
    assert_eq!(server.get("/images/cells-8w.png").status, 200);
    server.edit(
        "content/conditions/leukemia.md",
        "![Blood cells under a microscope](/images/cells.png)",
        "No picture here.",
    );
    wait_for_reload_of(&events, "conditions/blood-cancer/index.html", &server);
    assert!(
        !server
            .get("/conditions/blood-cancer/")
            .body
            .contains("cells-8w.png")
    );
    // The width medleaf made is gone; the source is served as a build copies it.
    assert_eq!(server.get("/images/cells-8w.png").status, 404);
    assert_eq!(server.get("/images/cells.png").status, 200);
    // Shown again: served again.
    server.edit(
        "content/conditions/leukemia.md",
        "No picture here.",
        "![Blood cells under a microscope](/images/cells.png)",
    );
    wait_for_reload_of(&events, "conditions/blood-cancer/index.html", &server);
    assert_eq!(server.get("/images/cells-8w.png").status, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_cleanly() {
    let mut server = Server::start("serve/serve-site");
    // SAFETY: sends SIGINT to our own child process.
    unsafe {
        libc::kill(server.child.id() as libc::pid_t, libc::SIGINT);
    }
    let start = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}: {}", server.log());
            break;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "still running: {}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_site_that_cannot_be_built_shows_why_until_fixed() {
    let server = Server::start_with(
        "serve/serve-site",
        |root| {
            let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
            std::fs::write(root.join("site.yaml"), format!("{yaml}colour: blue\n")).unwrap();
        },
        503,
    );
    let page = server.get("/conditions/anemia/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains(SCRIPT));
    let events = server.events();
    let status = wait_for(&events, "status", &server);
    assert!(status.contains("site.yaml"), "{status}");
    assert!(status.contains("colour"), "{status}");

    server.edit("site.yaml", "colour: blue\n", "");
    wait_for(&events, "reload", &server);
    assert_eq!(server.get("/conditions/anemia/").status, 200);
}

#[test]
fn a_bilingual_site_rebuilds_translations_snippets_and_the_links_between_languages() {
    let server = Server::start("languages/bilingual");
    let es_page = "/es/conditions/conteo-bajo/";
    let events = server.events();
    wait_for(&events, "status", &server);

    // An edit to a translation is served at the translation's address.
    server.edit(
        "content/conditions/low-count.es.md",
        "lo muestra.",
        "lo muestra. Pregunte a su médico.",
    );
    wait_for_reload_of(&events, "es/conditions/conteo-bajo/index.html", &server);
    assert!(server.get(es_page).body.contains("Pregunte a su médico."));
    assert!(
        !server
            .get("/conditions/low-count/")
            .body
            .contains("Pregunte")
    );

    // A snippet's translation reaches the pages in its language that embed it.
    server.edit("snippets/fever.es.md", "llame ahora", "llame enseguida");
    wait_for(&events, "reload", &server);
    let body = server.get(es_page).body;
    assert!(body.contains("llame enseguida"), "{body}");
    assert!(
        server
            .get("/conditions/low-count/")
            .body
            .contains("call your care team now")
    );

    // The Spanish page links to the English blood count, marked as English, until the blood
    // count has a Spanish version: then it links there.
    let marked = |body: &str| -> Vec<String> {
        let doc = scraper::Html::parse_document(body);
        doc.select(&crate::common::sel(".article-body a[hreflang]"))
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect()
    };
    assert_eq!(marked(&body), ["../../../tests/blood-count/#results"]);
    std::fs::write(
        server.root.join("content/tests/blood-count.es.md"),
        "---\ntitle: Hemograma\ndescription: Un análisis de sangre común.\n\
         last_reviewed: 2026-10-01\n\
         reviewed_by: {name: \"Example reviewer - hematology\", role: \"Hematology (example)\"}\n\
         sources:\n  - title: Page source\n    publisher: Example publisher\n\
         \x20   url: https://example.org/page-source\n    accessed: 2026-09-01\n---\n\n\
         El hemograma mide sus células de la sangre.\n\n## Resultados {#results}\n\n\
         Su equipo médico le explica los resultados.\n",
    )
    .unwrap();
    wait_for_reload_of(&events, "es/conditions/conteo-bajo/index.html", &server);
    let body = server.get(es_page).body;
    assert!(
        body.contains("href=\"../../tests/blood-count/#results\""),
        "{body}"
    );
    assert_eq!(marked(&body), Vec::<String>::new());
    assert!(!body.contains("(en inglés)"), "{body}");
    assert_eq!(server.get("/es/tests/blood-count/").status, 200);
}

/// A request for `/` naming `host` (no `Host` header at all when `None`).
fn request_for(host: Option<&str>) -> String {
    match host {
        Some(h) => format!("GET / HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n"),
        None => "GET / HTTP/1.0\r\n\r\n".to_owned(),
    }
}

#[test]
fn only_requests_addressed_to_the_server_are_answered() {
    // Issue 16: serve answered any `Host`, so a page the author visits could read the preview
    // through DNS rebinding (a name of the attacker's, resolving to 127.0.0.1).
    let server = Server::start("serve/serve-site");
    let port = server.port;
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        let r = server.raw(&request_for(Some(&host)));
        assert_eq!(r.status, 200, "{host}");
    }
    for host in [
        Some(format!("attacker.example:{port}")),
        Some(format!("127.0.0.1.nip.io:{port}")),
        Some("attacker.example".to_owned()),
        Some("127.0.0.1".to_owned()),
        Some(format!("127.0.0.1:{}", port.wrapping_add(1))),
        Some(format!("10.0.0.1:{port}")),
        Some(format!("localhost.attacker.example:{port}")),
        None,
    ] {
        let r = server.raw(&request_for(host.as_deref()));
        assert_eq!(r.status, 421, "{host:?}: {}", r.body);
        assert!(!r.body.contains("<main"), "{host:?}: the site leaked");
    }
    // The event stream and the reload script are refused alike.
    let r = server.raw(&format!(
        "GET /__medleaf/live.js HTTP/1.1\r\nHost: attacker.example:{port}\r\nConnection: close\r\n\r\n"
    ));
    assert_eq!(r.status, 421);
}

#[test]
fn a_request_never_finished_is_closed() {
    // Slowloris: headers sent slowly, never finished, held a connection for ever.
    let server = Server::start_args(
        "serve/serve-site",
        |_| {},
        200,
        &["--request-timeout-ms", "300"],
    );
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Slow: a",
        server.port
    )
    .unwrap();
    // The server closes the connection (perhaps after a 408); a read that times out instead
    // would be an error here.
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("the connection was not closed: {e}\n{}", server.log()));
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains("200 OK"), "{text}");
    // A request whose body never comes is answered (the body is never read) and closed:
    // hyper does not keep a connection whose request body was left unread.
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        stream,
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 1000\r\n\r\nabc",
        server.port
    )
    .unwrap();
    let mut raw = Vec::new();
    stream
        .read_to_end(&mut raw)
        .unwrap_or_else(|e| panic!("the connection was not closed: {e}\n{}", server.log()));
    assert!(String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 200"));
    // Others are still served.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn every_response_carries_the_sites_security_headers() {
    let server = Server::start("serve/serve-site");
    // What `medleaf build` writes for hosts, beside the served site.
    let built = tempfile::tempdir().unwrap();
    let out = built.path().join("out");
    crate::common::build(&server.root, &["--output", out.to_str().unwrap()]);
    let headers_file = std::fs::read_to_string(out.join("_headers")).ok();
    assert!(headers_file.is_some(), "no _headers");
    for path in ["/", "/style.css", "/no-such-page/", "/__medleaf/live.js"] {
        let r = server.get(path);
        let csp = r
            .header("content-security-policy")
            .unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(
            csp.starts_with("default-src 'none'; script-src 'self'; style-src 'self'"),
            "{csp}"
        );
        assert!(csp.ends_with("frame-ancestors 'none'"), "{csp}");
        assert_eq!(
            r.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        assert_eq!(r.header("x-frame-options"), Some("DENY"), "{path}");
        assert_eq!(
            r.header("referrer-policy"),
            Some("strict-origin-when-cross-origin"),
            "{path}"
        );
        assert!(
            r.header("permissions-policy")
                .is_some_and(|p| p.contains("camera=()")),
            "{path}"
        );
    }
    // The same headers as the `_headers` file a host reads.
    if let Some(file) = headers_file {
        let r = server.get("/");
        for line in file.lines().filter(|l| l.starts_with("  ")) {
            let (name, value) = line.trim().split_once(": ").unwrap();
            assert_eq!(r.header(name), Some(value), "{name}");
        }
    }
    // Pages carry the policy themselves, and live reload is an external script.
    let page = server.get("/");
    let doc = scraper::Html::parse_document(&page.body);
    let metas = crate::common::attrs(&doc, "meta[http-equiv=Content-Security-Policy]", "content");
    let header = page.header("content-security-policy").unwrap();
    assert_eq!(metas.len(), 1, "{}", page.body);
    assert_eq!(format!("{}; frame-ancestors 'none'", metas[0]), header);
    // No inline script runs in a served page: every script is a file or a data block.
    for script in doc.select(&crate::common::sel("script")) {
        let v = script.value();
        assert!(
            v.attr("src").is_some()
                || matches!(
                    v.attr("type"),
                    Some("application/json" | "application/ld+json")
                ),
            "inline script: {}",
            script.html()
        );
    }
    assert!(
        page.body
            .contains("<script src=\"/__medleaf/live.js\"></script>")
    );
}

#[test]
fn the_page_being_viewed_gets_its_own_warnings() {
    // An overdue review: a warning on the anemia page only.
    let server = Server::start_with(
        "serve/serve-site",
        |root| {
            let page = root.join("content/conditions/anemia.md");
            let text = std::fs::read_to_string(&page).unwrap();
            let text = text.replace("last_reviewed: 2026-10-01", "last_reviewed: 2020-01-01");
            std::fs::write(&page, text).unwrap();
        },
        200,
    );
    let warnings = |page: &str| {
        let r = server.get(&format!(
            "/__medleaf/warnings?page={}",
            page.replace('/', "%2F")
        ));
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert!(r.header("content-security-policy").is_some());
        let v: serde_json::Value = serde_json::from_str(&r.body).expect("JSON");
        v
    };
    let anemia = warnings("/conditions/anemia/");
    assert_eq!(anemia["page"], "conditions/anemia/index.html");
    assert_eq!(anemia["source"], "content/conditions/anemia.md");
    // In the order of the file: the review date (line 7), then the source it no longer covers.
    let list = anemia["warnings"].as_array().unwrap();
    let codes: Vec<&str> = list.iter().map(|w| w["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["review-overdue", "source-after-review"], "{anemia}");
    let w = &list[0];
    assert_eq!(w["severity"], "warning");
    assert_eq!(w["file"], "content/conditions/anemia.md");
    assert_eq!(w["line"], 7, "{w}");
    assert!(
        w["message"].as_str().unwrap().starts_with("review overdue"),
        "{w}"
    );
    assert!(w["help"].as_str().unwrap().contains("last_reviewed"), "{w}");
    // Other pages list none of it; an address with no page has no warnings.
    let neutropenia = warnings("/conditions/neutropenia/");
    assert_eq!(neutropenia["source"], "content/conditions/neutropenia.md");
    assert_eq!(neutropenia["warnings"], serde_json::json!([]));
    let nothing = warnings("/no-such-page/");
    assert_eq!(nothing["source"], serde_json::Value::Null);
    assert_eq!(nothing["warnings"], serde_json::json!([]));
    // Leaving the site is not a way in either.
    assert_eq!(
        warnings("/../Cargo.toml")["warnings"],
        serde_json::json!([])
    );

    // Fixed and saved: the page reloads and its warnings are gone.
    let events = server.events();
    wait_for(&events, "status", &server);
    server.edit(
        "content/conditions/anemia.md",
        "last_reviewed: 2020-01-01",
        "last_reviewed: 2026-10-01",
    );
    wait_for_reload_of(&events, "conditions/anemia/index.html", &server);
    assert_eq!(
        warnings("/conditions/anemia/")["warnings"],
        serde_json::json!([])
    );

    // The panel is built with DOM calls and CSSOM styles, which the site's CSP allows.
    let script = server.get("/__medleaf/live.js").body;
    assert!(script.contains("/__medleaf/warnings?page="));
    assert!(script.contains("\"medleaf-warnings\""));
    assert!(script.contains("aria-labelledby"));
    for unsafe_call in [
        "innerHTML",
        "setAttribute(\"style\"",
        "eval(",
        "insertAdjacentHTML",
    ] {
        assert!(!script.contains(unsafe_call), "{unsafe_call}");
    }
}
