// What a built site holds, read from its folder: every HTML file with its address, and the
// address the site was built for (its `base_url`, from the home page's canonical link), whose
// path is where the suite serves it: `/` for a root build, `/sub/path/` for
// `--base-url https://example.org/sub/path/`.

import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

async function walk(dir, rel = "") {
  const out = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(dir, child)));
    else out.push(child);
  }
  return out;
}

/**
 * @param {string} dir a built site's folder
 * @returns {Promise<{dir: string, baseUrl: string, mount: string, files: string[], pages: {file: string, path: string, kind: string}[]}>}
 *   `pages[].path` is the page's address relative to the site's root (`conditions/leukemia/`,
 *   `404.html`, `` for the home page); `kind` is what the page's `<body>` shows it to be:
 *   `alias` for a redirect, `404` for the not-found page, `page` otherwise.
 */
export async function loadSite(dir) {
  const files = (await walk(dir)).sort();
  const home = await readFile(path.join(dir, "index.html"), "utf8");
  const canonical = /<link rel="canonical" href="([^"]+)">/.exec(home);
  if (!canonical) throw new Error(`${dir}/index.html has no canonical link to read the base URL from`);
  const baseUrl = new URL(canonical[1]);
  const pages = [];
  for (const file of files.filter((f) => f.endsWith(".html"))) {
    const html = await readFile(path.join(dir, file), "utf8");
    const kind = /<meta http-equiv="refresh"/i.test(html) ? "alias" : file === "404.html" ? "404" : "page";
    const address = file === "index.html" ? "" : file.endsWith("/index.html") ? file.slice(0, -"index.html".length) : file;
    pages.push({ file, path: address, kind });
  }
  return { dir: path.resolve(dir), baseUrl: baseUrl.href, mount: baseUrl.pathname, files, pages };
}

/**
 * The file a URL path of the served site stands for (as the test server maps it), or null.
 * @param {{dir: string, mount: string}} site
 * @param {string} urlPath a decoded URL path, such as `/sub/path/conditions/`
 */
export async function fileForPath(site, urlPath) {
  if (!urlPath.startsWith(site.mount)) return null;
  let rel = urlPath.slice(site.mount.length);
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const file = path.join(site.dir, rel);
  if (!file.startsWith(site.dir + path.sep)) return null;
  try {
    return (await stat(file)).isFile() ? rel : null;
  } catch {
    return null;
  }
}
