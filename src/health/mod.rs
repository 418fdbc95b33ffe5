//! The health checks that make medleaf a tool for health publishers: medical review
//! governance, sources and readability.
//!
//! [`check_page`] runs the per-article checks after Markdown rendering and returns the
//! article's health facts (for the build report and `check`) along with its diagnostics.

pub(crate) mod readability;
pub(crate) mod readability_es;
pub(crate) mod review;

use crate::config::Config;
use crate::content::{Page, Snippet};
use crate::date::Date;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::Body;
use readability::Scores;
use review::{Review, ReviewStatus, Reviewed};

/// The health facts of one article.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ArticleHealth {
    /// The readability formula of the page's language.
    pub formula: Formula,
    /// English readability scores, if the article is in English and has prose.
    pub scores: Option<Scores>,
    /// Spanish readability scores, if the article is in Spanish and has prose.
    pub spanish: Option<readability_es::Scores>,
    /// Review dates and status.
    pub review: Review,
}

/// The readability formula for a language: one made for it, or none (a grade computed with
/// another language's syllable rules and sentence lengths would mislead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Formula {
    /// Flesch-Kincaid grade (with Flesch reading ease and SMOG in the report).
    FleschKincaid,
    /// Szigriszt-Pazos perspicuity on the INFLESZ scale (with Fernández-Huerta in the report).
    Inflesz,
    /// No formula for this language: no score and no warning.
    None,
}

impl Formula {
    /// The formula for a BCP 47 language tag.
    pub(crate) fn for_language(tag: &str) -> Formula {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Formula::FleschKincaid,
            "es" => Formula::Inflesz,
            _ => Formula::None,
        }
    }

    /// Its name, for reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Formula::FleschKincaid => "Flesch-Kincaid grade",
            Formula::Inflesz => readability_es::FORMULA,
            Formula::None => "none (no readability formula for this language)",
        }
    }
}

/// How many of an article's longest sentences a readability warning names.
const LONGEST: usize = 3;

/// Below this many words the formulas swing wildly (one long word moves the grade by several
/// points), so a short article gets scores in the report but no readability warning.
pub(crate) const MIN_WORDS_FOR_WARNING: usize = 100;

/// Runs the review, sources and readability checks on one page: its health facts (`None` for
/// pages that are not articles) and its problems. `memo` is the calling worker's syllable
/// cache (see [`readability::SyllableMemo`]).
pub(crate) fn check_page(
    page: &Page,
    body: &Body,
    config: &Config,
    today: Date,
    memo: &mut readability::SyllableMemo,
) -> (Option<ArticleHealth>, Vec<Diagnostic>) {
    if !page.is_article() {
        return (None, Vec::new());
    }
    let mut out = Vec::new();
    let doc = Reviewed::page(page);
    let review = review::check(&doc, config, today, &mut out);
    review::check_sources(&doc, config, &mut out);
    let formula = Formula::for_language(&config.lang(page.lang).tag);
    let (mut scores, mut spanish) = (None, None);
    match formula {
        Formula::FleschKincaid => {
            scores = readability::score_with(&body.prose, memo);
            if let Some(s) = scores
                && s.flesch_kincaid_grade > config.max_grade
                && s.words >= MIN_WORDS_FOR_WARNING
            {
                let title = format!(
                    "reading grade {:.1} is above the site's maximum of {}",
                    s.flesch_kincaid_grade, config.max_grade
                );
                out.push(readability_warning(page, body, title, s.words, s.sentences));
            }
        }
        Formula::Inflesz => {
            spanish = readability_es::score_with(&body.prose, &mut memo.spanish);
            if let Some(s) = spanish
                && s.szigriszt_pazos < config.min_inflesz
                && s.words >= MIN_WORDS_FOR_WARNING
            {
                let title = format!(
                    "INFLESZ score {:.1} ({}) is below the site's minimum of {}",
                    s.szigriszt_pazos,
                    readability_es::inflesz(s.szigriszt_pazos),
                    config.min_inflesz
                );
                out.push(readability_warning(page, body, title, s.words, s.sentences));
            }
        }
        Formula::None => {}
    }
    let health = ArticleHealth {
        formula,
        scores,
        spanish,
        review,
    };
    (Some(health), out)
}

/// Checks every snippet's review dates and sources, once for the whole site. Returns each
/// snippet's review facts, in the snippets' order, for the pages that embed them.
pub(crate) fn check_snippets(
    snippets: &[Snippet],
    config: &Config,
    today: Date,
) -> (Vec<Review>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let reviews = snippets
        .iter()
        .map(|s| {
            let doc = Reviewed::snippet(s);
            // A snippet without front matter is a plain fragment (a shared footer line, a
            // note), not clinical advice under review; one with front matter is checked
            // like an article.
            if s.yaml.is_empty() {
                let mut ignored = Vec::new();
                return review::check(&doc, config, today, &mut ignored);
            }
            let review = review::check(&doc, config, today, &mut out);
            review::check_sources(&doc, config, &mut out);
            review
        })
        .collect();
    (reviews, out)
}

/// A page that embeds a snippet whose review is overdue shows out-of-date advice too: it gets
/// the warning as well, at the embed, naming the snippet.
pub(crate) fn check_embeds(
    page: &Page,
    body: &Body,
    snippets: &[Snippet],
    reviews: &[Review],
    out: &mut Vec<Diagnostic>,
) {
    for e in &body.embeds {
        let (Some(snippet), Some(review)) = (snippets.get(e.snippet), reviews.get(e.snippet))
        else {
            continue;
        };
        if review.status == ReviewStatus::Overdue
            && let Some(next) = review.next_review
        {
            out.push(
                Diagnostic::warning(
                    Code::ReviewOverdue,
                    format!(
                        "embeds `{}`, whose review was due on {}",
                        snippet.file.display,
                        next.long()
                    ),
                )
                .at(&page.file, e.span.clone())
                .label("this snippet's review is overdue")
                .help("have a clinician review the snippet, then update its `last_reviewed` and `next_review`"),
            );
        }
    }
}

fn readability_warning(
    page: &Page,
    rendered: &Body,
    title: String,
    words: usize,
    sentence_count: usize,
) -> Diagnostic {
    let mut sentences = readability::sentences(&rendered.prose);
    sentences.sort_by(|a, b| b.words.cmp(&a.words).then(a.offset.cmp(&b.offset)));
    let longest: Vec<String> = sentences
        .iter()
        .take(LONGEST)
        .map(|sentence| {
            let file = rendered
                .files
                .get(usize::from(sentence.src))
                .map_or(&*page.file, |f| &**f);
            let loc = file.location(sentence.offset..sentence.offset + 1);
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
    Diagnostic::warning(Code::Readability, title)
        .at(&page.file, page.key_span("title"))
        .label(format!(
            "{words} words in {sentence_count} {}, {:.1} words per sentence",
            if sentence_count == 1 {
                "sentence"
            } else {
                "sentences"
            },
            words as f64 / sentence_count as f64
        ))
        .help(format!(
            "shorten the longest sentences and use shorter words:\n{}",
            longest.join("\n")
        ))
}
