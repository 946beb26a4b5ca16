"""The page-break policy: what stays together on a page and where a block may part.

A question's opening is kept on one page (`KeepStart`) and breaks, where it must, only at a
natural point; totals and "End of questions" stay on the page of the last answer space
(`with_closing`, `closed_at_end`). The state a split needs is explicit: the role each part
plays (`split_state.Role`), what its carried parts print (`split_state.Carry`), and whether
the question starts a page (`split_state.Standing`), passed as an argument."""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import CondPageBreak, Flowable, FrameBreak, KeepTogether, Spacer

from studypack.views import exercises
from studypack.views.flowables import AnswerLines, opening_only
from studypack.views.paragraph import Paragraph
from studypack.views.split_state import Carry, Spread, Standing, leads, whole
from studypack.views.toolkit import FullWidth, Indented, Options, shrink_to_fit, squeeze_to_fit

OPEN = 0.5  # a question that fits a page may break at a table's natural point rather than leave more of one empty
GAP = 0.3  # a block kept with its closing lines breaks rather than leave more than this share of a page empty
GATHER = 0.5  # the blocks before a document's closing totals that may go with them, as much of a page (whole blocks part it) …
FACING_LINE = 40  # points kept for each line a spread adds (its foot line, its head of up to two lines, a gap)
LEAST = 0.12  # … so long as this much of a page of them goes on with the totals
CLOSE = 0.5  # of each gap in a closing block: the most it closes up so the block stays on its page
SPARSE = 0.4  # a key's option list parts only where moving on would leave more than this share of a page empty


def keep_start(block: list[Flowable], most: float, page_room: float, whole: bool = False,
               spread: Spread | None = None) -> Flowable:
    """`block`, a question's opening, kept on one page unless taller than `most` (see `_KeepStart`);
    `whole` (large print): never broken to fill a page, and one taller than a page parts only
    between its stem and an exercise that fits a page of its own; with `spread` (a paper printed
    double-sided), that one starts a left-hand page, its parts facing each other."""
    return _KeepStart(block, most, page_room, whole, spread)


def _continued(flowable: Flowable, aw: float) -> Flowable:
    """A table going on whole to the next page, away from its stem, headed "Question N
    continued" where that line leaves as many of its rows on that page."""
    if not (isinstance(flowable, Indented) and flowable.carry.shown and flowable.heading is None and flowable.page_room):
        return flowable
    _w, before = flowable.wrap(aw, flowable.page_room)
    rows = _rows_within(flowable, flowable.page_room)
    flowable.heading = Paragraph(flowable.carry.label, flowable.carry.style)
    _w, after = flowable.wrap(aw, flowable.page_room)
    if after > flowable.page_room and _rows_within(flowable, flowable.page_room - (after - before)) < rows:
        flowable.heading = None
    return flowable


def _label_down(placed: list, rest: list) -> tuple[list, list]:
    """A label that keeps with what follows ("Mark scheme:", `keepWithNext`) goes down with it
    rather than end the page (r26: it stood alone at the foot, its bullets overleaf)."""
    placed, rest = list(placed), list(rest)
    while len(placed) > 2 and placed[-1].getKeepWithNext() and not isinstance(placed[-1], FullWidth):
        rest.insert(0, placed.pop())
    return placed, rest


def _rows_within(flowable: Indented, room: float) -> int:
    """How many of the table's rows (as last wrapped) fit in `room` under its top."""
    used, count = flowable.top, 0
    for height in flowable.table._rowHeights:
        used += height
        if used > room:
            break
        count += 1
    return count


