//! Grouping pages: topics (from `topics:` in front matter) and folder listings.
//!
//! Both are computed once for the whole site and shared by every page that shows them.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::config::Language;
use crate::content::Page;
use crate::diagnostics::{Code, Diagnostic};
use crate::slug::slugify;
use crate::theme::{TOPICS_URL, in_language};

/// A topic and the articles filed under it.
#[derive(Debug, Clone)]
pub(crate) struct Topic {
    /// The language of its articles (an index into `Config::languages`).
    pub lang: usize,
    /// The name as first written (in path order).
    pub name: String,
    /// The address part (`blood-tests`).
    pub slug: String,
    /// The topic page's address (`/topics/blood-tests/`).
    pub url: String,
    /// Its articles, in listing order.
    pub pages: Vec<usize>,
}

/// A content folder's listing page.
#[derive(Debug, Clone)]
pub(crate) struct Listing {
    /// The language of its pages.
    pub lang: usize,
    /// The folder relative to `content/` (empty for the top).
    pub dir: String,
    /// Its address (`/tests/`).
    pub url: String,
    /// Its `_index.md`, if it has one.
    pub index: Option<usize>,
    /// The pages directly in it (not its `_index.md`), in listing order.
    pub pages: Vec<usize>,
    /// Its sub-folders (indexes into the listings).
    pub children: Vec<usize>,
}

/// Each page's position in listing order: `weight` (lowest first; pages without one after
/// those with one), then title (case-insensitive), then path. Computed once, so sorting a
/// listing compares integers rather than lowercasing titles at every comparison.
pub(crate) fn listing_ranks(pages: &[Page]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by_cached_key(|&i| {
        let meta = &pages[i].meta;
        (
            meta.weight.unwrap_or(i64::MAX),
            meta.title.to_lowercase(),
            i,
        )
    });
    let mut rank = vec![0; pages.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Every topic used by an article, sorted by name.
pub(crate) fn topics(pages: &[Page], languages: &[Language]) -> Vec<Topic> {
    let names = canonical_names(&topic_uses(pages));
    let mut by_slug: BTreeMap<(usize, String), Topic> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if !page.is_article() {
            continue;
        }
        for name in &page.meta.topics {
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let key = (page.lang, slug);
            let prefix = languages.get(page.lang).map_or("/", |l| l.prefix.as_str());
            let topic = by_slug.entry(key.clone()).or_insert_with(|| Topic {
                lang: page.lang,
                name: names
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| name.trim().to_owned()),
                url: format!("{}{}/", in_language(prefix, TOPICS_URL), key.1),
                slug: key.1,
                pages: Vec::new(),
            });
            if topic.pages.last() != Some(&i) {
                topic.pages.push(i);
            }
        }
    }
    let rank = listing_ranks(pages);
    let mut topics: Vec<Topic> = by_slug.into_values().collect();
    for t in &mut topics {
        t.pages.sort_by_key(|&p| rank[p]);
    }
    topics.sort_by(|a, b| {
        a.lang
            .cmp(&b.lang)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then(a.slug.cmp(&b.slug))
    });
    topics
}

/// The most topics every page lists (`site.topics`: the footer, the home page). Without a cap
/// a site with 20,000 topics wrote 20,000 × 20,000 links (issue 16); the topics index lists
/// them all.
pub(crate) const MAX_NAV_TOPICS: usize = 30;

/// The topics of language `lang` every page lists: all of them, or when there are more than
/// [`MAX_NAV_TOPICS`], those with the most articles (ties in name order); in name order.
pub(crate) fn nav_topics(topics: &[Topic], lang: usize) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..topics.len())
        .filter(|&t| topics[t].lang == lang)
        .collect();
    if chosen.len() > MAX_NAV_TOPICS {
        chosen.sort_by_key(|&t| (std::cmp::Reverse(topics[t].pages.len()), t));
        chosen.truncate(MAX_NAV_TOPICS);
        chosen.sort_unstable();
    }
    chosen
}

