// The reader's first screen and beyond (issue 14), in a real browser:
// - on a 390x844 phone the first screen shows the site's name, the search box, the menu button,
//   the h1 (its top at most 300 px down) and the start of the description, on the home page, an
//   article, a listing and the Health A-Z of the example site, and on a site with twelve
//   top-level folders (tests/testsuite/reader/twelve, built here);
// - the menu button opens and closes with the keyboard alone, and works with JavaScript off;
// - axe finds nothing on the new pages, light and dark, at 1280 and 390 px, menu open;
// - the A-Z's letter bar, the listing pages' links and the footnotes' links both ways resolve,
//   and no page holds an id twice;
// - printing an article shows a QR code and the address under it, and the code, as the browser
//   paints it, decodes (jsQR) to the page's canonical address;
// - the search page opened from file:// says why search cannot work there.
// Screenshots of each page at both sizes go to target/screenshots/reader-*.png.

import { execFile } from "node:child_process";
import { mkdir, rm, access } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { after } from "node:test";
import jsQR from "jsqr";

import { DESKTOP, PHONE, runAxe } from "../lib/crawl.mjs";
import { Findings } from "../lib/findings.mjs";
import { serveSite } from "../lib/server.mjs";
import { loadSite } from "../lib/site.mjs";

export const title = "reader (issue 14)";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../..");
const FIRST_SCREEN = ["", "conditions/leukopenia/", "conditions/", "a-z/"];
const H1_MAX_TOP = 300;

// The twelve-folder fixture, built once with the medleaf the suite runs (MEDLEAF, as ./run
// passes it, or the release build ./run makes).
let twelve = null;
async function twelveSite() {
  if (!twelve) {
    twelve = (async () => {
      const candidates = [process.env.MEDLEAF, "target/release/medleaf", "target/debug/medleaf"].filter(Boolean).map((m) => path.resolve(repo, m));
      let bin = null;
      for (const c of candidates) {
        if (await access(c).then(() => true, () => false)) {
          bin = c;
          break;
        }
      }
      if (!bin) throw new Error(`no medleaf binary among ${candidates.join(", ")}`);
      const out = path.join(repo, "target/browser-reader-twelve");
      await rm(out, { recursive: true, force: true });
      await promisify(execFile)(bin, ["build", "--root", path.join(repo, "tests/testsuite/reader/twelve"), "--output", out, "--today", "2026-12-07"]);
      const site = await loadSite(out);
      const server = await serveSite(out, { mounts: [site.mount] });
      return { site, server };
    })();
  }
  return twelve;
}

after(async () => {
  if (twelve) await (await twelve).server.close();
});

// Where the parts of the first screen are, on the page as it is now.
async function firstScreen(page) {
  return page.evaluate(() => {
    const box = (sel) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), visible: r.width > 0 && r.height > 0 };
    };
    return {
      title: box(".site-title"),
      search: box("#site-search-q"),
      menu: box(".site-menu__button"),
      h1: box("h1"),
      lead: box("main .lead"),
      height: window.innerHeight,
      overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

function judgeFirstScreen(findings, where, s) {
  for (const part of ["title", "search", "menu", "h1"]) {
    const b = s[part];
    if (!b || !b.visible) findings.add(where, "first-screen", part, "not on the page or not visible");
    else if (b.bottom > s.height) findings.add(where, "first-screen", part, `ends at ${b.bottom} px, below the first screen (${s.height} px)`);
  }
  if (s.h1 && s.h1.top > H1_MAX_TOP) findings.add(where, "h1-position", "h1", `the title starts ${s.h1.top} px from the top, more than ${H1_MAX_TOP}`);
  if (s.lead && s.lead.top >= s.height) findings.add(where, "first-screen", ".lead", `the description starts at ${s.lead.top} px, below the first screen`);
  if (s.overflow) findings.add(where, "reflow", "html", "the page scrolls sideways");
}

// The menu's state: open or not, whether its links can be seen, what has focus.
async function menuState(page) {
  return page.evaluate(() => {
    const menu = document.getElementById("site-menu");
    const link = menu && menu.querySelector("nav a");
    const r = link ? link.getBoundingClientRect() : null;
    return {
      open: !!menu && menu.open,
      // A closed <details> hides its content with content-visibility, which leaves boxes in place.
      linkVisible: !!r && r.width > 0 && r.height > 0 && link.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }),
      focusOnButton: document.activeElement && document.activeElement.matches(".site-menu__button"),
      focusInMenu: !!menu && menu.querySelector("nav").contains(document.activeElement),
      focused: document.activeElement ? document.activeElement.outerHTML.slice(0, 100) : "",
    };
  });
}