class _KeepStart(KeepTogether):
    """A question's opening kept on one page; when it is taller than `most` (large print)
    it may break where the page ends, once the stem and a first part of its answer (two
    options, three lines, some events) are on the page, instead of leaving a gap. Answer
    lines that end it break only into substantial parts (see `AnswerLines.pieces`); where
    they cannot, the question goes on whole to the next page. One that fits a page may still
    break at a table's natural point rather than leave more than `OPEN` of this page empty;
    a stem never stays at a page's foot with only what leads into its answer (a mark scheme),
    unless moving on would leave more than `OPEN` empty: then the table says whose it is."""

    def __init__(self, flowables, most: float, page_room: float | None = None, whole: bool = False,
                 spread: Spread | None = None):
        super().__init__(flowables)
        self.most, self.page_room, self.whole, self.spread = most, page_room, whole, spread

    def _again(self, content: list[Flowable]) -> "_KeepStart":
        """`content` kept as this opening is."""
        return _KeepStart(content, self.most, self.page_room, self.whole, self.spread)

    def ending(self, closing: list[Flowable], ends: bool) -> "_KeepStart":
        """The same opening with `closing` under its answer lines."""
        return self._again(self._content[:-1] + [_closed(self._content[-1], closing, ends)])

    def split(self, aw, ah):
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        closer = self._closer(aw, ah)
        if closer is not None:
            return closer
        taller = self._taller(aw, ah)
        # a question that fits a page goes on whole, unless that would leave more than half of
        # this page empty and a table of it breaks here at a natural point (see `Indented`)
        # (large print, `whole`: one that fits a page goes on whole, whatever it leaves)
        gap = self.page_room is not None and ah > OPEN * self.page_room and not self.whole
        fits_page = (self._H <= self.most or self.whole) and not taller
        if self._H <= ah or fits_page and not gap:
            return super().split(aw, ah)
        broken = self._broken(aw, ah, fits_page=fits_page)
        if broken is not None:
            return broken
        if taller and self.page_room is not None and ah < self.page_room - 1:
            # taller than a page: it starts the next, and breaks there at a natural point
            return [FrameBreak(), self._again(self._content)]
        return super().split(aw, ah)

    def _closer(self, aw, ah) -> list | None:
        """All of it here, its answer lines a little closer, or its answer lines parted; None
        where neither serves."""
        if self._H > ah and squeeze_to_fit(self._content, aw, self._H - ah):
            return list(self._content)  # its lines a little closer: it stays on this page
        if self._H > ah and isinstance(self._content[-1], AnswerLines):
            return self._lines_split(aw, ah)
        return None

    def _taller(self, aw, ah) -> bool:
        """Whether it is taller than a page, even with a picture of it made a little smaller."""
        taller = self.page_room is not None and self._H > self.page_room
        if taller and shrink_to_fit(self._content, aw, self._H - self.page_room):
            self.wrap(aw, ah)  # a picture a little smaller: the question fits a page of its own
            taller = False
        return taller

    def _broken(self, aw, ah, fits_page: bool) -> list | None:
        """What fits here, the first part that does not broken at a natural point (only a table's,
        where the question `fits_page`), and the rest; None where it breaks nowhere here."""
        content, placed, room = list(self._content), [], ah
        # a key's block under a line of its own; a question's shared stem and its first part's
        # stem are one stem: nothing breaks between them (Q4's stem and the Haber equation sat
        # at a page's foot, 4(a) over the page: r26)
        last_stem = max((i for i, f in enumerate(content) if isinstance(f, FullWidth)), default=-1)
        stem_seen = last_stem < 0
        for i, flowable in enumerate(content):
            _w, h = flowable.wrap(aw, room)
            h += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if h <= room:
                placed.append(flowable)
                room -= h
                stem_seen = stem_seen or i >= last_stem
                continue
            if self.whole and stem_seen and not fits_page:
                if self.spread is not None and ah < (self.page_room or 0) - 1 and opening_only(self):
                    # the sheet's first question: it starts under the title (a title alone on
                    # its page is a sparse page) and goes on at a natural point, "continued"
                    # … or, where its exercise parts nowhere in the room, its stem under the title and
                    # the exercise whole overleaf (physics large-print-36: the title stood alone)
                    broken = self._break_at(placed, content[i:], aw, room, ah, fits_page) or \
                        self._overleaf(placed, content[i:], aw)
                    if broken is not None:
                        return broken
                faced = self._faced(placed, content[i:], aw, ah, room) if self.spread is not None else None
                return faced if faced is not None else self._overleaf(placed, content[i:], aw)
            if not stem_seen or whole(flowable) and not _parts_at_sentence(flowable) \
                    or fits_page and not isinstance(flowable, Indented):
                return None  # an option list stays whole, with its question
            return self._break_at(placed, content[i:], aw, room, ah, fits_page)
        return None

    def _overleaf(self, placed: list, rest: list, aw) -> list | None:
        """Large print, a question taller than a page: its stem here, its exercise (the events and
        their boxes, the lists to match) whole on the next page under "Question N continued",
        where that page holds it; None where it does not (it breaks as any question's), or where
        the exercise ends in answer lines (a help box over them, say): the question then starts
        the next page, its lines going on overleaf where they must, never its stem alone here."""
        if isinstance(rest[-1], AnswerLines):
            return None
        head = _carry_label(rest)
        exercise = [head] + rest if head is not None else rest
        height = sum(_height(f, aw, self.page_room or 1e6) for f in exercise)
        if self.page_room is None or height > self.page_room or not placed:
            return None
        return placed + [FrameBreak(), self._again(exercise)]

    def _faced(self, placed: list, rest: list, aw, ah, room) -> list | None:
        """A paper printed double-sided, a question taller than a page but not than two: on a
        left-hand page, what fits here (its stem and the whole parts of its exercise that follow)
        ending "(continues on the facing page →)", the rest on the facing page under "Question N
        (continued from the facing page)"; on a right-hand page, the question starts the next
        (left-hand) one, unless it starts this one (no page is left empty for it); None where it
        is no spread (taller than two pages, or not laid out on a page whose number is known)."""
        number = getattr(getattr(self, "canv", None), "_studypack_run_page", None)
        spread = self.spread
        if number is None or spread is None or self.page_room is None or isinstance(rest[-1], AnswerLines):
            return None
        if sum(_height(f, aw, self.page_room) for f in self._content) > 2 * self.page_room - 4 * FACING_LINE:
            return None  # it fills more than two pages: no spread holds it
        if number % 2:
            return [FrameBreak(), self._again(self._content)] if ah < self.page_room - 1 else self._blank(aw)
        foot = exercises.faces(Paragraph(spread.continues.label, spread.continues.style), heads=False)
        need = _height(foot, aw, self.page_room)
        placed, rest = list(placed), list(rest)
        while need > room and len(placed) > 1 and not isinstance(placed[-1], FullWidth):
            moved = placed.pop()  # the last whole part goes over with the rest, so the line fits here
            room += _height(moved, aw, self.page_room)
            rest.insert(0, moved)
        if need > room:
            return None
        placed, rest = self._left_filled(placed, rest, aw, room - need)
        for carry in (spread.continued, spread.short):
            if not carry.shown:
                continue
            facing = [exercises.faces(Paragraph(carry.label, carry.style), heads=True)] + rest
            if sum(_height(f, aw, self.page_room) for f in facing) <= self.page_room:
                return placed + [foot, FrameBreak(), self._again(facing)]
        return None

    def _left_filled(self, placed: list, rest: list, aw, room) -> tuple[list, list]:
        """The left-hand page of a spread given more of its exercise, in `room`: the boxes an
        event list leads into (the question with its boxes here, the list facing them), or a
        grid's first row groups (a grid alone: of boxes each a table, as an inference question's
        "(i)" and "(ii)", none is parted); `placed` and `rest` as they were where neither fits."""
        first, space = rest[0], rest[1:]
        page_room = self.page_room or 1e6
        if leads(first) and space and sum(_height(f, aw, page_room) for f in space) <= room:
            return placed + space, [first]
        alone = not any(isinstance(f, Indented) for f in space)  # one grid; boxes each of their own stay whole
        if isinstance(first, Indented) and alone and not leads(first) and not whole(first) and room > 0:
            pieces = first.split_in(aw, room, Standing())
            if len(pieces) == 2:
                pieces[1].heading = None  # the facing page's head says whose it is
                return placed + [pieces[0]], [pieces[1]] + rest[1:]
        return placed, rest

    def _blank(self, aw) -> list | None:
        """This right-hand page left blank, saying so across its middle, and the question starting
        the next (left-hand) page; None where the layout has no words for a blank page."""
        said = self.spread.blank if self.spread is not None else Carry()
        if not said.shown or self.page_room is None:
            return None
        words = exercises.apart(_Blank(Paragraph(said.label, said.style), self.page_room / 2))
        return [words, FrameBreak(), self._again(self._content)]

    def _break_at(self, placed: list, rest: list, aw, room, ah, fits_page: bool) -> list | None:
        """`placed` here, then `rest`, whose first part does not fit in `room`: that part split,
        or what leads into it carried on with it, or the stem with what of its answer fits."""
        pieces = self._part(rest[0], aw, room, ah, alone=not placed) if room > 0 else []
        if len(pieces) >= 2:
            return placed + pieces + rest[1:]
        if fits_page:
            return None
        carried = self._carry_lead(placed, rest, aw) or self._carry_explained(placed, rest, aw, ah)
        if carried is not None:
            return carried
        if _parts_at_sentence(rest[0]):
            return None  # a "Why:" that parts nowhere here stays whole with its answer, as any kept part
        placed, rest = _label_down(placed, rest)
        if len(placed) > 1 and not isinstance(placed[-1], FullWidth):
            if not leads(placed[-1]):
                return placed + rest  # the stem has something of its answer
            if self.page_room is not None and ah > OPEN * self.page_room:
                # only what leads into it (a mark scheme) is here, and moving on would leave more
                # than half of this page empty: they stay, and the table goes on saying whose it is
                return placed + [_continued(f, aw) for f in rest]
        return None

    def _part(self, flowable, aw, room, ah, alone: bool = False) -> list:
        """`flowable` split to fit `room`; a table in a question that starts a page has no
        better place to go, and breaks as one that starts a page does (see `Indented`); a key's text
        first on a page (`alone`) may break inside a sentence, where none ends in the room."""
        starts = self.page_room is not None and ah >= self.page_room - 1
        if isinstance(flowable, Options) and flowable.parts and not self._sparse(ah):
            return []  # a key's options part only where the page would otherwise be left sparse
        if not isinstance(flowable, Indented):
            flowable._studypack_fresh = alone and (starts or self.page_room is None)  # see `Paragraph._at_sentence`
            if not _parts_at_sentence(flowable):
                return flowable.split(aw, room)
            widows, flowable.widows = flowable.widows, 2  # a "Why:" parted here: two lines at least each side,
            try:  # its rest under "Question N continued" with what follows, never alone at a page's top
                return flowable.split(aw, room)
            finally:
                flowable.widows = widows
        return flowable.split_in(aw, room, Standing(page_start=starts, cornered=bool(self.__dict__.get("_studypack_opens_page"))))

    def _sparse(self, ah: float) -> bool:
        """Whether going on to the next page from here, `ah` left, would leave this page sparse
        (more than SPARSE of it empty: a page a typesetter marks)."""
        return self.page_room is not None and ah > SPARSE * self.page_room

    def _carry_lead(self, placed: list, rest: list, aw) -> list | None:
        """An answer space (a row of boxes) that goes on to the next page takes the last rows
        of what leads into it (the events it orders) with it, never going over alone: those
        rows start the next page, "continued"; None where nothing before it breaks so."""
        j = len(placed) - 1
        if j < 1:
            return None
        while j > 0 and (isinstance(placed[j], Spacer) or leads(placed[j]) and not isinstance(placed[j], Indented)):
            j -= 1
        lead = placed[j]
        if j == 0 or not isinstance(lead, Indented) or not leads(lead):
            return None
        _w, h = lead.wrap(aw, 1e6)
        pieces = lead.split(aw, h - 1)
        if len(pieces) != 2:
            return None
        return placed[:j] + [pieces[0], FrameBreak(),
                             self._again([pieces[1]] + placed[j + 1:] + rest)]

    def _carry_explained(self, placed: list, rest: list, aw, ah: float = 0.0) -> list | None:
        """A key's "Why:" that would start the next page takes the last rows of the table it
        explains (the statements ticked) with it, "continued", never going over alone; None
        where no explanation goes over, or the table does not break so."""
        tail = [i for i, f in enumerate(placed) if exercises.part(f) == "explanation"]
        explains = tail[-1] if tail else len(placed)
        if explains == len(placed) and not (rest and exercises.part(rest[0]) == "explanation"):
            return None
        j = explains - 1
        while j > 0 and isinstance(placed[j], Spacer):
            j -= 1
        table = placed[j] if j > 0 else None
        if not isinstance(table, Indented) or isinstance(table, Options) and table.parts and not self._sparse(ah):
            return None
        _w, h = table.wrap(aw, 1e6)
        pieces = table.split_in(aw, h - 1, Standing(cornered=True))
        if len(pieces) != 2:
            return None
        if _runt_rows(table, pieces[0], h):
            # a key's table that fits a page keeps two rows at least each side, or goes whole: one
            # row left at a page's foot (physics large print, true/false) is a runt
            if self.page_room is None or ah <= OPEN * self.page_room:
                return None  # the question goes on whole: this page is not left half empty
            # rather than its stem alone on a page more than half empty (physics large print, Q5):
            # two rows here at least, the last going on with the "Why:" it leads into
            pieces = table.split_in(aw, h - 1, Standing(cornered=True, explained=True))
            if len(pieces) != 2 or _runt_rows(table, pieces[0], h):
                pieces = [_continued(table, aw)]
                return placed[:j] + [FrameBreak(), self._again(pieces + placed[j + 1:] + rest)]
        return placed[:j] + [pieces[0], FrameBreak(),
                             self._again([pieces[1]] + placed[j + 1:] + rest)]

    def _lines_split(self, aw, ah) -> list | None:
        """The opening, then its answer lines in two substantial parts; None where they do not
        part well here (the question goes on whole) or what comes before them does not fit."""
        *before, lines = self._content
        room = ah
        for flowable in before:
            _w, h = flowable.wrap(aw, room)
            room -= h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if room <= 0:
            return None
        at_top = self.page_room is not None and ah >= self.page_room - lines.spacing  # a new page gains no line
        must = at_top or self._H > (self.page_room or ah)  # no page holds all of it: it breaks somewhere
        pieces = lines.pieces(aw, room, must=must and at_top)
        if len(pieces) == 2 or pieces == [lines] or len(pieces) == 1 and pieces[0] is not lines:
            return before + pieces
        if must and not at_top:  # too little would stay here: it starts the next page, and breaks there
            return [FrameBreak(), self._again(self._content)]
        if not pieces and self.page_room is not None and self._H <= self.page_room and not at_top:
            # all its lines go on (no few carried, nor a token first part): the question goes with
            # them, whole, never its stem and help alone here with the lines overleaf
            return [FrameBreak(), self._again(self._content)]
        return None


