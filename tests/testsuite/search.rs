//! Site search (issue 5): what the index holds and what it leaves out, how it ranks, the search
//! box and page, `search.enabled: false`, determinism, sub-paths, the build summary, and the
//! browser's text rules against the indexer's.
//!
//! The fixture `tests/testsuite/search/search-site` marks every part of a page that must never be
//! indexed with a distinctive word: the site's name "Numbat" (header, footer), the disclaimer
//! line "Ocelot", the reviewer "Quokka", the source "Wombat", the topic "Kestrel", and
//! "platypus" in the description of the page that another page lists under related articles.
//! The index is read back from its own files with a small decoder of the format documented in
//! `src/search/mod.rs`: the manifest, the term chunks and the page fragments.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{Site, fixture, parse_html, sel, snapshot};
use medleaf::search_text::{self as text, Lang, typo};

#[derive(Debug, serde::Deserialize)]
struct Manifest {
    version: u32,
    lang: String,
    docs: usize,
    scale: f64,
    v: String,
    chunks: Vec<String>,
    /// Each vocabulary file's first term's first character and length.
    words: Vec<(String, usize)>,
}

/// One page's fragment (`search/docs/<id>.json`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Fragment {
    url: String,
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    also: Vec<String>,
    #[serde(default)]
    explains: Vec<String>,
    sections: Vec<Section>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Section {
    #[serde(default)]
    id: String,
    #[serde(default)]
    heading: String,
    text: String,
}

/// The whole index, decoded.
struct Index {
    manifest: Manifest,
    /// Term → (doc id, score byte), doc ids ascending.
    terms: BTreeMap<String, Vec<(u32, u8)>>,
    /// Fragments by doc id.
    docs: Vec<Fragment>,
    /// The vocabulary files, decoded, in order.
    words: Vec<typo::Word>,
}

impl Index {
    /// The addresses of the pages holding `term`.
    fn pages_with(&self, term: &str) -> Vec<&str> {
        self.terms
            .get(term)
            .map(|list| {
                list.iter()
                    .map(|&(d, _)| self.docs[d as usize].url.as_str())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The score byte of `term` on the page at `url`.
    fn score(&self, term: &str, url: &str) -> u8 {
        let doc = self.docs.iter().position(|d| d.url == url).expect("a page");
        self.terms[term]
            .iter()
            .find(|&&(d, _)| d as usize == doc)
            .map(|&(_, q)| q)
            .unwrap_or_else(|| panic!("{term} is not on {url}"))
    }

    /// What `search.js` does for a query whose words are all in the index: the pages with every
    /// word, best first (sum of the decoded scores, then doc id).
    fn search(&self, query: &str) -> Vec<&str> {
        let top = self.manifest.scale.ln_1p();
        let score = |q: u8| (f64::from(q) / 255.0 * top).exp_m1();
        let mut totals: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
        let words = text::terms(query, Lang::from_tag(&self.manifest.lang));
        for word in &words {
            for &(d, q) in self.terms.get(word).into_iter().flatten() {
                let t = totals.entry(d).or_default();
                t.0 += 1;
                t.1 += score(q);
            }
        }
        let mut all: Vec<(u32, f64)> = totals
            .into_iter()
            .filter(|(_, (n, _))| *n == words.len())
            .map(|(d, (_, s))| (d, s))
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        all.iter()
            .map(|&(d, _)| self.docs[d as usize].url.as_str())
            .collect()
    }
}

fn varint(bytes: &[u8], pos: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let b = bytes[*pos];
        *pos += 1;
        n |= u32::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return n;
        }
        shift += 7;
    }
}

/// One chunk file: its terms with their postings, in order.
fn decode_chunk(bytes: &[u8]) -> Vec<(String, Vec<(u32, u8)>)> {
    let mut pos = 0;
    let count = varint(bytes, &mut pos) as usize;
    let mut entries = Vec::with_capacity(count);
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = varint(bytes, &mut pos) as usize;
        let len = varint(bytes, &mut pos) as usize;
        let mut term = previous[..shared].to_vec();
        term.extend_from_slice(&bytes[pos..pos + len]);
        pos += len;
        let df = varint(bytes, &mut pos) as usize;
        let size = varint(bytes, &mut pos) as usize;
        previous = term.clone();
        entries.push((String::from_utf8(term).expect("UTF-8 terms"), df, size));
    }
    let mut out = Vec::new();
    for (term, df, size) in entries {
        let end = pos + size;
        let mut doc = 0;
        let mut list = Vec::with_capacity(df);
        for k in 0..df {
            let delta = varint(bytes, &mut pos);
            assert!(k == 0 || delta > 0, "{term}: doc ids must ascend");
            doc += delta;
            list.push((doc, bytes[pos]));
            pos += 1;
        }
        assert_eq!(pos, end, "{term}: postings length");
        out.push((term, list));
    }
    assert_eq!(pos, bytes.len(), "bytes after the last postings");
    out
}

