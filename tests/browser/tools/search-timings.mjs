// Measures how long queries take in Chromium on a built site (issue 18: at most 50 ms a query on
// the example site): for each query, a fresh tab opens /search/?q=QUERY (the first query: the
// manifest is loaded before, every chunk, vocabulary file and result fragment is fetched), then
// the same query is submitted again from the search box (files already fetched: the work of the
// script itself). The time is search.js's own `medleaf search` measure, from the query to the
// results shown.
//
//   node tests/browser/tools/search-timings.mjs SITE_DIR QUERY...
//
// Prints one line per query and the largest of each column. Not a test: timings depend on the
// machine and its load.

import path from "node:path";
import { launchBrowser } from "../lib/browser.mjs";
import { serveSite } from "../lib/server.mjs";

const [site, ...queries] = process.argv.slice(2);
if (!site || queries.length === 0) {
  console.error("usage: search-timings.mjs SITE_DIR QUERY...");
  process.exit(2);
}

const server = await serveSite(path.resolve(site), { mounts: ["/"] });
const browser = await launchBrowser();
const measures = (page) => page.evaluate(() => performance.getEntriesByName("medleaf search").map((e) => e.duration));
const worst = { first: 0, again: 0 };
try {
  for (const query of queries) {
    const page = await browser.context.newPage();
    await page.goto(server.url("/", "search/?q=" + encodeURIComponent(query)));
    const status = page.locator("#search-status");
    await status.filter({ hasText: /result/ }).waitFor({ timeout: 60000 });
    const [first] = await measures(page);
    const box = page.getByLabel("Search this site");
    await box.fill(query);
    await box.press("Enter");
    await page.waitForFunction(() => performance.getEntriesByName("medleaf search").length >= 2);
    const [, again] = await measures(page);
    worst.first = Math.max(worst.first, first);
    worst.again = Math.max(worst.again, again);
    console.log(`${JSON.stringify(query)}: first ${first.toFixed(1)} ms, again ${again.toFixed(1)} ms; ${(await status.textContent()).trim()}`);
    await page.close();
  }
  console.log(`largest: first ${worst.first.toFixed(1)} ms, again ${worst.again.toFixed(1)} ms`);
} finally {
  await browser.close();
  await server.close();
}
