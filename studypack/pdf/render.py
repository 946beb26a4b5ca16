"""Typeset flowables into PDF bytes: page template from the layout, page decoration
(header, footer, logo, "Turn over", the do-not-write margin) drawn after layout so
"Page N of M" knows M, optional booklet imposition, and `invariant=1` for the same bytes
on every build."""

from __future__ import annotations

import io
import re
from functools import partial

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageBreak, PageTemplate, Spacer

from studypack.media import fonts, images, text
from studypack.media.maths import inline as maths
from studypack.io import impose
from studypack.base.errors import Problem, StudypackError
from studypack.views.flowables import FittingDocTemplate, SheetStart
from studypack.settings.layout import Layout
from studypack.base.units import MM

rl_config.useA85 = 0  # plain binary streams: a quarter smaller, same pages


def draw_words(canvas: Canvas, x: float, y: float, words: str, face: str, size: float, align: str = "left") -> float:
    """Draw one line at x (its left, right or centre), each word in a face that can print it;
    return the line's width."""
    runs = fonts.runs(words, face)
    widths = [canvas.stringWidth(seg, f, size) for seg, f in runs]
    total = sum(widths)
    start = {"left": x, "right": x - total, "centre": x - total / 2}[align]
    for (seg, f), w in zip(runs, widths):
        canvas.setFont(f, size)
        canvas.drawString(start, y, seg)
        start += w
    return total


