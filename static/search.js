// medleaf default theme: the search page (/search/), on medleaf's own index (issue 5).
//
// The page works without this file: it says that search needs JavaScript and links the topics.
// With it, the query in `?q=` (the header's search box submits here) runs against the index in
// `search/`, which the browser fetches in small pieces: a 2-3 kB manifest, then one chunk of
// 32-64 kB per word of the query (the manifest tells which), then one small file per result
// shown. The file format is described at the top of src/search/mod.rs.
//
// Accessibility: a visible label and a plain form that also work without JavaScript; the number
// of results is announced in a polite live region that is on the page from the start; results
// are real headings and lists, so a screen reader can jump from one to the next; focus moves
// only when asked ("Show more results"); the theme's colours, focus style and 44px targets.
//
// Every address is worked out from where this file was loaded (`import.meta.url`), so a site
// published below a sub-path works without configuration. Nothing is loaded from another host,
// and there is no WebAssembly and no worker: a search over 10,000 pages takes milliseconds.
//
// The text rules below (`words`, `stem`) must give exactly the terms src/search/text.rs gives,
// or a query would miss what was indexed: tests/fixtures/stemmer-vectors.txt and
// search-terms-vectors.txt are checked against both (tests/browser/tools/text-vectors.mjs).

const PAGE_SIZE = 10;
const MAX_SECTIONS = 3;
const TYPING_DELAY_MS = 350;
const EXCERPT_WORDS = 24;
// A last word that is not in the index, perhaps typed only in part ("neutro"), matches this many
// of the terms that start with it (the most common first).
const MAX_PREFIX_TERMS = 30;
const FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Text rules: the same as src/search/text.rs.

/** Function words left out of the index and of queries on English sites (text.rs STOPWORDS). */
export const STOPWORDS = new Set(
  ("a about also am an and any are as at be been being but by can could did do does doing for " +
    "from had has have having he her hers him his how i if in into is it its itself just me my " +
    "of on or our ours she should so some such than that the their them then there these they " +
    "this those to us was we were what when where which who why will with would you your yours").split(" "),
);

