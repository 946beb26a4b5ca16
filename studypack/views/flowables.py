"""The drawn pieces of a sheet that Platypus does not have: answer lines, tick boxes,
line-numbered source boxes that split across pages, the marker that tells the page
decorator which sheet a page belongs to, and a document template that makes any block
taller than a page fit instead of failing."""

from __future__ import annotations

from typing import Callable

from reportlab.lib.colors import HexColor
from reportlab.platypus import (BaseDocTemplate, Flowable, FrameBreak, Image, KeepInFrame, KeepTogether, Paragraph,
                                Spacer, Table)
from reportlab.platypus.doctemplate import ActionFlowable

from studypack.base.errors import StudypackError, said
from studypack.views import exercises, roles
from studypack.views.notes import AnswerBox, AnswerTag, Broken, Holds, Piece, SourceBreak, SourceLines, Used
from studypack.views.paragraph import Paragraph as TextParagraph
from studypack.views.split_state import Carry


class SheetStart(Flowable):
    """Zero-size marker: pages from here on belong to `info` (for header, footer, page N of M)."""

    def __init__(self, info: dict):
        super().__init__()
        self.info = info
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv._studypack_sheet = self.info


class StudentField(Flowable):
    """Where a student's own detail goes (the Name blank, a cover box). Draws nothing; on a
    class-set page it records its place, and the stamper writes that student's value there."""

    def __init__(self, field: str, style, height: float = 0, part: int | None = None, parts: int = 1):
        super().__init__()
        self.field, self.style, self.height = field, style, height
        self.part, self.parts = part, parts  # one character per box: box `part` of `parts`
        self.width = 0

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.height

    def draw(self):
        fields = getattr(self.canv, "_studypack_fields", None)
        if fields is not None:
            x, y = self.canv.absolutePosition(0, 0)
            fields.append({"field": self.field, "x": x, "y": y, "width": self.width, "part": self.part,
                           "parts": self.parts, "font": self.style.fontName, "size": self.style.fontSize,
                           "least": getattr(self.canv, "_studypack_least", 0)})


FIRST = 0.25  # lines that would all fit on the next page break only where this share of them stays
FEW_CARRIED = 0.3  # a student's answer lines carried over, less than this share of a page, are a few carried


