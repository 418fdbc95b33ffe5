// medleaf default theme: small progressive enhancements. Every page works without this file.
//
// Glossary terms are plain links to their glossary entries. With JavaScript, activating one
// (click, tap, Enter) shows the definition right below it instead; Escape or the Close button
// hides it and returns focus to the term.
(function () {
  "use strict";
  var open = null;
  var count = 0;
  // The page's interface strings, in its language (written by medleaf from its catalogs).
  var strings = {};
  try {
    var data = document.getElementById("medleaf-strings");
    if (data) strings = JSON.parse(data.textContent);
  } catch (e) {
    strings = {};
  }
  function say(key) {
    return strings[key] || key;
  }

  function close(restoreFocus) {
    if (!open) return;
    open.popover.hidden = true;
    open.link.setAttribute("aria-expanded", "false");
    if (restoreFocus) open.link.focus();
    open = null;
  }

  function popoverFor(link) {
    var id = link.getAttribute("aria-controls");
    if (id) return document.getElementById(id);
    count += 1;
    var box = document.createElement("span");
    box.className = "glossary-popover";
    box.id = "glossary-popover-" + count;
    box.setAttribute("role", "note");
    box.hidden = true;
    var term = document.createElement("span");
    term.className = "glossary-popover__term";
    term.textContent = link.getAttribute("data-term");
    var def = document.createElement("span");
    def.textContent = " " + link.getAttribute("data-definition") + " ";
    var more = document.createElement("a");
    more.href = link.href;
    more.textContent = say("glossary_see").split("{term}").join(link.getAttribute("data-term"));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "glossary-popover__close";
    button.textContent = say("close");
    button.addEventListener("click", function () { close(true); });
    box.appendChild(term);
    box.appendChild(def);
    box.appendChild(more);
    box.appendChild(document.createElement("br"));
    box.appendChild(button);
    link.insertAdjacentElement("afterend", box);
    link.setAttribute("aria-controls", box.id);
    return box;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.glossary-term");
    if (!link) {
      if (open && !open.popover.contains(event.target)) close(false);
      return;
    }
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    var box = popoverFor(link);
    var wasOpen = open && open.link === link;
    close(false);
    if (wasOpen) return;
    box.hidden = false;
    link.setAttribute("aria-expanded", "true");
    open = { link: link, popover: box };
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      close(true);
    }
  });

  // Terms announce that they open a definition.
  var terms = document.querySelectorAll("a.glossary-term");
  for (var i = 0; i < terms.length; i++) {
    terms[i].setAttribute("aria-expanded", "false");
  }
})();

// The header's menu (issue 14) is a <details> element and works without this file. With it,
// Escape closes the open menu and returns focus to its button, and a click or focus outside
// the menu closes it, as readers expect of a menu that covers the page.
(function () {
  "use strict";
  var menu = document.getElementById("site-menu");
  if (!menu) return;
  var button = menu.querySelector("summary");
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      if (button) button.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
  document.addEventListener("focusin", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
})();

// Search page honesty (issue 14): without JavaScript the search page says search needs it.
// When JavaScript runs but search cannot (a site opened from file://, where browsers refuse to
// load search.js as a module, or search.js missing), say what is wrong and how to fix it.
(function () {
  "use strict";
  var box = document.getElementById("search-nojs");
  if (!box || !box.firstElementChild) return;
  var strings = {};
  try {
    var data = document.getElementById("medleaf-strings");
    if (data) strings = JSON.parse(data.textContent);
  } catch (e) {
    strings = {};
  }
  var message = box.firstElementChild;
  if (window.location.protocol === "file:") {
    message.textContent = strings.search_file || message.textContent;
    box.hidden = false;
    return;
  }
  // search.js hides the box as soon as it starts; if it never did, it did not load.
  window.addEventListener("load", function () {
    if (!box.hidden) message.textContent = strings.search_script_failed || message.textContent;
  });
})();