class Decorations:
    """Compiled header/footer templates, their styles and the logo, drawn onto finished pages.

    Templates see `pack`, `sheet`, `page`, `pages` and `school`, plus any extra variables a
    caller passes to render() (a class set passes `student`)."""

    def __init__(self, layout: Layout, composer, furniture: bool = True):
        self.layout = layout
        self.added = 0  # BLANK PAGEs added after the laid-out pages
        self.warn = getattr(composer, "warn", None)
        self.bands = []
        self.personal: dict[tuple[str, str], set] = {}  # slots that name the student -> variables they use
        self.student_fields: dict[tuple[str, str], frozenset | None] = {}  # -> the student's fields they read
        self.sources: dict[tuple[str, str], str] = {}  # each slot's template as written
        for where in ("header", "footer"):
            band = getattr(layout, where)
            slots = {}
            for slot in ("left", "centre", "right"):
                source = getattr(band, slot)
                if source:
                    slots[slot] = text.compile_template(source)
                    self.sources[(where, slot)] = source
                    names = text.template_names(source)
                    if "student" in names:
                        self.personal[(where, slot)] = names
                        self.student_fields[(where, slot)] = text.student_fields(source)
            self.bands.append((where, band, slots, composer.style(where)))
        # "Turn over" and the margin not to write in are for candidates: never on a mark scheme
        self.turn_over = composer.style("turn-over") if layout.page.turn_over and furniture else None
        self.notice = composer.style("margin-notice") if layout.page.do_not_write and furniture else None
        self.blank_style = composer.style("section.heading") if layout.page.blank_page and furniture else None
        self.logo = None
        path = layout.logo_path()
        if path is not None:
            data, w, h = images.logo(path, layout.branding.logo_height, layout.images.greyscale)
            self.logo = (ImageReader(io.BytesIO(data)), w, h)

    def needs_blank_page(self, states: list[dict], last: bool) -> bool:
        """Whether a run of pages gets a BLANK PAGE: an exam paper (with its cover) that would
        end on an odd page, where the layout prints one, as exam boards do; with
        `blank_page_after: every-sheet`, also any other sheet that more sheets follow in the
        same document (the last has no next sheet to keep off its back)."""
        return (self.blank_style is not None and len(states) % 2 == 1
                and ((self.layout.page.blank_page_after == "every-sheet" and not last)
                     or any((s.get("_studypack_sheet") or {}).get("kind") == "exam" for s in states)))

    def blank(self, canvas: Canvas) -> None:
        """The words across an added page, in its middle."""
        width, height = self.layout.page.dimensions
        m = self.layout.page.margins
        st = self.blank_style
        canvas.setFillColor(st.textColor)
        draw_words(canvas, (m.left + width - m.right) / 2, (m.bottom + height - m.top) / 2, self.layout.page.blank_page,
                   st.fontName, st.fontSize, "centre")

    def texts(self, variables: dict) -> list[tuple[str, str, str]]:
        """Render every slot; raises text.TemplateProblem for a broken template."""
        out = []
        for where, _band, slots, _style in self.bands:
            for slot, template in slots.items():
                out.append((where, slot, text.render_template(template, variables)))
        return out

    def background(self, canvas: Canvas) -> None:
        """Under the page's content: the page tint."""
        tint = self.layout.page.tint
        if tint:
            width, height = self.layout.page.dimensions
            canvas.saveState()
            canvas.setFillColor(HexColor(tint))
            canvas.rect(0, 0, width, height, stroke=0, fill=1)
            canvas.restoreState()

    def draw(self, canvas: Canvas, variables: dict, stamps: list | None = None, continues: bool | None = None) -> None:
        """Draw the bands. With `stamps`, slots that name the student are not drawn but
        described there (where, font, template), for the class-set stamper to fill per copy."""
        width, height = self.layout.page.dimensions
        m = self.layout.page.margins
        on_this_side = self.layout.page.turn_over_pages == "every" or variables["page"] % 2 == 1
        continues = variables["page"] < variables["pages"] if continues is None else continues  # not onto a BLANK PAGE
        show_turn_over = self.turn_over is not None and on_this_side and continues
        for where, band, slots, style in self.bands:
            header = where == "header"
            size = style.fontSize
            if header:
                rule_y = height - m.top + 4.5 * MM
                baseline = rule_y + max(2.5 * MM, 0.3 * size)  # clear of the rule at any size
            else:
                rule_y = m.bottom - 5 * MM
                baseline = rule_y - max(4 * MM, 1.5 * MM + 0.75 * size)
            left_x = m.left
            right_x = width - m.right
            if header and self.logo is not None:
                image, w, h = self.logo
                x = m.left if self.layout.branding.logo_position == "header-left" else width - m.right - w
                canvas.drawImage(image, x, rule_y + 1.5 * MM, w, h, mask="auto")
                if self.layout.branding.logo_position == "header-left":
                    left_x += w + 3 * MM
                else:
                    right_x -= w + 3 * MM
            if not slots and not (not header and show_turn_over):
                continue
            canvas.setFillColor(style.textColor)
            if stamps is not None and any((where, slot) in self.personal for slot in slots):
                self._place_personal(stamps, where, slots, variables, style, baseline, left_x, right_x,
                                     show_turn_over and not header)
            texts: dict[str, str] = {}
            for slot, template in slots.items():
                if not header and slot == "right" and show_turn_over:
                    continue  # "Turn over" takes the footer's right slot
                if stamps is not None and (where, slot) in self.personal:
                    continue
                try:
                    texts[slot] = text.typographic(" ".join(text.render_template(template, variables).split()))
                except text.TemplateProblem as exc:
                    raise StudypackError(Problem(f"{where}.{slot}: {exc}", self.layout.location((where, slot)))) from None
            rooms = _rooms(texts, {s for s in slots if s not in texts}, style, right_x - left_x)
            for slot, words in texts.items():
                words, fitted = self._fit(where, slot, words, style, rooms[slot], variables)
                if slot == "left":
                    draw_words(canvas, left_x, baseline, words, style.fontName, fitted)
                elif slot == "right":
                    draw_words(canvas, right_x, baseline, words, style.fontName, fitted, "right")
                else:
                    draw_words(canvas, (m.left + width - m.right) / 2, baseline, words, style.fontName, fitted, "centre")
            if not header and show_turn_over:
                st = self.turn_over
                canvas.setFillColor(st.textColor)
                draw_words(canvas, width - m.right, baseline, self.layout.page.turn_over, st.fontName, st.fontSize, "right")
            rule = band.rule if band.rule is not None else header
            if rule and slots:
                canvas.setStrokeColor(HexColor("#999999"))
                canvas.setLineWidth(0.5)
                canvas.line(m.left, rule_y, width - m.right, rule_y)
        if self.notice is not None:
            self._do_not_write(canvas, width, height, m)

    def _place_personal(self, stamps: list, where: str, slots: dict, variables: dict, style, baseline: float,
                        left_x: float, right_x: float, turn_over: bool) -> None:
        """Describe the band's slots that name the student, each with the room the other
        slots leave it on this page; a centred name that would run into a long title moves
        to the side whose slot is empty. A clear gap (8 mm, more for large type) parts them."""
        gap = max(8 * MM, 1.5 * style.fontSize)
        used = {}
        for slot, template in slots.items():
            if (where, slot) in self.personal:
                continue
            try:
                words = text.typographic(" ".join(text.render_template(template, variables).split()))
            except text.TemplateProblem:
                words = ""  # reported when the slot is drawn
            used[slot] = stringWidth(words, style.fontName, style.fontSize) if words else 0.0
        if turn_over and self.turn_over is not None:
            used["right"] = stringWidth(self.layout.page.turn_over, self.turn_over.fontName, self.turn_over.fontSize)
        left_end = left_x + used.get("left", 0) + (gap if used.get("left") else 0)
        right_start = right_x - used.get("right", 0) - (gap if used.get("right") else 0)
        centre = (left_x + right_x) / 2
        for slot in slots:
            if (where, slot) not in self.personal:
                continue
            x, align = {"left": (left_x, "left"), "right": (right_x, "right")}.get(slot, (centre, "centre"))
            if slot == "centre":
                room = 2 * max(0.0, min(centre - left_end, right_start - centre))
                if not used.get("right") and right_x - left_end > 1.5 * room:
                    x, align, room = right_x, "right", right_x - left_end
                elif not used.get("left") and right_start - left_x > 1.5 * room:
                    x, align, room = left_x, "left", right_start - left_x
            elif slot == "left":
                room = (centre - used.get("centre", 0) / 2 - gap if used.get("centre") else right_start) - left_x
            else:
                room = right_x - (centre + used.get("centre", 0) / 2 + gap if used.get("centre") else left_end)
            stamps.append({"where": (where, slot), "template": slots[slot], "x": x, "y": baseline,
                           "align": align, "font": style.fontName, "size": style.fontSize,
                           "colour": style.textColor, "room": max(room, 0.15 * (right_x - left_x)),
                           "least": max(MIN_BAND_SIZE, self.layout.minimum_text_size),
                           "variables": variables, "uses": self.personal[(where, slot)],
                           "fields": self.student_fields[(where, slot)],
                           "location": self.layout.location((where, slot))})

    def _do_not_write(self, canvas: Canvas, width, height, m) -> None:
        """A rule beside the text area and, turned up the margin, the notice not to write there."""
        st = self.notice
        x = width - m.right + 2 * MM
        canvas.setStrokeColor(HexColor("#000000"))
        canvas.setLineWidth(0.8)
        canvas.line(x, m.bottom, x, height - m.top)
        canvas.saveState()
        canvas.setFillColor(st.textColor)
        centre_x = (x + width - 10 * MM) / 2  # between the rule and the 10 mm the printer may not reach
        canvas.translate(centre_x + st.fontSize * 0.35, (m.bottom + height - m.top) / 2)
        canvas.rotate(90)
        draw_words(canvas, 0, 0, self.layout.page.do_not_write, st.fontName, st.fontSize, "centre")
        canvas.restoreState()


    def _fit(self, where: str, slot: str, words: str, style, room: float, variables: dict) -> tuple[str, float]:
        """Text too wide for its slot is printed smaller, down to 6pt, then cut with '…'; with a warning,
        so a long title never runs off the page or over the next slot unnoticed."""
        stringWidth = _line_width
        size = style.fontSize
        wide = stringWidth(words, style.fontName, size)
        if wide <= room or not words:
            return words, size
        size = max(MIN_BAND_SIZE, self.layout.minimum_text_size, size * room / wide)
        what = "printed smaller"
        quoted = words if len(words) <= 40 else words[:39].rstrip() + "…"
        if stringWidth(words, style.fontName, size) > room:
            low, high = 0, len(words)
            while low < high:  # the longest start of the text that fits with '…'
                mid = (low + high + 1) // 2
                if stringWidth(words[:mid].rstrip() + "…", style.fontName, size) <= room:
                    low = mid
                else:
                    high = mid - 1
            words, what = words[:low].rstrip() + "…", "shortened"
        if self.warn is None:
            return words, size
        value, label, about = self._too_long(where, slot, variables)
        if about is None:
            self.warn(f"{where}.{slot}: '{quoted}' is too long for its place in the {where}: {what} "
                      "(a shorter title, or a layout with fewer slots, avoids this)",
                      self.layout.location((where, slot)))
        else:  # the build points this at the pack's line that holds the value
            shown = value if len(value) <= 40 else value[:39].rstrip() + "…"
            self.warn(f"{label} '{shown}' is too long for its place in the {where} ({where}.{slot}): {what}; "
                      f"shorten it here, or use a layout with fewer {where} slots",
                      self.layout.location((where, slot)), about)
        return words, size

    def _too_long(self, where: str, slot: str, variables: dict) -> tuple[str, str, tuple | None]:
        """The pack value that made a slot too wide: the longest field of the pack or the sheet
        its template prints, as (value, what it is, key path); (.., .., None) when it prints none."""
        source = self.sources.get((where, slot), "")
        found: list[tuple[int, str, str, tuple]] = []
        for name, labels in (("pack", _PACK_FIELDS), ("sheet", _SHEET_FIELDS)):
            values = variables.get(name) or {}
            for attr in text.attributes_read(source, name):
                value = values.get(attr) if isinstance(values, dict) else None
                if attr not in labels or not isinstance(value, str) or not value:
                    continue
                if name == "pack":
                    found.append((len(value), value, labels[attr], (attr,)))
                elif values.get("id"):
                    found.append((len(value), value, labels[attr], ("sheets", values["id"], attr)))
        if not found:
            return "", "", None
        _, value, label, about = max(found, key=lambda f: f[0])
        return value, label, about


