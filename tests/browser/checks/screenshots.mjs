// Full-page screenshots of the home page and an article (the one with every care-card level) at a
// phone (390x844) and a desktop (1280x900) size, written to target/screenshots/ (the sub-path
// build's to target/screenshots/sub-path/) for a person to look at when the theme changes. They
// are not compared pixel by pixel; the check only proves they were taken and are not blank.

import assert from "node:assert/strict";
import { mkdir, stat } from "node:fs/promises";
import path from "node:path";

export const title = "screenshots";

const PAGES = {
  home: "",
  article: "treatment/neutropenia-after-chemotherapy/",
  "article-es": "es/treatment/neutropenia-despues-de-la-quimioterapia/",
};
const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];

export default {
  async "home, an article and its Spanish version at 390x844 and 1280x900, in target/screenshots/"({ server, site, newPage, screenshots }) {
    await mkdir(screenshots, { recursive: true });
    for (const [name, address] of Object.entries(PAGES)) {
      for (const size of SIZES) {
        const { page } = await newPage();
        await page.setViewportSize(size);
        await page.goto(server.origin + site.mount + address);
        const file = path.join(screenshots, `${name}-${size.width}x${size.height}.png`);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok((await stat(file)).size > 10_000, `${file} is suspiciously small (blank page?)`);
        await page.close();
      }
    }
  },
};
