"""Typeset flowables into PDF bytes, in stages:

1. lay out: Platypus places the flowables on the layout's pages (`PageCanvas` holds each
   finished page back, with what its drawing noticed);
2. decorate: header, footer, logo, "Turn over", the margin notice and a BLANK PAGE where a
   run needs one, drawn once every page is known, so "Page N of M" knows M;
3. impose or stamp: the pages placed two-up for a booklet, or kept as forms for a class set;
4. write: the PDF's bytes, with `invariant=1` for the same bytes on every build.

ReportLab's private names are used only in `rl_canvas`."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import partial
from typing import Iterator

from reportlab import rl_config
from reportlab.platypus import PageBreak, PageTemplate

from studypack.base.errors import StudypackError
from studypack.io import impose
from studypack.pdf import objstreams, tagging
from studypack.pdf.decorations import Decorations
from studypack.pdf.tagging import Tagger
from studypack.pdf.rl_canvas import HeldPage, PageCanvas, PageFrame, RecordingFrame, Replay
from studypack.settings.layout import Layout
from studypack.views.flowables import FittingDocTemplate, SheetStart
from studypack.views.notes import AnswerBox, Notes, PageNotes

__all__ = ["BLANK_STUDENT", "Recording", "Replay", "render"]

rl_config.useA85 = 0  # plain binary streams: a quarter smaller, same pages


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

    def noting(self, warn):
        """`warn`, marking the recording unclean when called (a block split inside a row or shrunk)."""
        def noted(*args, **kwargs):
            self.clean = False
            return warn(*args, **kwargs)
        return noted


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
    With `notes`, each page's preflight notes are appended to it (a `PageNotes` a page).
    With `recording`, where each flowable was drawn is noted in it; `replay` (a recording's
    pages and notes) draws those pages again, before any `sheets`."""
    decorations = Decorations(layout, composer, meta.get("furniture", True))
    laid = lay_out(_story(sheets, replay), layout, composer, meta, decorations, capture, notes is not None, recording,
                   [page_notes for _drawn, page_notes in replay] if replay is not None else None)
    finished = decorate(laid.canvas, laid.pages, decorations, _variables(meta, layout), capture is not None, notes)
    if capture is not None:
        stamp(laid.canvas, finished, capture)
        return b"", laid.count + decorations.added
    if layout.page.booklet:
        sides = impose_pages(laid.canvas, finished, layout.page.dimensions)
        return write(laid), sides
    emit_pages(laid.canvas, finished)
    return write(laid), laid.count + decorations.added


@dataclass
class LaidOut:
    """Stage 1's output: the canvas holding the laid-out pages back, the pages in order, how
    many Platypus made, and the buffer the PDF will be written to."""

    canvas: PageCanvas
    pages: list[HeldPage]
    count: int
    buffer: io.BytesIO


def lay_out(story: list, layout: Layout, composer, meta: dict, decorations: Decorations, capture,
            sizes: bool, recording: Recording | None, replayed: list[list] | None) -> LaidOut:
    """Stage 1: Platypus places the story on the layout's pages, each page held back undecorated
    with its notes (`sizes`: the size of every text drawn among them); with `capture`, drawn
    into the class set's master document."""
    buffer = io.BytesIO()
    book = Book(recording, replayed)
    doc = _document(buffer, layout, composer, meta, decorations, recording)
    tagger = Tagger(meta.get("lang", "en")) if tagged(layout) else None
    held = partial(PageCanvas, held=book.add, least=layout.minimum_text_size, thinnest=layout.minimum_rule_weight,
                   sizes=sizes, into=capture.doc if capture is not None else None,
                   tagger=tagger, roles=dict(layout.tagging.roles))
    try:
        doc.build(story, canvasmaker=held)
    except StudypackError as exc:
        raise _unannotated(exc) from None
    if recording is not None:
        recording.finish()
        if len(recording.pages) != doc.page:  # the pages Platypus began are not those the canvas ended
            recording.clean = False
    return LaidOut(doc.canv, book.pages, doc.page, buffer)


