#!/usr/bin/env python3
"""Draws content/tests/white-cell-differential.png: the usual share of each kind of white
cell in adults, as range bars, from the table in content/tests/complete-blood-count.md
(MedlinePlus, Blood differential test). Run from the repository root; needs Pillow.
The PNG is committed; medleaf publishes it in widths and WebP like any other image."""

from PIL import Image, ImageDraw, ImageFont

ROWS = [  # (label, low, high) per 100 white cells
    ("Neutrophils", 40, 60),
    ("Lymphocytes", 20, 40),
    ("Monocytes", 2, 8),
    ("Eosinophils", 1, 4),
    ("Basophils", 0.5, 1),
]
W, H = 1200, 620
LEFT, RIGHT, TOP, ROW = 250, 60, 120, 84
INK, MUTED, BAR, GRID = (33, 43, 50), (76, 98, 114), (0, 94, 184), (216, 221, 224)

font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
bold_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
label = ImageFont.truetype(font_path, 30)
small = ImageFont.truetype(font_path, 24)
title = ImageFont.truetype(bold_path, 34)

img = Image.new("RGB", (W, H), "white")
d = ImageDraw.Draw(img)
d.text((40, 30), "Usual share of white cells in adults (out of every 100)", font=title, fill=INK)
scale = (W - LEFT - RIGHT) / 70  # 0 to 70 in every 100
bottom = TOP + ROW * len(ROWS)
for tick in range(0, 71, 10):
    x = LEFT + tick * scale
    d.line([(x, TOP - 10), (x, bottom)], fill=GRID, width=2)
    d.text((x, bottom + 12), str(tick), font=small, fill=MUTED, anchor="ma")
for i, (name, low, high) in enumerate(ROWS):
    y = TOP + i * ROW + ROW // 2
    d.text((LEFT - 20, y), name, font=label, fill=INK, anchor="rm")
    x0, x1 = LEFT + low * scale, LEFT + high * scale
    d.rounded_rectangle([(x0, y - 18), (max(x1, x0 + 8), y + 18)], radius=6, fill=BAR)
    text = f"{low:g} to {high:g}"
    d.text((max(x1, x0 + 8) + 14, y), text, font=small, fill=INK, anchor="lm")
img.save("content/tests/white-cell-differential.png", optimize=True)
