// The shared text-rule vectors, which static/search.js and src/search/ must both follow: a query
// finds a page only if the browser turns its words into the terms the build indexed.
//
//   stemmer-vectors.txt          word<TAB>stem (English)
//   stemmer-vectors-es.txt       word<TAB>stem (Snowball Spanish, from the rust-stemmers crate)
//   spelling-vectors.txt         word<TAB>American spelling
//   search-terms-vectors.txt     text<TAB>terms, `term|folded` (English)
//   search-terms-vectors-es.txt  text<TAB>terms, `term|folded` (Spanish)
//   edit-distance-vectors.txt    a<TAB>b<TAB>distance<TAB>yes|no (within reach as a typo)

import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

function parse(text) {
  return text
    .split("\n")
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line !== "" && !line.startsWith("#"))
    .map(({ line, n }) => {
      const cols = line.split("\t");
      if (cols.length < 2) throw new Error(`line ${n} has no tab: ${line}`);
      return { n, input: cols[0], expected: cols[1], cols };
    });
}

/** Every vector file, parsed: `{stems, stemsEs, spelling, terms, termsEs, distances}`. */
export async function loadVectors() {
  const read = async (name) => parse(await readFile(path.join(repo, "src/search/vectors", name), "utf8"));
  return {
    stems: await read("stemmer-vectors.txt"),
    stemsEs: await read("stemmer-vectors-es.txt"),
    spelling: await read("spelling-vectors.txt"),
    terms: await read("search-terms-vectors.txt"),
    termsEs: await read("search-terms-vectors-es.txt"),
    distances: await read("edit-distance-vectors.txt"),
  };
}

/** How many vectors there are in all. */
export function countVectors(vectors) {
  return Object.values(vectors).reduce((n, list) => n + list.length, 0);
}

/**
 * The vectors that `api` (search.js's exports, with `useSpanish` already given search-es.js's)
 * and `es` (search-es.js's exports) get wrong, as messages. Self-contained (no closures over this
 * module), so a check can run it inside the browser with page.evaluate.
 */
export function mismatches(api, es, vectors) {
  const wrong = [];
  const check = (file, v, got, expected) => {
    if (got !== expected) {
      wrong.push(`${file}:${v.n}: ${JSON.stringify(v.input)} -> ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
    }
  };
  for (const v of vectors.stems) check("stemmer-vectors.txt", v, api.stem(v.input), v.expected);
  for (const v of vectors.stemsEs) check("stemmer-vectors-es.txt", v, es.stemEs(v.input), v.expected);
  for (const v of vectors.spelling) check("spelling-vectors.txt", v, api.foldEn(v.input), v.expected);
  for (const v of vectors.terms) check("search-terms-vectors.txt", v, api.analysed(v.input, "en").join(" "), v.expected);
  for (const v of vectors.termsEs) check("search-terms-vectors-es.txt", v, api.analysed(v.input, "es").join(" "), v.expected);
  for (const v of vectors.distances) {
    const [a, b, d, reach] = v.cols;
    check("edit-distance-vectors.txt", v, String(api.distance(a, b)), d);
    check("edit-distance-vectors.txt", v, String(api.distance(b, a)), d);
    const k = api.maxEdits(Array.from(a).length);
    check("edit-distance-vectors.txt", v, k > 0 && api.within(a, b, k) ? "yes" : "no", reach);
  }
  return wrong;
}
