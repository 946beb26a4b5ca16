"""The public composition toolkit every view builds from: tables set in by the question
number's column, columns that share the width or fit their longest word, full-width stems,
measuring words in their print font, and marking a part that leads into the answer space.

Views use these names and no other module's private ones."""

from __future__ import annotations

import re

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, Flowable, KeepTogether, Table

from studypack.views import exercises
from studypack.views.flowables import AnswerLines
from studypack.views.notes import OptionsSplit
from studypack.views.paragraph import Paragraph
from studypack.views.split_state import ANYWHERE, Carry, Role, Standing, given, leads
from studypack.views.working import WorkingSpace

GRID = HexColor("#9a9a9a")  # the rule colour of grids to complete and inference boxes
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


_BREAKS = re.compile(r"[^\S\xa0]+")  # where a line may break: any white space but the no-break space


def fonts_width(label: str, style: ParagraphStyle) -> float:
    return stringWidth(label, style.fontName, style.fontSize)


def widest_word(cell) -> float:
    """The widest thing in a table cell that cannot be broken: its longest word in the
    font and size it prints in, or a drawn box's width."""
    if cell is None or isinstance(cell, str):
        return max((stringWidth(w, "Helvetica", 10) for w in (cell or "").split()), default=0)
    if isinstance(cell, (list, tuple)):
        return max((widest_word(c) for c in cell), default=0)
    if isinstance(cell, Paragraph):
        widest, indent = 0.0, cell.style.leftIndent
        for frag in cell.frags:
            box = getattr(frag, "cbDefn", None)  # a formula, with the words glued to it: one word
            if box is not None:
                widest = max(widest, getattr(box, "width", 0) or 0)
                continue
            for word in _BREAKS.split(getattr(frag, "text", "") or ""):  # a no-break space joins: one word
                widest = max(widest, stringWidth(word, frag.fontName, frag.fontSize))
        return widest + indent + 0.5
    if isinstance(cell, AnswerLines):
        return 0  # ruled lines take any width
    if isinstance(cell, OnBaseline):
        return widest_word(cell.label)
    return getattr(cell, "width", 0) or 0  # a tick box or letter box: its drawn size


def column_minimums(table: Table) -> list[float]:
    """Per column, the width its widest word (plus the cell's padding) needs, so no word
    is broken inside a cell: spanned cells are left out."""
    spanned = set()
    rows, cols = len(table._cellvalues), len(table._cellvalues[0]) if table._cellvalues else 0
    for _cmd, (c0, r0), (c1, r1) in getattr(table, "_spanCmds", []):
        c0, c1 = c0 % cols, c1 % cols
        r0, r1 = r0 % rows, r1 % rows
        spanned |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    mins = [0.0] * cols
    for r, row in enumerate(table._cellvalues):
        for c, cell in enumerate(row):
            if (r, c) in spanned:
                continue
            st = table._cellStyles[r][c]
            need = widest_word(cell)
            if need:
                mins[c] = max(mins[c], need + st.leftPadding + st.rightPadding)
    return mins


def fit_columns(spec, mins, room: float) -> list[float]:
    """Column widths: fixed ones (set for 10.5 pt) raised to what their words need, free
    ones (None) share the rest, none below its own need where the room allows."""
    widths: list = [max(w, m) if w is not None else None for w, m in zip(spec, mins)]
    free = [i for i, w in enumerate(widths) if w is None]
    left = room - sum(w for w in widths if w is not None)
    if free:
        share = left / len(free)
        needy = [i for i in free if mins[i] > share]
        while needy and len(needy) < len(free):
            for i in needy:
                widths[i] = mins[i]
            free = [i for i in free if i not in needy]
            left = room - sum(w for w in widths if w is not None)
            share = left / len(free)
            needy = [i for i in free if mins[i] > share]
        for i in free:
            widths[i] = max(share, 0)
    return widths


SUBSTANTIAL = 3  # lines of its text: a row this tall may stay alone under its stem and heading


def _leading(table: Table) -> float:
    """The line height of the text in `table`'s cells (the largest), or 1e6 if none."""
    found = [p.style.leading for row in table._cellvalues for cell in row
             for p in (cell if isinstance(cell, (list, tuple)) else [cell]) if isinstance(p, Paragraph)]
    return max(found, default=1e6)


