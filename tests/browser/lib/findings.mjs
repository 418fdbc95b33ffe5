// A check's failures, collected over every page so one run reports all of them, then thrown
// as one error that names, for each, the page, the rule and the element:
//
//   3 findings: axe (WCAG 2.2 AA)
//     /conditions/leukopenia/  color-contrast (serious)  .care-card--urgent > .care-card__label
//         Elements must meet minimum color contrast ratio thresholds
//         <p class="care-card__label" aria-hidden="true">Urgent</p>
//         Fix any of the following: Element has insufficient color contrast of 4.09 ...

export class Findings {
  constructor(what) {
    this.what = what;
    this.items = [];
    this.seen = new Set();
  }

  /**
   * @param {string} page the page's address (as served) or file
   * @param {string} rule what is broken (an axe rule id, `broken-link`, `reflow-320`...)
   * @param {string} element a CSS selector, a URL or a file position: where it is
   * @param {string|string[]} details lines that say what is wrong and how it shows
   */
  add(page, rule, element, details = []) {
    const item = { page, rule, element, details: [].concat(details).filter(Boolean) };
    // A page is loaded more than once (the skip link is tried on a fresh load): report once.
    const key = JSON.stringify(item);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(item);
  }

  get count() {
    return this.items.length;
  }

  /** Throws one error listing every finding, if there are any. */
  assertNone() {
    if (this.items.length === 0) return;
    const lines = [`${this.items.length} finding${this.items.length === 1 ? "" : "s"}: ${this.what}`];
    for (const f of this.items) {
      lines.push(`  page ${f.page}  rule ${f.rule}  element ${f.element}`);
      for (const d of f.details) {
        for (const l of String(d).split("\n")) lines.push(`      ${clip(l)}`);
      }
    }
    const error = new Error(lines.join("\n"));
    // node's test reporter prints the message; the stack would only point at this file.
    error.stack = error.message;
    throw error;
  }
}

function clip(text, max = 300) {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}