def tagged(layout: Layout) -> bool:
    """Whether the document is tagged: the layout asks for it (a class set's pages, kept as
    forms, carry their marked content into each copy: `copy_tags`)."""
    return layout.tagging.on


def stamp(canvas: PageCanvas, finished: Iterator[Finished], capture) -> None:
    """Stage 3 for a class set: each decorated page kept as a form, with its personal slots."""
    for page in finished:
        capture.page(canvas, page.stamps, page.fields, page.boxes)


def impose_pages(canvas: PageCanvas, finished: Iterator[Finished], page_size: tuple[float, float]) -> int:
    """Stage 3 for a booklet: the decorated pages two-up on the sides of folded sheets; the sides.
    Tagged, each side's marked content is its two pages', numbered on from the left page's."""
    pages = [canvas.content() for _page in finished]
    keys: list[int] = []
    if canvas.tagger is not None:
        first = max((page.key for page in pages), default=0) + 1  # the sides' keys follow the pages'
        for number, pair in enumerate(impose.booklet_order(len(pages))):
            placed = [pages[i] for i in pair if i is not None]
            keys.append(first + number)
            for page, offset in zip(placed, canvas.tagger.join(keys[-1], [page.key for page in placed])):
                page.code = tagging.shifted(page.code, offset)
    size, sides = impose.sides(pages, page_size)
    canvas.impose(size, sides, keys)
    return len(sides)


def emit_pages(canvas: PageCanvas, finished: Iterator[Finished]) -> None:
    """Stage 3 otherwise: each decorated page as a page of the document."""
    for _page in finished:
        canvas.emit()


def write(laid: LaidOut) -> bytes:
    """Stage 4: the PDF's bytes (a tagged document's objects packed, see `objstreams`)."""
    laid.canvas.write()
    if laid.canvas.tagger is not None:
        return objstreams.packed(laid.buffer.getvalue())
    return laid.buffer.getvalue()


def _variables(meta: dict, layout: Layout) -> dict:
    """What header and footer templates see on every page of the document."""
    return {"pack": meta["pack"], "student": meta.get("student") or BLANK_STUDENT,
            "school": {"name": layout.branding.school}, **meta.get("variables", {})}


def _document(buffer: io.BytesIO, layout: Layout, composer, meta: dict, decorations: Decorations,
              recording: Recording | None) -> FittingDocTemplate:
    """The Platypus document: the layout's page, one body frame (noting what it draws where
    there is a recording), the page tint under each page's content."""
    width, height = layout.page.dimensions
    m = layout.page.margins
    doc = FittingDocTemplate(
        buffer, pagesize=(width, height), invariant=1, pageCompression=1,
        leftMargin=m.left, rightMargin=m.right, topMargin=m.top, bottomMargin=m.bottom,
        title=meta.get("title", ""), author=meta.get("author", ""), subject=meta.get("subject", ""),
        creator="studypack", producer="studypack (ReportLab)", lang=meta.get("lang", "en"),
        initialFontName=composer.style("body").fontName,  # else every page declares an unembedded Helvetica
    )
    frame_kind = PageFrame if recording is None else partial(RecordingFrame, recording=recording)
    frame = frame_kind(m.left, m.bottom, width - m.left - m.right, height - m.top - m.bottom,
                       leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=partial(_background, decorations))])
    doc.label = meta.get("file", "document")
    doc.warn = getattr(composer, "warn", None)
    if recording is not None and doc.warn is not None:
        doc.warn = recording.noting(doc.warn)
    return doc


def _background(decorations: Decorations, canvas: PageCanvas, _doc) -> None:
    """The page's tint, drawn as each page begins: page furniture."""
    with canvas.furniture():
        decorations.background(canvas)


def _story(sheets: list[tuple[dict, list]], replay: list[tuple[list, list]] | None) -> list:
    """The flowables to lay out: the replayed pages, a page each, then each sheet from its start."""
    story: list = []
    for i, (drawn, _notes) in enumerate(replay or []):
        if i:
            story.append(PageBreak())
        story.append(Replay(drawn))
    for i, (info, flowables) in enumerate(sheets):
        if i:
            story.append(PageBreak())
        story.append(SheetStart(info))
        story.extend(flowables)
    return story


