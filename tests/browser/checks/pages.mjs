// Every page of the built site (every template: home, article, plain page, folder listing,
// topic, topics index, glossary, search and its results, 404, alias redirect), judged as
// readers' browsers and auditors' tools judge it: axe-core's WCAG 2.2 AA rules at a desktop and
// a phone width, links and fragments, requests, console errors, one h1, reflow at 320 px, text
// spacing, a visible focus indicator on everything Tab reaches, the skip link, no hover-only
// content.
// The pages are visited once (lib/crawl.mjs); each check below judges what was recorded and
// lists every finding with its page, rule and element.

import assert from "node:assert/strict";
import { launchBrowser, newPage } from "../lib/browser.mjs";
import { crawl, pageStates } from "../lib/crawl.mjs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Findings } from "../lib/findings.mjs";
import { fileForPath } from "../lib/site.mjs";

export const title = "every page";

// The crawl is shared by the checks of one site (they run one after another).
const crawls = new WeakMap();
function visit(env) {
  if (!crawls.has(env.site)) {
    const log = env.verbose ? (m) => console.log(`  crawl ${m}`) : undefined;
    crawls.set(env.site, crawl(env, { log, full: isJudged(env.site) }));
  }
  return crawls.get(env.site);
}

// The build served at / is judged in full. The sub-path build is the same HTML with other
// addresses (tests/testsuite/sub_path.rs compares the two builds byte for byte, addresses
// aside), so on it the crawl records only what addresses change: links, requests, the console,
// and the page basics; the layout and accessibility checks say so and skip.
const isJudged = (site) => site.mount === "/";
function judgedAtRoot(env) {
  if (isJudged(env.site)) return false;
  env.test.skip("judged on the build served at / (this build differs only in its addresses)");
  return true;
}

const names = (records) => records.map((r) => r.state.name);

function fatalFindings(records, findings) {
  for (const r of records) if (r.fatal) findings.add(r.state.name, "page-load", r.url, r.fatal);
}

