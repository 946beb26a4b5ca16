"""Typeset flowables into PDF bytes: page template from the layout, header and footer
drawn after layout so "Page N of M" knows M, and `invariant=1` for the same bytes on
every build."""

from __future__ import annotations

import io

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

from . import text
from .errors import Problem, StudypackError
from .flowables import FittingDocTemplate, SheetStart
from .layout import Layout

MM = 72 / 25.4
rl_config.useA85 = 0  # plain binary streams: a quarter smaller, same pages


class Decorations:
    """Compiled header/footer templates and their fonts, drawn onto finished pages."""

    def __init__(self, layout: Layout, composer):
        self.layout = layout
        self.warn = getattr(composer, "warn", None)
        self.bands = []
        self.personal: dict[tuple[str, str], set] = {}  # slots that name the student -> variables they use
        for where in ("header", "footer"):
            band = getattr(layout, where)
            slots = {}
            for slot in ("left", "centre", "right"):
                source = getattr(band, slot)
                if source:
                    slots[slot] = text.compile_template(source)
                    names = text.template_names(source)
                    if "student" in names:
                        self.personal[(where, slot)] = names
            self.bands.append((where, band, slots, composer.style(where)))

    def texts(self, variables: dict) -> list[tuple[str, str, str]]:
        """Render every slot; raises text.TemplateProblem for a broken template."""
        out = []
        for where, _band, slots, _style in self.bands:
            for slot, template in slots.items():
                out.append((where, slot, text.render_template(template, variables)))
        return out

    def draw(self, canvas: Canvas, variables: dict, stamps: list | None = None) -> None:
        """Draw the bands. With `stamps`, slots that name the student are not drawn but
        described there (where, font, template), for the class-set stamper to fill per copy."""
        width, height = self.layout.page.dimensions
        m = self.layout.page.margins
        for where, band, slots, style in self.bands:
            if not slots:
                continue
            if band.rule is None:
                band_rule = where == "header"
            else:
                band_rule = band.rule
            if where == "header":
                baseline = height - m.top + 7 * MM
                rule_y = height - m.top + 4.5 * MM
            else:
                baseline = m.bottom - 9 * MM
                rule_y = m.bottom - 5 * MM
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            texts: dict[str, str] = {}
            for slot, template in slots.items():
                if stamps is not None and (where, slot) in self.personal:
                    x = {"left": m.left, "right": width - m.right}.get(slot, (m.left + width - m.right) / 2)
                    stamps.append({"where": (where, slot), "template": template, "x": x, "y": baseline,
                                   "align": slot, "font": style.fontName, "size": style.fontSize,
                                   "colour": style.textColor,
                                   "room": (width - m.left - m.right) * (0.34 if slot == "centre" else 0.45),
                                   "variables": variables, "uses": self.personal[(where, slot)],
                                   "location": self.layout.location((where, slot))})
                    continue
                try:
                    texts[slot] = " ".join(text.render_template(template, variables).split())
                except text.TemplateProblem as exc:
                    raise StudypackError(Problem(f"{where}.{slot}: {exc}", self.layout.location((where, slot)))) from None
            rooms = _rooms(texts, {s for s in slots if s not in texts}, style, width - m.left - m.right)
            for slot, words in texts.items():
                words, size = self._fit(where, slot, words, style, rooms[slot])
                canvas.setFont(style.fontName, size)
                if slot == "left":
                    canvas.drawString(m.left, baseline, words)
                elif slot == "right":
                    canvas.drawRightString(width - m.right, baseline, words)
                else:
                    canvas.drawCentredString((m.left + width - m.right) / 2, baseline, words)
                canvas.setFont(style.fontName, style.fontSize)
            if band_rule:
                canvas.setStrokeColor(HexColor("#999999"))
                canvas.setLineWidth(0.5)
                canvas.line(m.left, rule_y, width - m.right, rule_y)


    def _fit(self, where: str, slot: str, words: str, style, room: float) -> tuple[str, float]:
        """Text too wide for its slot is printed smaller, down to 6pt, then cut with '…'; with a warning,
        so a long title never runs off the page or over the next slot unnoticed."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = style.fontSize
        wide = stringWidth(words, style.fontName, size)
        if wide <= room or not words:
            return words, size
        size = max(MIN_BAND_SIZE, size * room / wide)
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
        if self.warn is not None:
            self.warn(f"{where}.{slot}: '{quoted}' is too long for its place in the {where}: {what} "
                      "(a shorter title, or a layout with fewer slots, avoids this)",
                      self.layout.location((where, slot)))
        return words, size


MIN_BAND_SIZE = 6.0
BAND_GAP = 12.0  # points kept clear between two slots of a band


def _rooms(texts: dict[str, str], stamped: set[str], style, full: float) -> dict[str, float]:
    """How wide each slot's text may be: a short slot leaves its room to a long neighbour, and
    nothing runs into the centre. Slots stamped per student later keep their fixed share."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    wide = {slot: stringWidth(words, style.fontName, style.fontSize) for slot, words in texts.items() if words}
    for slot in stamped:
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


