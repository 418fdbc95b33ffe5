//! `medleaf check --external` (issue 15) against HTTP servers these tests start on 127.0.0.1:
//! what each answer becomes, where it is reported, and the requests the server received
//! (how many, how many at once per host, with which `User-Agent`). Nothing here reaches the
//! internet: the one name looked up is under `.invalid`, which never resolves.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::common::{Site, TODAY, fixture, medleaf, medleaf_env};

/// One request the server received.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    host: String,
    user_agent: String,
    /// When it arrived.
    at: std::time::Instant,
}

#[derive(Default)]
struct State {
    log: Vec<Request>,
    /// Requests being answered now, per `Host`.
    busy: HashMap<String, usize>,
    /// The most answered at once, per `Host`, and over all hosts.
    most: HashMap<String, usize>,
    most_total: usize,
}

/// A small HTTP/1.1 server with one behaviour per path (see [`answer`]).
struct Server {
    port: u16,
    state: Arc<Mutex<State>>,
}

impl Server {
    fn start() -> Server {
        Server::start_sharing(Arc::new(Mutex::new(State::default())))
    }

    /// A server recording into `state`, shared with other servers (other ports, so other
    /// hosts to the client): what they received together.
    fn start_sharing(state: Arc<Mutex<State>>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = shared.clone();
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Server { port, state }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log(&self) -> Vec<Request> {
        self.state.lock().unwrap().log.clone()
    }

    fn requests_to(&self, path: &str) -> Vec<Request> {
        self.log().into_iter().filter(|r| r.path == path).collect()
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, path) = (
            parts.next().unwrap_or("").to_owned(),
            parts.next().unwrap_or("").to_owned(),
        );
        let (mut host, mut user_agent) = (String::new(), String::new());
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                match k.trim().to_ascii_lowercase().as_str() {
                    "host" => host = v.trim().to_owned(),
                    "user-agent" => user_agent = v.trim().to_owned(),
                    _ => {}
                }
            }
        }
        let seen = {
            let mut s = state.lock().unwrap();
            let seen = s.log.iter().filter(|r| r.path == path).count();
            s.log.push(Request {
                method: method.clone(),
                path: path.clone(),
                host: host.clone(),
                user_agent,
                at: std::time::Instant::now(),
            });
            let now = {
                let n = s.busy.entry(host.clone()).or_default();
                *n += 1;
                *n
            };
            let most = s.most.entry(host.clone()).or_default();
            *most = (*most).max(now);
            let total: usize = s.busy.values().sum();
            s.most_total = s.most_total.max(total);
            seen
        };
        let (status, headers, pause) = answer(&method, &path, seen);
        std::thread::sleep(pause);
        let reason = match status {
            200 => "OK",
            301 => "Moved Permanently",
            302 => "Found",
            308 => "Permanent Redirect",
            404 => "Not Found",
            405 => "Method Not Allowed",
            410 => "Gone",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            _ => "Other",
        };
        let mut response = format!("HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\n");
        for (k, v) in headers {
            response.push_str(&format!("{k}: {v}\r\n"));
        }
        response.push_str("\r\n");
        {
            let mut s = state.lock().unwrap();
            *s.busy.get_mut(&host).unwrap() -= 1;
        }
        if path == "/never" || stream.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

