"""A tick box read: the share of its inside (the printed border left out) that is ink, and
what that share says. Between the clearly empty and the clearly ticked lies a band that is
never decided: a faint dot, a stray line, a box blacked out (a tick crossed out?) go to the
teacher's review list with a crop of the box.

A pen draws a line of the same width in a large-print box as in a small one, so a tick's
share of a box falls as the box grows (a 0.45 mm biro cross is 0.35 of the default layout's
4.3 mm box and under 0.2 of large print's 9.7 mm). The thresholds are therefore said for the
default layout's box and each share is brought to it: a tick by its strokes' length (the share
times the box's side), a speck or dot by its area (the share times the box's area); a box
blacked out is a share of the box whatever its size. The sample grid keeps its spacing on the
paper, so a thin line in a large box is not missed between samples."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from studypack.mark.align import Aligned, apply

INSIDE = 0.2  # of the box's side, left out on each side: the printed border and a little misalignment
REFERENCE = 12.07  # points: the default layout's box side, which the thresholds below are said for
GRID = 16  # samples a side of a box of the REFERENCE side (more, as many a millimetre, in a larger box)
EMPTY = 0.05  # at most this share of ink (by area): empty (a clean box reads 0; a speck of dust a little)
TICKED = 0.14  # at least this (by stroke length, and at most BLACKED): ticked (a biro tick reads 0.2 to 0.4,
# a cross up to 0.55, a 0.3 mm fine liner's tick 0.15 to 0.18; a pen's dot under 0.1)
BLACKED = 0.70  # more (of the box): blacked out, which may mean "not this one"; a teacher decides

FILLED, EMPTY_BOX, UNCERTAIN = "filled", "empty", "uncertain"


@dataclass(frozen=True)
class Reading:
    """One box on one scan: its ink share and what it says (`decided`: the teacher said it)."""

    ink: float
    state: str
    decided: bool = False


def ink(pixels: np.ndarray, aligned: Aligned, rect: list[float]) -> float:
    """The share of sample points inside the box that are darker than the page's threshold."""
    x, y, w, h = rect
    grid = max(GRID, round(GRID * w / REFERENCE))
    steps = (np.arange(grid) + 0.5) / grid * (1 - 2 * INSIDE) + INSIDE
    xs, ys = np.meshgrid(x + steps * w, y + steps * h)
    points = apply(aligned.transform, np.column_stack([xs.ravel(), ys.ravel()]))
    cols = np.clip(np.floor(points[:, 0]).astype(int), 0, pixels.shape[1] - 1)
    rows = np.clip(np.floor(points[:, 1]).astype(int), 0, pixels.shape[0] - 1)
    return float((pixels[rows, cols] < aligned.threshold).mean())


def state(share: float, side: float = REFERENCE) -> str:
    """What a box of `side` points with this share of ink says."""
    size = side / REFERENCE
    if share * size * size <= EMPTY:
        return EMPTY_BOX
    if share * size >= TICKED and share <= BLACKED:
        return FILLED
    return UNCERTAIN


def read(pixels: np.ndarray, aligned: Aligned, rect: list[float]) -> Reading:
    share = ink(pixels, aligned, rect)
    return Reading(round(share, 3), state(share, rect[2]))


def crop(pixels: np.ndarray, aligned: Aligned, rect: list[float], margin: float = 1.0) -> np.ndarray:
    """The scan around a box (its side again on each side), for the review list."""
    x, y, w, h = rect
    corners = apply(aligned.transform, np.array([[x - w * margin, y - h * margin], [x + w * (1 + margin), y + h * (1 + margin)],
                                                 [x - w * margin, y + h * (1 + margin)], [x + w * (1 + margin), y - h * margin]]))
    x0, y0 = np.floor(corners.min(0)).astype(int)
    x1, y1 = np.ceil(corners.max(0)).astype(int)
    x0, y0 = max(0, x0), max(0, y0)
    return pixels[y0:max(y0 + 1, y1), x0:max(x0 + 1, x1)]