/// One vocabulary file (`search/words/<i>.bin`, format in `src/search/typo.rs`).
fn decode_words(bytes: &[u8]) -> Vec<typo::Word> {
    let mut pos = 0;
    let count = varint(bytes, &mut pos) as usize;
    let mut out = Vec::with_capacity(count);
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = varint(bytes, &mut pos) as usize;
        let len = varint(bytes, &mut pos) as usize;
        let mut term = previous[..shared].to_vec();
        term.extend_from_slice(&bytes[pos..pos + len]);
        pos += len;
        let flags = bytes[pos];
        pos += 1;
        previous = term.clone();
        out.push(typo::Word {
            term: String::from_utf8(term).expect("UTF-8 terms"),
            strong: flags & 0x80 != 0,
            pages: u32::from(flags & 0x7f),
        });
    }
    assert_eq!(pos, bytes.len(), "bytes after the last word");
    out
}

/// Reads and checks the index in `out/search/`.
fn read_index(out: &Path) -> Index {
    let dir = out.join("search");
    let manifest: Manifest =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("a manifest"))
            .expect("the manifest is JSON");
    assert_eq!(manifest.version, 2);
    assert_eq!(manifest.v.len(), 16);
    let mut terms = BTreeMap::new();
    let mut last: Option<String> = None;
    for (i, first) in manifest.chunks.iter().enumerate() {
        let entries = decode_chunk(&std::fs::read(dir.join(format!("terms/{i}.bin"))).unwrap());
        assert_eq!(
            &entries[0].0, first,
            "chunk {i} starts with its manifest term"
        );
        for (term, list) in entries {
            // Sorted by UTF-8 bytes across chunks, so the manifest finds every term's chunk.
            assert!(last.as_deref() < Some(term.as_str()), "{term} out of order");
            last = Some(term.clone());
            terms.insert(term, list);
        }
    }
    assert!(
        !dir.join(format!("terms/{}.bin", manifest.chunks.len()))
            .exists()
    );
    let docs: Vec<Fragment> = (0..manifest.docs)
        .map(|id| {
            let bytes = std::fs::read(dir.join(format!("docs/{id}.json"))).expect("a fragment");
            serde_json::from_slice(&bytes).expect("a fragment is JSON")
        })
        .collect();
    assert!(!dir.join(format!("docs/{}.json", manifest.docs)).exists());
    let mut words: Vec<typo::Word> = Vec::new();
    for (i, first) in manifest.words.iter().enumerate() {
        let file = decode_words(&std::fs::read(dir.join(format!("words/{i}.bin"))).unwrap());
        let (lead, length, _) = typo::key(&file[0].term);
        assert_eq!(
            (lead.unwrap().to_string(), length),
            *first,
            "words file {i} starts with its manifest key"
        );
        words.extend(file);
    }
    assert!(
        !dir.join(format!("words/{}.bin", manifest.words.len()))
            .exists()
    );
    assert!(
        words
            .windows(2)
            .all(|w| typo::key(&w[0].term) < typo::key(&w[1].term)),
        "the vocabulary is sorted by first letter, length and term"
    );
    for list in terms.values() {
        assert!(
            list.iter()
                .all(|&(d, q)| (d as usize) < docs.len() && q > 0)
        );
    }
    Index {
        manifest,
        terms,
        docs,
        words,
    }
}

