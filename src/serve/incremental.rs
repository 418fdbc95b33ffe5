//! Incremental rebuilds for `serve`: after an author saves a Markdown page, update the analysed
//! site in place and name the output parts that changed, so the cost of a save depends on the
//! page and what shows it, not on the size of the site.
//!
//! [`update`] takes the previous [`Built`] and the edited files. For each edited page it
//! re-renders the page's Markdown, then updates what depends on it:
//!
//! - the link graph: backlinks of the pages it links to (before and after the edit), and the
//!   related lists of every page that can rank it (pages linked either way, its `related:`
//!   entries, and its neighbours in each of its topics, before and after);
//! - pages that link to it, when its title changes (`[[wiki]]` links show the title) or its
//!   headings change (their `#anchor`s are checked against them);
//! - its folder listing and topic pages, when its title, description, weight or topics change;
//! - the glossary, feed and sitemap, when what they show of it changes;
//! - the diagnostics of every file whose checks it can change.
//!
//! Invariant: the result is exactly what [`crate::pipeline::analyse`] and
//! [`crate::pipeline::render`] give for the same files (the tests compare the bytes). To keep
//! that true, an edit that changes what many pages show, or that `analyse` checks across the
//! whole site, is not applied page by page: [`update`] answers [`Update::Full`] and the caller
//! rebuilds everything. That happens when a page is added, removed, published or unpublished,
//! or changes its address, kind or aliases; when a topic appears, disappears or is renamed; when
//! a folder's `_index.md` changes its title, description or weight (they are in every page's
//! navigation); and when the page has diagnostics from whole-site checks (duplicate addresses).
//!
//! Two outputs cover the whole site and are not updated here: the build report and the search
//! index. `serve` regenerates them when the author pauses.
//!
//! This module reads the edited files; it never writes.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::config::Language;
use crate::content::{self, Page};
use crate::diagnostics::Diagnostic;
use crate::error::{Error, Result};
use crate::health::readability::SyllableMemo;
use crate::links::graph;
use crate::links::index::Target;
use crate::markdown::Body;
use crate::output::OutputFile;
use crate::pipeline::{self, Built, Options};
use crate::render::{self, Part, Templates};
use crate::source::SourceFile;
use crate::taxonomy;

/// How many edited pages are still worth updating one by one; beyond this (a `git checkout`, a
/// search-and-replace over the site) a full rebuild is about as fast and simpler.
const MAX_EDITS: usize = 200;

/// The result of [`update`].
#[derive(Debug)]
pub(super) enum Update {
    /// The edits were applied to the site.
    Applied(Box<Applied>),
    /// The edits cannot be applied page by page; rebuild everything. The site passed in is
    /// gone (it may have been partly updated).
    Full {
        /// Why, for people (`content/a.md changed its address`).
        reason: String,
    },
}

/// Edits applied page by page.
#[derive(Debug)]
pub(super) struct Applied {
    /// The updated site.
    pub built: Built,
    /// The output parts to render again, sorted, without repeats.
    pub parts: Vec<Part>,
    /// Edited pages whose front matter does not parse, with the error. They are left in the
    /// site as they were before the edit (so the rest of the site stays consistent), and the
    /// caller shows these errors until the page parses again.
    pub unparsable: Vec<(String, Vec<Diagnostic>)>,
}

/// An edited Markdown file, read and parsed.
#[derive(Debug)]
pub(super) struct Edit {
    /// Its path relative to `content/`, `/`-separated.
    rel: String,
    change: Change,
}

#[derive(Debug)]
enum Change {
    Removed,
    Parsed(Box<Page>),
    Unparsable(Vec<Diagnostic>),
}

