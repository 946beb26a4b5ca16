"""Preflight: what a typesetter would catch on the finished pages, as warnings.

While a document is laid out, the canvas and the flowables leave notes on each page (the
smallest text drawn, how much of the page is used, a split option list, the lines of a
source on either side of a break, a line wider than its box). `check` reads them and
says, by file, sheet and page, what a teacher would otherwise find by looking. `--strict`
turns these warnings into errors like any other.
"""

from __future__ import annotations

from reportlab.platypus import Spacer
from reportlab.platypus.doctemplate import LCActionFlowable

from studypack.base.errors import Problem
from studypack.views.flowables import AnswerLines, SheetStart
from studypack.views.notes import OptionsSplit, Overflow, PageNotes, SourceLines, TextSize, TimelineFar
from studypack.views.toolkit import FullWidth

__all__ = ["PageNotes", "check"]

FEW = 0.15        # a page (after a sheet's first) using less than this share holds a token remainder
CARRIED = 0.5     # a page of carried-over answer lines using less than this share (unless the layout says)
SPILL = (AnswerLines, Spacer, SheetStart,  # what a page of spilled lines holds (a page break is a Spacer),
         LCActionFlowable)                 # with the page's own markers (a frame break is one)
MIN_LINES = 3     # lines of a source's text a break should leave on either side
SIZE_SLACK = 0.05  # points: rounding in sizes is not a defect


def check(pages: list[PageNotes], minimum: float, height: float, file: str,
          carried: float = CARRIED) -> list[Problem]:
    """Warnings for the pages of one document; `minimum` is the layout's smallest text size,
    `height` the text area's and `carried` the least share of a page that answer lines carried
    over alone fill (the layout's `answer_lines.carried`)."""
    found: list[Problem] = []
    for page in pages:
        where = f"{file}, {_sheet_name(page.sheet)}page {page.number}"
        found += [Problem(f"{where}: {said}") for said in _small_text(page, minimum)]
        found += [Problem(f"{where}: {said}") for said in _sparse(page, height, carried)]
        found += [Problem(f"{where}: {said}") for said in _noticed(page)]
    return found


def _small_text(page: PageNotes, minimum: float) -> list[str]:
    smallest = min((n.size for n in page.notes if isinstance(n, TextSize)), default=None)
    if smallest is not None and minimum and smallest < minimum - SIZE_SLACK:
        return [f"text at {smallest:g} pt, below the layout's minimum of {minimum:g} pt"]
    return []


def _sparse(page: PageNotes, height: float, carried: float) -> list[str]:
    """A page after a sheet's first holding only a few carried answer lines, or a token remainder."""
    used = page.used()
    if used is None or page.number <= 1:
        return []
    held = page.holds()
    if held and all(issubclass(kind, SPILL) for kind in held) and used < max(carried, FEW) * height:
        return [f"the page holds only a few answer lines carried over ({used / height:.0%} of it is used)"]
    if used < FEW * height and not any(issubclass(kind, FullWidth) for kind in held):  # no question starts here
        return [f"the page holds only a few lines ({used / height:.0%} of it is used): "
                "a token remainder of what the page before holds"]
    return []


def _noticed(page: PageNotes) -> list[str]:
    """What the flowables noticed as they were drawn: a split option list, a source's few lines
    on a page, a timeline label far from its dot, a line wider than its box."""
    said = ["a list of options is split across pages"] if any(isinstance(n, OptionsSplit) for n in page.notes) else []
    for note in page.notes:
        if isinstance(note, SourceLines) and note.lines < MIN_LINES:
            said.append(f"{note.name} has only {note.lines} line{'s' if note.lines != 1 else ''} of its text on this page")
        elif isinstance(note, TimelineFar):
            said.append(f"the timeline's label '{note.label}' sits {note.distance:.0f} mm from its dot")
        elif isinstance(note, Overflow):
            said.append(f"a line overflows its box by {note.by:.1f} pt: '{note.words}'")
    return said


def _sheet_name(sheet: dict | None) -> str:
    title = (sheet or {}).get("title")
    return f"sheet '{title}', " if title else ""
