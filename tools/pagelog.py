"""A page log: what a finished PDF puts on each page, as text, so a changed PDF can say what moved.

Read from the PDF itself (with pypdfium2), not from the code that made it, so the log describes
the paper whatever produced it. One line per element, pages in order and, within a page, from
the top down and left to right:

    p3 57,712 NotoSans-Bold 12 "Question 1"       text run: baseline start, font, size, text
    p3 57,700 rule h481 w0.5                      a horizontal (h) or vertical (v) line, its length
    p3 57,257 box 482x417 stroke 0.5 fill #eeeeee  a rectangle: bottom-left corner, width x height
    p3 90,400 image 200x150 px800x600             a picture: bottom-left corner, size on the page

Positions and lengths are in points from the page's bottom-left corner, rounded to 1 pt; font
sizes and line widths to 0.1 pt. Colours are written only when they are not black.

Usage: python tools/pagelog.py some.pdf   (or python tools/golden.py --log some.pdf)
"""

from __future__ import annotations

import ctypes
import difflib
import json
import math
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
MAX_FORM_DEPTH = 8  # forms inside forms deeper than this are not followed (a malformed PDF)


@dataclass(frozen=True, order=True)
class Element:
    """One thing drawn on a page; sorted by where it starts reading (top, then left), then text."""

    top: int
    left: int
    line: str


def concat(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies inner, then outer (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def scale(matrix: Matrix) -> float:
    """How much the matrix enlarges lengths (the square root of its area factor)."""
    return math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]))


def whole(value: float) -> int:
    return int(round(value)) or 0


def tenth(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def object_matrix(obj: ctypes.c_void_p) -> Matrix:
    fs = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, fs):
        return IDENTITY
    return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)


def colour(obj: ctypes.c_void_p, getter: object) -> str:
    """' #rrggbb' for a colour other than black (and '' for black or an unreadable colour)."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):  # type: ignore[operator]
        return ""
    if r.value == g.value == b.value == 0:
        return ""
    return f" #{r.value:02x}{g.value:02x}{b.value:02x}"


# pdfium renamed FPDFFont_GetFontName to FPDFFont_GetBaseFontName (pypdfium2 4.x has the old name)
_BASE_FONT_NAME = getattr(pdfium_c, "FPDFFont_GetBaseFontName", None) or getattr(pdfium_c, "FPDFFont_GetFontName")


def font_name(text_obj: ctypes.c_void_p) -> str:
    font = pdfium_c.FPDFTextObj_GetFont(text_obj)
    size = _BASE_FONT_NAME(font, None, 0)
    buffer = ctypes.create_string_buffer(size)
    _BASE_FONT_NAME(font, buffer, size)
    return SUBSET_TAG.sub("", buffer.value.decode("utf-8", "replace")) or "?"


def object_text(text_obj: ctypes.c_void_p, textpage: ctypes.c_void_p) -> str:
    size = pdfium_c.FPDFTextObj_GetText(text_obj, textpage, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFTextObj_GetText(text_obj, textpage, buffer, size)
    return bytes(buffer)[: size - 2].decode("utf-16-le", "replace")


def text_element(obj: ctypes.c_void_p, place: Matrix, textpage: ctypes.c_void_p) -> Element | None:
    text = object_text(obj, textpage)
    if not text.strip():
        return None
    own = object_matrix(obj)
    x, y = apply(place, own[4], own[5])
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj, size)  # before the text and place matrices scale it
    mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
    style = "" if mode == pdfium_c.FPDF_TEXTRENDERMODE_FILL else f" mode{mode}"
    fill = colour(obj, pdfium_c.FPDFPageObj_GetFillColor)
    line = (f"{whole(x)},{whole(y)} {font_name(obj)} {tenth(size.value * scale(concat(own, place)))}"
            f"{fill}{style} {json.dumps(text, ensure_ascii=False)}")
    return Element(-whole(y), whole(x), line)


def subpaths(obj: ctypes.c_void_p, matrix: Matrix) -> list[tuple[list[tuple[float, float]], bool, bool]]:
    """The path's pieces on the page: (points, closed, has curves) for each moveto."""
    pieces: list[tuple[list[tuple[float, float]], bool, bool]] = []
    points: list[tuple[float, float]] = []
    closed = curved = False
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO and points:
            pieces.append((points, closed, curved))
            points, closed, curved = [], False, False
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        points.append(apply(matrix, x.value, y.value))
        curved = curved or kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
        closed = closed or bool(pdfium_c.FPDFPathSegment_GetClose(segment))
    if points:
        pieces.append((points, closed, curved))
    return pieces


