"""A prose extract from a novel, play or article: numbered by printed line, as boards do, so a
prompt cites its lines by anchor (`{lines:storm-calm}`) to be right in every layout."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.fields import Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import Piece, StimulusFields, by_line

KIND = "extract"
LINES = "printed"  # how its text is numbered: by printed line, or by verse line
Numbering = Annotated[int, Field(ge=1, le=50)] | Literal["none"]


class Model(StimulusFields):
    """`From *title* by author (date).` under the text; `citation` (a chapter, a publisher) after it."""

    NOUN: ClassVar[str] = "Extract"
    kind: Literal["extract"]
    title: Text | None = None
    author: Text | None = None
    date: Text | None = None
    citation: Text | None = None
    numbering: Numbering | None = None  # every Nth printed line, or none; by default the layout's


def check(s: Model) -> list[tuple[tuple, str]]:
    if not s.text:
        return [(("text",), said("term.stimulus-extract-text", "{name}: give it a text (the extract's words)", name=s.name))]
    return []


def credit(s: Model, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    """"From *Great Expectations* by Charles Dickens (1861)." and its citation."""
    lines = [by_line(s.title, s.author, s.date, lead=say("credit.from"), say=say)]
    if s.citation:
        lines.append([("", s.citation.strip().rstrip(".") + ".")])
    return [line for line in lines if line]