/// Builds the search fixture and returns it with its index.
fn built() -> (Site, Index) {
    let site = fixture("search/search-site");
    site.build(&[]).assert_code(0);
    let index = read_index(&site.public());
    (site, index)
}

#[test]
fn only_articles_and_plain_pages_are_indexed_in_address_order() {
    let (_site, index) = built();
    let urls: Vec<&str> = index.docs.iter().map(|d| d.url.as_str()).collect();
    // Not the home page or listings, topics, the glossary, the disclaimer page, the search
    // page, 404 or the alias redirect. Addresses are relative, for sites at a sub-path.
    assert_eq!(
        urls,
        ["about/", "conditions/leukopenia/", "tests/blood-count/"]
    );
    assert_eq!(index.manifest.docs, 3);
    assert_eq!(index.manifest.lang, "en");
}

#[test]
fn titles_descriptions_headings_and_body_are_indexed() {
    let (_site, index) = built();
    let page = &index.docs[1];
    assert_eq!(page.title, "Leukopenia");
    assert_eq!(
        page.description,
        "A low white blood cell count has many causes."
    );
    // The fragment keeps the body section by section, for excerpts and links to headings.
    let sections: Vec<(&str, &str, &str)> = page
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.heading.as_str(), s.text.as_str()))
        .collect();
    assert_eq!(
        sections,
        [
            (
                "",
                "",
                "Leukopenia means you have fewer neutrophils or other white cells than usual. \
                 Eat some marmalade."
            ),
            (
                "feeling-tired",
                "Feeling tired",
                "Tiredness is common. Rest when you can, and tell your care team."
            ),
            (
                "when-to-get-help",
                "When to get help",
                "Call your care team if you get a fever."
            ),
        ]
    );
    // Every field reaches the index, stemmed: title, description, heading, body.
    for (word, term) in [
        ("Leukopenia", "leukopenia"),
        ("causes", "caus"),
        ("Feeling", "feel"),
        ("marmalade", "marmalad"),
        ("Tiredness", "tiredness"),
        ("fever", "fever"),
    ] {
        assert_eq!(text::terms(word, Lang::En), [term]);
        assert!(
            index.pages_with(term).contains(&"conditions/leukopenia/"),
            "{word} ({term}) not indexed"
        );
    }
    // Stopwords are not in the index at all.
    for stop in ["the", "your", "can", "when", "and"] {
        assert!(!index.terms.contains_key(stop), "{stop} is indexed");
    }
}

#[test]
fn condition_names_and_glossary_terms_are_indexed_and_rank_like_the_title() {
    let (site, index) = built();
    // "low white count" and "leucopenia" are only in the front matter's `condition.also_called`.
    let leukopenia = &index.docs[1];
    assert_eq!(leukopenia.also, ["low white count", "leucopenia"]);
    assert_eq!(index.pages_with("leucopenia"), ["conditions/leukopenia/"]);
    assert_eq!(index.search("low white count")[0], "conditions/leukopenia/");
    // The page links "neutrophils"; the glossary's other name it does not use is indexed too.
    assert_eq!(index.pages_with("granulocyt"), ["conditions/leukopenia/"]);

    // "ANC" is nowhere in the blood count page's text, but the glossary says the page explains
    // the absolute neutrophil count, also called ANC.
    assert!(!site.read("content/tests/blood-count.md").contains("ANC"));
    let blood_count = &index.docs[2];
    assert_eq!(blood_count.explains, ["absolute neutrophil count", "ANC"]);
    assert_eq!(index.pages_with("anc"), ["tests/blood-count/"]);
    assert_eq!(index.search("ANC"), ["tests/blood-count/"]);
    // A name the page explains ranks like its title; a name it merely uses, like body text.
    // (Both terms are on one page each, so their idf is the same.)
    assert!(
        index.score("anc", "tests/blood-count/")
            > index.score("granulocyt", "conditions/leukopenia/")
    );
    assert!(
        index.score("leucopenia", "conditions/leukopenia/")
            > index.score("marmalad", "conditions/leukopenia/")
    );
}