/// One listing per folder that holds pages (and their parents), in each language that has
/// pages there, sorted by language and folder.
pub(crate) fn listings(pages: &[Page], languages: &[Language]) -> Vec<Listing> {
    let mut dirs: BTreeMap<(usize, String), Listing> = BTreeMap::new();
    let ensure = |dirs: &mut BTreeMap<(usize, String), Listing>, lang: usize, dir: &str| {
        let prefix = languages.get(lang).map_or("/", |l| l.prefix.as_str());
        dirs.entry((lang, dir.to_owned()))
            .or_insert_with(|| Listing {
                lang,
                dir: dir.to_owned(),
                url: crate::content::lang_dir_url(prefix, dir),
                index: None,
                pages: Vec::new(),
                children: Vec::new(),
            });
    };
    ensure(&mut dirs, 0, "");
    for (i, page) in pages.iter().enumerate() {
        let mut dir = page.dir.clone();
        loop {
            ensure(&mut dirs, page.lang, &dir);
            match dir.rsplit_once('/') {
                Some((parent, _)) => dir = parent.to_owned(),
                None if !dir.is_empty() => dir = String::new(),
                None => break,
            }
        }
        let listing = dirs
            .get_mut(&(page.lang, page.dir.clone()))
            .expect("ensured above");
        if page.is_index() {
            listing.index = Some(i);
        } else {
            listing.pages.push(i);
        }
    }
    let mut listings: Vec<Listing> = dirs.into_values().collect();
    let rank = listing_ranks(pages);
    for l in &mut listings {
        l.pages.sort_by_key(|&p| rank[p]);
    }
    let position: BTreeMap<(usize, String), usize> = listings
        .iter()
        .enumerate()
        .map(|(i, l)| ((l.lang, l.dir.clone()), i))
        .collect();
    for i in 0..listings.len() {
        let dir = listings[i].dir.clone();
        if dir.is_empty() {
            continue;
        }
        let parent = dir.rsplit_once('/').map_or("", |(p, _)| p);
        let p = position[&(listings[i].lang, parent.to_owned())];
        listings[p].children.push(i);
    }
    listings
}

/// The title of a listing: its `_index.md` title, or the folder name in sentence case.
pub(crate) fn listing_title(listing: &Listing, pages: &[Page]) -> String {
    if let Some(i) = listing.index {
        return pages[i].meta.title.clone();
    }
    let name = listing
        .dir
        .rsplit('/')
        .next()
        .unwrap_or("")
        .replace(['-', '_'], " ");
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Home".to_owned(),
    }
}

/// Topic names that are probably one topic written two ways: case or spacing variants (merged
/// into one topic, named as first written in path order) and names a letter or two apart
/// (`Asthma`, `Asthama`), which would make two topic pages. Each is a warning at the page
/// that wrote the less common form, with the form to use.
pub(crate) fn check_topics(pages: &[Page]) -> Vec<Diagnostic> {
    let uses = topic_uses(pages);
    let names = canonical_names(&uses);
    let mut out = Vec::new();
    // Where each page writes each of its topics, found in one pass per page (looking each name
    // up on its own read a page's front matter once per warning: quadratic; issue 16).
    let mut spans: rustc_hash::FxHashMap<usize, rustc_hash::FxHashMap<&str, Range<usize>>> =
        Default::default();
    let mut span_of = |i: usize, name: &str| -> Range<usize> {
        let page = &pages[i];
        let found = spans.entry(i).or_insert_with(|| {
            let names: Vec<&str> = page.meta.topics.iter().map(|t| t.trim()).collect();
            let ranges = crate::yaml::find_values(&page.file, page.yaml.clone(), "topics", &names);
            names
                .into_iter()
                .zip(ranges)
                .filter_map(|(n, r)| Some((n, r?)))
                .collect()
        });
        found
            .get(name)
            .cloned()
            .unwrap_or_else(|| page.key_span("topics"))
    };
    // Case and spacing variants of one slug: every other form gets a warning.
    for (slug, list) in &uses {
        let shown = names[slug].as_str();
        for &(name, i) in list.iter().filter(|(n, _)| *n != shown) {
            let page = &pages[i];
            out.push(
                Diagnostic::warning(
                    Code::TopicVariant,
                    format!("topic `{name}` differs from `{shown}` only in case or spacing"),
                )
                .at(&page.file, span_of(i, name))
                .label(format!("shown as `{shown}`"))
                .help(format!(
                    "did you mean `{shown}`? write every topic the same way"
                )),
            );
        }
    }
    // Slugs a letter or two apart. Candidates come from an index of each slug with up to two
    // characters deleted (as SymSpell does), so the work grows with the number of topics, not
    // with its square.
    let slugs: Vec<&(usize, String)> = uses.keys().collect();
    let mut deletes: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
    for (k, (lang, slug)) in slugs.iter().enumerate() {
        // Slugs under four letters are never compared; under eight, one letter apart is the
        // most that counts, so one deletion finds every pair.
        let len = slug.chars().count();
        if len < 4 {
            continue;
        }
        for variant in deletions(slug, if len >= 8 { 2 } else { 1 }) {
            deletes
                .entry(format!("{lang}:{variant}"))
                .or_default()
                .push(k);
        }
    }
    let mut close = std::collections::BTreeSet::new();
    let mut tried = rustc_hash::FxHashSet::default();
    // A deletion shared by very many slugs (`t1001`...`t1999` all lose two letters to `t19`)
    // says little about any one pair; past MAX_GROUP its pairs are not compared, so the work
    // stays linear in the number of topics whatever their names.
    const MAX_GROUP: usize = 64;
    for group in deletes
        .values()
        .filter(|g| g.len() > 1 && g.len() <= MAX_GROUP)
    {
        for (x, &a) in group.iter().enumerate() {
            for &b in &group[x + 1..] {
                if a == b || !tried.insert((a.min(b), a.max(b))) {
                    continue;
                }
                let (sa, sb) = (&slugs[a].1, &slugs[b].1);
                let shortest = sa.chars().count().min(sb.chars().count());
                let limit = if shortest >= 8 { 2 } else { 1 };
                if shortest < 4 || strsim::damerau_levenshtein(sa, sb) > limit {
                    continue;
                }
                close.insert((a.min(b), a.max(b)));
            }
        }
    }
    // Each odd form is reported once, against the first close form in slug order: a topic near
    // many others (`t1001` among `t1000`...`t1009`) gives one warning, not one per neighbour, so
    // the warnings never outnumber the topics (issue 16).
    let mut odd_reported = rustc_hash::FxHashSet::default();
    for (a, b) in close {
        let (sa, sb) = (&slugs[a].1, &slugs[b].1);
        // The form more pages use is the one to keep; ties go alphabetically.
        let (ka, kb) = (slugs[a], slugs[b]);
        let (keep, odd) = if (uses[kb].len(), sa) > (uses[ka].len(), sb) {
            (kb, ka)
        } else {
            (ka, kb)
        };
        if !odd_reported.insert(odd) {
            continue;
        }
        let keep_name = names[keep].as_str();
        for &(name, i) in &uses[odd] {
            let page = &pages[i];
            out.push(
                Diagnostic::warning(
                    Code::TopicVariant,
                    format!("topic `{name}` looks like a misspelling of `{keep_name}`"),
                )
                .at(&page.file, span_of(i, name))
                .label("this makes a topic page of its own")
                .help(format!(
                    "did you mean `{keep_name}`? ({} {} use it)",
                    uses[keep].len(),
                    if uses[keep].len() == 1 {
                        "page"
                    } else {
                        "pages"
                    }
                )),
            );
        }
    }
    out
}

