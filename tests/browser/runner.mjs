// Runs every browser check against one or more built sites, with node's test runner.
//
//   node --test-reporter=spec tests/browser/runner.mjs [SITE_DIR...] [--only NAME...] [--verbose]
//
// SITE_DIR defaults to target/browser-site (what ./run builds; ./run also passes the build made
// with `--base-url https://example.org/sub/path/`). Each site is served on 127.0.0.1 at the path
// of its base URL (and, for the search checks, also at `/` and `/sub/path/`), and every check
// runs once per site. One browser is shared by all checks; the Nu HTML Checker runs once, in the
// background, over the HTML files of every site.
//
// Each file in checks/ is one group of checks: it exports `title` and a default object mapping
// each check's name to `async (env) => {}`, where `env` is
//   { site, server, context, newPage, vnu, screenshots, reports, verbose, test }
// `site` is lib/site.mjs's description of the build (folder, base URL, `mount`: the path it is
// served at, its pages), `server` lib/server.mjs's, `newPage()` opens a recording tab
// (lib/browser.mjs), `vnu()` resolves to the Nu HTML Checker's report, `screenshots` is the
// folder for this site's screenshots and `reports` for its Lighthouse reports, `test` node's test
// context (`test.skip(reason)`). Add a check by adding a file; nothing else changes.

import { after, before, describe, it } from "node:test";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { launchBrowser, newPage } from "./lib/browser.mjs";
import { serveSite } from "./lib/server.mjs";
import { loadSite } from "./lib/site.mjs";
import { validate } from "./lib/vnu.mjs";

// A check that hangs (a browser that never answers) fails after this long instead of stalling CI.
// The first check of every page waits for the whole crawl (lib/crawl.mjs), about 60 page states
// of the bilingual example site, which takes several minutes on a busy 2-core machine.
const CHECK_TIMEOUT_MS = 15 * 60 * 1000;

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const rest = args.filter((a) => a !== "--verbose");
const onlyAt = rest.indexOf("--only");
const only = onlyAt >= 0 ? rest.slice(onlyAt + 1) : [];
const positional = onlyAt >= 0 ? rest.slice(0, onlyAt) : rest;
const siteDirs = (positional.length ? positional : [path.join(repo, "target/browser-site")]).map((d) => path.resolve(d));

const files = (await readdir(path.join(here, "checks")))
  .filter((f) => f.endsWith(".mjs"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.mjs$/, "")))
  .sort();
const groups = [];
for (const file of files) {
  const mod = await import(pathToFileURL(path.join(here, "checks", file)).href);
  groups.push({ title: mod.title || file, checks: mod.default });
}

const sites = [];
for (const dir of siteDirs) sites.push(await loadSite(dir));

// One JVM for every HTML file of every site, started now so it runs beside the browser.
let vnuReport = null;
const vnu = () => {
  if (!vnuReport) {
    const html = sites.flatMap((s) => s.pages.map((p) => path.join(s.dir, p.file)));
    vnuReport = validate(html);
    vnuReport.catch(() => {}); // reported by the check that awaits it
  }
  return vnuReport;
};
if (files.includes("validity.mjs")) vnu();

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  if (browser) await browser.close();
});

for (const site of sites) {
  const label = site.mount === "/" ? "site at /" : `site built for ${site.baseUrl}, served at ${site.mount}`;
  // Pictures and reports for people to look at: target/screenshots/ and target/lighthouse/, and
  // for a sub-path build a sub-folder named after its path (target/screenshots/sub-path/).
  const sub = site.mount === "/" ? "" : site.mount.replace(/^\/|\/$/g, "").replace(/\//g, "-");
  const env = {
    site,
    vnu,
    verbose,
    screenshots: path.join(repo, "target/screenshots", sub),
    reports: path.join(repo, "target/lighthouse", sub),
  };
  describe(label, () => {
    before(async () => {
      const mounts = [...new Set([site.mount, "/", "/sub/path/"])];
      env.server = await serveSite(site.dir, { mounts });
      env.context = browser.context;
      env.newPage = () => newPage(browser.context);
    });
    after(async () => {
      if (env.server) await env.server.close();
    });
    for (const group of groups) {
      describe(group.title, () => {
        for (const [name, check] of Object.entries(group.checks)) {
          // `test` is node's test context, for checks that skip themselves with a reason.
          it(name, { timeout: CHECK_TIMEOUT_MS }, (t) => check({ ...env, test: t }));
        }
      });
    }
  });
}
