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
// or a query would miss what was indexed: src/search/vectors/stemmer-vectors.txt and
// search-terms-vectors.txt are checked against both (tests/browser/tools/text-vectors.mjs).

const PAGE_SIZE = 10;
const MAX_SECTIONS = 3;
const TYPING_DELAY_MS = 350;
const EXCERPT_WORDS = 24;
// A last word that is not in the index, perhaps typed only in part ("neutro"), matches this many
// of the terms that start with it (the most common first).
const MAX_PREFIX_TERMS = 30;
const FORMAT_VERSION = 2;
// The share of its score a page keeps for a word it has only in another spelling, when the query
// is in this one (src/search/postings.rs VARIANT).
const VARIANT = 0.7;

// ---------------------------------------------------------------------------------------------
// Text rules: the same as src/search/text.rs, spelling.rs and spanish.rs.

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

// Spelling folds, English: British -> American (src/search/spelling.rs, which documents the
// rules and their source). The lists are the same as there.
const AE_OE = [
  ["aemi", "emi"], ["haem", "hem"], ["paed", "ped"], ["gynaec", "gynec"], ["aetiol", "etiol"],
  ["aesth", "esth"], ["faec", "fec"], ["caec", "cec"], ["caesare", "cesare"], ["caesari", "cesari"],
  ["oedem", "edem"], ["oesoph", "esoph"], ["oestr", "estr"], ["rrhoe", "rrhe"], ["pnoe", "pne"],
  ["coeli", "celi"], ["foet", "fet"], ["homoeo", "homeo"], ["amoeb", "ameb"], ["manoeuv", "maneuv"],
  ["leuco", "leuko"], ["leucem", "leukem"],
];
const OUR = (
  "arbour ardour armour behaviour candour clamour colour demeanour endeavour favour fervour flavour " +
  "harbour honour humour labour neighbour odour parlour rancour rigour rumour saviour savour " +
  "splendour succour tumour valour vapour vigour"
).split(" ");
const ISE_KEEP = (
  "advert appr cer chast chem circumc compr comprom conc dem desp enterpr exc exerc expert franch " +
  "highr inc merchand moonr mort parad prec prem prom repr sunr surm surpr treat upr val " +
  "clitor derm glott mant pen tenn trell"
).split(" ");
const ISE_ENDINGS = ["e", "ed", "es", "ing", "er", "ers", "ation", "ations", "able"];
const YSE_ENDINGS = ["e", "ed", "ing", "er", "ers"];
const RE = (
  "calib cent centimet decimet fib goit kilomet lit lust maneuv meag micromet millimet mit nanomet " +
  "reconnoit sab scept sepulch somb spect theat tit"
).split(" ");

function ize(w) {
  for (const ending of YSE_ENDINGS) {
    if (w.endsWith("lys" + ending) && w.length - ending.length - 3 >= 2) {
      return w.slice(0, w.length - ending.length - 3) + "lyz" + ending;
    }
  }
  for (const ending of ISE_ENDINGS) {
    if (!w.endsWith("is" + ending)) continue;
    const base = w.slice(0, w.length - ending.length - 2);
    if (base === "") return null;
    const keep =
      base.length < 3 ||
      "aeiouvwy".includes(base[base.length - 1]) ||
      ISE_KEEP.some((k) => base === k || (k.length >= 4 && base.endsWith(k)));
    return keep ? null : base + "iz" + ending;
  }
  return null;
}

function er(w) {
  for (const [ending, american] of [["re", "er"], ["res", "ers"], ["red", "ered"], ["ring", "ering"]]) {
    if (!w.endsWith(ending)) continue;
    const base = w.slice(0, w.length - ending.length);
    if (RE.some((part) => base.endsWith(part))) return base + american;
  }
  return null;
}

