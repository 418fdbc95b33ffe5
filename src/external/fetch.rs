//! Asking other sites whether an address still works, politely: at most [`WORKERS`] requests
//! at a time and [`PER_HOST`] to one host, a timeout on each, `HEAD` first and `GET` when the
//! server refuses `HEAD`, redirects followed one by one (up to [`MAX_REDIRECTS`]) so a
//! permanent move is seen, `429` and `5xx` answers retried after the server's `Retry-After`
//! (or a growing pause), and a `User-Agent` naming medleaf and its version.
//!
//! This is the only code in medleaf that opens network connections, and only `check
//! --external` calls it.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Requests in flight at once, over all hosts.
pub(crate) const WORKERS: usize = 8;
/// Requests in flight at once to one host.
pub(crate) const PER_HOST: usize = 2;
/// Redirects followed before giving up.
pub(crate) const MAX_REDIRECTS: usize = 5;
/// Attempts for an address that answers `429` or `5xx` (the first and two retries).
const ATTEMPTS: usize = 3;
/// The longest `Retry-After` honoured; a server asking for more is reported as failing.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The `User-Agent` of every request.
pub(crate) fn user_agent() -> String {
    format!("medleaf/{} (link checker)", env!("CARGO_PKG_VERSION"))
}

/// What became of one address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub(crate) enum Outcome {
    /// It answered (2xx, or a refusal such as 401 or 403 that says nothing about the address
    /// being gone), possibly after temporary redirects.
    Ok {
        /// The final status.
        status: u16,
    },
    /// It moved for good: the first answer was a permanent redirect (301 or 308).
    Moved {
        /// The permanent redirect's status.
        status: u16,
        /// Where the permanent redirects lead.
        to: String,
    },
    /// It fails.
    Broken {
        /// The final status, when the server answered.
        status: Option<u16>,
        /// What went wrong, in a few words (`not found`, `no answer within 10 seconds`).
        reason: String,
        /// Whether the failure says the document is gone (404, 410, a name that does not
        /// resolve) rather than that the server could not answer now.
        lasting: bool,
    },
}

impl Outcome {
    /// Whether the outcome is reported.
    pub(crate) fn is_problem(&self) -> bool {
        !matches!(self, Outcome::Ok { .. })
    }
}

/// The fetcher's settings.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// The timeout for one request.
    pub(crate) timeout: Duration,
}