class Indented(Flowable):
    """A table set in from the left by the question-number column; splits like a table.
    Columns are never narrower than their longest word (large print).

    Where the composer has given it the frame's full height (`page_room`) it breaks only
    between rows at a natural point: never fewer than `least` rows (after any repeated header)
    on either side (but one row `SUBSTANTIAL` lines tall may stay under its stem, and rows that
    lead into an answer space count it as one of theirs), and only after a whole group of
    `group` rows (a label and the room under it); where no such point is on this page it goes on whole to the next (unless it starts a
    page, where it takes what fits: see `Standing`). Rows carried to a new page print what its
    `carry` says ("Question 2 continued") above them. A short table may leave one row before a
    break where it carries `least` (three rows: 1 + 2), except where it keeps `least` on both
    sides (`both_sides`: a key's tables, where one row at a page's foot is a runt) and fits a
    page (one taller than a page breaks as any table does, so it always finds a break); rows
    going on with the "Why:" under them (`Standing.explained`) are never alone: one may go."""

    PART = "table"
    page_room: float | None = None
    least = 2
    both_sides = False
    group = 1
    carry = Carry()

    def __init__(self, table: Table, indent: float, top: float = 0, spec=None, mins=None, bottom: float = 0):
        super().__init__()
        self.table, self.indent, self.top, self.bottom = table, indent, top, bottom
        self.spec = spec or list(table._argW)
        self.mins = mins if mins is not None else column_minimums(table)
        self.heading: Flowable | None = None  # the "continued" line over a carried part

    lead: Flowable | None = None  # a label heading its first part ("Examples of creditworthy answers:"), no "continued"

    def says_continued(self) -> bool:
        """Whether a "continued" line heads this part (the preflight, and the document, which puts
        "Question N continued" over a part going on that says nothing of it): not a `lead` label."""
        return self.heading is not None and self.heading is not self.lead

    def _fit(self, aw):
        self.table._argW = self.table._colWidths = fit_columns(self.spec, self.mins, aw - self.indent)

    def _heading_height(self, aw) -> float:
        if self.heading is None:
            return 0.0
        _w, h = self.heading.wrap(aw - self.indent, 1e6)
        return self.heading.getSpaceBefore() + h + max(2, self.heading.getSpaceAfter())

    def wrap(self, aw, ah):
        self._fit(aw)
        w, h = self.table.wrap(aw - self.indent, ah)
        self.width, self.height = aw, h + self.top + self.bottom + self._heading_height(aw)
        return aw, self.height

    def _piece(self, table: Table, first: bool, last: bool) -> "Indented":
        return Indented(table, self.indent, self.top if first else 0, self.spec, self.mins,
                        self.bottom if last else 0)

    def breaks_against(self, page_room: float, carry: Carry) -> None:
        """Break only at natural points of a page `page_room` high, parts carried over
        printing `carry` above them (given by the composer to a question's tables)."""
        self.page_room, self.carry = page_room, carry

    def _pieces(self, parts: list) -> list:
        out = []
        for i, part in enumerate(parts):
            piece = self._piece(part, i == 0, i == len(parts) - 1)
            piece.page_room, piece.least, piece.group, piece.carry = self.page_room, self.least, self.group, self.carry
            piece.both_sides = self.both_sides
            if i == 0:
                piece.heading, piece.lead = self.heading, self.lead
            elif self.carry.shown:
                piece.heading = Paragraph(self.carry.label, self.carry.style)
            out.append(piece)
        return out

    def split(self, aw, ah):
        return self.split_in(aw, ah, ANYWHERE)

    def split_in(self, aw, ah, standing: Standing) -> list:
        """`split`, knowing where the question it is in stands (it may start a page)."""
        self._fit(aw)
        room = ah - self.top - self._heading_height(aw)
        if self.page_room is None:
            return self._pieces(self.table.split(aw - self.indent, room))
        return self._row_split(aw, ah, room, standing)

    def _row_split(self, aw, ah, room, standing: Standing) -> list:
        assert self.page_room is not None
        table = self.table
        table.wrap(aw - self.indent, room)
        heights = list(table._rowHeights)
        head = table.repeatRows if isinstance(table.repeatRows, int) else 0
        body = heights[head:]
        # a page of its own, or one the document opened with its "Question N continued" line alone
        own_page = ah >= self.page_room - 1 or bool(self.__dict__.get("_studypack_opens_page"))
        fit, used = 0, sum(heights[:head])
        while fit < len(body) and used + body[fit] <= room:
            used += body[fit]
            fit += 1
        # the rows carried over are never fewer than `least`; those left here neither, where
        # the table has rows enough for both (three rows part 1 + 2). Where it has nowhere
        # better to go (a page of its own, or under the stem of a question that opens a
        # page) it keeps what fits, a whole group at least, and carries at least two rows
        # where it can, never a repeated header over one row alone
        # rows that lead into an answer space (events over their boxes) take it with them: it
        # counts as one of the rows carried
        least = max(1, self.least - 1) if leads(self) else self.least
        both = self._both_kept(heights, own_page, standing)
        if own_page or standing.page_start and not both:
            carried, kept = min(least, len(body) - 1 if head else len(body) // 2), 1
        else:
            carried = 1 if standing.explained else least
            kept = self.least if both else min(self.least, len(body) - carried)
        # one row this tall is no token remainder under its stem; but events over their boxes
        # keep two at least, as a reader compares them (one event alone under its stem is cut
        # off), and so does a key's table that fits a page (one row at a page's foot is a runt)
        tall = float("inf") if leads(self) or both else SUBSTANTIAL * _leading(table)
        k = fit
        while k > 0 and (k < kept and sum(body[:k]) < tall or len(body) - k < carried or k % self.group):
            k -= 1
        if k <= 0 or k >= len(body):
            if not own_page:
                return []  # no natural break on this page: it goes on whole
            return self._pieces(table.split(aw - self.indent, room))  # taller than a page: what fits
        parts = table.split(aw - self.indent, sum(heights[:head + k]) + 0.01)
        if len(parts) != 2:
            return [] if not own_page else self._pieces(table.split(aw - self.indent, room))
        return self._pieces(parts)

    def _both_kept(self, heights: list[float], own_page: bool, standing: Standing) -> bool:
        """Whether this break keeps `least` rows on both sides: a key's table that fits a page,
        where it has somewhere better to go than part 1 + 2: under the stem of a question that
        starts a page too (the table goes on whole, on a page it starts), but not on a page the
        table starts, nor under its question's "continued" line alone (going on from there
        would find the same page again), nor where its last rows go over with the "Why:" they
        lead into."""
        assert self.page_room is not None
        return self.both_sides and sum(heights) + self.top + self.bottom <= self.page_room \
            and not (own_page or standing.cornered)

    def draw(self):
        if self.heading is not None:
            _w, h = self.heading.wrap(self.width - self.indent, 1e6)
            self.heading.drawOn(self.canv, self.indent, self.height - self.top - self.heading.getSpaceBefore() - h)
        self.table.drawOn(self.canv, self.indent, self.bottom)


class Bands(Indented):
    """A mark scheme's bands stacked one under another (large print: each band one row, its head
    "Level 4 · 7–8 marks" over its descriptor). It breaks between bands as any question's table;
    where no band ends in the room, inside the band that does not fit, after one of its
    sentences (or between its paragraphs), two lines at least each side, the band's head said
    again over the rest ("Level 4 · 7–8 marks (continued)", `again`, by the head's id), so a
    page is not left half empty before a question whose first band is taller than the room."""

    def __init__(self, table: Table, indent: float, again: dict, style, top: float = 0, spec=None, mins=None,
                 bottom: float = 0):
        super().__init__(table, indent, top, spec, mins, bottom)
        self.again, self.style = again, style  # `style`: the table's, for the halves of a band parted

    def _piece(self, table: Table, first: bool, last: bool) -> "Indented":
        return Bands(table, self.indent, self.again, self.style, self.top if first else 0, self.spec, self.mins,
                     self.bottom if last else 0)

    def _row_split(self, aw, ah, room, standing: Standing) -> list:
        pieces = super()._row_split(aw, ah, room, standing)
        if pieces:
            return pieces
        return self._pieces(self._in_band(aw - self.indent, room))

    def _in_band(self, width: float, room: float) -> list:
        """The table in two, parted inside the first band that does not fit `room`; [] where that
        band has no sentence end (or paragraph end) with two lines at least each side."""
        table = self.table
        table.wrap(width, room)
        heights, cells = list(table._rowHeights), [row[0] for row in table._cellvalues]
        n, used = 0, 0.0
        while n < len(heights) and used + heights[n] <= room:
            used, n = used + heights[n], n + 1
        if n >= len(cells) or not isinstance(cells[n], (list, tuple)) or id(cells[n][0]) not in self.again:
            return []
        style = table._cellStyles[n][0]
        inner = table._colWidths[0] - style.leftPadding - style.rightPadding
        parted = _band_parted(list(cells[n]), inner, room - used - style.topPadding - style.bottomPadding)
        if parted is None:
            return []
        here, rest = parted
        markup, head_style = self.again[id(cells[n][0])]
        carried = [Paragraph(markup, head_style), *rest]
        halves = [Table([[c] for c in [*cells[:n], here]], colWidths=[table._colWidths[0]]),
                  Table([[c] for c in [carried, *cells[n + 1:]]], colWidths=[table._colWidths[0]])]
        for half in halves:
            half.setStyle(self.style)
        return halves


def _band_parted(cell: list, width: float, room: float) -> tuple[list, list] | None:
    """A band's cell (its head, then its descriptor's paragraphs) parted to fit `room`: what stays
    (the head and two lines at least) and what goes on (two lines at least); None where it parts
    nowhere so."""
    head, paras = cell[0], cell[1:]
    left = room - _tall(head, width)
    kept = 0.0  # lines of the descriptor that stay
    for i, para in enumerate(paras):
        h = _tall(para, width)
        lead = getattr(getattr(para, "style", None), "leading", 1e6)
        if h <= left:
            left, kept = left - h, kept + h / lead
            continue
        rest = paras[i + 1:]
        for before, after in (para.sentence_parts() or []) if isinstance(para, Paragraph) else []:
            if _tall(before, width) <= left and kept + _tall(before, width) / lead >= 2 - 0.01 \
                    and _tall(after, width) / lead >= 2 - 0.01:
                return [head, *paras[:i], before], [after, *rest]
        if kept >= 2 - 0.01 and (h + sum(_tall(p, width) for p in rest)) / lead >= 2 - 0.01:
            return [head, *paras[:i]], [*paras[i:]]
        return None
    return None


def _tall(flowable: Flowable, width: float) -> float:
    return flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


class Whole(Indented):
    """An indented table never split across pages (a row of label lines never goes over
    alone), unless it is taller than `page_room` (a whole page) itself."""

    def __init__(self, table: Table, indent: float, page_room: float, top: float = 0, spec=None, mins=None):
        super().__init__(table, indent, top, spec, mins)
        self.page_room = page_room

    def split_in(self, aw, ah, standing: Standing) -> list:
        _w, h = self.wrap(aw, ah)
        return [] if h <= self.page_room else super().split_in(aw, ah, standing)


class Options(Whole):
    """A list of options to tick: never split across pages, unless it is taller than
    `page_room` (a whole page) itself; the question keeps it with its stem."""

    ROLE = Role(whole=True)
    structure = "L"  # in a tagged PDF: a list, each row an item (its box skipped, its letter a label)
    items: tuple[str, ...] = ("Artifact", "Lbl", "LBody")
    PART = "options"

    def split_in(self, aw, ah, standing: Standing) -> list:
        _w, h = self.wrap(aw, ah)
        page_room = self.page_room
        assert page_room is not None  # given when it is made (see `Whole`)
        if self.parts and self.carry.shown:
            return self._parted(aw, ah, standing)
        if h <= page_room:
            return []
        pieces = [Options(p.table, p.indent, page_room, p.top, p.spec, p.mins)
                  for p in super().split_in(aw, ah, standing)]
        for piece in pieces:
            piece.split_piece = len(pieces) > 1
        return pieces

    split_piece = False
    parts = False  # a key's list (`parting`): parts between its options, two at least each side

    def parting(self) -> "Options":
        """This list as a key prints it: read by the teacher, not answered on the page, it may
        part between its options where its question would otherwise leave a page half empty,
        two options at least each side, the rest under its "Question N continued" line."""
        self.parts = True
        given(self, whole=False)
        return self

    def _parted(self, aw, ah, standing: Standing) -> list:
        """Two parts, each of two options at least, the second headed by its `carry`; [] where
        the list parts nowhere so in `ah`."""
        rows = len(self.table._cellvalues)
        if rows < 4:
            return []
        saved, self.least = self.least, 2
        try:
            pieces = Indented.split_in(self, aw, ah, Standing())  # never "what fits": two each side or none
        finally:
            self.least = saved
        if len(pieces) != 2 or any(len(p.table._cellvalues) < 2 for p in pieces) or pieces[1].heading is None:
            return []
        out = []
        for piece in pieces:
            twin = Options(piece.table, piece.indent, self.page_room or 1e6, piece.top, piece.spec, piece.mins)
            twin.heading, twin.carry, twin.items = piece.heading, self.carry, self.items
            out.append(twin.parting())
        return out

    def draw(self):
        notes = getattr(self.canv, "_studypack_notes", None)
        if notes is not None and self.split_piece:
            notes.append(OptionsSplit())
        super().draw()


def runt_free(cells: list, width: float, most: float, step: float = 2.0) -> float:
    """The narrowest width from `width` up to `most` at which no paragraph in `cells` (each a
    paragraph or a list of them) has a line after its first shorter than `RUNT` of the width
    ("Origin: / who made / it, / and when?" becomes "Origin: who / made it, / and when?");
    `width` where none up to `most` is."""
    paras = [p for cell in cells for p in (cell if isinstance(cell, (list, tuple)) else [cell])
             if isinstance(p, Paragraph)]

    def runty(w: float) -> bool:
        for p in paras:
            p.wrap(w, 1e6)
            for line in getattr(p.blPara, "lines", [])[1:]:
                extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
                if w - extra < RUNT * w:
                    return True
        return False

    w = width
    while w <= most:
        if not runty(w):
            return w
        w += step
    return width


RUNT = 0.4  # a label's line after its first narrower than this share of its column is a runt


class Shared(Indented):
    """An indented table whose columns split the width in given proportions (a grid); a
    column of labels (`labels`) widens, up to `LABELS` of the width, until no label has a
    runt line."""

    LABELS = 0.4

    def __init__(self, table: Table, indent: float, shares, top: float = 0, mins=None, labels=()):
        super().__init__(table, indent, top, spec=[None] * len(shares), mins=mins)
        self.shares, self.labels = shares, tuple(labels)
        self._label_widths: dict = {}

    def _fit(self, aw):
        room = aw - self.indent
        total = sum(self.shares)
        widths = [room * share / total for share in self.shares]
        short = [i for i, w in enumerate(widths) if w < self.mins[i]]
        if short and sum(self.mins) <= room:  # a narrow column would break a word: widen it
            fixed = sum(self.mins[i] for i in short)
            rest = [i for i in range(len(widths)) if i not in short]
            spare = sum(self.shares[i] for i in rest) or 1
            for i in short:
                widths[i] = self.mins[i]
            for i in rest:
                widths[i] = (room - fixed) * self.shares[i] / spare
        if self.labels and len(widths) > 1:
            widths = self._fit_labels(widths, room)
        self.table._argW = self.table._colWidths = widths

    def _fit_labels(self, widths: list, room: float) -> list:
        """Widen each label column until its labels set without a runt line, the other
        columns sharing what is left in their proportions."""
        key = (round(room, 3), tuple(round(w, 3) for w in widths))
        known = self._label_widths.get(key)
        if known is not None:
            return list(known)
        out = list(widths)
        head = self.table.repeatRows if isinstance(self.table.repeatRows, int) else 0
        for c in self.labels:
            st = self.table._cellStyles[head][c] if len(self.table._cellStyles) > head else None
            pad = (st.leftPadding + st.rightPadding) if st is not None else 0
            cells = [row[c] for row in self.table._cellvalues[head:]]
            need = runt_free(cells, out[c] - pad, self.LABELS * room - pad) + pad
            if need > out[c] + 0.01:
                rest = [i for i in range(len(out)) if i != c and i not in self.labels]
                spare = sum(out[i] for i in rest)
                left = spare - (need - out[c])
                if not rest or left < sum(self.mins[i] for i in rest):
                    continue
                for i in rest:
                    out[i] *= left / spare
                out[c] = need
        self._label_widths[key] = list(out)
        return out

    def _piece(self, table: Table, first: bool, last: bool) -> "Indented":
        piece = Shared(table, self.indent, self.shares, self.top if first else 0, self.mins, self.labels)
        piece._label_widths = self._label_widths
        return piece


class FullWidth(Flowable):
    """A stem table whose middle column takes whatever width the frame leaves. A stem taller
    than a whole page (`page_room`, given by the composer) breaks inside its prompt where the
    page ends, the part carried to the next page headed as its `carry` says ("Question 2
    continued"); any other stem never splits."""

    PART = "stem"
    page_room: float | None = None
    carry = Carry()

    def __init__(self, table: Table, left: float, right: float):
        super().__init__()
        self.table, self.left, self.right = table, left, right
        self.heading: Flowable | None = None  # the "continued" line over a carried part

    def says_continued(self) -> bool:
        """Whether a "continued" line heads this part (the preflight)."""
        return self.heading is not None

    def breaks_against(self, page_room: float, carry: Carry) -> None:
        """Break, where taller than a page `page_room` high, printing `carry` over the rest."""
        self.page_room, self.carry = page_room, carry

    @property
    def breaks_itself(self) -> bool:
        """Whether it breaks where the page ends (see `split`), rather than as any table's row."""
        return self.page_room is not None

    def _heading_height(self, aw) -> float:
        if self.heading is None:
            return 0.0
        _w, h = self.heading.wrap(aw - self.left, 1e6)
        return self.heading.getSpaceBefore() + h + max(2, self.heading.getSpaceAfter())

    def wrap(self, aw, ah):
        self.table._argW = [self.left, aw - self.left - self.right, self.right]
        self.table._colWidths = self.table._argW
        w, h = self.table.wrap(aw, ah)
        self.width, self.height = w, h + self._heading_height(aw)
        return w, self.height

    def split(self, aw, ah):
        _w, h = self.wrap(aw, ah)
        if self.page_room is None or h <= self.page_room or h <= ah:
            return []  # a stem that fits a page goes on whole
        room = ah - self._heading_height(aw)
        self.table.splitInRow = 1
        parts = self.table.split(aw, room) if room > 0 else []
        if len(parts) != 2:
            return []
        first, last = (part._cellvalues[0] for part in parts)
        first[-1], last[-1] = "", first[-1]  # the marks print where the prompt ends, as on a stem that fits
        pieces = [FullWidth(part, self.left, self.right) for part in parts]
        for i, piece in enumerate(pieces):
            piece.page_room, piece.carry = self.page_room, self.carry
            piece.heading = self.heading if i == 0 else (
                Paragraph(self.carry.label, self.carry.style) if self.carry.shown else None)
        return pieces

    def draw(self):
        if self.heading is not None:
            _w, h = self.heading.wrap(self.width - self.left, 1e6)
            self.heading.drawOn(self.canv, self.left, self.height - self.heading.getSpaceBefore() - h)
        self.table.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self):
        return 0


