"""A story for young readers: its title and author, no line numbers unless asked (`numbering: 5`)."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.fields import Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import Piece, StimulusFields, by_line

KIND = "story"
LINES = "printed"  # how its text is numbered: by printed line, or by verse line
TITLED = True  # its heading says its title: "Text A: The Runaway Kite", as a reading book heads a story


class Model(StimulusFields):
    """The story under its title; "By author (date)." below it where given."""

    NOUN: ClassVar[str] = "Text"
    kind: Literal["story"]
    title: Text
    author: Text | None = None
    date: Text | None = None
    numbering: Annotated[int, Field(ge=1, le=50)] | Literal["none"] = "none"


def check(s: Model) -> list[tuple[tuple, str]]:
    if not s.text and not s.image:
        return [((), said("term.stimulus-text-or-image", "{name}: give it a text or an image", name=s.name))]
    return []


def credit(s: Model, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    """"By Ann Brown (2019)." where an author is given: the title heads the box (a date alone
    is printed as given)."""
    line = by_line(None, s.author, s.date, say=say)
    return [line] if line else []