#[test]
fn navigation_footer_sources_review_related_and_disclaimer_are_not_indexed() {
    let (site, index) = built();
    // Make sure the words are really on the pages, so their absence from the index means
    // something.
    let page = site.read("public/conditions/leukopenia/index.html");
    for word in [
        "Numbat", "Ocelot", "Quokka", "Wombat", "Kestrel", "platypus",
    ] {
        assert!(page.contains(word), "{word} is not on the page");
    }
    for term in [
        "numbat", "ocelot", "quokka", "wombat", "kestrel", // marked words
        "sourc", "relat", "review", "topic", "disclaim", // template headings and labels
        "replac", "advic", // the disclaimer page's text
        "everyth", "start", // the home page's text
    ] {
        assert!(
            !index.terms.contains_key(term),
            "{term} indexed on {:?}",
            index.pages_with(term)
        );
    }
    for fragment in &index.docs {
        let json = serde_json::to_string(&(
            &fragment.also,
            &fragment.explains,
            fragment
                .sections
                .iter()
                .map(|s| &s.text)
                .collect::<Vec<_>>(),
        ))
        .unwrap();
        for word in ["Numbat", "Ocelot", "Quokka", "Wombat", "Kestrel", "Sources"] {
            assert!(!json.contains(word), "{word} in {}", fragment.url);
        }
    }
    // "platypus" is the blood count page's own description, indexed there but not on the page
    // that lists it as a related article.
    assert_eq!(index.pages_with("platypu"), Vec::<&str>::new());
    assert_eq!(index.pages_with("platypus"), ["tests/blood-count/"]);
}

#[test]
fn every_page_has_the_search_box_and_the_search_page_explains_itself() {
    let (site, _) = built();
    let out = site.public();
    for (page, root) in [
        ("index.html", "./"),
        ("conditions/leukopenia/index.html", "../../"),
        ("topics/index.html", "../"),
        ("glossary/index.html", "../"),
        ("about/index.html", "../"),
    ] {
        let doc = parse_html(&out.join(page));
        let form = doc
            .select(&sel("header form.site-search[role=search]"))
            .next()
            .unwrap_or_else(|| panic!("no search box in the header of {page}"));
        assert_eq!(form.value().attr("method"), Some("get"));
        assert_eq!(
            form.value().attr("action"),
            Some(format!("{root}search/").as_str())
        );
        let input = form.select(&sel("input[type=search][name=q]")).next();
        let id = input.and_then(|i| i.value().attr("id")).expect("an input");
        let label = form.select(&sel(&format!("label[for={id}]"))).next();
        assert!(label.is_some(), "the box has no visible label on {page}");
    }

    let doc = parse_html(&out.join("search/index.html"));
    assert!(
        doc.select(&sel("form.site-search")).next().is_none(),
        "the search page repeats the header box"
    );
    let status = doc.select(&sel("#search-status")).next().expect("status");
    assert_eq!(status.value().attr("role"), Some("status"));
    assert_eq!(status.value().attr("aria-live"), Some("polite"));
    let no_js = doc.select(&sel("#search-nojs")).next().expect("fallback");
    let text: String = no_js.text().collect();
    assert!(text.contains("Search needs JavaScript"), "{text}");
    let links: Vec<&str> = no_js
        .select(&sel("a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&"../topics/"), "{links:?}");
    let script = doc.select(&sel("script[type=module]")).next().expect("js");
    assert_eq!(script.value().attr("src"), Some("../search.js"));
    assert!(out.join("search.js").is_file());
}

#[test]
fn the_index_is_a_manifest_chunks_and_one_fragment_per_page_and_nothing_else() {
    let (site, index) = built();
    let files = snapshot(&site.public().join("search"));
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    let mut expected = vec![
        "docs/0.json".to_owned(),
        "docs/1.json".to_owned(),
        "docs/2.json".to_owned(),
        "index.html".to_owned(),
        "manifest.json".to_owned(),
    ];
    expected.extend((0..index.manifest.chunks.len()).map(|i| format!("terms/{i}.bin")));
    expected.extend((0..index.manifest.words.len()).map(|i| format!("words/{i}.bin")));
    expected.sort();
    assert_eq!(names, expected);
    // No page carries Pagefind's (or any) indexing attributes: the index reads the site's data.
    for (path, bytes) in snapshot(&site.public()) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains("data-pagefind"), "{path}");
        }
    }
}

