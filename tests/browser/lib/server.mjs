// A tiny static file server for a built medleaf site, on 127.0.0.1 only (no dependencies).
//
// The same folder is served at every prefix in `mounts` (by default the root and a sub-path),
// so a check can prove that the site works below a sub-path, as static hosts serve it. Missing
// files get the site's 404.html with status 404, like a configured host. Every response is
// recorded (path, status, bytes) so checks can measure what a page downloaded.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  // The search index's chunks (search/terms/*.bin).
  ".bin": "application/octet-stream",
};

/**
 * Serves `root` on 127.0.0.1 at an ephemeral port.
 * @param {string} root the built site's folder
 * @param {{mounts?: string[]}} options URL prefixes the site is served at, each ending in "/"
 * @returns {Promise<{origin: string, url: (mount: string, p?: string) => string, log: object[], close: () => Promise<void>}>}
 */
export async function serveSite(root, { mounts = ["/", "/sub/path/"] } = {}) {
  const log = [];
  const byLength = [...mounts].sort((a, b) => b.length - a.length);
  const server = createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const mount = byLength.find((m) => urlPath.startsWith(m));
    let status = 200;
    let body;
    let file = null;
    if (mount) {
      let rel = urlPath.slice(mount.length);
      if (rel === "" || rel.endsWith("/")) rel += "index.html";
      const candidate = path.join(root, rel);
      if (candidate.startsWith(path.resolve(root) + path.sep)) file = candidate;
    }
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error("not found");
      body = await readFile(file);
    } catch {
      status = 404;
      file = path.join(root, "404.html");
      body = await readFile(file).catch(() => Buffer.from("not found"));
    }
    res.writeHead(status, {
      "content-type": TYPES[path.extname(file)] || "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
    log.push({ path: urlPath, status, bytes: body.length });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (mount, p = "") => origin + mount + p,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
