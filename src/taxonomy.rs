//! Grouping pages: topics (from `topics:` in front matter) and folder listings.
//!
//! Both are computed once for the whole site and shared by every page that shows them.

use std::collections::BTreeMap;

use crate::content::Page;
use crate::slug::slugify;
use crate::theme::TOPICS_URL;

/// A topic and the articles filed under it.
#[derive(Debug, Clone)]
pub(crate) struct Topic {
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
pub(crate) fn topics(pages: &[Page]) -> Vec<Topic> {
    let mut by_slug: BTreeMap<String, Topic> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if !page.is_article() {
            continue;
        }
        for name in &page.meta.topics {
            let slug = slugify(name);
            if slug.is_empty() {
                continue;
            }
            let topic = by_slug.entry(slug.clone()).or_insert_with(|| Topic {
                name: name.trim().to_owned(),
                url: format!("{TOPICS_URL}{slug}/"),
                slug,
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
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.slug.cmp(&b.slug))
    });
    topics
}

/// One listing per folder that holds pages (and their parents), sorted by folder.
pub(crate) fn listings(pages: &[Page]) -> Vec<Listing> {
    let mut dirs: BTreeMap<String, Listing> = BTreeMap::new();
    let ensure = |dirs: &mut BTreeMap<String, Listing>, dir: &str| {
        dirs.entry(dir.to_owned()).or_insert_with(|| Listing {
            dir: dir.to_owned(),
            url: crate::content::dir_url(dir),
            index: None,
            pages: Vec::new(),
            children: Vec::new(),
        });
    };
    ensure(&mut dirs, "");
    for (i, page) in pages.iter().enumerate() {
        let mut dir = page.dir.clone();
        loop {
            ensure(&mut dirs, &dir);
            match dir.rsplit_once('/') {
                Some((parent, _)) => dir = parent.to_owned(),
                None if !dir.is_empty() => dir = String::new(),
                None => break,
            }
        }
        let listing = dirs.get_mut(&page.dir).expect("ensured above");
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
    let position: BTreeMap<String, usize> = listings
        .iter()
        .enumerate()
        .map(|(i, l)| (l.dir.clone(), i))
        .collect();
    for i in 0..listings.len() {
        let dir = listings[i].dir.clone();
        if dir.is_empty() {
            continue;
        }
        let parent = dir.rsplit_once('/').map_or("", |(p, _)| p);
        let p = position[parent];
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
