//! Measures `medleaf serve`'s edit → reload time, the way an author meets it: from writing
//! a Markdown file to the open tab receiving the `reload` event, through the real file
//! watcher, rebuild and event stream. Run by `tools/serve-latency.sh`, which generates the
//! 10,000-page site first:
//!
//! ```text
//! cargo run --release --example serve_latency -- target/release/medleaf /tmp/serve-bench [edits]
//! ```
//!
//! It starts `medleaf serve` on the site, then edits one article's body `edits` times (one
//! save every 300 ms, as an author saving often), then its title (which re-renders the
//! folder listing and topic pages that list it), then touches a template (a full re-render:
//! the fallback). Each edit is checked by fetching the page. The article is restored at the
//! end. Prints each time and the median.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A measurement program: it prints its figures.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Stops the server even if the benchmark fails halfway.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Restores a file when dropped.
struct Restore(PathBuf, Vec<u8>);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = std::fs::write(&self.0, &self.1);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: serve_latency <medleaf binary> <site root> [edits]";
    let binary = PathBuf::from(args.next().expect(usage));
    let root = PathBuf::from(args.next().expect(usage));
    let edits: usize = args.next().map_or(20, |n| n.parse().expect(usage));

    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let started = Instant::now();
    let mut child = Command::new(&binary)
        .args(["serve", "--root"])
        .arg(&root)
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot start medleaf");
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let (lines_tx, lines) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    for line in lines.iter() {
        if line.starts_with("built ") {
            println!("first build: {line}");
        }
        if line.starts_with("serving the site") {
            break;
        }
    }
    println!("serving after {:.1} s", started.elapsed().as_secs_f64());

    let events = subscribe(port);
    wait_for(&events, "status");

    let article = first_article(&root);
    let original = std::fs::read(&article).unwrap();
    let _restore = Restore(article.clone(), original.clone());
    let text = String::from_utf8(original).unwrap();
    let url = format!("/{}/", article.file_stem().unwrap().to_string_lossy());
    println!("editing {} ({url})", article.display());

    let mut body_times = Vec::new();
    for i in 0..edits {
        let marker = format!("Edit number {i} for the benchmark.");
        let edited = format!("{text}\n{marker}\n");
        let took = timed_edit(&article, &edited, &events);
        assert!(get(port, &url).contains(&marker), "edit {i} not served");
        body_times.push(took);
        drain(&lines);
        std::thread::sleep(Duration::from_millis(300));
    }
    report("body text", &body_times);

    let mut title_times = Vec::new();
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap();
    for i in 0..5 {
        let edited = text.replacen(title_line, &format!("title: \"Benchmark title {i}\""), 1);
        title_times.push(timed_edit(&article, &edited, &events));
        assert!(get(port, &url).contains(&format!("Benchmark title {i}")));
        drain(&lines);
        std::thread::sleep(Duration::from_millis(300));
    }
    report("title", &title_times);

    // Back to the original before the full re-render, so the site is as generated.
    timed_edit(&article, &text, &events);
    std::thread::sleep(Duration::from_millis(300));
    let templates = root.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let template = templates.join("benchmark-partial.html");
    let took = timed_edit(&template, "<!-- touched by the benchmark -->\n", &events);
    let _ = std::fs::remove_file(&template);
    println!("template change (full re-render): {} ms", took.as_millis());
    for line in lines.try_iter() {
        if line.starts_with("rebuilt") {
            println!("  server: {line}");
        }
    }
}

/// Writes `text` to `path` and returns the time until the tab is told to reload.
fn timed_edit(path: &Path, text: &str, events: &mpsc::Receiver<(String, Instant)>) -> Duration {
    while events.try_recv().is_ok() {}
    let start = Instant::now();
    std::fs::write(path, text).unwrap();
    let reloaded = wait_for(events, "reload");
    reloaded.duration_since(start)
}

fn report(what: &str, times: &[Duration]) {
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let shown: Vec<String> = ms.iter().map(|m| format!("{m:.0}")).collect();
    println!(
        "{what}: median {:.1} ms, min {:.1}, max {:.1} over {} edits ({} ms)",
        ms[ms.len() / 2],
        ms[0],
        ms[ms.len() - 1],
        ms.len(),
        shown.join(" ")
    );
}

fn drain(lines: &mpsc::Receiver<String>) {
    for line in lines.try_iter() {
        if line.starts_with("rebuilt") {
            println!("  server: {line}");
        }
    }
}

/// The first article of the site (by file name), not a folder's `_index.md`.
fn first_article(root: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files.into_iter().next().expect("no article in content/")
}

/// The event stream: each event's name and when it arrived.
fn subscribe(port: u16) -> mpsc::Receiver<(String, Instant)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /__medleaf/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.trim_end().strip_prefix("event: ") {
                let _ = tx.send((name.to_owned(), Instant::now()));
            }
        }
    });
    rx
}

fn wait_for(events: &mpsc::Receiver<(String, Instant)>, name: &str) -> Instant {
    loop {
        let (n, at) = events
            .recv_timeout(Duration::from_secs(600))
            .unwrap_or_else(|_| panic!("no `{name}` event"));
        if n == name {
            return at;
        }
    }
}

fn get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut body = String::new();
    stream.read_to_string(&mut body).unwrap();
    body
}