/** The American spelling of a normalized token, or the token (spelling.rs `fold`). */
export function foldEn(token) {
  if (token.length < 4 || !/^[a-z]+$/.test(token)) return token;
  let w = token;
  // Each rule is tried only on words with the letters it needs: this runs on every word of the
  // results shown.
  if (w.includes("ae") || w.includes("oe") || w.includes("leuc")) {
    for (const [british, american] of AE_OE) if (w.includes(british)) w = w.replaceAll(british, american);
  }
  if (w.includes("our")) {
    const our = OUR.find((word) => w.includes(word));
    if (our) w = w.replaceAll(our, our.replace("our", "or"));
  }
  if (/[iy]s(?:e|ed|es|ing|er|ers|ation|ations|able)$/.test(w)) w = ize(w) ?? w;
  if (/r(?:e|es|ed|ing)$/.test(w)) w = er(w) ?? w;
  return w;
}

// Spanish is in search-es.js (src/search/spanish.rs), fetched only by a Spanish site's search
// page: an English reader's first query does not download it.
let spanish = null;

/** Sets the Spanish analysis (search-es.js's exports), before any Spanish text is analysed. */
export function useSpanish(module) {
  spanish = module;
}

// The whole chain.

/**
 * The terms of a normalized token (text.rs `analyse`): `null` for a stopword, else its term and
 * the term of its folded spelling (`null` when there is none or it is the same).
 * @param {"en" | "es" | "other"} lang
 */
export function analyse(token, lang = "en") {
  // The same words come back in every result and every excerpt: analyse each once.
  const key = lang + "\u0000" + token;
  let a = analysed_.get(key);
  if (a === undefined) {
    if (analysed_.size > 50000) analysed_.clear();
    a = analyseToken(token, lang);
    analysed_.set(key, a);
  }
  return a;
}

const analysed_ = new Map();

function analyseToken(token, lang) {
  let term = token;
  let folded = null;
  if (lang === "en") {
    if (STOPWORDS.has(token)) return null;
    term = stem(token);
    const f = foldEn(token);
    if (f !== token) folded = stem(f);
  } else if (lang === "es") {
    if (spanish === null) throw new Error("the Spanish analysis (search-es.js) is not loaded");
    const f = spanish.foldEs(token);
    if (spanish.STOPWORDS_ES.has(f)) return null;
    term = spanish.stemEs(token);
    if (f !== token) folded = spanish.stemEs(f);
  }
  return { term, folded: folded === term ? null : folded };
}

/**
 * Every token of `text` with where it is, its index term (`null` for a stopword) and the term of
 * its folded spelling (`null` if none).
 * @returns {{start: number, end: number, token: string, term: string | null, folded: string | null}[]}
 */
export function words(text, lang = "en") {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    const token = normalize(m[0]);
    const a = analyse(token, lang);
    out.push({ start: m.index, end: m.index + m[0].length, token, term: a && a.term, folded: a && a.folded });
  }
  return out;
}

/** The index terms of `text`, in order (text.rs `terms`): exact spellings only. */
export function terms(text, lang = "en") {
  return words(text, lang)
    .filter((w) => w.term !== null)
    .map((w) => w.term);
}

/** The terms of `text` as the vector files write them: `term` or `term|folded`. */
export function analysed(text, lang = "en") {
  return words(text, lang)
    .filter((w) => w.term !== null)
    .map((w) => (w.folded ? w.term + "|" + w.folded : w.term));
}

// ---------------------------------------------------------------------------------------------
// Typo tolerance (src/search/typo.rs).

/** How many edits a query word of `chars` characters may be corrected by (typo.rs `max_edits`). */
export function maxEdits(chars) {
  return chars < 4 ? 0 : chars < 8 ? 1 : 2;
}

