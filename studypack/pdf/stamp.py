"""Stamping: pages laid out once become forms in one master PDF; each student's page is
that form plus their own details drawn on top.

`Capture` is what the render pipeline's stamp stage hands decorated pages to. It keeps each
page's personal slots (header and footer templates that use `student`, and the blanks
and boxes a `StudentField` marks) so that `stamped` can fill them per student, and
`class_set` puts the copies in print order with blank backs and separators.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

from reportlab.lib.colors import HexColor
from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas

from studypack.pdf import assemble, copy_tags, rl_canvas
from studypack.media import text
from studypack.base.units import MM
from studypack.media.fonts import runs as font_runs
from studypack.base.errors import Problem, StudypackError, said
from studypack.io.words import ENGLISH_WORDS, Words

BLANK_TEXT = ENGLISH_WORDS("class-set.blank")  # "This page is intentionally blank", in English
NAMES = ("name", "first", "last")  # the details that are the student's name: read in its language where the list gives one
OWN = frozenset(NAMES + ("id",))  # details nearly every student has their own: what is drawn of them is not kept
# for the next student (a class of ten thousand would keep ten thousand texts no one else prints)
MIN_SIZE = 5.0  # points: a long name shrinks to fit its space, then takes more lines


@dataclass
class Laid:
    """A laid-out page: its form, size, and the personal slots to fill on it."""

    form: str
    width: float
    height: float
    stamps: list
    fields: list
    boxes: list = field(default_factory=list)  # the tick boxes the scanner reads (views.notes.AnswerBox)
    tags: copy_tags.PageTags | None = None  # a tagged page: its unit's tree, its key there, its form's key
    forms: tuple[str, ...] = ()  # (form,): the one tuple every copy's page of it shows

    def __post_init__(self) -> None:
        self.forms = (self.form,)


class Capture:
    """The master document laid-out pages go into, as forms, with their personal slots."""

    def __init__(self, font: str):
        self.buffer = io.BytesIO()
        self.font = font
        self.canvas = Canvas(self.buffer, invariant=1, pageCompression=1, initialFontName=font)
        self.doc = rl_canvas.document_of(self.canvas)  # the typeset pages draw into it (render's PageCanvas)
        self.pages: list[Laid] = []
        self.names: list[str] = []
        self._cache: dict = {}
        self.rendered: dict = {}  # personal header and footer texts, by what they depend on (see `stamped`)

    def page(self, canvas, stamps: list, fields: list, boxes: list | None = None) -> None:
        """Keep the canvas's current page as a form, with its personal slots (and boxes to read)."""
        name = f"p{len(self.names)}"
        tagged = rl_canvas.tagged_page(canvas)
        form, width, height = rl_canvas.page_form(canvas, len(self.names))
        self.doc.addForm(name, form)
        self.pages.append(Laid(f"FormXob.{name}", width, height, stamps, fields, list(boxes or []),
                               copy_tags.PageTags(*tagged, len(self.names)) if tagged is not None else None))
        self.names.append(name)

    def take(self) -> list[Laid]:
        pages, self.pages = self.pages, []
        return pages

    def form(self, name: str, size: tuple[float, float], draw: Callable) -> str:
        """A form drawn directly (blank back, class separator)."""
        canvas = self.canvas
        canvas.setPageSize(size)
        canvas.beginForm(name)
        draw(canvas)
        canvas.endForm()
        self.names.append(name)
        return f"FormXob.{name}"

    def text(self, font: str, size: float, colour, value: str, x: float, y: float, align: str,
             room: float, least: float = 0, most: int = 3, keep: bool = True) -> bytes:
        """Content-stream bytes drawing `value` within `room`: shrunk a little, else set on two
        or three lines going up from `y`, never below `least` (the layout's minimum: then
        shortened with '…'); at most `most` lines (a header has no room above it for more).
        The glyphs join the master's font subsets. `keep`: kept for the next call drawing the
        same (a class name, not a student's own name)."""
        key = (font, size, value, x, y, align, room, least, most)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        lines, size = fit(value, font, size, room, least, most)
        r, g, b = (colour.red, colour.green, colour.blue) if colour is not None else (0, 0, 0)
        out = []
        for i, line in enumerate(lines):
            pieces = font_runs(line, font)  # a word the face cannot print goes whole to a fallback face
            width = sum(stringWidth(segment, f, size) for segment, f in pieces)  # as `_width`, pieces kept
            left = x - width if align == "right" else x - width / 2 if align == "centre" else x
            base = y + (len(lines) - 1 - i) * size * 1.15
            runs = " ".join(f"{getFont(f).getSubsetInternalName(subset, self.doc)} {size:.2f} Tf ({escapePDF(chunk)}) Tj"
                            for segment, f in pieces for subset, chunk in getFont(f).splitString(segment, self.doc))
            out.append(f"BT {r:.3f} {g:.3f} {b:.3f} rg 1 0 0 1 {left:.2f} {base:.2f} Tm {runs} ET\n")
        data = "".join(out).encode("latin-1")
        if keep and len(self._cache) < 50_000:
            self._cache[key] = data
        return data

    def finish(self) -> assemble.Master:
        """Save the master: one page drawing every form, so the forms and fonts are written."""
        canvas = self.canvas
        for name in self.names:
            canvas.doForm(name)
        canvas.showPage()
        canvas.save()
        return assemble.Master(self.buffer.getvalue())


