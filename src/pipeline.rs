//! The build, as one screen of named stages.
//!
//! ```text
//! Config -> Site { pages } -> SiteIndex -> Rendered (per page, parallel) -> LinkGraph
//!        -> health checks -> OutputFile (per page, parallel) + search index (if on) -> disk
//! ```
//!
//! Each stage takes the previous stages' values and returns a new one; nothing is filled in
//! later. `check` runs every stage but the last; `build` writes the files only when there are
//! no errors, so bad content never replaces a good site.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Config, Overrides};
use crate::content::{self, Site};
use crate::date::Date;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Result;
use crate::health::glossary::{self, Glossary};
use crate::health::{self, ArticleHealth};
use crate::links::{self, LinkGraph, SiteIndex};
use crate::markdown::{self, Rendered};
use crate::output::{self, OutputFile};
use crate::render::{self, SiteData, Templates};
use crate::search::{self, SearchIndex, SearchStats};
use crate::taxonomy::{self, Listing, Topic};

/// How long each stage took, in order, for `--timings`: wall time, and the CPU time the
/// whole process spent meanwhile (on all threads), which shows how parallel a stage is.
#[derive(Debug, Clone, Default)]
pub struct Timings(pub Vec<Lap>);

/// One stage's times.
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    /// The stage's name.
    pub stage: &'static str,
    /// Wall time.
    pub wall: Duration,
    /// CPU time of the process (user and system, all threads).
    pub cpu: Duration,
}

/// A point in time for [`Timings`]: the wall clock and the process's CPU time.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    wall: Instant,
    cpu: Duration,
}

impl Clock {
    /// Now.
    pub fn now() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: process_cpu_time(),
        }
    }
}

/// The CPU time this process has used so far, all threads, user and system.
fn process_cpu_time() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `usage` is a valid, writable rusage; getrusage only writes into it.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) };
    if rc != 0 {
        return Duration::ZERO;
    }
    // SAFETY: getrusage succeeded, so it filled the structure.
    let usage = unsafe { usage.assume_init() };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, (t.tv_usec as u32) * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

impl Timings {
    /// Records the time since `*since` under `stage`, and restarts the clock.
    fn lap(&mut self, stage: &'static str, since: &mut Clock) {
        let now = Clock::now();
        self.0.push(Lap {
            stage,
            wall: now.wall - since.wall,
            cpu: now.cpu.saturating_sub(since.cpu),
        });
        *since = now;
    }
}

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// Where to write; `None` means `<root>/public`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Build pages marked `draft: true`.
    pub drafts: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// The date review deadlines are compared with (affects diagnostics only, never output).
    pub today: Date,
}

