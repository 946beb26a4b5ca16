"""Draws the two pictures of the geography fieldwork example with Pillow, so a teacher can see
how they were made and change them: a sketch map of the river basin with the five sites, and a
cross-section of the channel at a site for the labelling question.

Run from the repository root: python examples/geography-fieldwork/pictures/draw_pictures.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
INK = (30, 30, 30)
WATER = (70, 130, 200)
SEA = (185, 215, 240)
LAND = (170, 130, 90)
PX_PER_KM = 200

# The river from its source (top left) to the sea (right), as map points in pixels.
RIVER = [(120, 150), (260, 230), (330, 380), (480, 450), (640, 420), (800, 520),
         (900, 680), (1080, 720), (1240, 640), (1400, 700), (1470, 720)]
SITES_KM = [0.5, 1.8, 3.2, 4.6, 6.0]  # distance of each site from the source, as in Table 1
LABEL_PLACES = [(35, -30, "lm"), (35, -40, "lm"), (10, -62, "mm"), (45, 0, "lm"), (10, -62, "mm")]


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's own scalable face, so the drawing needs no font file."""
    return ImageFont.load_default(size=size)


def point_along(path: list[tuple[int, int]], distance: float) -> tuple[float, float]:
    """The point `distance` pixels along the polyline `path` from its start."""
    for (x0, y0), (x1, y1) in zip(path, path[1:]):
        step = math.hypot(x1 - x0, y1 - y0)
        if distance <= step:
            share = distance / step
            return x0 + share * (x1 - x0), y0 + share * (y1 - y0)
        distance -= step
    raise ValueError("the site lies beyond the river's mouth")


def sketch_map() -> Image.Image:
    """Figure 1: the River Carrow's basin, its five sites, a scale and a north arrow."""
    image = Image.new("RGB", (1600, 1000), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((1470, 0, 1600, 1000), fill=SEA)
    draw.text((1535, 500), "SEA", fill=INK, font=font(60), anchor="mm")
    draw.text((620, 150), "Moorland", fill=(90, 90, 90), font=font(48), anchor="mm")
    draw.text((1100, 450), "Farmland", fill=(90, 90, 90), font=font(48), anchor="mm")
    draw.line(RIVER, fill=WATER, width=12, joint="curve")
    draw.line([(700, 250), (760, 380), (800, 520)], fill=WATER, width=7, joint="curve")
    draw.ellipse((108, 138, 132, 162), fill=WATER)
    draw.text((120, 95), "Source", fill=INK, font=font(50), anchor="mm")
    draw.text((360, 620), "River Carrow", fill=WATER, font=font(54), anchor="mm")
    draw.rectangle((1180, 770, 1330, 860), outline=INK, width=4, fill=(235, 235, 235))
    draw.text((1255, 905), "Carrow Bridge", fill=INK, font=font(48), anchor="mm")
    for number, km in enumerate(SITES_KM, start=1):
        x, y = point_along(RIVER, km * PX_PER_KM)
        draw.regular_polygon((x, y, 22), 3, fill=(200, 40, 40), outline=INK)
        dx, dy, anchor = LABEL_PLACES[number - 1]
        draw.text((x + dx, y + dy), f"Site {number}", fill=INK, font=font(50), anchor=anchor)
    draw.line([(100, 920), (500, 920)], fill=INK, width=6)
    for km, x in ((0, 100), (1, 300), (2, 500)):
        draw.line([(x, 900), (x, 940)], fill=INK, width=5)
        draw.text((x, 965), f"{km} km", fill=INK, font=font(44), anchor="mm")
    draw.polygon([(1380, 60), (1360, 140), (1380, 125), (1400, 140)], fill=INK)
    draw.text((1380, 175), "N", fill=INK, font=font(54), anchor="mm")
    draw.rectangle((0, 0, 1599, 999), outline=INK, width=4)
    return image


def cross_section() -> Image.Image:
    """The channel at a site, with the tape across it and the metre rule in the water."""
    image = Image.new("RGB", (1600, 800), "white")
    draw = ImageDraw.Draw(image)
    ground = [(0, 300), (260, 300), (420, 640), (700, 700), (1000, 690), (1240, 560),
              (1340, 300), (1600, 300), (1600, 800), (0, 800)]
    draw.polygon(ground, fill=LAND, outline=INK)
    water = [(355, 500), (1263, 500), (1240, 560), (1000, 690), (700, 700), (420, 640)]
    draw.polygon(water, fill=WATER, outline=INK)
    draw.line([(260, 260), (1340, 260)], fill=INK, width=5)
    for x in range(260, 1341, 60):
        draw.line([(x, 245), (x, 275)], fill=INK, width=3)
    draw.rectangle((780, 200, 800, 700), fill=(250, 220, 60), outline=INK, width=3)
    draw.rectangle((0, 0, 1599, 799), outline=INK, width=4)
    return image


if __name__ == "__main__":
    sketch_map().save(HERE / "carrow-basin.png", optimize=True)
    cross_section().save(HERE / "channel-cross-section.png", optimize=True)
