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

from studypack.base.errors import Problem, said
from studypack.views.exercises import FACING, LABEL
from studypack.views.flowables import FEW_CARRIED, AnswerLines, SheetStart
from studypack.views.notes import (BLANK_STYLE, Broken, CoverRan, Hairline, Holds, Lone, OptionsSplit, Overflow, PageNotes, Piece,
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
        where = said("term.at", "{where}: ", where=", ".join(
            [file, *_sheet_name(page.sheet), said("term.at-page", "page {n}", page.number)]))
        found += [Problem(where + what) for what in _small_text(page, minimum)]
        found += [Problem(where + what) for what in _sparse(page, height, carried)]
        found += [Problem(where + what) for what in _noticed(page)]
    return found


KINDS = ("split", "sparse", "lone", "runt", "hairline", "other")
FULL = 0.75       # a source breaking to the next page leaves no more than a quarter of its page empty …
SPARSE = 0.4      # … and a page (not the last of its sheet) uses at least this share of its text area
CARRIED_PARTS = ("answer lines", "source")  # what goes on overleaf under "continued" as papers do (a source by its own rules)
STUB = 0.25       # a page printing on less than this share of its text area, what follows going on overleaf
LINES = (LABEL, FACING)  # the lines a split adds, saying the exercise goes on
HEADINGS = ("title", "section.heading", "source.heading", "key.heading", "booklet.title")
TAIL = 0.6        # a page holding only an exercise's end under "continued", less full than this, is sparse
LONE_TEXT = 0.2   # an exercise's last paragraph under "continued" shorter than this share of the page reads as left behind


@dataclass(frozen=True)
class Defect:
    """One thing a typesetter would mark on a page: its kind (one of `KINDS`), where, what."""

    kind: str
    file: str
    page: int  # in the document, from 1
    said: str


def defects(pages: list[PageNotes], minimum: float, height: float, file: str, thinnest: float,
            carried: float = CARRIED, whole: bool = False, spread: bool = False) -> list[Defect]:
    """Every defect of one document's pages: an exercise split over a page without saying so
    (a list of options, a question's parts, a source broken short of a full page or inside a
    sentence) or, where the document is one a student works in (`whole`), split at all though
    it alone fits a page, or, where the layout sets such exercises across a spread (`spread`),
    one no taller than two pages going on over a page turn rather than to its facing page; a key's paragraph broken inside a sentence; a sparse page (not the
    last of its sheet) or a stub (a few lines alone on a page that is not the end of a section
    the layout starts afresh); a lone line at a page's foot or top (a heading included), each
    runt, a page with rules thinner than `thinnest` (the layout's `minimum_rule`), and the
    other warnings of `check`."""
    found: list[Defect] = []
    going = _going_on(pages)
    fits = _fitting(pages, height) if whole else None
    pairs = _fitting(pages, 2 * height) if whole and spread else set()
    for at, page in enumerate(pages, 1):
        def add(kind: str, said: list[str]) -> None:
            found.extend(Defect(kind, file, at, s) for s in said)
        add("split", _splits(page, going.get(at - 1, {}), height, fits, pairs) + _broken(page))
        following = pages[at] if at < len(pages) else None
        add("sparse", (_sparse(page, height, carried) or _thin_page(page, following, height)
                       or _tail_page(page, following, going.get(at + 1, {}), height)) if following is not None else [])
        add("lone", _lone(page, last=at == len(pages)) + _lone_item(page, going.get(at + 1, {}), height))
        add("split", _few_carried(page, going.get(at - 1, {}), height, fits) if whole else [])
        add("runt", [f"a last line of one word: '{n.word}'" for n in page.notes if isinstance(n, Runt)])
        thin = min((n.width for n in page.notes if isinstance(n, Hairline)), default=None)
        add("hairline", [f"rules at {thin:g} pt"] if thin is not None and thin < thinnest - SIZE_SLACK / 10 else [])
        add("other", _small_text(page, minimum) + _noticed(page, options=False))
    return found


def _fitting(pages: list[PageNotes], height: float) -> set[str]:
    """The exercises no taller than a page, all their parts together (the gaps between them too)."""
    tall: dict[str, float] = {}
    for page in pages:
        for note in page.notes:
            if isinstance(note, Piece) and note.part not in LINES:  # not the lines a split added
                tall[note.key] = tall.get(note.key, 0.0) + note.height
    return {key for key, total in tall.items() if total <= height}


def _broken(page: PageNotes) -> list[str]:
    """A key's paragraph (a mark scheme's, a model answer) going on overleaf from inside a sentence."""
    return [f"a paragraph of the key breaks to the next page inside a sentence: '… {n.words}'"
            for n in page.notes if isinstance(n, Broken) and n.style.startswith("key")]


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


def _splits(page: PageNotes, before: dict[str, list[str]], height: float, fits: set[str] | None = None,
            pairs: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """A list of options split; an exercise going on from the page before as `_going_on_here`
    says, or one of `pairs` (no taller than two pages, a layout that sets them across a spread)
    going on over a page turn; a source breaking as `_source_breaks` says."""
    said = ["a list of options is split across pages"] if any(isinstance(n, OptionsSplit) for n in page.notes) else []
    pieces = [n for n in page.notes if isinstance(n, Piece)]
    for key in dict.fromkeys(n.key for n in pieces):
        mine = [n for n in pieces if n.key == key]
        if key in before and not _faces(mine, page.number):
            said += _going_on_here(mine, before[key], fits) or _turned(mine, pairs, fits)
    return said + _source_breaks(page, height)


def _faces(mine: list[Piece], number: int) -> bool:
    """Whether an exercise's part here is the right-hand part of a spread (a question set across
    two facing pages, `questions.spread`): headed as such, on a right-hand (odd) page that is not
    its run's first. It is read whole, as on one page; set so on any other page it is split."""
    return number % 2 == 1 and number > 1 and any(n.part == FACING and n.continued for n in mine)


def _turned(mine: list[Piece], pairs: frozenset[str] | set[str], fits: set[str] | None) -> list[str]:
    """One of `pairs` (taller than a page, not than two) going on over a page turn, not across a
    spread (its writing space going on overleaf as papers do, and a source, aside)."""
    key = mine[0].key
    if key not in pairs or key in (fits or set()) or mine[0].part == "stem" or _parts(mine) in CARRIED_PARTS:
        return []
    return [f"{mine[0].name} goes on over a page turn, not across a spread: its {_parts(mine)} here"]


def _going_on_here(mine: list[Piece], there: list[str], fits: set[str] | None) -> list[str]:
    """An exercise the page before holds part of (`there`) going on here with no "continued" over
    it, or its "Why:" starting the page; or, where `fits` is given (a student's document), one of
    `fits` (no taller than a page) going on here at all, or one leaving its question alone on the
    page before (not a source: it breaks by its own rules; nor the writing space alone going on)."""
    name, first = mine[0].name, mine[0].part
    where = f"its {' and '.join(dict.fromkeys(p for p in there if p not in LINES))} there, its {_parts(mine)} here"
    # a part of its own under its own numbered stem ("3(b)") says whose it is
    if not any(n.continued for n in mine) and first != "stem":
        return [f"{name} goes on from the page before with no 'continued': {where}"]
    if next((n.part for n in mine if n.part not in LINES), "") == "explanation":
        return [f"{name}'s explanation ('Why:') starts this page, away from its answer"]
    key = mine[0].key
    if fits is not None and first != "stem" and _parts(mine) not in CARRIED_PARTS \
            and (key in fits or set(there) - set(LINES) == {"stem"}):
        why = "though it fits one" if key in fits else "its question alone on the page before"
        return [f"{name} is split across pages, {why}: {where}"]
    return []


def _source_breaks(page: PageNotes, height: float) -> list[str]:
    """A source that breaks at the foot of this page short of a full page (unless set as an
    insert, large print, and ending the page with a whole paragraph), or inside a sentence, or
    (an insert) inside a paragraph that would stand whole on a page."""
    said = []
    used = page.used()
    for note in page.notes:
        if not isinstance(note, SourceBreak):
            continue
        why = [] if note.sentence_end else ["inside a sentence"]
        if note.fits:  # an insert (large print) breaks inside a paragraph only where it is taller than a page
            why.append("inside a paragraph that fits a page")
        if used is not None and used < FULL * height and not note.paragraph_end:  # an insert's page ends with a paragraph
            why.append(f"with {1 - used / height:.0%} of the page empty")
        if why:
            said.append(f"{note.name} breaks to the next page {' and '.join(why)}")
    return said


def _tail(page: PageNotes, after: dict[str, list[str]]) -> tuple[list[Piece], list[Piece]]:
    """The end of an exercise the page before holds part of, going on here under its "continued"
    line and ending here (not a source's, nor writing space, nor a spread's facing part), and the
    pieces placed after it on this page; ([], []) where the page starts otherwise."""
    pieces = [n for n in page.notes if isinstance(n, Piece)]
    if not pieces or pieces[0].part != LABEL or not pieces[0].continued or pieces[0].key in after:
        return [], []
    mine = [n for n in pieces if n.key == pieces[0].key]
    if any(n.part in CARRIED_PARTS or n.part == FACING for n in mine):
        return [], []
    return mine, [n for n in pieces if n.key != pieces[0].key]


def _tail_page(page: PageNotes, following: PageNotes, after: dict[str, list[str]], height: float) -> list[str]:
    """A page holding only the end of an exercise (under its "continued" line), less than `TAIL`
    of it used, not the last of its sheet nor of a section (a key's sheet: the next page opens
    with its heading): a half-empty page a typesetter would not leave."""
    used = page.used()
    mine, others = _tail(page, after)
    if not mine or others or used is None or used >= TAIL * height or page.number >= page.of:
        return []
    if _opens_section(following):
        return []
    return [f"the page holds only the end of {mine[0].name} ({used / height:.0%} of it is used)"]


def _lone_item(page: PageNotes, after: dict[str, list[str]], height: float) -> list[str]:
    """An exercise's last paragraph (a list's last bullet) alone under its "continued" line, the
    next exercise following it on the page; not the rest of a paragraph parted at a sentence's
    end on the page before (a key's text goes on so, as any paragraph does), nor a paragraph of
    a fifth of the page or more (a key's model answer is a section of its own)."""
    mine, others = _tail(page, after)
    text = [n for n in mine if n.part not in LINES]
    if (not others or len(text) != 1 or text[0].part != "paragraph" or text[0].rest
            or text[0].height >= LONE_TEXT * height):
        return []
    return [f"{mine[0].name}'s last paragraph alone under its 'continued' line"]


def _few_carried(page: PageNotes, before: dict[str, list[str]], height: float, fits: set[str] | None) -> list[str]:
    """A student's question that fits a page, a few of its answer lines (less than `FEW_CARRIED`
    of a page) carried over to this one."""
    said = []
    for key in dict.fromkeys(n.key for n in page.notes if isinstance(n, Piece)):
        mine = [n for n in page.notes if isinstance(n, Piece) and n.key == key]
        lines = sum(n.height for n in mine if n.part == "answer lines")
        if key in before and key in (fits or set()) and mine[0].continued and _parts(mine) == "answer lines" \
                and lines < FEW_CARRIED * height:
            said.append(f"{mine[0].name}'s answer lines go on overleaf, a few carried ({lines / height:.0%} of a page)")
    return said


def _parts(pieces: list[Piece]) -> str:
    return " and ".join(dict.fromkeys(n.part for n in pieces if n.part not in LINES)) or LABEL


def _thin_page(page: PageNotes, following: PageNotes, height: float) -> list[str]:
    """A page, not the last of its sheet nor one the next section is started after (a page the
    layout ends), using less than `SPARSE` of its text area, or a stub: a few lines alone on
    it, printing on less than `STUB` of it."""
    used, inked = page.used(), page.inked()
    if used is None or page.number >= page.of or _left_blank(page) or _spread_left(page) or ends_insert_paragraph(page):
        return []
    if _opens_section(following):
        return []
    if inked is not None and inked < STUB * height:
        return [f"a stub: a few lines alone on the page ({inked / height:.0%} of it), its text going on overleaf"]
    if used < SPARSE * height:
        return [f"the page is {used / height:.0%} full, and its sheet goes on overleaf"]
    return []


def _opens_section(page: PageNotes) -> bool:
    """Whether the page opens with a heading: the section before ends on the page before it."""
    opening = next((n for n in page.notes if isinstance(n, Holds) and not issubclass(n.kind, SPILL)), None)
    return opening is not None and opening.style.rstrip("+") in HEADINGS


def ends_insert_paragraph(page: PageNotes) -> bool:
    """Whether the page ends with a source set as an insert (large print) going on after a whole
    paragraph: the room under it is the design (a paragraph that fits a page goes on whole)."""
    return any(isinstance(n, SourceBreak) and n.paragraph_end for n in page.notes)


def _spread_left(page: PageNotes) -> bool:
    """Whether the page is the left-hand part of a question set across a spread (its question,
    what of it fits, "continues on the facing page"): read with the page it faces, not alone."""
    return page.number % 2 == 0 and any(isinstance(n, Piece) and n.part == FACING and not n.continued
                                        for n in page.notes)


def _left_blank(page: PageNotes) -> bool:
    """Whether the page is left blank (saying so) for the question after it to start a left-hand page."""
    return any(isinstance(n, Holds) and n.style == BLANK_STYLE for n in page.notes)


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
        return [said("term.pf-small", "text at {size} pt, below the layout's minimum of {minimum} pt",
                     size=f"{smallest:g}", minimum=f"{minimum:g}")]
    return []


def _sparse(page: PageNotes, height: float, carried: float) -> list[str]:
    """A page after a sheet's first holding only a few carried answer lines, or a token remainder."""
    used = page.used()
    if used is None or page.number <= 1 or _left_blank(page):
        return []
    held = page.holds()
    if held and all(issubclass(kind, SPILL) for kind in held) and used < max(carried, FEW) * height:
        return [said("term.pf-carried", "the page holds only a few answer lines carried over ({share}% of it is used)",
                     share=_percent(used / height))]
    if used < FEW * height and not any(issubclass(kind, FullWidth) for kind in held):  # no question starts here
        return [said("term.pf-token", "the page holds only a few lines ({share}% of it is used): a token remainder of "
                     "what the page before holds", share=_percent(used / height))]
    return []


def _noticed(page: PageNotes, options: bool = True) -> list[str]:
    """What the flowables noticed as they were drawn: a split option list (unless not `options`),
    a source's few lines on a page, a timeline label far from its dot, a line wider than its box."""
    found = ([said("term.pf-options", "a list of options is split across pages")]
             if options and any(isinstance(n, OptionsSplit) for n in page.notes) else [])
    for note in page.notes:
        if isinstance(note, SourceLines) and note.lines < MIN_LINES:
            found.append(said("term.pf-source-lines", {"one": "{name} has only {n} line of its text on this page",
                                                       "other": "{name} has only {n} lines of its text on this page"},
                              note.lines, name=note.name))
        elif isinstance(note, TimelineFar):
            found.append(said("term.pf-timeline", "the timeline's label '{label}' sits {mm} mm from its dot",
                              label=note.label, mm=f"{note.distance:.0f}"))
        elif isinstance(note, Overflow):
            found.append(said("term.pf-overflow", "a line overflows its box by {by} pt: '{words}'",
                              by=f"{note.by:.1f}", words=note.words))
        elif isinstance(note, CoverRan):
            found.append(_cover_ran(note.page))
    return found


def _cover_ran(page: str) -> str:
    if page == "front":
        return said("term.pf-cover-front", "the cover's front page runs over onto the next page: shorten the "
                    "profile's cover: blocks or choose a smaller layout")
    return said("term.pf-cover-information", "the cover's information page runs over onto the next page: shorten "
                "the profile's cover: blocks or choose a smaller layout")


def _percent(share: float) -> str:
    """A share as its whole percent, as `{share:.0%}` writes it without its sign (the catalogue places it)."""
    return f"{share * 100:.0f}"


def _sheet_name(sheet: dict | None) -> list[str]:
    title = (sheet or {}).get("title")
    return [said("term.at-sheet", "sheet '{id}'", id=title)] if title else []