/// Reads edited Markdown files (paths relative to `content/`, `/`-separated). Separate from
/// [`update`] so that a file that cannot be read leaves the site untouched.
pub(super) fn read(
    options: &Options,
    languages: &[Language],
    edited: &[String],
) -> Result<Vec<Edit>> {
    let edited: BTreeSet<&String> = edited.iter().collect();
    let mut edits = Vec::with_capacity(edited.len());
    for rel in edited {
        let path = options.root.join("content").join(rel);
        let change = if path.is_file() {
            let file = SourceFile::read(format!("content/{rel}"), &path)
                .map_err(Error::io("cannot read", &path))?;
            match content::parse_page(rel, Arc::new(file), languages) {
                Ok(page) => Change::Parsed(Box::new(page)),
                Err(d) => Change::Unparsable(d),
            }
        } else {
            Change::Removed
        };
        edits.push(Edit {
            rel: rel.clone(),
            change,
        });
    }
    Ok(edits)
}

/// Applies edits to an analysed site.
pub(super) fn update(mut built: Built, options: &Options, edits: Vec<Edit>) -> Update {
    let full = |reason: String| Update::Full { reason };
    if edits.len() > MAX_EDITS {
        return full(format!("{} pages changed at once", edits.len()));
    }
    let mut parts = BTreeSet::new();
    let mut unparsable = Vec::new();
    for Edit { rel, change } in edits {
        let display = format!("content/{rel}");
        let known = built.index.page_by_rel(&rel);
        let drafted = built.site.drafts.contains(&rel);
        let failed = built.site.failed.contains(&rel);
        let page = match change {
            Change::Removed if known.is_some() || drafted || failed => {
                return full(format!("`{display}` was removed"));
            }
            // Created and removed again before we looked (an editor's scratch file).
            Change::Removed => continue,
            Change::Unparsable(d) if known.is_some() || drafted || failed => {
                unparsable.push((rel, d));
                continue;
            }
            Change::Unparsable(_) => return full(format!("`{display}` is a new page")),
            Change::Parsed(page) => *page,
        };
        let left_out = page.meta.draft && !options.drafts;
        match known {
            Some(p) if !left_out => {
                if let Err(reason) = apply(&mut built, options, p, page, &mut parts) {
                    return full(format!("`{display}` {reason}"));
                }
            }
            Some(_) => return full(format!("`{display}` became a draft")),
            // A draft edited and still a draft: nothing is built from it.
            None if left_out && drafted => {}
            None if failed => return full(format!("`{display}` can be read again")),
            None if drafted => return full(format!("`{display}` was published")),
            None => return full(format!("`{display}` is a new page")),
        }
    }
    built.recheck_across_pages();
    built.refresh(options.strict);
    Update::Applied(Box::new(Applied {
        built,
        parts: parts.into_iter().collect(),
        unparsable,
    }))
}

/// Renders some parts of an analysed site (see [`render::render_parts`]).
pub(crate) fn render_parts(
    built: &Built,
    templates: &Templates,
    parts: &[Part],
) -> Result<Vec<OutputFile>> {
    render::render_parts(&built.data(), templates, parts)
}

/// The outputs made from the whole site, which [`update`] leaves to its caller: (when search is
/// on) the search index, made from the analysed site. The same as [`pipeline::render`] makes.
pub(crate) fn whole_site_outputs(built: &Built) -> Vec<OutputFile> {
    if built.config.search {
        pipeline::search_index(built).files
    } else {
        Vec::new()
    }
}

/// Analyses page `p` again with [`pipeline::analyse_page`], replacing its body, health facts
/// and problems; returns its old body.
fn reanalyse(built: &mut Built, options: &Options, p: usize) -> Body {
    let env = built.page_env(options.today);
    let analysis = pipeline::analyse_page(&built.site.pages[p], env, &mut SyllableMemo::default());
    built.health[p] = analysis.health;
    built.page_problems[p] = analysis.problems;
    std::mem::replace(&mut built.bodies[p], analysis.body)
}

/// Runs [`pipeline::check_links`] for page `q` again.
fn recheck_links(built: &mut Built, q: usize) {
    built.link_problems[q] =
        pipeline::check_links(&built.site.pages, &built.bodies, &built.index, q);
}

