//! The build, as one screen of named stages.
//!
//! ```text
//! Config -> Site { pages } -> topics, listings -> SiteIndex -> Glossary
//!        -> per page, in parallel: analyse_page (front-matter checks, Markdown, health)
//!        -> per page, in parallel: check_links (anchors, `related:`)   -> LinkGraph
//!        = Built -> OutputFile (per page, parallel) + search index (if on) -> disk
//! ```
//!
//! Each stage takes the previous stages' values and returns a new one; nothing is filled in
//! later. `check` runs every stage but the last; `build` writes the files only when there are
//! no errors, so bad content never replaces a good site. [`analyse_page`] and [`check_links`]
//! are the only per-page analysis: `build`, `check` and `serve`'s incremental update all call
//! them, so a new per-page check is written once.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::claims;
use crate::config::{self, Config, Overrides};
use crate::content::templates::{self, SiteTemplates};
use crate::content::{self, Page, Site};
use crate::date::Date;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Result;
use crate::glossary::{self, Glossary};
use crate::health::readability::SyllableMemo;
use crate::health::review::Review;
use crate::health::{self, ArticleHealth};
use crate::i18n::{self, Strings};
use crate::images::{ImageStats, Images};
use crate::links::graph::{self, LinkGraph};
use crate::links::{anchors, index::SiteIndex};
use crate::markdown::{self, Body};
use crate::output::{self, OutputFile, Sink};
use crate::render::{self, SiteData, Templates};
use crate::report;
use crate::search::SearchStats;
use crate::site_checks;
use crate::taxonomy::{self, Listing, Topic};
use crate::timings::{Clock, Timings};

mod outputs;
pub(crate) use outputs::{image_files, search_index};
use outputs::{images_copied, images_into, search_into};

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
    /// Where to write the governance report (`--report`), replacing `site.yaml`'s `report`.
    pub report: Option<PathBuf>,
    /// Ignore the image cache (`--no-cache`): process every image afresh, in a temporary
    /// folder removed afterwards.
    pub no_cache: bool,
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
            report: None,
            no_cache: false,
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
    /// Where the governance report was written, if it was.
    pub report: Option<PathBuf>,
    /// Whether raw HTML was kept as written (`markdown.raw_html: allow`), which the summary
    /// says, since it lets anyone who edits a page run script in readers' browsers.
    pub raw_html_allowed: bool,
    /// The images pages show, and how many were encoded or taken from the cache.
    pub images: ImageStats,
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
pub(crate) struct Built {
    /// The settings.
    pub(crate) config: Config,
    /// The pages and assets read.
    pub(crate) site: Site,
    /// The site's own templates (`templates/`), compiled when rendering ([`Built::templates`]).
    pub(crate) site_templates: SiteTemplates,
    /// The site's images (processed by the pages that show them).
    pub(crate) images: Images,
    /// The address index links were resolved against, kept so `serve` can re-render single
    /// pages after an edit without rebuilding it.
    pub(crate) index: SiteIndex,
    /// Each page's rendered body (same order as `site.pages`).
    pub(crate) bodies: Vec<Body>,
    /// Backlinks and related articles.
    pub(crate) graph: LinkGraph,
    /// Topics.
    pub(crate) topics: Vec<Topic>,
    /// Folder listings.
    pub(crate) listings: Vec<Listing>,
    /// Each language's glossary (empty when it has none).
    pub(crate) glossaries: Vec<Glossary>,
    /// Each language's interface strings.
    pub(crate) strings: Vec<Strings>,
    /// For each translated page, every version of it (see [`content::translations::versions`]).
    pub(crate) versions: HashMap<String, Vec<usize>>,
    /// Each page's health facts (`None` for pages that are not articles).
    pub(crate) health: Vec<Option<ArticleHealth>>,
    /// Each snippet's review facts (same order as `site.snippets`).
    pub(crate) snippet_reviews: Vec<Review>,
    /// Each page's own problems, from [`analyse_page`].
    pub(crate) page_problems: Vec<Vec<Diagnostic>>,
    /// Each page's link problems, from [`check_links`].
    pub(crate) link_problems: Vec<Vec<Diagnostic>>,
    /// Problems found by whole-site checks (pages that could not be read, addresses claimed
    /// twice, the glossary).
    pub(crate) site_problems: Vec<Diagnostic>,
    /// Problems of one page seen against the others (two articles with one title, topics
    /// that differ by a letter, snippets no page embeds): cheap to redo after an edit, see
    /// [`Built::recheck_across_pages`].
    pub(crate) cross_page_problems: Vec<Diagnostic>,
    /// Each language's site-wide notice as HTML, shown on every page.
    pub(crate) notices: Vec<Option<String>>,
    /// Problems with external addresses, from `check --external` (empty otherwise).
    pub(crate) external_problems: Vec<Diagnostic>,
    /// Whether external addresses were checked in this run.
    pub(crate) fetched: bool,
    /// Every problem above, sorted, after the pages' allowances and the site's severities
    /// (made strict with `--strict`): see [`Built::refresh`].
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The checks pages allow, with what each silenced (see [`crate::policy`]).
    pub(crate) allowances: Vec<crate::policy::Allowance>,
    /// How long each stage took.
    pub(crate) timings: Timings,
}

