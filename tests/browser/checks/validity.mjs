// The Nu HTML Checker on every HTML file of the build: 0 errors. The checker runs once for all
// sites under test (runner.mjs starts it); this check reports the errors in this site's files
// with file, line, column, message and the offending markup.

import { Findings } from "../lib/findings.mjs";

export const title = "HTML validity (Nu HTML Checker)";

export default {
  async "the Nu HTML Checker finds 0 errors in every HTML file"({ site, vnu }) {
    const report = await vnu();
    const findings = new Findings(`Nu HTML Checker errors (vnu ${report.version})`);
    const prefix = "file:" + site.dir + "/";
    for (const m of report.messages) {
      const url = decodeURIComponent(m.url || "").replace(/^file:\/\//, "file:");
      // A message about no file (the checker itself failed) belongs to every site.
      if (m.url && !url.startsWith(prefix)) continue;
      const file = m.url ? url.slice(prefix.length) : "(vnu)";
      const where = m.lastLine ? `${file}:${m.lastLine}:${m.firstColumn || m.lastColumn || 1}` : file;
      findings.add(file, `vnu ${m.type}${m.subType ? "/" + m.subType : ""}`, where, [m.message, m.extract ? m.extract.replace(/\n/g, "⏎") : ""]);
    }
    findings.assertNone();
  },
};