/// Replaces page `p` with `new` and updates everything that depends on it. `Err` says why the
/// edit needs a full rebuild.
fn apply(
    built: &mut Built,
    options: &Options,
    p: usize,
    new: Page,
    parts: &mut BTreeSet<Part>,
) -> std::result::Result<(), &'static str> {
    let old = &built.site.pages[p];
    if new.url != old.url || built.index.target(&old.url) != Some(&Target::Page(p)) {
        return Err("changed its address");
    }
    if new.kind != old.kind {
        return Err("changed its kind");
    }
    if new.meta.aliases != old.meta.aliases {
        return Err("changed its aliases");
    }
    let (o, n) = (&old.meta, &new.meta);
    let title_changed = o.title != n.title;
    let described = title_changed || o.description != n.description;
    let reordered = title_changed || o.weight != n.weight;
    let topics_changed = o.topics != n.topics && new.is_article();
    let reviewed_changed = o.last_reviewed != n.last_reviewed;
    let names_changed = o.condition != n.condition || o.about != n.about;
    if new.is_index() && (described || reordered) {
        return Err("changed a folder's title, description or weight");
    }
    // Whole-site checks (addresses claimed twice) are not redone page by page: a page they
    // blame needs the whole site analysed again.
    let file = &old.file.display;
    if built.site_problems.iter().any(|d| d.file() == file) {
        return Err("has problems found by whole-site checks");
    }

    let old = std::mem::replace(&mut built.site.pages[p], new);
    let old_body = reanalyse(built, options, p);
    parts.insert(Part::Page(p));
    if title_changed && !built.site.pages[p].meta.aliases.is_empty() {
        parts.insert(Part::Aliases(p));
    }

    // Pages linking here: `[[wiki]]` links show this page's title (so their text, and its
    // readability, changes), and their anchors are checked against this page's ids.
    if title_changed || old_body.ids != built.bodies[p].ids {
        for q in built.graph.backlinks[p].clone() {
            if title_changed {
                reanalyse(built, options, q);
                parts.insert(Part::Page(q));
            }
            recheck_links(built, q);
        }
    }
    recheck_links(built, p);

    // Related lists take candidates from a window of neighbours in each topic's listing
    // order: the pages near this one before the edit and after it may rank differently.
    let mut rerank = topic_neighbours(built, p);
    let topics_before = (reordered || topics_changed).then(|| built.topics.clone());
    update_groupings(built, p, &old, reordered, described, topics_changed, parts)?;
    if let Some(before) = topics_before
        && before
            .iter()
            .zip(&built.topics)
            .any(|(a, b)| a.pages != b.pages)
    {
        built.graph.page_topics = graph::page_topics(built.site.pages.len(), &built.topics);
        rerank.extend(topic_neighbours(built, p));
    }
    update_graph(built, p, title_changed, described, rerank, parts);

    let pages = &built.site.pages;
    for (lang, glossary) in built.glossaries.iter().enumerate() {
        if described && glossary.entries.iter().any(|e| e.see == Some(p)) {
            parts.insert(Part::Glossary(lang));
        }
    }
    if pages[p].is_article() && (described || reviewed_changed) {
        parts.insert(Part::Feed(pages[p].lang));
    }
    if reviewed_changed {
        parts.insert(Part::Sitemap);
    }
    // The Health A-Z lists every article by its names; the home page features weighted ones.
    let named = described || names_changed;
    if pages[p].is_article() && (named || reordered) {
        let lang = pages[p].lang;
        parts.insert(Part::AtoZ(lang));
        if let Some(l) = built
            .listings
            .iter()
            .position(|l| l.dir.is_empty() && l.lang == lang)
        {
            parts.insert(match built.listings[l].index {
                Some(i) => Part::Page(i),
                None => Part::Listing(l),
            });
        }
    }
    Ok(())
}

