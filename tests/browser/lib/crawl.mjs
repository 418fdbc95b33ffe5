// Visits every page of a built site once, in one tab after another, and records what the
// page-wide checks (checks/pages.mjs) judge: requests and their statuses, console errors, the
// links and ids in the document, axe-core's violations at a desktop and a phone width (and at
// the phone width in dark mode), the
// layout at 320 px and with wider text spacing, the focus indicator of every element Tab
// reaches, and the skip link.
// Collecting first and judging after lets one run report every problem on every page, and lets
// the link check see every page's ids.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules (issue 6). Never shorten this list. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
export const NARROW = { width: 320, height: 640 };

/**
 * Every page state the page-wide checks visit: each HTML file of the build at its address,
 * plus the 404 page as a reader meets it (at a missing address, status 404) and the search page
 * showing results (what search.js adds to it).
 */
export function pageStates(site) {
  const states = site.pages.map((p) => ({
    name: site.mount + p.path,
    path: p.path,
    file: p.file,
    kind: p.kind,
    status: 200,
  }));
  states.push({
    name: `${site.mount}conditions/no-such-page/ (a missing address: the 404 page)`,
    path: "conditions/no-such-page/",
    file: "404.html",
    kind: "404",
    status: 404,
  });
  if (site.pages.some((p) => p.path === "search/")) {
    states.push({
      name: `${site.mount}search/?q=ANC (search results)`,
      path: "search/?q=ANC",
      file: "search/index.html",
      kind: "search-results",
      status: 200,
      ready: (page) => page.locator(".search-result").first().waitFor(),
    });
  }
  return states;
}

/** Runs axe-core (WCAG 2.x A and AA) on the page as it is now; returns its violations. */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: tags },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** A short CSS path to an element, for messages (runs in the page). */
const CSS_PATH = `(el) => {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    if (e.id) { parts.unshift('#' + CSS.escape(e.id)); break; }
    let s = e.localName;
    const cls = [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
    s += cls;
    const same = e.parentElement ? [...e.parentElement.children].filter((c) => c.localName === e.localName) : [];
    if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(e) + 1) + ')';
    parts.unshift(s);
  }
  return parts.join(' > ');
}`;

/** What the document links to and which ids it has (runs in the page). */
async function collectDom(page) {
  return page.evaluate((cssPath) => {
    const where = new Function(`return ${cssPath}`)();
    const links = [];
    const add = (el, attr, raw) => {
      if (raw == null || raw.trim() === "") return;
      let url;
      try {
        url = new URL(raw.trim(), document.baseURI).href;
      } catch {
        url = null;
      }
      links.push({ tag: el.localName, attr, raw, url, where: where(el) });
    };
    for (const el of document.querySelectorAll("a[href], area[href], link[href]")) add(el, "href", el.getAttribute("href"));
    for (const el of document.querySelectorAll("script[src], img[src], source[src], iframe[src], video[src], audio[src], track[src], input[src]")) add(el, "src", el.getAttribute("src"));
    for (const el of document.querySelectorAll("img[srcset], source[srcset]")) {
      for (const candidate of el.getAttribute("srcset").split(",")) add(el, "srcset", candidate.trim().split(/\s+/)[0]);
    }
    for (const el of document.querySelectorAll("form[action]")) add(el, "action", el.getAttribute("action"));
    for (const el of document.querySelectorAll('meta[http-equiv="refresh" i]')) {
      const m = /url\s*=\s*['"]?([^'"]+)/i.exec(el.getAttribute("content") || "");
      if (m) add(el, "http-equiv=refresh", m[1]);
    }
    const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
    ids.push(...[...document.querySelectorAll("a[name]")].map((e) => e.getAttribute("name")));
    const icons = [...document.querySelectorAll('link[rel~="icon" i]')].map((l) => l.href);
    return {
      title: document.title,
      description: document.querySelector('meta[name="description" i]')?.getAttribute("content")?.trim() || "",
      lang: document.documentElement.getAttribute("lang"),
      h1s: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
      hasNav: document.querySelector("nav, header") !== null,
      links,
      ids,
      icons,
    };
  }, CSS_PATH);
}

/** Loads each icon the page declares, as a browser would, and reports what came back. */
async function loadIcons(page, icons) {
  return page.evaluate(async (hrefs) => {
    const out = [];
    for (const href of hrefs) {
      const r = await fetch(href, { cache: "no-store" }).catch((e) => ({ status: 0, error: String(e) }));
      let decoded = false;
      try {
        const img = new Image();
        img.src = href;
        await img.decode();
        decoded = img.naturalWidth > 0;
      } catch {
        decoded = false;
      }
      out.push({ href, status: r.status, type: r.headers ? r.headers.get("content-type") : null, decoded });
    }
    return out;
  }, icons);
}

/** Elements wider than a 320 px viewport that make the page scroll sideways (runs in the page). */
async function measureReflow(page) {
  return page.evaluate((cssPath) => {
    const where = new Function(`return ${cssPath}`)();
    const width = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const offenders = [];
    if (scrollWidth > width) {
      const scrolls = (el) => {
        for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
          const o = getComputedStyle(e).overflowX;
          if (o === "auto" || o === "scroll" || o === "hidden" || o === "clip") return true;
        }
        return false;
      };
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 0.5 || scrolls(el)) continue;
        // Report the outermost element that sticks out, not each of its children.
        const parent = el.parentElement.getBoundingClientRect();
        if (el.parentElement !== document.body && parent.right > width + 0.5 && !scrolls(el.parentElement)) continue;
        offenders.push({ where: where(el), right: Math.round(r.right), html: el.outerHTML.slice(0, 160) });
      }
    }
    return { width, scrollWidth, offenders: offenders.slice(0, 10) };
  }, CSS_PATH);
}

