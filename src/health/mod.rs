//! What makes medleaf a tool for health publishers: the glossary, medical review governance,
//! sources, readability and structured data.
//!
//! [`check`] runs the per-article checks after Markdown rendering and returns each article's
//! health facts (for the build report) along with the diagnostics.

pub mod glossary;
pub mod jsonld;
pub mod readability;
pub mod readability_es;
pub mod report;
pub mod review;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::Page;
use crate::date::Date;
use crate::diagnostics::Diagnostic;
use crate::markdown::Rendered;
use readability::Scores;
use review::Review;

/// The health facts of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleHealth {
    /// Readability scores, if the article has prose.
    pub scores: Option<Scores>,
    /// Review dates and status.
    pub review: Review,
}

/// How many of an article's longest sentences a readability warning names.
const LONGEST: usize = 3;

/// Below this many words the formulas swing wildly (one long word moves the grade by several
/// points), so a short article gets scores in the report but no readability warning.
pub const MIN_WORDS_FOR_WARNING: usize = 100;

/// Runs the review, sources and readability checks on every article (in parallel). Returns,
/// for each page, its health facts (`None` for pages that are not articles).
pub fn check(
    pages: &[Page],
    rendered: &[Rendered],
    config: &Config,
    today: Date,
) -> (Vec<Option<ArticleHealth>>, Vec<Diagnostic>) {
    let results: Vec<(Option<ArticleHealth>, Vec<Diagnostic>)> = pages
        .par_iter()
        .zip(rendered)
        .map_init(
            readability::SyllableMemo::default,
            |memo, (page, rendered)| {
                if !page.is_article() {
                    return (None, Vec::new());
                }
                let mut out = Vec::new();
                let review = review::check(page, config, today, &mut out);
                review::check_sources(page, config, &mut out);
                let scores = readability::score_with(&rendered.prose, memo);
                if let Some(s) = scores
                    && s.flesch_kincaid_grade > config.max_grade
                    && s.words >= MIN_WORDS_FOR_WARNING
                {
                    out.push(readability_warning(page, rendered, &s, config.max_grade));
                }
                (Some(ArticleHealth { scores, review }), out)
            },
        )
        .collect();
    let mut health = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (h, d) in results {
        health.push(h);
        diagnostics.extend(d);
    }
    (health, diagnostics)
}

fn readability_warning(page: &Page, rendered: &Rendered, s: &Scores, max: f64) -> Diagnostic {
    let mut sentences = readability::sentences(&rendered.prose);
    sentences.sort_by(|a, b| b.words.cmp(&a.words).then(a.offset.cmp(&b.offset)));
    let longest: Vec<String> = sentences
        .iter()
        .take(LONGEST)
        .map(|sentence| {
            let loc = page.file.location(sentence.offset..sentence.offset + 1);
            let mut text = sentence.text.to_owned();
            if text.chars().count() > 70 {
                text = text.chars().take(67).collect::<String>() + "...";
            }
            format!(
                "{}:{} ({} words) \"{}\"",
                loc.file, loc.line, sentence.words, text
            )
        })
        .collect();
    Diagnostic::warning(
        "readability",
        format!(
            "reading grade {:.1} is above the site's maximum of {max}",
            s.flesch_kincaid_grade
        ),
    )
    .at(&page.file, page.key_span("title"))
    .label(format!(
        "{} words in {} {}, {:.1} words per sentence",
        s.words,
        s.sentences,
        if s.sentences == 1 {
            "sentence"
        } else {
            "sentences"
        },
        s.words as f64 / s.sentences as f64
    ))
    .help(format!(
        "shorten the longest sentences and use shorter words:\n{}",
        longest.join("\n")
    ))
}