/// Updates backlinks, outgoing links, topic order and related lists after page `p` changed,
/// and marks the pages whose lists changed or show `p`'s new title or description.
fn update_graph(
    built: &mut Built,
    p: usize,
    title_changed: bool,
    described: bool,
    mut rerank: BTreeSet<usize>,
    parts: &mut BTreeSet<Part>,
) {
    let pages = &built.site.pages;
    let graph = &mut built.graph;
    if title_changed {
        graph.title_rank = graph::title_ranks(pages);
    }
    let rank = graph.title_rank.clone();
    let by_title = |a: &usize, b: &usize| rank[*a].cmp(&rank[*b]);

    // Links: this page's outgoing list, and the backlinks of what it links to.
    let old_out = std::mem::take(&mut graph.outgoing[p]);
    let mut new_out: Vec<usize> = built.bodies[p]
        .links
        .iter()
        .map(|l| l.target)
        .filter(|&t| t != p)
        .collect();
    new_out.sort_unstable();
    new_out.dedup();
    new_out.sort_by(&by_title);
    for &t in &old_out {
        if !new_out.contains(&t) {
            graph.backlinks[t].retain(|&x| x != p);
            parts.insert(Part::Page(t));
        }
    }
    for &t in &new_out {
        if !old_out.contains(&t) {
            graph.backlinks[t].push(p);
            parts.insert(Part::Page(t));
        }
        if described {
            // Its backlinks list shows this page's title and description.
            parts.insert(Part::Page(t));
        }
        graph.backlinks[t].sort_by(&by_title);
    }
    if title_changed {
        for &q in &graph.backlinks[p] {
            graph.outgoing[q].sort_by(&by_title);
        }
    }
    graph.outgoing[p] = new_out.clone();

    rerank.insert(p);
    rerank.extend(&old_out);
    rerank.extend(&new_out);
    rerank.extend(&graph.backlinks[p]);
    graph.explicit[p] = graph::explicit_related(pages, &pages[p], &built.index).0;

    for i in rerank {
        let related = graph.related_of(&built.topics, i);
        if related != graph.related[i] {
            graph.related[i] = related;
            parts.insert(Part::Page(i));
        }
    }
    if described {
        // Related lists show titles and descriptions.
        for (i, related) in graph.related.iter().enumerate() {
            if related.contains(&p) {
                parts.insert(Part::Page(i));
            }
        }
    }
}

/// The pages whose window of topic neighbours can hold page `p`, in every topic it is in:
/// its neighbours within [`graph::TOPIC_WINDOW`], and one more on each side (inserting or
/// removing a page shifts the windows next to it by one).
fn topic_neighbours(built: &Built, p: usize) -> BTreeSet<usize> {
    let reach = graph::TOPIC_WINDOW + 1;
    let mut out = BTreeSet::new();
    for &(t, pos) in &built.graph.page_topics[p] {
        let members = &built.topics[t].pages;
        let lo = pos.saturating_sub(reach);
        let hi = (pos + reach + 1).min(members.len());
        out.extend(&members[lo..hi]);
    }
    out
}

