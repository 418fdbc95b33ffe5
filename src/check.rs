//! `medleaf check`: every diagnostic the build would give, and each page's facts, without
//! writing anything. The JSON form is a stable, versioned document for CI.

use serde::Serialize;

use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::error::Result;
use crate::external::{ExternalFacts, ExternalOptions};
use crate::health::review::ReviewStatus;
use crate::pipeline::{self, Options};
use crate::policy::Allowance;

/// The version of the JSON document; raised when a field changes meaning or disappears.
/// 2: a diagnostic has the one shape of [`Diagnostic`]'s JSON (with `label`), and a page's
/// `kind` is `home` or `section` where it was `index`.
pub const JSON_VERSION: u32 = 2;

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// The JSON format version.
    pub version: u32,
    /// The comparison date used for review checks.
    pub today: String,
    /// The site's name and address (for links to its pages).
    pub site: SiteFacts,
    /// Counts.
    pub summary: Summary,
    /// Every problem, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Every page that was read.
    pub pages: Vec<PageFacts>,
    /// Every snippet that was read.
    pub snippets: Vec<SnippetFacts>,
    /// Each language besides the default one: how much of the site it covers.
    pub languages: Vec<LanguageFacts>,
    /// The checks pages allow (`allow:`), with their reasons and what each silenced.
    pub allowed: Vec<Allowance>,
    /// What `--external` found (`null` when it did not run).
    pub external: Option<ExternalFacts>,
}

/// The site as a whole.
#[derive(Debug, Serialize)]
pub struct SiteFacts {
    /// Its name (`title` in site.yaml).
    pub title: String,
    /// The address it is published at, ending in `/`.
    pub base_url: String,
    /// The site folder, absolute (for links to files; not in the JSON, which must not depend
    /// on where the site is).
    #[serde(skip)]
    pub root: std::path::PathBuf,
    /// The reading target: the highest Flesch-Kincaid grade for English articles.
    pub max_grade: f64,
}

/// How far one language's translations have come.
#[derive(Debug, Serialize)]
pub struct LanguageFacts {
    /// Its code (`es`).
    pub code: String,
    /// Its tag (`es-US`).
    pub tag: String,
    /// Pages written in it.
    pub pages: usize,
    /// Pages of the default language that have a version in it.
    pub translated: usize,
    /// Pages of the default language in all.
    pub sources: usize,
    /// Its translations older than their source's latest review (`translation-stale`).
    pub stale: usize,
    /// The default-language files with no version in it, sorted: what is left to translate
    /// (listed, not warned about).
    pub untranslated: Vec<String>,
}

/// One snippet's facts.
#[derive(Debug, Serialize)]
pub struct SnippetFacts {
    /// Its name, as embeds write it (`fever-low-count`).
    pub name: String,
    /// Its file (`snippets/fever-low-count.md`).
    pub file: String,
    /// Its `title`, if it has one.
    pub title: Option<String>,
    /// Last review date.
    pub last_reviewed: Option<String>,
    /// Next review date.
    pub next_review: Option<String>,
    /// Review status on the comparison date.
    pub review_status: ReviewStatus,
    /// The files of the pages that embed it, sorted.
    pub embedded_by: Vec<String>,
}

/// Counts of what was found.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Pages read.
    pub pages: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// The median Flesch-Kincaid grade of the articles.
    pub median_grade: Option<f64>,
}

/// One page's facts.
#[derive(Debug, Serialize)]
pub struct PageFacts {
    /// The source file.
    pub file: String,
    /// The site address.
    pub url: String,
    /// Its language's code (`en`, `es`).
    pub lang: String,
    /// For a translation, the default-language file it translates.
    pub translation_of: Option<String>,
    /// The title.
    pub title: String,
    /// `article`, `page`, `home` or `section`.
    pub kind: PageKind,
    /// Flesch-Kincaid grade (articles with prose).
    pub reading_grade: Option<f64>,
    /// Last review date.
    pub last_reviewed: Option<String>,
    /// Who reviewed it (`reviewed_by`'s name).
    pub reviewed_by: Option<String>,
    /// Next review date.
    pub next_review: Option<String>,
    /// Review status (articles).
    pub review_status: Option<ReviewStatus>,
    /// The names of the snippets it embeds (directly or through other snippets), in order.
    pub snippets: Vec<String>,
}

/// Runs the whole pipeline except writing, and collects the result.
pub fn check(options: &Options) -> Result<CheckReport> {
    check_with(options, None)
}

