// medleaf serve: reloads the page when the site is rebuilt, and shows build errors over it.
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

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
  });

  const events = new EventSource("/__medleaf/events");
  events.addEventListener("status", (e) => {
    const status = JSON.parse(e.data);
    // After a reconnection (a rebuild while asleep, or a restarted server), catch up.
    if (version !== null && status.version !== version) {
      location.reload();
      return;
    }
    version = status.version;
    if (status.problem) show(status.problem);
    else hide();
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
  });
  events.addEventListener("problem", (e) => show(JSON.parse(e.data).text));
  events.addEventListener("ok", hide);
})();