class StretchTable(Flowable):
    """The Name / Class line: label widths fixed, blanks share the rest of the line."""

    def __init__(self, table: Table, widths, shares):
        super().__init__()
        self.table, self.widths, self.shares = table, widths, shares

    def wrap(self, aw, ah):
        labels = sum(w for w in self.widths if w is not None)
        room = aw - labels
        blanks = iter(self.shares)
        self.table._argW = [w if w is not None else room * next(blanks) for w in self.widths]
        self.table._colWidths = self.table._argW
        w, h = self.table.wrap(aw, ah)
        self.width, self.height = aw, h
        return aw, h

    def draw(self):
        self.table.drawOn(self.canv, 0, 0)


def without_carried_rule(pieces: list) -> list:
    """A table's pieces split over pages, the rule ReportLab draws again over the first row of each
    piece after the first (the line under the page before's last row) left out: under the page's
    header rule it printed as a double rule."""
    for piece in pieces[1:]:
        if isinstance(piece, Table):
            piece._linecmds = [c for c in piece._linecmds if not (c[0] == "LINEABOVE" and c[1][1] == c[2][1] == 0)]
    return pieces


class RuledList(Table):
    """A table of entries with a rule between them (a timeline's list) that splits over pages
    without drawing the rule again at the top of the next."""

    def split(self, availWidth, availHeight):
        return without_carried_rule(super().split(availWidth, availHeight))