def _most_lines(stamp: dict, height: float) -> int:
    """Lines a header or footer slot may take, going up from its baseline: in the header, as
    many as the top margin holds below the 5 mm a printer may not reach (a name never runs
    off the page)."""
    if stamp["where"][0] != "header":
        return 3
    above = height - stamp["y"] - 5 * MM - stamp["size"]
    return max(1, min(3, 1 + int(above // (stamp["size"] * 1.15))))


def fit(value: str, font: str, size: float, room: float, least: float = 0, most: int = 3) -> tuple[list[str], float]:
    """Lines and size for `value` in `room` points: one line down to 6 pt, then two or three
    lines broken between words; where that would print below `least` (a layout's minimum
    size, large print), one line at `least`, shortened with '…'."""
    least = min(least, size)
    lines, fitted = _fit(value, font, size, room, least, most)
    if fitted >= least - 0.01:
        return lines, fitted
    return [shortened(value, font, least, room)], least


def _width(value: str, font: str, size: float) -> float:
    """`value`'s width as `text` draws it: a word the face cannot print is set, and measured, in
    its fallback face (a Cyrillic name in large print's Atkinson Hyperlegible is Noto Sans, a
    fifth wider: measured in the face it overran its blank into the next label)."""
    return sum(stringWidth(segment, face, size) for segment, face in font_runs(value, font))


def shortened(value: str, font: str, size: float, room: float) -> str:
    """The longest start of `value` that fits `room` with '…' after it."""
    low, high = 0, len(value)
    while low < high:
        mid = (low + high + 1) // 2
        if _width(value[:mid].rstrip() + "…", font, size) <= room:
            low = mid
        else:
            high = mid - 1
    return value[:low].rstrip() + "…"


def _fit(value: str, font: str, size: float, room: float, least: float, most: int = 3) -> tuple[list[str], float]:
    width = _width(value, font, size)
    if room <= 0 or width <= room:
        return [value], size
    if size * room / width >= max(6, least) or " " not in value.strip() or most < 2:
        return [value], max(MIN_SIZE * 0.7, size * room / width)
    words = value.split()
    for count in (2, 3)[:most - 1]:
        target = width / count
        lines: list[str] = []
        current: list[str] = []
        for word in words:
            trial = " ".join(current + [word])
            if current and _width(trial, font, size) > target * 1.08 and len(lines) < count - 1:
                lines.append(" ".join(current))
                current = [word]
            else:
                current.append(word)
        lines.append(" ".join(current))
        widest = max(_width(line, font, size) for line in lines)
        fitted = min(size, size * room / widest)
        if fitted >= max(MIN_SIZE, least) or count == min(3, most):
            return lines, max(MIN_SIZE * 0.7, fitted)
    return [value], MIN_SIZE  # not reached


def stamped(capture: Capture, page: Laid, person: dict, rendered: dict) -> assemble.Page:
    """One page of one student's copy: the laid-out form, then the personal header and footer
    slots (one piece, shared by the pages it is the same on), then the filled-in blanks."""
    header = []
    for stamp in page.stamps:
        variables = stamp["variables"]
        key = stamp.get("key")
        if key is None:  # what the slot's text depends on besides the student: the same for every copy
            key = stamp["key"] = (id(stamp["template"]),) + tuple(
                repr(variables.get(n)) for n in sorted(stamp["uses"] - {"student"}))
        value = rendered.get(key)
        if value is None:
            value = rendered[key] = _slot_text(capture, stamp, person, key if _alike(stamp) else None)
        if value:
            place = (key, stamp["x"], stamp["y"], stamp["room"], stamp["font"], stamp["size"])
            drawn = rendered.get(place)
            if drawn is None:
                drawn = rendered[place] = capture.text(stamp["font"], stamp["size"], stamp["colour"], value,
                                                       stamp["x"], stamp["y"], stamp["align"], stamp["room"],
                                                       stamp.get("least", 0), _most_lines(stamp, page.height),
                                                       _alike(stamp))
            header.append(drawn)
    drawn = b"".join(header)
    details = _details(capture, page, person) if page.fields else None
    content: tuple = ()
    if details:
        overlays = (drawn, *(piece for piece, _spot in details))
        content = tuple((i, spot.get("element"), person.get("language", "") if spot["field"] in NAMES else "")
                        for i, (_piece, spot) in enumerate(details, start=1))
    else:  # the header alone: one tuple for all the student's pages it is on
        overlays = rendered.get(drawn) or rendered.setdefault(drawn, (drawn,))
    return assemble.Page(page.width, page.height, page.forms, overlays, page.tags, content,
                         person if page.tags is not None else None)


def _alike(stamp: dict) -> bool:
    """Whether a slot's text depends on no detail of the student's own ("Variant A"), so
    that students alike in what it shows share it (noted in the slot when first asked)."""
    alike = stamp.get("alike")
    if alike is None:
        fields = stamp.get("fields")
        alike = stamp["alike"] = fields is not None and not OWN.intersection(fields)
    return alike


def _slot_text(capture: Capture, stamp: dict, person: dict, alike: tuple | None) -> str:
    """A header or footer slot's text for `person`; `alike`: its key where the text depends
    on no detail of the student's own, so a copy with the same details reuses it."""
    if alike is not None:
        alike = (alike, tuple(person.get(f) for f in sorted(stamp["fields"])))
        value = capture.rendered.get(alike)
        if value is not None:
            return value
    try:
        value = " ".join(text.render_template(stamp["template"], dict(stamp["variables"], student=person)).split())
    except text.TemplateProblem as exc:
        where, slot = stamp["where"]
        raise StudypackError(Problem(said("term.settings-at", "{key}: ", key=f"{where}.{slot}") + str(exc),
                                     stamp["location"])) from None
    if alike is not None and len(capture.rendered) < 50_000:
        capture.rendered[alike] = value  # "Variant A" is the same for every copy of variant A
    return value


def _details(capture: Capture, page: Laid, person: dict) -> list[tuple[bytes, dict]]:
    """The student's details written in the page's blanks and boxes (their name, class …),
    each with its spot."""
    parts = []
    for spot in page.fields:
        value = person.get(spot["field"], "")
        if spot.get("part") is not None:  # one character a box, right-aligned like a written number
            count, part = spot["parts"], spot["part"]
            if len(value) <= count:
                value = value.rjust(count)[part].strip()
                if value:
                    parts.append((capture.text(spot["font"], spot["size"], None, value, spot["x"] + spot["width"] / 2,
                                               spot["y"] + 2.5, "centre", spot["width"], spot.get("least", 0)), spot))
            elif part == 0:  # longer than the boxes: the whole number, across them
                parts.append((capture.text(spot["font"], spot["size"], None, value, spot["x"] + 2, spot["y"] + 2.5,
                                           "left", spot["width"] * count, spot.get("least", 0),
                                           keep=spot["field"] not in OWN), spot))
            continue
        if value:
            parts.append((capture.text(spot["font"], spot["size"], None, value, spot["x"] + 2, spot["y"] + 2.5,
                                       "left", spot["width"] - 4, spot.get("least", 0), keep=spot["field"] not in OWN),
                          spot))
    return parts


def class_set(capture: Capture, students, copies, separators: bool, pack,
              say: Words = ENGLISH_WORDS) -> list[assemble.Page]:
    """Every copy in roster order, each starting on a front side; a separator per class if asked
    (its words, and the blank pages', in the layout's language: `say`)."""
    blanks: dict[tuple, assemble.Page] = {}  # one page object each size, however many backs it is
    font = capture.font

    def blank(size):
        if size not in blanks:
            def draw(c):
                c.setFont(font, 10)
                c.setFillColor(HexColor("#555555"))
                c.drawCentredString(size[0] / 2, size[1] / 2, say("class-set.blank"))
            blanks[size] = assemble.Page(size[0], size[1], (capture.form(f"blank{len(blanks)}", size, draw),))
        return blanks[size]

    runs: list[tuple[str, int]] = []
    for student in students:
        if runs and runs[-1][0] == student.group:
            runs[-1] = (student.group, runs[-1][1] + 1)
        else:
            runs.append((student.group, 1))
    pages: list[assemble.Page] = []
    index = 0
    for number, (group, size) in enumerate(runs):
        first = copies[index][0]
        dims = (first.width, first.height)
        if separators:
            title = say("class-set.class", group=group) if group else say("class-set.no-class")
            lines = [text.plain(pack.title), say("class-set.copies", size)]

            def draw(c, title=title, lines=lines, dims=dims):
                c.setFillColor(HexColor("#000000"))
                c.setFont(font, 36)
                c.drawCentredString(dims[0] / 2, dims[1] * 0.6, title)
                c.setFont(font, 16)
                for k, line in enumerate(lines):
                    c.drawCentredString(dims[0] / 2, dims[1] * 0.6 - 40 - 24 * k, line)
            pages.append(assemble.Page(dims[0], dims[1], (capture.form(f"separator{number}", dims, draw),)))
            pages.append(blank(dims))
        for copy in copies[index:index + size]:
            pages.extend(copy)
            if len(copy) % 2:
                pages.append(blank((copy[-1].width, copy[-1].height)))
        index += size
    return pages