impl Built {
    /// What the templates see of the analysed site.
    pub(crate) fn data(&self) -> SiteData<'_> {
        SiteData {
            config: &self.config,
            pages: &self.site.pages,
            bodies: &self.bodies,
            graph: &self.graph,
            topics: &self.topics,
            listings: &self.listings,
            glossaries: &self.glossaries,
            snippets: &self.site.snippets,
            notices: &self.notices,
            strings: &self.strings,
            versions: &self.versions,
        }
    }

    /// What the Markdown stage sees of the site.
    pub(crate) fn markdown_env(&self) -> markdown::Env<'_> {
        markdown::Env {
            pages: &self.site.pages,
            index: &self.index,
            glossaries: &self.glossaries,
            languages: &self.config.languages,
            strings: &self.strings,
            snippets: &self.site.snippets,
            failed_snippets: &self.site.failed_snippets,
            settings: &self.config.markdown,
            images: &self.images,
        }
    }

    /// What the per-page analysis sees of the site.
    pub(crate) fn page_env(&self, today: Date) -> PageEnv<'_> {
        PageEnv {
            markdown: self.markdown_env(),
            config: &self.config,
            today,
            snippet_reviews: &self.snippet_reviews,
        }
    }

    /// Redoes the checks that compare pages with each other (titles, topics, snippet use).
    pub(crate) fn recheck_across_pages(&mut self) {
        let pages = &self.site.pages;
        let mut out = content::check_site(pages);
        out.extend(taxonomy::check_topics(pages));
        out.extend(site_checks::unused_snippets(
            &self.site.snippets,
            &self.bodies,
        ));
        out.extend(content::translations::stale(pages, &self.site.snippets));
        out.extend(templates::check(&self.site_templates, pages));
        self.cross_page_problems = out;
    }

    /// The templates this site is rendered with: the built-in ones, the site's, and medleaf's
    /// filters under the site's Markdown settings. An error when a template does not compile.
    pub(crate) fn templates(&self) -> Result<Templates> {
        Templates::load(&self.site_templates, &self.config.markdown)
    }

    /// Re-collects [`Built::diagnostics`] from the per-page and whole-site lists, after they
    /// changed.
    pub(crate) fn refresh(&mut self, strict: bool) {
        let mut all: Vec<Diagnostic> = self.site_problems.clone();
        all.extend(self.cross_page_problems.iter().cloned());
        all.extend(self.external_problems.iter().cloned());
        for list in self.page_problems.iter().chain(&self.link_problems) {
            all.extend(list.iter().cloned());
        }
        let (mut all, allowances) =
            crate::policy::apply(&self.site.pages, &self.config, all, self.fetched);
        self.allowances = allowances;
        if strict {
            diagnostics::make_strict(&mut all);
        }
        diagnostics::sort(&mut all);
        self.diagnostics = all;
    }
}

/// What the per-page stages make of one page.
#[derive(Debug)]
pub(crate) struct PageAnalysis {
    /// The rendered body.
    pub(crate) body: Body,
    /// Health facts (articles).
    pub(crate) health: Option<ArticleHealth>,
    /// The page's problems: front matter, Markdown, health.
    pub(crate) problems: Vec<Diagnostic>,
}

/// Everything the per-page analysis of one page needs from the rest of the site.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PageEnv<'a> {
    /// What Markdown sees.
    pub(crate) markdown: markdown::Env<'a>,
    /// The settings.
    pub(crate) config: &'a Config,
    /// The date reviews are compared with.
    pub(crate) today: Date,
    /// Each snippet's review facts, for the pages that embed them.
    pub(crate) snippet_reviews: &'a [Review],
}

/// The per-page analysis: front-matter checks, Markdown, then the health checks. Depends on
/// the page and the site-wide tables only, never on another page's body, so pages can be
/// analysed in any order and one at a time.
pub(crate) fn analyse_page<'a>(
    page: &'a Page,
    env: PageEnv<'a>,
    memo: &mut SyllableMemo,
) -> PageAnalysis {
    let mut problems = content::check_page(page, &env.config.markdown);
    let mut body = markdown::render(page, env.markdown);
    problems.append(&mut body.diagnostics);
    let (health, more) = health::check_page(page, &body, env.config, env.today, memo);
    problems.extend(more);
    health::check_embeds(
        page,
        &body,
        env.markdown.snippets,
        env.snippet_reviews,
        &mut problems,
    );
    PageAnalysis {
        body,
        health,
        problems,
    }
}