class Balanced(Flowable):
    """A long table (a glossary) that breaks across pages by rows, leaving no token remainder:
    where the rows carried onto the next page would fill less than `share` of it and it is
    the last, rows from this page go with them."""

    def __init__(self, table: Table, page_room: float, share: float = 0.25):
        super().__init__()
        self.table, self.page_room, self.share = table, page_room, share

    def wrap(self, aw, ah):
        self.width, self.height = self.table.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw, ah):
        self.table.wrap(aw, ah)
        heights = list(self.table._rowHeights)
        fit, used = 0, 0.0
        while fit < len(heights) and used + heights[fit] <= ah:
            used += heights[fit]
            fit += 1
        fits, rest = fit, sum(heights[fit:])
        if 0 < rest <= self.page_room:  # the rest ends on the next page: never a token remainder
            while fit > 0 and rest < self.share * self.page_room:
                fit -= 1
                rest += heights[fit]
        if fit < min(3, len(heights)) and sum(heights[:fit]) < self.share * self.page_room:
            if ah < self.page_room - 1:
                return []  # too little would stay here: all of it goes on to the next page
            fit = fits  # a page of its own: as many rows as it holds
        if fit == 0:
            return self.table.split(aw, ah)  # a row taller than a page (see FittingDocTemplate)
        pieces = without_carried_rule(self.table.split(aw, sum(heights[:fit]) + 0.01))
        return pieces[:1] + [Balanced(p, self.page_room, self.share) for p in pieces[1:]]

    def draw(self):
        self.table.drawOn(self.canv, 0, 0)


