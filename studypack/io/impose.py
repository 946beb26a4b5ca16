"""Booklet imposition: finished pages placed two-up on landscape sheets in the order that,
printed double-sided (flip on the short edge) and folded in the middle, reads 1, 2, 3 …

Each page is kept as its drawing operators and placed, scaled and clipped, on one half of
a sheet side, so text stays text and fonts are shared. Blank pages pad the count to a
multiple of four.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_STATE = re.compile(r"/(gRLs\d+) gs")


@dataclass
class Captured:
    """One finished page: its content operators and the resources they use."""

    code: list[str]
    forms: list = field(default_factory=list)
    colours: dict = field(default_factory=dict)
    shading: dict = field(default_factory=dict)
    annotations: list = field(default_factory=list)
    key: int = 0  # the page's key in a tagged document's tree (see pdf.tagging)
    states: dict = field(default_factory=dict)  # its graphics states (a blend, an alpha): {(key, value): name}


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indices for each sheet side in print order; None is a blank half.

    For 8 pages: (7, 0), (1, 6), (5, 2), (3, 4) — the outer sheet's front and back, then
    the next sheet in. One or two pages are one side, read left to right, not folded: a
    folded sheet would print a side with nothing on it.
    """
    if pages <= 2:
        return [(0, 1 if pages == 2 else None)] if pages else []
    total = -(-pages // 4) * 4

    def real(i: int) -> int | None:
        return i if i < pages else None

    sides = []
    for sheet in range(total // 4):
        sides.append((real(total - 1 - 2 * sheet), real(2 * sheet)))
        sides.append((real(2 * sheet + 1), real(total - 2 - 2 * sheet)))
    return sides


@dataclass
class Side:
    """One side of a booklet sheet: its two pages' operators, each scaled and clipped to its
    half, and the resources they use."""

    code: list[str]
    forms: list
    colours: dict
    shading: dict
    annotations: list
    states: dict = field(default_factory=dict)


def _join_states(side: Side, page: Captured) -> list[str]:
    """`page`'s operators with its graphics states named as `side` names them: each page
    numbers its own from 0, so the two pages of a side may give one name to two states."""
    names = {}
    for state, name in page.states.items():
        if state not in side.states:
            taken = set(side.states.values())
            side.states[state] = name if name not in taken else \
                next(f"gRLs{n}" for n in range(len(taken) + 1) if f"gRLs{n}" not in taken)
        names[name] = side.states[state]
    if all(old == new for old, new in names.items()):
        return page.code
    return [_STATE.sub(lambda m: f"/{names.get(m.group(1), m.group(1))} gs", str(op)) for op in page.code]


def sides(pages: list[Captured], page_size: tuple[float, float]) -> tuple[tuple[float, float], list[Side]]:
    """`pages` two-up on landscape sides of the same paper, in print order: (the sheet's size,
    its sides)."""
    width, height = page_size
    sheet_w, sheet_h = max(width, height), min(width, height)  # the same paper, landscape
    half = sheet_w / 2
    scale = min(half / width, sheet_h / height)
    placed_w, placed_h = width * scale, height * scale
    out: list[Side] = []
    for left, right in booklet_order(len(pages)):
        side = Side([], [], {}, {}, [])
        for slot, index in ((0, left), (1, right)):
            if index is None:
                continue
            page = pages[index]
            x = slot * half + (half - placed_w) / 2
            y = (sheet_h - placed_h) / 2
            side.code.append(f"q {scale:.6f} 0 0 {scale:.6f} {x:.4f} {y:.4f} cm 0 0 {width:.4f} {height:.4f} re W n")
            side.code.extend(_join_states(side, page))
            side.code.append("Q")
            side.forms.extend(f for f in page.forms if f not in side.forms)
            side.colours.update(page.colours)
            side.shading.update(page.shading)
            side.annotations.extend(page.annotations)
        out.append(side)
    return (sheet_w, sheet_h), out
