// Measures what a reader downloads for a first search: opens /search/?q=QUERY in a fresh
// browser (empty cache) and adds up every response the server sent until the results are shown.
//
//   node tests/browser/tools/first-query-bytes.mjs SITE_DIR QUERY...
//
// Prints one line per query: total bytes, the part under pagefind/ (script, worker, WebAssembly,
// metadata, index chunks, fragments of the first page of results) and the number of requests.
// Used for the README's figures on the 10,000-page benchmark site (issue 5).

import path from "node:path";
import { launchBrowser } from "../lib/browser.mjs";
import { serveSite } from "../lib/server.mjs";

const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: first-query-bytes.mjs SITE_DIR QUERY...");
  process.exit(2);
}

const server = await serveSite(path.resolve(site), { mounts: ["/"] });
const kb = (n) => (n / 1000).toFixed(1) + " kB";
try {
  for (const query of queries) {
    const browser = await launchBrowser();
    const page = await browser.context.newPage();
    server.log.length = 0;
    await page.goto(server.url("/", "search/?q=" + encodeURIComponent(query)));
    await page.locator("#search-status").filter({ hasText: /results?|No results/ }).waitFor({ timeout: 60000 });
    const status = (await page.locator("#search-status").textContent()).trim();
    const all = server.log.reduce((n, r) => n + r.bytes, 0);
    const index = server.log.filter((r) => r.path.startsWith("/pagefind/"));
    const indexBytes = index.reduce((n, r) => n + r.bytes, 0);
    const largest = [...index].sort((a, b) => b.bytes - a.bytes).slice(0, 4)
      .map((r) => `${r.path.replace("/pagefind/", "")} ${kb(r.bytes)}`).join(", ");
    console.log(
      `${JSON.stringify(query)}: ${kb(all)} in ${server.log.length} requests, ` +
        `of which pagefind/ ${kb(indexBytes)} in ${index.length} (${status}; largest: ${largest})`,
    );
    await browser.close();
  }
} finally {
  await server.close();
}
