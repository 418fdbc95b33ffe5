// Printing an article (print media emulated): the navigation, the search box, the skip link and
// the lists of other pages are hidden; the care cards (label, heading and every item), the
// review dates and the sources stay, each source with its URL printed in full. Between them the
// two articles carry all three care-card levels. A picture of the printed chemotherapy article is
// written to target/screenshots/ for a person to look at.

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Findings } from "../lib/findings.mjs";

export const title = "print";

const ARTICLES = ["treatment/neutropenia-after-chemotherapy/", "conditions/leukopenia/"];

export default {
  async "printed articles hide navigation and keep care cards, review dates and sources with their URLs"({ server, site, newPage, screenshots }) {
    const findings = new Findings("print stylesheet");
    const levels = new Set();
    for (const article of ARTICLES) {
      const { page } = await newPage();
      await page.goto(server.origin + site.mount + article);
      await page.emulateMedia({ media: "print" });
      const report = await page.evaluate(() => {
        const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
        const describe = (el) => el.outerHTML.replace(/\s+/g, " ").slice(0, 100);
        const out = { hiddenWrong: [], shownWrong: [], cards: [], urls: [] };
        // Navigation and what only works on screen.
        for (const el of document.querySelectorAll("nav, .site-header, .skip-link, form[role=search], #page-related, #page-backlinks, #page-topics")) {
          if (shown(el)) out.shownWrong.push(describe(el));
        }
        // What a printout must keep.
        const keep = [...document.querySelectorAll(".care-card, .care-card__label, .care-card__heading, .care-card li, #page-review, #page-review p, #page-sources, #page-sources li, h1, .article-body")];
        for (const el of keep) if (!shown(el) || el.textContent.trim() === "") out.hiddenWrong.push(describe(el));
        for (const card of document.querySelectorAll(".care-card")) {
          const s = getComputedStyle(card.querySelector(".care-card__heading"));
          out.cards.push({ level: [...card.classList].find((c) => c.startsWith("care-card--")), color: s.color, background: s.backgroundColor, items: card.querySelectorAll("li").length });
        }
        for (const li of document.querySelectorAll("#page-sources li")) {
          const a = li.querySelector("a[href]");
          const printed = li.querySelector(".source-url");
          out.urls.push({ href: a ? a.href : null, printed: printed && shown(printed) ? printed.textContent.trim() : null, html: describe(li) });
        }
        out.review = document.querySelector("#page-review") ? document.querySelector("#page-review").innerText : "";
        return out;
      });
      for (const html of report.shownWrong) findings.add(article, "print-hidden", html, "still printed: navigation and on-screen-only parts must be hidden in print");
      for (const html of report.hiddenWrong) findings.add(article, "print-shown", html, "not printed (or empty): care cards, review dates and sources must print");
      if (report.cards.length === 0) findings.add(article, "print-care-card", ".care-card", "the article has no care card to print");
      for (const c of report.cards) {
        levels.add(c.level);
        if (c.items === 0) findings.add(article, "print-care-card", `.${c.level}`, "a care card without its list");
        if (c.color === c.background) findings.add(article, "print-care-card", `.${c.level} .care-card__heading`, `heading text ${c.color} on ${c.background}`);
      }
      if (!/Page last reviewed: .*\d{4}/.test(report.review) || !/Next review due: .*\d{4}/.test(report.review)) {
        findings.add(article, "print-review", "#page-review", `review dates not printed: ${JSON.stringify(report.review)}`);
      }
      if (report.urls.length === 0) findings.add(article, "print-sources", "#page-sources", "no sources printed");
      for (const u of report.urls) {
        if (u.href && u.printed !== u.href) findings.add(article, "print-source-url", u.html, `the printout shows ${JSON.stringify(u.printed)}, not the link's URL ${u.href}`);
      }
      if (article === ARTICLES[0]) {
        await mkdir(screenshots, { recursive: true });
        await page.setViewportSize({ width: 794, height: 1123 }); // an A4 page at 96 dpi
        await page.screenshot({ path: path.join(screenshots, "article-print.png"), fullPage: true });
      }
      await page.close();
    }
    for (const level of ["care-card--emergency", "care-card--urgent", "care-card--non-urgent"]) {
      if (!levels.has(level)) findings.add(ARTICLES.join(", "), "print-care-card", `.${level}`, "no card of this level was printed");
    }
    findings.assertNone();
  },
};