/// Every use of a topic: by slug, each (name as written, trimmed; page), in path order.
fn topic_uses(pages: &[Page]) -> BTreeMap<(usize, String), Vec<(&str, usize)>> {
    let mut uses: BTreeMap<(usize, String), Vec<(&str, usize)>> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate().filter(|(_, p)| p.is_article()) {
        for name in &page.meta.topics {
            let slug = slugify(name);
            if !slug.is_empty() {
                uses.entry((page.lang, slug))
                    .or_default()
                    .push((name.trim(), i));
            }
        }
    }
    uses
}

/// The name each topic is shown with: the form most pages write, ties going to a form without
/// doubled spaces, then to the first in path order; deterministic whatever the file system.
fn canonical_names(
    uses: &BTreeMap<(usize, String), Vec<(&str, usize)>>,
) -> BTreeMap<(usize, String), String> {
    uses.iter()
        .map(|(slug, list)| {
            let tidy = |n: &str| n.split_whitespace().collect::<Vec<_>>().join(" ") == n;
            let mut best: Option<(usize, bool, usize, &str)> = None;
            for (pos, &(name, _)) in list.iter().enumerate() {
                let count = list.iter().filter(|(n, _)| *n == name).count();
                let first = list.iter().position(|(n, _)| *n == name).unwrap_or(pos);
                let key = (count, tidy(name), usize::MAX - first, name);
                if best.is_none_or(|b| (key.0, key.1, key.2) > (b.0, b.1, b.2)) {
                    best = Some(key);
                }
            }
            let name = best.map_or("", |b| b.3);
            (
                slug.clone(),
                name.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}

/// `slug` with up to `most` (1 or 2) characters deleted, itself included.
fn deletions(slug: &str, most: usize) -> Vec<String> {
    let chars: Vec<char> = slug.chars().collect();
    let without = |skip: &[usize]| -> String {
        chars
            .iter()
            .enumerate()
            .filter(|(i, _)| !skip.contains(i))
            .map(|(_, c)| *c)
            .collect()
    };
    let mut out = vec![slug.to_owned()];
    // Long names are never within two letters of a short one; keep the index small for them.
    let n = chars.len().min(40);
    for i in 0..n {
        out.push(without(&[i]));
        for j in (i + 1..n).filter(|_| most >= 2) {
            out.push(without(&[i, j]));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}