def squeeze_to_fit(content: list[Flowable], aw: float, over: float) -> bool:
    """Close up the answer lines in `content` (within each one's `squeeze` and `spill`), or
    else a working space sized by marks (a box: `WorkingSpace.close_up`), so it takes `over`
    points less; False, changing nothing, when they cannot."""
    lines = [f for f in content if isinstance(f, AnswerLines)]
    if not lines or over <= 0:
        return over <= 0 or any(f.close_up(over + 0.01) for f in content if isinstance(f, WorkingSpace))
    if lines[-1].fill:  # a board's lines keep their spacing: the last space loses the few lines over
        return _drop_lines(lines[-1], over)
    count = sum(f.count for f in lines)
    room = sum(f.count * f.spacing * (1 - f.squeeze) for f in lines)
    spill = min(f.spill * f.spacing for f in lines)
    if over > room or over > spill:
        return False
    cut = over / count + 0.01
    for f in lines:
        f.spacing -= cut
    return True


def _drop_lines(lines: AnswerLines, over: float) -> bool:
    """`lines` shorter by the lines that take `over` points (no more than its `spill`, never
    under its `least`); False, changing nothing, when that cannot be."""
    drop = int(over / lines.spacing + 0.999)
    if drop > lines.spill or lines.count - drop < max(lines.least, 1):
        return False
    lines.count -= drop
    return True


