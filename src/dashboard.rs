//! `check --format html`: the review dashboard, one self-contained HTML page for the editor's
//! desk, made from the check report alone.
//!
//! Counts come first, then one table per thing an editor acts on (overdue reviews, reviews due
//! soon, pages never reviewed, pages embedding an overdue snippet, stale translations, old
//! sources, broken or moved external links, articles above the reading target, pages that
//! allow checks, and each reviewer's load). Every row links to the file and to the published
//! page. The page loads nothing from anywhere (its style and its small sorting script are in
//! the page, never in attributes), works without JavaScript, reads on a phone and prints. It
//! is written outside the site, for editors, in English.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::check::{CheckReport, PageFacts};
use crate::diagnostics::Code;
use crate::health::review::ReviewStatus;
use crate::html::escape;

/// The dashboard's style: phone first, readable contrast, printable.
const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #0b4f8a; --warn: #8a3b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header, main { max-inline-size: 72rem; margin-inline: auto; padding-inline: 1rem; }
header { padding-block: 1rem 0; }
h1 { font-size: 1.6rem; margin-block: 0 .25rem; }
h2 { font-size: 1.25rem; margin-block: 2rem .5rem; }
p { margin-block: .25rem; }
.muted { color: var(--muted); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, .scroll:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: .5rem; list-style: none; padding: 0; margin-block: 1rem; }
.counts li { border: 1px solid var(--line); border-radius: .4rem; padding: .5rem .75rem; }
.counts .n { display: block; font-size: 1.6rem; font-weight: 700; }
.counts .bad .n { color: var(--warn); }
nav ul { padding-inline-start: 1.25rem; columns: 14rem; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: .4rem; }
table { border-collapse: collapse; inline-size: 100%; font-size: .95rem; }
th, td { text-align: start; vertical-align: top; padding: .4rem .6rem; border-block-end: 1px solid var(--line); }
thead th { background: #f2f2f2; white-space: nowrap; }
th button { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-decoration: underline dotted; }
th[aria-sort="ascending"] button::after { content: " \2191"; }
th[aria-sort="descending"] button::after { content: " \2193"; }
td.num { font-variant-numeric: tabular-nums; }
code { font-size: .9em; overflow-wrap: anywhere; }
td a code { white-space: nowrap; overflow-wrap: normal; }
@media print {
  nav { display: none; }
  .scroll { overflow: visible; border: 0; }
  a { color: inherit; text-decoration: none; }
  section { break-inside: avoid-page; }
}
"#;

/// Sorting by column when JavaScript is on: each column heading becomes a button.
const SCRIPT: &str = r#"
(function () {
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[col];
          return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y)
            ? nx - ny : x.localeCompare(y, undefined, { numeric: true });
          return up ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"#;

/// One table: its id, heading, a sentence on what to do, column names and rows of cells
/// (already HTML).
struct Table {
    id: &'static str,
    title: &'static str,
    about: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<Cell>>,
}

/// One cell: its HTML, an optional sort key, and whether it holds a number.
struct Cell {
    html: String,
    sort: Option<String>,
    number: bool,
}

fn text(s: &str) -> Cell {
    Cell {
        html: escape(s),
        sort: None,
        number: false,
    }
}

fn number(n: impl std::fmt::Display) -> Cell {
    Cell {
        html: n.to_string(),
        sort: None,
        number: true,
    }
}

fn html(h: String) -> Cell {
    Cell {
        html: h,
        sort: None,
        number: false,
    }
}

/// Links to a report's files and pages.
struct Links<'a> {
    report: &'a CheckReport,
    pages: BTreeMap<&'a str, &'a PageFacts>,
}

impl<'a> Links<'a> {
    fn new(report: &'a CheckReport) -> Self {
        Links {
            report,
            pages: report.pages.iter().map(|p| (p.file.as_str(), p)).collect(),
        }
    }

    /// A link to a file of the site (`content/x.md`), opened from the editor's disk.
    fn file(&self, file: &str, line: Option<usize>) -> Cell {
        let path = self.report.site.root.join(file);
        let href = format!(
            "file://{}",
            crate::urls::encode_path(&path.to_string_lossy().replace('\\', "/"))
        );
        let shown = match line {
            Some(l) => format!("{file}:{l}"),
            None => file.to_owned(),
        };
        Cell {
            html: format!(
                "<a href=\"{}\"><code>{}</code></a>",
                escape(&href),
                escape(&shown)
            ),
            sort: Some(shown),
            number: false,
        }
    }

    /// A link to a page as published, by its file; the file name when it is not a page.
    fn page(&self, file: &str) -> Cell {
        match self.pages.get(file) {
            Some(p) => {
                let href = format!(
                    "{}{}",
                    self.report.site.base_url,
                    crate::urls::encode_path(p.url.trim_start_matches('/'))
                );
                Cell {
                    html: format!("<a href=\"{}\">{}</a>", escape(&href), escape(&p.title)),
                    sort: Some(p.title.clone()),
                    number: false,
                }
            }
            None => text(file),
        }
    }
}

/// The review dashboard of a check report, as one HTML document.
pub fn dashboard(report: &CheckReport) -> String {
    let links = Links::new(report);
    let articles: Vec<&PageFacts> = report
        .pages
        .iter()
        .filter(|p| p.review_status.is_some())
        .collect();
    let with_status = |s: ReviewStatus| articles.iter().filter(move |p| p.review_status == Some(s));
    let review_row = |p: &&PageFacts| {
        vec![
            links.page(&p.file),
            links.file(&p.file, None),
            text(p.reviewed_by.as_deref().unwrap_or("—")),
            text(p.last_reviewed.as_deref().unwrap_or("—")),
            text(p.next_review.as_deref().unwrap_or("—")),
        ]
    };
    let by_code = |code: Code| report.diagnostics.iter().filter(move |d| d.code == code);
    let problem_rows = |code: Code| -> Vec<Vec<Cell>> {
        by_code(code)
            .map(|d| {
                let loc = d.location.as_ref();
                vec![
                    links.page(d.file()),
                    links.file(d.file(), loc.map(|l| l.line)),
                    html(code_spans(&d.message)),
                ]
            })
            .collect()
    };

    let overdue_snippets: Vec<&crate::check::SnippetFacts> = report
        .snippets
        .iter()
        .filter(|s| s.review_status == ReviewStatus::Overdue)
        .collect();
    let mut snippet_rows = Vec::new();
    for s in &overdue_snippets {
        for page in &s.embedded_by {
            snippet_rows.push(vec![
                links.page(page),
                links.file(page, None),
                html(format!("<code>{}</code>", escape(&s.name))),
                links.file(&s.file, None),
                text(s.next_review.as_deref().unwrap_or("—")),
            ]);
        }
    }

    let external = report.external.as_ref();
    let external_rows: Vec<Vec<Cell>> = external
        .map(|x| {
            x.links
                .iter()
                .filter(|l| l.outcome != "ok")
                .map(|l| {
                    let what = match (&l.moved_to, &l.reason) {
                        (Some(to), _) => format!("moved to <code>{}</code>", escape(to)),
                        (_, Some(reason)) => escape(reason),
                        _ => String::new(),
                    };
                    vec![
                        html(format!("<code>{}</code>", escape(&l.url))),
                        Cell {
                            html: format!("{}: {what}", escape(l.outcome)),
                            sort: Some(l.outcome.to_owned()),
                            number: false,
                        },
                        text(if l.source { "source" } else { "link" }),
                        links.file(&l.file, Some(l.line)),
                        html(
                            l.cited_by
                                .iter()
                                .map(|p| links.page(p).html)
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();

    let reading_rows: Vec<Vec<Cell>> = by_code(Code::Readability)
        .map(|d| {
            let grade = links
                .pages
                .get(d.file())
                .and_then(|p| p.reading_grade)
                .map_or("—".to_owned(), |g| format!("{g:.1}"));
            vec![
                links.page(d.file()),
                links.file(d.file(), None),
                number(grade),
                html(code_spans(&d.message)),
            ]
        })
        .collect();

    let allowed_rows: Vec<Vec<Cell>> = report
        .allowed
        .iter()
        .map(|a| {
            vec![
                links.page(&a.file),
                links.file(&a.file, None),
                html(format!("<code>{}</code>", escape(&a.code))),
                text(&a.reason),
                number(a.silenced),
            ]
        })
        .collect();

    let mut reviewers: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for p in &articles {
        let name = p.reviewed_by.as_deref().unwrap_or("(no reviewer)");
        let entry = reviewers.entry(name).or_default();
        entry.0 += 1;
        if p.review_status == Some(ReviewStatus::Overdue) {
            entry.1 += 1;
        }
    }
    let reviewer_rows: Vec<Vec<Cell>> = reviewers
        .iter()
        .map(|(name, (pages, overdue))| vec![text(name), number(pages), number(overdue)])
        .collect();

    let stale_rows = problem_rows(Code::TranslationStale);
    let review_cols: &[&str] = &["Page", "File", "Reviewer", "Last reviewed", "Next review"];
    let problem_cols: &[&str] = &["Page", "File", "Problem"];
    let mut tables = vec![
        Table {
            id: "overdue",
            title: "Overdue reviews",
            about: "Articles whose next review date has passed: have a clinician review them, then update `last_reviewed`.",
            columns: review_cols,
            rows: with_status(ReviewStatus::Overdue).map(review_row).collect(),
        },
        Table {
            id: "due-soon",
            title: "Reviews due soon",
            about: "Articles whose next review falls within the warning period.",
            columns: review_cols,
            rows: with_status(ReviewStatus::DueSoon).map(review_row).collect(),
        },
        Table {
            id: "no-review",
            title: "Articles with no review or no reviewer",
            about: "Articles missing `last_reviewed` or `reviewed_by`.",
            columns: &["Page", "File", "Missing"],
            rows: articles
                .iter()
                .filter_map(|p| {
                    let missing = match (p.last_reviewed.is_none(), p.reviewed_by.is_none()) {
                        (true, true) => "last_reviewed, reviewed_by",
                        (true, false) => "last_reviewed",
                        (false, true) => "reviewed_by",
                        (false, false) => return None,
                    };
                    Some(vec![
                        links.page(&p.file),
                        links.file(&p.file, None),
                        html(code_spans(&format!("`{missing}`"))),
                    ])
                })
                .collect(),
        },
        Table {
            id: "overdue-snippets",
            title: "Pages embedding an overdue snippet",
            about: "Shared advice past its review date, and every page that shows it.",
            columns: &[
                "Page",
                "File",
                "Snippet",
                "Snippet file",
                "Snippet's next review",
            ],
            rows: snippet_rows,
        },
    ];
    if !report.languages.is_empty() {
        tables.push(Table {
            id: "stale-translations",
            title: "Stale translations",
            about: "Translations older than their source's latest clinical review.",
            columns: problem_cols,
            rows: stale_rows,
        });
    }
    tables.push(Table {
        id: "old-sources",
        title: "Sources older than the age limit",
        about: "Sources last checked longer ago than the site allows: find newer evidence or check them again.",
        columns: problem_cols,
        rows: problem_rows(Code::SourceOld),
    });
    if external.is_some() {
        tables.push(Table {
            id: "external",
            title: "Broken or moved external links",
            about: "Addresses on other sites that fail or have moved for good, sources first.",
            columns: &["Address", "Result", "Cited as", "Written at", "Cited by"],
            rows: external_rows,
        });
    }
    tables.push(Table {
        id: "reading",
        title: "Articles above the reading target",
        about: "Articles harder to read than the site's target: shorter sentences and everyday words help.",
        columns: &["Page", "File", "Grade", "Problem"],
        rows: reading_rows,
    });
    tables.push(Table {
        id: "allowed",
        title: "Pages that allow checks",
        about: "Checks a page is allowed to fail, with the reason it gives.",
        columns: &["Page", "File", "Check", "Reason", "Problems silenced"],
        rows: allowed_rows,
    });
    tables.push(Table {
        id: "reviewers",
        title: "Reviewers",
        about: "How many articles each reviewer has, and how many of them are overdue.",
        columns: &["Reviewer", "Articles", "Overdue"],
        rows: reviewer_rows,
    });

    let count = |s| with_status(s).count();
    let mut counts: Vec<(usize, &str, bool)> = vec![
        (report.summary.pages, "pages", false),
        (articles.len(), "articles", false),
        (count(ReviewStatus::Current), "reviews current", false),
        (count(ReviewStatus::DueSoon), "reviews due soon", false),
        (count(ReviewStatus::Overdue), "reviews overdue", true),
        (count(ReviewStatus::Missing), "never reviewed", true),
        (report.summary.errors, "errors", true),
        (report.summary.warnings, "warnings", true),
    ];
    if let Some(x) = external {
        let n = |o: &str| x.links.iter().filter(|l| l.outcome == o).count();
        counts.push((n("broken"), "broken external links", true));
        counts.push((n("moved"), "moved external links", true));
    }

    let mut out = String::with_capacity(16 * 1024);
    let title = format!("Review dashboard: {}", report.site.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n\
         <p class=\"muted\">Reviews compared with {}. Made by <code>medleaf check --format html</code>.</p>\n</header>\n<main>\n",
        escape(&title),
        escape(&title),
        escape(&report.today),
    );
    out.push_str("<section aria-labelledby=\"at-a-glance\">\n<h2 id=\"at-a-glance\">At a glance</h2>\n<ul class=\"counts\">\n");
    for (n, what, bad) in counts {
        let class = if bad && n > 0 { " class=\"bad\"" } else { "" };
        let _ = writeln!(
            out,
            "<li{class}><span class=\"n\">{n}</span> {}</li>",
            escape(what)
        );
    }
    out.push_str("</ul>\n</section>\n<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul>\n");
    for t in &tables {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a> ({})</li>",
            t.id,
            escape(t.title),
            t.rows.len()
        );
    }
    out.push_str("</ul>\n</nav>\n");
    for t in &tables {
        write_table(&mut out, t);
    }
    let _ = write!(
        out,
        "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

fn write_table(out: &mut String, t: &Table) {
    let _ = write!(
        out,
        "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">{} <span class=\"muted\">({})</span></h2>\n<p>{}</p>\n",
        escape(t.title),
        t.rows.len(),
        code_spans(t.about),
        id = t.id,
    );
    if t.rows.is_empty() {
        out.push_str("<p class=\"muted\">None.</p>\n</section>\n");
        return;
    }
    let _ = write!(
        out,
        "<div class=\"scroll\" role=\"region\" aria-labelledby=\"{id}\" tabindex=\"0\">\n<table data-sortable>\n<thead><tr>",
        id = t.id
    );
    for c in t.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(c));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if cell.number { " class=\"num\"" } else { "" };
            let sort = cell
                .sort
                .as_ref()
                .map(|s| format!(" data-sort=\"{}\"", escape(s)))
                .unwrap_or_default();
            let _ = write!(out, "<td{class}{sort}>{}</td>", cell.html);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n</section>\n");
}

/// Text with `code` spans written in backticks, as HTML.
fn code_spans(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}