def _decorating_canvas(decorations: Decorations, pack_vars: dict, font: str, capture=None,
                       student: dict | None = None):
    """A canvas that holds pages back until the end, then draws header and footer on each.

    With `capture` (a class-set builder), finished pages are not written but handed to
    `capture.page(canvas, stamps, fields)`, which keeps them as reusable forms."""

    class DecoratingCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = font  # else every page declares an unembedded Helvetica
            super().__init__(*args, **kwargs)
            if capture is not None:
                capture.adopt(self)
            self._held: list[dict] = []
            self._studypack_sheet: dict = {}
            self._studypack_fields: list | None = [] if capture is not None else None

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()
            if capture is not None:
                self._studypack_fields = []

        def save(self):
            held = self._held
            runs: list[int] = []  # pages per sheet, in order of the sheets' runs
            previous = None
            for state in held:
                sheet = state.get("_studypack_sheet")
                if sheet is not previous or not runs:
                    runs.append(0)
                    previous = sheet
                runs[-1] += 1
            index, page, previous = -1, 0, None
            for state in held:
                sheet = state.get("_studypack_sheet")
                if sheet is not previous or index < 0:
                    index, page, previous = index + 1, 0, sheet
                page += 1
                self.__dict__.update(state)
                variables = {"pack": pack_vars, "sheet": sheet or {}, "page": page, "pages": runs[index],
                             "student": student or BLANK_STUDENT}
                if capture is None:
                    decorations.draw(self, variables)
                    Canvas.showPage(self)
                else:
                    stamps: list = []
                    decorations.draw(self, variables, stamps)
                    capture.page(self, stamps, state.get("_studypack_fields") or [])
            if capture is None:
                Canvas.save(self)

    return DecoratingCanvas


BLANK_STUDENT = {"name": "", "first": "", "last": "", "class": "", "id": "", "variant": ""}
"""`student` in header and footer templates outside a class set: every field empty."""


def render(sheets: list[tuple[dict, list]], layout: Layout, composer, meta: dict, capture=None) -> tuple[bytes, int]:
    """Typeset sheets (each: template variables, flowables) into one PDF; return bytes and page count.

    With `capture`, the pages go to the class-set builder as forms instead (no bytes)."""
    buffer = io.BytesIO()
    width, height = layout.page.dimensions
    m = layout.page.margins
    doc = FittingDocTemplate(
        buffer, pagesize=(width, height), invariant=1, pageCompression=1,
        leftMargin=m.left, rightMargin=m.right, topMargin=m.top, bottomMargin=m.bottom,
        title=meta.get("title", ""), author=meta.get("author", ""), subject=meta.get("subject", ""),
        creator="studypack", producer="studypack (ReportLab)", lang=meta.get("lang", "en"),
    )
    frame = Frame(m.left, m.bottom, width - m.left - m.right, height - m.top - m.bottom,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.label = meta.get("file", "document")
    doc.warn = getattr(composer, "warn", None)
    story = []
    for i, (info, flowables) in enumerate(sheets):
        if i:
            story.append(PageBreak())
        story.append(SheetStart(info))
        story.extend(flowables)
    decorations = Decorations(layout, composer)
    canvasmaker = _decorating_canvas(decorations, meta["pack"], composer.style("body").fontName, capture,
                                     meta.get("student"))
    doc.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue(), doc.page