/// The link checks of page `i`, which read the other pages' bodies: its `#fragment`s and its
/// `related:` entries.
pub(crate) fn check_links(
    pages: &[Page],
    bodies: &[Body],
    index: &SiteIndex,
    i: usize,
) -> Vec<Diagnostic> {
    let body = &bodies[i];
    let mut out = anchors::check_page_anchors(pages, i, &body.links, |t| &bodies[t].ids);
    out.extend(anchors::check_generated_anchors(
        pages,
        i,
        &body.generated_links,
        index,
    ));
    out.extend(graph::explicit_related(pages, &pages[i], index).1);
    out
}

/// Runs every stage up to, not including, rendering templates. Content problems are in the
/// returned diagnostics; `Err` means the run could not go on (I/O, unreadable settings).
pub(crate) fn analyse(options: &Options) -> Result<std::result::Result<Built, Vec<Diagnostic>>> {
    let overrides = Overrides {
        base_url: options.base_url.clone(),
    };
    let mut timings = Timings::default();
    let mut clock = Clock::now();
    let config = match config::load(&options.root, &overrides)? {
        Ok(c) => c,
        Err(d) => return Ok(Err(vec![*d])),
    };
    let (site, mut site_problems) = content::load(&config, options.drafts)?;
    let site_templates = SiteTemplates::read(&config.root, config.follow_links_outside)?;
    let (strings, problems) = i18n::load(&config)?;
    site_problems.extend(problems);
    let notices: Vec<Option<String>> = config
        .languages
        .iter()
        .map(|l| {
            match l
                .notice
                .as_deref()
                .map(|n| markdown::notice::html(n, &config.markdown.url_schemes))
            {
                Some(Ok(html)) => Some(html),
                Some(Err(problem)) => {
                    site_problems.push(site_checks::notice_problem(&config, problem));
                    None
                }
                None => None,
            }
        })
        .collect();
    site_problems.extend(site_checks::menu_problems(&config, &site.pages));
    let images = Images::new(
        &config.root,
        &config.images,
        &site.assets,
        !options.no_cache,
    );
    timings.lap("load", &mut clock);

    let languages = &config.languages;
    let topics = taxonomy::topics(&site.pages, languages);
    let listings = taxonomy::listings(&site.pages, languages);
    let versions = content::translations::versions(&site.pages);
    let (snippet_reviews, problems) =
        health::check_snippets(&site.snippets, &config, options.today);
    site_problems.extend(problems);
    let has_glossary: Vec<bool> = site.glossaries.iter().map(Option::is_some).collect();
    let generated = crate::links::index::generated_urls(
        &topics,
        &listings,
        &has_glossary,
        &config,
        &site.pages,
    );
    let (mut index, problems) = SiteIndex::new(&site, languages, &generated);
    site_problems.extend(problems);
    // Every file the build will write has one owner, checked before anything is written.
    site_problems.extend(claims::check(&claims::Input {
        config: &config,
        site: &site,
        topics: &topics,
        listings: &listings,
        output: &options.output_dir(),
        report: match (&options.report, &config.report) {
            (Some(r), _) => Some((r.as_path(), true)),
            (None, Some(r)) => Some((r.as_path(), false)),
            (None, None) => None,
        },
    }));
    let mut glossaries = Vec::with_capacity(languages.len());
    for (lang, file) in site.glossaries.iter().enumerate() {
        let glossary = match file {
            Some(file) => {
                let prefix = &languages[lang].prefix;
                let (g, problems) = glossary::load(file, &site.pages, &index, lang, prefix);
                site_problems.extend(problems);
                index.add_generated_ids(
                    &glossary::url(prefix),
                    g.entries.iter().map(|e| e.id.clone()),
                );
                g
            }
            None => Glossary::default(),
        };
        glossaries.push(glossary);
    }
    timings.lap("index", &mut clock);

    let env = PageEnv {
        markdown: markdown::Env {
            pages: &site.pages,
            index: &index,
            glossaries: &glossaries,
            languages,
            strings: &strings,
            snippets: &site.snippets,
            failed_snippets: &site.failed_snippets,
            settings: &config.markdown,
            images: &images,
        },
        config: &config,
        today: options.today,
        snippet_reviews: &snippet_reviews,
    };
    let analyses: Vec<PageAnalysis> = site
        .pages
        .par_iter()
        .map_init(SyllableMemo::default, |memo, page| {
            analyse_page(page, env, memo)
        })
        .collect();
    let n = analyses.len();
    let (mut bodies, mut health, mut page_problems) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for a in analyses {
        bodies.push(a.body);
        health.push(a.health);
        page_problems.push(a.problems);
    }
    // Every page has asked for its images: the memo of their sources is complete.
    images.save_memo();
    timings.lap("pages", &mut clock);

    let link_problems: Vec<Vec<Diagnostic>> = (0..n)
        .into_par_iter()
        .map(|i| check_links(&site.pages, &bodies, &index, i))
        .collect();
    let graph = graph::build(&site.pages, &bodies, &index, &topics);
    timings.lap("links", &mut clock);

    let mut built = Built {
        config,
        site,
        site_templates,
        images,
        index,
        bodies,
        graph,
        topics,
        listings,
        glossaries,
        strings,
        versions,
        health,
        snippet_reviews,
        page_problems,
        link_problems,
        site_problems,
        cross_page_problems: Vec::new(),
        notices,
        external_problems: Vec::new(),
        fetched: false,
        diagnostics: Vec::new(),
        allowances: Vec::new(),
        timings,
    };
    built.recheck_across_pages();
    built.refresh(options.strict);
    Ok(Ok(built))
}