export default {
  async "the Content-Security-Policy holds: every page carries it and, enforced, nothing violates it (securitypolicyviolation events, console reports)"(env) {
    if (judgedAtRoot(env)) return;
    const { site, server } = env;
    // A browser of its own that enforces the policy, as readers' browsers do (the crawl's
    // bypasses it to inject its measuring tools).
    const browser = await launchBrowser({ bypassCSP: false });
    const findings = new Findings("Content-Security-Policy violations, with the policy enforced");
    try {
      for (const state of pageStates(site)) {
        const tab = await newPage(browser.context);
        const { page } = tab;
        const violations = [];
        await page.exposeFunction("__medleafCspViolation", (v) => violations.push(v));
        await page.addInitScript(() => {
          document.addEventListener("securitypolicyviolation", (e) =>
            window.__medleafCspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, where: `${e.sourceFile}:${e.lineNumber}` }),
          );
        });
        page.on("console", (m) => {
          if (/content.security.policy/i.test(m.text())) violations.push({ directive: `console-${m.type()}`, blocked: "", sample: m.text(), where: "" });
        });
        try {
          await page.goto(server.origin + site.mount + state.path, { waitUntil: "load" });
          if (state.ready) await state.ready(page);
          await tab.settled();
          // A redirect page moves on at once (its policy is checked in its file by the Rust
          // tests); the page it leads to is then judged here too.
          if (state.kind !== "alias") {
            const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content ?? null);
            if (!policy) findings.add(state.name, "csp-missing", "head", 'no <meta http-equiv="Content-Security-Policy">');
          }
        } catch (e) {
          findings.add(state.name, "page-load", state.path, String(e && e.message ? e.message : e));
        }
        for (const v of violations) findings.add(state.name, `csp ${v.directive}`, v.blocked || "inline", [v.sample, v.where]);
        await page.close();
      }
    } finally {
      await browser.close();
    }
    findings.assertNone();
  },

  async "every page is visited (each HTML file of the build, the 404 page at a missing address, search results)"(env) {
    const records = await visit(env);
    const findings = new Findings("pages that could not be visited");
    fatalFindings(records, findings);
    findings.assertNone();
    const kinds = new Set(records.map((r) => r.state.kind));
    for (const kind of ["page", "404", "alias", "search-results"]) assert.ok(kinds.has(kind), `no ${kind} page was visited: ${names(records)}`);
    assert.ok(records.length >= 20, `only ${records.length} pages: ${names(records)}`);
  },

  async "axe-core, WCAG 2.0/2.1/2.2 A and AA, at 1280 and 390 px and dark at 390 px: 0 violations"(env) {
    if (judgedAtRoot(env)) return;
    const records = await visit(env);
    const findings = new Findings("axe-core violations (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa)");
    fatalFindings(records, findings);
    for (const r of records) {
      if (!r.axe) continue;
      const seen = new Set();
      for (const [width, violations] of Object.entries(r.axe)) {
        for (const v of violations) {
          for (const n of v.nodes) {
            const key = `${v.id} ${n.target}`;
            if (seen.has(key)) continue;
            seen.add(key);
            findings.add(r.state.name, `axe ${v.id} (${v.impact}, ${width})`, n.target, [v.help, n.html, n.summary]);
          }
        }
      }
    }
    findings.assertNone();
  },

  async "every internal link and fragment resolves (a, link, script, img, srcset, form, refresh)"(env) {
    const { site, server } = env;
    const records = await visit(env);
    const findings = new Findings("broken internal links");
    fatalFindings(records, findings);
    // The ids of every HTML file, as the browser built its document.
    const idsByFile = new Map();
    for (const r of records) if (r.dom && r.state.status === 200 && !r.state.path.includes("?")) idsByFile.set(r.state.file, new Set(r.dom.ids));
    const base = new URL(site.baseUrl);
    let internal = 0;
    for (const r of records) {
      if (!r.dom) continue;
      for (const link of r.dom.links) {
        const at = `<${link.tag} ${link.attr}="${link.raw}"> at ${link.where}`;
        if (!link.url) {
          findings.add(r.state.name, "invalid-url", at);
          continue;
        }
        let url = new URL(link.url);
        if (url.protocol === "javascript:") {
          findings.add(r.state.name, "javascript-url", at);
          continue;
        }
        if (url.protocol !== "http:" && url.protocol !== "https:") continue;
        // A fragment of this very document (a skip link): its own ids, wherever it is served
        // (the 404 page is served at any missing address).
        if (link.raw.startsWith("#")) {
          internal++;
          const id = decodeURIComponent(link.raw.slice(1));
          if (id && !r.dom.ids.includes(id)) findings.add(r.state.name, "broken-fragment", at, `this page has no element with id "${id}"`);
          continue;
        }
        // An absolute link to the published address (canonical, og:url) is a link into the site.
        if (url.origin === base.origin && url.pathname.startsWith(base.pathname)) {
          url = new URL(server.origin + url.pathname + url.search + url.hash);
        } else if (url.origin === base.origin) {
          findings.add(r.state.name, "outside-base-url", at, `points at ${link.url}, outside the site's base URL ${site.baseUrl}`);
          continue;
        }
        if (url.origin !== server.origin) continue; // another site: never fetched here
        internal++;
        const urlPath = decodeURIComponent(url.pathname);
        if (!urlPath.startsWith(site.mount)) {
          findings.add(r.state.name, "outside-sub-path", at, `resolves to ${urlPath}, outside ${site.mount} where the site is served`);
          continue;
        }
        const file = await fileForPath(site, urlPath);
        if (!file) {
          findings.add(r.state.name, "broken-link", at, `resolves to ${urlPath}: no such file in the build`);
          continue;
        }
        if (url.hash && url.hash !== "#") {
          const id = decodeURIComponent(url.hash.slice(1));
          const ids = idsByFile.get(file);
          if (!ids) findings.add(r.state.name, "broken-fragment", at, `${file} is not an HTML page of the build, so #${id} cannot resolve`);
          else if (!ids.has(id)) findings.add(r.state.name, "broken-fragment", at, `${file} has no element with id "${id}"`);
        }
      }
    }
    findings.assertNone();
    assert.ok(internal > 500, `only ${internal} internal links were checked`);
  },

  async "the sitemap, the feed and robots.txt point at pages of the build"({ site }) {
    const findings = new Findings("addresses in sitemap.xml, feed.xml and robots.txt");
    const sources = {
      "sitemap.xml": /<loc>([^<]+)<\/loc>/g,
      "feed.xml": /<link[^>]*\shref="([^"]+)"/g,
      "robots.txt": /^Sitemap:\s*(\S+)/gm,
    };
    let count = 0;
    for (const [file, pattern] of Object.entries(sources)) {
      const text = await readFile(path.join(site.dir, file), "utf8");
      for (const [, raw] of text.matchAll(pattern)) {
        count++;
        const href = raw.replace(/&amp;/g, "&");
        if (!href.startsWith(site.baseUrl)) {
          findings.add(file, "outside-base-url", href, `does not start with the site's base URL ${site.baseUrl}`);
          continue;
        }
        const urlPath = decodeURIComponent(new URL(href).pathname);
        if (!(await fileForPath(site, urlPath))) findings.add(file, "broken-link", href, `no file in the build for ${urlPath}`);
      }
    }
    findings.assertNone();
    assert.ok(count > 20, `only ${count} addresses found in sitemap.xml, feed.xml and robots.txt`);
  },

  async "every alias redirects to its page"(env) {
    const { server, site } = env;
    const records = (await visit(env)).filter((r) => r.state.kind === "alias");
    const findings = new Findings("redirects that do not arrive");
    for (const r of records) {
      const { page, errors } = await env.newPage();
      await page.goto(r.url);
      try {
        await page.waitForURL(r.blocked, { timeout: 5000 });
        await page.waitForLoadState("load");
        const h1 = await page.locator("h1").first().textContent();
        if (/has moved/.test(h1)) findings.add(r.state.name, "alias-redirect", r.blocked, "arrived on another redirect page");
      } catch {
        findings.add(r.state.name, "alias-redirect", r.blocked || "(no target)", `stayed at ${page.url()}`);
      }
      for (const e of errors) findings.add(r.state.name, "console-error", "(after the redirect)", e);
      assert.ok(page.url().startsWith(server.origin + site.mount));
      await page.close();
    }
    findings.assertNone();
    assert.ok(records.length > 0, "the example site has no alias to check");
  },

  async "nothing leaves 127.0.0.1 (or the sub-path), no console errors, no failed or 404 requests, a favicon that loads"(env) {
    const { site, server } = env;
    const records = await visit(env);
    const findings = new Findings("requests, console errors and favicons");
    fatalFindings(records, findings);
    for (const r of records) {
      const { requests, responses, failed, errors } = r.tab;
      const name = r.state.name;
      if (r.status !== r.state.status) findings.add(name, "http-status", r.url, `the page came with status ${r.status}, expected ${r.state.status}`);
      for (const u of requests) {
        if (u.startsWith("data:") || u.startsWith("blob:")) continue;
        if (!u.startsWith(server.origin + "/")) findings.add(name, "external-request", u, "a request left 127.0.0.1: the site must be self-contained");
        else if (!new URL(u).pathname.startsWith(site.mount)) findings.add(name, "outside-sub-path", u, `requested outside ${site.mount}, where the site is served`);
      }
      for (const resp of responses) {
        const isDocument = resp.url === r.url && r.state.status === 404;
        if (resp.status >= 400 && !isDocument) findings.add(name, `http-${resp.status}`, resp.url, "an asset or fetch failed");
      }
      for (const f of failed) {
        if (r.blocked && f.url === r.blocked) continue; // the redirect held back on purpose
        findings.add(name, "request-failed", f.url, f.error);
      }
      for (const e of errors) {
        // Chromium logs the 404 status of the not-found page itself: that one is expected.
        if (r.state.status === 404 && /status of 404/.test(e) && responses.every((x) => x.status !== 404 || x.url === r.url)) continue;
        findings.add(name, "console-error", "(console)", e);
      }
      if (!r.dom) continue;
      if (r.dom.icons.length === 0) findings.add(name, "favicon", "head", 'no <link rel="icon">');
      for (const icon of r.iconLoads) {
        if (icon.status !== 200 || !/^image\//.test(icon.type || "") || !icon.decoded) {
          findings.add(name, "favicon", icon.href, `status ${icon.status}, type ${icon.type}, ${icon.decoded ? "decodes" : "does not decode as an image"}`);
        }
      }
    }
    if (site.mount === "/" && !site.files.includes("favicon.ico")) {
      findings.add("/favicon.ico", "favicon", "/favicon.ico", "browsers ask for /favicon.ico at a root site; the build has none");
    }
    findings.assertNone();
  },

  async "one h1, a language, a title and a description on every page"(env) {
    const records = await visit(env);
    const findings = new Findings("page structure");
    fatalFindings(records, findings);
    for (const r of records) {
      if (!r.dom) continue;
      if (r.dom.h1s.length !== 1) findings.add(r.state.name, "one-h1", "h1", `${r.dom.h1s.length} h1 elements: ${JSON.stringify(r.dom.h1s)}`);
      if (!r.dom.lang) findings.add(r.state.name, "html-lang", "html", "no lang attribute");
      if (!r.dom.title.trim()) findings.add(r.state.name, "title", "title", "empty title");
      if (!r.dom.description) findings.add(r.state.name, "meta-description", "head", 'no <meta name="description"> (search engines and link previews show it)');
    }
    findings.assertNone();
  },

  async "reflow: no sideways scrolling in a 320 px wide viewport"(env) {
    if (judgedAtRoot(env)) return;
    const records = await visit(env);
    const findings = new Findings("reflow at 320 px (WCAG 1.4.10)");
    fatalFindings(records, findings);
    for (const r of records) {
      if (!r.reflow || r.reflow.scrollWidth <= r.reflow.width) continue;
      const offenders = r.reflow.offenders.length ? r.reflow.offenders : [{ where: "html", right: r.reflow.scrollWidth, html: "" }];
      for (const o of offenders) findings.add(r.state.name, "reflow-320", o.where, [`the page is ${r.reflow.scrollWidth} px wide in a ${r.reflow.width} px viewport; this element reaches ${o.right} px`, o.html]);
    }
    findings.assertNone();
  },

  async "text spacing: with WCAG 1.4.12's wider spacing at 390 px nothing is cut off or scrolls sideways"(env) {
    if (judgedAtRoot(env)) return;
    const records = await visit(env);
    const findings = new Findings("text spacing (WCAG 1.4.12)");
    fatalFindings(records, findings);
    for (const r of records) {
      if (!r.textSpacing) continue;
      const t = r.textSpacing;
      for (const c of t.clipped) findings.add(r.state.name, "text-spacing-clipped", c.where, ["with wider text spacing this element cuts its content off", c.html]);
      if (t.scrollWidth > t.width) findings.add(r.state.name, "text-spacing-reflow", "html", `with wider text spacing the page is ${t.scrollWidth} px wide in a ${t.width} px viewport`);
    }
    findings.assertNone();
  },

  async "a visible focus indicator on every element Tab reaches"(env) {
    if (judgedAtRoot(env)) return;
    const records = await visit(env);
    const findings = new Findings("focus visibility (WCAG 2.4.7)");
    fatalFindings(records, findings);
    for (const r of records) {
      if (!r.focus) continue;
      if (r.focus.length === 0) findings.add(r.state.name, "focus-order", "body", "Tab reached nothing");
      for (const step of r.focus) {
        if (step.changed.length === 0) findings.add(r.state.name, "focus-visible", step.where, ["focused, it looks exactly as it does unfocused (outline, shadow, background and border unchanged)", step.html]);
        if (!step.onScreen) findings.add(r.state.name, "focus-off-screen", step.where, ["focused, it is not on screen", step.html]);
      }
    }
    findings.assertNone();
  },

  async "Tab from the top reaches the skip link first, and it moves focus to the main content"(env) {
    if (judgedAtRoot(env)) return;
    const records = await visit(env);
    const findings = new Findings("skip link (WCAG 2.4.1)");
    fatalFindings(records, findings);
    for (const r of records) {
      if (!r.skip) continue;
      // A redirect page has no blocks to skip: only its one link (checked by the focus walk).
      if (!r.dom.hasNav) continue;
      const { first, afterEnter, nextInsideMain } = r.skip;
      if (!first.isSkip) {
        findings.add(r.state.name, "skip-link-first", first.where, `the first Tab reached “${first.text}”, not a skip link`);
        continue;
      }
      if (!first.onScreen) findings.add(r.state.name, "skip-link-visible", first.where, "focused, the skip link is not shown on screen");
      if (!afterEnter.isMain) findings.add(r.state.name, "skip-link-target", first.href, "the skip link's target is not the <main> element");
      else if (!afterEnter.focused) findings.add(r.state.name, "skip-link-focus", first.href, `after Enter, focus is on ${afterEnter.focusedId}, not the main content`);
      if (!nextInsideMain) findings.add(r.state.name, "skip-link-next", first.href, "after the skip link, the next Tab does not land inside the main content");
    }
    findings.assertNone();
  },

  async "no content that shows only on hover"(env) {
    if (judgedAtRoot(env)) return;
    const records = await visit(env);
    const findings = new Findings("hover-only content (WCAG 1.4.13)");
    const seen = new Set();
    for (const r of records) {
      for (const h of r.hover || []) {
        const key = `${h.href} ${h.selector}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.add(r.state.name, "hover-only", `${h.href}: ${h.selector}`, `a :hover rule changes ${h.props.join(", ")}; give keyboard focus the same rule`);
      }
    }
    findings.assertNone();
  },
};