/**
 * WCAG 1.4.12 text spacing: with line height 1.5, letter spacing 0.12em, word spacing 0.16em and
 * paragraph spacing 2em forced on everything, no text may be cut off (an element that hides its
 * overflow and now overflows) and the page may not scroll sideways.
 */
async function measureTextSpacing(page) {
  const style = await page.addStyleTag({
    content: "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }",
  });
  const result = await page.evaluate((cssPath) => {
    const where = new Function(`return ${cssPath}`)();
    const clipped = [];
    for (const el of document.body.querySelectorAll("*")) {
      const s = getComputedStyle(el);
      const hides = (o) => o === "hidden" || o === "clip";
      if (!hides(s.overflowX) && !hides(s.overflowY)) continue;
      if (el.clientWidth <= 1 || el.clientHeight <= 1) continue; // visually hidden on purpose
      if ((hides(s.overflowY) && el.scrollHeight > el.clientHeight + 1) || (hides(s.overflowX) && el.scrollWidth > el.clientWidth + 1)) {
        clipped.push({ where: where(el), html: el.outerHTML.slice(0, 160) });
      }
    }
    return { clipped, scrollWidth: document.documentElement.scrollWidth, width: document.documentElement.clientWidth };
  }, CSS_PATH);
  await style.evaluate((el) => el.remove());
  return result;
}

/** CSS rules that show or move content only on :hover (runs in the page). */
async function hoverOnlyRules(page) {
  return page.evaluate(() => {
    const revealing = ["display", "visibility", "opacity", "clip", "clip-path", "height", "max-height", "width", "max-width", "transform", "content", "left", "right", "top", "bottom", "position", "overflow"];
    const out = [];
    const visit = (rules, href) => {
      for (const rule of rules) {
        if (rule.cssRules) visit(rule.cssRules, href);
        if (!rule.selectorText || !/:hover/.test(rule.selectorText)) continue;
        // A rule that also applies on keyboard focus is not hover-only.
        const props = revealing.filter((p) => rule.style.getPropertyValue(p) !== "");
        if (props.length && !/:focus/.test(rule.selectorText)) out.push({ href, selector: rule.selectorText, props });
      }
    };
    for (const sheet of document.styleSheets) {
      try {
        visit(sheet.cssRules, sheet.href || "inline <style>");
      } catch {
        out.push({ href: sheet.href, selector: "(style sheet not readable)", props: [] });
      }
    }
    return out;
  });
}

const STYLE_OF = `(el) => {
  const s = getComputedStyle(el);
  return {
    outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 || /rgba\\(.*, 0\\)$|transparent/.test(s.outlineColor) ? 'none' : s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor,
    shadow: s.boxShadow,
    background: s.backgroundColor,
    border: [s.borderTopColor, s.borderRightColor, s.borderBottomColor, s.borderLeftColor, s.borderTopWidth, s.borderBottomWidth].join(' '),
  };
}`;

/**
 * Tabs through the whole page from the top and, for every element that takes focus, compares
 * its style with its style unfocused: a visible indicator changes the outline, a shadow, the
 * background or the border. Also records whether the focused element is on screen.
 */
export async function walkFocus(page) {
  await page.evaluate((styleOf) => {
    const fn = new Function(`return ${styleOf}`)();
    window.__medleafStyleOf = fn;
    window.__medleafUnfocused = new Map();
    for (const el of document.querySelectorAll("*")) {
      if (el.tabIndex >= 0 || el.matches("a[href], button, input, select, textarea, summary")) window.__medleafUnfocused.set(el, fn(el));
    }
  }, STYLE_OF);
  const steps = [];
  const limit = (await page.evaluate(() => window.__medleafUnfocused.size)) + 5;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const step = await page.evaluate((cssPath) => {
      const where = new Function(`return ${cssPath}`)();
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      const before = window.__medleafUnfocused.get(el) || null;
      const after = window.__medleafStyleOf(el);
      const r = el.getBoundingClientRect();
      const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
      const changed = before
        ? ["outline", "shadow", "background", "border"].filter((k) => before[k] !== after[k] && !(k === "outline" && after.outline === "none"))
        : ["(not focusable before)"];
      const first = el.dataset.medleafSeen === "1";
      const html = el.outerHTML.slice(0, 160);
      el.dataset.medleafSeen = "1";
      return { where: where(el), html, changed, onScreen, first, before, after };
    }, CSS_PATH);
    if (!step || step.first) break;
    steps.push(step);
  }
  await page.evaluate(() => {
    for (const el of document.querySelectorAll("[data-medleaf-seen]")) delete el.dataset.medleafSeen;
  });
  return steps;
}