/// Renders every output file of an analysed site, the search index included, into memory,
/// sorted by path; with the search index's figures.
pub(crate) fn render(
    built: &Built,
    templates: &Templates,
) -> Result<(Vec<OutputFile>, Option<SearchStats>)> {
    output::collect(|sink| render_into(built, templates, sink, &|| images_into(built, sink)))
}

/// Renders every output file of an analysed site (the search index included) into `sink`, each
/// as soon as it is made; `images` publishes the images' files meanwhile (into the sink, or
/// copied from the cache by the writer).
fn render_into(
    built: &Built,
    templates: &Templates,
    sink: &Sink<'_>,
    images: &(dyn Fn() -> Result<()> + Sync),
) -> Result<Option<SearchStats>> {
    let data = built.data();
    // The search index reads the analysed site, not the rendered pages, so it is built while
    // the templates run; so are the images' files copied from the cache.
    let (rendered, (stats, images)) = rayon::join(
        || render::render_site_into(&data, templates, sink),
        || {
            rayon::join(
                || {
                    built
                        .config
                        .search
                        .then(|| search_into(built, sink))
                        .transpose()
                },
                images,
            )
        },
    );
    rendered?;
    images?;
    stats
}

/// The governance report of an analysed site, as JSON text.
pub(crate) fn report_text(built: &Built, today: Date) -> String {
    report::json(&built.site.pages, &built.health, &built.diagnostics, today)
}

/// `medleaf build`: analyse, render, and (when there are no errors) write the site.
pub fn build(options: &Options) -> Result<Report> {
    let start = Instant::now();
    let output_dir = options.output_dir();
    // A previous build killed mid-swap may have left the site beside its folder: put it back
    // first, so that even a run stopped by a content error leaves it in place.
    output::repair(&output_dir)?;
    // Refuse an unsafe output before doing any work.
    output::check_output(&options.root, &output_dir)?;
    crate::images::cache::check_outside(&options.root, &output_dir)?;
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
        median_grade: report::median_grade(&built.health),
        raw_html_allowed: built.config.markdown.raw_html == config::RawHtml::Allow,
        ..Report::default()
    };
    // The governance report is for editors: written where they asked, never published.
    if let Some(path) = options
        .report
        .clone()
        .or_else(|| built.config.report.clone())
    {
        output::write_outside(
            &options.root,
            &output_dir,
            &path,
            &report_text(&built, options.today),
        )?;
        report.report = Some(path);
    }
    let mut timings = built.timings.clone();
    let mut clock = Clock::now();
    if !built.diagnostics.iter().any(Diagnostic::is_error) {
        let templates = built.templates()?;
        // The sources of processed images are published as their variants, never as they are.
        let assets = built.images.published_assets(&built.site.assets);
        let writer = output::Writer::begin(&options.root, &output_dir, &assets)?;
        let count = std::sync::atomic::AtomicUsize::new(0);
        // Each file is written as soon as it is rendered, so the output is never held in
        // memory whole.
        let images = image_files(&built).len();
        report.search = render_into(
            &built,
            &templates,
            &|f| {
                count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                writer.write(&f)
            },
            &|| images_copied(&built, &writer),
        )?;
        timings.lap("render and write", &mut clock);
        writer.finish()?;
        timings.lap("finish", &mut clock);
        report.files = count.into_inner() + images + assets.len();
        report.written = Some(output_dir);
    }
    report.images = built.images.stats();
    built.images.remove_temporary();
    report.diagnostics = std::mem::take(&mut built.diagnostics);
    // Freeing a large site's millions of allocations takes a noticeable moment; nobody needs
    // to wait for it.
    std::thread::spawn(move || drop(built));
    report.timings = timings;
    report.elapsed = start.elapsed();
    Ok(report)
}