def paint(obj: ctypes.c_void_p, matrix: Matrix) -> str:
    """How a path is painted: ' stroke W[ dashed][ #colour]' and/or ' fill[ #colour]' ('' if neither)."""
    fill_mode, stroked = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroked):
        return ""
    words = ""
    if stroked.value:
        width = ctypes.c_float()
        pdfium_c.FPDFPageObj_GetStrokeWidth(obj, width)
        dashed = " dashed" if pdfium_c.FPDFPageObj_GetDashCount(obj) > 0 else ""
        words += f" stroke {tenth(width.value * scale(matrix))}{dashed}"
        words += colour(obj, pdfium_c.FPDFPageObj_GetStrokeColor)
    if fill_mode.value:
        words += " fill" + colour(obj, pdfium_c.FPDFPageObj_GetFillColor)
    return words


def shape(points: list[tuple[float, float]], closed: bool, curved: bool) -> tuple[int, int, str]:
    """(top, left, 'x,y kind size') for one piece of a path: a rule, a box, a line or a curve."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, bottom, right, top = min(xs), min(ys), max(xs), max(ys)
    width, height = whole(right) - whole(left), whole(top) - whole(bottom)
    corner = f"{whole(left)},{whole(bottom)}"
    if not curved and len(points) == 2:
        if height == 0:
            return whole(top), whole(left), f"{corner} rule h{width}"
        if width == 0:
            return whole(top), whole(left), f"{corner} rule v{height}"
        (x0, y0), (x1, y1) = points
        return whole(top), whole(left), f"{whole(x0)},{whole(y0)} line to {whole(x1)},{whole(y1)}"
    if not curved and is_rectangle(points):
        return whole(top), whole(left), f"{corner} box {width}x{height}"
    kind = "curve" if curved else ("polygon" if closed else "polyline")
    return whole(top), whole(left), f"{corner} {kind} {width}x{height} n{len(points)}"


def is_rectangle(points: list[tuple[float, float]]) -> bool:
    """Four corners (a fifth repeating the first allowed) on an axis-aligned rectangle."""
    if len(points) == 5 and points[4] == points[0]:
        points = points[:4]
    if len(points) != 4:
        return False
    xs = {round(p[0], 2) for p in points}
    ys = {round(p[1], 2) for p in points}
    return len(xs) == 2 and len(ys) == 2


def path_elements(obj: ctypes.c_void_p, place: Matrix) -> Iterator[Element]:
    matrix = concat(object_matrix(obj), place)
    painted = paint(obj, matrix)
    if not painted:
        return
    for points, closed, curved in subpaths(obj, matrix):
        top, left, geometry = shape(points, closed, curved)
        yield Element(-top, left, geometry + painted)


def extent(matrix: Matrix, left: float, bottom: float, right: float, top: float) -> tuple[int, int, int, int]:
    """The rounded (left, bottom, right, top) on the page of a rectangle drawn through matrix."""
    corners = [apply(matrix, x, y) for x, y in ((left, bottom), (right, bottom), (left, top), (right, top))]
    return (whole(min(c[0] for c in corners)), whole(min(c[1] for c in corners)),
            whole(max(c[0] for c in corners)), whole(max(c[1] for c in corners)))


def image_element(obj: ctypes.c_void_p, place: Matrix) -> Element:
    left, bottom, right, top = extent(concat(object_matrix(obj), place), 0, 0, 1, 1)
    pixels_wide, pixels_high = ctypes.c_uint(), ctypes.c_uint()
    pdfium_c.FPDFImageObj_GetImagePixelSize(obj, pixels_wide, pixels_high)
    line = f"{left},{bottom} image {right - left}x{top - bottom} px{pixels_wide.value}x{pixels_high.value}"
    return Element(-top, left, line)


def shading_element(obj: ctypes.c_void_p, place: Matrix) -> Element:
    edges = [ctypes.c_float() for _ in range(4)]
    pdfium_c.FPDFPageObj_GetBounds(obj, *edges)
    left, bottom, right, top = extent(place, *(edge.value for edge in edges))
    return Element(-top, left, f"{left},{bottom} shading {right - left}x{top - bottom}")


def elements(objects: list[ctypes.c_void_p], place: Matrix, textpage: ctypes.c_void_p,
             depth: int = 0) -> Iterator[Element]:
    """Every element drawn by these page objects, forms opened and placed on the page."""
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            found = text_element(obj, place, textpage)
            if found:
                yield found
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield from path_elements(obj, place)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            yield image_element(obj, place)
        elif kind == pdfium_c.FPDF_PAGEOBJ_SHADING:
            yield shading_element(obj, place)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            inner = [pdfium_c.FPDFFormObj_GetObject(obj, index)
                     for index in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            yield from elements(inner, concat(object_matrix(obj), place), textpage, depth + 1)


def page_lines(page: pdfium.PdfPage, number: int) -> list[str]:
    """The log of one page: its size, then its elements from the top down."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        raw = page.raw
        objects = [pdfium_c.FPDFPage_GetObject(raw, index) for index in range(pdfium_c.FPDFPage_CountObjects(raw))]
        found = sorted(elements(objects, IDENTITY, textpage.raw))
    finally:
        textpage.close()
    prefix = f"p{number}"
    return [f"{prefix} page {whole(width)}x{whole(height)}"] + [f"{prefix} {element.line}" for element in found]


