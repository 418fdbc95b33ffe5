#!/usr/bin/env python3
"""Measures image processing (issue 13) on a generated site: 100 articles, each showing one
3000x2000 photo-like JPEG beside it, against the same site without the photos.

    python3 tools/bench-images.py target/release/medleaf [N]

Prints: the first build (cold cache) with its image work, a second build with nothing
changed, the same site without images, and what a 390-pixel-wide phone downloads for one
photo (the srcset candidate a browser picks at device pixel ratio 2 and 3). Needs Pillow.
The photos are made here (smooth shapes, gradients and sensor-like noise, so they compress
like photographs), never downloaded."""

import os, random, re, shutil, subprocess, sys, time, tempfile
from PIL import Image, ImageDraw

medleaf = os.path.abspath(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
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


def build(root, *extra):
    start = time.perf_counter()
    out = subprocess.run([medleaf, "build", "--root", root, "--today", "2026-12-07", *extra],
                         capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        sys.exit(out.stderr)
    line = next((l[l.index("images:"):].rstrip(")") for l in out.stdout.splitlines() if "images:" in l), "")
    return elapsed, line


with_images, without = f"{work}/with", f"{work}/without"
site(with_images, True)
site(without, False)
t = time.perf_counter()
for i in range(n):
    photo(i, f"{with_images}/content/photo-{i:03}.jpg")
src = sum(os.path.getsize(f"{with_images}/content/photo-{i:03}.jpg") for i in range(n))
print(f"{n} photos of 3000x2000 generated in {time.perf_counter() - t:.1f} s, {src / n / 1000:.0f} kB each on average")

first, line1 = build(with_images)
second, line2 = build(with_images)
none1, _ = build(without)
none2, _ = build(without)
none = min(none1, none2)
print(f"first build (cold cache):     {first:7.2f} s   {line1}")
print(f"second build (nothing new):   {second:7.2f} s   {line2}")
print(f"same site without images:     {none:7.2f} s")
print(f"second build / no images:     {second / none:7.2f} x")

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