_PACK_FIELDS = {"title": "the pack's title", "subtitle": "the pack's subtitle", "subject": "the subject",
                "level": "the level", "author": "the author"}
_SHEET_FIELDS = {"title": "the sheet's title"}


MIN_BAND_SIZE = 6.0
BAND_GAP = 12.0  # points kept clear between two slots of a band


def _line_width(words: str, face: str, size: float) -> float:
    """Width of a line as draw_words sets it, each word in the face that can print it."""
    return sum(stringWidth(seg, f, size) for seg, f in fonts.runs(words, face))


def _rooms(texts: dict[str, str], stamped: set[str], style, full: float) -> dict[str, float]:
    """How wide each slot's text may be: a short slot leaves its room to a long neighbour, and
    nothing runs into the centre. Slots stamped per student later keep their fixed share."""
    wide = {slot: _line_width(words, style.fontName, style.fontSize) for slot, words in texts.items() if words}
    for slot in stamped:
        if slot == "centre" and not (wide.get("left") and wide.get("right")):
            continue  # a stamped centre beside an empty side moves there (see _place_personal)
        wide[slot] = full * (0.34 if slot == "centre" else 0.45)
    left, right, centre = wide.get("left", 0.0), wide.get("right", 0.0), wide.get("centre")
    rooms: dict[str, float] = {slot: full for slot in texts}  # empty slots take no room
    if centre is None:
        if left + right + (BAND_GAP if left and right else 0) <= full or not (left and right):
            return rooms
        half = (full - BAND_GAP) / 2
        short = min(left, right)
        long_room = full - BAND_GAP - short if short <= half else half
        rooms["left"] = long_room if left >= right else min(left, half)
        rooms["right"] = long_room if right > left else min(right, half)
        return {slot: rooms[slot] for slot in texts}
    side = max(left, right)
    rooms["centre"] = max(full * 0.34, full - 2 * (side + BAND_GAP)) if side else full
    side_room = (full - min(centre, rooms["centre"])) / 2 - BAND_GAP
    rooms["left"] = rooms["right"] = max(side_room, 0.0)
    return {slot: rooms[slot] for slot in texts}


