"""What a page built for marking carries for the scanner: four filled corner squares and a QR
code naming the build, the copy and the page, drawn over each student's page as
content-stream bytes (the QR differs per copy, so it is stamped, never part of the shared form).

The positions are the layout's `marking` settings; `studypack mark` reads them back from the
marking map, so this module and the reader agree through data, not code."""

from __future__ import annotations

from studypack.base.errors import Problem, StudypackError
from studypack.base.units import MM

CODE_GAP = 3 * MM  # between the lower left corner square and the QR code above it
PREFIX = "SP1"  # what a studypack page's code starts with (format 1)


def corners(marking, width: float, height: float) -> list[tuple[float, float]]:
    """The corner squares' lower left corners: lower left, lower right, upper right, upper left."""
    near, side = marking.inset, marking.corner
    far_x, far_y = width - near - side, height - near - side
    return [(near, near), (far_x, near), (far_x, far_y), (near, far_y)]


def code_place(marking) -> tuple[float, float, float]:
    """The QR code's lower left corner and side, in the left margin above the lower corner square."""
    return marking.inset, marking.inset + marking.corner + CODE_GAP, marking.code


def payload(build: str, copy: int, variant: str, tier: str, page: int) -> str:
    """What a page's code says: studypack's prefix, the build's digest, the copy (its place in
    the roster, from 1), its variant and tier (F, H or -) and the page of the copy (from 1).
    Upper case, digits and '/' only, so the code is small (QR alphanumeric mode)."""
    return "/".join((PREFIX, build.upper(), str(copy), (variant or "-").upper(), (tier[:1] or "-").upper(), str(page)))


def check_fits(layout) -> None:
    """The squares and the code stand in the margins, clear of the text and the header and footer."""
    marking, margins = layout.marking, layout.page.margins
    if marking.inset + marking.code + 1 * MM > margins.left + 0.01:  # (a hundredth of a point: lengths in mm round)
        raise StudypackError(Problem(
            f"marking: the QR code ({marking.code / MM:.0f} mm) and its inset ({marking.inset / MM:.0f} mm) do not fit in "
            f"the left margin ({margins.left / MM:.0f} mm) with 1 mm to spare: make marking.code or marking.inset "
            "smaller, or the left margin wider", layout.location(("marking", "code"))))
    if marking.inset + marking.corner > min(margins.left, margins.right, margins.top, margins.bottom) + 0.01:
        raise StudypackError(Problem(
            "marking: the corner squares do not fit in the margins: make marking.corner or marking.inset smaller",
            layout.location(("marking", "corner"))))


def drawing(marking, width: float, height: float, text: str) -> bytes:
    """Content-stream bytes drawing the four corner squares and the code for `text`, in black."""
    side = marking.corner
    out = ["q 0 0 0 rg"]
    out += [f"{x:.2f} {y:.2f} {side:.2f} {side:.2f} re" for x, y in corners(marking, width, height)]
    out.append("f")
    out.append(_code(text, *code_place(marking)))
    out.append("Q\n")
    return "\n".join(out).encode("ascii")


def _code(text: str, x: float, y: float, side: float) -> str:
    """The QR modules as filled rectangles, a run of dark modules in a row one rectangle, with a
    quiet zone of one module inside `side` (the margin around it is white paper)."""
    # loaded only when a page is built for marking (start-up speed): ReportLab's barcode
    # package brings its graphics and charts, which no other class set or build needs
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qrencoder.QRAlphaNum(text))
    code.make()
    count = code.getModuleCount()
    module = side / (count + 2)
    rects = []
    for row in range(count):
        top = y + side - module * (row + 2)
        column = 0
        while column < count:
            if not code.isDark(row, column):
                column += 1
                continue
            start = column
            while column < count and code.isDark(row, column):
                column += 1
            rects.append(f"{x + module * (start + 1):.3f} {top:.3f} {module * (column - start):.3f} {module:.3f} re")
    return "\n".join(rects) + "\nf"