/// What the server answers to `method path`, the `seen`-th time it is asked for it: status,
/// headers and how long it waits first.
fn answer(method: &str, path: &str, seen: usize) -> (u16, Vec<(&'static str, String)>, Duration) {
    let none = Duration::ZERO;
    match path {
        "/moved" => (301, vec![("Location", "/new-home".into())], none),
        "/chain" => (308, vec![("Location", "/chain-2".into())], none),
        "/chain-2" => (301, vec![("Location", "/new-home".into())], none),
        "/temporary" => (302, vec![("Location", "/ok".into())], none),
        "/loop" => (302, vec![("Location", "/loop".into())], none),
        "/missing" => (404, vec![], none),
        "/gone" => (410, vec![], none),
        "/busy" if seen == 0 => (429, vec![("Retry-After", "1".into())], none),
        "/flaky" if seen == 0 => (500, vec![("Retry-After", "0".into())], none),
        "/down" => (503, vec![("Retry-After", "0".into())], none),
        "/no-head" if method == "HEAD" => (405, vec![], none),
        // Never answers: the connection stays open and silent until the client gives up.
        "/never" => (200, vec![], Duration::from_secs(20)),
        p if p.starts_with("/slow/") => (200, vec![], Duration::from_millis(150)),
        _ => (200, vec![], none),
    }
}

/// The fixture site with `pages` written into it (file, text with `{s}` for the server).
fn site(server: &Server, yaml_extra: &str, pages: &[(&str, &str)]) -> Site {
    let site = fixture("external/base");
    let base = server.url("");
    if !yaml_extra.is_empty() {
        let yaml = site.read("site.yaml") + &yaml_extra.replace("{s}", &base);
        site.write("site.yaml", &yaml);
    }
    for (file, text) in pages {
        let text = text
            .replace("{s}", &base)
            .replace("{h}", &format!("127.0.0.1:{}", server.port));
        site.write(&format!("content/{file}"), &text);
    }
    site
}

/// An article citing `sources` (addresses) with `body` as its text.
fn article(title: &str, sources: &[&str], body: &str) -> String {
    let mut out = format!(
        "---\ntitle: {title}\ndescription: A test page.\nlast_reviewed: 2026-06-01\nreviewed_by: Test Reviewer\nsources:\n"
    );
    for (i, url) in sources.iter().enumerate() {
        out.push_str(&format!(
            "  - title: Source {i}\n    url: {url}\n    accessed: 2026-05-01\n"
        ));
    }
    out.push_str("---\n\n");
    out.push_str(body);
    out.push('\n');
    out
}

fn check(site: &Site, extra: &[&str]) -> crate::common::Run {
    let root = site.root.to_str().unwrap();
    let mut args = vec!["check", "--root", root, "--today", TODAY, "--external"];
    args.extend_from_slice(extra);
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    // A proxy set on the machine must not stand between the tests and their own servers.
    let direct = "127.0.0.1,localhost,.invalid";
    medleaf_env(
        &site.scratch(),
        &args,
        &[("NO_PROXY", direct), ("no_proxy", direct)],
    )
}

fn json(site: &Site, extra: &[&str]) -> Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = check(site, &args);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}", run.stderr))
}

/// The diagnostics of codes `external-*`, as JSON values.
fn external_diagnostics(doc: &Value) -> Vec<Value> {
    doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with("external-"))
        .cloned()
        .collect()
}

fn find<'a>(diagnostics: &'a [Value], url_part: &str) -> &'a Value {
    diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains(url_part))
        .unwrap_or_else(|| panic!("no diagnostic about {url_part} in {diagnostics:#?}"))
}

