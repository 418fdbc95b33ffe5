// The shared text-rule vectors (tests/fixtures/stemmer-vectors.txt and
// search-terms-vectors.txt), which static/search.js and src/search/text.rs must both follow:
// a query finds a page only if the browser turns its words into the terms the build indexed.

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
      const tab = line.indexOf("\t");
      if (tab < 0) throw new Error(`line ${n} has no tab: ${line}`);
      return { n, input: line.slice(0, tab), expected: line.slice(tab + 1) };
    });
}

/** Both vector files: `{stems: [{n, input, expected}], terms: [...]}`. */
export async function loadVectors() {
  const read = (name) => readFile(path.join(repo, "tests/fixtures", name), "utf8");
  return {
    stems: parse(await read("stemmer-vectors.txt")),
    terms: parse(await read("search-terms-vectors.txt")),
  };
}

/**
 * The vectors that `api` (search.js's exports `stem` and `terms`) gets wrong, as messages.
 * Self-contained (no closures over this module), so a check can run it inside the browser
 * with page.evaluate.
 */
export function mismatches(api, vectors) {
  const wrong = [];
  for (const v of vectors.stems) {
    const got = api.stem(v.input);
    if (got !== v.expected) wrong.push(`stemmer-vectors.txt:${v.n}: ${v.input} -> ${got}, expected ${v.expected}`);
  }
  for (const v of vectors.terms) {
    const got = api.terms(v.input).join(" ");
    if (got !== v.expected) wrong.push(`search-terms-vectors.txt:${v.n}: ${JSON.stringify(v.input)} -> ${JSON.stringify(got)}, expected ${JSON.stringify(v.expected)}`);
  }
  return wrong;
}
