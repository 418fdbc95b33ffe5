// The review dashboard (`medleaf check --format html`, issue 15), opened from a file as an
// editor would: axe (WCAG 2.2 AA) at desktop and phone sizes, the Nu HTML Checker, nothing
// loaded from anywhere, no horizontal scrolling of the page on a phone, and sorting by column
// with JavaScript. ./run writes the dashboards into target/browser-dashboard/ (the example
// site's, and the health-warnings fixture's, which fills every table); the check runs once,
// with the site served at /.

import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { DESKTOP, PHONE, runAxe } from "../lib/crawl.mjs";
import { Findings } from "../lib/findings.mjs";
import { validate } from "../lib/vnu.mjs";

export const title = "Review dashboard (check --format html)";

const here = path.dirname(fileURLToPath(import.meta.url));
// MEDLEAF_DASHBOARDS points elsewhere: selftest.mjs plants faults in a dashboard of its own.
const dir = process.env.MEDLEAF_DASHBOARDS || path.resolve(here, "../../../target/browser-dashboard");

async function dashboards(test) {
  let files = [];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith(".html")).map((f) => path.join(dir, f));
  } catch {
    // reported below
  }
  if (files.length === 0) test.skip(`no dashboards in ${dir} (tests/browser/run writes them)`);
  return files;
}

export default {
  async "the dashboard passes axe at desktop and phone sizes and loads nothing"({ site, newPage, test }) {
    if (site.mount !== "/") return test.skip("checked once, with the site at /");
    const findings = new Findings("dashboard problems");
    for (const file of await dashboards(test)) {
      const name = path.basename(file);
      for (const [size, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
        const { page, requests, errors } = await newPage();
        await page.setViewportSize(viewport);
        await page.goto(pathToFileURL(file).href);
        for (const v of await runAxe(page)) {
          for (const n of v.nodes) findings.add(name, `axe ${v.id} (${v.impact}, ${size})`, n.target, [v.help, n.html]);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) findings.add(name, `page wider than the screen (${size})`, `${overflow}px`, []);
        for (const r of requests) {
          if (!r.startsWith("file:")) findings.add(name, "request", r, ["the dashboard must load nothing"]);
        }
        for (const e of errors) findings.add(name, "page error", e, []);
        await page.close();
      }
    }
    findings.assertNone();
  },

  async "the Nu HTML Checker finds 0 errors in the dashboard"({ site, test }) {
    if (site.mount !== "/") return test.skip("checked once, with the site at /");
    const files = await dashboards(test);
    const report = await validate(files);
    const findings = new Findings(`Nu HTML Checker errors (vnu ${report.version})`);
    for (const m of report.messages) {
      findings.add(path.basename(decodeURIComponent(m.url || "(vnu)")), `vnu ${m.type}`, `${m.lastLine}:${m.firstColumn || m.lastColumn || 1}`, [m.message, m.extract || ""]);
    }
    findings.assertNone();
  },

  async "column headings sort their table when JavaScript is on"({ site, newPage, test }) {
    if (site.mount !== "/") return test.skip("checked once, with the site at /");
    const file = (await dashboards(test)).find((f) => f.endsWith("warnings.html"));
    if (!file) return test.skip("no warnings.html dashboard");
    const { page, errors } = await newPage();
    await page.goto(pathToFileURL(file).href);
    const table = page.locator('section[aria-labelledby="reviewers"] table');
    const firstColumn = () => table.locator("tbody tr td:first-child").allTextContents();
    const heading = table.locator("thead th").first();
    await heading.locator("button").click();
    assert.equal(await heading.getAttribute("aria-sort"), "ascending");
    const up = await firstColumn();
    assert.deepEqual(up, [...up].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
    await heading.locator("button").click();
    assert.equal(await heading.getAttribute("aria-sort"), "descending");
    assert.deepEqual(await firstColumn(), [...up].reverse());
    assert.deepEqual(errors, []);
    await page.close();
  },
};