def shrink_to_fit(content: list[Flowable], aw: float, over: float) -> bool:
    """Make a picture in `content` that may shrink (see `LabelledImage.shrink`) `over` points
    lower, so its question fits a page; False, changing nothing, when none can."""
    for flowable in content:
        shrink = getattr(flowable, "shrink", None)
        if shrink is not None and shrink(over + 0.5):
            return True
    return False


def flatten(items) -> list[Flowable]:
    out: list[Flowable] = []
    for item in items:
        if isinstance(item, (list, tuple)):
            out.extend(flatten(item))
        elif item is not None:
            out.append(item)
    return out


def lead_in(flowable: Flowable) -> Flowable:
    """Mark a part that introduces the answer space (word bank, note): the stem keeps it
    and the next part together on one page."""
    return given(flowable, lead=True)


def kept_whole(flowable: Flowable) -> Flowable:
    """Mark a part never split between pages (a word bank): it goes with what it serves."""
    return given(flowable, whole=True)


def keep_with_stem(body: list[Flowable]) -> tuple[list[Flowable], list[Flowable]]:
    """Keep the stem with the start of its answer: its answer lines (which break only into
    substantial parts), or the first key block, after any lead-in parts (word bank, "Tick
    two boxes")."""
    lead = 0
    while lead < len(body) - 1 and leads(body[lead]):
        lead += 1
    if lead:
        head, tail = keep_with_stem(body[lead:])
        return body[:lead] + head, tail
    if body and isinstance(body[0], AnswerLines):
        # the stem keeps all its lines: they break (see AnswerLines.pieces) only where both
        # parts are substantial, else the question goes on whole to the next page
        return body[:1], body[1:]
    if len(body) > 1 and isinstance(body[0], Indented) and isinstance(body[1], AnswerLines):
        # a box of help over the answer lines: the stem keeps both (never the stem and its help
        # at a page's foot, the lines overleaf), the lines breaking only into substantial parts
        return body[:2], body[2:]
    if body and isinstance(body[0], Indented):
        # the key: the ticked options or filled boxes keep their answer and the start of its "Why:"
        said = 1
        while said < min(3, len(body)) and isinstance(body[said], Paragraph):
            said += 1
        return _explained(body, said)
    return _explained(body, 2)