// A token: letters and digits, with an apostrophe inside ("patient's", "don't").
const WORD = /[\p{Alphabetic}\p{N}]+(?:['\u2019][\p{Alphabetic}\p{N}]+)*/gu;

function normalize(token) {
  let w = token.toLowerCase().replace(/\u2019/g, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  return w.includes("'") ? w.replace(/'/g, "") : w;
}

function isConsonant(w, i) {
  const c = w[i];
  if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
  if (c === "y") return i === 0 || !isConsonant(w, i - 1);
  return true;
}

function hasVowel(w) {
  for (let i = 0; i < w.length; i++) if (!isConsonant(w, i)) return true;
  return false;
}

// Porter's measure: the number of vowel-consonant pairs.
function measure(w) {
  let m = 0;
  let afterVowel = false;
  for (let i = 0; i < w.length; i++) {
    const consonant = isConsonant(w, i);
    if (consonant && afterVowel) m++;
    afterVowel = !consonant;
  }
  return m;
}

function endsDoubleConsonant(w) {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

function cvc(w) {
  const n = w.length;
  return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !"wxy".includes(w[n - 1]);
}

function tidy(w) {
  if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) return w + "e";
  if (endsDoubleConsonant(w)) return w.length > 3 && !"lsz".includes(w[w.length - 1]) ? w.slice(0, -1) : w;
  if (measure(w) === 1 && cvc(w)) return w + "e";
  return w;
}

/** The stem of a normalized token (text.rs `stem`: Porter's steps 1 and 5a, changed a little, and -ly). */
export function stem(word) {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, w.length > 4 ? -2 : -1);
  else if (w.endsWith("s") && w.length >= 4 && !(w.endsWith("ss") || w.endsWith("us") || w.endsWith("is"))) {
    w = w.slice(0, -1);
  }
  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else if (w.endsWith("ied")) {
    w = w.slice(0, w.length > 4 ? -2 : -1);
  } else if (w.endsWith("ed") && hasVowel(w.slice(0, -2))) {
    w = tidy(w.slice(0, -2));
  } else if (w.endsWith("ing") && hasVowel(w.slice(0, -3))) {
    w = tidy(w.slice(0, -3));
  } else if (w.endsWith("ly")) {
    const s = w.slice(0, -2);
    const last = s.length - 1;
    if (
      s.length >= 4 &&
      hasVowel(s) &&
      (s[last] === "e" || (isConsonant(s, last) && !"pbf".includes(s[last]))) &&
      !endsDoubleConsonant(s)
    ) {
      w = s;
    }
  }
  if (w.length >= 3 && w.endsWith("y") && isConsonant(w, w.length - 2)) w = w.slice(0, -1) + "i";
  if (w.endsWith("e")) {
    const s = w.slice(0, -1);
    const m = measure(s);
    if (m > 1 || (m === 1 && !cvc(s))) w = s;
  }
  return w;
}

/**
 * Every token of `text` with where it is and its index term (`null` for a stopword).
 * @returns {{start: number, end: number, token: string, term: string | null}[]}
 */
export function words(text, english = true) {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    const token = normalize(m[0]);
    let term = token;
    if (english) term = STOPWORDS.has(token) ? null : stem(token);
    out.push({ start: m.index, end: m.index + m[0].length, token, term });
  }
  return out;
}

/** The index terms of `text`, in order (text.rs `terms`). */
export function terms(text, english = true) {
  return words(text, english)
    .filter((w) => w.term !== null)
    .map((w) => w.term);
}

// ---------------------------------------------------------------------------------------------
// Reading the index.

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// Terms are sorted by their UTF-8 bytes (Rust's order), which is not always JavaScript's.
function compareTerms(a, b) {
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function decodeChunk(buffer) {
  const bytes = new Uint8Array(buffer);
  let pos = 0;
  const varint = () => {
    let n = 0;
    let scale = 1;
    let b;
    do {
      b = bytes[pos++];
      n += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return n;
  };
  const count = varint();
  const terms = new Array(count);
  const df = new Uint32Array(count);
  const start = new Uint32Array(count);
  let previous = new Uint8Array(0);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const shared = varint();
    const length = varint();
    const term = new Uint8Array(shared + length);
    term.set(previous.subarray(0, shared));
    term.set(bytes.subarray(pos, pos + length), shared);
    pos += length;
    terms[i] = fromUtf8.decode(term);
    previous = term;
    df[i] = varint();
    start[i] = offset;
    offset += varint();
  }
  for (let i = 0; i < count; i++) start[i] += pos;
  return { bytes, terms, df, start, byTerm: new Map(terms.map((t, i) => [t, i])) };
}

class SearchIndex {
  static async load(base) {
    // Always ask the host whether the manifest changed: it names the version of every other file.
    const response = await fetch(new URL("manifest.json", base), { cache: "no-cache" });
    if (!response.ok) throw new Error("no search index (" + response.status + ")");
    const manifest = await response.json();
    if (manifest.version !== FORMAT_VERSION) throw new Error("search index version " + manifest.version);
    return new SearchIndex(base, manifest);
  }

  constructor(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.english = manifest.english;
    this.chunks = new Map();
    this.docs = new Map();
    // Scores are stored as one byte on a log scale (src/search/mod.rs).
    const top = Math.log1p(manifest.scale);
    this.scores = Float64Array.from({ length: 256 }, (_, q) => Math.expm1((q / 255) * top));
  }

  file(path) {
    return new URL(path + "?v=" + this.manifest.v, this.base);
  }

  async fetchFile(path, as) {
    const response = await fetch(this.file(path));
    if (!response.ok) throw new Error("cannot load " + path + " (" + response.status + ")");
    return as === "json" ? response.json() : response.arrayBuffer();
  }

  // The chunk that can hold `term`: the last whose first term is not after it.
  chunkFor(term) {
    const firsts = this.manifest.chunks;
    let lo = 0;
    let hi = firsts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareTerms(firsts[mid], term) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  chunk(i) {
    if (!this.chunks.has(i)) {
      this.chunks.set(i, this.fetchFile("terms/" + i + ".bin").then(decodeChunk));
    }
    return this.chunks.get(i);
  }

  doc(id) {
    if (!this.docs.has(id)) this.docs.set(id, this.fetchFile("docs/" + id + ".json", "json"));
    return this.docs.get(id);
  }

  // Doc id → score for one term of a chunk.
  postings(chunk, i) {
    const { bytes } = chunk;
    let pos = chunk.start[i];
    const out = new Map();
    let doc = 0;
    for (let k = 0; k < chunk.df[i]; k++) {
      let delta = 0;
      let scale = 1;
      let b;
      do {
        b = bytes[pos++];
        delta += (b & 0x7f) * scale;
        scale *= 128;
      } while (b & 0x80);
      doc += delta;
      out.set(doc, this.scores[bytes[pos++]]);
    }
    return out;
  }

  // One query word: its exact term, or (for the last word, when that is not in the index) the
  // terms starting with it. Returns the matched terms and doc id → score (the best of the
  // terms, per page).
  async lookup(word, allowPrefix) {
    const i = this.chunkFor(word.term);
    if (i >= 0) {
      const chunk = await this.chunk(i);
      const k = chunk.byTerm.get(word.term);
      if (k !== undefined) return { terms: [word.term], scores: this.postings(chunk, k) };
    }
    if (!allowPrefix || word.token.length < 3) return null;
    const prefix = word.token;
    const found = [];
    const firsts = this.manifest.chunks;
    // The terms that start with the prefix are in its chunk and maybe the next one.
    for (let c = Math.max(0, this.chunkFor(prefix)); c < firsts.length && found.length < 1000; c++) {
      const chunk = await this.chunk(c);
      for (let k = 0; k < chunk.terms.length; k++) {
        if (chunk.terms[k].startsWith(prefix)) found.push({ chunk, k });
      }
      if (c + 1 >= firsts.length || !firsts[c + 1].startsWith(prefix)) break;
    }
    if (found.length === 0) return null;
    found.sort((a, b) => b.chunk.df[b.k] - a.chunk.df[a.k]);
    const scores = new Map();
    const terms = [];
    for (const { chunk, k } of found.slice(0, MAX_PREFIX_TERMS)) {
      terms.push(chunk.terms[k]);
      for (const [doc, score] of this.postings(chunk, k)) {
        if (!(scores.get(doc) >= score)) scores.set(doc, score);
      }
    }
    return { terms, scores };
  }

  // Pages with every word of the query, best first; if none, pages with some of the words
  // (most words first). Quotes are ignored: words are matched one by one.
  async search(query) {
    const seen = new Set();
    const wanted = words(query.replace(/"/g, " "), this.english).filter((w) => {
      if (w.term === null || seen.has(w.term)) return false;
      seen.add(w.term);
      return true;
    });
    const lists = await Promise.all(wanted.map((w, k) => this.lookup(w, k === wanted.length - 1)));
    const found = lists.filter((l) => l !== null);
    const matched = new Set(found.flatMap((l) => l.terms));
    if (found.length === 0) return { results: [], matched, all: true };
    const all = found.length === wanted.length;
    const total = new Map();
    if (all) {
      const [smallest, ...rest] = [...found].sort((a, b) => a.scores.size - b.scores.size);
      for (const [doc, score] of smallest.scores) {
        let sum = score;
        for (const l of rest) {
          const s = l.scores.get(doc);
          if (s === undefined) {
            sum = -1;
            break;
          }
          sum += s;
        }
        if (sum >= 0) total.set(doc, { doc, words: found.length, score: sum });
      }
    }
    const some = total.size === 0 && found.length > 1;
    if (some || !all) {
      for (const l of found) {
        for (const [doc, score] of l.scores) {
          const r = total.get(doc) || { doc, words: 0, score: 0 };
          r.words += 1;
          r.score += score;
          total.set(doc, r);
        }
      }
    }
    const results = [...total.values()].sort((a, b) => b.words - a.words || b.score - a.score || a.doc - b.doc);
    return { results, matched, all: all && !some };
  }
}

// ---------------------------------------------------------------------------------------------
// Showing results.

// Where a text's words match the query: the words, and for each whether it matched.
function marked(text, matched, english) {
  const list = words(text, english);
  return list.map((w) => ({ ...w, hit: w.term !== null && matched.has(w.term) }));
}

// How well a section matches: distinct matched terms in its heading count most, then in its
// text, then how often.
function sectionScore(heading, text) {
  const distinct = (list) => new Set(list.filter((w) => w.hit).map((w) => w.term)).size;
  const hits = text.filter((w) => w.hit).length;
  return 4 * distinct(heading) + 2 * distinct(text) + Math.min(hits, 5) / 5;
}

// Text with the matched words in <mark>, built from text nodes only, so nothing in the index
// can ever become markup. Line breaks between paragraphs show as " · ".
function highlighted(text, list, from, to) {
  const out = document.createDocumentFragment();
  const plain = (s) => out.appendChild(document.createTextNode(s.replace(/\s*\n\s*/g, " \u00b7 ")));
  let at = list.length > 0 ? list[from].start : 0;
  if (from > 0) plain("\u2026 ");
  for (let i = from; i <= to && i < list.length; i++) {
    const w = list[i];
    if (!w.hit) continue;
    plain(text.slice(at, w.start));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(w.start, w.end);
    out.appendChild(mark);
    at = w.end;
  }
  const end = list.length === 0 ? text.length : list[Math.min(to, list.length - 1)].end;
  plain(text.slice(at, end));
  if (to < list.length - 1) plain(" \u2026");
  return out;
}

// The first window of EXCERPT_WORDS words with the most distinct matched terms (then the most
// matches), moved on so that its first match has a few words before it rather than many.
function excerpt(text, list) {
  const n = list.length;
  if (n <= EXCERPT_WORDS) return highlighted(text, list, 0, n - 1);
  let best = 0;
  let bestKey = 0;
  for (let s = 0; s + EXCERPT_WORDS <= n; s++) {
    const terms = new Set();
    let hits = 0;
    for (let i = s; i < s + EXCERPT_WORDS; i++) {
      if (list[i].hit) {
        terms.add(list[i].term);
        hits++;
      }
    }
    const key = terms.size * 1000 + hits;
    if (key > bestKey) {
      bestKey = key;
      best = s;
    }
  }
  if (bestKey > 0) {
    // The first best window ends at a match; any window from `best` up to four words before
    // the first match holds the same matches or more.
    const first = list.findIndex((w, i) => i >= best && w.hit);
    best = Math.max(best, Math.min(first - 4, n - EXCERPT_WORDS));
  }
  return highlighted(text, list, best, best + EXCERPT_WORDS - 1);
}

function paragraph(className, content) {
  const p = document.createElement("p");
  p.className = className;
  if (typeof content === "string") p.textContent = content;
  else p.appendChild(content);
  return p;
}

function resultItem(fragment, matched, english, siteRoot) {
  const li = document.createElement("li");
  li.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  const page = new URL(fragment.url, siteRoot);
  link.href = page.href;
  link.textContent = fragment.title;
  heading.appendChild(link);
  li.appendChild(heading);
  if (fragment.description) li.appendChild(paragraph("search-result__description", fragment.description));

  const sections = (fragment.sections || []).map((section, k) => {
    const text = section.text || "";
    const list = marked(text, matched, english);
    const head = marked(section.heading || "", matched, english);
    return { section, k, text, list, head, score: sectionScore(head, list) };
  });
  const linked = sections
    .filter((x) => x.section.id && x.score > 0)
    .sort((a, b) => b.score - a.score || a.k - b.k)
    .slice(0, MAX_SECTIONS);
  if (linked.length > 0) {
    const list = document.createElement("ul");
    list.className = "search-result__sections";
    list.setAttribute("aria-label", "Matching sections of \u201c" + fragment.title + "\u201d");
    for (const x of linked) {
      const item = document.createElement("li");
      const a = document.createElement("a");
      const target = new URL(page);
      target.hash = x.section.id;
      a.href = target.href;
      a.appendChild(highlighted(x.section.heading, x.head, 0, x.head.length - 1));
      item.appendChild(a);
      if (x.list.length > 0) item.appendChild(paragraph("search-result__excerpt", excerpt(x.text, x.list)));
      list.appendChild(item);
    }
    li.appendChild(list);
    return li;
  }
  // No section with a heading matched: show the text before the first heading if it matched,
  // else the page's other names if they did ("Explains: absolute neutrophil count, ANC"), else
  // its opening words.
  const names = [
    ["Also called: ", fragment.also],
    ["Explains: ", fragment.explains],
  ]
    .filter(([, names]) => names && names.length > 0)
    .map(([label, names]) => {
      const text = label + names.join(", ");
      return { text, list: marked(text, matched, english) };
    })
    .find((x) => x.list.some((w) => w.hit));
  const shown =
    sections.find((x) => !x.section.id && x.score > 0) || names || sections.find((x) => x.list.length > 0);
  if (shown) li.appendChild(paragraph("search-result__excerpt", excerpt(shown.text, shown.list)));
  return li;
}

// ---------------------------------------------------------------------------------------------
// The page.

async function start() {
  const form = document.querySelector(".search-form");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const noJs = document.getElementById("search-nojs");
  if (!form || !input || !status || !results) return;
  const siteRoot = new URL("./", import.meta.url);
  let current = 0; // increases with every search, so a slow older search never overwrites a newer one
  let timer = null;
  const setStatus = (text) => {
    status.textContent = text;
  };
  const failed = (error) => {
    if (noJs) {
      noJs.hidden = false;
      noJs.firstElementChild.textContent = "Search is not available right now.";
    }
    setStatus("Search is not available right now.");
    console.error("medleaf search:", error);
  };

  if (noJs) noJs.hidden = true;
  let index;
  try {
    index = await SearchIndex.load(new URL("search/", siteRoot));
  } catch (error) {
    failed(error);
    return;
  }

  const showPage = async (found, matched, list, from, id) => {
    const slice = found.slice(from, from + PAGE_SIZE);
    const fragments = await Promise.all(slice.map((r) => index.doc(r.doc)));
    if (id !== current) return null;
    const items = fragments.map((f) => resultItem(f, matched, index.english, siteRoot));
    for (const item of items) list.appendChild(item);
    return items[0] || null;
  };

  const moreButton = (found, matched, list, shownSoFar, id) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "search-more";
    const rest = Math.min(PAGE_SIZE, found.length - shownSoFar);
    button.textContent = "Show " + rest + " more " + (rest === 1 ? "result" : "results");
    button.addEventListener("click", async () => {
      button.disabled = true;
      let first;
      try {
        first = await showPage(found, matched, list, shownSoFar, id);
      } catch (error) {
        failed(error);
        return;
      }
      button.remove();
      const shown = Math.min(found.length, shownSoFar + PAGE_SIZE);
      if (shown < found.length) results.appendChild(moreButton(found, matched, list, shown, id));
      // The button is gone: put focus on the first new result so keyboard users carry on there.
      if (first) first.querySelector("a").focus();
      setStatus("Showing " + shown + " of " + found.length + " results.");
    });
    return button;
  };

  const runSearch = async (query) => {
    const id = ++current;
    const term = query.trim();
    if (!term) {
      results.replaceChildren();
      setStatus("");
      return;
    }
    const list = document.createElement("ol");
    list.className = "search-results__list";
    let outcome;
    try {
      outcome = await index.search(query);
      if (id !== current) return;
      await showPage(outcome.results, outcome.matched, list, 0, id);
    } catch (error) {
      failed(error);
      return;
    }
    if (id !== current) return;
    const found = outcome.results;
    results.replaceChildren();
    if (found.length === 0) {
      results.appendChild(
        paragraph("search-results__none", "Check the spelling, try fewer words, or use another word for the same thing."),
      );
    } else {
      if (!outcome.all) {
        results.appendChild(paragraph("search-results__note", "No page has all of these words. These pages have some of them."));
      }
      results.appendChild(list);
      if (found.length > PAGE_SIZE) results.appendChild(moreButton(found, outcome.matched, list, PAGE_SIZE, id));
    }
    const count = found.length === 0 ? "No results" : found.length === 1 ? "1 result" : found.length + " results";
    setStatus(count + " for \u201c" + term + "\u201d.");
  };

  // Keeps the query in the address, so reloading, sharing or going back shows the same results.
  const remember = (query) => {
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value.trim());
    runSearch(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      remember(input.value.trim());
      runSearch(input.value);
    }, TYPING_DELAY_MS);
  });
  const query = new URLSearchParams(window.location.search).get("q") || "";
  if (query) {
    input.value = query;
    runSearch(query);
  }
}

// Only on a page: Node.js imports this file to check the text rules.
if (typeof document !== "undefined") start();
