// medleaf serve: reloads the page when the site is rebuilt, shows build errors over it, and
// lists the page's own warnings in a panel the author can dismiss.
// Added to pages by `medleaf serve` only; `medleaf build` never writes it.
(() => {
  "use strict";
  let version = null;
  let overlay = null;

  const hide = () => {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  };

  const show = (text) => {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "medleaf-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;top:1rem;left:1rem;right:1rem;max-height:calc(100vh - 2rem);" +
        "z-index:2147483647;overflow:auto;box-sizing:border-box;" +
        "background:#fff;color:#1b1b1b;border:4px solid #b00020;border-radius:8px;" +
        "padding:1rem 1.25rem;font:16px/1.5 system-ui,sans-serif;text-align:left;" +
        "box-shadow:0 0 0 100vmax rgba(0,0,0,.5)";
      const heading = document.createElement("h2");
      heading.textContent = "The site could not be rebuilt";
      heading.style.cssText = "margin:0 0 .5rem;font-size:1.25rem;color:#b00020";
      const note = document.createElement("p");
      note.textContent =
        "This page shows the last version that built. Fix the problem below and save: " +
        "this message goes away by itself.";
      note.style.cssText = "margin:0";
      const details = document.createElement("pre");
      details.style.cssText =
        "white-space:pre-wrap;margin:.75rem 0;padding:.75rem;border-radius:4px;" +
        "background:#f3f3f3;color:#1b1b1b;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace";
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "Dismiss";
      close.style.cssText =
        "font:inherit;padding:.4rem 1rem;border:2px solid #1b1b1b;border-radius:4px;" +
        "background:#fff;color:#1b1b1b;cursor:pointer";
      close.addEventListener("click", hide);
      overlay.append(heading, note, details, close);
      document.body.append(overlay);
    }
    overlay.querySelector("pre").textContent = text;
  };

  // The page's own warnings (reading grade, review due, missing sources...). Built with DOM
  // calls and styled through CSSOM properties only, as the overlay is: the site's
  // Content-Security-Policy forbids inline style attributes and scripts, not these. The panel
  // is a labelled region, never takes focus, and goes away with its button or Escape; once
  // dismissed it stays hidden in this tab until the page's warnings change.
  let panel = null;
  const dismissedKey = () => "medleaf-warnings-dismissed:" + location.pathname;

  const hideWarnings = () => {
    if (panel) {
      panel.remove();
      panel = null;
    }
  };

  const dismissWarnings = () => {
    if (!panel) return;
    try {
      sessionStorage.setItem(dismissedKey(), panel.dataset.signature);
    } catch (_) {
      // Storage may be off: the panel still goes, until the next reload.
    }
    hideWarnings();
  };

  const el = (tag, text, style) => {
    const e = document.createElement(tag);
    if (text) e.textContent = text;
    if (style) Object.assign(e.style, style);
    return e;
  };

  const showWarnings = (data) => {
    hideWarnings();
    const warnings = data.warnings;
    const signature = JSON.stringify(warnings.map((w) => [w.code, w.message, w.line, w.file]));
    let dismissed = null;
    try {
      dismissed = sessionStorage.getItem(dismissedKey());
    } catch (_) {
      // No storage: show it.
    }
    if (warnings.length === 0 || dismissed === signature) return;
    panel = el("section", null, {
      position: "fixed",
      insetInlineEnd: "1rem",
      insetBlockEnd: "1rem",
      maxInlineSize: "min(34rem, calc(100vw - 2rem))",
      maxBlockSize: "45vh",
      overflow: "auto",
      boxSizing: "border-box",
      zIndex: "2147483646",
      background: "#fffbe6",
      color: "#1b1b1b",
      border: "3px solid #8a6100",
      borderRadius: "8px",
      padding: ".75rem 1rem",
      font: "15px/1.45 system-ui,sans-serif",
      textAlign: "start",
      boxShadow: "0 2px 12px rgba(0,0,0,.3)",
    });
    panel.id = "medleaf-warnings";
    panel.dataset.signature = signature;
    panel.setAttribute("role", "region");
    panel.setAttribute("aria-labelledby", "medleaf-warnings-title");
    const count = warnings.length === 1 ? "1 warning" : warnings.length + " warnings";
    const heading = el("h2", count + " on this page", {
      margin: "0 0 .25rem",
      fontSize: "1.1rem",
      color: "#6b4b00",
    });
    heading.id = "medleaf-warnings-title";
    const note = el(
      "p",
      "Only you see this (medleaf serve). Fix them in " + (data.source || "the page") +
        " and save, or dismiss this panel (Escape).",
      { margin: "0 0 .5rem" }
    );
    const list = el("ul", null, { margin: "0 0 .75rem", paddingInlineStart: "1.25rem" });
    for (const w of warnings) {
      const item = el("li", null, { marginBlockEnd: ".5rem" });
      const where =
        w.file === data.source ? "line " + w.line : (w.file || "site") + ":" + w.line;
      item.append(el("strong", where + ": "), document.createTextNode(w.message));
      const code = el("span", " [" + w.code + "]", { color: "#555" });
      item.append(code);
      if (w.help) item.append(el("div", "help: " + w.help, { color: "#333" }));
      list.append(item);
    }
    const close = el("button", "Dismiss", {
      font: "inherit",
      padding: ".3rem .9rem",
      border: "2px solid #1b1b1b",
      borderRadius: "4px",
      background: "#fff",
      color: "#1b1b1b",
      cursor: "pointer",
    });
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss the warnings for this page");
    close.addEventListener("click", dismissWarnings);
    panel.append(heading, note, list, close);
    document.body.append(panel);
  };

  const loadWarnings = () => {
    fetch("/__medleaf/warnings?page=" + encodeURIComponent(location.pathname), {
      cache: "no-store",
    })
      .then((r) => (r.ok ? r.json() : null))
      .then((data) => {
        if (data && Array.isArray(data.warnings)) showWarnings(data);
      })
      .catch(() => {
        // The server stopped: nothing to show.
      });
  };

  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    // The error overlay first, then the warnings.
    if (overlay) hide();
    else dismissWarnings();
  });

  const events = new EventSource("/__medleaf/events");
  events.addEventListener("status", (e) => {
    const status = JSON.parse(e.data);
    // After a reconnection (a rebuild while asleep, or a restarted server), catch up.
    if (version !== null && status.version !== version) {
      location.reload();
      return;
    }
    const first = version === null;
    version = status.version;
    if (status.problem) show(status.problem);
    else hide();
    if (first) loadWarnings();
  });
  // The file this tab shows, as the server names it: `/a/b/` is `a/b/index.html`.
  const shown = () => {
    let path = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    else if (!/\.[^/]*$/.test(path)) path += "/index.html";
    return path;
  };
  events.addEventListener("reload", (e) => {
    let news = {};
    try {
      news = JSON.parse(e.data);
    } catch (_) {
      // An old or empty message: reload to be safe.
    }
    if (typeof news.version === "number") version = news.version;
    // Reload only tabs whose page changed; every tab when the server does not say which.
    if (!Array.isArray(news.paths) || news.paths.includes(shown())) location.reload();
    // Another page changed: this one's warnings may have too (a link to it, a renamed heading).
    else loadWarnings();
  });
  events.addEventListener("problem", (e) => show(JSON.parse(e.data).text));
  events.addEventListener("ok", hide);
})();