// The optimal-string-alignment distance of two arrays of characters, or any value above `k` as
// soon as every alignment costs more (typo.rs `osa`).
function osa(a, b, k) {
  const n = a.length;
  const m = b.length;
  let two = new Array(m + 1).fill(0);
  let one = Array.from({ length: m + 1 }, (_, j) => j);
  let row = new Array(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(one[j] + 1, row[j - 1] + 1, one[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, two[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > k) return best;
    [two, one, row] = [one, row, two];
  }
  return one[m];
}

/** The edit distance of `a` and `b` in characters, a swap of neighbours counting one (typo.rs `distance`). */
export function distance(a, b) {
  return osa(Array.from(a), Array.from(b), Infinity);
}

/** Whether `a` and `b` are at most `k` edits apart (typo.rs `within`). */
export function within(a, b, k) {
  const x = Array.from(a);
  const y = Array.from(b);
  return Math.abs(x.length - y.length) <= k && osa(x, y, k) <= k;
}

// The best of `vocabulary` ({term, strong, pages}) for `term` within `k` edits, among the terms
// starting with `lead`: naming something, then nearest, then on more pages, then byte order.
function nearest(term, k, vocabulary, lead) {
  let best = null;
  for (const w of vocabulary) {
    if (!w.term.startsWith(lead) || w.term === term || !within(term, w.term, k)) continue;
    const c = { w, d: distance(term, w.term) };
    const better =
      best === null ||
      (c.w.strong !== best.w.strong
        ? c.w.strong
        : c.d !== best.d
          ? c.d < best.d
          : Math.min(c.w.pages, 127) !== Math.min(best.w.pages, 127)
            ? Math.min(c.w.pages, 127) > Math.min(best.w.pages, 127)
            : compareTerms(c.w.term, best.w.term) < 0);
    if (better) {
      best = c;
    }
  }
  return best && best.w.term;
}

// The characters whose vocabulary is searched for `term`: its first, then its second.
function leads(term) {
  const [first, second] = Array.from(term);
  return second !== undefined && second !== first ? [first, second] : first !== undefined ? [first] : [];
}

/** The correction of a term typed as a word of `chars` characters (typo.rs `correct`). */
export function correct(term, chars, vocabulary) {
  const k = maxEdits(chars);
  if (k === 0) return null;
  for (const lead of leads(term)) {
    const found = nearest(term, k, vocabulary, lead);
    if (found) return found;
  }
  return null;
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

// A vocabulary file (words/<i>.bin, src/search/typo.rs `files`): {term, strong, pages} per term.
function decodeWords(buffer) {
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
  const out = new Array(count);
  let previous = new Uint8Array(0);
  for (let i = 0; i < count; i++) {
    const shared = varint();
    const length = varint();
    const term = new Uint8Array(shared + length);
    term.set(previous.subarray(0, shared));
    term.set(bytes.subarray(pos, pos + length), shared);
    pos += length;
    previous = term;
    const flags = bytes[pos++];
    out[i] = { term: fromUtf8.decode(term), strong: (flags & 0x80) !== 0, pages: flags & 0x7f };
  }
  return out;
}

// The index of the last of the sorted `firsts` that is not after `term` (that is before it, if
// `strictly`), or -1; `compare` orders them.
function lastNotAfter(firsts, term, compare = compareTerms, strictly = false) {
  let lo = 0;
  let hi = firsts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compare(firsts[mid], term);
    if (c < 0 || (c === 0 && !strictly)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

// The order of the vocabulary files' keys, [first character, length] (src/search/typo.rs `key`).
const compareKeys = (a, b) => compareTerms(a[0], b[0]) || a[1] - b[1];

class SearchIndex {
  static async load(base) {
    // Always ask the host whether the manifest changed: it names the version of every other file.
    const response = await fetch(new URL("manifest.json", base), { cache: "no-cache" });
    if (!response.ok) throw new Error("no search index (" + response.status + ")");
    const manifest = await response.json();
    if (manifest.version !== FORMAT_VERSION) throw new Error("search index version " + manifest.version);
    if (manifest.lang === "es") useSpanish(await import(new URL("search-es.js", import.meta.url)));
    return new SearchIndex(base, manifest);
  }

  constructor(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    // The text analysis of the index (src/search/text.rs `Lang`).
    this.lang = ["en", "es"].includes(manifest.lang) ? manifest.lang : "other";
    this.chunks = new Map();
    this.wordFiles = new Map();
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
    return lastNotAfter(this.manifest.chunks, term);
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

  // Doc id -> score for `term`, or null when it is not in the index.
  async find(term) {
    const i = this.chunkFor(term);
    if (i < 0) return null;
    const chunk = await this.chunk(i);
    const k = chunk.byTerm.get(term);
    return k === undefined ? null : this.postings(chunk, k);
  }

  // The terms starting with `prefix` (the most common first, at most MAX_PREFIX_TERMS) and
  // doc id -> the best of their scores; null if there are none.
  async prefixed(prefix) {
    const found = [];
    const firsts = this.manifest.chunks;
    // The terms that start with the prefix are in its chunk and maybe the next ones.
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

  wordFile(i) {
    if (!this.wordFiles.has(i)) this.wordFiles.set(i, this.fetchFile("words/" + i + ".bin").then(decodeWords));
    return this.wordFiles.get(i);
  }

  // The vocabulary terms that start with the character `lead` and have `lo` to `hi` characters:
  // the files whose range can hold them (sorted by first character, then length), fetched
  // together.
  async vocabulary(lead, lo, hi) {
    const firsts = this.manifest.words || [];
    const from = Math.max(0, lastNotAfter(firsts, [lead, lo], compareKeys, true));
    const to = lastNotAfter(firsts, [lead, hi], compareKeys);
    const wanted = [];
    for (let i = from; i <= to; i++) wanted.push(i);
    const files = await Promise.all(wanted.map((i) => this.wordFile(i)));
    return files.flat().filter((w) => {
      const n = Array.from(w.term).length;
      return w.term.startsWith(lead) && n >= lo && n <= hi;
    });
  }

  // The correction of `term`, typed as a word of `chars` characters (see `correct`), fetching
  // only the vocabulary that can be within reach: the right first character, lengths within the
  // allowed edits.
  async corrected(term, chars) {
    const k = maxEdits(chars);
    if (k === 0) return null;
    const n = Array.from(term).length;
    for (const lead of leads(term)) {
      const found = nearest(term, k, await this.vocabulary(lead, n - k, n + k), lead);
      if (found) return found;
    }
    return null;
  }

  // One query word, tried in this order: its own term and its folded spelling's (a page with
  // the word in this spelling first); for the last word, the terms it starts (a word typed in
  // part); the nearest term within reach of a typo. `exact` (the reader asked for exactly what
  // was typed) skips the folded spelling and the typo. Returns the matched terms, doc id ->
  // score, and the correction shown to the reader, if any: {term, word} where `word` is how to
  // write it (null: find it in the results).
  async lookup(word, last, exact) {
    const [own, folded] = await Promise.all([
      this.find(word.term),
      !exact && word.folded ? this.find(word.folded) : null,
    ]);
    if (own || folded) {
      const terms = [own && word.term, folded && word.folded].filter(Boolean);
      const scores = new Map(own || []);
      for (const [doc, score] of folded || []) {
        // The folded term already holds the pages in this spelling when the query is in the
        // other one; in the query's spelling they rank first.
        const s = own ? score * VARIANT : score;
        if (!(scores.get(doc) >= s)) scores.set(doc, s);
      }
      // An English word found only in its other spelling is shown as corrected ("leukaemia"
      // on an American site); a Spanish word without its accents is simply found.
      const correction = !own && this.lang === "en" ? { term: word.folded, word: foldEn(word.token) } : null;
      return { terms, scores, correction };
    }
    if (last && word.token.length >= 3) {
      const folded = this.lang === "es" ? spanish.foldEs(word.token) : this.lang === "en" ? foldEn(word.token) : word.token;
      const found = (await this.prefixed(word.token)) || (folded !== word.token ? await this.prefixed(folded) : null);
      if (found) return { ...found, correction: null };
    }
    if (exact) return null;
    const term = await this.corrected(word.folded || word.term, Array.from(word.token).length);
    if (term === null) return null;
    const scores = await this.find(term);
    return scores && { terms: [term], scores, correction: { term, word: null } };
  }

  // Pages with every word of the query, best first; if none, pages with some of the words
  // (most words first). Quotes are ignored: words are matched one by one. `corrections` lists
  // the query words found under another term: {start, end, token, term, word}.
  async search(query, exact = false) {
    const seen = new Set();
    const wanted = words(query.replace(/"/g, " "), this.lang).filter((w) => {
      if (w.term === null || seen.has(w.term)) return false;
      seen.add(w.term);
      return true;
    });
    const lists = await Promise.all(wanted.map((w, k) => this.lookup(w, k === wanted.length - 1, exact)));
    const corrections = [];
    lists.forEach((l, k) => {
      if (l && l.correction) corrections.push({ ...wanted[k], ...l.correction, term: l.correction.term });
    });
    const found = lists.filter((l) => l !== null);
    const matched = new Set(found.flatMap((l) => l.terms));
    if (found.length === 0) return { results: [], matched, all: true, corrections };
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
    return { results, matched, all: all && !some, corrections };
  }
}

// ---------------------------------------------------------------------------------------------
// Showing results.

// Where a text's words match the query: the words, and for each whether it matched.
function marked(text, matched, lang) {
  const list = words(text, lang);
  return list.map((w) => ({ ...w, hit: w.term !== null && (matched.has(w.term) || (w.folded !== null && matched.has(w.folded))) }));
}

// How to write a corrected term for the reader: the first word of the results (titles, other
// names, headings, text) that has the term, lowercased; the term itself if none does.
function spelled(term, fragments, lang) {
  for (const f of fragments) {
    const texts = [f.title, ...(f.also || []), ...(f.explains || [])];
    for (const section of f.sections || []) texts.push(section.heading || "", section.text || "");
    for (const text of texts) {
      const w = words(text, lang).find((w) => w.term === term || w.folded === term);
      if (w) return text.slice(w.start, w.end).toLowerCase().replace(/['\u2019]s$/, "");
    }
  }
  return term;
}

// The query with its corrected words replaced: [text, corrected?] pieces.
function correctedQuery(query, corrections) {
  const pieces = [];
  let at = 0;
  for (const c of [...corrections].sort((a, b) => a.start - b.start)) {
    if (c.start > at) pieces.push([query.slice(at, c.start), false]);
    pieces.push([c.word, true]);
    at = c.end;
  }
  if (at < query.length) pieces.push([query.slice(at), false]);
  return pieces;
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

// The page's interface strings, in its language (`<script type="application/json"
// id="medleaf-search-strings">`, written by medleaf from its catalogs); `{name}` parts filled in.
let STRINGS = {};
function say(key, values = {}) {
  let text = STRINGS[key] || key;
  for (const [name, value] of Object.entries(values)) text = text.split("{" + name + "}").join(String(value));
  return text;
}

function resultItem(fragment, matched, lang, siteRoot) {
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
    const list = marked(text, matched, lang);
    const head = marked(section.heading || "", matched, lang);
    return { section, k, text, list, head, score: sectionScore(head, list) };
  });
  const linked = sections
    .filter((x) => x.section.id && x.score > 0)
    .sort((a, b) => b.score - a.score || a.k - b.k)
    .slice(0, MAX_SECTIONS);
  if (linked.length > 0) {
    const list = document.createElement("ul");
    list.className = "search-result__sections";
    list.setAttribute("aria-label", say("search_sections", { title: fragment.title }));
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
    [say("search_also_called"), fragment.also],
    [say("search_explains"), fragment.explains],
  ]
    .filter(([, names]) => names && names.length > 0)
    .map(([label, names]) => {
      const text = label + names.join(", ");
      return { text, list: marked(text, matched, lang) };
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
  const strings = document.getElementById("medleaf-search-strings");
  if (strings) STRINGS = JSON.parse(strings.textContent);
  const siteRoot = new URL("./", import.meta.url);
  // The page's own language's index: beside the search page (`search/`, `es/search/`).
  const indexBase = new URL(results.dataset.index || "./", window.location.href);
  let current = 0; // increases with every search, so a slow older search never overwrites a newer one
  let timer = null;
  const setStatus = (text) => {
    status.textContent = text;
  };
  const failed = (error) => {
    if (noJs) {
      noJs.hidden = false;
      noJs.firstElementChild.textContent = say("search_unavailable");
    }
    setStatus(say("search_unavailable"));
    console.error("medleaf search:", error);
  };

  if (noJs) noJs.hidden = true;
  let index;
  try {
    index = await SearchIndex.load(indexBase);
  } catch (error) {
    failed(error);
    return;
  }

  const showPage = async (found, matched, list, from, id) => {
    const slice = found.slice(from, from + PAGE_SIZE);
    const fragments = await Promise.all(slice.map((r) => index.doc(r.doc)));
    if (id !== current) return null;
    const items = fragments.map((f) => resultItem(f, matched, index.lang, siteRoot));
    for (const item of items) list.appendChild(item);
    return items[0] || null;
  };

  const moreButton = (found, matched, list, shownSoFar, id) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "search-more";
    const rest = Math.min(PAGE_SIZE, found.length - shownSoFar);
    button.textContent = rest === 1 ? say("search_show_one_more") : say("search_show_more", { count: rest });
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
      setStatus(say("search_showing", { shown, total: found.length }));
    });
    return button;
  };

  // The line above corrected results: "Showing results for *neutropenia*. Search instead for
  // “nuetropenia”", the link opening the same search with `exact=1`, which corrects nothing.
  const correctionLine = (query, corrections) => {
    const p = document.createElement("p");
    p.className = "search-results__note search-results__correction";
    p.append(say("search_showing_for") + " ");
    const pieces = correctedQuery(query, corrections);
    pieces.forEach(([text, corrected], i) => {
      let t = i === 0 ? text.trimStart() : text;
      if (i === pieces.length - 1) t = t.trimEnd();
      if (!corrected) {
        p.append(t);
        return;
      }
      const em = document.createElement("em");
      em.textContent = t;
      p.append(em);
    });
    p.append(". ");
    const exact = new URL(window.location.href);
    exact.searchParams.set("q", query.trim());
    exact.searchParams.set("exact", "1");
    const a = document.createElement("a");
    a.className = "search-results__exact";
    a.href = exact.href;
    a.textContent = say("search_instead", { term: query.trim() });
    p.append(a);
    return { line: p, text: pieces.map(([t]) => t).join("").trim() };
  };

  const runSearch = async (query, exact = false) => {
    const id = ++current;
    const term = query.trim();
    if (!term) {
      results.replaceChildren();
      setStatus("");
      return;
    }
    const list = document.createElement("ol");
    list.className = "search-results__list";
    const started = performance.now();
    let outcome;
    try {
      outcome = await index.search(query, exact);
      if (id !== current) return;
      await showPage(outcome.results, outcome.matched, list, 0, id);
      // A corrected word is shown as the results write it ("neutropenia", not its stem).
      if (outcome.corrections.some((c) => c.word === null)) {
        const shown = await Promise.all(outcome.results.slice(0, PAGE_SIZE).map((r) => index.doc(r.doc)));
        for (const c of outcome.corrections) if (c.word === null) c.word = spelled(c.term, shown, index.lang);
      }
    } catch (error) {
      failed(error);
      return;
    }
    if (id !== current) return;
    // For developers and the browser checks: how long the query took, from typing to results.
    performance.measure("medleaf search", { start: started, detail: query });
    const found = outcome.results;
    const correction = found.length > 0 && outcome.corrections.length > 0 ? correctionLine(query, outcome.corrections) : null;
    results.replaceChildren();
    if (correction) results.appendChild(correction.line);
    if (found.length === 0) {
      results.appendChild(
        paragraph("search-results__none", say("search_none_help")),
      );
    } else {
      if (!outcome.all) {
        results.appendChild(paragraph("search-results__note", say("search_partial")));
      }
      results.appendChild(list);
      if (found.length > PAGE_SIZE) results.appendChild(moreButton(found, outcome.matched, list, PAGE_SIZE, id));
    }
    const count =
      found.length === 0 ? say("search_no_results") : found.length === 1 ? say("search_one_result") : say("search_results", { count: found.length });
    if (correction) setStatus(say("search_corrected", { count, correction: correction.text, term }));
    else setStatus(say("search_for", { count, term }));
  };

  // Keeps the query in the address, so reloading, sharing or going back shows the same results.
  // A new query is corrected again: `exact` goes.
  const remember = (query) => {
    const url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    url.searchParams.delete("exact");
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
  const params = new URLSearchParams(window.location.search);
  const query = params.get("q") || "";
  if (query) {
    input.value = query;
    runSearch(query, params.get("exact") === "1");
  }
}

// Only on a page: Node.js imports this file to check the text rules.
if (typeof document !== "undefined") start();