class _Blank(Flowable):
    """A page's words ("BLANK PAGE") across its middle, `down` from its top (as `words`' style);
    in a tagged PDF page furniture, which a reader skips."""

    structure = "Artifact"

    def __init__(self, words: Paragraph, down: float):
        super().__init__()
        self.words, self.down, self.style = words, down, words.style
        self.keepWithNext = False  # a heading's style keeps with what follows; this page stands alone

    def wrap(self, aw, ah):
        _w, h = self.words.wrap(aw, ah)
        self.width, self.height = aw, max(h, self.down + h / 2)
        return self.width, self.height

    def draw(self):
        self.words.drawOn(self.canv, 0, 0)


def _at_sentence_end(last: Paragraph, aw) -> list:
    """A key's text parted after its latest sentence (or clause: see `Paragraph.sentence_parts`)
    that leaves two lines at least each side, its last lines going on with the closing lines;
    [] where none does (or its text is no key's)."""
    parts = last.sentence_parts() if last.sentences else None
    for before, after in parts or ():
        before.wrap(aw, 1e6)
        after.wrap(aw, 1e6)
        if len(before.blPara.lines) >= 2 and len(after.blPara.lines) >= 2:
            for piece in (before, after):
                piece.sentences, piece.widows = True, last.widows
            return [before, after]
    return []