#[test]
fn search_enabled_false_turns_everything_off() {
    let site = fixture("search/search-site");
    site.write(
        "site.yaml",
        "title: Numbat Health\nbase_url: https://search.example/\nsearch: {enabled: false}\n",
    );
    // A link to the search page is then broken, like any link to a page that does not exist.
    site.write(
        "content/_index.md",
        "---\ntitle: Home\n---\n\nStart with [leukopenia](conditions/leukopenia.md).\n",
    );
    let run = site.build(&[]);
    run.assert_code(0);
    assert!(!run.stdout.contains("search"), "{}", run.stdout);
    let out = site.public();
    assert!(!out.join("search").exists());
    assert!(!out.join("search.js").exists());
    for (path, bytes) in snapshot(&out) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains("site-search"), "search box on {path}");
            assert!(!html.contains("search.js"), "search script on {path}");
        }
    }

    site.write(
        "content/about.md",
        "---\ntitle: About\nkind: page\n---\n\nUse the [search page](/search/).\n",
    );
    let run = site.build(&[]);
    run.assert_code(1);
    assert!(run.stderr.contains("/search/"), "{}", run.stderr);
}

#[test]
fn a_link_to_the_search_page_is_checked_and_valid() {
    // The fixture's home page links `/search/`; with search on that is a generated page.
    let (site, _) = built();
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"search/\""), "{home}");
}

#[test]
fn the_summary_reports_index_size_and_time() {
    let site = fixture("search/search-site");
    let run = site.build(&[]);
    run.assert_code(0);
    let line = run.stdout.lines().last().unwrap_or_default();
    // `...; search index: 3 pages, 0.0 MB in 1 ms)`
    let tail = line
        .split("; search index: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no search figures in {line:?}"));
    let (pages, rest) = tail.split_once(" pages, ").expect("page count");
    assert_eq!(pages, "3");
    let (mb, rest) = rest.split_once(" MB in ").expect("size");
    let mb: f64 = mb.parse().expect("a size in MB");
    assert!(mb >= 0.0);
    let ms = rest.strip_suffix(" ms)").expect("a time in ms");
    ms.parse::<u64>().expect("a whole number of ms");
}

#[test]
fn the_index_is_byte_identical_across_builds_and_thread_counts() {
    // Enough pages that the indexer splits them into several runs, in different places for one
    // thread and for four, so the merge is exercised.
    let site = fixture("search/search-site");
    for i in 0..300 {
        site.write(
            &format!("content/many/page-{i:03}.md"),
            &format!(
                "---\ntitle: Page {i} about {}\ndescription: Number {i}.\nkind: page\n---\n\n\
                 Word{} and word{} with blood cells, {} times.\n\n## Part {}\n\nMore text {i}.\n",
                ["anemia", "fever", "bruising"][i % 3],
                i % 17,
                i % 29,
                i % 7,
                i % 5,
            ),
        );
    }
    let a = site.scratch().join("a");
    let b = site.scratch().join("b");
    let c = site.scratch().join("c");
    for (out, threads) in [(&a, "1"), (&b, "4"), (&c, "4")] {
        crate::common::build_env(
            &site.root,
            &["--output", out.to_str().unwrap()],
            &[("RAYON_NUM_THREADS", threads)],
        )
        .assert_code(0);
    }
    let index = snapshot(&a.join("search"));
    crate::common::assert_same_tree(&index, &snapshot(&b.join("search")));
    crate::common::assert_same_tree(&index, &snapshot(&c.join("search")));
    let decoded = read_index(&a);
    assert_eq!(decoded.manifest.docs, 303);
    assert_eq!(decoded.pages_with("bruis").len(), 100);
    assert_eq!(decoded.search("bruising")[..3].len(), 3);
}