/// Updates topics and the folder listing after page `p` changed.
fn update_groupings(
    built: &mut Built,
    p: usize,
    old: &Page,
    reordered: bool,
    described: bool,
    topics_changed: bool,
    parts: &mut BTreeSet<Part>,
) -> std::result::Result<(), &'static str> {
    let pages = &built.site.pages;
    // The same order `taxonomy` sorts listings and topics in; only needed when this page
    // moved in it.
    let rank = (reordered && !topics_changed).then(|| taxonomy::listing_ranks(pages));
    if topics_changed {
        let topics = taxonomy::topics(pages, &built.config.languages);
        let same_set = topics.len() == built.topics.len()
            && topics
                .iter()
                .zip(&built.topics)
                .all(|(a, b)| a.name == b.name && a.slug == b.slug && a.url == b.url);
        if !same_set {
            return Err("changed the site's list of topics");
        }
        for (t, (new, old)) in topics.iter().zip(&built.topics).enumerate() {
            if new.pages != old.pages {
                parts.insert(Part::Topic(t));
                if new.pages.len() != old.pages.len() {
                    parts.insert(Part::TopicsIndex(new.lang));
                }
            }
        }
        built.topics = topics;
    } else if let Some(rank) = &rank {
        for topic in built.topics.iter_mut().filter(|t| t.pages.contains(&p)) {
            topic.pages.sort_by_key(|&q| rank[q]);
        }
    }
    if reordered || described {
        for (t, topic) in built.topics.iter().enumerate() {
            if topic.pages.contains(&p) {
                parts.insert(Part::Topic(t));
            }
        }
        let dir = &old.dir;
        if let Some(l) = built.listings.iter().position(|l| &l.dir == dir) {
            let listing = &mut built.listings[l];
            if listing.pages.contains(&p) {
                if reordered {
                    let rank = rank.unwrap_or_else(|| taxonomy::listing_ranks(pages));
                    listing.pages.sort_by_key(|&q| rank[q]);
                }
                parts.insert(match listing.index {
                    Some(i) => Part::Page(i),
                    None => Part::Listing(l),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::pipeline;

    fn copy_dir(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    type Files = BTreeMap<String, Vec<u8>>;

    /// What `medleaf build` would write, as path → bytes (assets are the same either way).
    fn full_build(options: &Options) -> (Built, Files) {
        let built = pipeline::analyse(options).unwrap().unwrap();
        let templates = built.templates().unwrap();
        let (files, _) = pipeline::render(&built, &templates).unwrap();
        let files = files.into_iter().map(|f| (f.path, f.bytes)).collect();
        (built, files)
    }

    /// Applies an edit the way `serve` does: update, render the parts, then the whole-site
    /// outputs.
    fn incremental(built: Built, files: &mut Files, options: &Options, edited: &[&str]) -> Built {
        let edited: Vec<String> = edited.iter().map(|s| (*s).to_owned()).collect();
        let edits = read(options, &built.config.languages, &edited).unwrap();
        let applied = match update(built, options, edits) {
            Update::Applied(a) => a,
            Update::Full { reason } => panic!("expected an incremental update, got: {reason}"),
        };
        let templates = applied.built.templates().unwrap();
        for f in render_parts(&applied.built, &templates, &applied.parts).unwrap() {
            files.insert(f.path, f.bytes);
        }
        files.retain(|path, _| !crate::search::is_index_file(path));
        for f in whole_site_outputs(&applied.built) {
            files.insert(f.path, f.bytes);
        }
        applied.built
    }

    fn site() -> (tempfile::TempDir, Options) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let fixture =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/serve/serve-site");
        copy_dir(&fixture, &root);
        let mut options = Options::new(&root);
        options.today = crate::date::Date::parse("2026-12-07").unwrap();
        (dir, options)
    }

    fn edit(options: &Options, rel: &str, from: &str, to: &str) {
        let path = options.root.join("content").join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn changed(before: &Files, after: &Files) -> Vec<String> {
        let mut paths: Vec<String> = after
            .iter()
            .filter(|(p, b)| before.get(*p) != Some(*b))
            .map(|(p, _)| p.clone())
            .collect();
        paths.extend(before.keys().filter(|p| !after.contains_key(*p)).cloned());
        paths
    }

    /// Each edit, applied incrementally on top of the previous ones, gives byte for byte what
    /// a fresh full build gives.
    #[test]
    fn incremental_edits_equal_a_full_build() {
        let (_dir, options) = site();
        let (mut built, mut files) = full_build(&options);
        let edits: &[(&str, &str, &str, &str)] = &[
            (
                "body text",
                "conditions/anemia.md",
                "Anemia is common.",
                "Anemia is very common.",
            ),
            (
                "a new link",
                "conditions/anemia.md",
                "You may feel tired.",
                "You may feel tired. See [[neutropenia]].",
            ),
            (
                "a link removed",
                "conditions/neutropenia.md",
                "[[anemia]]",
                "anemia",
            ),
            (
                "a title",
                "conditions/anemia.md",
                "title: Anemia (low red cell count)",
                "title: Zzz anemia",
            ),
            (
                "a description",
                "tests/blood-count.md",
                "description: A blood count measures",
                "description: A blood count counts",
            ),
            (
                "topics",
                "tests/blood-count.md",
                "topics: [Blood tests]",
                "topics: [Red blood cells, Blood tests]",
            ),
            (
                "a heading another page links to",
                "conditions/leukemia.md",
                "## Treatment",
                "## Treatments",
            ),
            (
                "the heading back",
                "conditions/leukemia.md",
                "## Treatments",
                "## Treatment",
            ),
            (
                "a broken link",
                "conditions/neutropenia.md",
                "Wash your hands often.",
                "Wash your [hands](hands.md) often.",
            ),
            (
                "the broken link fixed",
                "conditions/neutropenia.md",
                "[hands](hands.md)",
                "hands",
            ),
            (
                "a weight and review date",
                "conditions/neutropenia.md",
                "weight: 5\nlast_reviewed: 2026-09-01",
                "weight: 1\nlast_reviewed: 2026-10-11",
            ),
            (
                // The Health A-Z lists a condition's other names (issue 14).
                "a condition's other names",
                "conditions/anemia.md",
                "topics: [Red blood cells, Blood tests]\nrelated",
                "condition: {name: Anemia, also_called: [low red count]}\ntopics: [Red blood cells, Blood tests]\nrelated",
            ),
            (
                "the home page body",
                "_index.md",
                "Start with",
                "Begin with",
            ),
            (
                "a plain page",
                "about.md",
                "This plain page",
                "This short page",
            ),
        ];
        for (what, rel, from, to) in edits {
            edit(&options, rel, from, to);
            let before = files.clone();
            built = incremental(built, &mut files, &options, &[rel]);
            let (fresh, expected) = full_build(&options);
            assert_eq!(
                changed(&expected, &files),
                Vec::<String>::new(),
                "after editing {what}: these files differ from a full build"
            );
            assert_eq!(built.diagnostics, fresh.diagnostics, "after editing {what}");
            assert_eq!(built.graph, fresh.graph, "after editing {what}");
            assert_eq!(built.health, fresh.health, "after editing {what}");
            assert!(
                !changed(&before, &files).is_empty(),
                "editing {what} changed nothing"
            );
        }
    }

    #[test]
    fn edits_that_change_the_whole_site_ask_for_a_full_build() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "conditions/anemia.md",
                "title: Anemia",
                "slug: low-red\ntitle: Anemia",
            ),
            (
                "conditions/anemia.md",
                "aliases: [\"/old-anemia/\"]",
                "aliases: []",
            ),
            (
                "conditions/anemia.md",
                "topics: [Red blood cells, Blood tests]",
                "topics: [Blood tests, Iron]",
            ),
            (
                "conditions/_index.md",
                "title: Conditions we explain",
                "title: Conditions",
            ),
            (
                "conditions/anemia.md",
                "title: Anemia",
                "draft: true\ntitle: Anemia",
            ),
        ];
        for (rel, from, to) in cases {
            let (_dir, options) = site();
            let (built, _) = full_build(&options);
            edit(&options, rel, from, to);
            let edits = read(
                &options,
                &crate::config::test_languages(),
                &[(*rel).to_owned()],
            )
            .unwrap();
            let update = update(built, &options, edits);
            assert!(matches!(update, Update::Full { .. }), "{rel}: {to}");
        }
    }

    #[test]
    fn front_matter_errors_leave_the_site_as_it_was() {
        let (_dir, options) = site();
        let (built, _) = full_build(&options);
        let before = built.diagnostics.clone();
        edit(
            &options,
            "conditions/anemia.md",
            "title: Anemia",
            "titel: Anemia",
        );
        let edits = read(
            &options,
            &crate::config::test_languages(),
            &["conditions/anemia.md".to_owned()],
        )
        .unwrap();
        let Update::Applied(applied) = update(built, &options, edits) else {
            panic!("expected the error to be reported without a rebuild");
        };
        assert!(applied.parts.is_empty());
        assert_eq!(applied.built.diagnostics, before);
        assert_eq!(applied.unparsable.len(), 1);
        assert!(
            applied.unparsable[0].1[0].message.contains("titel"),
            "{:?}",
            applied.unparsable
        );
    }
}
