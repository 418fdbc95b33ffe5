// The glossary popover (static/medleaf.js) with the keyboard alone: Tab to a term, Enter shows
// its definition in place, Escape (or the Close button) hides it and returns focus to the term.
// The open popover is judged by axe-core too, and must fit a 320 px screen. Without JavaScript
// the term is a plain link to its glossary entry. (The skip link is checked on every page by
// pages.mjs.)

import assert from "node:assert/strict";
import { NARROW, PHONE, runAxe, walkFocus } from "../lib/crawl.mjs";
import { Findings } from "../lib/findings.mjs";

export const title = "keyboard";

const ARTICLE = "conditions/leukopenia/";

// Presses Tab until a glossary term has focus; returns its text, href and popover id.
async function tabToGlossaryTerm(page) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press("Tab");
    const term = await page.evaluate(() => {
      const el = document.activeElement;
      return el && el.matches("a.glossary-term") ? { text: el.textContent, term: el.dataset.term, href: el.getAttribute("href"), definition: el.dataset.definition } : null;
    });
    if (term) return term;
  }
  assert.fail("Tab never reached a glossary term");
}

async function popoverState(page) {
  return page.evaluate(() => {
    const link = document.querySelector("a.glossary-term[aria-expanded='true']") || document.activeElement.closest("a.glossary-term");
    const focused = document.activeElement;
    const id = link && link.getAttribute("aria-controls");
    const box = id && document.getElementById(id);
    const r = box ? box.getBoundingClientRect() : null;
    return {
      expanded: link ? link.getAttribute("aria-expanded") : null,
      visible: !!box && !box.hidden && r.width > 0 && r.height > 0,
      inView: !!r && r.left >= 0 && r.right <= document.documentElement.clientWidth,
      text: box ? box.textContent : "",
      focusOnTerm: !!link && focused === link,
      focusInPopover: !!box && box.contains(focused),
      focused: focused.outerHTML.slice(0, 120),
      scrollWidth: document.documentElement.scrollWidth,
      width: document.documentElement.clientWidth,
    };
  });
}

export default {
  async "a glossary definition opens with Enter and closes with Escape, focus back on the term"({ server, site, newPage }) {
    const { page, errors } = await newPage();
    const url = server.origin + site.mount + ARTICLE;
    await page.goto(url);
    const term = await tabToGlossaryTerm(page);
    const where = `the term “${term.text}”`;
    const findings = new Findings("glossary popover with the keyboard");

    await page.keyboard.press("Enter");
    let s = await popoverState(page);
    if (page.url() !== url) findings.add(ARTICLE, "popover-enter", where, `Enter left the page for ${page.url()} instead of showing the definition`);
    if (!s.visible) findings.add(ARTICLE, "popover-enter", where, "Enter did not show the definition");
    if (s.expanded !== "true") findings.add(ARTICLE, "popover-aria-expanded", where, `aria-expanded is ${s.expanded} while the definition is shown`);
    if (!s.text.includes(term.definition)) findings.add(ARTICLE, "popover-text", where, `the popover does not hold the definition: ${s.text}`);
    if (!s.focusOnTerm) findings.add(ARTICLE, "popover-focus", where, `opening moved focus to ${s.focused}`);
    // The open popover meets the same rules as the page.
    for (const v of await runAxe(page)) for (const n of v.nodes) findings.add(`${ARTICLE} (popover open)`, `axe ${v.id} (${v.impact})`, n.target, [v.help, n.html, n.summary]);
    // Its link and Close button come next in the focus order, each with a visible focus style.
    const steps = await walkFocus(page);
    const inside = steps.slice(0, 2);
    if (!inside.every((st) => /glossary-popover|Close/.test(st.html + st.where))) findings.add(ARTICLE, "popover-focus-order", where, `after the open term, Tab reaches ${inside.map((st) => st.where).join(", ")}, not the popover's link and Close button`);
    for (const st of inside) if (st.changed.length === 0) findings.add(`${ARTICLE} (popover open)`, "focus-visible", st.where, ["focused, it looks exactly as it does unfocused", st.html]);
    await page.locator("a.glossary-term[aria-expanded='true']").focus();

    await page.keyboard.press("Escape");
    s = await popoverState(page);
    if (s.visible) findings.add(ARTICLE, "popover-escape", where, "Escape did not hide the definition");
    if (s.expanded !== "false") findings.add(ARTICLE, "popover-aria-expanded", where, `aria-expanded is ${s.expanded} after closing`);
    if (!s.focusOnTerm) findings.add(ARTICLE, "popover-escape-focus", where, `after Escape, focus is on ${s.focused}, not the term`);

    // Again, closing with the Close button: Tab moves into the popover (its glossary link, then
    // the button), Enter on the button closes it and focus returns to the term.
    await page.keyboard.press("Enter");
    let reachedClose = false;
    for (let i = 0; i < 3 && !reachedClose; i++) {
      await page.keyboard.press("Tab");
      reachedClose = await page.evaluate(() => document.activeElement.matches(".glossary-popover button"));
    }
    if (!reachedClose) findings.add(ARTICLE, "popover-close-button", where, "Tab from the open term does not reach the popover's Close button");
    else {
      await page.keyboard.press("Enter");
      s = await popoverState(page);
      if (s.visible) findings.add(ARTICLE, "popover-close-button", where, "the Close button did not hide the definition");
      if (!s.focusOnTerm) findings.add(ARTICLE, "popover-close-focus", where, `after Close, focus is on ${s.focused}, not the term`);
    }
    for (const e of errors) findings.add(ARTICLE, "console-error", "(console)", e);
    findings.assertNone();
    await page.close();
  },

  async "an open glossary definition fits a phone and a 320 px screen"({ server, site, newPage }) {
    const findings = new Findings("glossary popover on small screens");
    for (const viewport of [PHONE, NARROW]) {
      const { page } = await newPage();
      await page.setViewportSize(viewport);
      await page.goto(server.origin + site.mount + ARTICLE);
      // The longest definition on the page, so the widest popover.
      const term = page.locator("a.glossary-term").nth(
        await page.evaluate(() => {
          const all = [...document.querySelectorAll("a.glossary-term")];
          return all.reduce((best, el, i) => (el.dataset.definition.length > all[best].dataset.definition.length ? i : best), 0);
        }),
      );
      await term.focus();
      await page.keyboard.press("Enter");
      const s = await popoverState(page);
      const where = `the term “${await term.textContent()}” at ${viewport.width} px`;
      if (!s.visible) findings.add(ARTICLE, "popover-enter", where, "Enter did not show the definition");
      if (!s.inView) findings.add(ARTICLE, "popover-fits", where, "the popover reaches past the screen's edge");
      if (s.scrollWidth > s.width) findings.add(ARTICLE, "reflow-320", where, `with the popover open the page is ${s.scrollWidth} px wide in a ${s.width} px viewport`);
      await page.close();
    }
    findings.assertNone();
  },

  async "without JavaScript a glossary term is a link to its entry"({ server, site, context, newPage }) {
    const { page } = await newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    await page.goto(server.origin + site.mount + ARTICLE);
    const term = await tabToGlossaryTerm(page);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === site.mount + "glossary/");
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    assert.equal(id, term.href.split("#")[1], "the link did not lead to the term's entry");
    const entry = page.locator(`[id="${id}"]`);
    assert.equal((await entry.textContent()).trim().toLowerCase(), term.term.toLowerCase(), "the entry is not the term's");
    const top = await entry.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top >= -2 && top < 300, `the entry is not scrolled into view (top ${top})`);
    await page.close();
  },
};
