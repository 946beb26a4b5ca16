"""The typed content model of a pack: what `pack.yaml` may hold, as frozen pydantic models.

Question kinds and sheet kinds come from their registries, so a new kind needs no
edit here. Cross-field rules (unique letters, cited sources exist) live in validate.py.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .questions import Question
from .questions._base import Ident, Strict, Text
from .sheets import SHEET_KINDS

Letter = Annotated[str, Field(pattern=r"^[A-Z]$")]
SheetKind = Literal[tuple(SHEET_KINDS)]  # type: ignore[valid-type]


class SourceImage(Strict):
    """A picture source (cartoon, poster, photo) stored beside pack.yaml."""

    file: Text
    caption: Text | None = None
    width: Annotated[float, Field(gt=0, le=100)] = 100.0  # percent of the text width


class Source(Strict):
    """One source with its provenance: who made it, when, why, for whom, and where it is from."""

    letter: Letter
    id: Ident | None = None
    title: Text
    kind: Literal["primary", "secondary"]
    origin: Text
    date: Text
    purpose: Text | None = None
    audience: Text | None = None
    citation: Text
    note: Text | None = None
    glossary: dict[str, Text] = {}
    text: Text | None = None
    image: SourceImage | None = None

    @property
    def key(self) -> str:
        return self.id or f"source-{self.letter.lower()}"


class Event(Strict):
    date: Text
    event: Text


class Sheet(Strict):
    """A student-facing sheet; the answer key is derived from all sheets."""

    id: Ident
    kind: SheetKind
    title: Text
    instructions: Text | None = None
    sources: list[Letter] = []
    questions: list[Question] = Field(min_length=1)
    shuffle: bool = False  # true lets class-set variants put this sheet's questions in another order

    @property
    def total(self) -> int:
        return sum(q.marks for q in self.questions)


class Pack(Strict):
    format: Literal[1] = 1
    title: Text
    subtitle: Text | None = None
    subject: Text
    level: Text
    author: Text | None = None
    layout: Text | None = None
    sources: list[Source] = []
    glossary: dict[str, Text] = {}
    timeline: list[Event] = []
    sheets: list[Sheet] = Field(min_length=1)

    @property
    def total(self) -> int:
        return sum(sheet.total for sheet in self.sheets)

    def source(self, letter: str) -> Source:
        return next(s for s in self.sources if s.letter == letter)