def _explained(body: list, at: int) -> tuple[list, list]:
    """`body` parted at `at`, a "Why:" there kept with the answer before it (see `parts.key_text`);
    a list's label that would end the opening goes on with the list instead (see
    `parts.key_list`: it keeps with its first two items), never left at a page's foot alone."""
    for back in (1, 2):  # it ends with a list's label, or its label and first point: they go on with the list
        label = at - back
        if 0 < label and at < len(body) and _list_label(body[label], body[label + 1]) and _bulleted(body[at]) \
                and exercises.part(body[label]) != "explanation":
            at = label
            break
    if at < len(body) and exercises.part(body[at]) == "explanation":
        at += 1
    return body[:at], body[at:]


def _bulleted(flowable: Flowable) -> bool:
    """Whether `flowable` is a point of a key's list (a paragraph with a bullet or marker)."""
    return isinstance(flowable, Paragraph) and bool(getattr(flowable.style, "bulletText", None))


def _list_label(flowable: Flowable, after: Flowable) -> bool:
    """Whether `flowable` is a key list's label ("Mark scheme:") and `after` its first point."""
    return isinstance(flowable, Paragraph) and bool(flowable.getKeepWithNext()) and not _bulleted(flowable) \
        and _bulleted(after)


def keep_exercise(body: list[Flowable]) -> tuple[list[Flowable], list[Flowable]]:
    """Large print (`questions.whole`): the stem keeps its whole exercise (options, lists,
    tables, a passage) and its first answer lines; only what follows those goes on apart, and
    so does a block the body keeps together itself (a key's answer kept with its explanation),
    from there on: a kept block is never nested in another (one that opens the body is opened)."""
    if body and isinstance(body[0], KeepTogether):
        return keep_exercise(list(body[0]._content) + body[1:])
    for i, flowable in enumerate(body):
        if isinstance(flowable, KeepTogether):
            return body[:i], body[i:]
        if isinstance(flowable, AnswerLines):
            return body[:i + 1], body[i + 1:]
    return body, []


