// Starts Debian's Chromium (never a downloaded browser) headless, with the flags from
// ../shared/BROWSER.md: no background networking, and every host name but 127.0.0.1 and
// localhost refused, so a page that loads anything from another host fails visibly.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** The flags every Chromium of the suite starts with (Lighthouse's too), minus the profile folder. */
export const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
];

/**
 * Launches Chromium with a fresh, empty profile folder.
 *
 * The checks' own tools are injected into the pages they measure (axe-core as a script
 * element, style sheets for the text-spacing test), which the Content-Security-Policy every
 * page carries would block: by default the policy is bypassed for them. The check that judges
 * the policy itself (checks/pages.mjs) launches a browser with `bypassCSP: false`, which
 * enforces it as readers' browsers do.
 * @returns {Promise<{context: import("playwright-core").BrowserContext, close: () => Promise<void>}>}
 */
export async function launchBrowser({ viewport = { width: 1280, height: 900 }, bypassCSP = true } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), "medleaf-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport,
    bypassCSP,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a new tab that records every request, so a check can assert that nothing left
 * 127.0.0.1, and collects page errors (uncaught exceptions, console errors). `responses` holds
 * every response's URL and status and `failed` every request that got no response (refused,
 * blocked, cancelled), so a check can find a missing asset. `settled()` waits until every
 * request made so far has finished or failed (the browser's own favicon request comes after
 * the load event), so navigating on does not cancel it.
 */
export async function newPage(context) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const responses = [];
  const failed = [];
  const pending = new Set();
  page.on("request", (r) => {
    requests.push(r.url());
    pending.add(r);
  });
  // A request counts as done at its response: Chromium's own favicon request never reports
  // "finished" to Playwright, and is reported "aborted" at the next navigation although it was
  // answered. A failure counts only for a request that got no response at all.
  const answered = new WeakSet();
  page.on("response", (r) => {
    responses.push({ url: r.url(), status: r.status() });
    answered.add(r.request());
    pending.delete(r.request());
  });
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => {
    pending.delete(r);
    if (!answered.has(r)) failed.push({ url: r.url(), error: r.failure()?.errorText || "failed" });
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  const settled = async (timeout = 5000) => {
    for (const end = Date.now() + timeout; pending.size > 0 && Date.now() < end; ) await page.waitForTimeout(20);
  };
  return { page, requests, errors, responses, failed, settled };
}
