"""Annotated copies: each student's scanned pages, straightened onto the printed page, with
what the marking decided drawn over them in red and green, as a teacher would mark by hand:
each box read as ticked ringed (green where the key ticks it, red where not, orange where
the reading is uncertain), each question's mark in the left margin beside it (a tick for
full marks, a cross for none, "?" for one left to the teacher) and the total at the top of
the first page. One PDF a student and one for the class, the same bytes from the same scans.

A page is kept while the scans are read as a JPEG of the page straightened at PICTURE_DPI
(the transform the corner squares gave), so a class's pages never sit in memory as scans."""

from __future__ import annotations

import hashlib
import io

import numpy as np

from studypack.base.units import MM
from studypack.io import words
from studypack.mark.align import Aligned
from studypack.mark.read import FILLED, UNCERTAIN

PICTURE_DPI = 110  # enough to read a tick and a name on screen; a page is about 120 kB
QUALITY = 70
RIGHT, WRONG, DOUBT = (0.05, 0.55, 0.2), (0.85, 0.1, 0.1), (0.95, 0.5, 0.0)


def straightened(pixels: np.ndarray, aligned: Aligned, size: list[float]) -> bytes:
    """The scan resampled onto the page's own grid (upright, square, the page's size) as JPEG."""
    from PIL import Image  # lazy: Pillow only where pages were read
    width, height = size
    step = 72 / PICTURE_DPI
    out_w, out_h = int(round(width / step)), int(round(height / step))
    # an output pixel (i, j) is the page point (i·step, height − j·step), which the transform takes into the scan
    to_page = np.array([[step, 0, step / 2], [0, -step, height - step / 2], [0, 0, 1]])
    m = aligned.transform @ to_page
    m = m / m[2, 2]
    image = Image.fromarray(np.ascontiguousarray(pixels)).transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, tuple(m.ravel()[:8]), Image.Resampling.BILINEAR, fillcolor=255)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=QUALITY, optimize=False)
    return buffer.getvalue()


def copies(marked, results: dict, seats: list, title: str, say: words.Words = words.ENGLISH_WORDS) -> dict[str, bytes]:
    """annotated/<copy>-<name>.pdf for each student with a page scanned, and annotated/class.pdf,
    their words in the language of `say`."""
    from reportlab.pdfgen.canvas import Canvas  # lazy: only when there are copies to draw
    out: dict[str, bytes] = {}
    whole = io.BytesIO()
    class_canvas = Canvas(whole, invariant=1, pageCompression=1)
    class_canvas.setTitle(say.alone("mark.annotated", title=title))
    for seat in seats:
        if seat.copy is None or seat.copy not in results:
            continue
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1, pageCompression=1)
        canvas.setTitle(f"{title}: {seat.name}")
        for target in (canvas, class_canvas):
            _copy(target, marked, seat, results[seat.copy], say)
        canvas.save()
        out[f"{seat.copy:03d}-{_safe(seat.name)}.pdf"] = buffer.getvalue()
    if out:
        class_canvas.save()
        out["class.pdf"] = whole.getvalue()
    return out


def _copy(canvas, marked, seat, outcomes: dict, say: words.Words) -> None:
    """Every page of one student's copy, annotated; the total on the first."""
    data = marked.data
    unit = data["units"][data["copies"][seat.copy - 1]["unit"]]
    entries = {e["question"]: e for e in unit["questions"]}
    readings = marked.readings.get(seat.copy, {})
    for number, page in enumerate(unit["pages"], start=1):
        width, height = page["size"]
        canvas.setPageSize((width, height))
        picture = marked.pictures.get((seat.copy, number))
        if picture is None:
            _missing(canvas, page, number, say)
        else:
            canvas.drawImage(_Jpeg(picture), 0, 0, width, height)
            _boxes(canvas, page, entries, readings)
            _margin_marks(canvas, page, entries, outcomes)
            for hand in unit.get("by_hand", []):
                if hand["page"] == number:
                    _by_hand(canvas, page, hand)
        if number == 1:
            _total(canvas, page, unit, outcomes, say)
        canvas.showPage()


class _Jpeg:
    """A straightened page as ReportLab embeds it: the JPEG's own bytes (DCTDecode), never
    decoded. ReportLab reads any ImageReader whole into RGB to name it (3.5 MB a page, kept
    while the canvas lives); an image it knows by its text and its `jpeg_fh` it copies as it is."""

    def __init__(self, data: bytes):
        self.data = data
        self.name = "page-" + hashlib.sha256(data).hexdigest()

    def __str__(self) -> str:  # what ReportLab names the image by (the same page: one image in the file)
        return self.name

    def jpeg_fh(self) -> io.BytesIO:
        return io.BytesIO(self.data)


