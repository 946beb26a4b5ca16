"""Page furniture drawn onto finished pages: header and footer (templates that see the page
number and the sheet's page count), the logo, "Turn over", the margin not to write in, the
page tint, and the words across an added BLANK PAGE. Drawn after layout, so "Page N of M"
knows M; in a class set, the slots that name the student are described for the stamper
instead of drawn."""

from __future__ import annotations

import io

from reportlab.lib.colors import HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from studypack.base.errors import Problem, StudypackError, said
from studypack.base.units import MM
from studypack.media import fonts, images, text
from studypack.settings.layout import Layout


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

_NOT_PAPERS = {None, "source-booklet", "reference", "answer-key", "glossary", "timeline"}  # never a paper


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

    def needs_blank_page(self, sheets: list[dict]) -> bool:
        """Whether a run of pages gets a BLANK PAGE: an exam paper (with its cover) that would
        end on an odd page, where the layout prints one, as exam boards do; with
        `blank_page_after: every-sheet`, every other sheet too, the last of its document as
        well: a sheet's own PDF is its pages in the pack, each ending on an even page."""
        return (self.blank_style is not None and len(sheets) % 2 == 1
                and (self.layout.page.blank_page_after == "every-sheet"
                     or any(self._paper((sheet or {}).get("kind")) for sheet in sheets)))

    def _paper(self, kind) -> bool:
        """Whether a sheet of this kind is a paper: an exam; under a board's cover (a profile's
        `cover.on`), any sheet of questions, as the board prints its paper whatever its kind."""
        return kind == "exam" or (self.layout.cover.on and kind not in _NOT_PAPERS)

    def blank(self, canvas: Canvas) -> None:
        """The words across an added page, in its middle."""
        width, height = self.layout.page.dimensions
        m = self.layout.page.margins
        st = self.blank_style
        assert st is not None  # drawn only where the layout prints one
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
        on_this_side = self.layout.page.turn_over_pages == "every" or variables["page"] % 2 == 1
        continues = variables["page"] < variables["pages"] if continues is None else continues  # not onto a BLANK PAGE
        show_turn_over = self.turn_over is not None and on_this_side and continues
        for where, band, slots, style in self.bands:
            self._band(canvas, where, band, slots, style, variables, stamps, show_turn_over and where != "header")
        if self.notice is not None and (variables.get("sheet") or {}).get("kind") not in UNWRITTEN:
            width, height = self.layout.page.dimensions
            self._do_not_write(canvas, width, height, self.layout.page.margins)

    def _band(self, canvas: Canvas, where: str, band, slots: dict, style, variables: dict, stamps: list | None,
              turn_over: bool) -> None:
        """One band: its slots (a slot that names the student described in `stamps`, where given),
        "Turn over" in the footer's right slot, and the rule."""
        header = where == "header"
        rule_y, baseline = self._lines(header, style.fontSize)
        left_x, right_x = self._logo(canvas, rule_y) if header else self._sides()
        if not slots and not turn_over:
            return
        canvas.setFillColor(style.textColor)
        if stamps is not None and any((where, slot) in self.personal for slot in slots):
            self._place_personal(stamps, where, slots, variables, style, baseline, left_x, right_x, turn_over)
        texts = self._slot_texts(where, slots, variables, stamps is not None, turn_over)
        rooms = _rooms(texts, {s for s in slots if s not in texts}, style, right_x - left_x)
        width, _height = self.layout.page.dimensions
        m = self.layout.page.margins
        for slot, words in texts.items():
            words, fitted = self._fit(where, slot, words, style, rooms[slot], variables)
            x, align = {"left": (left_x, "left"), "right": (right_x, "right")}.get(
                slot, ((m.left + width - m.right) / 2, "centre"))
            draw_words(canvas, x, baseline, words, style.fontName, fitted, align)
        if turn_over:
            st = self.turn_over
            assert st is not None  # `turn_over` is true only where the layout prints it
            canvas.setFillColor(st.textColor)
            draw_words(canvas, width - m.right, baseline, self.layout.page.turn_over, st.fontName, st.fontSize, "right")
        if (band.rule if band.rule is not None else header) and slots:
            canvas.setStrokeColor(HexColor("#999999"))
            canvas.setLineWidth(max(0.5, self.layout.minimum_rule))  # never a hairline where the layout says (large print)
            canvas.line(m.left, rule_y, width - m.right, rule_y)

    def _lines(self, header: bool, size: float) -> tuple[float, float]:
        """A band's rule and baseline: the header above the text area, the footer below it."""
        _width, height = self.layout.page.dimensions
        m = self.layout.page.margins
        if header:
            rule_y = height - m.top + 4.5 * MM
            return rule_y, rule_y + max(2.5 * MM, 0.3 * size)  # clear of the rule at any size
        rule_y = m.bottom - 5 * MM
        return rule_y, rule_y - max(4 * MM, 1.5 * MM + 0.75 * size)

    def _sides(self) -> tuple[float, float]:
        """Where a band's left slot starts and its right slot ends."""
        width, _height = self.layout.page.dimensions
        m = self.layout.page.margins
        return m.left, width - m.right

    def _logo(self, canvas: Canvas, rule_y: float) -> tuple[float, float]:
        """The logo above the header's rule, on its side; the room it leaves the slots."""
        left_x, right_x = self._sides()
        if self.logo is None:
            return left_x, right_x
        image, w, h = self.logo
        on_left = self.layout.branding.logo_position == "header-left"
        canvas.drawImage(image, left_x if on_left else right_x - w, rule_y + 1.5 * MM, w, h, mask="auto")
        return (left_x + (w + 3 * MM), right_x) if on_left else (left_x, right_x - (w + 3 * MM))

    def _slot_texts(self, where: str, slots: dict, variables: dict, stamping: bool, turn_over: bool) -> dict[str, str]:
        """The words of each slot drawn here: not the footer's right when "Turn over" takes it,
        nor, in a class set, a slot that names the student (stamped on each copy)."""
        texts: dict[str, str] = {}
        for slot, template in slots.items():
            if (turn_over and slot == "right") or (stamping and (where, slot) in self.personal):
                continue
            try:
                texts[slot] = text.typographic(" ".join(text.render_template(template, variables).split()))
            except text.TemplateProblem as exc:
                raise StudypackError(Problem(said("term.settings-at", "{key}: ", key=f"{where}.{slot}") + str(exc),
                                             self.layout.location((where, slot)))) from None
        return texts

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
        """A rule beside the text area and, turned up the margin, the notice not to write there;
        in the left margin too where the layout says `both` (Pearson Edexcel)."""
        st = self.notice
        assert st is not None  # drawn only where the layout prints it
        right = width - m.right + 2 * MM
        sides = [(right, (right + width - 10 * MM) / 2)]  # between the rule and the 10 mm the printer may not reach
        if self.layout.page.do_not_write_sides == "both":
            left = m.left - 2 * MM
            sides.append((left, (10 * MM + left) / 2))
        for x, centre_x in sides:
            canvas.setStrokeColor(HexColor("#000000"))
            canvas.setLineWidth(0.8)
            canvas.line(x, m.bottom, x, height - m.top)
            canvas.saveState()
            canvas.setFillColor(st.textColor)
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
        what = said("term.deco-smaller", "printed smaller")
        quoted = words if len(words) <= 40 else words[:39].rstrip() + "…"
        if stringWidth(words, style.fontName, size) > room:
            low, high = 0, len(words)
            while low < high:  # the longest start of the text that fits with '…'
                mid = (low + high + 1) // 2
                if stringWidth(words[:mid].rstrip() + "…", style.fontName, size) <= room:
                    low = mid
                else:
                    high = mid - 1
            words, what = words[:low].rstrip() + "…", said("term.deco-shortened", "shortened")
        if self.warn is None:
            return words, size
        value, label, about = self._too_long(where, slot, variables)
        place = said("term.deco-in-header", "in the header") if where == "header" else \
            said("term.deco-in-footer", "in the footer")
        if about is None:
            self.warn(said("term.deco-too-long", "{key}: '{quoted}' is too long for its place {place}: {what} (a shorter "
                           "title, or a layout with fewer slots, avoids this)", key=f"{where}.{slot}", quoted=quoted,
                           place=place, what=what), self.layout.location((where, slot)))
        else:  # the build points this at the pack's line that holds the value
            shown = value if len(value) <= 40 else value[:39].rstrip() + "…"
            slots = said("term.deco-header-slots", "header slots") if where == "header" else \
                said("term.deco-footer-slots", "footer slots")
            self.warn(said("term.deco-value-too-long", "{label} '{shown}' is too long for its place {place} ({key}): "
                           "{what}; shorten it here, or use a layout with fewer {slots}", label=said(*label), shown=shown,
                           place=place, key=f"{where}.{slot}", what=what, slots=slots),
                      self.layout.location((where, slot)), about)
        return words, size

    def _too_long(self, where: str, slot: str, variables: dict) -> tuple[str, tuple[str, str], tuple | None]:
        """The pack value that made a slot too wide: the longest field of the pack or the sheet
        its template prints, as (value, what it is, key path); (.., .., None) when it prints none."""
        source = self.sources.get((where, slot), "")
        found: list[tuple[int, str, tuple[str, str], tuple]] = []
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
            return "", ("", ""), None
        _, value, label, about = max(found, key=lambda f: f[0])
        return value, label, about


# what each value a header or footer may print is called in a warning: (catalogue key, English)
_PACK_FIELDS = {"title": ("term.deco-pack-title", "the pack's title"),
                "subtitle": ("term.deco-pack-subtitle", "the pack's subtitle"),
                "subject": ("term.deco-subject", "the subject"), "level": ("term.deco-level", "the level"),
                "author": ("term.deco-author", "the author")}
_SHEET_FIELDS = {"title": ("term.deco-sheet-title", "the sheet's title")}


MIN_BAND_SIZE = 6.0
UNWRITTEN = ("source-booklet", "reference")  # pages read, never written on: no margin notice
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