#[test]
fn the_search_page_and_index_use_relative_addresses_at_a_sub_path() {
    let site = fixture("search/search-site");
    site.build(&["--base-url", "https://example.org/sub/path/"])
        .assert_code(0);
    let search = site.read("public/search/index.html");
    for needle in [
        "src=\"../search.js\"",
        "href=\"../style.css\"",
        "action=\"./\"",
    ] {
        assert!(search.contains(needle), "{needle} not in {search}");
    }
    let leukopenia = site.read("public/conditions/leukopenia/index.html");
    assert!(leukopenia.contains("action=\"../../search/\""));
    // The script finds the site root from where it was loaded, whatever the sub-path, and the
    // index from the search page's own address (each language's index sits beside its search
    // page); the fragments' addresses are relative to the site root.
    let js = site.read("public/search.js");
    assert!(js.contains("new URL(\"./\", import.meta.url)"));
    assert!(js.contains("new URL(results.dataset.index || \"./\", window.location.href)"));
    assert!(search.contains("data-index=\"./\""));
    let index = read_index(&site.public());
    for doc in &index.docs {
        assert!(!doc.url.starts_with('/') && !doc.url.contains("example.org"));
    }
}

#[test]
fn on_the_example_site_anc_and_low_white_count_find_their_articles_first() {
    let site = crate::common::example_site();
    site.build(&[]).assert_code(0);
    let index = read_index(&site.public());
    assert_eq!(index.search("ANC")[0], "tests/complete-blood-count/");
    assert_eq!(index.search("low white count")[0], "conditions/leukopenia/");
    assert_eq!(
        index.search("neutropenia after chemotherapy")[0],
        "treatment/neutropenia-after-chemotherapy/"
    );
    // Not the disclaimer page, whose wording would match many medical searches.
    assert!(index.docs.iter().all(|d| d.url != "disclaimer/"));
}