def _runt_rows(table: Indented, kept: Indented, height: float) -> bool:
    """Whether `kept`, the first part of a key's `table` (`height` tall whole), leaves fewer than
    its `least` rows at a page's foot though the table fits a page."""
    if not table.both_sides or table.page_room is None or height > table.page_room:
        return False
    head = kept.table.repeatRows if isinstance(kept.table.repeatRows, int) else 0
    return len(kept.table._cellvalues) - head < table.least


def _parts_at_sentence(flowable: Flowable) -> bool:
    """A key's "Why:", kept with the answer it explains, that may still part where one of its
    sentences ends, two lines at least each side (`Paragraph._at_sentence`): its start stays with
    the answer, the rest goes on under "Question N continued"."""
    return isinstance(flowable, Paragraph) and flowable.sentences and exercises.part(flowable) == "explanation"


def _carry_label(rest: list[Flowable]) -> Flowable | None:
    """The "Question N continued" line over the part of a question carried to a new page, from
    the first of its parts that knows it (a table's or answer lines' carry); None where none does."""
    for flowable in rest:
        carry = getattr(flowable, "carry", None)
        if isinstance(carry, Carry) and carry.shown:
            return exercises.announces(Paragraph(carry.label, carry.style))
    return None


class _KeepClosing(KeepTogether):
    """Keeps its content on one page; answer lines it carries to a new page say so. Content
    taller than a page flows, its last block kept with the closing lines (never a page
    holding "End of questions" alone); where `least` is given, blocks may stay on this page
    as long as that much goes on with the closing lines."""

    def __init__(self, flowables, closing: int = 0, page_room: float | None = None, least: float = 0.0):
        super().__init__(flowables)
        self.closing, self.page_room, self.least = closing, page_room, least

    def split(self, aw, ah):
        if getattr(self, "_wrapInfo", None) != (aw, ah):
            self.wrap(aw, ah)
        if self._H > ah and (squeeze_to_fit(self._content, aw, self._H - ah) or _gaps_closed(self._content, self._H - ah)):
            return list(self._content)
        if self._H > ah and self.least and self.closing:
            parted = self._parted(aw, ah)
            if parted is not None:
                return parted
        if self._H > ah and self.closing and self.page_room and ah > GAP * self.page_room:
            flowing = self._flow(aw, ah)  # moving on whole would leave a large gap here: break a paragraph
            if flowing is not None:
                return flowing
        tail = self.closing + 1
        if self.closing and len(self._content) > tail:
            room = self.page_room or ah
            if self._H > room or self._H > ah and ah >= room - 1:  # not even a page of its own holds it all
                rest = [_KeepClosing(self._content[-tail:], self.closing, room)]
                first = self._content[0].wrap(aw, ah)[1]
                if first > room:  # a block taller than a page (a very long prompt) breaks where the page ends
                    pieces = self._content[0].split(aw, ah)
                    return pieces + self._content[1:-tail] + rest if pieces else []
                if _kept_height(self._content[:-tail], aw, ah) > ah:
                    # not even its first block fits here, with what keeps with it (a heading and its
                    # first bullet: "Indicative content:" stood alone at the foot): it starts the next page
                    return []
                return self._content[:-tail] + rest
        return self._moved(aw, ah)

    def _parted(self, aw, ah) -> list | None:
        """Whole blocks on this page, as many as fit while at least `least` of them goes on
        with the closing lines; None where not even the first fits so."""
        body = self._content[:-self.closing]
        heights = [f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in body]
        for i in range(len(body) - 1, 0, -1):
            if sum(heights[:i]) <= ah and sum(heights[i:]) >= self.least and not body[i - 1].getKeepWithNext():
                rest = _KeepClosing(self._content[i:], self.closing, self.page_room)
                return list(self._content[:i]) + [rest]
        return None

    def _flow(self, aw, ah) -> list | None:
        """What fits here, a paragraph broken where the page ends, and the rest kept with the
        closing lines on the next page; None where no paragraph breaks there."""
        content, room = list(self._content), ah
        for i, flowable in enumerate(content[:-self.closing]):
            _w, h = flowable.wrap(aw, room)
            h += flowable.getSpaceBefore() + flowable.getSpaceAfter()
            if h <= room:
                room -= h
                continue
            if not isinstance(flowable, Paragraph) or room <= 0:
                return None
            explains = exercises.part(flowable) == "explanation"
            if explains:  # a "Why:" parts where a sentence ends, or takes what it explains over with it
                over = self._explained_over(content, i, aw, room)
                if over is not None:
                    return over
            # (else rather broken inside a sentence than sent on alone, away from its answer)
            flowable._studypack_fresh = (i == 0 and ah >= (self.page_room or ah) - 1 or explains)  # see `Paragraph._at_sentence`
            pieces = flowable.split(aw, room)
            if len(pieces) != 2:
                return None
            return content[:i] + [pieces[0], _KeepClosing([pieces[1]] + content[i + 1:], self.closing, self.page_room)]
        return self._last_lines(content, aw)

    def _explained_over(self, content: list, i: int, aw, room) -> list | None:
        """A key's "Why:" (`content[i]`) that does not fit in `room`: parted where a sentence ends,
        or, where none ends in the room and it would break inside one, going on whole with the
        table it explains (its answer), both on the next page under "Question N continued"; None
        where neither is so (it goes on whole with its question, or follows no table)."""
        why = content[i]
        why._studypack_fresh = False
        pieces = why.split(aw, room)
        if len(pieces) == 2:
            return content[:i] + [pieces[0], _KeepClosing([pieces[1]] + content[i + 1:], self.closing, self.page_room)]
        why._studypack_fresh = True
        if len(why.split(aw, room)) != 2:
            return None  # it goes on whole with its question as it was: nothing is broken
        j = i - 1
        while j > 0 and isinstance(content[j], Spacer):
            j -= 1
        if j <= 0 or not isinstance(content[j], Indented):
            return None
        rest = content[j:]
        if self.page_room is None or sum(_height(f, aw, self.page_room) for f in rest) > self.page_room * (1 - LEAST):
            return None
        return content[:j] + [FrameBreak(), _KeepClosing(rest, self.closing, self.page_room)]

    def _last_lines(self, content, aw) -> list | None:
        """All but the closing lines fit here: the last paragraph stays, its last lines going on
        with the closing (never the whole block pushed on for the totals' sake); None where it
        has too few lines to part."""
        i = len(content) - self.closing - 1
        while i > 0 and (isinstance(content[i], Spacer) or  # over closing lines kept before (a section's total)
                         isinstance(content[i], Paragraph) and content[i].style.alignment == TA_RIGHT):
            i -= 1
        last = content[i]
        if not isinstance(last, Paragraph):
            return None
        _w, h = last.wrap(aw, self.page_room or 1e6)
        lines = len(getattr(last.blPara, "lines", []))
        if lines < 4:  # at least two lines each side
            return None
        pieces = _at_sentence_end(last, aw) or last.split(aw, h - 2 * last.style.leading + 0.01)
        if len(pieces) != 2:
            return None
        return content[:i] + [pieces[0], _KeepClosing([pieces[1]] + content[i + 1:], self.closing, self.page_room)]

    def _moved(self, aw, ah):
        pieces = super().split(aw, ah)
        if pieces and pieces[0] is not self._content[0]:  # a break first: all of it moves on
            for flowable in self._content:
                if isinstance(flowable, AnswerLines):
                    flowable.continued = True
        self._last_kept(aw)
        return pieces

    def _last_kept(self, aw) -> None:
        """Its content flowing on loose, the last block before the closing lines keeps with them
        where the two take no more than GATHER of a page (a bullet, a short answer): a page never
        holds only the totals (physics large-print-36's key, p14: its last bullet stayed behind);
        a longer one parts as any paragraph does (a model answer moved whole left a page empty)."""
        if not self.closing or len(self._content) <= self.closing or self.page_room is None:
            return
        last = self._content[-self.closing - 1]
        together = self._content[-self.closing - 1:]
        if isinstance(last, Paragraph) and sum(_height(f, aw, self.page_room) for f in together) <= GATHER * self.page_room:
            last.keepWithNext = 1


