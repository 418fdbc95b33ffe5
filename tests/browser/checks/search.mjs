// Site search (issue 5) on the built example site, as a reader uses it: the header's search box,
// reached by keyboard, the results on /search/, and the links from a result to its article and
// to the heading of a matching section. Also: the same at a sub-path, without JavaScript, a word
// typed in part, a query no page fully matches, and the browser's text rules against the Rust
// indexer's (the shared vectors). Issue 18: British spellings and misspelled medical words find
// their articles under a "Showing results for" line, an exact word is never corrected, the link
// under the line searches exactly what was typed, and what a corrected query downloads.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { serveSite } from "../lib/server.mjs";
import { loadVectors, mismatches } from "../lib/text-vectors.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const title = "search";

const CBC = "Understanding your complete blood count";
const LEUKOPENIA = "Leukopenia (low white blood cell count)";

// What a reader types, the word the line "Showing results for ..." names, and the article the
// results must hold among their first two (the question page "Can leukopenia turn into leukemia?"
// may come before the Leukemia article: both titles name it). Words that will stay on the
// example site while its content changes: article titles.
const FORGIVEN = [
  ["leukaemia", "leukemia", "Leukemia"],
  ["anaemia", "anemia", "Aplastic anemia"],
  ["nuetropenia", "neutropenia", "Neutropenia after chemotherapy"],
  ["leukopena", "leukopenia", LEUKOPENIA],
  ["myelodisplastic", "myelodysplastic", "Myelodysplastic syndrome (MDS)"],
  ["agranulocitosis", "agranulocytosis", "Agranulocytosis from medicines"],
];

// Opens /search/?q=QUERY (plus `extra` parameters) and waits for the results to be announced.
async function searchFor(page, server, query, extra = "") {
  await page.goto(server.url("/", "search/?q=" + encodeURIComponent(query) + extra));
  const status = page.locator("#search-status");
  await status.filter({ hasText: /result/ }).waitFor();
  return (await status.textContent()).trim();
}

// The index files a page fetched, by kind ("terms", "words", "docs", "manifest.json").
function indexRequests(requests, kind) {
  return requests.filter((u) => new URL(u).pathname.includes("/search/" + kind));
}

// Tabs from the top of the page to the header's search box, proving it is reachable by keyboard
// in a sensible place (after the navigation, before the content).
async function tabToSearchBox(page) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (id === "site-search-q") return i + 1;
    assert.notEqual(id, "main", "reached the main content before the search box");
  }
  assert.fail("the header search box is not reachable with Tab");
}

// Types a query into the header box by keyboard and waits for the results to be announced.
async function searchFromHeader(page, query) {
  await tabToSearchBox(page);
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname.endsWith("/search/") && url.searchParams.get("q") === query);
  const status = page.locator("#search-status");
  await status.filter({ hasText: /result/ }).waitFor();
  return (await status.textContent()).trim();
}

function assertLocal(server, requests) {
  const foreign = requests.filter((u) => !u.startsWith(server.origin + "/") && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "the page loaded something from another host");
}

