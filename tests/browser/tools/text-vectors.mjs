// Checks static/search.js's text rules (tokens, stopwords, stemmers, spelling folds, edit
// distance) against the vectors the Rust indexer is tested with, in Node.js (no browser needed). tests/search.rs runs it when `node`
// is installed; checks/search.mjs runs the same check inside Chromium.
//
//   node tests/browser/tools/text-vectors.mjs
//
// Exits 1 and lists the differences if any vector fails.

import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countVectors, loadVectors, mismatches } from "../lib/text-vectors.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
// search.js is a browser module beside no package.json: import its text as a module, where it
// only defines its functions (it starts the search page only when there is a document).
const load = async (file) =>
  import("data:text/javascript;base64," + (await readFile(path.join(repo, "static", file))).toString("base64"));
const api = await load("search.js");
// The Spanish analysis, which search.js loads itself on a Spanish site.
const es = await load("search-es.js");
api.useSpanish(es);
const vectors = await loadVectors();
const wrong = mismatches(api, es, vectors);
if (wrong.length > 0) {
  console.error(wrong.join("\n"));
  console.error(`text-vectors: ${wrong.length} of ${countVectors(vectors)} vectors differ`);
  process.exit(1);
}
console.log(`text-vectors: search.js agrees on all ${countVectors(vectors)} vectors`);