/// The browser's copy of the text rules (`static/search.js`) against the shared vectors, in
/// Node.js; the Rust side is checked by unit tests in `src/search/text.rs`, and Chromium by
/// `tests/browser/checks/search.mjs`.
#[test]
#[allow(clippy::print_stderr)] // Says why it skipped, where `cargo test` shows it.
fn search_js_turns_words_into_the_same_terms_as_the_indexer() {
    let node = std::process::Command::new("node").arg("--version").output();
    if !node.is_ok_and(|o| o.status.success()) {
        eprintln!(
            "skipped: Node.js is not installed, so static/search.js's text rules were not checked \
             against src/search/vectors/stemmer-vectors.txt (install nodejs, or run tests/browser/run)"
        );
        return;
    }
    let out = std::process::Command::new("node")
        .arg(crate::common::repo_root().join("tests/browser/tools/text-vectors.mjs"))
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "search.js disagrees with the indexer:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// Search that forgives spelling (issue 18) and Spanish analysis (issue 12).

impl Index {
    /// `term`'s postings as doc id → decoded score, if it is indexed.
    fn scores(&self, term: &str) -> Option<BTreeMap<u32, f64>> {
        let top = self.manifest.scale.ln_1p();
        self.terms.get(term).map(|list| {
            list.iter()
                .map(|&(d, q)| (d, (f64::from(q) / 255.0 * top).exp_m1()))
                .collect()
        })
    }

    /// What `search.js` does for a query whose words all match something, spelling folds and
    /// typos included: the pages with every word, best first, and the corrections it shows
    /// (typed token → term), in query order. Prefixes are left out (tested in Chromium).
    fn forgiving(&self, query: &str) -> (Vec<&str>, Vec<(String, String)>) {
        let lang = Lang::from_tag(&self.manifest.lang);
        let mut tokens = Vec::new();
        let mut scratch = String::new();
        text::for_each_token(query, &mut scratch, |t| tokens.push(t.to_owned()));
        let mut lists = Vec::new();
        let mut corrections = Vec::new();
        for token in tokens {
            let Some(word) = text::analyse(&token, lang) else {
                continue;
            };
            let own = self.scores(&word.term);
            let folded = word.folded.as_deref().and_then(|f| self.scores(f));
            let list = if own.is_some() || folded.is_some() {
                let mut scores = own.clone().unwrap_or_default();
                for (d, s) in folded.into_iter().flatten() {
                    let s = if own.is_some() { s * 0.7 } else { s };
                    let e = scores.entry(d).or_insert(s);
                    *e = e.max(s);
                }
                if own.is_none() && lang == Lang::En {
                    corrections.push((token.clone(), word.folded.clone().unwrap()));
                }
                scores
            } else {
                let key = word.folded.as_deref().unwrap_or(&word.term);
                let Some(term) = typo::correct(key, token.chars().count(), &self.words) else {
                    return (Vec::new(), corrections);
                };
                corrections.push((token.clone(), term.to_owned()));
                self.scores(term).expect("a correction is an indexed term")
            };
            lists.push(list);
        }
        let mut all: Vec<(u32, f64)> = lists
            .first()
            .map(|first| {
                first
                    .keys()
                    .filter(|d| lists.iter().all(|l| l.contains_key(d)))
                    .map(|&d| (d, lists.iter().map(|l| l[&d]).sum()))
                    .collect()
            })
            .unwrap_or_default();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let urls = all
            .iter()
            .map(|&(d, _)| self.docs[d as usize].url.as_str())
            .collect();
        (urls, corrections)
    }
}

#[test]
fn on_the_example_site_british_spellings_and_typos_find_their_articles() {
    let site = crate::common::example_site();
    site.build(&[]).assert_code(0);
    let index = read_index(&site.public());
    // Each query gives exactly the results of the word it stands for, with that word's article
    // among the first two (a question page whose title also names leukemia may come first).
    for (query, meant, article, correction) in [
        (
            "leukaemia",
            "leukemia",
            "conditions/leukemia/",
            Some("leukemia"),
        ),
        (
            "anaemia",
            "anemia",
            "conditions/aplastic-anemia/",
            Some("anemia"),
        ),
        (
            "nuetropenia",
            "neutropenia",
            "treatment/neutropenia-after-chemotherapy/",
            Some("neutropenia"),
        ),
        (
            "leukopena",
            "leukopenia",
            "conditions/leukopenia/",
            Some("leukopenia"),
        ),
        (
            "myelodisplastic",
            "myelodysplastic",
            "conditions/myelodysplastic-syndrome/",
            Some("myelodysplastic"),
        ),
        (
            "agranulocitosis",
            "agranulocytosis",
            "conditions/agranulocytosis-from-medicines/",
            Some("agranulocytosis"),
        ),
        ("leukemia", "leukemia", "conditions/leukemia/", None),
        (
            "nuetropenia after chemotherapy",
            "neutropenia after chemotherapy",
            "treatment/neutropenia-after-chemotherapy/",
            Some("neutropenia"),
        ),
    ] {
        let (urls, corrections) = index.forgiving(query);
        let (expected, none) = index.forgiving(meant);
        assert!(none.is_empty(), "{meant} was corrected: {none:?}");
        assert_eq!(urls, expected, "{query}");
        assert!(
            urls.iter().take(2).any(|u| *u == article),
            "{query}: {urls:?}"
        );
        let first = corrections.first().map(|(_, term)| term.as_str());
        assert_eq!(first, correction, "{query}: {corrections:?}");
    }
    assert_eq!(
        index.forgiving("nuetropenia after chemotherapy").0[0],
        "treatment/neutropenia-after-chemotherapy/"
    );
    // A word that is indexed is never corrected, even when a more common term is one edit away.
    for word in ["leukemia", "neutropenia", "anemia", "platelet"] {
        let (urls, corrections) = index.forgiving(word);
        assert!(!urls.is_empty() && corrections.is_empty(), "{word}");
    }
    // The vocabulary marks the words that name something (titles, glossary terms).
    let named = |t: &str| index.words.iter().find(|w| w.term == t).map(|w| w.strong);
    assert_eq!(named("neutropenia"), Some(true));
    assert_eq!(named("agranulocytosi"), None, "a stem the site never uses");
    assert!(index.words.iter().any(|w| !w.strong), "every word named");
    assert!(
        index.words.iter().all(|w| typo::is_candidate(&w.term)),
        "numbers in the vocabulary"
    );
}

#[test]
fn either_spelling_finds_the_other_and_the_exact_one_ranks_first() {
    let site = fixture("search/search-site");
    site.write(
        "content/uk.md",
        "---\ntitle: Leukaemia in children\ndescription: British.\nkind: page\n---\n\n\
         Leukaemia is a cancer of the blood. Haemoglobin may be low.\n",
    );
    site.write(
        "content/us.md",
        "---\ntitle: Leukemia in children\ndescription: American.\nkind: page\n---\n\n\
         Leukemia is a cancer of the blood. Hemoglobin may be low.\n",
    );
    site.build(&[]).assert_code(0);
    let index = read_index(&site.public());
    // The American page is filed under both spellings' terms only through its own; the British
    // page under its own and the American one.
    assert_eq!(index.pages_with("leukaemia"), ["uk/"]);
    assert_eq!(index.pages_with("leukemia"), ["uk/", "us/"]);
    assert!(index.score("leukemia", "us/") > index.score("leukemia", "uk/"));
    assert_eq!(index.forgiving("leukaemia").0, ["uk/", "us/"]);
    assert_eq!(index.forgiving("leukemia").0, ["us/", "uk/"]);
    assert_eq!(index.forgiving("haemoglobin").0, ["uk/", "us/"]);
    assert_eq!(index.forgiving("hemoglobin").0, ["us/", "uk/"]);
    // Neither is shown as a correction: each spelling is on the site.
    assert!(index.forgiving("leukaemia").1.is_empty());
    // Synonyms still work: `also_called` and glossary names rank like the title, in either
    // spelling ("leucopenia" is the fixture's other name for leukopenia).
    assert_eq!(index.forgiving("leucopenia").0[0], "conditions/leukopenia/");
    assert_eq!(
        index.forgiving("low white count").0[0],
        "conditions/leukopenia/"
    );
}

#[test]
fn a_spanish_site_folds_accents_stems_spanish_and_corrects_typos() {
    let site = fixture("search/search-site");
    site.write(
        "site.yaml",
        "title: Numbat Salud\nbase_url: https://search.example/\nlanguage: es-US\n",
    );
    site.write(
        "content/leucemia.md",
        "---\ntitle: Leucemia\ndescription: Qué es la leucemia.\nkind: page\n---\n\n\
         La leucemia es un cáncer de la sangre. Más información sobre el tratamiento.\n",
    );
    site.write(
        "content/ataque.md",
        "---\ntitle: Ataque de pánico\ndescription: Un ataque.\nkind: page\n---\n\n\
         Un ataque puede ocurrir en la cámara de espera.\n",
    );
    site.build(&[]).assert_code(0);
    let index = read_index(&site.public());
    assert_eq!(index.manifest.lang, "es");
    for (query, page) in [
        ("leucemias", "leucemia/"),
        ("LEUCEMIA", "leucemia/"),
        ("ataques", "ataque/"),
        ("camara", "ataque/"),
        ("cámaras", "ataque/"),
        ("informacion", "leucemia/"),
        ("información", "leucemia/"),
        ("¿qué es la leucemia?", "leucemia/"),
        ("panico", "ataque/"),
    ] {
        let (urls, corrections) = index.forgiving(query);
        assert_eq!(urls, [page], "{query}");
        assert!(corrections.is_empty(), "{query}: {corrections:?}");
    }
    // Spanish stopwords are not indexed, with or without accents.
    for stop in ["la", "que", "es", "un"] {
        assert!(!index.terms.contains_key(stop), "{stop} is indexed");
    }
    // A typo, without accents too.
    let (urls, corrections) = index.forgiving("leucmia");
    assert_eq!(urls, ["leucemia/"]);
    assert_eq!(corrections[0].1, "leucemi");
}