export default {
  async "ANC, typed into the header box, finds the complete blood count article first"({ server, newPage }) {
    const { page, requests, errors } = await newPage();
    await page.goto(server.url("/"));
    const announced = await searchFromHeader(page, "ANC");
    assert.match(announced, /^\d+ results? for “ANC”\.$/);

    const first = page.locator(".search-result__title a").first();
    assert.equal((await first.textContent()).trim(), CBC, "the complete blood count article is not the first result");
    const result = page.locator(".search-result").first();
    const marks = await result.locator("mark").allTextContents();
    assert.ok(marks.some((m) => /^anc$/i.test(m)), `no highlighted ANC in the result: ${marks}`);

    await result.getByRole("link", { name: CBC, exact: true }).click();
    await page.waitForURL(server.url("/", "tests/complete-blood-count/"));
    assert.equal(await page.locator("h1").textContent(), CBC);
    assertLocal(server, requests);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "a section result links to its heading"({ server, newPage }) {
    const { page, requests, errors } = await newPage();
    await page.goto(server.url("/", "tests/"));
    await searchFromHeader(page, "ANC");
    const result = page.locator(".search-result").filter({ has: page.getByRole("link", { name: CBC, exact: true }) });
    const section = result.locator(".search-result__sections a").first();
    await section.waitFor();
    const heading = (await section.textContent()).trim();
    // The best section is the one whose heading names the ANC.
    assert.match(heading, /\bANC\b/, `the first matching section is ${heading}`);
    const href = await section.getAttribute("href");
    const id = decodeURIComponent(href.split("#")[1]);
    assert.ok(id, `the section link has no fragment: ${href}`);

    await section.click();
    await page.waitForURL((url) => url.pathname.endsWith("/tests/complete-blood-count/") && url.hash === `#${encodeURIComponent(id)}`);
    const target = page.locator(`[id="${id}"]`);
    assert.match(await target.evaluate((el) => el.tagName), /^H[2-6]$/);
    assert.equal((await target.textContent()).trim(), heading);
    const top = await target.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top > -2 && top < 200, `the heading is not scrolled into view (top ${top})`);
    assertLocal(server, requests);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "low white count finds leukopenia on a site served below a sub-path"({ server, newPage }) {
    const { page, requests, errors } = await newPage();
    await page.goto(server.url("/sub/path/", "conditions/leukemia/"));
    await searchFromHeader(page, "low white count");
    assert.equal(new URL(page.url()).pathname, "/sub/path/search/");

    const first = page.locator(".search-result__title a").first();
    assert.equal((await first.textContent()).trim(), LEUKOPENIA, "leukopenia is not the first result");
    await first.click();
    await page.waitForURL(server.url("/sub/path/", "conditions/leukopenia/"));
    assert.equal(await page.locator("h1").textContent(), LEUKOPENIA);
    assertLocal(server, requests);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "a word typed in part finds the words that start with it"({ server, newPage }) {
    const { page, errors } = await newPage();
    await page.goto(server.url("/", "search/"));
    await page.getByLabel("Search this site").pressSequentially("agranulocyt");
    const status = page.locator("#search-status");
    await status.filter({ hasText: /result/ }).waitFor();
    assert.match((await status.textContent()).trim(), /^\d+ results? for “agranulocyt”\.$/);
    const titles = await page.locator(".search-result__title a").allTextContents();
    assert.ok(titles.some((t) => /agranulocytosis/i.test(t)), `no agranulocytosis page in ${titles}`);
    const marks = await page.locator(".search-results mark").allTextContents();
    assert.ok(marks.some((m) => /^agranulocytosis$/i.test(m)), `no highlighted agranulocytosis: ${marks}`);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "a query that no page fully matches shows pages with some of its words"({ server, newPage }) {
    const { page, errors } = await newPage();
    await page.goto(server.url("/", "search/?q=" + encodeURIComponent("leukopenia zebra")));
    const status = page.locator("#search-status");
    await status.filter({ hasText: /result/ }).waitFor();
    assert.match((await status.textContent()).trim(), /^\d+ results? for “leukopenia zebra”\.$/);
    await page.getByText("No page has all of these words.").waitFor();
    assert.ok((await page.locator(".search-result").count()) > 0);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "the browser turns words into the same terms as the indexer"({ server, newPage }) {
    const { page, errors } = await newPage();
    await page.goto(server.url("/sub/path/", "search/"));
    const vectors = await loadVectors();
    // The page's own copy of search.js and search-es.js, run in Chromium's JavaScript engine.
    const wrong = await page.evaluate(
      async ({ vectors, check }) => {
        const api = await import(new URL("../search.js", window.location.href).href);
        const es = await import(new URL("../search-es.js", window.location.href).href);
        api.useSpanish(es);
        return new Function("api", "es", "vectors", `return (${check})(api, es, vectors);`)(api, es, vectors);
      },
      { vectors, check: mismatches.toString() },
    );
    assert.deepEqual(wrong, []);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "British spellings and misspelled words find their articles under a Showing results for line"({ server, newPage, verbose }) {
    const timings = [];
    for (const [typed, meant, article] of FORGIVEN) {
      const { page, requests, errors } = await newPage();
      const announced = await searchFor(page, server, typed);
      assert.match(announced, new RegExp(`^\\d+ results? for “${meant}” \\(you typed “${typed}”\\)\\.$`), typed);
      const line = page.locator(".search-results__correction");
      assert.equal(await line.count(), 1, `${typed}: no "Showing results for" line`);
      assert.equal((await line.textContent()).trim(), `Showing results for ${meant}. Search instead for “${typed}”`);
      assert.equal((await line.locator("em").textContent()).trim(), meant, `${typed}: the corrected word is not emphasized`);
      const titles = (await page.locator(".search-result__title a").allTextContents()).map((t) => t.trim());
      assert.ok(titles.slice(0, 2).includes(article), `${typed}: ${article} is not among the first results: ${titles}`);
      // The corrected word is highlighted in the results, in whatever form they write it.
      const marks = await page.locator(".search-results mark").allTextContents();
      assert.ok(marks.some((m) => m.toLowerCase().startsWith(meant.slice(0, 5))), `${typed}: no highlighted ${meant}: ${marks}`);
      // A typo costs at most two vocabulary files; a spelling variant none (its folded term is
      // in the index).
      const vocabulary = indexRequests(requests, "words/").length;
      assert.ok(vocabulary <= 2, `${typed}: ${vocabulary} vocabulary files`);
      if (typed === "leukaemia" || typed === "anaemia") assert.equal(vocabulary, 0, `${typed} fetched the vocabulary`);
      else assert.ok(vocabulary >= 1, `${typed}: corrected without the vocabulary`);
      timings.push(...(await page.evaluate(() => performance.getEntriesByName("medleaf search").map((e) => e.duration))));
      assert.deepEqual(errors, []);
      await page.close();
    }
    // Reported, not asserted (the suite has no timed tests): issue 18 asks for at most 50 ms.
    if (verbose) console.log(`search timings (ms, query to results shown): ${timings.map((t) => t.toFixed(1)).join(", ")}`);
  },

  async "an exact word is never corrected and fetches no vocabulary"({ server, newPage }) {
    const { page, requests, errors } = await newPage();
    const announced = await searchFor(page, server, "leukemia");
    assert.match(announced, /^\d+ results? for “leukemia”\.$/);
    assert.equal(await page.locator(".search-results__correction").count(), 0);
    const titles = (await page.locator(".search-result__title a").allTextContents()).map((t) => t.trim());
    assert.ok(titles.slice(0, 2).includes("Leukemia"), `${titles}`);
    assert.deepEqual(indexRequests(requests, "words/"), []);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "the link under the line searches exactly what was typed"({ server, newPage }) {
    const { page, errors } = await newPage();
    await searchFor(page, server, "nuetropenia");
    const link = page.getByRole("link", { name: "Search instead for “nuetropenia”" });
    await link.click();
    await page.waitForURL((url) => url.searchParams.get("q") === "nuetropenia" && url.searchParams.get("exact") === "1");
    const status = page.locator("#search-status");
    await status.filter({ hasText: /result/ }).waitFor();
    assert.equal((await status.textContent()).trim(), "No results for “nuetropenia”.");
    assert.equal(await page.locator(".search-results__correction").count(), 0);
    // Typing a new query corrects again: `exact` leaves the address.
    const box = page.getByLabel("Search this site");
    await box.fill("leukopena");
    await box.press("Enter");
    await page.locator(".search-results__correction").waitFor();
    assert.equal(new URL(page.url()).searchParams.get("exact"), null);
    assert.deepEqual(errors, []);
    await page.close();
  },

  // The example site has no Spanish edition yet (issue 12): this builds the small Spanish fixture
  // tests/testsuite/search/search-site-es with the binary the run uses (MEDLEAF, or the release build
  // tests/browser/run makes) and searches it. Once, for the site served at /.
  async "a Spanish site finds plurals, words typed without accents and typos"({ site, newPage }) {
    if (site.mount !== "/") return;
    const medleaf = path.resolve(repo, process.env.MEDLEAF || "target/release/medleaf");
    const out = await mkdtemp(path.join(tmpdir(), "medleaf-search-es-"));
    await promisify(execFile)(medleaf, ["build", "--root", path.join(repo, "tests/testsuite/search/search-site-es"), "--output", out]);
    const server = await serveSite(out, { mounts: ["/"] });
    try {
      for (const [typed, title, mark] of [
        ["leucemias", "Leucemia", "leucemia"],
        ["camara", "Ataque de pánico", "cámara"],
        ["informacion", "Leucemia", "información"],
        ["ataques de panico", "Ataque de pánico", "pánico"],
      ]) {
        const { page, requests, errors } = await newPage();
        const announced = await searchFor(page, server, typed);
        // The page speaks Spanish: its strings come from the Spanish catalog (issue 12).
        assert.match(announced, new RegExp(`^\\d+ resultados? para “${typed}”\\.$`), typed);
        assert.equal(await page.locator(".search-results__correction").count(), 0, `${typed} was corrected`);
        const titles = (await page.locator(".search-result__title a").allTextContents()).map((t) => t.trim());
        assert.equal(titles[0], title, `${typed}: ${titles}`);
        const marks = (await page.locator(".search-results mark").allTextContents()).map((m) => m.toLowerCase());
        assert.ok(marks.includes(mark), `${typed}: no highlighted ${mark}: ${marks}`);
        assert.ok(requests.some((u) => u.endsWith("/search-es.js")), "search-es.js was not loaded");
        assert.deepEqual(errors, []);
        await page.close();
      }
      const { page, errors } = await newPage();
      assert.equal(await searchFor(page, server, "leucmia"), "1 resultado para “leucemia” (usted escribió “leucmia”).");
      assert.equal(await page.locator(".search-results__correction em").textContent(), "leucemia");
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await server.close();
      await rm(out, { recursive: true, force: true });
    }
  },

  async "an English site does not load the Spanish analysis"({ server, newPage }) {
    const { page, requests } = await newPage();
    await searchFor(page, server, "leukemia");
    assert.deepEqual(requests.filter((u) => u.endsWith("/search-es.js")), []);
    await page.close();
  },

  async "without JavaScript the box still submits and the page explains"({ server, context, newPage }) {
    const { page, requests } = await newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    await page.goto(server.url("/"));
    await page.getByLabel("Search this site").fill("ANC");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/search/" && url.searchParams.get("q") === "ANC");
    await page.getByText("Search needs JavaScript").waitFor();
    const topics = page.getByRole("link", { name: "browse every topic" });
    assert.equal(await topics.getAttribute("href"), "../topics/");
    assertLocal(server, requests);
    await page.close();
  },
};
