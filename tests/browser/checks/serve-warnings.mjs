// `medleaf serve`'s warnings panel (issue 17), in a real browser: a page with warnings shows
// them in a labelled region, under the site's own Content-Security-Policy (enforced here, not
// bypassed: no violation, and the panel's CSSOM styles apply), dismissed with its button or
// Escape and kept dismissed on reload; axe finds nothing in it. Runs once (with the site at
// /), on a copy of tests/testsuite/serve/serve-site whose anemia page has an overdue review.
//
// The binary is $MEDLEAF (./run's), else target/release/medleaf, else target/debug/medleaf.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile, access } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { launchBrowser, newPage as recordingPage } from "../lib/browser.mjs";
import { runAxe } from "../lib/crawl.mjs";

export const title = "medleaf serve: the warnings panel";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");

async function binary() {
  const candidates = [process.env.MEDLEAF, "target/release/medleaf", "target/debug/medleaf"];
  for (const c of candidates.filter(Boolean)) {
    const p = path.resolve(repo, c);
    try {
      await access(p);
      return p;
    } catch {
      // next
    }
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** Starts `medleaf serve` on a copy of the fixture; resolves once it answers. */
async function startServe(medleaf) {
  const dir = await mkdtemp(path.join(tmpdir(), "medleaf-serve-warnings-"));
  const root = path.join(dir, "site");
  await cp(path.join(repo, "tests/testsuite/serve/serve-site"), root, { recursive: true });
  const page = path.join(root, "content/conditions/anemia.md");
  const text = await readFile(page, "utf8");
  await writeFile(page, text.replace("last_reviewed: 2026-10-01", "last_reviewed: 2020-01-01"));
  const port = await freePort();
  const child = spawn(medleaf, ["serve", "--root", root, "--port", String(port), "--today", "2026-12-07"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (const end = Date.now() + 60_000; ; ) {
    try {
      const r = await fetch(base + "/");
      if (r.ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`medleaf serve did not answer:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: async () => {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export default {
  async "a page's warnings show in a dismissible panel under the site's CSP"({ site, context, test }) {
    if (site.mount !== "/") return test.skip("checked once, with the site at /");
    const medleaf = await binary();
    if (!medleaf) return test.skip("no medleaf binary (build it, or set MEDLEAF)");
    const serve = await startServe(medleaf);
    // The policy enforced as readers' browsers do.
    const strict = await launchBrowser({ bypassCSP: false });
    try {
      const { page, errors } = await recordingPage(strict.context);
      const violations = [];
      await page.exposeFunction("medleafViolation", (v) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) =>
          window.medleafViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`)
        );
      });
      await page.goto(serve.base + "/conditions/anemia/");
      const panel = page.locator("#medleaf-warnings");
      await panel.waitFor({ state: "visible", timeout: 15_000 });
      assert.equal(await panel.getAttribute("role"), "region");
      const labelledBy = await panel.getAttribute("aria-labelledby");
      assert.equal(await page.locator(`#${labelledBy}`).textContent(), "2 warnings on this page");
      const text = await panel.textContent();
      assert.match(text, /line 7: review overdue/);
      assert.match(text, /help: have a clinician review the page/);
      // The CSSOM styles applied: the panel floats over the page.
      assert.equal(await panel.evaluate((e) => getComputedStyle(e).position), "fixed");
      // The page keeps the focus: the panel never takes it.
      assert.notEqual(await page.evaluate(() => document.activeElement?.closest("#medleaf-warnings")), true);

      // Escape dismisses it, and it stays dismissed on reload (same warnings).
      await page.keyboard.press("Escape");
      await panel.waitFor({ state: "detached" });
      await page.reload();
      await page.waitForTimeout(1000);
      assert.equal(await panel.count(), 0, "the dismissed panel came back");

      // A page without warnings shows none.
      await page.goto(serve.base + "/conditions/neutropenia/");
      await page.waitForTimeout(1000);
      assert.equal(await panel.count(), 0);

      // The button dismisses it from the keyboard too (a fresh tab, nothing dismissed yet).
      const second = await recordingPage(strict.context);
      await second.page.goto(serve.base + "/conditions/anemia/");
      const again = second.page.locator("#medleaf-warnings");
      // sessionStorage is per tab: the new tab shows the panel.
      await again.waitFor({ state: "visible", timeout: 15_000 });
      await again.getByRole("button").focus();
      await second.page.keyboard.press("Enter");
      await again.waitFor({ state: "detached" });

      assert.deepEqual(violations, [], "CSP violations");
      assert.deepEqual(errors.concat(second.errors), [], "page errors");
    } finally {
      await strict.close();
    }

    // Accessibility of the panel itself (axe needs the CSP bypassed to be injected).
    const { page } = await recordingPage(context);
    try {
      await page.goto(serve.base + "/conditions/anemia/");
      await page.locator("#medleaf-warnings").waitFor({ state: "visible", timeout: 15_000 });
      const found = (await runAxe(page)).filter((v) => v.nodes.some((n) => n.target.includes("medleaf-warnings")));
      assert.deepEqual(found, [], "axe in the panel");
    } finally {
      await page.close();
      await serve.stop();
    }
  },
};