def with_closing(parts: list[Flowable], closing: list[Flowable], page_room: float,
                 ends: bool = False, least: float = 0.0) -> list[Flowable]:
    """End with `closing` kept on the page of the last answer space: answer lines go with it
    (enough to fill `carried` of a page where they `end` the sheet), or the last block, so no
    page holds "End of questions" alone or with a token remainder; `least`: see `_KeepClosing`."""
    if not parts:
        return closing
    last = parts[-1]
    if isinstance(last, _KeepStart) and isinstance(last._content[-1], AnswerLines) and last._content[-1].count >= 2:
        return parts[:-1] + [last.ending(closing, ends)]
    if isinstance(last, AnswerLines) and last.count >= 2:
        return parts[:-1] + [_closed(last, closing, ends)]
    content = list(last._content) if isinstance(last, KeepTogether) else [last]  # never nested: see KeepTogether.wrap
    start = len(parts) - 1
    while start > 0 and isinstance(parts[start - 1], Paragraph) and parts[start - 1].getKeepWithNext():
        start -= 1  # what keeps with the last block (a list's item before its last) goes with it and the closing
    return parts[:start] + [_KeepClosing(parts[start:-1] + content + closing, len(closing), page_room, least)]


def _kept_height(content: list[Flowable], aw, ah) -> float:
    """The height of `content`'s first block with those that keep with it (`keepWithNext`), as the
    document template places them together."""
    height = 0.0
    for flowable in content:
        height += flowable.wrap(aw, ah)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if not flowable.getKeepWithNext():
            break
    return height