async function tabToMenu(page) {
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => document.activeElement && document.activeElement.matches(".site-menu__button"))) return true;
  }
  return false;
}

export default {
  async "the first screen of a 390x844 phone shows the name, search, menu, the h1 within 300 px and the description"({ server, site, newPage, screenshots }) {
    const findings = new Findings("phone first screen (390x844)");
    await mkdir(screenshots, { recursive: true });
    const { site: tw, server: twServer } = await twelveSite();
    const targets = [
      ...FIRST_SCREEN.map((p) => ({ label: `example ${p || "home"}`, url: server.origin + site.mount + p })),
      ...FIRST_SCREEN.map((p) => ({ label: `twelve folders ${p || "home"}`, url: twServer.origin + tw.mount + p })),
    ];
    const { page } = await newPage();
    for (const t of targets) {
      for (const [size, viewport] of [["phone", PHONE], ["desktop", DESKTOP]]) {
        await page.setViewportSize(viewport);
        await page.goto(t.url);
        if (size === "phone") judgeFirstScreen(findings, t.label, await firstScreen(page));
        const name = `reader-${size}-${t.label.replace(/[^a-z0-9]+/gi, "-").replace(/-$/, "")}.png`;
        await page.screenshot({ path: path.join(screenshots, name) });
      }
    }
    await page.close();
    findings.assertNone();
  },

  async "the menu button opens and closes with the keyboard alone"({ server, site, newPage, screenshots }) {
    const findings = new Findings("menu with the keyboard");
    const where = "conditions/leukopenia/";
    const { page, errors } = await newPage();
    await page.setViewportSize(PHONE);
    await page.goto(server.origin + site.mount + where);
    if (!(await tabToMenu(page))) findings.add(where, "menu-reachable", ".site-menu__button", "Tab never reached the menu button");
    let s = await menuState(page);
    if (s.open || s.linkVisible) findings.add(where, "menu-closed", "#site-menu", "the menu is open before it is asked for");
    await page.keyboard.press("Enter");
    s = await menuState(page);
    if (!s.open || !s.linkVisible) findings.add(where, "menu-enter", ".site-menu__button", "Enter did not open the menu");
    await page.screenshot({ path: path.join(screenshots, "reader-phone-menu-open.png") });
    for (const v of await runAxe(page)) for (const n of v.nodes) findings.add(`${where} (menu open)`, `axe ${v.id}`, n.target, [v.help, n.html]);
    await page.keyboard.press("Tab");
    s = await menuState(page);
    if (!s.focusInMenu) findings.add(where, "menu-focus-order", "#site-menu nav", `after the open button, Tab reached ${s.focused}, not the menu's first link`);
    await page.keyboard.press("Escape");
    s = await menuState(page);
    if (s.open) findings.add(where, "menu-escape", "#site-menu", "Escape did not close the menu");
    if (!s.focusOnButton) findings.add(where, "menu-escape-focus", "#site-menu", `after Escape, focus is on ${s.focused}, not the menu button`);
    await page.keyboard.press(" ");
    s = await menuState(page);
    if (!s.open) findings.add(where, "menu-space", ".site-menu__button", "Space did not open the menu");
    await page.keyboard.press(" ");
    s = await menuState(page);
    if (s.open) findings.add(where, "menu-space", ".site-menu__button", "Space did not close the menu");
    for (const e of errors) findings.add(where, "page-error", "console", e);
    await page.close();
    findings.assertNone();
  },

  async "the menu works with JavaScript off"({ server, site, newPage }) {
    const findings = new Findings("menu without JavaScript");
    const where = "conditions/leukopenia/";
    const { page } = await newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    await page.setViewportSize(PHONE);
    await page.goto(server.origin + site.mount + where);
    // The page's own scripts do not run: medleaf.js would have set aria-expanded on glossary terms.
    const enhanced = await page.locator("a.glossary-term[aria-expanded]").count();
    if (enhanced > 0) findings.add(where, "js-off", "medleaf.js", "the page's scripts still ran");
    if (!(await tabToMenu(page))) findings.add(where, "menu-reachable", ".site-menu__button", "Tab never reached the menu button");
    await page.keyboard.press("Enter");
    let s = await menuState(page);
    if (!s.open || !s.linkVisible) findings.add(where, "menu-enter", ".site-menu__button", "without JavaScript, Enter did not open the menu");
    await page.keyboard.press("Enter");
    await page.locator(".site-menu__button").click();
    s = await menuState(page);
    if (!s.open || !s.linkVisible) findings.add(where, "menu-click", ".site-menu__button", "without JavaScript, a click did not open the menu");
    const link = page.locator("#site-menu nav a", { hasText: "Health A to Z" });
    if ((await link.count()) !== 1) findings.add(where, "menu-a-z", "#site-menu nav", "the menu has no Health A to Z link");
    else {
      await Promise.all([page.waitForURL((u) => u.pathname.endsWith("/a-z/")), link.click()]);
      if ((await page.locator("h1").textContent()).trim() !== "Health A to Z") findings.add(where, "menu-a-z", "a-z/", "the A-Z link did not lead to the A-Z");
    }
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: false });
    await page.close();
    findings.assertNone();
  },

  async "axe finds nothing on the new pages, light and dark, at 1280 and 390 px"({ server, site, newPage }) {
    const findings = new Findings("axe (WCAG 2.2 AA) on the reader pages");
    const { site: tw, server: twServer } = await twelveSite();
    const targets = [
      ["a-z/", server.origin + site.mount + "a-z/"],
      ["es/a-z/", server.origin + site.mount + "es/a-z/"],
      ["conditions/leukopenia/", server.origin + site.mount + "conditions/leukopenia/"],
      ["twelve: conditions/page/2/", twServer.origin + tw.mount + "conditions/page/2/"],
      ["twelve: conditions/leukopenia/", twServer.origin + tw.mount + "conditions/leukopenia/"],
    ];
    const { page } = await newPage();
    for (const scheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        for (const [label, url] of targets) {
          await page.goto(url);
          await page.evaluate(() => {
            const m = document.getElementById("site-menu");
            if (m) m.open = true;
          });
          for (const v of await runAxe(page)) for (const n of v.nodes) findings.add(`${label} (${scheme}, ${viewport.width} px)`, `axe ${v.id} (${v.impact})`, n.target, [v.help, n.html, n.summary]);
        }
      }
    }
    await page.close();
    findings.assertNone();
  },

  async "the A-Z letters, listing pages and footnotes link where they say, and no id is used twice"({ server, site, newPage }) {
    const findings = new Findings("A-Z, pagination and footnote links");
    const { site: tw, server: twServer } = await twelveSite();
    const { page } = await newPage();
    const dupes = async (label) => {
      const d = await page.evaluate(() => {
        const seen = new Map();
        for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
        return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
      });
      for (const id of d) findings.add(label, "duplicate-id", `#${id}`, "this id is on the page more than once");
    };
    const status = async (url) => (await fetch(url)).status;

    // The A-Z: every letter link lands on its heading, every entry on a page.
    await page.goto(server.origin + site.mount + "a-z/");
    await dupes("a-z/");
    const az = await page.evaluate(() => ({
      letters: [...document.querySelectorAll(".letter-bar a")].map((a) => a.getAttribute("href")),
      headings: [...document.querySelectorAll(".a-z-letter h2")].map((h) => h.id),
      entries: [...document.querySelectorAll(".a-z-list a")].map((a) => a.href),
      text: [...document.querySelectorAll(".a-z-list li")].map((li) => li.textContent.trim()),
    }));
    if (az.letters.length === 0) findings.add("a-z/", "a-z-letters", ".letter-bar", "no letters");
    for (const href of az.letters) if (!az.headings.includes(href.slice(1))) findings.add("a-z/", "a-z-letter-link", href, "no heading with this id");
    if (!az.text.includes("Low white blood cell count – see Leukopenia (low white blood cell count)")) findings.add("a-z/", "a-z-see", ".a-z-list", "no cross-reference from “Low white blood cell count” to Leukopenia");
    for (const url of new Set(az.entries)) if ((await status(url)) !== 200) findings.add("a-z/", "broken-link", url, "this A-Z entry leads nowhere");

    // Listing pages: every number, previous and next link, and <link rel> in the head.
    for (const p of ["conditions/", "conditions/page/2/", "conditions/page/3/", "topics/blood/", "topics/blood/page/3/"]) {
      const url = twServer.origin + tw.mount + p;
      await page.goto(url);
      await dupes(`twelve: ${p}`);
      const links = await page.evaluate(() => [...document.querySelectorAll(".pagination a, link[rel=prev], link[rel=next]")].map((a) => a.href));
      if (links.length === 0) findings.add(`twelve: ${p}`, "pagination", ".pagination", "no page links on a listing longer than listing.page_size");
      for (const l of new Set(links)) if ((await status(l)) !== 200) findings.add(`twelve: ${p}`, "broken-link", l, "a listing page link leads nowhere");
    }

    // Footnotes: a citation leads to its note, the note's back-link to the citation.
    const art = "conditions/leukopenia/";
    await page.goto(twServer.origin + tw.mount + art);
    await dupes(`twelve: ${art}`);
    const refs = await page.locator(".footnote-ref a").count();
    if (refs < 2) findings.add(`twelve: ${art}`, "footnotes", ".footnote-ref", `only ${refs} citations`);
    for (let i = 0; i < refs; i++) {
      const ref = page.locator(".footnote-ref a").nth(i);
      const refId = await ref.getAttribute("id");
      await ref.click();
      const note = await page.evaluate(() => {
        const t = document.querySelector(":target");
        return t ? { id: t.id, inNotes: !!t.closest("section.footnotes"), back: [...t.querySelectorAll(".footnote-back")].map((a) => a.getAttribute("href")) } : null;
      });
      if (!note || !note.inNotes) {
        findings.add(`twelve: ${art}`, "footnote-link", `#${refId}`, "the citation does not lead to a note in the notes at the end");
        continue;
      }
      if (!note.back.includes(`#${refId}`)) findings.add(`twelve: ${art}`, "footnote-back", `#${note.id}`, `the note has no link back to citation #${refId}`);
      await page.locator(`#${note.id} .footnote-back[href="#${refId}"]`).click();
      const back = await page.evaluate(() => (document.querySelector(":target") || {}).id);
      if (back !== refId) findings.add(`twelve: ${art}`, "footnote-back", `#${note.id}`, `the back-link led to #${back}, not #${refId}`);
    }
    await page.close();
    findings.assertNone();
  },

  async "a printed article shows a QR code of its address, with the address written under it"({ server, site, newPage, screenshots }) {
    const findings = new Findings("printed handout");
    const where = "conditions/leukopenia/";
    const { page } = await newPage();
    await page.goto(server.origin + site.mount + where);
    const onScreen = await page.locator(".handout").isVisible();
    if (onScreen) findings.add(where, "handout-screen", ".handout", "the QR code shows on screen; it is for print only");
    await page.emulateMedia({ media: "print" });
    const canonical = await page.locator("link[rel=canonical]").getAttribute("href");
    const svg = page.locator(".handout svg.qr-code");
    if (!(await svg.isVisible())) findings.add(where, "handout-qr", ".handout svg", "no QR code in print");
    const address = (await page.locator(".handout__address").textContent().catch(() => "")).trim();
    if (address !== canonical) findings.add(where, "handout-address", ".handout__address", `the printout shows ${JSON.stringify(address)}, not the canonical address ${canonical}`);
    const siteName = await page.locator(".handout-site").isVisible();
    if (!siteName) findings.add(where, "handout-site", ".handout-site", "the site's name is not printed");
    // Decode the code as the browser paints it: a picture of the element, read back as pixels
    // in a blank tab (no page styles or policies in the way), then jsQR.
    const png = await svg.screenshot({ scale: "css" });
    await mkdir(screenshots, { recursive: true });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: path.join(screenshots, "reader-article-print.png"), fullPage: true });
    const blank = await page.context().newPage();
    const pixels = await blank.evaluate(async (b64) => {
      const img = new Image();
      img.src = "data:image/png;base64," + b64;
      await img.decode();
      const scale = 4;
      const c = document.createElement("canvas");
      c.width = img.width * scale;
      c.height = img.height * scale;
      const ctx = c.getContext("2d");
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(img, 0, 0, c.width, c.height);
      return { width: c.width, height: c.height, data: Array.from(ctx.getImageData(0, 0, c.width, c.height).data) };
    }, png.toString("base64"));
    await blank.close();
    const code = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
    if (!code) findings.add(where, "handout-qr-decode", ".handout svg", "the QR code does not decode");
    else if (code.data !== canonical) findings.add(where, "handout-qr-decode", ".handout svg", `the QR code says ${code.data}, not ${canonical}`);
    await page.close();
    findings.assertNone();
  },

  async "the search page opened from a file says why search cannot work there"({ site, newPage }) {
    const findings = new Findings("search page honesty");
    const { page } = await newPage();
    await page.goto(pathToFileURL(path.join(site.dir, "search/index.html")).href);
    const text = (await page.locator("#search-nojs").innerText().catch(() => "")).trim();
    if (!/file:\/\//.test(text) || !/medleaf serve/.test(text)) findings.add("search/ (file://)", "search-file", "#search-nojs", `the page says ${JSON.stringify(text)}, not that a site opened from a file cannot search and how to fix it`);
    if (/JavaScript/.test(text)) findings.add("search/ (file://)", "search-file", "#search-nojs", "the page blames JavaScript, which is on");
    await page.close();
    findings.assertNone();
  },
};