def page_log(source: Path | bytes) -> list[str]:
    """The page log of a PDF file (or its bytes), one line per element."""
    document = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        lines: list[str] = []
        for index in range(len(document)):
            page = document[index]
            try:
                lines += page_lines(page, index + 1)
            finally:
                page.close()
        return lines
    finally:
        document.close()


def pages(lines: list[str]) -> dict[str, list[str]]:
    """The log's lines by page ('p3'), in order."""
    found: dict[str, list[str]] = {}
    for line in lines:
        found.setdefault(line.split(" ", 1)[0], []).append(line)
    return found


def pages_that_differ(recorded: list[str], built: list[str]) -> list[str]:
    """The pages ('p3') whose lines differ between two logs, in page order; added or lost pages too."""
    old, new = pages(recorded), pages(built)
    differing = [page for page in set(old) | set(new) if old.get(page) != new.get(page)]
    return sorted(differing, key=lambda page: int(page[1:]) if page[1:].isdigit() else 0)


def explain(recorded: list[str], built: list[str], limit: int = 40) -> list[str]:
    """What moved, for a reader: the pages that differ, then the first `limit` lines of a unified
    diff of the two logs (one line of context), then how many diff lines were left out."""
    differing = pages_that_differ(recorded, built)
    if not differing:
        return ["page log unchanged: the change is finer than the log (under 1 pt) or not drawn "
                "(fonts' bytes, metadata, the order things are drawn in)"]
    counts = f" ({len(pages(recorded))} pages, now {len(pages(built))})" if len(pages(recorded)) != len(pages(built)) else ""
    report = [f"pages that differ: {', '.join(differing)}{counts}"]
    diff = list(difflib.unified_diff(recorded, built, "recorded", "built", n=1, lineterm=""))
    report += diff[:limit]
    if len(diff) > limit:
        report.append(f"... {len(diff) - limit} more diff lines")
    return report


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python tools/pagelog.py some.pdf", file=sys.stderr)
        return 2
    for line in page_log(Path(argv[0])):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
