// The checks' own test: a copy of the example site with known faults planted in its theme
// must fail the page and validity checks, and each failure must name the page, the rule and
// the element. A check that passes the good site and also this one would be a check that
// cannot fail.
//
//   node --test-reporter=spec selftest.mjs MEDLEAF_BINARY
//
// ./run calls it after the real checks (skipped with --only). About 40 s: one crawl of the
// example site's default language.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const medleaf = process.argv[2] || path.join(repo, "target/release/medleaf");

// Each fault: how it is planted in templates/base.html or static/style.css, and the line of the
// report that must name it (`rule X  element Y`, on some page).
const FAULTS = [
  {
    what: "footer text too pale to read",
    css: ".site-footer { color: #bbb !important; }",
    expect: /page \/about\/  rule axe color-contrast \(serious, desktop\)  element \.disclaimer/,
  },
  {
    what: "in dark mode only, a heading too dark to read on the dark background",
    css: "@media (prefers-color-scheme: dark) { main h1 { color: #1a1a1a !important; } }",
    expect: /page \/about\/  rule axe color-contrast \(serious, phone, dark\)  element [^\n]*h1/,
  },
  {
    what: "an image without alt text, from another host",
    html: '<img src="https://cdn.example.com/x.png">',
    expect: [
      /page \/about\/  rule axe image-alt \(critical, desktop\)  element img/,
      /page \/about\/  rule external-request  element https:\/\/cdn\.example\.com\/x\.png/,
      /page about\/index\.html  rule vnu error  element about\/index\.html:\d+:\d+/,
    ],
  },
  {
    what: "a link to a page that does not exist",
    html: '<a href="/no-such-page/">old page</a>',
    expect: /page \/about\/  rule broken-link  element <a href="\/no-such-page\/">/,
  },
  {
    what: "two elements with one id",
    html: '<span id="twice"></span><span id="twice"></span>',
    expect: /Duplicate ID “twice”/,
  },
  {
    what: "an inline script, which the Content-Security-Policy blocks",
    html: '<script>document.title = "planted";</script>',
    expect: /page \/about\/  rule csp script-src-elem  element inline/,
  },
  {
    what: "no skip link",
    removeSkipLink: true,
    expect: /page \/about\/  rule skip-link-first  element /,
  },
];

// Planted in the review dashboard: an image from another host without alt text.
const DASHBOARD_FAULT = '<img src="https://cdn.example.com/chart.png">';
const DASHBOARD_EXPECT = [
  /page planted\.html  rule axe image-alt \(critical, desktop\)  element img/,
  /page planted\.html  rule request  element https:\/\/cdn\.example\.com\/chart\.png/,
];

let site;
let report;

before(async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "medleaf-selftest-"));
  site = root;
  // The default language only: the faults are in the theme, so every page shows them, and one
  // language keeps this crawl short. (The real checks visit every page of every language.)
  const translation = /\.(?!md$)[a-z]{2,3}\.(md|yaml)$/;
  for (const part of ["content", "snippets", "templates", "static", "i18n", "site.yaml"]) {
    await cp(path.join(repo, part), path.join(root, part), { recursive: true, filter: (src) => !translation.test(path.basename(src)) });
  }
  const yaml = await readFile(path.join(root, "site.yaml"), "utf8");
  await writeFile(path.join(root, "site.yaml"), yaml.replace(/^languages:\n(?:[ #].*\n|\n)*/m, ""));
  const base = path.join(root, "templates/base.html");
  let html = await readFile(base, "utf8");
  const skip = /<a class="skip-link"[^>]*>[^<]*<\/a>/;
  assert.match(html, skip, "templates/base.html has no skip link to remove: update the self-test");
  assert.match(html, /<main/, "templates/base.html has no <main> to plant faults before");
  for (const f of FAULTS) {
    if (f.html) html = html.replace(/<main/, `${f.html}<main`);
    if (f.removeSkipLink) html = html.replace(skip, "");
  }
  await writeFile(base, html);
  const css = FAULTS.filter((f) => f.css).map((f) => f.css).join("\n");
  await writeFile(path.join(root, "static/style.css"), (await readFile(path.join(root, "static/style.css"), "utf8")) + "\n" + css + "\n");
  execFileSync(medleaf, ["build", "--root", root, "--output", path.join(root, "public")], { stdio: "inherit" });
  // A review dashboard with faults of its own (checks/dashboard.mjs reads MEDLEAF_DASHBOARDS).
  const dashboards = path.join(root, "dashboards");
  await mkdir(dashboards);
  const dashboard = spawnSync(medleaf, ["check", "--root", root, "--format", "html"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.match(dashboard.stdout, /<main>/, "check --format html wrote no dashboard");
  await writeFile(path.join(dashboards, "planted.html"), dashboard.stdout.replace("<main>", `<main>${DASHBOARD_FAULT}`));
  const run = spawnSync(process.execPath, ["--test-reporter=spec", "runner.mjs", path.join(root, "public"), "--only", "pages", "validity", "dashboard"], {
    env: { ...process.env, MEDLEAF_DASHBOARDS: dashboards },
    cwd: here,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 8 * 60 * 1000,
  });
  report = { status: run.status, out: run.stdout + run.stderr };
});

after(async () => {
  if (site) await rm(site, { recursive: true, force: true });
});

describe("the browser checks catch planted faults", () => {
  it("the run fails", () => {
    assert.notEqual(report.status, 0, "the checks passed a site with planted faults");
  });
  for (const f of FAULTS) {
    it(`${f.what}: named with page, rule and element`, () => {
      for (const re of [].concat(f.expect)) assert.match(report.out, re, `no finding matched ${re}; the run printed:\n${report.out.slice(0, 4000)}`);
    });
  }
  it("a fault in the review dashboard: named with file, rule and element", () => {
    for (const re of DASHBOARD_EXPECT) assert.match(report.out, re, `no finding matched ${re}; the run printed:\n${report.out.slice(0, 4000)}`);
  });
  it("the good parts of the page are not reported", () => {
    // One h1 and a language are untouched by the faults: no finding may claim otherwise.
    assert.doesNotMatch(report.out, /rule (one-h1|html-lang|reflow-320)/);
  });
});