def _run(sheet) -> object:
    """What pages are numbered through: the sheet, or its `run` (a cover and its paper are one)."""
    return (sheet or {}).get("run") or id(sheet)


class Recording:
    """The pages of one typeset document as Platypus laid them out: for each page, every
    flowable the frame drew, with the place it was drawn at (see `Replay`)."""

    def __init__(self):
        self.pages: list[list[tuple]] = [[]]
        self.notes: list[list] = []  # per page, what the preflight was told while it was laid out and drawn
        self.clean = True  # no block was split inside a row or shrunk to fit (those warn by file and page)

    def __deepcopy__(self, memo) -> "Recording":
        return self  # Platypus copies the frame to measure a KeepTogether: share, never copy, the pages

    def page_done(self, notes: list) -> None:
        self.notes.append(list(notes))
        self.pages.append([])

    def finish(self) -> None:
        self.pages.pop()  # begun by the last page's end: nothing is drawn after it


class _PageFrame(Frame):
    """The body frame. As a typesetter drops vertical space at the top of a page, a gap (a
    `Spacer`: the space between two questions, before a total) that a page break put at the
    top of a page takes no room there; a gap right after a sheet's start is meant and stays."""

    def _reset(self):
        super()._reset()
        self._sheet_opened = False  # nothing but a sheet's start drawn on this page yet

    def add(self, flowable, canv, trySplit=0):
        if self._atTop and type(flowable) is Spacer and not getattr(self, "_sheet_opened", False):
            return 1  # dropped: overflow carried it here
        if self._atTop:
            self._sheet_opened = isinstance(flowable, SheetStart)
        return Frame.add(self, flowable, canv, trySplit)

    _add = add


