#!/usr/bin/env python3
"""Rewrites the README's table of diagnostic codes from src/diagnostics/code.rs (the registry).
`cargo test` checks that the two agree; run this after adding a code."""
import pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
code = (root / "src/diagnostics/code.rs").read_text()
body = code[code.index("codes! {\n"):]
rows = []
for m in re.finditer(r'((?:\s*///[^\n]*\n)+)\s*(\w+) = "([a-z0-9-]+)"', body):
    doc = " ".join(l.strip()[3:].strip() for l in m.group(1).strip().split("\n"))
    rows.append((m.group(3), doc))
table = "<!-- diagnostic codes: start -->\n| code | what it means |\n|---|---|\n"
table += "".join(f"| `{c}` | {d} |\n" for c, d in rows) + "<!-- diagnostic codes: end -->"
readme = (root / "README.md").read_text()
readme = re.sub(r"<!-- diagnostic codes: start -->.*?<!-- diagnostic codes: end -->", table, readme, flags=re.S)
(root / "README.md").write_text(readme)
