#!/usr/bin/env python3
"""Issue 16's hostile inputs at full size, with the time and peak memory each takes.

    tools/bench-hostile.py MEDLEAF

The test suite runs these inputs smaller (a debug build is slow) and counts the work; this
script runs the sizes the hostile probe used against a (release) binary and prints, for each,
the exit code, CPU seconds and peak memory, so the README's bounds can be checked by anyone:

- 100,000 identical headings on one page (`check`);
- 20,000 topics on one page (`build`);
- 20,000 broken links on one 500 kB line (`check`);
- 10,000 pages, each with a broken link whose did-you-mean searches every page (`check`).
"""

import os
import subprocess
import sys
import tempfile

FRONT = "---\ntitle: {title}\nkind: page\n---\n\n"
ARTICLE = (
    "---\ntitle: {title}\ndescription: A test page.\nlast_reviewed: 2026-11-01\n"
    "reviewed_by: {{name: Test Reviewer, role: RN}}\n"
    "sources:\n  - {{title: Source, url: \"https://example.org/\", publisher: Example}}\n"
    "{extra}---\n\nText.\n"
)


def site(root, pages):
    os.makedirs(os.path.join(root, "content"), exist_ok=True)
    with open(os.path.join(root, "site.yaml"), "w", encoding="utf-8") as f:
        f.write("title: Hostile\nbase_url: https://example.org/\nsearch:\n  enabled: false\n")
    for rel, text in pages.items():
        path = os.path.join(root, "content", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def run(binary, root, command):
    args = [binary, command, "--root", root, "--today", "2026-12-07"]
    if command == "build":
        args += ["--output", os.path.join(root, "public")]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def cases():
    yield "100,000 identical headings", "check", {
        "same.md": FRONT.format(title="Same") + "## Same\n" * 100_000
    }
    topics = ", ".join(f"t{i}" for i in range(20_000))
    yield "20,000 topics on one page", "build", {
        "many.md": ARTICLE.format(title="Many", extra=f"topics: [{topics}]\n")
    }
    line = "".join(f"[x](gone{i:05}.md) more text " for i in range(20_000))
    yield "20,000 broken links on one 500 kB line", "check", {
        "long.md": FRONT.format(title="Long") + line + "\n"
    }
    yield "10,000 pages with a broken link each", "check", {
        f"s{i % 100}/page-{i}.md": FRONT.format(title=f"Page {i}") + f"[x](pgae-{i}.md)\n"
        for i in range(10_000)
    }


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    print("| input | command | exit code | CPU s | peak memory MB |")
    print("|---|---|---|---|---|")
    for name, command, pages in cases():
        with tempfile.TemporaryDirectory(prefix="medleaf-hostile-") as root:
            site(root, pages)
            code, cpu, rss = run(binary, root, command)
            print(f"| {name} | `{command}` | {code} | {cpu:.1f} | {rss:.0f} |", flush=True)


if __name__ == "__main__":
    main()
