//! The health checks that make medleaf a tool for health publishers: medical review
//! governance, sources and readability.
//!
//! [`check_page`] runs the per-article checks after Markdown rendering and returns the
//! article's health facts (for the build report and `check`) along with its diagnostics.

pub(crate) mod readability;
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
    /// Readability scores, if the article has prose.
    pub scores: Option<Scores>,
    /// Review dates and status.
    pub review: Review,
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
    let scores = readability::score_with(&body.prose, memo);
    if let Some(s) = scores
        && s.flesch_kincaid_grade > config.max_grade
        && s.words >= MIN_WORDS_FOR_WARNING
    {
        out.push(readability_warning(page, body, &s, config.max_grade));
    }
    (Some(ArticleHealth { scores, review }), out)
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

fn readability_warning(page: &Page, rendered: &Body, s: &Scores, max: f64) -> Diagnostic {
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
    Diagnostic::warning(
        Code::Readability,
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