class _RecordingFrame(_PageFrame):
    """A frame that notes each flowable it draws, and where, into a Recording."""

    def __init__(self, *args, recording: Recording, **kwargs):
        super().__init__(*args, **kwargs)
        self._recording = recording

    def add(self, flowable, canv, trySplit=0):
        drawn = self._recording.pages[-1]

        def draw_on(canvas, x, y, _sW=0):
            drawn.append((flowable, x, y, _sW))
            type(flowable).drawOn(flowable, canvas, x, y, _sW)

        flowable.drawOn = draw_on
        try:
            return _PageFrame.add(self, flowable, canv, trySplit)
        finally:
            del flowable.drawOn

    _add = add


class Replay(Flowable):
    """One recorded page drawn again: each flowable at the place it was laid out at, with
    the same drawing calls in the same order as laying it out made, so a PDF that replays
    pages encodes them exactly as one that lays them out (fonts are subset in order of use)."""

    _ZEROSIZE = True

    def __init__(self, drawn: list[tuple]):
        super().__init__()
        self.drawn = drawn
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def drawOn(self, canvas, x, y, _sW=0):
        frame = getattr(self, "_frame", None)
        for flowable, fx, fy, sw in self.drawn:
            flowable._frame = frame
            flowable.canv = canvas
            try:
                flowable.drawOn(canvas, fx, fy, sw)
            finally:
                for name in ("canv", "_frame"):
                    if hasattr(flowable, name):
                        delattr(flowable, name)


_TF = re.compile(r" ([0-9.]+) Tf")


