"""What every stimulus shares (a historical source, an extract, a poem, a figure, a table, a
story, a case study): its letter, its label in the board's nouns, its text or picture, and the
anchors a prompt cites its lines by.

An anchor is `{#name}` in the text, printed as nothing; a prompt cites it as `{line:name}` or
`{lines:name-other}`, printed as "line 12" or "lines 12–17" with the numbers of the layout the
paper is printed in (see views/anchors.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field, PrivateAttr

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.added import Added
from studypack.spec.fields import Ident, Strict, Text, Tier

Letter = Annotated[str, Field(pattern=r"^[A-Z]$")]
Label = Annotated[str, Field(pattern=r"^(?:none|[A-Z][A-Za-z]*(?: [A-Za-z]+)* [A-Z0-9][0-9]*)$", max_length=40)]
NO_LABEL = "none"

ANCHOR = re.compile(r"\{#([a-z][a-z0-9_]*)\}")
CITATION = re.compile(r"\{(lines?):([a-z][a-z0-9_]*)(?:\s*(?:-|–|\.\.)\s*([a-z][a-z0-9_]*))?\}")
FIXED_LINES = re.compile(r"\blines?\s+\d+(?:\s*(?:-|–|to|and)\s*\d+)?\b", re.IGNORECASE)


Percent = Annotated[float, Field(ge=0, le=100)]
Side = Literal["left", "right", "above", "below", "above left", "above right", "below left", "below right"]


class PictureText(Strict):
    """A word or formula printed on a picture at a point (a triangle's vertex "A", a side's "6 cm"):
    set by studypack in the layout's type (`picture.label`), beside the point on its `side`, so
    it grows with large print and keeps clear of the lines it names. `x`, `y`: percent of the
    picture's width and height from its top left corner."""

    text: Text
    x: Percent
    y: Percent
    side: Side = "right"


class SourceImage(Strict, Added):
    """A picture stored beside pack.yaml (cartoon, poster, photo, chart, map); `labels`: words
    printed on it by studypack (a diagram's letters and lengths), never part of the picture;
    `alt`, what it shows, for a reader who cannot see it (a tagged PDF's figure says it)."""

    ADDED: ClassVar[dict] = {"labels": [], "alt": None}
    UNSEEDED: ClassVar[tuple[str, ...]] = ("alt",)
    file: Text
    caption: Text | None = None
    width: Annotated[float, Field(gt=0, le=100)] = 100.0  # percent of the text width
    labels: list[PictureText] = []
    alt: Text | None = None


class StimulusBase(Strict):
    """What every stimulus kind is called and cited by. `NOUN` (on the kind's model) names it
    where it has no label: "Source A", "Extract A", "Figure 1" (`NUMBERED`: counted among its kind
    in the pack). Its fields are each kind's own (`StimulusFields` has the usual ones), so a
    historical source keeps the order its fields always had (a pack's seed is its fields, dumped)."""

    NOUN: ClassVar[str] = "Source"
    NUMBERED: ClassVar[bool] = False
    _number: int | None = PrivateAttr(default=None)  # its place among its kind (Figure 2), set by the pack
    if TYPE_CHECKING:  # every kind's model has them, each in its own place
        letter: str
        label: str | None
        id: str | None

    @property
    def key(self) -> str:
        return self.id or f"source-{self.letter.lower()}"

    @property
    def name(self) -> str:
        """What prompts cite it by and the paper calls it: its label ("Interpretation 1"), else its
        kind's noun with its letter ("Source A", "Extract B") or its number ("Figure 2")."""
        if self.label and self.label != NO_LABEL:
            return self.label
        if self.NUMBERED and self._number is not None:
            return f"{self.NOUN} {self._number}"
        return f"{self.NOUN} {self.letter}"

    @property
    def printed_name(self) -> str:
        """The name its heading prints: none where its label is `none`."""
        return "" if self.label == NO_LABEL else self.name

    def name_in(self, say: Words = ENGLISH_WORDS) -> str:
        """Its name on paper in the layout's language: its label as written, else its kind's
        noun in that language with its letter or number ("Quelle A", "Ffigur 2")."""
        if say.english or (self.label and self.label != NO_LABEL):
            return self.name
        number = self._number if self.NUMBERED and self._number is not None else self.letter
        return f"{say(f'noun.{self.NOUN.lower()}', 1)} {number}"

    def printed_name_in(self, say: Words = ENGLISH_WORDS) -> str:
        """The name its heading prints in the layout's language: none where its label is `none`."""
        return "" if self.label == NO_LABEL else self.name_in(say)


class StimulusFields(StimulusBase):
    """The fields every kind but the historical source starts with."""

    letter: Letter
    label: Label | None = None
    id: Ident | None = None
    tags: list[Ident] = []  # for packs that extend this one: `include: [tag:cartoons]`
    note: Text | None = None
    glossary: dict[str, Text] = {}
    text: Text | None = None
    image: SourceImage | None = None
    tier: Tier | None = None


def anchors(text: str | None) -> list[str]:
    """The anchors a text marks, in order."""
    return ANCHOR.findall(text or "")


def without_anchors(text: str) -> str:
    """The text as printed: its anchors are invisible."""
    return ANCHOR.sub("", text) if "{#" in text else text


def cited_anchors(words: str | None) -> list[tuple[str, str, str | None]]:
    """("line" or "lines", first anchor, last anchor or None) for each anchored citation in a prompt."""
    return [(m.group(1), m.group(2), m.group(3)) for m in CITATION.finditer(words or "")]


def resolve(words: str, numbers: dict[str, tuple[int, int]], say: Words = ENGLISH_WORDS) -> str:
    """A prompt with its anchored citations as the numbers the paper prints ("lines 12–17").
    `numbers`: each anchor's line counted from the word after it and from the word before it, so
    a range runs from the line its first anchor opens to the line its last anchor closes. A
    citation of an anchor not in `numbers` is left as written (validation has said so)."""
    def said(match: re.Match) -> str:
        first, last = match.group(2), match.group(3) or match.group(2)
        if first not in numbers or last not in numbers:
            return match.group(0)
        start, end = numbers[first][0], numbers[last][1 if match.group(3) else 0]
        start, end = min(start, end), max(start, end)
        return say("source.line", line=start) if start == end else say("source.lines", first=start, last=end)
    return CITATION.sub(said, words) if "{line" in words else words


Piece = tuple[str, str]  # ("" or "i", text in the pack's inline markup)


def by_line(title: str | None, author: str | None, date: str | None, lead: str = "",
            say: Words = ENGLISH_WORDS) -> list[Piece]:
    """"From *Great Expectations* by Charles Dickens (1861)." as pieces; the parts it has."""
    pieces: list[Piece] = []
    if title:
        pieces += [("", lead)] if lead else []
        pieces.append(("i", title.strip()))
    if author:
        pieces.append(("", say("credit.by" if pieces else "credit.by-start", author=author.strip())))
    if date:
        pieces.append(("", f" ({date.strip()})" if pieces else date.strip()))
    return pieces + [("", ".")] if pieces else []


def credit_line(credit: str | None, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    """"Source: Environment Agency." where a credit is given."""
    return [[("", say("credit.source", credit=credit.strip().rstrip(".")))] + [("", ".")]] if credit else []
