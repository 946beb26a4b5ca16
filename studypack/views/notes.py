"""What a page's drawing noticed, for the preflight: one typed record per thing noticed.

Flowables (and the page canvas) append these to the canvas's notes for the page being laid
out; `pdf/preflight.py` reads them as warnings by file, sheet and page, and `pdf/typeset.py`
reads how full each page is to balance a sheet's answer lines."""

from __future__ import annotations

from dataclasses import dataclass, field

THIN = 2.0  # points: a page's line widths under this are noted (see `Hairline`)

BLANK_STYLE = "page.blank"  # the words of a page left blank so a question starts a left-hand page (not a sparse page)


@dataclass(frozen=True)
class TextSize:
    """Text drawn on the page, at the smallest size it uses (points)."""

    size: float


@dataclass(frozen=True)
class Used:
    """How much of the text area's height the page's content takes (points), and how much of it
    down to the foot of its last flowable that prints (`inked`: a gap closing the page left out)."""

    height: float
    inked: float | None = None


@dataclass(frozen=True)
class Holds:
    """A flowable the frame placed on the page, by its class (read with issubclass), and a
    paragraph's style name."""

    kind: type
    style: str = ""


@dataclass(frozen=True)
class Piece:
    """A part of an exercise (a question, a source) placed on the page: the exercise's `key`
    and `name`, what `part` it is, and whether it says it goes on from the page before."""

    key: str
    name: str
    part: str
    continued: bool
    height: float = 0.0  # points of the page it takes (with the gap above it)
    rest: bool = False  # a paragraph's rest, parted at a sentence on the page before (not a whole paragraph)


@dataclass(frozen=True)
class Lone:
    """One line of a paragraph alone at the page's foot (the rest overleaf) or top."""

    where: str  # "foot" or "top"
    words: str


@dataclass(frozen=True)
class SourceBreak:
    """A source going on to the next page: whether this page's part ends at a sentence's end, and
    whether it ends with a whole paragraph in a box set as an insert (`source.breaks: paragraphs`,
    large print), where the room left under it is the design, not a short page; and whether it
    parts a paragraph that fits a page whole (`fits`), which such a box never should."""

    name: str
    sentence_end: bool
    paragraph_end: bool = False
    fits: bool = False  # it ends inside a paragraph of the text that would stand whole on a page


@dataclass(frozen=True)
class Broken:
    """A paragraph going on to the next page from inside a sentence: its style's name and the
    words its last line here ends with."""

    style: str
    words: str


@dataclass(frozen=True)
class OptionsSplit:
    """A list of options went on over the page."""


@dataclass(frozen=True)
class SourceLines:
    """A piece of a source split across pages, with the lines of its text on this page."""

    name: str
    lines: int


@dataclass(frozen=True)
class TimelineFar:
    """A timeline's label the page left far from its dot."""

    label: str
    distance: float  # millimetres


@dataclass(frozen=True)
class Overflow:
    """A line wider than its box (a word too long for a narrow column)."""

    words: str
    by: float  # points


@dataclass(frozen=True)
class Runt:
    """A paragraph (bullet, option, cell, caption) whose last line is one short word alone
    under a line of several: the word, as printed."""

    word: str


@dataclass(frozen=True)
class Hairline:
    """A line width under `THIN` set on the page (a rule, a box, a tick box), in points, noted
    where it is the page's thinnest yet: the preflight compares the thinnest with the layout's
    `minimum_rule`."""

    width: float


@dataclass(frozen=True)
class AnswerTag:
    """What a tick box answers, on a page read back by `studypack mark`: the question (its
    sheet and number), the box's group (a true/false statement; "" for the whole question)
    and choice, whether the copy's variant key ticks it, and the question's kind and marks."""

    question: str
    label: str
    kind: str
    marks: int
    group: str
    choice: str
    correct: bool
    option: str = ""  # the option as the pack writes it (the same in every variant)


@dataclass(frozen=True)
class AnswerBox:
    """A tick box drawn on the page, in page points (its lower left corner and side)."""

    tag: AnswerTag
    x: float
    y: float
    size: float


@dataclass(frozen=True)
class CoverRan:
    """A board's cover page ran over onto the next page (its content taller than the page)."""

    page: str  # which cover page: "front" or "information"


Note = (TextSize | Used | Holds | Piece | Lone | SourceBreak | Broken | OptionsSplit | SourceLines | TimelineFar | Overflow | Runt
        | Hairline | AnswerBox | CoverRan)

class Notes(list):
    """One page's notes, each a typed record (`Note`); `thinnest`: the thinnest line width noted."""

    thinnest = THIN


@dataclass
class PageNotes:
    """What was noticed on one finished page, with where it stands in its sheet."""

    sheet: dict
    number: int            # the page's number within its sheet (as its footer counts)
    of: int                # pages of its sheet
    notes: list = field(default_factory=list)

    def used(self) -> float | None:
        """How much of the page's text area its content takes, where the layout noted it."""
        return next((n.height for n in self.notes if isinstance(n, Used)), None)

    def inked(self) -> float | None:
        """How far down the text area the page's last printing flowable reaches, where noted."""
        return next((n.height if n.inked is None else n.inked for n in self.notes if isinstance(n, Used)), None)

    def holds(self) -> set[type]:
        """The classes of the flowables placed on the page."""
        return {n.kind for n in self.notes if isinstance(n, Holds)}