def _decorating_canvas(decorations: Decorations, variables: dict, font: str, booklet: bool, capture=None,
                       notes: list | None = None, recording: Recording | None = None,
                       replayed: list[list] | None = None):
    """A canvas that holds pages back until the end, then draws header and footer on each
    (and, for a booklet, places the finished pages two-up).

    With `capture` (a class-set builder), finished pages are not written but handed to
    `capture.page(canvas, stamps, fields)`, which keeps them as reusable forms; they are
    not imposed.

    With `notes`, each page's notes for the preflight (the sizes of the text drawn on it,
    and what its flowables noticed) are appended as (sheet, page in sheet, pages, notes).
    With `recording`, each page's notes so far go into it too; with `replayed` (the notes
    of replayed pages, in order), each page takes those: the replayed page's layout made them."""
    booklet = booklet and capture is None

    class DecoratingCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = font  # else every page declares an unembedded Helvetica
            super().__init__(*args, **kwargs)
            if capture is not None:
                capture.adopt(self)
            self._held: list[dict] = []
            self._studypack_sheet: dict = {}
            self._studypack_fields: list | None = [] if capture is not None else None
            self._studypack_least = decorations.layout.minimum_text_size  # a stamped value never prints smaller
            self._studypack_notes: list = []
            maths.register(self)  # $...$ in a paragraph: its formulas drawn by name, on every page canvas

        def drawText(self, aTextObject):
            if notes is not None:
                code = aTextObject.getCode()
                if "Tj" in code or "TJ" in code:
                    sizes = [float(s) for s in _TF.findall(code)] or [self._fontsize]
                    self._studypack_notes.append(("size", min(sizes)))
            super().drawText(aTextObject)

        def showPage(self):
            if replayed is not None and len(self._held) < len(replayed):
                self._studypack_notes = list(replayed[len(self._held)])
            if recording is not None:
                recording.page_done(self._studypack_notes)
            self._held.append(dict(self.__dict__))
            self._startPage()
            self._studypack_notes = []
            if capture is not None:
                self._studypack_fields = []

        def save(self):
            held = self._held
            layout = decorations.layout
            groups: list[list[dict]] = []  # the pages of each run: a sheet, a cover and its paper, or a bound booklet
            previous = None
            for state in held:
                run = "booklet" if layout.page.booklet else _run(state.get("_studypack_sheet"))
                if run != previous or not groups:
                    groups.append([])
                    previous = run
                groups[-1].append(state)
            captured: list[impose.Captured] = []

            def finish(state: dict, page: int, pages: int, continues: bool) -> None:
                sheet = state.get("_studypack_sheet")
                shown = {k: v for k, v in (sheet or {}).items() if k != "run"}
                values = {"pack": variables["pack"], "sheet": shown, "page": page, "pages": pages,
                          **{k: v for k, v in variables.items() if k != "pack"}}
                if capture is not None:
                    stamps: list = []
                    decorations.draw(self, values, stamps, continues)
                    capture.page(self, stamps, state.get("_studypack_fields") or [])
                    return
                decorations.draw(self, values, continues=continues)
                if booklet:
                    captured.append(impose.Captured(list(self._code), list(self._formsinuse), dict(self._colorsUsed),
                                                    dict(self._shadingUsed), list(self._annotationrefs)))
                else:
                    Canvas.showPage(self)

            for number, states in enumerate(groups, start=1):
                blank = decorations.needs_blank_page(states, number == len(groups))
                pages = len(states) + blank
                for page, state in enumerate(states, start=1):
                    self.__dict__.update(state)
                    if notes is not None:  # what the preflight reads of this page
                        notes.append((state.get("_studypack_sheet"), page, pages, self._studypack_notes))
                    finish(state, page, pages, page < len(states))
                if blank:  # an exam paper ends on an even page: "BLANK PAGE" after its last
                    self.__dict__.update(states[-1])
                    self._restartAccumulators()
                    self.init_graphics_state()
                    self.state_stack = []
                    decorations.background(self)
                    decorations.blank(self)
                    finish({**states[-1], "_studypack_fields": []}, pages, pages, False)
                    decorations.added += 1
            if capture is not None:
                return
            if booklet:
                self._restartAccumulators()
                self.init_graphics_state()
                impose.booklet(self, captured, decorations.layout.page.dimensions, lambda: Canvas.showPage(self))
            Canvas.save(self)

    return DecoratingCanvas