#[test]
fn each_answer_becomes_the_right_result_at_the_place_it_is_written() {
    let server = Server::start();
    let site = site(
        &server,
        "external:\n  timeout_seconds: 1\n",
        &[
            (
                "a.md",
                &article(
                    "Page A",
                    &["{s}/moved", "{s}/missing", "{s}/chain"],
                    "See [gone](<{s}/gone>), [no head]({s}/no-head), [busy]({s}/busy), \
                     [flaky]({s}/flaky), [down]({s}/down), [temporary]({s}/temporary), \
                     [loop]({s}/loop), [never]({s}/never), [fine]({s}/ok#part), \
                     [nowhere](https://medleaf-test.invalid/page), [not TLS](https://{h}/tls) \
                     and <{s}/ok>.",
                ),
            ),
            (
                "b.md",
                &article("Page B", &["{s}/ok"], "Also [missing]({s}/missing)."),
            ),
        ],
    );
    let doc = json(&site, &[]);
    let found = external_diagnostics(&doc);

    // A permanent redirect: a warning at the source, its help giving the new address.
    let moved = find(&found, "/moved`");
    assert_eq!(moved["code"], "external-moved");
    assert_eq!(moved["severity"], "warning");
    assert_eq!(moved["file"], "content/a.md");
    assert_eq!(
        (moved["line"].as_u64(), moved["column"].as_u64()),
        (Some(8), Some(10))
    );
    let new_home = server.url("/new-home");
    assert!(
        moved["help"].as_str().unwrap().contains(&new_home),
        "{moved:#}"
    );
    // Two permanent redirects in a row lead to the last one's target.
    let chain = find(&found, "/chain`");
    assert!(
        chain["help"].as_str().unwrap().contains(&new_home),
        "{chain:#}"
    );

    // Not found: reported once, at the first place (the source in a.md), naming b.md too.
    let missing: Vec<&Value> = found
        .iter()
        .filter(|d| d["message"].as_str().unwrap().contains("/missing`"))
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(missing[0]["code"], "external-broken");
    assert_eq!(missing[0]["file"], "content/a.md");
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("source ")
    );
    assert_eq!(missing[0]["note"], "also cited by `content/b.md`");
    assert!(
        find(&found, "/gone`")["message"]
            .as_str()
            .unwrap()
            .contains("gone")
    );

    // Body links point at the address in the text.
    let gone = find(&found, "/gone`");
    let text = site.read("content/a.md");
    let line = text
        .lines()
        .nth(gone["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let col = gone["column"].as_u64().unwrap() as usize - 1;
    assert!(line[col..].starts_with(&server.url("/gone")), "{line}");

    // Server errors after retries, no answer, a loop and a name that does not resolve fail.
    assert!(
        find(&found, "/down`")["message"]
            .as_str()
            .unwrap()
            .contains("503")
    );
    assert!(
        find(&found, "/never`")["message"]
            .as_str()
            .unwrap()
            .contains("no answer within 1 second")
    );
    assert!(
        find(&found, "/loop`")["message"]
            .as_str()
            .unwrap()
            .contains("redirects")
    );
    // TLS spoken to a server that does not speak it.
    let tls = find(&found, "/tls`");
    assert!(tls["message"].as_str().unwrap().contains("TLS"), "{tls:#}");
    let dns = find(&found, "medleaf-test.invalid");
    assert!(
        dns["message"]
            .as_str()
            .unwrap()
            .contains("does not resolve"),
        "{dns:#}"
    );

    // Everything else works: HEAD refused then GET, 429 and 500 retried, temporary redirects.
    for fine in ["/no-head`", "/busy`", "/flaky`", "/temporary`", "/ok`"] {
        assert!(
            !found
                .iter()
                .any(|d| d["message"].as_str().unwrap().contains(fine)),
            "{fine} reported: {found:#?}"
        );
    }
    assert_eq!(found.len(), 9, "{found:#?}");

    // What the server received.
    let methods = |path: &str| -> Vec<String> {
        server
            .requests_to(path)
            .into_iter()
            .map(|r| r.method)
            .collect()
    };
    assert_eq!(
        methods("/missing"),
        ["HEAD"],
        "each address once, however many cite it"
    );
    assert_eq!(
        methods("/ok"),
        ["HEAD", "HEAD"],
        "once itself, once after /temporary"
    );
    assert_eq!(methods("/no-head"), ["HEAD", "GET"]);
    assert_eq!(
        methods("/busy"),
        ["HEAD", "HEAD"],
        "retried after Retry-After"
    );
    // The retry waited at least the second the server asked for (a lower bound, which no
    // slow machine can break).
    let busy = server.requests_to("/busy");
    assert!(busy[1].at - busy[0].at >= Duration::from_secs(1));
    assert_eq!(methods("/flaky"), ["HEAD", "HEAD"]);
    assert_eq!(methods("/down"), ["HEAD", "HEAD", "HEAD"], "three attempts");
    assert_eq!(
        methods("/loop").len(),
        6,
        "the first request and five redirects"
    );
    let agent = format!("medleaf/{} (link checker)", env!("CARGO_PKG_VERSION"));
    assert!(
        server.log().iter().all(|r| r.user_agent == agent),
        "{:?}",
        server.log()
    );

    // The JSON facts.
    let external = &doc["external"];
    assert_eq!(external["addresses"], 14);
    assert_eq!(external["fetched"], 14);
    assert_eq!(external["cached"], 0);
    let first = &external["links"][0];
    assert_eq!(first["url"], server.url("/moved"), "sources first");
    assert_eq!(first["outcome"], "moved");
    assert_eq!(first["source"], true);

    // Warnings by default, errors with --strict.
    check(&site, &[]).assert_code(0);
    let strict = check(&site, &["--strict", "--format", "json"]);
    strict.assert_code(1);
}

#[test]
fn a_second_run_within_the_time_to_live_sends_no_request() {
    let server = Server::start();
    let site = site(
        &server,
        "",
        &[(
            "a.md",
            &article(
                "Page A",
                &["{s}/ok", "{s}/moved"],
                "A [missing]({s}/missing) page.",
            ),
        )],
    );
    let first = json(&site, &[]);
    let sent = server.log().len();
    assert_eq!(sent, 4, "three addresses, one of them redirected");
    assert_eq!(first["external"]["fetched"], 3);

    let cache = site.read(".medleaf-cache/links.json");
    assert!(cache.contains(&server.url("/missing")), "{cache}");
    assert_eq!(
        site.read(".medleaf-cache/.gitignore").lines().last(),
        Some("*")
    );

    let second = json(&site, &[]);
    assert_eq!(server.log().len(), sent, "no request on the second run");
    assert_eq!(second["external"]["cached"], 3);
    assert_eq!(
        external_diagnostics(&first),
        external_diagnostics(&second),
        "the cache gives the same results"
    );

    json(&site, &["--refresh"]);
    assert_eq!(
        server.log().len(),
        2 * sent,
        "--refresh fetches everything again"
    );

    // An expired entry is fetched again, the others not.
    let mut cache: Value = serde_json::from_str(&site.read(".medleaf-cache/links.json")).unwrap();
    cache["links"][server.url("/ok")]["checked"] = Value::from(0);
    site.write(".medleaf-cache/links.json", &cache.to_string());
    json(&site, &[]);
    assert_eq!(server.log().len(), 2 * sent + 1);
    assert_eq!(server.log().last().unwrap().path, "/ok");
}

#[test]
fn never_more_than_two_requests_at_once_to_one_host() {
    let server = Server::start();
    let mut body = String::new();
    for i in 0..10 {
        // Two hosts on one server: the limit is per name the client asks for.
        body.push_str(&format!("[a{i}]({{s}}/slow/{i}) "));
        body.push_str(&format!(
            "[b{i}](http://localhost:{}/slow/{i}) ",
            server.port
        ));
    }
    let site = site(&server, "", &[("a.md", &article("Page A", &[], &body))]);
    let doc = json(&site, &[]);
    assert_eq!(doc["external"]["fetched"], 20);
    assert!(external_diagnostics(&doc).is_empty());
    let state = server.state.lock().unwrap();
    assert_eq!(state.log.len(), 20);
    let hosts: std::collections::BTreeSet<&str> =
        state.log.iter().map(|r| r.host.as_str()).collect();
    let expected = [
        format!("127.0.0.1:{}", server.port),
        format!("localhost:{}", server.port),
    ];
    assert_eq!(hosts, expected.iter().map(String::as_str).collect());
    for (host, most) in &state.most {
        assert!(*most <= 2, "{most} requests at once to {host}");
    }
    assert!(state.most_total <= 4, "two hosts, two each");
}

#[test]
fn never_more_than_eight_requests_at_once_in_all() {
    // Six servers are six hosts (host and port): twelve requests could run at once.
    let state = Arc::new(Mutex::new(State::default()));
    let servers: Vec<Server> = (0..6)
        .map(|_| Server::start_sharing(state.clone()))
        .collect();
    let mut body = String::new();
    for (k, server) in servers.iter().enumerate() {
        for i in 0..4 {
            body.push_str(&format!(
                "[s{k}p{i}]({}) ",
                server.url(&format!("/slow/{i}"))
            ));
        }
    }
    let site = site(&servers[0], "", &[("a.md", &article("Page A", &[], &body))]);
    let doc = json(&site, &[]);
    assert_eq!(doc["external"]["fetched"], 24);
    assert!(external_diagnostics(&doc).is_empty());
    let state = state.lock().unwrap();
    assert_eq!(state.log.len(), 24);
    assert_eq!(state.most.len(), 6);
    for (host, most) in &state.most {
        assert!(*most <= 2, "{most} requests at once to {host}");
    }
    assert!(
        state.most_total <= 8,
        "{} requests at once",
        state.most_total
    );
}

#[test]
fn skipped_hosts_and_prefixes_are_never_fetched() {
    let server = Server::start();
    let site = site(
        &server,
        "external:\n  skip: [localhost, \"{s}/private/\"]\n",
        &[(
            "a.md",
            &article(
                "Page A",
                &["{s}/private/missing"],
                &format!(
                    "[a](http://localhost:{}/missing) [b]({{s}}/ok)",
                    server.port
                ),
            ),
        )],
    );
    let doc = json(&site, &[]);
    assert_eq!(doc["external"]["skipped"], 2);
    assert_eq!(doc["external"]["fetched"], 1);
    assert!(external_diagnostics(&doc).is_empty());
    let paths: Vec<String> = server.log().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/ok"]);
}

#[test]
fn a_pipe_gets_no_progress_line_and_the_summary_counts_the_addresses() {
    let server = Server::start();
    let site = site(
        &server,
        "",
        &[("a.md", &article("Page A", &["{s}/ok"], "[x]({s}/missing)"))],
    );
    let run = check(&site, &[]);
    run.assert_code(0);
    assert!(
        !run.stderr.contains("checking external links"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\r'));
    assert!(
        run.stdout
            .contains("external: 2 addresses checked (2 fetched, 0 from the cache), 0 skipped; 1 failing or moved"),
        "{}",
        run.stdout
    );
    // The dashboard lists the failing address (from the cache: no new request).
    let html = check(&site, &["--format", "html"]).stdout;
    let doc = scraper::Html::parse_document(&html);
    let rows: Vec<String> = doc
        .select(
            &scraper::Selector::parse("section[aria-labelledby=\"external\"] tbody tr").unwrap(),
        )
        .map(|r| r.text().collect())
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains(&server.url("/missing")) && rows[0].contains("not found"));
    assert_eq!(server.log().len(), 2);
    // Without --external nothing is fetched.
    let root = site.root.to_str().unwrap();
    medleaf(&["check", "--root", root, "--today", TODAY]).assert_code(0);
    assert_eq!(server.log().len(), 2);
}

#[test]
fn a_terminal_gets_a_progress_line() {
    // `script` runs the command on a pseudo-terminal (util-linux, in every Debian).
    if !std::path::Path::new("/usr/bin/script").exists() {
        return;
    }
    let server = Server::start();
    let site = site(
        &server,
        "",
        &[("a.md", &article("Page A", &["{s}/ok"], "[x]({s}/missing)"))],
    );
    let command = format!(
        "NO_PROXY=127.0.0.1 {} check --root {} --today {TODAY} --external",
        env!("CARGO_BIN_EXE_medleaf"),
        site.root.display()
    );
    let out = std::process::Command::new("/usr/bin/script")
        .args(["-qec", &command, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("checking external links: 2/2, 1 failing"),
        "{text}"
    );
    assert_eq!(server.log().len(), 2);
}

#[test]
fn snippet_sources_and_links_are_checked_where_they_are_written() {
    let server = Server::start();
    let site = site(
        &server,
        "",
        &[
            ("a.md", &article("Page A", &[], "Intro.\n\n![[advice]]\n")),
            ("b.md", &article("Page B", &[], "Intro.\n\n![[advice]]\n")),
        ],
    );
    site.write(
        "snippets/advice.md",
        &format!(
            "---\ntitle: Advice\nsources:\n  - title: Old\n    url: {0}/gone\n    accessed: 2026-01-01\n---\nCall [the line]({0}/missing).\n",
            server.url("")
        ),
    );
    let doc = json(&site, &[]);
    let found = external_diagnostics(&doc);
    assert_eq!(found.len(), 2, "{found:#?}");
    let gone = find(&found, "/gone`");
    assert_eq!(
        (gone["file"].as_str(), gone["line"].as_u64()),
        (Some("snippets/advice.md"), Some(5))
    );
    let missing = find(&found, "/missing`");
    assert_eq!(
        (
            missing["file"].as_str(),
            missing["line"].as_u64(),
            missing["column"].as_u64()
        ),
        (Some("snippets/advice.md"), Some(8), Some(17))
    );
    assert_eq!(missing["note"], "also cited by `content/b.md`");
    assert_eq!(server.log().len(), 2, "each address once");
}
