"""The one module that reaches into ReportLab's private names, each for a reason given here.

The render pipeline holds laid-out pages back until every page is known (so a footer can
say "Page N of M"), decorates them, then writes them, keeps them as forms, or imposes them.
ReportLab's canvas has no public way to hold a page, so:

- a page is held as the canvas's page accumulators (`_code`, `_formsinuse`,
  `_annotationrefs`, `_formData`, `_colorsUsed`, `_shadingUsed`, `_psCommandsBeforePage`,
  `_psCommandsAfterPage`, `_currentPageHasImages`), its graphics state (the attributes
  `Canvas.STATE_ATTRIBUTES` names, and `state_stack`) and `_pageNumber`; a fresh page is
  begun with `_startPage`, and a held one put back by assigning them again;
- `Canvas.showPage` and `Canvas.save` write a page and the file; Platypus calls this canvas's
  own `showPage` (hold) and `save` (nothing yet), so the pipeline calls the base class's;
- the text size of each drawn text object falls back to `_fontsize` where its code names none;
- a class set's pages become forms of one master document: the canvas draws into that
  document (`_doc`, `_make_preamble`), and a page's code, compression and resources go into a
  `PDFFormXObject` (`_preamble`, `_pageCompression`, `_pagesize`, `_setColorSpace`,
  `_setExtGState`, `_setXObjects`);
- a booklet side is written from its two pages' code and resources (`_code`, `_formsinuse`,
  `_colorsUsed`, `_shadingUsed`, `_annotationrefs`, and the graphics states, a blend or an
  alpha, that `_extgstate._c` names);
- the body frame drops a gap a page break put at its top (`_atTop`, `_reset`, `_add`), and a
  recorded page is replayed with each flowable told its frame (`_frame`; `_ZEROSIZE` lets a
  zero-size flowable be placed).

- a tagged document (`pdf.tagging`) marks each operation as the page records it: the page's
  operations are a `MarkedCode` list, made anew where `_restartAccumulators` makes `_code`;
  a page written gets `/StructParents` and `/Tabs`, which ReportLab's page object writes
  only where its `__NoDefault__` names them (the page is `_doc.Pages.pages[-1]`, numbered
  `_doc.pageCounter - 1`); `Flowable.drawOn` is wrapped, once, so that every flowable,
  a table's cells and a box's parts too, draws inside its element; and a table's rows and
  cells are told by its `_renderCB` (ReportLab's table callback); a class set's tagged page
  becomes a form whose stream says its `/StructParents`: ReportLab's form makes its stream
  (`Contents`, from `stream`) only where it has none, so `TaggedForm` makes it first.

The flowables' page markers (`_studypack_notes`, `_studypack_fields`, `_studypack_least`,
`_studypack_sheet`) are this canvas's own attributes, read and set by the views.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFFormXObject, PDFName, PDFStream
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer, Table

from studypack.io.impose import Captured, Side
from studypack.media.maths import inline as maths
from studypack.pdf import tag_writer
from studypack.pdf.tagging import ARTIFACT, Tagger, classify
from studypack.views import roles
from studypack.views.flowables import SheetStart
from studypack.views.notes import Hairline, Notes, TextSize

_ACCUMULATORS = ("_code", "_formsinuse", "_annotationrefs", "_formData", "_colorsUsed", "_shadingUsed",
                 "_psCommandsBeforePage", "_psCommandsAfterPage", "_currentPageHasImages")
_GRAPHICS = tuple(Canvas.STATE_ATTRIBUTES) + ("state_stack", "_pageNumber", "_studypack_key")
_TEXT_RUNS = re.compile(r" ([0-9.]+) Tf| (-?[0-9.]+) Ts|\) Tj|\] TJ")  # a size, a rise, a run drawn


def _baseline_sizes(code: str, size: float) -> list[float]:
    """The sizes of the text a text object's code draws on its baseline: a run raised or lowered
    (`Ts`, a unit's power, m/s²) is a script, which a layout's least text size does not cover,
    as it does not cover a formula's scripts (drawn by the maths face, never here)."""
    sizes, rise = [], 0.0
    for match in _TEXT_RUNS.finditer(code):
        if match.group(1) is not None:
            size = float(match.group(1))
        elif match.group(2) is not None:
            rise = float(match.group(2))
        elif not rise:
            sizes.append(size)
    return sizes


@dataclass
class HeldPage:
    """A laid-out page not yet written: what the canvas drew on it, and the page's markers
    (its sheet, what its drawing noticed, a class set's student fields on it)."""

    drawn: dict
    sheet: dict
    notes: Notes
    fields: list | None


class PageCanvas(Canvas):
    """The canvas Platypus lays a document out on: each finished page goes to `held` (a
    callable taking a HeldPage) instead of into the file.

    `least` is the layout's smallest text size (a stamped value never prints smaller);
    `thinnest` its thinnest rule (every line width is raised to it);
    `sizes` notes the size of every text drawn; `into`, a class set's master document,
    makes the pages draw into it and note their student fields."""

    def __init__(self, *args, held, least: float = 0, sizes: bool = False, into: PDFDocument | None = None,
                 thinnest: float = 0, tagger: Tagger | None = None, roles: dict | None = None, **kwargs):
        self._studypack_thinnest = thinnest  # before Canvas.__init__, which sets the first line width
        self.tagger, self.roles = tagger, roles or {}
        self._studypack_key = 0  # the page's key in the tagger (a held page keeps its own)
        self._tagged_pages: dict[int, int] = {}  # page key -> its number in the document
        super().__init__(*args, **kwargs)
        if into is not None:
            self._doc = into  # shared fonts and forms
            self._make_preamble()
        self.held, self.sizes, self.capturing = held, sizes, into is not None
        self._studypack_sheet: dict = {}
        self._studypack_least = least
        self._studypack_fields: list | None = Spots(tagger) if self.capturing else None
        self._studypack_notes = Notes()
        maths.register(self)  # $...$ in a paragraph: its formulas drawn by name, on every page canvas

    # -- laying out (called by Platypus)
    def drawText(self, aTextObject):
        if self.sizes:
            code = aTextObject.getCode()
            if "Tj" in code or "TJ" in code:
                sizes = _baseline_sizes(code, self._fontsize)
                if sizes:
                    self._studypack_notes.append(TextSize(min(sizes)))
        super().drawText(aTextObject)

    def setLineWidth(self, width):
        if 0 < width < getattr(self, "_studypack_thinnest", 0):  # large print: no rule under the layout's weight
            width = self._studypack_thinnest
        if self.sizes and 0 < width < self._studypack_notes.thinnest:  # the page's thinnest rule yet (preflight)
            self._studypack_notes.thinnest = float(width)
            self._studypack_notes.append(Hairline(float(width)))
        super().setLineWidth(width)

    def _restartAccumulators(self):
        super()._restartAccumulators()
        if getattr(self, "tagger", None) is not None:  # (Canvas.__init__ calls this before the tagger is set)
            self._code = MarkedCode(self.tagger)
            self.tagger.open = None

    def showPage(self):
        self._close_marked()
        page = HeldPage({name: getattr(self, name) for name in _ACCUMULATORS + _GRAPHICS},
                        self._studypack_sheet, self._studypack_notes, self._studypack_fields)
        self._startPage()
        self._next_key()
        self._studypack_notes = Notes()
        if self.capturing:
            self._studypack_fields = Spots(self.tagger)
        self.held(page)

    def save(self):
        """Platypus saves when its layout ends; the pipeline writes the file once the pages are done."""

    # -- decorating, writing
    def resume(self, page: HeldPage) -> None:
        """Make a held page the one drawn on again (its notes hear the text drawn); what is
        drawn on it now is page furniture (an artifact, where the document is tagged)."""
        self._close_marked()
        for name, value in page.drawn.items():
            setattr(self, name, value)
        self._studypack_sheet, self._studypack_notes, self._studypack_fields = page.sheet, page.notes, page.fields
        if self.tagger is not None:
            self.tagger.page, self.tagger.decorating = self._studypack_key, True

    def blank_after(self, page: HeldPage) -> None:
        """Begin an added page after `page`: nothing drawn on it yet; its text is noted with
        `page`'s."""
        self.resume(page)
        self.clear()
        self._next_key(decorating=True)

    def clear(self) -> None:
        """Empty the current page and reset the graphics state."""
        self._restartAccumulators()
        self.init_graphics_state()
        self.state_stack: list = []

    def emit(self) -> None:
        """Write the current page into the document (tagged: with its key to the parent tree)."""
        self._close_marked()
        Canvas.showPage(self)
        self._tag_written(self._studypack_key)

    def _tag_written(self, key: int) -> None:
        """The page just written is the tagger's page `key`: its number, its key into the
        parent tree and its tab order."""
        if self.tagger is not None:
            number = self._doc.pageCounter - 1
            self._tagged_pages[key] = number
            page = self._doc.Pages.pages[-1]
            page.__NoDefault__ = list(page.__NoDefault__) + ["StructParents", "Tabs"]
            page.StructParents, page.Tabs = number, PDFName("S")

    @contextmanager
    def furniture(self) -> Iterator[None]:
        """Draw page furniture (a tint, a header): an artifact where the document is tagged."""
        if self.tagger is None:
            yield
            return
        with self.tagger.element(ARTIFACT):
            yield

    def _next_key(self, decorating: bool = False) -> None:
        """A new page's key (its marked content numbered from 0)."""
        self._studypack_key += 1
        if self.tagger is not None:
            self.tagger.page, self.tagger.decorating = self._studypack_key, decorating

    def _close_marked(self) -> None:
        """End the page's open marked-content sequence (before the page is held or written)."""
        if self.tagger is not None and self.tagger.open is not None:
            list.append(self._code, self.tagger.close().rstrip())

    def content(self) -> Captured:
        """The current page's operators and resources, for imposition (its key: the tagger's)."""
        self._close_marked()
        return Captured(list(self._code), list(self._formsinuse), dict(self._colorsUsed), dict(self._shadingUsed),
                        list(self._annotationrefs), self._studypack_key, dict(self._extgstate._c))

    def impose(self, size: tuple[float, float], sides: list[Side], keys: list[int] | None = None) -> None:
        """Write booklet sides, each its two pages' operators (see io.impose.sides); a tagged
        document's sides are the tagger's pages `keys` (see `Tagger.join`)."""
        self.clear()
        self.setPageSize(size)
        for number, side in enumerate(sides):
            self._colorsUsed.update(side.colours)
            self._shadingUsed.update(side.shading)
            self._annotationrefs.extend(side.annotations)
            self._code = side.code
            self._formsinuse = side.forms
            self._extgstate._c = dict(side.states)
            Canvas.showPage(self)
            if keys:
                self._tag_written(keys[number])

    def write(self) -> None:
        """Write the file (to the buffer Platypus was given), tagged with its structure tree where it has one."""
        if self.tagger is not None:
            tag_writer.write(self._doc, self.tagger, self._tagged_pages, self._doc.info.title)
        Canvas.save(self)


class Spots(list):
    """A class-set page's student fields (the blanks the stamper fills, see views.flowables).
    Tagged, each field is an element of the tree where it is drawn (`spot["element"]`, the
    parts of a field of boxes one element), which each copy's details fill (see copy_tags)."""

    def __init__(self, tagger: Tagger | None):
        super().__init__()
        self.tagger = tagger

    def append(self, spot) -> None:
        if self.tagger is not None:
            same = self and spot.get("part") and self[-1]["field"] == spot["field"]
            spot["element"] = self[-1]["element"] if same else self.tagger.current.add("P")
        super().append(spot)


class MarkedCode(list):
    """A page's content-stream operations, each marked as it is recorded (see `tagging`)."""

    def __init__(self, tagger: Tagger):
        super().__init__()
        self.tagger = tagger

    def append(self, op) -> None:
        kind = classify(str(op))
        if kind != "state":
            before, _after = self.tagger.marking(kind)
            if before:
                super().append(before.rstrip())
        super().append(op)


_DRAW_ON = Flowable.drawOn


def _tagged_draw_on(self, canvas, x, y, _sW=0):
    """`Flowable.drawOn`, inside the element the flowable is (see `views.roles`) where the
    canvas tags its document. Installed on `Flowable` because a table or box draws the
    flowables inside it with `drawOn` too: each is tagged wherever it is drawn."""
    tagger = getattr(canvas, "tagger", None)
    if tagger is None or tagger.decorating:
        return _DRAW_ON(self, canvas, x, y, _sW)
    role, attributes = roles.role_of(self, canvas.roles)
    with tagger.element(role, **attributes):
        if getattr(self, "items", None) and role is not None:
            tagger.current.columns = self.items  # a list's tables: each column's role in an item
        cells = roles.cells_of(self, role, tagger) if isinstance(self, Table) else None
        if cells is not None and getattr(self, "_renderCB", None) is None:
            self._renderCB = cells
            try:
                return _DRAW_ON(self, canvas, x, y, _sW)
            finally:
                self._renderCB = None
        return _DRAW_ON(self, canvas, x, y, _sW)


Flowable.drawOn = _tagged_draw_on  # type: ignore[method-assign]


def document_of(canvas: Canvas) -> PDFDocument:
    """The document a canvas writes into (a class set's master: its fonts and forms)."""
    return canvas._doc


def tagged_page(canvas: Canvas) -> tuple[Tagger, int] | None:
    """A tagged canvas's tree and the key of its current page there (None: untagged)."""
    tagger = getattr(canvas, "tagger", None)
    return (tagger, canvas._studypack_key) if tagger is not None else None


def page_form(canvas: Canvas, key: int | None = None) -> tuple[PDFFormXObject, float, float]:
    """The canvas's current page as a form of its document, with the page's width and height.
    A tagged page's form has its marked content closed, and `key` as its `/StructParents`
    (its key into a copy's parent tree: `assemble`)."""
    if isinstance(canvas, PageCanvas):
        canvas._close_marked()
    width, height = canvas._pagesize
    tagged = key is not None and getattr(canvas, "tagger", None) is not None
    form = TaggedForm(key, lowerx=0, lowery=0, upperx=width, uppery=height) if key is not None and tagged else \
        PDFFormXObject(lowerx=0, lowery=0, upperx=width, uppery=height)
    form.compression = canvas._pageCompression
    form.setStreamList([canvas._preamble] + canvas._code)
    canvas._setColorSpace(form)
    canvas._setExtGState(form)
    canvas._setXObjects(form)
    return form, width, height


class TaggedForm(PDFFormXObject):
    """A form whose marked content is part of a structure tree: its stream says its key into
    the parent tree (`/StructParents`). ReportLab's form makes its stream only where it has
    none (`Contents`), so the stream is made here, with the key, and the form fills in the rest."""

    def __init__(self, key: int, **box):
        super().__init__(**box)
        self.key = key

    def format(self, document):
        if not self.Contents:
            stream = PDFStream()
            stream.content = self.stream
            stream.dictionary["StructParents"] = self.key
            self.Contents = stream
        return super().format(document)


class PageFrame(Frame):
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


class RecordingFrame(PageFrame):
    """A frame that notes each flowable it draws, and where, on the last of `recording.pages`
    (each page a list of (flowable, x, y, shift)). The recording is shared, not copied, when
    Platypus copies the frame."""

    def __init__(self, *args, recording, **kwargs):
        super().__init__(*args, **kwargs)
        self.recording = recording

    def add(self, flowable, canv, trySplit=0):
        drawn = self.recording.pages[-1]

        def draw_on(canvas, x, y, _sW=0):
            drawn.append((flowable, x, y, _sW))
            type(flowable).drawOn(flowable, canvas, x, y, _sW)

        flowable.drawOn = draw_on
        try:
            return PageFrame.add(self, flowable, canv, trySplit)
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