BLANK_STUDENT = {"name": "", "first": "", "last": "", "class": "", "id": "", "variant": ""}
"""`student` in header and footer templates outside a class set: every field empty."""


def render(sheets: list[tuple[dict, list]], layout: Layout, composer, meta: dict, capture=None,
           notes: list | None = None, recording: Recording | None = None,
           replay: list[tuple[list, list]] | None = None) -> tuple[bytes, int]:
    """Typeset sheets (each: template variables, flowables) into one PDF; return bytes and page count.

    meta: title, author, subject, lang (PDF metadata), `pack` (template variables), `furniture`
    (false for a mark scheme: no "Turn over", margin notice or BLANK PAGE), optionally
    `student` (a class-set copy's fields) and `variables` (more template variables).
    With `capture`, the pages go to the class-set builder as forms instead (no bytes).
    With `notes`, each page's preflight notes are appended to it (see _decorating_canvas).
    With `recording`, where each flowable was drawn is noted in it; `replay` (a recording's
    pages and notes) draws those pages again, before any `sheets`."""
    buffer = io.BytesIO()
    width, height = layout.page.dimensions
    m = layout.page.margins
    doc = FittingDocTemplate(
        buffer, pagesize=(width, height), invariant=1, pageCompression=1,
        leftMargin=m.left, rightMargin=m.right, topMargin=m.top, bottomMargin=m.bottom,
        title=meta.get("title", ""), author=meta.get("author", ""), subject=meta.get("subject", ""),
        creator="studypack", producer="studypack (ReportLab)", lang=meta.get("lang", "en"),
    )
    frame_kind = _PageFrame if recording is None else partial(_RecordingFrame, recording=recording)
    frame = frame_kind(m.left, m.bottom, width - m.left - m.right, height - m.top - m.bottom,
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    decorations = Decorations(layout, composer, meta.get("furniture", True))
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=lambda canvas, _doc: decorations.background(canvas))])
    doc.label = meta.get("file", "document")
    doc.warn = getattr(composer, "warn", None)
    if recording is not None and doc.warn is not None:
        warn = doc.warn

        def noted(*args, **kwargs):
            recording.clean = False
            return warn(*args, **kwargs)
        doc.warn = noted
    story: list = []
    if replay is not None:
        for i, drawn in enumerate(replay):  # (flowables drawn, notes) per page
            if i:
                story.append(PageBreak())
            story.append(Replay(drawn[0]))
    for i, (info, flowables) in enumerate(sheets):
        if i:
            story.append(PageBreak())
        story.append(SheetStart(info))
        story.extend(flowables)
    variables = {"pack": meta["pack"], "student": meta.get("student") or BLANK_STUDENT,
                 "school": {"name": layout.branding.school}, **meta.get("variables", {})}
    canvasmaker = _decorating_canvas(decorations, variables, composer.style("body").fontName, layout.page.booklet,
                                     capture, notes, recording,
                                     [page_notes for _drawn, page_notes in replay] if replay is not None else None)
    try:
        doc.build(story, canvasmaker=canvasmaker)
    except StudypackError as exc:
        raise _unannotated(exc) from None
    if recording is not None:
        recording.finish()
        if len(recording.pages) != doc.page:  # the pages Platypus began are not those the canvas ended
            recording.clean = False
    pages = doc.page + decorations.added
    if layout.page.booklet and capture is None:
        pages = len(impose.booklet_order(pages))
    return buffer.getvalue(), pages


def _unannotated(exc: StudypackError) -> StudypackError:
    """Our error as raised: ReportLab re-raises an error from inside a build as a new one
    with its own notes ("handle_pageBegin args=()") in front; the original is its context."""
    while isinstance(exc.__context__, StudypackError):
        exc = exc.__context__
    return exc
