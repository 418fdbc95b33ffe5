//! The link graph, after Markdown: backlinks ("Pages that link here") and related articles,
//! and the `related:` entries of front matter resolved and checked.

use rayon::prelude::*;

use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::Body;
use crate::taxonomy::Topic;

use super::index::{Resolved, SiteIndex, Style, Target};

/// Who links to whom, and what to suggest next.
///
/// Besides the two lists templates show, it keeps what ranking related articles reads
/// (`outgoing`, `explicit`, `page_topics`), so `serve` can re-rank only the pages an edit
/// touches ([`LinkGraph::related_of`]) instead of the whole site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LinkGraph {
    /// For each page, the pages that link to it (sorted by title, no repeats, no self-links).
    pub backlinks: Vec<Vec<usize>>,
    /// For each page, its related articles: the `related:` entries first, then pages that
    /// share links and topics with it, at most [`MAX_RELATED`].
    pub related: Vec<Vec<usize>>,
    /// For each page, the pages it links to (sorted by title, no repeats, no self-links).
    pub outgoing: Vec<Vec<usize>>,
    /// For each page, the articles its `related:` entries resolve to, in the order written.
    pub explicit: Vec<Vec<usize>>,
    /// For each page, its topics as (topic, position of the page in the topic's listing
    /// order): see [`page_topics`].
    pub page_topics: Vec<Vec<(usize, usize)>>,
    /// Each page's place in title order (see [`title_ranks`]), so that ranking compares
    /// integers held together rather than titles spread over the heap: with 10,000 pages the
    /// string comparisons missed the cache often enough to make this stage grow faster than
    /// the site.
    pub title_rank: Vec<u32>,
    /// Whether each page is an article, held together for the same reason.
    pub article: Vec<bool>,
}

/// How many related articles a page shows.
pub(crate) const MAX_RELATED: usize = 5;

/// How many neighbours on each side of a page, in each of its topics, are considered as
/// related candidates. Bounding this keeps the work per page constant however large a topic
/// grows (a 10,000-page site may put thousands of pages in one topic).
pub(crate) const TOPIC_WINDOW: usize = 4;

/// Each page's place in the order of backlinks and outgoing links: by title, then by
/// position. Computed once (n log n) so that every later comparison is of two integers.
pub(crate) fn title_ranks(pages: &[Page]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| {
        pages[a]
            .meta
            .title
            .cmp(&pages[b].meta.title)
            .then(a.cmp(&b))
    });
    let mut rank = vec![0u32; pages.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = u32::try_from(r).unwrap_or(u32::MAX);
    }
    rank
}

/// Each of `n` pages' topics, as (topic, position of the page in the topic's listing order).
pub(crate) fn page_topics(n: usize, topics: &[Topic]) -> Vec<Vec<(usize, usize)>> {
    let mut page_topics: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (t, topic) in topics.iter().enumerate() {
        for (pos, &p) in topic.pages.iter().enumerate() {
            page_topics[p].push((t, pos));
        }
    }
    page_topics
}

/// Builds backlinks and related lists. `related:` entries that lead nowhere are left out here;
/// [`explicit_related`] reports them.
pub(crate) fn build(
    pages: &[Page],
    bodies: &[Body],
    index: &SiteIndex,
    topics: &[Topic],
) -> LinkGraph {
    let n = pages.len();
    let mut backlinks: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (from, r) in bodies.iter().enumerate() {
        for link in &r.links {
            if link.target != from {
                backlinks[link.target].push(from);
                outgoing[from].push(link.target);
            }
        }
    }
    let title_rank = title_ranks(pages);
    for list in backlinks.iter_mut().chain(outgoing.iter_mut()) {
        list.sort_unstable();
        list.dedup();
        list.sort_by_key(|&p| title_rank[p]);
    }

    let explicit: Vec<Vec<usize>> = pages
        .par_iter()
        .map(|page| explicit_related(pages, page, index).0)
        .collect();
    let mut graph = LinkGraph {
        backlinks,
        related: Vec::new(),
        outgoing,
        explicit,
        page_topics: page_topics(n, topics),
        title_rank,
        article: pages.iter().map(Page::is_article).collect(),
    };
    graph.related = (0..n)
        .into_par_iter()
        .map(|i| graph.related_of(topics, i))
        .collect();
    graph
}

/// Resolves one page's `related:` entries to articles, with a diagnostic for each entry that
/// is not another article.
pub(crate) fn explicit_related(
    pages: &[Page],
    page: &Page,
    index: &SiteIndex,
) -> (Vec<usize>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for entry in &page.meta.related {
        match index.resolve(pages, page.origin(), entry, Style::Markdown) {
            // Only other articles are shown under "Related articles"; anything else
            // would vanish from the page without a word to the author.
            Ok(Some(Resolved {
                target: Target::Page(t),
                ..
            })) if std::ptr::eq(&pages[t], page) || !pages[t].is_article() => {
                let what = if std::ptr::eq(&pages[t], page) {
                    "is this page itself"
                } else {
                    "is not an article"
                };
                problems.push(
                    Diagnostic::error(
                        Code::BrokenLink,
                        format!("`related` entry `{entry}` {what}"),
                    )
                    .at(&page.file, page.value_span("related", entry))
                    .help("list other health articles; link to any other page in the text"),
                );
            }
            Ok(Some(Resolved {
                target: Target::Page(t),
                ..
            })) => found.push(t),
            Ok(Some(Resolved {
                target: Target::Failed,
                ..
            })) => {}
            Ok(_) => problems.push(
                Diagnostic::error(
                    Code::BrokenLink,
                    format!("`related` entry `{entry}` is not a page"),
                )
                .at(&page.file, page.value_span("related", entry))
                .help("list Markdown files, such as `related: [leukemia.md]`"),
            ),
            Err(p) => problems.push(
                Diagnostic::error(p.code, format!("{} in `related`", p.message))
                    .at(&page.file, page.value_span("related", entry))
                    .label(p.label)
                    .maybe_help(p.help),
            ),
        }
    }
    (found, problems)
}