/// Checks every address in `urls`, calling `done` after each (from worker threads) with its
/// index and outcome. Returns the outcomes in the order of `urls`.
pub(crate) fn check_all(
    urls: &[String],
    settings: &Settings,
    done: &(dyn Fn(usize, &Outcome) + Sync),
) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(settings.timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(user_agent())
        .build()
        .into();
    let slots = HostSlots::default();
    let queue = Mutex::new(by_host_in_turn(urls));
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(urls.len()) {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().expect("no worker panics").pop_front();
                    let Some(i) = next else { break };
                    let outcome = check_one(&agent, &slots, &urls[i], settings);
                    done(i, &outcome);
                    results.lock().expect("no worker panics")[i] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("no worker panics")
        .into_iter()
        .map(|o| o.expect("every address was checked"))
        .collect()
}

/// The order addresses are taken in: one from each host in turn, so the workers are not all
/// waiting on one host's two slots while other hosts are idle.
fn by_host_in_turn(urls: &[String]) -> VecDeque<usize> {
    let mut hosts: Vec<(String, VecDeque<usize>)> = Vec::new();
    for (i, url) in urls.iter().enumerate() {
        let host = host(url);
        match hosts.iter_mut().find(|(h, _)| *h == host) {
            Some((_, list)) => list.push_back(i),
            None => hosts.push((host, VecDeque::from([i]))),
        }
    }
    let mut order = VecDeque::with_capacity(urls.len());
    while order.len() < urls.len() {
        for (_, list) in &mut hosts {
            if let Some(i) = list.pop_front() {
                order.push_back(i);
            }
        }
    }
    order
}

/// The requests in flight per host; a request waits for one of its host's [`PER_HOST`] slots.
#[derive(Default)]
struct HostSlots {
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

impl HostSlots {
    /// Runs `f` while holding one of `host`'s slots.
    fn with<T>(&self, host: &str, f: impl FnOnce() -> T) -> T {
        {
            let mut busy = self.busy.lock().expect("no worker panics");
            while busy.get(host).copied().unwrap_or(0) >= PER_HOST {
                busy = self.freed.wait(busy).expect("no worker panics");
            }
            *busy.entry(host.to_owned()).or_default() += 1;
        }
        let out = f();
        let mut busy = self.busy.lock().expect("no worker panics");
        if let Some(n) = busy.get_mut(host) {
            *n -= 1;
        }
        self.freed.notify_all();
        out
    }
}

/// The host (and port) of an address, lowercased: what the per-host limit counts.
pub(crate) fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// One answer, or why there was none.
enum Answer {
    Status {
        status: u16,
        location: Option<String>,
        retry_after: Option<Duration>,
    },
    Failed {
        reason: String,
        lasting: bool,
    },
}

/// Follows one address to its end.
fn check_one(agent: &ureq::Agent, slots: &HostSlots, url: &str, settings: &Settings) -> Outcome {
    let mut current = url.to_owned();
    // Where the unbroken run of permanent redirects from the start leads, and its status.
    let mut moved: Option<(u16, String)> = None;
    let mut permanent_so_far = true;
    for _ in 0..=MAX_REDIRECTS {
        match request(agent, slots, &current, settings) {
            Answer::Failed { reason, lasting } => {
                return Outcome::Broken {
                    status: None,
                    reason,
                    lasting,
                };
            }
            Answer::Status {
                status, location, ..
            } if (300..400).contains(&status) && status != 304 => {
                let Some(location) = location else {
                    return Outcome::Ok { status };
                };
                let next = join(&current, &location);
                if permanent_so_far && matches!(status, 301 | 308) {
                    let first = moved.as_ref().map_or(status, |(s, _)| *s);
                    moved = Some((first, next.clone()));
                } else {
                    permanent_so_far = false;
                }
                current = next;
            }
            Answer::Status { status, .. } => {
                let end = match status {
                    404 => Outcome::Broken {
                        status: Some(status),
                        reason: "not found".to_owned(),
                        lasting: true,
                    },
                    410 => Outcome::Broken {
                        status: Some(status),
                        reason: "gone".to_owned(),
                        lasting: true,
                    },
                    500..=599 => Outcome::Broken {
                        status: Some(status),
                        reason: format!("server error ({status}) after {ATTEMPTS} attempts"),
                        lasting: false,
                    },
                    _ => Outcome::Ok { status },
                };
                return match (end, moved) {
                    (Outcome::Ok { .. }, Some((status, to))) => Outcome::Moved { status, to },
                    (end, _) => end,
                };
            }
        }
    }
    Outcome::Broken {
        status: None,
        reason: format!("more than {MAX_REDIRECTS} redirects"),
        lasting: false,
    }
}

/// One request to `url` (`HEAD`, then `GET` if `HEAD` is refused), retried while the server
/// answers `429` or `5xx`, waiting as it asks between attempts.
fn request(agent: &ureq::Agent, slots: &HostSlots, url: &str, settings: &Settings) -> Answer {
    let host = host(url);
    let mut method = "HEAD";
    let mut attempt = 0;
    loop {
        let answer = slots.with(&host, || send(agent, method, url, settings));
        match answer {
            Answer::Status {
                status: 405 | 501, ..
            } if method == "HEAD" => method = "GET",
            Answer::Status {
                status,
                retry_after,
                ..
            } if (status == 429 || status >= 500) && attempt + 1 < ATTEMPTS => {
                attempt += 1;
                let pause =
                    retry_after.unwrap_or_else(|| Duration::from_millis(500 << attempt.min(4)));
                if pause > MAX_RETRY_AFTER {
                    return answer;
                }
                // The slot is free while waiting: the host asked for a pause from this
                // request, not from every other.
                std::thread::sleep(pause);
            }
            answer => return answer,
        }
    }
}

/// Sends one request and reads the status and the headers that matter.
fn send(agent: &ureq::Agent, method: &str, url: &str, settings: &Settings) -> Answer {
    let result = if method == "HEAD" {
        agent.head(url).call()
    } else {
        agent.get(url).call()
    };
    match result {
        Ok(response) => {
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned)
            };
            Answer::Status {
                status: response.status().as_u16(),
                location: header("location"),
                retry_after: header("retry-after")
                    .and_then(|v| retry_after(&v, super::cache::now())),
            }
        }
        Err(e) => failure(&e, url, settings),
    }
}

