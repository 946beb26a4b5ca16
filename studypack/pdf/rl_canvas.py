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
  `_colorsUsed`, `_shadingUsed`, `_annotationrefs`);
- the body frame drops a gap a page break put at its top (`_atTop`, `_reset`, `_add`), and a
  recorded page is replayed with each flowable told its frame (`_frame`; `_ZEROSIZE` lets a
  zero-size flowable be placed).

The flowables' page markers (`_studypack_notes`, `_studypack_fields`, `_studypack_least`,
`_studypack_sheet`) are this canvas's own attributes, read and set by the views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFFormXObject
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Spacer

from studypack.io.impose import Captured, Side
from studypack.media.maths import inline as maths
from studypack.views.flowables import SheetStart
from studypack.views.notes import Hairline, Notes, TextSize

_ACCUMULATORS = ("_code", "_formsinuse", "_annotationrefs", "_formData", "_colorsUsed", "_shadingUsed",
                 "_psCommandsBeforePage", "_psCommandsAfterPage", "_currentPageHasImages")
_GRAPHICS = tuple(Canvas.STATE_ATTRIBUTES) + ("state_stack", "_pageNumber")
_TEXT_SIZE = re.compile(r" ([0-9.]+) Tf")


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
                 thinnest: float = 0, **kwargs):
        self._studypack_thinnest = thinnest  # before Canvas.__init__, which sets the first line width
        super().__init__(*args, **kwargs)
        if into is not None:
            self._doc = into  # shared fonts and forms
            self._make_preamble()
        self.held, self.sizes, self.capturing = held, sizes, into is not None
        self._studypack_sheet: dict = {}
        self._studypack_least = least
        self._studypack_fields: list | None = [] if self.capturing else None
        self._studypack_notes = Notes()
        maths.register(self)  # $...$ in a paragraph: its formulas drawn by name, on every page canvas

    # -- laying out (called by Platypus)
    def drawText(self, aTextObject):
        if self.sizes:
            code = aTextObject.getCode()
            if "Tj" in code or "TJ" in code:
                sizes = [float(s) for s in _TEXT_SIZE.findall(code)] or [self._fontsize]
                self._studypack_notes.append(TextSize(min(sizes)))
        super().drawText(aTextObject)

    def setLineWidth(self, width):
        if 0 < width < getattr(self, "_studypack_thinnest", 0):  # large print: no rule under the layout's weight
            width = self._studypack_thinnest
        if self.sizes and 0 < width < self._studypack_notes.thinnest:  # the page's thinnest rule yet (preflight)
            self._studypack_notes.thinnest = float(width)
            self._studypack_notes.append(Hairline(float(width)))
        super().setLineWidth(width)

    def showPage(self):
        page = HeldPage({name: getattr(self, name) for name in _ACCUMULATORS + _GRAPHICS},
                        self._studypack_sheet, self._studypack_notes, self._studypack_fields)
        self._startPage()
        self._studypack_notes = Notes()
        if self.capturing:
            self._studypack_fields = []
        self.held(page)

    def save(self):
        """Platypus saves when its layout ends; the pipeline writes the file once the pages are done."""

    # -- decorating, writing
    def resume(self, page: HeldPage) -> None:
        """Make a held page the one drawn on again (its notes hear the text drawn)."""
        for name, value in page.drawn.items():
            setattr(self, name, value)
        self._studypack_sheet, self._studypack_notes, self._studypack_fields = page.sheet, page.notes, page.fields

    def blank_after(self, page: HeldPage) -> None:
        """Begin an added page after `page`: nothing drawn on it yet; its text is noted with
        `page`'s."""
        self.resume(page)
        self.clear()

    def clear(self) -> None:
        """Empty the current page and reset the graphics state."""
        self._restartAccumulators()
        self.init_graphics_state()
        self.state_stack: list = []

    def emit(self) -> None:
        """Write the current page into the document."""
        Canvas.showPage(self)

    def content(self) -> Captured:
        """The current page's operators and resources, for imposition."""
        return Captured(list(self._code), list(self._formsinuse), dict(self._colorsUsed), dict(self._shadingUsed),
                        list(self._annotationrefs))

    def impose(self, size: tuple[float, float], sides: list[Side]) -> None:
        """Write booklet sides, each its two pages' operators (see io.impose.sides)."""
        self.clear()
        self.setPageSize(size)
        for side in sides:
            self._colorsUsed.update(side.colours)
            self._shadingUsed.update(side.shading)
            self._annotationrefs.extend(side.annotations)
            self._code = side.code
            self._formsinuse = side.forms
            Canvas.showPage(self)

    def write(self) -> None:
        """Write the file (to the buffer Platypus was given)."""
        Canvas.save(self)


def document_of(canvas: Canvas) -> PDFDocument:
    """The document a canvas writes into (a class set's master: its fonts and forms)."""
    return canvas._doc


def page_form(canvas: Canvas) -> tuple[PDFFormXObject, float, float]:
    """The canvas's current page as a form of its document, with the page's width and height."""
    width, height = canvas._pagesize
    form = PDFFormXObject(lowerx=0, lowery=0, upperx=width, uppery=height)
    form.compression = canvas._pageCompression
    form.setStreamList([canvas._preamble] + canvas._code)
    canvas._setColorSpace(form)
    canvas._setExtGState(form)
    canvas._setXObjects(form)
    return form, width, height


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
