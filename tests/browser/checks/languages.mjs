// Languages (issue 12), as a reader meets them: the language switcher, both ways; the Spanish
// edition's own search (Spanish plurals, words typed without accents); a Spanish page's link to a
// page that exists only in English, marked so in Spanish; and a right-to-left language
// (tests/testsuite/languages/rtl, built here) whose pages the theme mirrors, with screenshots in
// target/screenshots/. Every Spanish page also goes through every check of pages.mjs (axe-core,
// links, focus, reflow...) because the crawl visits each HTML file of the build.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { serveSite } from "../lib/server.mjs";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const title = "languages";

const EN = { path: "conditions/leukemia/", lang: "en-US", h1: "Leukemia" };
const ES = { path: "es/conditions/leucemia/", lang: "es-US", h1: "Leucemia" };

// Opens the search page of the Spanish edition with `query` and waits for the results.
async function searchSpanish(page, server, site, query) {
  await page.goto(server.origin + site.mount + "es/search/?q=" + encodeURIComponent(query));
  const status = page.locator("#search-status");
  await status.filter({ hasText: /resultado/ }).waitFor();
  return (await status.textContent()).trim();
}

export default {
  async "the language switcher leads to the Spanish page and back, by keyboard"({ server, site, newPage }) {
    const { page, errors } = await newPage();
    await page.goto(server.origin + site.mount + EN.path);
    for (const [from, to] of [
      [EN, ES],
      [ES, EN],
    ]) {
      assert.equal(await page.locator("html").getAttribute("lang"), from.lang);
      const link = page.locator("nav.language-switcher a");
      assert.equal(await link.count(), 1, `${from.path}: one other language`);
      assert.equal(await link.getAttribute("hreflang"), to.lang);
      // The link's text is the language's own name, marked up in that language.
      assert.equal(await link.getAttribute("lang"), to.lang);
      await link.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL(server.origin + site.mount + to.path);
      assert.equal(await page.locator("html").getAttribute("lang"), to.lang);
      assert.equal((await page.locator("h1").textContent()).trim(), to.h1);
    }
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "the Spanish search finds plurals and words typed without accents, in Spanish"({ server, site, newPage }) {
    for (const [typed, title, mark] of [
      ["leucemias", "Leucemia", "leucemia"],
      ["globulos blancos", "Leucopenia (conteo bajo de glóbulos blancos)", "glóbulos"],
      ["neutrofilos", null, "neutrófilos"],
    ]) {
      const { page, requests, errors } = await newPage();
      const announced = await searchSpanish(page, server, site, typed);
      assert.match(announced, new RegExp(`^\\d+ resultados? para “${typed}”\\.$`), typed);
      const titles = (await page.locator(".search-result__title a").allTextContents()).map((t) => t.trim());
      assert.ok(titles.length > 0, `${typed}: no results`);
      if (title) assert.ok(titles.slice(0, 2).includes(title), `${typed}: ${title} is not among the first two: ${titles}`);
      const marks = (await page.locator(".search-results mark").allTextContents()).map((m) => m.toLowerCase());
      assert.ok(marks.includes(mark), `${typed}: no highlighted ${mark}: ${marks}`);
      // Only the Spanish index is read, and every result is a Spanish page.
      const hrefs = await page.locator(".search-result__title a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
      for (const h of hrefs) assert.ok(h.startsWith(site.mount + "es/"), `${typed}: result ${h} is not a Spanish page`);
      const indexes = requests.map((u) => new URL(u).pathname).filter((p) => p.includes("/search/") && p.endsWith(".json"));
      assert.ok(indexes.length > 0);
      for (const p of indexes) assert.ok(p.startsWith(site.mount + "es/search/"), `the Spanish search read ${p}`);
      assert.ok(requests.some((u) => u.endsWith("/search-es.js")), "search-es.js was not loaded");
      assert.deepEqual(errors, []);
      await page.close();
    }
  },

  async "a Spanish page's link to a page only in English says so, in Spanish"({ server, site, newPage }) {
    const { page, errors } = await newPage();
    // The Spanish leukemia page links to myelodysplastic syndrome, which has no Spanish version.
    await page.goto(server.origin + site.mount + ES.path);
    const marked = page.locator(".article-body a[hreflang]");
    assert.ok((await marked.count()) > 0, "no link to an English page is marked");
    for (const a of await marked.all()) {
      assert.equal(await a.getAttribute("hreflang"), "en-US");
      const href = new URL(await a.evaluate((el) => el.href)).pathname;
      assert.ok(!href.startsWith(site.mount + "es/"), `${href} is a Spanish page`);
      // The note follows the link and is visible text, not only for screen readers.
      const note = await a.evaluate((el) => {
        const next = el.nextElementSibling;
        const r = next && next.getBoundingClientRect();
        return next && { text: next.textContent.trim(), visible: r.width > 1 && r.height > 1 };
      });
      assert.deepEqual(note, { text: "(en inglés)", visible: true });
    }
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "a right-to-left language is laid out from the right, in target/screenshots/"({ site, newPage, screenshots, test }) {
    if (site.mount !== "/") return test.skip("a fixture of its own, checked once");
    const medleaf = path.resolve(repo, process.env.MEDLEAF || "target/release/medleaf");
    const out = await mkdtemp(path.join(tmpdir(), "medleaf-rtl-"));
    await promisify(execFile)(medleaf, ["build", "--root", path.join(repo, "tests/testsuite/languages/rtl"), "--output", out]);
    const server = await serveSite(out, { mounts: ["/"] });
    await mkdir(screenshots, { recursive: true });
    try {
      for (const size of [
        { width: 390, height: 844 },
        { width: 1280, height: 900 },
      ]) {
        const { page, errors } = await newPage();
        await page.setViewportSize(size);
        await page.goto(server.url("/", "ar/conditions/low-count/"));
        assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
        const layout = await page.evaluate(() => {
          const box = (sel) => document.querySelector(sel).getBoundingClientRect();
          const callout = getComputedStyle(document.querySelector(".callout"));
          const main = box("main .wrap");
          const h1 = document.querySelector("h1");
          const range = document.createRange();
          range.selectNodeContents(h1);
          const text = range.getBoundingClientRect();
          return {
            calloutRight: parseFloat(callout.borderRightWidth),
            calloutLeft: parseFloat(callout.borderLeftWidth),
            // How far the title's text is from each side of the content column.
            h1FromRight: Math.round(main.right - text.right),
            h1FromLeft: Math.round(text.left - main.left),
          };
        });
        assert.ok(layout.calloutRight > layout.calloutLeft, `the warning's thick border is not on the right: ${JSON.stringify(layout)}`);
        assert.ok(layout.h1FromRight < layout.h1FromLeft, `the title does not start at the right: ${JSON.stringify(layout)}`);
        // The skip link appears at the top right when focused.
        await page.keyboard.press("Tab");
        const skip = await page.evaluate(() => {
          const r = document.activeElement.getBoundingClientRect();
          return { left: r.left, right: r.right, width: innerWidth };
        });
        assert.ok(skip.width - skip.right < skip.left, `the skip link is not on the right: ${JSON.stringify(skip)}`);
        await page.keyboard.press("Shift+Tab");
        const file = path.join(screenshots, `rtl-article-${size.width}x${size.height}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok((await stat(file)).size > 10_000, `${file} is suspiciously small (blank page?)`);
        assert.deepEqual(errors, []);
        await page.close();
      }
    } finally {
      await server.close();
      await rm(out, { recursive: true, force: true });
    }
  },
};