/**
 * From a freshly loaded page: the first Tab must reach the skip link, shown on screen, and
 * Enter on it must move focus to the main content, so the next Tab lands inside it.
 */
async function trySkipLink(page) {
  await page.keyboard.press("Tab");
  const first = await page.evaluate((cssPath) => {
    const where = new Function(`return ${cssPath}`)();
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return {
      where: where(el),
      text: el.textContent.trim(),
      // A link to an id on the page whose target is the main content: in any language.
      isSkip: el.matches("a[href^='#']") && document.getElementById(el.getAttribute("href").slice(1))?.localName === "main",
      href: el.getAttribute("href"),
      onScreen: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight,
    };
  }, CSS_PATH);
  if (!first.isSkip) return { first };
  await page.keyboard.press("Enter");
  const target = first.href.slice(1);
  const afterEnter = await page.evaluate((id) => {
    const el = document.activeElement;
    const main = document.getElementById(id);
    return { focused: el === main, focusedId: el.id || el.localName, isMain: !!main && main.localName === "main" };
  }, target);
  await page.keyboard.press("Tab");
  const next = await page.evaluate((id) => {
    const main = document.getElementById(id);
    return !!main && main.contains(document.activeElement) && document.activeElement !== main;
  }, target);
  return { first, afterEnter, nextInsideMain: next };
}

/** The keyboard, layout and accessibility work on one loaded page, recorded in `record`. */
async function judge(page, tab, state, url, record) {
  record.hover = await hoverOnlyRules(page);

  record.skip = await trySkipLink(page);
  await tab.settled();
  await page.goto(url, { waitUntil: "load" });
  if (state.ready) await state.ready(page);
  record.focus = await walkFocus(page);

  record.axe = { desktop: await runAxe(page) };
  await page.setViewportSize(PHONE);
  record.axe.phone = await runAxe(page);
  // Dark mode has colours of its own: every page is judged in it too (issue 14), at the phone
  // width most readers have.
  await page.emulateMedia({ colorScheme: "dark" });
  record.axe["phone, dark"] = await runAxe(page);
  await page.emulateMedia({ colorScheme: "light" });
  record.textSpacing = await measureTextSpacing(page);
  await page.setViewportSize(NARROW);
  record.reflow = await measureReflow(page);
  await tab.settled();
}

/**
 * Visits every state of `pageStates(site)` and returns what it found, one record per state.
 * With `full` false it records only the page, its links, requests and console (no keyboard,
 * layout or axe-core work).
 * @param {{site: object, server: object, newPage: Function}} env
 */
export async function crawl(env, { log = () => {}, full = true } = {}) {
  const { site, server } = env;
  const results = [];
  for (const state of pageStates(site)) {
    const started = Date.now();
    const url = server.origin + site.mount + state.path;
    const tab = await env.newPage();
    const { page } = tab;
    const record = { state, url, status: null, fatal: null, tab };
    try {
      // A redirect page would leave at once: answer its target with "204 No Content", which
      // keeps the redirect page on screen to be judged (the redirect itself is checked apart).
      let blocked = null;
      if (state.kind === "alias") {
        const html = await readFile(path.join(site.dir, state.file), "utf8");
        const m = /<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)">/i.exec(html);
        if (m) {
          blocked = new URL(m[1].replace(/&amp;/g, "&"), url).href;
          await page.route(blocked, (route) => route.fulfill({ status: 204, body: "" }));
        }
      }
      record.blocked = blocked;
      await page.setViewportSize(DESKTOP);
      const response = await page.goto(url, { waitUntil: "load" });
      record.status = response ? response.status() : null;
      if (state.ready) await state.ready(page);
      if (blocked) await page.waitForTimeout(100);
      record.dom = await collectDom(page);
      record.iconLoads = await loadIcons(page, record.dom.icons);
      await tab.settled();
      if (full) await judge(page, tab, state, url, record);
    } catch (e) {
      record.fatal = String(e && e.message ? e.message : e);
    }
    await page.close();
    results.push(record);
    log(`${state.name}: ${Date.now() - started} ms`);
  }
  return results;
}
