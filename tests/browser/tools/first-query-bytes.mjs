// Measures what a reader downloads for a first search: opens /search/?q=QUERY in a fresh
// browser (empty cache) and adds up every response the server sent until the results are shown.
//
//   node tests/browser/tools/first-query-bytes.mjs SITE_DIR QUERY...
//
// Prints one line per query: total bytes (the search page, style sheet and scripts included),
// the part under search/ (manifest, index chunks, fragments of the first page of results) and
// the number of requests. Bytes are as the test server sends them, uncompressed: a host that
// compresses JSON sends less. Used for the README's figures on the 10,000-page benchmark site
// (issue 5).

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
const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
try {
  for (const query of queries) {
    const browser = await launchBrowser();
    const page = await browser.context.newPage();
    server.log.length = 0;
    await page.goto(server.url("/", "search/?q=" + encodeURIComponent(query)));
    await page.locator("#search-status").filter({ hasText: /results?|No results/ }).waitFor({ timeout: 60000 });
    const status = (await page.locator("#search-status").textContent()).trim();
    const index = server.log.filter((r) => r.path.startsWith("/search/") && !r.path.endsWith("/search/"));
    const part = (dir) => index.filter((r) => r.path.startsWith("/search/" + dir));
    const chunks = part("terms/");
    const docs = part("docs/");
    console.log(
      `${JSON.stringify(query)}: ${kb(sum(server.log))} in ${server.log.length} requests; ` +
        `search/ ${kb(sum(index))} (manifest ${kb(sum(part("manifest")))}, ` +
        `${chunks.length} chunks ${kb(sum(chunks))} [${chunks.map((r) => kb(r.bytes)).join(", ")}], ` +
        `${docs.length} fragments ${kb(sum(docs))}); ${status}`,
    );
    await browser.close();
  }
} finally {
  await server.close();
}