impl Options {
    /// Options for the site at `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Options {
        Options {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            strict: false,
            today: Date::today(),
        }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The outcome of a run that got as far as checking the content.
#[derive(Debug, Default)]
pub struct Report {
    /// Every problem found, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Content pages built (or that would be built).
    pub pages: usize,
    /// Files in the output.
    pub files: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Where the site was written, if it was.
    pub written: Option<PathBuf>,
    /// The median Flesch-Kincaid grade of the articles.
    pub median_grade: Option<f64>,
    /// How long each stage took.
    pub timings: Timings,
    /// The search index's size and build time, when the site has search.
    pub search: Option<SearchStats>,
}

impl Report {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Everything the build computes before writing: the whole site in memory.
#[derive(Debug)]
pub struct Built {
    /// The settings.
    pub config: Config,
    /// The pages and assets read.
    pub site: Site,
    /// The address index links were resolved against, kept so `serve` can re-render single
    /// pages after an edit without rebuilding it.
    pub index: SiteIndex,
    /// Each page's rendered body (same order as `site.pages`).
    pub rendered: Vec<Rendered>,
    /// Backlinks and related articles.
    pub graph: LinkGraph,
    /// Topics.
    pub topics: Vec<Topic>,
    /// Folder listings.
    pub listings: Vec<Listing>,
    /// The glossary.
    pub glossary: Glossary,
    /// Each page's health facts (`None` for pages that are not articles).
    pub health: Vec<Option<ArticleHealth>>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// How long each stage took.
    pub timings: Timings,
}

impl Built {
    /// What the templates see of the analysed site.
    pub fn data(&self) -> SiteData<'_> {
        SiteData {
            config: &self.config,
            pages: &self.site.pages,
            rendered: &self.rendered,
            graph: &self.graph,
            topics: &self.topics,
            listings: &self.listings,
            glossary: &self.glossary,
        }
    }
}

/// Runs every stage up to, not including, rendering templates. Content problems are in the
/// returned diagnostics; `Err` means the run could not go on (I/O, unreadable settings).
pub fn analyse(options: &Options) -> Result<std::result::Result<Built, Vec<Diagnostic>>> {
    let overrides = Overrides {
        base_url: options.base_url.clone(),
    };
    let mut timings = Timings::default();
    let mut clock = Clock::now();
    let config = match config::load(&options.root, &overrides)? {
        Ok(c) => c,
        Err(d) => return Ok(Err(vec![*d])),
    };
    let (site, mut diagnostics) = content::load(&config, options.drafts)?;
    timings.lap("load", &mut clock);
    let topics = taxonomy::topics(&site.pages);
    let listings = taxonomy::listings(&site.pages);
    let mut generated = render::generated_urls(&topics, site.glossary.is_some(), &site.pages);
    generated.extend(render::search_urls(config.search));
    let (mut index, problems) = SiteIndex::new(&site, &generated);
    diagnostics.extend(problems);

    let glossary = match &site.glossary {
        Some(file) => {
            let (g, problems) = glossary::load(file, &site.pages, &index);
            diagnostics.extend(problems);
            index.add_generated_ids(glossary::URL, g.entries.iter().map(|e| e.id.clone()));
            g
        }
        None => Glossary::default(),
    };

    timings.lap("index", &mut clock);
    let env = markdown::Env {
        pages: &site.pages,
        index: &index,
        glossary: Some(&glossary),
        emergency_number: &config.emergency_number,
    };
    let rendered: Vec<Rendered> = site
        .pages
        .par_iter()
        .map(|p| markdown::render(p, env))
        .collect();
    for r in &rendered {
        diagnostics.extend(r.diagnostics.iter().cloned());
    }
    timings.lap("markdown", &mut clock);
    diagnostics.extend(links::check_anchors(&site.pages, &rendered, &index));
    let (graph, problems) = links::graph(&site.pages, &rendered, &index, &topics);
    diagnostics.extend(problems);
    timings.lap("links", &mut clock);
    let (health, problems) = health::check(&site.pages, &rendered, &config, options.today);
    diagnostics.extend(problems);
    timings.lap("health", &mut clock);

    if options.strict {
        diagnostics::make_strict(&mut diagnostics);
    }
    diagnostics::sort(&mut diagnostics);
    Ok(Ok(Built {
        config,
        site,
        index,
        rendered,
        graph,
        topics,
        listings,
        glossary,
        health,
        diagnostics,
        timings,
    }))
}

/// Renders every output file of an analysed site, the build report and search index included.
pub fn render(built: &Built, templates: &Templates, today: Date) -> Result<Vec<OutputFile>> {
    render_with_stats(built, templates, today).map(|(files, _)| files)
}

/// [`render`], also returning the search index's figures (`None` when search is off).
pub fn render_with_stats(
    built: &Built,
    templates: &Templates,
    today: Date,
) -> Result<(Vec<OutputFile>, Option<SearchStats>)> {
    render::collect(|sink| render_into(built, templates, today, sink))
}

/// Renders every output file of an analysed site (the build report and search index
/// included) into `sink`, each as soon as it is made.
pub fn render_into(
    built: &Built,
    templates: &Templates,
    today: Date,
    sink: &render::Sink<'_>,
) -> Result<Option<SearchStats>> {
    let data = built.data();
    // The search index reads the analysed site, not the rendered pages, so it is built while
    // the templates run.
    let (rendered, stats) = rayon::join(
        || render::render_site_into(&data, templates, sink),
        || {
            built
                .config
                .search
                .then(|| search::index_into(&search_input(built), sink))
                .transpose()
        },
    );
    rendered?;
    let report = health::report::json(&built.site.pages, &built.health, &built.diagnostics, today);
    sink(OutputFile::new(
        health::report::FILE_NAME.to_owned(),
        report,
    ))?;
    stats
}

/// The search index of an analysed site (whether or not `search.enabled` is on).
pub fn search_index(built: &Built) -> SearchIndex {
    search::index(&search_input(built))
}

fn search_input(built: &Built) -> search::Input<'_> {
    search::Input {
        config: &built.config,
        pages: &built.site.pages,
        rendered: &built.rendered,
        glossary: &built.glossary,
    }
}

/// `medleaf build`: analyse, render, and (when there are no errors) write the site.
pub fn build(options: &Options) -> Result<Report> {
    let start = Instant::now();
    let output_dir = options.output_dir();
    // Refuse an unsafe output before doing any work.
    output::check_output(&options.root, &output_dir)?;
    let mut built = match analyse(options)? {
        Ok(b) => b,
        Err(diagnostics) => {
            return Ok(Report {
                diagnostics,
                elapsed: start.elapsed(),
                ..Report::default()
            });
        }
    };
    let mut report = Report {
        pages: built.site.pages.len(),
        median_grade: health::report::median_grade(&built.health),
        ..Report::default()
    };
    let mut timings = built.timings.clone();
    let mut clock = Clock::now();
    if !built.diagnostics.iter().any(Diagnostic::is_error) {
        let templates = Templates::load(&options.root)?;
        let writer = output::Writer::begin(&options.root, &output_dir, &built.site.assets)?;
        let count = std::sync::atomic::AtomicUsize::new(0);
        // Each file is written as soon as it is rendered, so the output is never held in
        // memory whole.
        report.search = render_into(&built, &templates, options.today, &|f| {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            writer.write(&f)
        })?;
        timings.lap("render and write", &mut clock);
        writer.finish()?;
        timings.lap("finish", &mut clock);
        report.files = count.into_inner() + built.site.assets.len();
        report.written = Some(output_dir);
    }
    report.diagnostics = std::mem::take(&mut built.diagnostics);
    // Freeing a large site's millions of allocations takes a noticeable moment; nobody needs
    // to wait for it.
    std::thread::spawn(move || drop(built));
    report.timings = timings;
    report.elapsed = start.elapsed();
    Ok(report)
}