/// Why a request got no answer, in a few words.
fn failure(e: &ureq::Error, url: &str, settings: &Settings) -> Answer {
    use ureq::Error;
    let (reason, lasting) = match e {
        Error::Timeout(_) => (no_answer(settings), false),
        Error::HostNotFound => (
            format!("the name `{}` does not resolve (DNS)", host(url)),
            true,
        ),
        Error::Tls(what) => (format!("TLS failure: {what}"), false),
        Error::Rustls(what) => (format!("TLS failure: {what}"), false),
        Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => (no_answer(settings), false),
        // The system resolver's failure comes as an I/O error, worded by the platform.
        Error::Io(io)
            if ["lookup address", "not known", "servname", "No such host"]
                .iter()
                .any(|w| io.to_string().contains(w)) =>
        {
            (
                format!("the name `{}` does not resolve (DNS)", host(url)),
                true,
            )
        }
        // rustls reports a failed handshake through the stream as an I/O error: bad data, or
        // a server that hangs up mid-handshake.
        Error::Io(io)
            if url
                .get(..8)
                .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
                && matches!(
                    io.kind(),
                    std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                ) =>
        {
            (format!("TLS failure: {io}"), false)
        }
        Error::Io(io) => (format!("cannot connect: {io}"), false),
        Error::ConnectionFailed => ("cannot connect".to_owned(), false),
        Error::BadUri(what) => (format!("not a valid address: {what}"), true),
        other => (other.to_string(), false),
    };
    Answer::Failed { reason, lasting }
}

/// A `Retry-After` value: whole seconds, or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`)
/// read against `now` (seconds since 1970).
fn retry_after(value: &str, now: u64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts[..] else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as u8 + 1;
    let date = crate::date::Date::new(year.parse().ok()?, month, day.parse().ok()?)?;
    let mut hms = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    let at = date.days_since_epoch() * 86_400 + h * 3600 + m * 60 + s;
    Some(Duration::from_secs(
        u64::try_from(at).ok()?.saturating_sub(now),
    ))
}

/// "no answer within 10 seconds".
fn no_answer(settings: &Settings) -> String {
    match settings.timeout.as_secs() {
        1 => "no answer within 1 second".to_owned(),
        n => format!("no answer within {n} seconds"),
    }
}

/// A redirect's `Location` (absolute, from the host's root, or relative) as an address.
pub(crate) fn join(base: &str, location: &str) -> String {
    let location = location.trim();
    if location.contains("://") {
        return location.to_owned();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    if let Some(l) = location.strip_prefix("//") {
        return format!("{scheme}://{l}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = format!("{scheme}://{}", &rest[..authority_end]);
    if location.starts_with('/') {
        return format!("{origin}{location}");
    }
    let path = rest[authority_end..].split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{origin}{dir}{location}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_like_a_browser() {
        let base = "https://a.org/x/y?q=1";
        assert_eq!(join(base, "https://b.org/"), "https://b.org/");
        assert_eq!(join(base, "//c.org/p"), "https://c.org/p");
        assert_eq!(join(base, "/root"), "https://a.org/root");
        assert_eq!(join(base, "z"), "https://a.org/x/z");
        assert_eq!(join("http://a.org", "z"), "http://a.org/z");
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert_eq!(retry_after(" 3 ", 0), Some(Duration::from_secs(3)));
        // 1 January 2026 is day 20454 since 1970.
        let now = 20_454 * 86_400;
        assert_eq!(
            retry_after("Thu, 01 Jan 2026 00:01:30 GMT", now),
            Some(Duration::from_secs(90))
        );
        assert_eq!(
            retry_after("Wed, 31 Dec 2025 23:00:00 GMT", now),
            Some(Duration::ZERO),
            "a date already past means now"
        );
        assert_eq!(retry_after("soon", now), None);
    }

    #[test]
    fn hosts_keep_the_port_and_drop_the_user() {
        assert_eq!(host("https://u@WWW.A.org:8080/x"), "www.a.org:8080");
        assert_eq!(host("http://127.0.0.1:9/"), "127.0.0.1:9");
    }

    #[test]
    fn hosts_take_turns() {
        let urls: Vec<String> = ["http://a/1", "http://a/2", "http://a/3", "http://b/1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(Vec::from(by_host_in_turn(&urls)), vec![0, 3, 1, 2]);
    }
}