impl LinkGraph {
    /// The pages considered as related articles of page `i`: pages linked either way, and
    /// close neighbours in each of its topics. Its size depends on the page's own links and
    /// topics, never on the size of the site, which keeps related articles linear in the
    /// number of pages (`tests/scaling.rs` checks this).
    pub(crate) fn candidates(&self, topics: &[Topic], i: usize) -> Vec<usize> {
        let mut candidates: Vec<usize> = self.outgoing[i]
            .iter()
            .chain(&self.backlinks[i])
            .copied()
            .collect();
        for &(t, pos) in &self.page_topics[i] {
            let members = &topics[t].pages;
            let lo = pos.saturating_sub(TOPIC_WINDOW);
            let hi = (pos + TOPIC_WINDOW + 1).min(members.len());
            candidates.extend_from_slice(&members[lo..hi]);
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// Ranks page `i`'s related articles from the graph's tables and the site's `topics`:
    /// the `related:` entries first, then the best-scoring candidates.
    pub(crate) fn related_of(&self, topics: &[Topic], i: usize) -> Vec<usize> {
        let rank = &self.title_rank;
        let (outgoing, backlinks, page_topics) =
            (&self.outgoing, &self.backlinks, &self.page_topics);
        let explicit = &self.explicit[i];
        let mut list: Vec<usize> = Vec::new();
        let mut listed = rustc_hash::FxHashSet::default();
        for &t in explicit {
            if t != i && self.article[t] && listed.insert(t) {
                list.push(t);
            }
        }
        if !self.article[i] || list.len() >= MAX_RELATED {
            list.truncate(MAX_RELATED.max(explicit.len()));
            return list;
        }
        // Scores: 2 per link either way, 1 per shared topic.
        let candidates = self.candidates(topics, i);
        let mut ranked: Vec<(u32, usize)> = candidates
            .into_iter()
            .filter(|t| *t != i && self.article[*t] && !listed.contains(t))
            .map(|t| {
                let links = outgoing[i]
                    .binary_search_by_key(&rank[t], |&x| rank[x])
                    .is_ok() as u32
                    + backlinks[i]
                        .binary_search_by_key(&rank[t], |&x| rank[x])
                        .is_ok() as u32;
                let shared = shared_topics(&page_topics[t], &page_topics[i]);
                (2 * links + shared, t)
            })
            .filter(|(s, _)| *s > 0)
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(rank[a.1].cmp(&rank[b.1])));
        list.extend(
            ranked
                .into_iter()
                .map(|(_, t)| t)
                .take(MAX_RELATED - list.len()),
        );
        list
    }
}

/// How many topics two pages share. Both lists are in topic order ([`page_topics`] builds them
/// so), so the shorter is looked up in the longer: no product of the two lengths (two pages
/// with 20,000 topics each; issue 16).
fn shared_topics(a: &[(usize, usize)], b: &[(usize, usize)]) -> u32 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short
        .iter()
        .filter(|(x, _)| long.binary_search_by_key(x, |&(y, _)| y).is_ok())
        .count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Site;
    use crate::source::SourceFile;
    use std::sync::Arc;

    fn page(rel: &str, text: &str) -> Page {
        let file = SourceFile::new(format!("content/{rel}"), text.to_owned());
        crate::content::parse_page(rel, Arc::new(file), &crate::config::test_languages()).unwrap()
    }

    #[test]
    fn related_entries_must_be_other_articles() {
        let pages = vec![
            page(
                "a.md",
                "---\ntitle: A\ndescription: d\nrelated: [b.md, a.md, about.md, c.md]\n---\n",
            ),
            page("about.md", "---\ntitle: About\nkind: page\n---\n"),
            page("b.md", "---\ntitle: B\ndescription: d\n---\n"),
            page("c.md", "---\ntitle: C\ndescription: d\n---\n"),
        ];
        let site = Site {
            pages,
            ..Site::default()
        };
        let (index, _) = SiteIndex::new(&site, &crate::config::test_languages(), &[]);
        let bodies = vec![Body::default(); site.pages.len()];
        let graph = build(&site.pages, &bodies, &index, &[]);
        let diagnostics: Vec<Diagnostic> = (0..site.pages.len())
            .flat_map(|i| explicit_related(&site.pages, &site.pages[i], &index).1)
            .collect();
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`related` entry `a.md` is this page itself",
                "`related` entry `about.md` is not an article"
            ]
        );
        // The good entries, in order.
        assert_eq!(graph.related[0], [2, 3]);
    }
}
