"""A story for young readers: its title and author, no line numbers unless asked (`numbering: 5`)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from studypack.spec.fields import Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import Piece, StimulusFields, by_line

KIND = "story"
LINES = "printed"  # how its text is numbered: by printed line, or by verse line


class Model(StimulusFields):
    """`*title* by author.` with the story."""

    NOUN: ClassVar[str] = "Text"
    kind: Literal["story"]
    title: Text
    author: Text | None = None
    date: Text | None = None
    numbering: Annotated[int, Field(ge=1, le=50)] | Literal["none"] = "none"


def check(s: Model) -> list[tuple[tuple, str]]:
    if not s.text and not s.image:
        return [((), f"{s.name}: give it a text or an image")]
    return []


def credit(s: Model, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    """"*The Lighthouse Cat* by Ann Brown." (a date where given)."""
    return [by_line(s.title, s.author, s.date, say=say)]