class AnswerLines(Flowable):
    """`count` ruled lines `spacing` apart; splits across pages only where both parts are
    substantial (`least` lines each, and lines that `end` a sheet fill `carried` of the page
    they go on to), else closes up a little (`squeeze`) or goes on whole.

    Lines carried to a new page print what their `carry` says ("Question 9 continued") above
    them, when the composer has given one. `closing` flowables ("End of questions") print
    under the last line and always keep lines with them."""

    PART = "answer lines"
    carry = Carry()
    top_room: float | None = None  # the frame's full height: the label prints only on lines that start a page
    squeeze = 1.0    # the closest the lines may come, as a share of their spacing, to save a page
    spill = 0        # at most this many lines over the page are drawn in by squeezing
    least = 2        # fewest lines on either side of a break
    carried = 0.0    # lines that end a sheet (with "End of questions") fill at least this share of a page
    ends = False     # the sheet's last answer space: what goes over stands alone on its page
    fill = False     # lines fill each page at their spacing: a few over are left out, never closed up
    dotted = False   # lines of dots (Pearson, OCR, Eduqas), not ruled
    end_label: Flowable | None = None  # the marks at the last line's right end (OCR's "[2]"), right-aligned
    end_width = 0.0  # the room they take, with the gap before them

    def __init__(self, count: int, spacing: float, colour: str, weight: float, indent: float = 0,
                 continued: bool = False, closing: list | None = None):
        super().__init__()
        self.count, self.spacing, self.colour, self.weight, self.indent = count, spacing, colour, weight, indent
        self.continued, self.closing = continued, list(closing or [])
        self._at_top = True

    def continues_as(self, carry: Carry, top_room: float) -> None:
        """Print `carry` over lines carried to a new page of the frame's full height `top_room`
        (given by the composer to a question's lines)."""
        self.carry, self.top_room = carry, top_room

    def _shows_label(self) -> bool:
        return bool(self.continued and self._at_top and self.carry.shown)

    def says_continued(self) -> bool:
        """Whether these lines, as placed, print "Question N continued" over them (the preflight)."""
        return self._shows_label()

    def _place(self, ah: float) -> None:
        self._at_top = self.top_room is None or ah >= self.top_room - 1

    def _label_height(self) -> float:
        if not self._shows_label():
            return 0
        # the label takes the top of the first line's writing space, and only what it needs beyond
        return self._label_need()

    def _label_need(self) -> float:
        """What the label needs beyond the top of the first line's writing space."""
        assert self.carry.style is not None
        return max(0.0, self.carry.style.fontSize * 1.3 - self.spacing * 0.55)

    def _closing_height(self, aw) -> float:
        return sum(f.wrap(aw, 1e6)[1] for f in self.closing)

    def wrap(self, aw, ah):
        self.width = aw
        self._place(ah)
        self.height = self.count * self.spacing + self._label_height() + self._closing_height(aw)
        return aw, self.height

    def split(self, aw, ah):
        self._place(ah)
        return self.pieces(aw, ah, must=self._at_top)

    def pieces(self, aw, ah, must: bool = False) -> list:
        """The lines as they go on a page with `ah` of room: all of them closed up a little,
        or two substantial parts, or none (all go on to the next page) unless `must` (the
        page is empty, or what they answer is already on it: a split is better than none)."""
        self._place(ah)
        lines_room = ah - self._label_height()
        fits = int(lines_room // self.spacing)
        squeezed = self._squeezed(aw, lines_room, fits)
        if squeezed is not None:
            return [squeezed]
        if fits >= self.count and self.count * self.spacing + self._closing_height(aw) <= lines_room:
            return [self]
        fits = min(fits, self.count)
        least = min(max(self.least, 1), self.count)
        need = self._rest_needs(aw)
        if self.count - fits < need and self.fill and fits >= least:  # this page full, the rest made up to `need`
            return [self._copy(fits, self.continued), self._copy(need, True, self.closing)]
        if not must and not self.fill:  # no page demands a split: never a few lines carried (`FEW_CARRIED`)
            need = max(need, self._few_need(aw))
        if self.count - fits < need:
            if self.ends and not must:  # a token remainder would end the sheet: all go on (the
                self.continued = True   # question with them, where they follow its stem)
                return []
            fits = self.count - need  # enough lines go on with the rest (and the closing line)
        if fits < least or not must and fits < FIRST * self.count and self._whole_fits(aw):
            # a token first part, where a page of their own holds them all: all go on together
            if not must:
                self.continued = True  # all of them go to the next page: say whose they are
                return []
            fits = min(int(lines_room // self.spacing), self.count - 1)
            if fits < 1:
                return []
        return [self._copy(fits, self.continued), self._copy(self.count - fits, True, self.closing)]

    def _whole_fits(self, aw) -> bool:
        """Whether all the lines (and their closing line) fit on a page of their own."""
        if not self.top_room:
            return False
        return self.count * self.spacing + self._closing_height(aw) <= self.top_room - 20

    def _few_need(self, aw) -> int:
        """Lines the part carried over needs so that it is no few lines carried: `FEW_CARRIED` of
        a page with its "continued" line (0 where the page's height is not known)."""
        if not self.top_room:
            return 0
        label = self._label_need() if self.carry.shown else 0
        return min(int((FEW_CARRIED * self.top_room - label) / self.spacing + 0.999), self.count)

    def _rest_needs(self, aw) -> int:
        """Lines the part carried over needs: `least`, and where they end the sheet (alone on
        their page) enough to fill `carried` of it with the closing line."""
        need = max(self.least, 2 if self.closing else 1)
        if self.ends and self.carried and self.top_room:
            label = self._label_need() if self.carry.shown else 0
            room = self.carried * self.top_room + 1 - self._closing_height(aw) - label
            need = max(need, int(room / self.spacing + 0.999))
        return min(need, self.count)

    def _squeezed(self, aw, lines_room: float, fits: int) -> "AnswerLines | None":
        """All the lines on this page, a little closer (down to `squeeze` of their spacing),
        when otherwise only a few (`spill` or fewer) would go over to a page of their own."""
        over = self.count - min(fits, self.count)
        closing = self._closing_height(aw)
        if self.fill:
            return self._trimmed(aw, lines_room, closing)
        if not self.spill or self.squeeze >= 1 or (over > self.spill or over == 0 and not self.closing):
            return None
        spacing = (lines_room - closing - 0.5) / self.count
        if spacing < self.spacing * self.squeeze or spacing >= self.spacing:
            return None
        twin = self._copy(self.count, self.continued, self.closing)
        twin.spacing = spacing
        ah = lines_room + self._label_height()
        for _ in range(3):  # a continued label takes more room over closer lines: settle it
            over_by = twin.wrap(aw, ah)[1] - ah
            if over_by <= 0:
                return twin if twin.spacing >= self.spacing * self.squeeze else None
            twin.spacing -= over_by / self.count + 0.05
        return None

    def _trimmed(self, aw, lines_room: float, closing: float) -> "AnswerLines | None":
        """All the lines this page holds at their spacing, with the closing line under them,
        where no more than `spill` would go over to a page of their own."""
        room = lines_room - closing
        fits = int((room + 0.01) // self.spacing)
        over = self.count - fits
        if not self.spill or over <= 0 or over > self.spill or fits < max(self.least, 1):
            return None
        twin = self._copy(fits, self.continued, self.closing)
        return twin if twin.wrap(aw, lines_room + self._label_height())[1] <= lines_room + self._label_height() else None

    def _copy(self, count: int, continued: bool = False, closing: list | None = None) -> "AnswerLines":
        twin = AnswerLines(count, self.spacing, self.colour, self.weight, self.indent, continued, closing)
        twin.carry, twin.top_room = self.carry, self.top_room
        twin.squeeze, twin.spill, twin.least, twin.carried = self.squeeze, self.spill, self.least, self.carried
        twin.ends, twin.fill, twin.dotted = self.ends, self.fill, self.dotted
        if closing is not None:  # only the last part ends the space
            twin.end_label, twin.end_width = self.end_label, self.end_width
        return twin

    def _end_label_width(self) -> float:
        """The room the marks at the last line's end take (with a gap before them), or 0."""
        return self.end_width if self.end_label is not None and self.count else 0

    def draw(self):
        canvas = self.canv
        top = self.height - self._label_height()
        if self._shows_label():
            st = self.carry.style
            assert st is not None
            canvas.setFont(st.fontName, st.fontSize)
            canvas.setFillColor(st.textColor)
            with roles.artifact(canvas):  # "Question 2 continued": a running head, not content
                canvas.drawString(self.indent, self.height - st.fontSize, self.carry.label)
        canvas.saveState()
        canvas.setStrokeColor(HexColor(self.colour))
        canvas.setLineWidth(self.weight * 1.6 if self.dotted else self.weight)
        if self.dotted:  # round dots, as a board's dotted answer lines print
            canvas.setLineCap(1)
            canvas.setDash([0, self.weight * 4])
        label_width = self._end_label_width()
        for i in range(1, self.count + 1):
            y = top - i * self.spacing
            canvas.line(self.indent, y, self.width - (label_width if i == self.count else 0), y)
        canvas.restoreState()
        y = top - self.count * self.spacing
        if label_width and self.end_label is not None:
            self.end_label.wrap(self.width, 1e6)
            self.end_label.drawOn(canvas, 0, y + self.weight + 1)  # standing on the last line's level
        for flowable in self.closing:
            _w, h = flowable.wrap(self.width, 1e6)
            y -= h
            flowable.drawOn(canvas, 0, y)


class NotAlone(Flowable):
    """A closing line ("End of sources") that prints under what it closes, and is left
    out rather than go over to a page of its own (`page_room`: the frame's full height)."""

    def __init__(self, flowable: Flowable, page_room: float):
        super().__init__()
        self.flowable, self.page_room, self._shown = flowable, page_room, True

    def wrap(self, aw, ah):
        width, height = self.flowable.wrap(aw, ah)
        self._shown = height <= ah and ah < self.page_room - 1  # room under what it closes
        self.width, self.height = (width, height) if self._shown else (aw, 0)
        return self.width, self.height

    def draw(self):
        if self._shown:
            self.flowable.drawOn(self.canv, 0, 0)


class SquareBox(Flowable):
    """A square a student writes or ticks in; subclasses draw what the key fills in."""

    def __init__(self, size: float, weight: float = 0.8):
        super().__init__()
        self.size, self.weight = size, weight
        self.width = self.height = size

    def wrap(self, aw, ah):
        return self.size, self.size

    def draw_square(self):
        c = self.canv
        c.setLineWidth(self.weight)
        c.setStrokeColor(HexColor("#000000"))
        c.rect(0, 0, self.size, self.size, stroke=1, fill=0)


class TickBox(SquareBox):
    """An empty square a student ticks; in the key, ticked."""

    def __init__(self, size: float, ticked: bool = False, weight: float = 0.8, tag: AnswerTag | None = None,
                 round: bool = False):
        super().__init__(size, weight)
        self.ticked, self.tag = ticked, tag  # tag: what the box answers, on a page the scanner reads
        self.round = round  # a circle to shade, in the same square (a board's form)

    def draw(self):
        c, s = self.canv, self.size
        if self.round:
            c.setLineWidth(self.weight)
            c.setStrokeColor(HexColor("#000000"))
            c.circle(s / 2, s / 2, s / 2, stroke=1, fill=0)
        else:
            self.draw_square()
        notes = getattr(c, "_studypack_notes", None)
        if self.tag is not None and notes is not None:  # the marking map's rectangle, in page points
            x, y = c.absolutePosition(0, 0)
            notes.append(AnswerBox(self.tag, x, y, s))
        if self.ticked:
            c.setLineWidth(max(1.6, s / 7))
            c.setLineCap(1)
            c.setLineJoin(1)
            path = c.beginPath()
            path.moveTo(s * 0.18, s * 0.52)
            path.lineTo(s * 0.42, s * 0.22)
            path.lineTo(s * 0.86, s * 0.86)
            c.drawPath(path, stroke=1, fill=0)


class HandMarked(Flowable):
    """Nothing on the paper: on a page the scanner reads, where a question a teacher marks
    (a short or extended answer, lines drawn) ends, noted as an `AnswerBox` of no size so
    that the marking map lists it and the annotated copy leaves room for its mark there."""

    def __init__(self, tag: AnswerTag):
        super().__init__()
        self.tag = tag
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        notes = getattr(self.canv, "_studypack_notes", None)
        if notes is not None:
            x, y = self.canv.absolutePosition(0, 0)
            notes.append(AnswerBox(self.tag, x, y, 0))


def opening_only(flowable: Flowable) -> bool:
    """Whether the page `flowable` is being laid out on holds nothing of an exercise yet (a
    question's or a source's part): only its sheet's heading (the title, the name lines, the
    instructions), as the page's notes say."""
    notes = getattr(getattr(flowable, "canv", None), "_studypack_notes", None)
    return notes is not None and not any(isinstance(note, Piece) for note in notes)


class SourceBox(Flowable):
    """A boxed source: heading, optional provenance above, body with line numbers, notes.

    Long sources split across pages; the rest carries the heading "Source B (continued)"
    and keeps counting lines, so "line 12" means the same line on both pages.
    """

    structure = "Sect"  # in a tagged PDF: a section, its heading and text inside it
    PART = "source"

    def __init__(self, heading: Paragraph, continued: Paragraph, body: list[Paragraph],
                 before: list, after: list, *, number_every: int, number_style,
                 padding: float, border: float, border_colour: str, tint: str | None,
                 gutter: float, gap: float, first_line: int = 1, is_continuation: bool = False,
                 page_room: float | None = None, name: str = "", opens: bool = False,
                 paragraphs: bool = False, sentences: bool = False):
        super().__init__()
        self.paragraphs = paragraphs  # it breaks only at a paragraph's end (large print: `source.breaks`)
        self.sentences = sentences  # it breaks only after a line that ends a sentence (see `split`)
        self.page_room, self.name = page_room, name  # the frame's full height; "Source B" for preflight
        self.opens = opens  # it follows a sheet's opening (title, name line, rubric) at the top of its page
        self.lines_here: int | None = None  # lines of text in this piece of a split box
        self.goes_on = False  # a piece of a split box that goes on overleaf
        self.broke_fitting = False  # a piece ending inside a paragraph that would fit a page whole
        self._loose = False  # an insert's page it must start: a paragraph may break though it fits a page
        self.heading, self.continued = heading, continued
        self.body, self.before, self.after = body, before, after
        self.number_every, self.number_style = number_every, number_style
        self.padding, self.border, self.border_colour, self.tint = padding, border, border_colour, tint
        self.gutter, self.gap = gutter, gap
        self.first_line, self.is_continuation = first_line, is_continuation

    def says_continued(self) -> bool:
        """Whether this is a split box's part headed "Source B (continued)" (the preflight)."""
        return self.is_continuation

    # -- geometry
    def _inner(self, aw: float) -> float:
        return aw - 2 * self.padding

    def _parts(self) -> list[tuple[str, object]]:
        head = self.continued if self.is_continuation else self.heading
        parts = [("head", head)] + [("plain", p) for p in self.before]
        parts += [("body", p) for p in self.body] + [("plain", p) for p in self.after]
        return parts

    def _wrap_part(self, role: str, part, inner: float) -> float:
        width = inner - self.gutter if role == "body" else inner
        return part.wrap(width, 1e6)[1]

    def wrap(self, aw, ah):
        self.width = aw
        inner = self._inner(aw)
        self._heights = [self._wrap_part(role, part, inner) for role, part in self._parts()]
        self.height = 2 * self.padding + sum(self._heights) + self.gap * (len(self._heights) - 1)
        return aw, self.height

    def _split(self, aw, ah):
        """Split between or inside any parts (picture, provenance, text, notes), so a box
        taller than a page — large print — still flows; the text keeps its line count.

        As a typesetter would: a box that fits a page but not the rest of this one starts
        the next page (unless it `opens` a sheet, or breaks only at `sentences`, and the page
        would be left over half empty), and so does one set as an insert (`paragraphs`) taller
        than a page where less than half the page is left;
        a split leaves at least `MIN_LINES` lines of text on each side, so the heading and
        provenance never stand alone and no line is carried over alone. The notes under the
        text go over with its last lines where they fit a page with them; where they do not
        (large print) the page is filled, the notes running on, a paragraph broken with
        `NOTE_LINES` on each side, and never the closing note alone on the next page. A box
        that breaks only at `sentences` (dyslexia) breaks after the last line on the page that
        ends a sentence or a paragraph, and keeps its whole text on the page where it fits,
        the notes going on under "(continued)"."""
        self.wrap(aw, ah)
        if self.height <= ah:
            return [self]
        at_top = self.page_room is None or ah >= self.page_room - 1
        # it follows a sheet's opening (or, breaking at sentences, anything) and more than half the page is left
        opening = (self.opens or self.sentences) and self.page_room is not None and ah > OPENING * self.page_room
        if not at_top and not opening and (self.height <= self.page_room or self._insert_waits(ah)):
            # the whole box on the next page (not when the page holds only the sheet's opening),
            # unless it stays under the sheet's heading alone, its picture a little smaller
            return [self] if self._stays_shrunk(aw, ah) else []
        room, best = ah, None
        leading = max((p.style.leading for p in self.body), default=12)
        for _attempt in range(8):
            parts = self._split_at(aw, room)
            if not parts:
                break
            taken, rest = parts
            best = best or parts
            inner = self._inner(aw) - self.gutter
            first = sum(_line_count(p, inner) for r, p in taken if r == "body")
            second = sum(_line_count(p, inner) for r, p in rest if r == "body")
            if self.body and first < MIN_LINES:
                break  # too little of the text would stay on this page
            again = self._room_again(aw, room, taken, rest, second, leading)
            if again is None:
                return self._pieces(taken, rest, aw)
            room = again
        if at_top and best:  # on an empty page any split is better than none
            return self._pieces(*best, aw)
        return []  # all of it goes on to the next page

    def _insert_waits(self, ah) -> bool:
        """Whether an insert (large print) taller than a page starts a fresh one: where less than
        half of this one is left."""
        return self.paragraphs and self.page_room is not None and ah <= OPENING * self.page_room

    def _stays_shrunk(self, aw, ah) -> bool:
        """Whether the box, which fits a page, stays under its sheet's heading (the page holds
        nothing else: a title never stands alone on its page) with its picture a little smaller."""
        return self.page_room is not None and self.height <= self.page_room and opening_only(self) \
            and self._shrunk(aw, ah)

    def _shrunk(self, aw, ah) -> bool:
        """Whether a picture in the box, made a little smaller (see `LabelledImage.shrink`), lets
        the whole box fit in `ah`; nothing is changed where none can."""
        over = self.height - ah
        for part in self.before + self.after:
            if getattr(part, "shrink", None) is None:
                continue
            was = dict(part.__dict__)
            for _attempt in range(3):  # its labels keep their size: a picture shrinks a little less than asked
                if not part.shrink(over + 0.5):
                    break
                over = self.wrap(aw, ah)[1] - ah
                if over <= 0:
                    return True
            part.__dict__.update(was)
            self.wrap(aw, ah)
        return False

    def split(self, aw, ah):
        """As `_split`; an insert (`paragraphs`) that finds no paragraph's end in reach of an empty
        page breaks inside one there (where a sentence ends), rather than never be placed."""
        found = self._split(aw, ah)
        if found or not self.paragraphs or self._loose or (self.page_room is not None and ah < self.page_room - 1):
            return found
        self._loose = True
        try:
            return self._split(aw, ah)
        finally:
            self._loose = False

    def _room_again(self, aw, room: float, taken, rest, second: int, leading: float) -> float | None:
        """The room to try the split in again, where this one (`taken` here, `rest` with `second`
        lines of text on) parts badly; None where it parts well."""
        if self.sentences and second and not self._at_sentence_end(taken):
            return room - self._past_sentence(taken, leading)
        if 0 < second < MIN_LINES:
            return room - leading * (MIN_LINES - second)  # carry enough lines over with the rest
        if second == 0 and self.body and self._notes_fit(aw, leading) and not (self.sentences or self.paragraphs):
            # the notes would be parted from the text, yet they fit a page with its last lines:
            # break the text instead, MIN_LINES before its end (not in an insert, whose text
            # breaks only at a paragraph's or sentence's end: its notes go on under "continued")
            return self._body_end(aw, taken) - leading * MIN_LINES
        short = self._notes_short(aw, rest) if second == 0 else 0
        if short:  # a closing note, or a line or two, would go on alone: carry more with it
            return room - short
        return None

    @staticmethod
    def _at_sentence_end(taken) -> bool:
        """Whether the text in `taken` ends with a paragraph, or a line that ends a sentence."""
        body = [p for r, p in taken if r == "body"]
        if not body or not body[-1].__dict__.get("_studypack_goes_on"):
            return True
        return _last_line_ends_sentence(body[-1])

    def _past_sentence(self, taken, leading: float) -> float:
        """How much less room puts the break after the last line in `taken` that ends a sentence
        (or, where its last paragraph has none, before that paragraph)."""
        piece = [p for r, p in taken if r == "body"][-1]
        lines = piece.blPara.lines
        for back in range(1, len(lines)):
            if _line_ends_sentence(lines[-1 - back]):
                return leading * back
        return leading * len(lines) + self.gap

    def _notes_fit(self, aw, leading: float) -> bool:
        """Whether the notes under the text (provenance, glossary, closing note) fit a page
        of their own with the "continued" heading and the text's last MIN_LINES lines; where
        they do not (large print) they start under the text's last lines and run on."""
        if self.page_room is None:
            return True
        inner = self._inner(aw)
        height = 2 * self.padding + self.continued.wrap(inner, 1e6)[1] + self.gap + leading * MIN_LINES
        height += sum(p.wrap(inner, 1e6)[1] + self.gap for p in self.after)
        return height <= self.page_room

    def _notes_short(self, aw, rest) -> float:
        """How much more of the notes should go over with `rest` (notes only) so that it is not
        their last paragraph alone, nor fewer than MIN_LINES lines: 0 where it is enough."""
        inner = self._inner(aw)
        notes = [p for r, p in rest if r == "after"]
        if not notes or any(r != "after" for r, _p in rest):
            return 0
        lines = sum(_line_count(p, inner) for p in notes)
        leading = notes[0].style.leading
        if lines < MIN_LINES:
            return leading * (MIN_LINES - lines)
        whole = [p for p in self.after if p in notes]  # paragraphs that go over whole, not a piece
        if len(notes) == 1 and whole:
            return leading  # the closing note alone: a line (or the paragraph) before it goes with it
        return 0

    def _body_end(self, aw, taken) -> float:
        """The height from the box's top to the end of the last text in `taken`."""
        inner = self._inner(aw)
        head = self.continued if self.is_continuation else self.heading
        height = self.padding + head.wrap(inner, 1e6)[1] + self.gap
        last = max(i for i, (r, _p) in enumerate(taken) if r == "body")
        for role, part in taken[:last + 1]:
            width = inner - self.gutter if role == "body" else inner
            height += part.wrap(width, 1e6)[1] + self.gap
        return height - self.gap + self.padding + 0.01

    def _split_at(self, aw, ah):
        """The parts that fit in `ah` and the rest, or None when nothing sensible fits."""
        inner = self._inner(aw)
        room = ah - 2 * self.padding
        head = self.continued if self.is_continuation else self.heading
        room -= head.wrap(inner, 1e6)[1] + self.gap
        parts = [("before", p) for p in self.before] + [("body", p) for p in self.body] + [("after", p) for p in self.after]
        taken: list[tuple[str, object]] = []
        rest = list(parts)
        while rest:
            role, part = rest[0]
            width = inner - self.gutter if role == "body" else inner
            h = part.wrap(width, 1e6)[1]
            if h <= room:
                taken.append(rest.pop(0))
                room -= h + self.gap
                continue
            # a caption moves whole unless it is the first thing on the page; a note paragraph
            # breaks only where both of its parts have NOTE_LINES lines
            whole = (bool(taken) and self._kept(role, room)) or self._fits_page(role, h)
            pieces = self._part_pieces(role, part, width, room, whole=whole,
                                       anywhere=not any(r == "body" for r, _p in taken)
                                       and self._taller_than_page(h, head.height), following=rest[1:])
            if len(pieces) == 2:
                taken.append((role, pieces[0]))
                rest[0] = (role, pieces[1])
            break
        if self.paragraphs:  # a lead-in ("Kamenev said at his trial:") goes on with what it introduces
            while len(taken) > 1 and rest and _leads_in(taken[-1][1]):
                rest.insert(0, taken.pop())
        if not taken or not rest:
            return None
        return taken, rest

    def _kept(self, role: str, room: float) -> bool:
        """Whether a part that does not fit `room` goes on whole: a caption or note (not the
        text); with `paragraphs` (large print) a paragraph of the text or notes too, unless that
        would leave more than PARAGRAPH_GAP of the page empty."""
        if not self.paragraphs or role == "before":
            return role != "body"
        return self.page_room is None or room < PARAGRAPH_GAP * self.page_room

    def _fits_page(self, role: str, height: float) -> bool:
        """Whether a paragraph of an insert's text (`paragraphs`, large print) `height` tall goes on
        whole to the next page, as it fits one under "(continued)": an insert breaks at a
        paragraph's end, inside one only where it is taller than a page."""
        if not self.paragraphs or role != "body" or self._loose:
            return False
        return not self._taller_than_page(height, self.continued.wrap(self._inner(self.width), 1e6)[1])

    def _taller_than_page(self, height: float, head: float) -> bool:
        """Whether a part `height` tall cannot stand whole on any page under a heading `head` tall."""
        return self.page_room is None or height > self.page_room - 2 * self.padding - head - self.gap

    def _part_pieces(self, role: str, part, width: float, room: float, whole: bool, anywhere: bool = True,
                     following: list | None = None) -> list:
        """The part that does not fit in `room` split (two pieces), or [] where it goes on whole:
        a note paragraph with NOTE_LINES each side; with `paragraphs` (large print) a paragraph of
        the text or notes only where going on whole would leave a large gap (see `_kept`), and only where a
        sentence ends a line there, unless it may part `anywhere` (a paragraph taller than a page,
        first of the text on its page: where a sentence ends if one can, else where the room ends);
        of the sentence ends, the one that leaves the less room empty on this page or the next,
        the parts `following` it there (see `_gap_after`)."""
        if role == "after" and isinstance(part, Paragraph) and whole and not self.paragraphs:
            return _split_note(part, width, room)
        if self.paragraphs and not whole and isinstance(part, Paragraph) and role != "before":  # at a sentence's end
            return self._sentence_split(part, width, room, anywhere, following or [])
        return part.split(width, room) if hasattr(part, "split") and not whole and room > 0 else []

    def _sentence_split(self, para: Paragraph, width: float, room: float, anywhere: bool, following: list) -> list:
        """`para` parted at the sentence end that leaves the least of a page empty, on this page
        or on the next (its rest and the `following` parts there), the later of two as good; where
        no sentence ends in `room`, as `_split_sentence` parts it."""
        best, least = [], 2.0
        for pieces in _sentence_splits(para, width, room):
            here = (room - pieces[0].wrap(width, 1e6)[1]) / self.page_room if self.page_room else 0.0
            if here >= least:
                break  # earlier ends only leave this page emptier
            worst = max(here, self._gap_after([("body", pieces[1]), *following], self._inner(self.width)))
            if worst < least - 0.01:
                best, least = pieces, worst
        return best or _split_sentence(para, width, room, anywhere)

    def _gap_after(self, rest: list, inner: float) -> float:
        """The share of the next page a box going on with `rest` leaves empty where it breaks again
        (0 where it ends there, or where its notes run on: they fill the page)."""
        if self.page_room is None:
            return 0.0
        room = self.page_room - 2 * self.padding - self.continued.wrap(inner, 1e6)[1] - self.gap
        for role, part in rest:
            width = inner - self.gutter if role == "body" else inner
            height = part.wrap(width, 1e6)[1]
            if height <= room:
                room -= height + self.gap
                continue
            if role != "body" or not isinstance(part, Paragraph):
                return 0.0
            found = next(_sentence_splits(part, width, room), None)
            return (room - found[0].wrap(width, 1e6)[1] if found else room) / self.page_room
        return 0.0

    def _pieces(self, taken, rest, aw) -> list:
        inner = self._inner(aw)

        def pick(items, role):
            return [p for r, p in items if r == role]

        lines_taken = sum(_line_count(p, inner - self.gutter) for p in pick(taken, "body"))
        first = self._clone(pick(taken, "body"), pick(taken, "before"), pick(taken, "after"),
                            self.first_line, self.is_continuation)
        second = self._clone(pick(rest, "body"), pick(rest, "before"), pick(rest, "after"),
                             self.first_line + lines_taken, True)
        for piece, lines in ((first, lines_taken), (second, sum(_line_count(p, inner - self.gutter)
                                                                for p in pick(rest, "body")))):
            piece.lines_here = lines
        first.goes_on = True
        first.broke_fitting = self.paragraphs and self._broke_fitting(taken, rest, inner)
        # the rest goes to the next page even when the first part came out shorter than the
        # room (its last lines kept with the notes): never a "continued" box on the same page
        return [first, FrameBreak(), second]

    def _broke_fitting(self, taken, rest, inner: float) -> bool:
        """Whether the break parts a paragraph of the text that would stand whole on a page under
        "(continued)" (in an insert, large print, a break a typesetter marks)."""
        (role, last), (_next_role, following) = taken[-1], rest[0]
        if role != "body" or not last.__dict__.get("_studypack_goes_on") or self.page_room is None:
            return False
        width = inner - self.gutter
        height = last.wrap(width, 1e6)[1] + following.wrap(width, 1e6)[1]
        return not self._taller_than_page(height, self.continued.wrap(inner, 1e6)[1])

    def _clone(self, body, before, after, first_line, is_continuation) -> "SourceBox":
        return SourceBox(self.heading, self.continued, body, before, after,
                         number_every=self.number_every, number_style=self.number_style,
                         padding=self.padding, border=self.border, border_colour=self.border_colour,
                         tint=self.tint, gutter=self.gutter, gap=self.gap,
                         first_line=first_line, is_continuation=is_continuation,
                         page_room=self.page_room, name=self.name, paragraphs=self.paragraphs,
                         sentences=self.sentences)

    # -- drawing
    def draw(self):
        c = self.canv
        notes = getattr(c, "_studypack_notes", None)
        if notes is not None and self.lines_here is not None and self.body:  # a piece of a split source
            notes.append(SourceLines(self.name, self.lines_here))
        if notes is not None and self.goes_on:
            notes.append(SourceBreak(self.name, self._ends_sentence(), self.paragraphs and self._ends_paragraph(),
                                     self.broke_fitting))
        if self.tint:
            c.setFillColor(HexColor(self.tint))
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if self.border:
            c.setStrokeColor(HexColor(self.border_colour))
            c.setLineWidth(self.border)
            c.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        inner = self._inner(self.width)
        y = self.height - self.padding
        line = self.first_line
        for (role, part), h in zip(self._parts(), self._heights):
            y -= h
            x = self.padding + (self.gutter if role == "body" else 0)
            part.drawOn(c, x, y)
            if role == "body":
                line = self._number_lines(part, y + h, line, inner)
            y -= self.gap

    def _ends_sentence(self) -> bool:
        """Whether this piece's text ends at a sentence's end (or before the text, or after it)."""
        if not self.body or self.after or not self.body[-1].__dict__.get("_studypack_goes_on"):
            return True  # it ends before the text, after it, or with a whole paragraph
        return _last_line_ends_sentence(self.body[-1])

    def _ends_paragraph(self) -> bool:
        """Whether this piece ends with a whole paragraph of its text or notes (or before the text)."""
        last = (self.body + self.after)[-1:]
        return not last or not last[0].__dict__.get("_studypack_goes_on")

    def _number_lines(self, para: Paragraph, top: float, line: int, inner: float) -> int:
        count = _line_count(para, inner - self.gutter)
        if not self.number_every:
            return line + count
        style = self.number_style
        size, leading = para.style.fontSize, para.style.leading
        c = self.canv
        c.setFont(style.fontName, style.fontSize)
        c.setFillColor(style.textColor)
        with roles.artifact(c):  # a line number is for finding the line, not read with it
            for k in range(count):
                number = line + k
                if number % self.number_every == 0:
                    baseline = top - size - k * leading
                    c.drawRightString(self.padding + self.gutter * 0.6, baseline, str(number))
        return line + count


def _last_line_ends_sentence(para: Paragraph) -> bool:
    """Whether `para`'s last line (as last wrapped) ends a sentence."""
    lines = getattr(getattr(para, "blPara", None), "lines", [])
    return bool(lines) and _line_ends_sentence(lines[-1])


def _last_words(para: Paragraph) -> str:
    """The last few words of `para`'s last line (as last wrapped)."""
    lines = getattr(getattr(para, "blPara", None), "lines", [])
    if not lines:
        return ""
    line = lines[-1]
    words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in getattr(line, "words", [])]
    return " ".join(str(w) for w in words).strip()[-40:]


def _line_ends_sentence(line) -> bool:
    words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in getattr(line, "words", [])]
    said = " ".join(str(w) for w in words).rstrip().rstrip("\"'\u2019\u201d)]")
    return said.endswith((".", "!", "?", ":", ";", "\u2026"))  # "…": an omission ends where a sentence does


MIN_LINES = 3  # lines of a source's text a page break leaves on either side
NOTE_LINES = 2  # lines of a provenance or note paragraph a page break leaves on either side
PARAGRAPH_GAP = 0.25  # large print: a paragraph breaks (where a sentence ends, if one can) rather than leave a quarter of a page empty
OPENING = 0.5  # a sheet's first source splits, rather than move on, where more than this share of the page is left


def _split_note(para: Paragraph, width: float, room: float) -> list:
    """A note paragraph in two parts of at least NOTE_LINES lines, the first within `room`;
    [] where it cannot part so."""
    lines, leading = _line_count(para, width), para.style.leading
    here = min(int((room + 0.01) // leading), lines - NOTE_LINES)
    if here < NOTE_LINES:
        return []
    pieces = para.split(width, here * leading + 0.01)
    if len(pieces) != 2 or min(_line_count(p, width) for p in pieces) < NOTE_LINES:
        return []
    return pieces


def _split_sentence(para: Paragraph, width: float, room: float, anywhere: bool = True) -> list:
    """A paragraph parted where a sentence ends, the first part within `room` and MIN_LINES
    lines at least each side, as late as it can (see `_sentence_splits`); where no sentence ends
    there, where the room ends if it may part `anywhere`, else not at all ([]: it goes on whole)."""
    found = next(_sentence_splits(para, width, room), None)
    if found:
        return found
    return para.split(width, room) if anywhere else []


def _sentence_splits(para: Paragraph, width: float, room: float):
    """Each way to part the paragraph where a sentence ends, the latest first, the first part
    within `room` and MIN_LINES lines at least each side: where its own markup is known, its
    text parted after the sentence (the page's last line short where the sentence ends inside a
    line: `views.paragraph.Paragraph.sentence_parts`); else after a line that ends one."""
    lines, leading = _line_count(para, width), para.style.leading
    most = min(int((room + 0.01) // leading), lines - MIN_LINES)
    parts = para.sentence_parts() if isinstance(para, TextParagraph) else None
    if parts is not None:
        for before, after in parts:
            if MIN_LINES <= _line_count(before, width) <= most and _line_count(after, width) >= MIN_LINES:
                yield [before, after]
        return
    for here in range(most, MIN_LINES - 1, -1):
        pieces = para.split(width, here * leading + 0.01)
        if len(pieces) == 2 and _ends_sentence(pieces[0], width):
            yield pieces


def _ends_sentence(para: Paragraph, width: float) -> bool:
    """Whether the paragraph's last printed line ends a sentence (or an omission, "[…]")."""
    para.wrap(width, 1e6)
    last = para.blPara.lines[-1] if para.blPara.lines else None
    words = last[1] if isinstance(last, tuple) else [getattr(w, "text", "") for w in getattr(last, "words", [])]
    tail = " ".join(str(w) for w in words).rstrip().rstrip("”\"’)")
    return tail.endswith((".", "?", "!", "…", "]"))


def _leads_in(part) -> bool:
    """A paragraph that introduces the next ("Kamenev said at his trial:")."""
    words = getattr(part, "text", None)
    return isinstance(part, Paragraph) and isinstance(words, str) and words.rstrip().endswith(":")


def _line_count(para: Paragraph, width: float) -> int:
    if not hasattr(para, "blPara") or para.width != width:
        para.wrap(width, 1e6)
    return len(para.blPara.lines)


PIECES = 8  # the most pieces a page break cuts one flowable into (a table's parts, a break, a heading)
MAX_PAGES = 2000  # far beyond any pack; a document that grows past it is stuck in a loop


class FittingDocTemplate(BaseDocTemplate):
    """A document that never gives up on a block taller than a page.

    Platypus raises LayoutError when a flowable can neither fit on an empty page nor
    split. Here such a block gets a second chance on its fresh page: a table is allowed
    to split inside a row; anything else is shrunk to fit the page. Either way a warning
    says which file and page. A runaway document stops at MAX_PAGES with an error.
    """

    warn: Callable[[str], None] | None = None
    label = "document"

    _owner: exercises.Exercise | None = None  # the exercise of the flowable being placed (see handle_flowable)
    _last_owner: exercises.Exercise | None = None  # that of the last flowable placed with something to show
    _page_started = False  # whether the page holds something to show yet

    def _goes_on(self, flowable) -> exercises.Exercise | None:
        """The exercise `flowable`, first of its page, goes on with from the page before, saying
        nothing of it (a key's list or table overleaf: see `exercises.Exercise.carry`), or None. A
        sub-question's stem does not, its own number ("3(b)", "04.4") saying whose it is, but in
        a parts question, whose shared stem is on the page before (see `exercises.going_on`)."""
        if self._page_started or isinstance(flowable, (Spacer, ActionFlowable, SheetStart)) \
                or exercises.says_continued(flowable):
            return None
        stem = exercises.part(flowable) == "stem"  # (a stem's own carry is for a prompt taller than a page)
        labelled = not stem and getattr(getattr(flowable, "carry", None), "shown", False)  # "Question 4(c) continued"
        return exercises.going_on(self._owner, self._last_owner, stem, labelled)

    _placed_to: float | None = None  # where on the page the last flowable placed ends (frame y)
    _inked_to: float | None = None  # … the last that prints

    def afterFlowable(self, flowable):
        notes = getattr(self.canv, "_studypack_notes", None)
        frame = getattr(self, "frame", None)
        shows = not isinstance(flowable, (Spacer, ActionFlowable, SheetStart))
        height = 0.0
        if frame is not None and not isinstance(flowable, ActionFlowable):
            top = self._placed_to if self._placed_to is not None else frame._y2 - frame._topPadding
            height, self._placed_to = max(0.0, top - frame._y), frame._y
            if shows:
                self._inked_to = frame._y
        if notes is not None:  # what the page holds, for the preflight
            style = getattr(getattr(flowable, "style", None), "name", "")
            style = style if isinstance(style, str) else ""
            notes.append(Holds(type(flowable), style))
            owner = None if exercises.is_apart(flowable) else exercises.owner(flowable) or self._owner
            if owner is not None and shows:
                rest = isinstance(flowable, TextParagraph) and bool(flowable.__dict__.get("_studypack_carried"))
                notes.append(Piece(owner.key, owner.name, exercises.part(flowable), exercises.says_continued(flowable),
                                   height, rest))
            if isinstance(flowable, TextParagraph) and flowable.__dict__.get("_studypack_goes_on") \
                    and not _last_line_ends_sentence(flowable):
                notes.append(Broken(style, _last_words(flowable)))
        if shows:
            self._last_owner, self._page_started = exercises.owner(flowable) or self._owner, True
        if isinstance(flowable, SheetStart):
            self._run_page(flowable.info)

    _run: object = None  # what the pages are numbered through (a sheet, or a cover and its paper)
    _run_from = 1  # the document's page its first page is

    def _run_page(self, sheet: dict | None) -> None:
        """The run `sheet` starts (unless it goes on with the one before) begins on this page:
        the canvas knows each page's number in its run (as its footer says it, "Page 4 of 11"),
        so a question set across a spread starts a left-hand page (see `keeping._KeepStart`)."""
        run = (sheet or {}).get("run") or id(sheet)
        if run != self._run:
            self._run, self._run_from = run, self.page
        self.canv._studypack_run_page = self.page - self._run_from + 1

    def handle_pageEnd(self):
        notes = getattr(self.canv, "_studypack_notes", None)
        frame = getattr(self, "frame", None)
        if notes is not None and frame is not None:  # how much of the page its content takes (preflight)
            top = frame._y2 - frame._topPadding
            inked = top - self._inked_to if self._inked_to is not None else 0.0
            notes.append(Used(top - frame._y, inked))
        super().handle_pageEnd()

    def handle_pageBegin(self):
        self._page_started = False
        self._placed_to = self._inked_to = None
        if self.page >= MAX_PAGES:
            raise StudypackError(said("term.flow-too-many-pages", "{file} runs past {most} pages: shorten the pack or split "
                                      "it", file=self.label, most=MAX_PAGES))
        super().handle_pageBegin()
        self.canv._studypack_run_page = self.page - self._run_from + 1

    def handle_flowable(self, flowables):
        first = flowables[0] if flowables else None
        self._owner = exercises.owner(first)
        going = self._goes_on(first)
        if going is not None and going.carry.shown:
            # its "Question N continued" line is placed first, so what goes on is fitted (split,
            # a tall row parted) in the room under it, not in the page it would have alone
            flowables[0]._studypack_opens_page = True  # only this line above it: a page of its own
            first = exercises.announces(TextParagraph(going.carry.label, going.carry.style))
            exercises.adopt(first, self._owner)
            flowables.insert(0, first)
        elif going is self._owner and going is not None and _carried_whole(first):
            # a table of it going on whole, away from its stem, says whose it is (its own carry)
            first.heading = TextParagraph(first.carry.label, first.carry.style)
        table = _table_in(first)
        if table is not None and not getattr(table, "splitInRow", 0) and not getattr(first, "_row_checked", False) \
                and not getattr(first, "breaks_itself", False):  # a stem taller than a page breaks as its own class says
            self._split_tall_rows(first, table)
        if first is not None and getattr(first, "_postponed", False) and not isinstance(first, ActionFlowable):
            flowables[0:1] = self._make_fit(first)
            first = flowables[0]
        if isinstance(first, Spacer) and first.height > self.frame._y - self.frame._y1p \
                and all(isinstance(f, NotAlone) for f in flowables[1:]):
            del flowables[0]  # the story's last gap (but for a closing line that would not print
            self._owner = None  # alone), past a full page's foot: it never makes a blank page
            return
        following = flowables[1] if len(flowables) > 1 else None
        try:
            super().handle_flowable(flowables)
        finally:
            for piece in flowables[:PIECES]:  # what a break cut `first` into belongs to its exercise
                if piece is following:
                    break
                exercises.adopt(piece, self._owner)
            self._owner = None

    def _split_tall_rows(self, flowable, table) -> None:
        """A table with a row taller than a whole page may split inside rows, starting right here
        (other tables keep their rows whole and move them to the next page)."""
        flowable._row_checked = True
        frame = self.frame
        flowable.wrapOn(self.canv, frame._getAvailableWidth(), frame._aH)
        heights = getattr(table, "_rowHeights", None) or []
        if heights and max(heights) > frame._aH:
            table.splitInRow = 1
            self._warn(said("term.flow-row-split", "a table row is taller than a page: it is split across pages"))

    def _make_fit(self, flowable) -> list:
        """What goes on in place of `flowable`, which fits no page as it is."""
        frame, canv = self.frame, self.canv
        aw, ah = frame._getAvailableWidth(), frame._y - frame._y1p
        if frame.split(flowable, canv):
            return [flowable]
        _w, h = flowable.wrapOn(canv, aw, ah)
        if h <= ah + 0.01:
            return [flowable]
        table = _table_in(flowable)
        if table is not None and not getattr(table, "splitInRow", 0):
            table.splitInRow = 1
            if frame.split(flowable, canv):
                self._warn(said("term.flow-row-split", "a table row is taller than a page: it is split across pages"))
                return [flowable]
        if isinstance(flowable, KeepTogether):  # blocks kept together fit no page: they go on (and fit) one by one
            return list(flowable._content)
        self._warn(said("term.flow-shrunk", "{what} is taller than a page: printed at {share}% of its size",
                        what=_describe(flowable), share=f"{max(ah / h, 0.01) * 100:.0f}"))
        return [KeepInFrame(aw, ah, [flowable], mode="shrink", vAlign="TOP")]

    def _warn(self, message: str) -> None:
        if self.warn is not None:
            self.warn(said("term.flow-at-page", "{file}, page {n}: {message}", self.page, file=self.label, message=message))


def _carried_whole(flowable) -> bool:
    """Whether `flowable` is a table that prints a "continued" line over a part of it carried to a
    new page (`toolkit.Indented`, its `carry` shown) and has none over it yet. A stem is not: it
    begins its question or sub-question ("03.2" at a page's top says whose it is, and nothing of
    that part goes on), so it never prints "Question 03.2 continued" before the part has begun."""
    carry = getattr(flowable, "carry", None)
    return (isinstance(carry, Carry) and carry.shown and "heading" in flowable.__dict__ and flowable.heading is None
            and exercises.part(flowable) != "stem")


def _table_in(flowable) -> Table | None:
    if isinstance(flowable, Table):
        return flowable
    inner = getattr(flowable, "table", None)
    return inner if isinstance(inner, Table) else None


def _describe(flowable) -> str:
    if isinstance(flowable, SourceBox):
        return said("term.flow-source-box", "a source box")
    if isinstance(flowable, AnswerLines):
        return said("term.flow-answer-lines", "a block of answer lines")
    if isinstance(flowable, Image):
        return said("term.flow-picture", "a picture")
    if _table_in(flowable) is not None:
        return said("term.flow-table", "a table")
    if isinstance(flowable, Paragraph):
        return said("term.flow-paragraph", "a paragraph")
    return said("term.flow-block", "a block")
