// medleaf default theme: the search page (/search/), on Pagefind's search API (issue 5).
//
// The page works without this file: it says that search needs JavaScript and links the topics.
// With it, the query in `?q=` (the header's search box submits here) runs against the Pagefind
// index in `pagefind/`, which the browser fetches in small pieces: only the index chunks and
// page fragments the query needs.
//
// Why not Pagefind's ready-made interface: ours keeps the visible label and the plain form that
// also work without JavaScript, announces the number of results in a polite live region that is
// on the page from the start, uses real headings and lists (a screen reader can jump from result
// to result), moves focus only when asked ("Show more results"), and uses the theme's colours,
// focus style and 44px targets. It is also 9 kB instead of 130 kB.
//
// Every address is worked out from where this file was loaded (`import.meta.url`), so a site
// published below a sub-path works without configuration.

const PAGE_SIZE = 10;
const MAX_SECTIONS = 3;
const TYPING_DELAY_MS = 350;

const form = document.querySelector(".search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const noJs = document.getElementById("search-nojs");

let pagefind = null;
let current = 0; // increases with every search, so a slow older search never overwrites a newer one
let timer = null;

function setStatus(text) {
  status.textContent = text;
}

// Pagefind's excerpts are text with <mark> around the matched words. Rebuild them from text
// nodes and <mark> elements only, so nothing else in an excerpt can ever become markup.
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const out = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.appendChild(mark);
    } else {
      out.appendChild(document.createTextNode(node.textContent));
    }
  }
  return out;
}

function paragraph(className, content) {
  const p = document.createElement("p");
  p.className = className;
  if (typeof content === "string") p.textContent = content;
  else p.appendChild(content);
  return p;
}

// The sections of a page where the words were found (Pagefind's sub-results that point at a
// heading), those with the most matches first.
function sections(data) {
  return (data.sub_results || [])
    .filter((s) => s.url.includes("#") && s.locations && s.locations.length > 0)
    .sort((a, b) => b.locations.length - a.locations.length)
    .slice(0, MAX_SECTIONS);
}

function resultItem(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = (data.meta && data.meta.title) || data.url;
  heading.appendChild(link);
  li.appendChild(heading);
  if (data.meta && data.meta.description) {
    li.appendChild(paragraph("search-result__description", data.meta.description));
  }
  const parts = sections(data);
  if (parts.length === 0) {
    li.appendChild(paragraph("search-result__excerpt", excerptNodes(data.excerpt)));
  } else {
    const list = document.createElement("ul");
    list.className = "search-result__sections";
    list.setAttribute("aria-label", "Matching sections of \u201c" + link.textContent + "\u201d");
    for (const part of parts) {
      const item = document.createElement("li");
      const a = document.createElement("a");
      a.href = part.url;
      a.textContent = part.title;
      item.appendChild(a);
      item.appendChild(paragraph("search-result__excerpt", excerptNodes(part.excerpt)));
      list.appendChild(item);
    }
    li.appendChild(list);
  }
  return li;
}

async function showPage(found, list, start, id) {
  const slice = found.slice(start, start + PAGE_SIZE);
  const data = await Promise.all(slice.map((r) => r.data()));
  if (id !== current) return null;
  const items = data.map(resultItem);
  for (const item of items) list.appendChild(item);
  return items[0] || null;
}

function moreButton(found, list, shownSoFar, id) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "search-more";
  const rest = Math.min(PAGE_SIZE, found.length - shownSoFar);
  button.textContent = "Show " + rest + " more " + (rest === 1 ? "result" : "results");
  button.addEventListener("click", async () => {
    button.disabled = true;
    const first = await showPage(found, list, shownSoFar, id);
    button.remove();
    const shown = Math.min(found.length, shownSoFar + PAGE_SIZE);
    if (shown < found.length) results.appendChild(moreButton(found, list, shown, id));
    // The button is gone: put focus on the first new result so keyboard users carry on there.
    if (first) first.querySelector("a").focus();
    setStatus("Showing " + shown + " of " + found.length + " results.");
  });
  return button;
}

// Words so common that their index chunks are the largest downloads (hundreds of kB on a big
// site) while they barely narrow the results. They are left out of English queries that have
// other words ("what to expect" searches "expect"); a quoted phrase is searched as typed.
const COMMON_WORDS = new Set(
  ("a an and are as at be but by can do does for from has have how i if in into is it its me my " +
    "of on or our should so than that the their them then there these they this to was we were " +
    "what when where which who why will with you your").split(" "),
);

function searchTerm(query) {
  const term = query.trim();
  const english = (document.documentElement.lang || "").toLowerCase().startsWith("en");
  if (!english || /^".*"$/.test(term)) return term;
  const words = term.split(/\s+/);
  const kept = words.filter((w) => !COMMON_WORDS.has(w.toLowerCase()));
  return kept.length > 0 ? kept.join(" ") : term;
}

async function runSearch(query) {
  const id = ++current;
  const term = query.trim();
  if (!term) {
    results.replaceChildren();
    setStatus("");
    return;
  }
  let search;
  try {
    search = await pagefind.search(searchTerm(term));
  } catch (error) {
    failed(error);
    return;
  }
  if (id !== current) return;
  const found = search.results;
  const list = document.createElement("ol");
  list.className = "search-results__list";
  await showPage(found, list, 0, id);
  if (id !== current) return;
  results.replaceChildren();
  if (found.length === 0) {
    results.appendChild(
      paragraph("search-results__none", "Check the spelling, try fewer words, or use another word for the same thing."),
    );
  } else {
    results.appendChild(list);
    if (found.length > PAGE_SIZE) results.appendChild(moreButton(found, list, PAGE_SIZE, id));
  }
  const count = found.length === 0 ? "No results" : found.length === 1 ? "1 result" : found.length + " results";
  setStatus(count + " for \u201c" + term + "\u201d.");
}

function failed(error) {
  noJs.hidden = false;
  noJs.firstElementChild.textContent = "Search is not available right now.";
  setStatus("Search is not available right now.");
  console.error("medleaf search:", error);
}

// Keeps the query in the address, so reloading, sharing or going back shows the same results.
function remember(query) {
  const url = new URL(window.location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}

async function start() {
  noJs.hidden = true;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", import.meta.url).href);
    await pagefind.options({
      // Search on this thread: a worker would cost a further 43 kB download on the first
      // query, and a search over even 10,000 pages takes milliseconds.
      noWorker: true,
      excerptLength: 24,
      excerptEllipsis: "\u2026",
      // The other names of a page's subject (its condition's `also_called`, the glossary terms
      // it explains) count like its title, which Pagefind weighs 5 by default.
      ranking: { metaWeights: { also_called: 5, explains: 5 } },
    });
    await pagefind.init();
  } catch (error) {
    failed(error);
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    remember(input.value.trim());
    runSearch(input.value);
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      remember(input.value.trim());
      runSearch(input.value);
    }, TYPING_DELAY_MS);
  });
  const query = new URLSearchParams(window.location.search).get("q") || "";
  if (query) {
    input.value = query;
    runSearch(query);
  }
}

start();
