// Runs every browser check against a built site, with node's test runner.
//
//   node tests/browser/runner.mjs [SITE_DIR] [--only NAME...]
//
// SITE_DIR defaults to target/browser-site (what ./run builds). One server and one browser are
// shared by all checks. Each file in checks/ is one group of checks: it exports `title` and a
// default object mapping each check's name to `async (env) => {}`, where `env` is
//   { site, server, context, newPage }
// (see lib/server.mjs and lib/browser.mjs). Add a check by adding a file; nothing else changes.

import { after, before, describe, it } from "node:test";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { launchBrowser, newPage } from "./lib/browser.mjs";
import { serveSite } from "./lib/server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.slice(onlyAt + 1) : [];
const positional = onlyAt >= 0 ? args.slice(0, onlyAt) : args;
const site = path.resolve(positional[0] || path.join(here, "../../target/browser-site"));

const files = (await readdir(path.join(here, "checks")))
  .filter((f) => f.endsWith(".mjs"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.mjs$/, "")))
  .sort();
const groups = [];
for (const file of files) {
  const mod = await import(pathToFileURL(path.join(here, "checks", file)).href);
  groups.push({ title: mod.title || file, checks: mod.default });
}

const env = { site };
let browser;

before(async () => {
  env.server = await serveSite(site);
  browser = await launchBrowser();
  env.context = browser.context;
  env.newPage = () => newPage(browser.context);
});

after(async () => {
  if (browser) await browser.close();
  if (env.server) await env.server.close();
});

for (const group of groups) {
  describe(group.title, () => {
    for (const [name, check] of Object.entries(group.checks)) {
      it(name, () => check(env));
    }
  });
}
