"""Draw a formula's geometry on a ReportLab canvas: glyphs as text in the embedded maths face
(by their character, or by a private code that reads as the character they stand for: a
script-size digit, a taller bracket), as filled outlines only where a glyph is several (an
assembled bracket), rules as rectangles. Everything is vector; nothing is a picture."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from studypack.media import fonts
from studypack.media.maths import fallback, font
from studypack.media.maths.font import NOTO, STIX
from studypack.media.maths.geometry import Geometry, Glyph, path_tokens

EMBOLDEN = {STIX: 0.036, NOTO: 0.046}
"""How a formula among bold words is emboldened (the maths faces have no bold): each glyph's
outline stroked this share of its own size wide (fill, then stroke), which gives it as much
more ink as the text face's bold has over its regular (measured with fontTools on
"FeSOHNaClCuxyzabn0123456789()+=": Noto Sans Bold has 1.56 times its regular's ink, Atkinson
Hyperlegible Bold 1.60 times; a stroke adds half its width along the outline's length, and
STIX Two Math's outline is longer for its ink than Noto Sans Math's). A stroke matching the
bold's stems instead (0.065 of the formula's largest size) also thickened serifs, hairlines
and scripts as much as the stems: heavier than the words, smudged at 150 dpi (r31)."""


def draw(canvas, geometry: Geometry, x: float, baseline_y: float, colour, bold: bool = False,
         maths_face: str = font.DEFAULT) -> None:
    """Draw `geometry` with its origin at (x, baseline_y), in `colour` (a ReportLab colour), in the
    maths face it was set in; `bold`: filled and stroked, so a formula among bold words is as
    dark as they are (`EMBOLDEN`: each glyph by its own size, a script's edge thinner)."""
    face = font.register(maths_face)
    weight = EMBOLDEN[maths_face] if bold else 0.0
    canvas.saveState()
    canvas.setFillColor(colour)
    if weight:
        canvas.setStrokeColor(colour)
        canvas.setLineJoin(1)
    text = canvas.beginText()
    setter = _Setter(canvas, text)
    size: float | None = None
    for glyph in geometry.glyphs:
        if not glyph.as_text:
            continue
        if weight and glyph.size != size:  # each glyph's edge a share of its own size: a script's thinner
            if size is not None:
                Canvas.drawText(canvas, text)
                text = canvas.beginText()
                setter = _Setter(canvas, text)  # (its face set afresh, as a new text object needs)
            Canvas.setLineWidth(canvas, weight * glyph.size)  # ReportLab's own: a glyph's edge is no rule
            text.setTextRenderMode(2)  # fill, then stroke
        size = glyph.size
        setter.set(fallback.face() if glyph.fallback else face, glyph.size, x + glyph.x, baseline_y + glyph.y,
                   glyph.char or fonts.private_code(face, glyph.index, glyph.said))
    # ReportLab's own drawText: a formula's scripts are small by design (TeX's script sizes), and a
    # page canvas noting its smallest text for the preflight's minimum should note the words only
    Canvas.drawText(canvas, text)
    stroke = max((g.size for g in geometry.glyphs), default=0.0) * weight  # a rule is as heavy as the largest glyphs' stems
    for glyph in geometry.glyphs:
        if not glyph.as_text and glyph.outline:
            _outline(canvas, glyph, x, baseline_y, glyph.size * weight)
    for rule in geometry.rules:
        canvas.rect(x + rule.x - stroke / 2, baseline_y + rule.y - stroke / 2, rule.width + stroke, rule.height + stroke, stroke=0, fill=1)
    canvas.restoreState()


def draw_numbers(canvas, words: str, x: float, baseline_y: float, size: float, colour, bold: bool = False,
                 maths_face: str = font.DEFAULT) -> None:
    """Plain characters (a scale's numbers: digits, a true minus, a point) set in the maths face
    from (x, baseline_y), as a formula's are: filled, and stroked as `draw` strokes a formula
    among bold words where `bold` (a large-print page's every word is bold)."""
    face = font.register(maths_face)
    canvas.saveState()
    canvas.setFillColor(colour)
    text = canvas.beginText(x, baseline_y)
    text.setFont(face, size)
    if bold:
        canvas.setStrokeColor(colour)
        canvas.setLineJoin(1)
        Canvas.setLineWidth(canvas, EMBOLDEN[maths_face] * size)  # ReportLab's own: a glyph's edge is no rule
        text.setTextRenderMode(2)  # fill, then stroke
    text.textOut(words)
    canvas.drawText(text)  # the canvas's own: numbers are words, at the words' size
    canvas.restoreState()


def numbers_width(words: str, size: float, maths_face: str = font.DEFAULT) -> float:
    """How wide `draw_numbers` sets `words` (the stroke adds no advance)."""
    return pdfmetrics.stringWidth(words, font.register(maths_face), size)


class _Setter:
    """Sets glyphs as text, each at its own origin, into a ReportLab text object: the code
    `setTextOrigin` and `textOut` write, byte for byte, without what drawing one glyph at a
    time never reads, and remembered per document.

    `textOut` measures the text to move the text cursor on (a `stringWidth` per glyph), which
    the next glyph's `setTextOrigin` then replaces; and it works each glyph's bytes out again
    (its font subset and code, escaped) though a character keeps its code in a document once
    given (ReportLab's `TTFont.splitString` gives codes in order of first use, and that call is
    still made for a character's first use in each document). ReportLab's private names this
    needs: the text object's `_code` (its operators) and `_curSubset`, the canvas's `_doc` (the
    document whose subsets these are) and `_escape` (how it writes a string). Where the face is
    not a TrueType face set in subsets, or the page is drawn top down, ReportLab's own calls run."""

    __slots__ = ("canvas", "text", "code", "doc", "runs", "face", "size", "font", "subset", "heading", "direct")

    def __init__(self, canvas, text) -> None:
        self.canvas, self.text = canvas, text
        self.code: Any = getattr(text, "_code", None)
        self.doc = getattr(canvas, "_doc", None)
        self.direct = bool(canvas.bottomup) and isinstance(self.code, list) and self.doc is not None
        self.runs: dict = self.doc.__dict__.setdefault("_studypack_glyph_runs", {}) if self.direct else {}
        self.face, self.size, self.subset, self.heading = "", 0.0, -1, ""
        self.font: Any = None

    def set(self, face: str, size: float, x: float, y: float, char: str) -> None:
        if (face, size) != (self.face, self.size):  # the face set once per face and size, not once per glyph: a fifth of drawing
            self.text.setFont(face, size)
            self.face, self.size, self.subset = face, size, -1
            self.font = pdfmetrics.getFont(face)
            self.heading = _heading(size)
        if not (self.direct and getattr(self.font, "_dynamicFont", False)):
            self.text.setTextOrigin(x, y)
            self.text.textOut(char)
            return
        self.code.append(_ORIGINS.get((x, y)) or _origin(x, y))
        runs = self.runs.get((face, char))
        if runs is None:
            runs = self.runs[(face, char)] = tuple((subset, f"({self.canvas._escape(part)}) Tj")
                                                   for subset, part in self.font.splitString(char, self.doc))
        for subset, shown in runs:
            if subset != self.subset:
                self.code.append(f"{self.font.getSubsetInternalName(subset, self.doc)} {self.heading}")
                self.subset = self.text._curSubset = subset
            self.code.append(shown)


_ORIGINS: dict[tuple[float, float], str] = {}
"""A glyph origin's operator by its place: a formula's glyphs stand at the same few places
again and again (in a sheet, its key and pack.pdf: 12,760 numbers for 409 places in a pack of
200 formulas), and writing the numbers (`fp_str`, through the C library's `printf`) was most of
drawing a formula kept from an earlier build."""


def _origin(x: float, y: float) -> str:
    """`1 0 0 1 x y Tm`, as `setTextOrigin` writes it, remembered (up to 4,096 places)."""
    if len(_ORIGINS) >= 4096:
        _ORIGINS.clear()
    made = _ORIGINS[(x, y)] = f"1 0 0 1 {fp_str(x, y)} Tm"
    return made


@functools.lru_cache(maxsize=256)
def _heading(size: float) -> str:
    """A subset's font size and leading, as `_formatText` writes them after its name."""
    return f"{fp_str(size)} Tf {fp_str(size * 1.2)} TL"


def _outline(canvas, glyph: Glyph, x: float, baseline_y: float, stroke: float = 0.0) -> None:
    """A glyph with no character of its own (a stretched bracket, a long root) as a filled path
    (and stroked, `stroke` wide on the page, for a bold formula)."""
    scale = glyph.size / 12
    canvas.saveState()
    canvas.translate(x + glyph.x, baseline_y + glyph.y)
    canvas.scale(scale, -scale)  # the outlines are SVG's: 12 pt, y down
    if stroke:  # ReportLab's own: the page's least rule weight is for rules, not a glyph's edge in its own scale
        Canvas.setLineWidth(canvas, stroke / scale)
    canvas.drawPath(_outline_path(glyph.outline), stroke=1 if stroke else 0, fill=1, fillMode=1)  # non-zero winding, as TrueType fills
    canvas.restoreState()


@dataclass(frozen=True)
class _Traced:
    """A path traced once: `drawPath` asks a path only for its code, the same for every draw."""

    code: str

    def getCode(self) -> str:  # noqa: N802 (ReportLab's name)
        return self.code


@functools.lru_cache(maxsize=2048)
def _outline_path(outline: tuple[str, ...]) -> _Traced:
    """The path of a glyph outline, traced once per process: a class set or a long pack draws the
    same stretched bracket or root hundreds of times, and tracing it was a fifth of a build."""
    path = PDFPathObject()
    for data in outline:
        _trace(path, path_tokens(data))
    return _Traced(path.getCode())


def _trace(path, tokens: list[str]) -> None:
    """Follow SVG path data of absolute M, L, Q, C and Z (what ziafont writes)."""
    here = (0.0, 0.0)
    i = 0
    while i < len(tokens):
        op = tokens[i]
        values = [float(v) for v in tokens[i + 1:i + 1 + _ARITY.get(op, 0)]]
        i += 1 + _ARITY.get(op, 0)
        if op == "M":
            path.moveTo(*values)
        elif op == "L":
            path.lineTo(*values)
        elif op == "Q":
            (qx, qy, ex, ey), (sx, sy) = values, here
            path.curveTo(sx + 2 / 3 * (qx - sx), sy + 2 / 3 * (qy - sy), ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey)
        elif op == "C":
            path.curveTo(*values)
        elif op == "Z":
            path.close()
        if len(values) >= 2:
            here = (values[-2], values[-1])


_ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}
