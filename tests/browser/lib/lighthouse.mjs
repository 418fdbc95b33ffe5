// Lighthouse 12 (mobile, its default: a simulated mid-range phone on slow 4G) in Debian's
// Chromium, started by chrome-launcher with the suite's flags (lib/browser.mjs) and a fresh
// profile folder. Never downloads a browser: CHROME_PATH points at /usr/bin/chromium.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { CHROMIUM, FLAGS } from "./browser.mjs";

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

/** Starts one Chromium for a series of Lighthouse runs; returns `{audit(url), close()}`. */
export async function startLighthouse() {
  process.env.CHROME_PATH = CHROMIUM;
  const profile = await mkdtemp(path.join(tmpdir(), "medleaf-lighthouse-"));
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", ...FLAGS],
    userDataDir: profile,
    logLevel: "silent",
  });
  return {
    /** One Lighthouse run: `{scores: {category: 0..100}, lhr, html}`. */
    async audit(url) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "html",
        logLevel: "error",
        onlyCategories: CATEGORIES,
      });
      if (!result || !result.lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const scores = {};
      for (const c of CATEGORIES) scores[c] = lhr.categories[c].score === null ? null : Math.round(lhr.categories[c].score * 100);
      return { scores, lhr, html: result.report };
    },
    async close() {
      await chrome.kill();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The audits that cost a category points in a run, each with the elements or resources it
 * names (Lighthouse's `details.items`), for a failure message.
 */
export function lostPoints(lhr, category) {
  const out = [];
  for (const ref of lhr.categories[category].auditRefs) {
    if (ref.weight === 0) continue;
    const audit = lhr.audits[ref.id];
    if (audit.score === null || audit.score >= 1) continue;
    const items = (audit.details && audit.details.items) || [];
    const elements = items.slice(0, 5).map((item) => {
      const node = [item.node, item.source, item.subItems?.items?.[0]?.node].find((n) => n && n.type === "node");
      if (node) return `${node.selector || ""} ${node.snippet || ""}`.trim();
      return item.url || item.source?.url || item.label || JSON.stringify(item).slice(0, 160);
    });
    out.push({ id: ref.id, title: audit.title, score: audit.score, value: audit.displayValue || "", elements });
  }
  return out;
}
