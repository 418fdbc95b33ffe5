#!/usr/bin/env python3
"""Measures image processing (issue 13) on a generated site: 100 articles, each showing one
3000x2000 photo-like JPEG beside it, against the same site without the photos.

    python3 tools/bench-images.py target/release/medleaf [N] [OTHER_MEDLEAF]

Prints: the first build (cold cache) with its image work, five more builds with nothing
changed, five builds of the same site without images, and what a 390-pixel-wide phone
downloads for one photo (the srcset candidate a browser picks at device pixel ratio 2 and 3).
Each build's CPU time (user + system, from os.wait4) is printed beside its wall time: on a
shared, loaded machine CPU time is the steadier of the two, and the ratio uses the medians of
CPU time. Builds with and without images alternate, so a change in the machine's load
touches both alike. With OTHER_MEDLEAF (another build of medleaf, say main's), the same is
measured with it too, on the same photos at the same time, for a before/after comparison.
Needs Pillow.
The photos are made here (smooth shapes, gradients and sensor-like noise, so they compress
like photographs), never downloaded."""

import os, random, re, shutil, subprocess, sys, time, tempfile
from PIL import Image, ImageDraw

medleaf = os.path.abspath(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
binaries = [medleaf] + [os.path.abspath(b) for b in sys.argv[3:4]]
work = tempfile.mkdtemp(prefix="medleaf-bench-images-")


def photo(seed, path):
    rnd = random.Random(seed)
    small = Image.new("RGB", (300, 200))
    d = ImageDraw.Draw(small)
    for y in range(200):
        c = (rnd.randint(0, 40) + y // 2, 90 + y // 3, 160 - y // 3)
        d.line([(0, y), (300, y)], fill=c)
    for _ in range(12):
        x, y, r = rnd.randint(0, 300), rnd.randint(0, 200), rnd.randint(10, 70)
        d.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rnd.randint(30, 230) for _ in range(3)))
    big = small.resize((3000, 2000), Image.BICUBIC)
    noise = Image.effect_noise((3000, 2000), 10).convert("RGB")
    Image.blend(big, noise, 0.08).save(path, quality=88)


def site(root, images):
    os.makedirs(f"{root}/content", exist_ok=True)
    with open(f"{root}/site.yaml", "w") as f:
        f.write("title: Bench\nbase_url: https://example.org/\nsearch:\n  enabled: true\n")
    with open(f"{root}/content/_index.md", "w") as f:
        f.write("---\ntitle: Home\nkind: page\n---\n\nArticles.\n")
    for i in range(n):
        body = "Blood has three main kinds of cell. " * 40
        img = f'\n\n![A generated test photo number {i}](photo-{i:03}.jpg "Test photo {i}")\n\n' if images else "\n\n"
        with open(f"{root}/content/a-{i:03}.md", "w") as f:
            f.write(f"---\ntitle: Article {i}\ndescription: Test article {i}.\nkind: page\n---\n\n{body}{img}{body}\n")


def build(root, *extra, binary=medleaf):
    """Runs one build; returns (wall seconds, CPU seconds, the summary's images part)."""
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "build", "--root", root, "--today", "2026-12-07", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(stderr)
    line = next((l[l.index("images:"):].rstrip(")") for l in stdout.splitlines() if "images:" in l), "")
    return elapsed, usage.ru_utime + usage.ru_stime, line


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


with_images, without = f"{work}/with", f"{work}/without"
site(with_images, True)
site(without, False)
t = time.perf_counter()
for i in range(n):
    photo(i, f"{with_images}/content/photo-{i:03}.jpg")
src = sum(os.path.getsize(f"{with_images}/content/photo-{i:03}.jpg") for i in range(n))
print(f"{n} photos of 3000x2000 generated in {time.perf_counter() - t:.1f} s, {src / n / 1000:.0f} kB each on average")

for binary in binaries:
    print(f"== {binary}")
    shutil.rmtree(f"{with_images}/.medleaf-cache", ignore_errors=True)
    first, first_cpu, line1 = build(with_images, binary=binary)
    print(f"first build (cold cache):     {first:7.2f} s wall {first_cpu:6.2f} s CPU   {line1}")
    again, none = [], []
    for k in range(7):
        wall, cpu, line = build(with_images, binary=binary)
        again.append((wall, cpu))
        print(f"build {k + 2} (nothing new):      {wall:7.3f} s wall {cpu:6.3f} s CPU   {line}")
        wall, cpu, _ = build(without, binary=binary)
        none.append((wall, cpu))
        print(f"  without images:             {wall:7.3f} s wall {cpu:6.3f} s CPU")
    w_again, c_again = median([w for w, _ in again]), median([c for _, c in again])
    w_none, c_none = median([w for w, _ in none]), median([c for _, c in none])
    print(f"medians: nothing new {w_again:.3f} s wall {c_again:.3f} s CPU; without images {w_none:.3f} s wall {c_none:.3f} s CPU")
    print(f"nothing new / no images:      {c_again / c_none:7.2f} x CPU, {w_again / w_none:.2f} x wall")

html = open(f"{with_images}/public/a-000/index.html").read()
srcset = re.search(r'<img[^>]*srcset="([^"]*)"', html).group(1)
webp = re.search(r'<source type="image/webp" srcset="([^"]*)"', html)
print(f"srcset: {srcset}; WebP offered: {'yes' if webp else 'no'}")
# A 390-pixel-wide phone: the theme's column is 100vw - 2rem = 358 CSS pixels.
for dpr in (2, 3):
    need = 358 * dpr
    sizes = []
    for i in range(n):
        cands = sorted((int(w), p) for p, w in re.findall(r"(\S+) (\d+)w", srcset.replace("photo-000", f"photo-{i:03}")))
        w, p = next(((w, p) for w, p in cands if w >= need), cands[-1])
        sizes.append(os.path.getsize(os.path.normpath(f"{with_images}/public/a-000/{p}")))
    print(f"phone at {dpr}x needs {need} px: the {w}w JPEG, {sum(sizes) / n / 1000:.0f} kB on average, {max(sizes) / 1000:.0f} kB at most")
shutil.rmtree(work)
