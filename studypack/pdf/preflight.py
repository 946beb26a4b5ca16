"""Preflight: what a typesetter would catch on the finished pages, as warnings.

While a document is laid out, the canvas and the flowables leave notes on each page (the
smallest text drawn, how much of the page is used, a split option list, the lines of a
source on either side of a break, a line wider than its box). `check` reads them and
says, by file, sheet and page, what a teacher would otherwise find by looking. `--strict`
turns these warnings into errors like any other.

`defects` counts what a typesetter marks on a proof, page by page, by kind (a split exercise,
a sparse page, a lone line, a runt, a hairline rule), read from what the views made (which
exercise each placed part belongs to: `views/exercises.py`), never guessed from the ink:
`tools/page_defects.py` prints them as a table, and tests hold the example to a count. These
are counted there, not warned about.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Spacer
from reportlab.platypus.doctemplate import LCActionFlowable

from studypack.base.errors import Problem
from studypack.views.exercises import LABEL
from studypack.views.flowables import AnswerLines, SheetStart
from studypack.views.notes import (CoverRan, Hairline, Holds, Lone, OptionsSplit, Overflow, PageNotes, Piece,
                                   Runt, SourceBreak, SourceLines, TextSize, TimelineFar)
from studypack.views.toolkit import FullWidth

__all__ = ["KINDS", "Defect", "PageNotes", "check", "defects"]

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


KINDS = ("split", "sparse", "lone", "runt", "hairline", "other")
FULL = 0.75       # a source breaking to the next page leaves no more than a quarter of its page empty …
SPARSE = 0.4      # … and a page (not the last of its sheet) uses at least this share of its text area
HEADINGS = ("title", "section.heading", "source.heading", "key.heading", "booklet.title")


@dataclass(frozen=True)
class Defect:
    """One thing a typesetter would mark on a page: its kind (one of `KINDS`), where, what."""

    kind: str
    file: str
    page: int  # in the document, from 1
    said: str


def defects(pages: list[PageNotes], minimum: float, height: float, file: str, thinnest: float,
            carried: float = CARRIED) -> list[Defect]:
    """Every defect of one document's pages: an exercise split over a page without saying so
    (a list of options, a question's parts, a source broken short of a full page or inside a
    sentence), a sparse page (not the last of its sheet), a lone line at a page's foot or top
    (a heading included), each runt, a page with rules thinner than `thinnest` (the layout's
    `minimum_rule`), and the other warnings of `check`."""
    found: list[Defect] = []
    going = _going_on(pages)
    for at, page in enumerate(pages, 1):
        def add(kind: str, said: list[str]) -> None:
            found.extend(Defect(kind, file, at, s) for s in said)
        add("split", _splits(page, going.get(at - 1, {}), height))
        add("sparse", _sparse(page, height, carried) or _thin_page(page, height) if at < len(pages) else [])
        add("lone", _lone(page, last=at == len(pages)))
        add("runt", [f"a last line of one word: '{n.word}'" for n in page.notes if isinstance(n, Runt)])
        thin = min((n.width for n in page.notes if isinstance(n, Hairline)), default=None)
        add("hairline", [f"rules at {thin:g} pt"] if thin is not None and thin < thinnest - SIZE_SLACK / 10 else [])
        add("other", _small_text(page, minimum) + [s for s in _noticed(page) if not s.startswith("a list of options")])
    return found


def _going_on(pages: list[PageNotes]) -> dict[int, dict[str, list[str]]]:
    """For each page (from 1), the exercises placed on it, each with its parts there, in order."""
    found: dict[int, dict[str, list[str]]] = {}
    for at, page in enumerate(pages, 1):
        here: dict[str, list[str]] = {}
        for note in page.notes:
            if isinstance(note, Piece):
                here.setdefault(note.key, []).append(note.part)
        found[at] = here
    return found


def _splits(page: PageNotes, before: dict[str, list[str]], height: float) -> list[str]:
    """An exercise the page before holds part of going on here with no "continued" over it; a list
    of options split; a source that breaks at the foot of this page short of a full page (unless
    set as an insert, large print, and ending the page with a whole paragraph), or inside a
    sentence."""
    said = ["a list of options is split across pages"] if any(isinstance(n, OptionsSplit) for n in page.notes) else []
    pieces = [n for n in page.notes if isinstance(n, Piece)]
    for key in dict.fromkeys(n.key for n in pieces):
        mine = [n for n in pieces if n.key == key]
        if key not in before:
            continue
        # a part of its own under its own numbered stem ("3(b)") says whose it is
        if not any(n.continued for n in mine) and mine[0].part != "stem":
            parts = " and ".join(dict.fromkeys(mine_part for mine_part in (n.part for n in mine)))
            said.append(f"{mine[0].name} goes on from the page before with no 'continued': its "
                        f"{' and '.join(dict.fromkeys(before[key]))} there, its {parts} here")
        elif next((n.part for n in mine if n.part != LABEL), "") == "explanation":
            said.append(f"{mine[0].name}'s explanation ('Why:') starts this page, away from its answer")
    used = page.used()
    for note in page.notes:
        if not isinstance(note, SourceBreak):
            continue
        why = [] if note.sentence_end else ["inside a sentence"]
        if used is not None and used < FULL * height and not note.paragraph_end:  # an insert's page ends with a paragraph
            why.append(f"with {1 - used / height:.0%} of the page empty")
        if why:
            said.append(f"{note.name} breaks to the next page {' and '.join(why)}")
    return said


def _thin_page(page: PageNotes, height: float) -> list[str]:
    """A page, not the last of its sheet, using less than `SPARSE` of its text area."""
    used = page.used()
    if used is None or page.number >= page.of or used >= SPARSE * height:
        return []
    return [f"the page is {used / height:.0%} full, and its sheet goes on overleaf"]


def _lone(page: PageNotes, last: bool) -> list[str]:
    """A paragraph's one line alone at the page's foot or top; a heading last on the page (its
    text overleaf), or a page holding headings only."""
    said = [f"one line of a paragraph alone at the page's {n.where}: '{n.words}'" for n in page.notes
            if isinstance(n, Lone)]
    placed = [n for n in page.notes if isinstance(n, Holds) and not issubclass(n.kind, SPILL)]
    heads = [n for n in placed if n.style.rstrip("+") in HEADINGS]
    if placed and len(heads) == len(placed) and not last:
        said.append("a heading alone on its page")
    elif placed and heads and placed[-1] is heads[-1] and not last and page.number < page.of:
        said.append("a heading at the page's foot, its text overleaf")
    return said


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
        elif isinstance(note, CoverRan):
            said.append(f"the cover's {note.page} page runs over onto the next page: shorten the profile's "
                        "cover: blocks or choose a smaller layout")
    return said


def _sheet_name(sheet: dict | None) -> str:
    title = (sheet or {}).get("title")
    return f"sheet '{title}', " if title else ""