def _gaps_closed(content: list[Flowable], over: float) -> bool:
    """Close up the gaps (spacers) in `content`, each by up to `CLOSE` of itself, so it takes `over`
    points less (a key's last question a few points short of its page: the maths key in compact
    parted question 5 from its mark scheme with room left); False, changing nothing, where they cannot."""
    gaps = [f for f in content if isinstance(f, Spacer)]
    room = sum(f.height for f in gaps) * CLOSE
    if over <= 0 or over > room:
        return over <= 0
    share = (over + 0.01) / room * CLOSE
    for gap in gaps:
        gap.height -= gap.height * share
    return True


def closed_at_end(parts: list[Flowable], closing: list[Flowable], width: float, page_room: float) -> list[Flowable]:
    """`parts`, then `closing` ending the document, with enough of the blocks before (see
    `_gathered`) that a page they go over to never holds only a line or two and the totals."""
    return with_closing(_gathered(parts, width, page_room), closing, page_room, least=LEAST * page_room)


def _gathered(parts: list[Flowable], width: float, page_room: float) -> list[Flowable]:
    """`parts` with the plain blocks at their end (paragraphs, tables, not a question's kept
    opening) gathered into one, up to GATHER of a page, for the closing lines to keep with: it
    parts between whole blocks, at least LEAST of a page going on with them (`_KeepClosing.least`)."""
    if not parts or isinstance(parts[-1], AnswerLines):
        return parts
    last = parts[-1]
    content = list(last._content) if isinstance(last, KeepTogether) else [last]
    height = sum(_height(f, width, page_room) for f in content)
    start = len(parts) - 1
    while start > 0 and height < GATHER * page_room:
        before = parts[start - 1]
        if isinstance(before, (KeepTogether, CondPageBreak, AnswerLines)) or whole(before):
            break
        height += _height(before, width, page_room)
        start -= 1
    if start == len(parts) - 1:
        return parts
    return parts[:start] + [KeepTogether(parts[start:-1] + content)]


def _height(flowable: Flowable, width: float, room: float) -> float:
    """The height `flowable` takes with its spaces, measured outside a frame: a block kept together
    (a question's kept opening inside a gathered block) by its parts, as ReportLab's own wrap of
    one needs the canvas a frame gives it."""
    if isinstance(flowable, KeepTogether):
        return sum(_height(f, width, room) for f in flowable._content)
    return flowable.wrap(width, room)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _closed(lines: AnswerLines, closing: list[Flowable], ends: bool) -> AnswerLines:
    twin = lines._copy(lines.count, lines.continued, lines.closing + closing)
    twin.ends = lines.ends or ends
    return twin