class Book:
    """The laid-out pages, in order, as the canvas hands them over. A replayed page takes the
    notes its first layout made; with a recording, each page's notes so far go into it too."""

    def __init__(self, recording: Recording | None, replayed: list[list] | None):
        self.pages: list[HeldPage] = []
        self.recording, self.replayed = recording, replayed

    def add(self, page: HeldPage) -> None:
        if self.replayed is not None and len(self.pages) < len(self.replayed):
            page.notes = Notes(self.replayed[len(self.pages)])
        if self.recording is not None:
            self.recording.page_done(page.notes)
        self.pages.append(page)


@dataclass
class Finished:
    """A decorated page, the canvas's current page until the next is asked for: a class set's
    personal header and footer slots (`stamps`) and student fields to fill on it, and the
    tick boxes drawn on it that the scanner reads (`boxes`, where the build is for marking)."""

    stamps: list
    fields: list
    boxes: list = field(default_factory=list)


def decorate(canvas: PageCanvas, pages: list[HeldPage], decorations: Decorations, variables: dict,
             stamping: bool, notes: list | None) -> Iterator[Finished]:
    """Draw the furniture on each page, run by run (a sheet, or a cover and its paper, or a
    bound booklet: what "Page N of M" counts through), adding a BLANK PAGE where a run needs
    one. With `notes`, each page's notes are appended as it is reached."""
    runs = _runs(pages, decorations.layout.page.booklet)
    for run in runs:
        blank = decorations.needs_blank_page([page.sheet for page in run])
        count = len(run) + blank
        for at, page in enumerate(run, start=1):
            canvas.resume(page)
            if notes is not None:  # what the preflight reads of this page
                notes.append(PageNotes(page.sheet, at, count, page.notes))
            finished = _furnish(canvas, decorations, _values(variables, page.sheet, at, count), at < len(run),
                                stamping, page.fields or [])
            finished.boxes = [n for n in page.notes if isinstance(n, AnswerBox)]
            yield finished
        if blank:  # an exam paper ends on an even page: "BLANK PAGE" after its last
            canvas.blank_after(run[-1])
            decorations.background(canvas)
            decorations.blank(canvas)
            yield _furnish(canvas, decorations, _values(variables, run[-1].sheet, count, count), False, stamping, [])
            decorations.added += 1


def _furnish(canvas: PageCanvas, decorations: Decorations, values: dict, continues: bool, stamping: bool,
             fields: list) -> Finished:
    stamps: list = []
    decorations.draw(canvas, values, stamps if stamping else None, continues)
    return Finished(stamps, fields)


def _values(variables: dict, sheet: dict, page: int, pages: int) -> dict:
    """What header and footer templates see on one page."""
    shown = {k: v for k, v in (sheet or {}).items() if k != "run"}
    return {"pack": variables["pack"], "sheet": shown, "page": page, "pages": pages,
            **{k: v for k, v in variables.items() if k != "pack"}}


def _runs(pages: list[HeldPage], booklet: bool) -> list[list[HeldPage]]:
    """The pages of each run: what pages are numbered through (a booklet's pages are one run)."""
    runs: list[list[HeldPage]] = []
    previous = None
    for page in pages:
        run = "booklet" if booklet else _run(page.sheet)
        if run != previous or not runs:
            runs.append([])
            previous = run
        runs[-1].append(page)
    return runs


def _run(sheet) -> object:
    """What pages are numbered through: the sheet, or its `run` (a cover and its paper are one)."""
    return (sheet or {}).get("run") or id(sheet)


def _unannotated(exc: StudypackError) -> StudypackError:
    """Our error as raised: ReportLab re-raises an error from inside a build as a new one
    with its own notes ("handle_pageBegin args=()") in front; the original is its context."""
    while isinstance(exc.__context__, StudypackError):
        exc = exc.__context__
    return exc