/// [`check`], and with `external` also every address on other sites the pages cite
/// (`check --external`).
pub fn check_with(options: &Options, external: Option<&ExternalOptions>) -> Result<CheckReport> {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let mut site = SiteFacts {
        title: String::new(),
        base_url: String::new(),
        root: std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone()),
        max_grade: 0.0,
    };
    let mut allowed = Vec::new();
    let mut external_facts = None;
    let (diagnostics, pages, snippets, median, languages) = match pipeline::analyse(options)? {
        Err(diagnostics) => (diagnostics, Vec::new(), Vec::new(), None, Vec::new()),
        Ok(mut built) => {
            if let Some(external) = external {
                let (problems, facts) = crate::external::check(&built, external)?;
                built.external_problems = problems;
                built.fetched = true;
                built.refresh(options.strict);
                external_facts = Some(facts);
            }
            site.title = built.config.languages[0].title.clone();
            site.base_url = built.config.base_url.clone();
            site.max_grade = built.config.max_grade;
            allowed = built.allowances.clone();
            let snippet_names = |i: usize| -> Vec<String> {
                built.bodies[i]
                    .embeds
                    .iter()
                    .map(|e| built.site.snippets[e.snippet].name.clone())
                    .collect()
            };
            let pages = built
                .site
                .pages
                .iter()
                .zip(&built.health)
                .enumerate()
                .map(|(i, (p, h))| PageFacts {
                    file: p.file.display.clone(),
                    url: p.url.clone(),
                    lang: built.config.lang(p.lang).code.clone(),
                    translation_of: (p.lang != 0).then(|| format!("content/{}", p.key)),
                    title: p.meta.title.clone(),
                    kind: p.kind,
                    reading_grade: h
                        .as_ref()
                        .and_then(|h| h.scores)
                        .map(|s| round(s.flesch_kincaid_grade)),
                    last_reviewed: p.meta.last_reviewed.map(|d| d.to_string()),
                    reviewed_by: p.meta.reviewed_by.as_ref().map(|r| r.name.clone()),
                    next_review: h
                        .as_ref()
                        .and_then(|h| h.review.next_review)
                        .map(|d| d.to_string()),
                    review_status: h.as_ref().map(|h| h.review.status),
                    snippets: snippet_names(i),
                })
                .collect();
            let snippets = built
                .site
                .snippets
                .iter()
                .zip(&built.snippet_reviews)
                .enumerate()
                .map(|(k, (s, r))| SnippetFacts {
                    name: s.name.clone(),
                    file: s.file.display.clone(),
                    title: s.meta.title.clone(),
                    last_reviewed: r.last_reviewed.map(|d| d.to_string()),
                    next_review: r.next_review.map(|d| d.to_string()),
                    review_status: r.status,
                    embedded_by: built
                        .site
                        .pages
                        .iter()
                        .zip(&built.bodies)
                        .filter(|(_, b)| b.embeds.iter().any(|e| e.snippet == k))
                        .map(|(p, _)| p.file.display.clone())
                        .collect(),
                })
                .collect();
            let median = crate::report::median_grade(&built.health);
            let languages = language_facts(&built);
            (built.diagnostics, pages, snippets, median, languages)
        }
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    Ok(CheckReport {
        version: JSON_VERSION,
        today: options.today.to_string(),
        site,
        summary: Summary {
            pages: pages.len(),
            errors,
            warnings: diagnostics.len() - errors,
            median_grade: median,
        },
        diagnostics,
        pages,
        snippets,
        languages,
        allowed,
        external: external_facts,
    })
}

/// Each non-default language's coverage of the site.
fn language_facts(built: &pipeline::Built) -> Vec<LanguageFacts> {
    let pages = &built.site.pages;
    let sources: Vec<&crate::content::Page> = pages.iter().filter(|p| p.lang == 0).collect();
    built
        .config
        .languages
        .iter()
        .enumerate()
        .skip(1)
        .map(|(lang, language)| {
            let translated: std::collections::BTreeSet<&str> = pages
                .iter()
                .filter(|p| p.lang == lang)
                .map(|p| p.key.as_str())
                .collect();
            let stale = built
                .diagnostics
                .iter()
                .filter(|d| d.code == crate::diagnostics::Code::TranslationStale)
                .filter(|d| {
                    pages
                        .iter()
                        .any(|p| p.lang == lang && p.file.display == d.file())
                })
                .count();
            LanguageFacts {
                code: language.code.clone(),
                tag: language.tag.clone(),
                pages: pages.iter().filter(|p| p.lang == lang).count(),
                translated: sources
                    .iter()
                    .filter(|p| translated.contains(p.rel.as_str()))
                    .count(),
                sources: sources.len(),
                stale,
                untranslated: sources
                    .iter()
                    .filter(|p| !translated.contains(p.rel.as_str()))
                    .map(|p| p.file.display.clone())
                    .collect(),
            }
        })
        .collect()
}
