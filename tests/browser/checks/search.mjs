// Site search (issue 5) on the built example site, as a reader uses it: the header's search box,
// reached by keyboard, the results on /search/, and the links from a result to its article and
// to the heading of a matching section. Also: the same at a sub-path, and without JavaScript.

import assert from "node:assert/strict";

export const title = "search";

const CBC = "Understanding your complete blood count";
const LEUKOPENIA = "Leukopenia (low white blood cell count)";

// Tabs from the top of the page to the header's search box, proving it is reachable by keyboard
// in a sensible place (after the navigation, before the content).
async function tabToSearchBox(page) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const id = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (id === "site-search-q") return i + 1;
    assert.notEqual(id, "main", "reached the main content before the search box");
  }
  assert.fail("the header search box is not reachable with Tab");
}

// Types a query into the header box by keyboard and waits for the results to be announced.
async function searchFromHeader(page, query) {
  await tabToSearchBox(page);
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname.endsWith("/search/") && url.searchParams.get("q") === query);
  const status = page.locator("#search-status");
  await status.filter({ hasText: /result/ }).waitFor();
  return (await status.textContent()).trim();
}

function assertLocal(server, requests) {
  const foreign = requests.filter((u) => !u.startsWith(server.origin + "/") && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "the page loaded something from another host");
}

export default {
  async "ANC, typed into the header box, finds the complete blood count article"({ server, newPage }) {
    const { page, requests, errors } = await newPage();
    await page.goto(server.url("/"));
    const announced = await searchFromHeader(page, "ANC");
    assert.match(announced, /^\d+ results? for “ANC”\.$/);

    const result = page.locator(".search-result").filter({ has: page.getByRole("link", { name: CBC, exact: true }) });
    await result.waitFor();
    const marks = await result.locator("mark").allTextContents();
    assert.ok(marks.some((m) => /^anc$/i.test(m)), `no highlighted ANC in the result: ${marks}`);

    await result.getByRole("link", { name: CBC, exact: true }).click();
    await page.waitForURL(server.url("/", "tests/complete-blood-count/"));
    assert.equal(await page.locator("h1").textContent(), CBC);
    assertLocal(server, requests);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "a section result links to its heading"({ server, newPage }) {
    const { page, requests, errors } = await newPage();
    await page.goto(server.url("/", "search/?q=ANC"));
    const result = page.locator(".search-result").filter({ has: page.getByRole("link", { name: CBC, exact: true }) });
    const section = result.locator(".search-result__sections a").first();
    await section.waitFor();
    const heading = (await section.textContent()).trim();
    const href = await section.getAttribute("href");
    const id = decodeURIComponent(href.split("#")[1]);
    assert.ok(id, `the section link has no fragment: ${href}`);

    await section.click();
    await page.waitForURL((url) => url.pathname.endsWith("/tests/complete-blood-count/") && url.hash === `#${encodeURIComponent(id)}`);
    const target = page.locator(`[id="${id}"]`);
    assert.match(await target.evaluate((el) => el.tagName), /^H[2-6]$/);
    assert.equal((await target.textContent()).trim(), heading);
    const top = await target.evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top > -2 && top < 200, `the heading is not scrolled into view (top ${top})`);
    assertLocal(server, requests);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "low white count finds leukopenia on a site served below a sub-path"({ server, newPage }) {
    const { page, requests, errors } = await newPage();
    await page.goto(server.url("/sub/path/", "conditions/leukemia/"));
    await searchFromHeader(page, "low white count");
    assert.equal(new URL(page.url()).pathname, "/sub/path/search/");

    const first = page.locator(".search-result__title a").first();
    assert.equal((await first.textContent()).trim(), LEUKOPENIA, "leukopenia is not the first result");
    await first.click();
    await page.waitForURL(server.url("/sub/path/", "conditions/leukopenia/"));
    assert.equal(await page.locator("h1").textContent(), LEUKOPENIA);
    assertLocal(server, requests);
    assert.deepEqual(errors, []);
    await page.close();
  },

  async "without JavaScript the box still submits and the page explains"({ server, context, newPage }) {
    const { page, requests } = await newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    await page.goto(server.url("/"));
    await page.getByLabel("Search this site").fill("ANC");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/search/" && url.searchParams.get("q") === "ANC");
    await page.getByText("Search needs JavaScript").waitFor();
    const topics = page.getByRole("link", { name: "browse every topic" });
    assert.equal(await topics.getAttribute("href"), "../topics/");
    assertLocal(server, requests);
    await page.close();
  },
};
