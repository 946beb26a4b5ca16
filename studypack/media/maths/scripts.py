"""Where a formula's sub- and superscripts stand: ziamath's placement, with the corrections a
chemistry or maths textbook (and TeX) makes, so scripts on one line share one depth and height.

- A script on a letter, a digit, a sign or a bracket of the text's size, or a row of those
  (`_glyph_like`), stands at the face's own script shift (`subscriptShiftDown`,
  `superscriptShiftUp`, as ziamath already sets one on a single letter). ziamath measured a
  script on a bracket, or on a row, from the base's ink (`subscriptBaselineDropMin`,
  `superscriptBaselineDropMax`, and a bracket counted as an extended shape), rules the OpenType
  MATH table means for a box such as a fraction or a stretched bracket: the 3 of Fe₂(SO₄)₃ hung
  1.5 pt under the 4, and the 2 of (−3)² stood 2 pt above the 2 of x². A script is only ever
  brought back towards the text by this, never pushed further from it.
- Where a subscript and a superscript on one base stand too close (an ion's count and charge,
  NH₄⁺), ziamath moved both apart; here the superscript alone moves up, and the subscript keeps
  the depth every other subscript on the line has.

Installed over the ziamath versions `engine` was written against (`engine.VERSIONS`), as its
placement functions are replaced by name; other versions place scripts as they are.
`tests/test_maths_pdf.py` reads the depths and heights back from the PDF.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

CHARGE = "charge"  # the class of an ion's charge, over a count (`layout.charges_apart`)
_TEXT_LIKE = frozenset({"mi", "mn", "mo", "mtext", "ms", "mrow", "mspace"})


@functools.cache
def install() -> bool:
    """Put the corrected placement in place, once per process; whether it could (a known version)."""
    import ziafont
    import ziamath
    from ziamath.nodes import msubsup

    from studypack.media.maths.engine import VERSIONS

    if not all(".".join(v.split(".")[:2]) in VERSIONS[name]
               for name, v in (("ziamath", ziamath.__version__), ("ziafont", ziafont.__version__))):
        return False
    msubsup.place_sub = _sub(msubsup.place_sub)
    setattr(msubsup.Msup, "_setup", _super(msubsup.Msup._setup))  # noqa: B010  (a method replaced)
    setattr(msubsup.Msubsup, "_setup", _both(msubsup.Msubsup._setup, msubsup.place_sub))  # noqa: B010
    return True


def _glyph_like(base: Any) -> bool:
    """Whether the base is a letter, digit, sign or bracket at the text's size, or a row of
    them: nothing stacked, scripted or stretched, whose scripts stand as a letter's do."""
    if base.params.get("movablelimits") == "true":
        return False
    return all(e.tag in _TEXT_LIKE and e.get("stretchy") != "true" and e.get("largeop") != "true"
               for e in base.element.iter())


def _sub(place_sub: Callable) -> Callable:
    def placed(base, subscript, font) -> tuple[float, float, float]:
        x, suby, xadvance = place_sub(base, subscript, font)
        if _glyph_like(base):  # y down: a smaller y is higher
            suby = min(suby, base.units_to_points(font.math.consts.subscriptShiftDown))
        return x, suby, xadvance

    return placed


def _super(setup: Callable) -> Callable:
    """`Msup._setup`, then the superscript on a glyph-like base brought down to the face's
    superscript height (never raised). Only a lone superscript: over a subscript (an ion's
    charge over its count) it stays where ziamath puts it, clear of the count."""
    def method(node, **kwargs) -> None:
        setup(node, **kwargs)
        base, script, font = node.base, node.superscript, node.font
        if not _glyph_like(base) or base.bbox.ymax <= base.bbox.ymin:
            return
        first = script.firstglyph()
        least = font.math.consts.superscriptBottomMin - (first.bbox.ymin if first else 0)
        shiftup = max(font.math.consts.superscriptShiftUp, least)
        (supx, supy) = node.nodexy[1]
        lowered = max(supy, base.units_to_points(-shiftup))  # y down: a larger y is lower
        if lowered == supy:
            return
        node.nodexy[1] = (supx, lowered)
        box = node.bbox
        node.bbox = type(box)(box.xmin, box.xmax, min(base.bbox.ymin, -lowered + script.bbox.ymin),
                              max(base.bbox.ymax, -lowered + script.bbox.ymax))

    return method


def _both(setup: Callable, place_sub: Callable) -> Callable:
    """`Msubsup._setup`, then the subscript put back at its own depth, the superscript raised
    by as much as ziamath had lowered it; an ion's charge (`CHARGE`) at one height whatever its
    base and its sign (ziamath's rules read the base's top and the sign's ink: Cl⁻ stood
    0.4 pt above SO₄²⁻)."""
    def method(node, **kwargs) -> None:
        setup(node, **kwargs)
        _x, alone, _a = place_sub(node.base, node.subscript, node.font)
        (subx, suby), (supx, supy) = node.nodexy[1], node.nodexy[2]
        if node.superscript.element.get("class") == CHARGE:
            consts = node.font.math.consts
            clear = node.subscript.bbox.ymax - alone + node.units_to_points(consts.subSuperscriptGapMin)
            supy = -max(node.units_to_points(consts.superscriptShiftUp), clear)
        else:
            moved = suby - alone
            if moved <= 0:
                return
            supy -= moved
        node.nodexy[1], node.nodexy[2] = (subx, alone), (supx, supy)
        box = node.bbox
        node.bbox = type(box)(box.xmin, box.xmax, min(node.base.bbox.ymin, -alone + node.subscript.bbox.ymin),
                              max(node.base.bbox.ymax, -supy + node.superscript.bbox.ymax))

    return method