def _boxes(canvas, page: dict, entries: dict, readings: dict) -> None:
    """A ring round each box read as ticked or uncertain."""
    canvas.setLineWidth(1.2)
    for box in page["boxes"]:
        reading = readings.get((box["question"], box["choice"]))
        if reading is None or reading.state not in (FILLED, UNCERTAIN):
            continue
        x, y, w, h = box["rect"]
        right = box["choice"] in entries[box["question"]]["correct"]
        canvas.setStrokeColorRGB(*(DOUBT if reading.state == UNCERTAIN else RIGHT if right else WRONG))
        if reading.state == UNCERTAIN:
            canvas.setDash(2, 1.5)
        else:
            canvas.setDash()
        canvas.circle(x + w / 2, y + h / 2, w * 0.9, stroke=1, fill=0)
    canvas.setDash()


def _margin_marks(canvas, page: dict, entries: dict, outcomes: dict) -> None:
    """Beside each question's first box on this page, in the left margin: its mark."""
    x_code, y_code, side = page["code"]
    firsts: dict[str, float] = {}
    for box in page["boxes"]:
        top = box["rect"][1] + box["rect"][3]
        firsts[box["question"]] = max(firsts.get(box["question"], top), top)
    for question, top in firsts.items():
        outcome = outcomes.get(question)
        if outcome is None:
            continue
        y = max(top - 5 * MM, y_code + side + 2 * MM)  # above the code, never over it
        _verdict(canvas, x_code + 1 * MM, y, outcome.mark, entries[question]["marks"])


def _by_hand(canvas, page: dict, hand: dict) -> None:
    """Where a question the teacher marks ends, in the left margin: an empty box for its mark."""
    x_code, y_code, side = page["code"]
    x, y = x_code + 1 * MM, max(hand["at"][1] + 2 * MM, y_code + side + 6 * MM)
    canvas.setStrokeColorRGB(*DOUBT)
    canvas.setFillColorRGB(*DOUBT)
    canvas.setLineWidth(0.8)
    canvas.rect(x, y, 5 * MM, 5 * MM, stroke=1, fill=0)
    canvas.setFont("Helvetica-Bold", 7)
    canvas.drawString(x, y - 3 * MM, f"/{hand['marks']}")


def _verdict(canvas, x: float, y: float, mark: int | None, out_of: int) -> None:
    """A tick (full marks), a cross (none), a half tick (some), or "?" (the teacher's), and the mark."""
    size = 4 * MM
    if mark is None:
        canvas.setFillColorRGB(*DOUBT)
        canvas.setFont("Helvetica-Bold", 13)
        canvas.drawString(x, y, "?")
        return
    colour = RIGHT if mark == out_of else WRONG if mark == 0 else DOUBT
    canvas.setStrokeColorRGB(*colour)
    canvas.setFillColorRGB(*colour)
    canvas.setLineWidth(1.6)
    if mark == 0:
        canvas.line(x, y, x + size, y + size)
        canvas.line(x, y + size, x + size, y)
    else:
        path = canvas.beginPath()
        path.moveTo(x, y + size * 0.5)
        path.lineTo(x + size * 0.35, y)
        path.lineTo(x + size, y + size)
        canvas.drawPath(path, stroke=1, fill=0)
        if mark < out_of:
            canvas.line(x + size * 0.1, y + size * 0.05, x + size * 0.9, y + size * 0.6)
    canvas.setFont("Helvetica-Bold", 8)
    canvas.drawString(x, y - 3.2 * MM, f"{mark}/{out_of}")


def _total(canvas, page: dict, unit: dict, outcomes: dict, say: words.Words) -> None:
    """The total in the top of the left margin, under the corner square (the one place every
    layout keeps clear): the marks the boxes earned, out of what, how many questions wait ("+2 ?"),
    and the marks the teacher gives by hand ("+ /4 by hand")."""
    _width, height = page["size"]
    x = page["code"][0]
    top = max(y + side for _x, y, side in page["corners"])
    total = sum(o.mark for o in outcomes.values() if o.mark is not None)
    out_of = sum(e["marks"] for e in unit["questions"])
    waiting = sum(1 for o in outcomes.values() if o.mark is None)
    canvas.setFillColorRGB(*WRONG)
    canvas.setFont("Helvetica", 7)
    canvas.drawString(x, top - 16 * MM, say.alone("mark.machine-marked"))
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(x, top - 21 * MM, f"{total}/{out_of}")
    canvas.setFillColorRGB(*DOUBT)
    canvas.setFont("Helvetica-Bold", 8)
    if waiting:
        canvas.drawString(x, top - 25 * MM, f"+{waiting} ?")
    hand = sum(h["marks"] for h in unit.get("by_hand", []))
    if hand:
        canvas.setFont("Helvetica", 7)
        canvas.drawString(x, top - 29 * MM, f"+ /{hand}")
        canvas.drawString(x, top - 32 * MM, say.alone("mark.by-hand"))


def _missing(canvas, page: dict, number: int, say: words.Words) -> None:
    width, height = page["size"]
    canvas.setFillColorRGB(0.93, 0.93, 0.93)
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.setFillColorRGB(*WRONG)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawCentredString(width / 2, height / 2, say.alone("mark.page-missing", page=number))


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)[:60]