class OnBaseline(Flowable):
    """A row's label (a statement's number) in its own column, drawn on the baseline of the
    first line of the words beside it (`beside`, wrapped by the same table first), however far
    a tall formula in that line pushes it down: a number at the cell's top stood above the
    words of "One third is more than 0.3: ⅓ > 0.3" in a layout with full-size fractions."""

    def __init__(self, label: Paragraph, beside: Paragraph, middle: bool = False):
        super().__init__()
        self.label, self.beside, self.middle = label, beside, middle  # middle: both cells set VALIGN MIDDLE

    def wrap(self, aw, ah):
        self.width, self.height = self.label.wrap(aw, ah)
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 (ReportLab's name)
        # the label drawn where the table would have drawn it, lowered: the same drawing where nothing moves
        drop = self.beside.first_drop() - self.label.first_drop()  # both as last wrapped
        if self.middle:  # centred in the row, the taller words' top stands higher by half their extra height
            drop -= (getattr(self.beside, "height", 0) - self.height) / 2
        drop = max(0.0, drop)
        self.label.drawOn(canvas, x, y - drop, _sW)

    def draw(self):
        self.drawOn(self.canv, 0, 0)


class PageMark:
    """The page something last drew on (the canvas's page number): where a question's extract
    ends, so its prompt knows whether it stands on a page after it (see `Overleaf`)."""

    page: int | None = None


class Overleaf(Flowable):
    """`inner` (a question's number) drawn only on a page other than the one `mark` last drew
    on: AQA's "0 9" stands beside the extract, and again beside the question under it where
    that question is on the page after the extract's end, so the two read together."""

    def __init__(self, inner: Flowable, mark: PageMark):
        super().__init__()
        self.inner, self.mark = inner, mark

    def wrap(self, aw, ah):
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    def draw(self):
        if self.mark.page != self.canv.getPageNumber():
            self.inner.drawOn(self.canv, 0, 0)


class SetIn(Flowable):
    """`inner` (a source's box) set in from the left by `indent`, a question's number column,
    with `beside` (the question's number) drawn in that column `down` points below its top:
    AQA's extract inside question 09, its number beside it. Splits as `inner` does, the
    number going with the first piece; each piece notes in `mark` the page it draws on."""

    def __init__(self, inner: Flowable, indent: float, beside: Flowable | None = None, down: float = 0.0,
                 mark: PageMark | None = None):
        super().__init__()
        self.inner, self.indent, self.beside, self.down = inner, indent, beside, down
        self.mark = mark if mark is not None else PageMark()
        self.structure = getattr(inner, "structure", None)  # in a tagged PDF: what the box is

    def says_continued(self) -> bool:
        """Whether the box's piece here says it goes on ("(continued)": the preflight)."""
        return bool(getattr(self.inner, "says_continued", lambda: False)())

    def wrap(self, aw, ah):
        _w, h = self.inner.wrap(aw - self.indent, ah)
        self.width, self.height = aw, h
        return aw, h

    def split(self, aw, ah):
        pieces = self.inner.split(aw - self.indent, ah)
        # a page break the box puts before itself (a large-print box starts a page) goes on as it is
        out, beside = [], self.beside
        for piece in pieces:
            if not isinstance(piece, ActionFlowable):
                piece, beside = SetIn(piece, self.indent, beside, self.down, self.mark), None
            out.append(piece)
        for piece in out:
            exercises.adopt(piece, exercises.owner(self))
        return out

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def draw(self):
        if self.beside is not None:  # first, as it reads: "0 9", then the extract
            _w, h = self.beside.wrap(self.indent, self.height)
            self.beside.drawOn(self.canv, 0, self.height - self.down - h)
        self.inner.drawOn(self.canv, self.indent, 0)
        self.mark.page = self.canv.getPageNumber()
