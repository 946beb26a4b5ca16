"""A case study: a titled resource (text, picture or both) with where it is from."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.fields import Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import Piece, StimulusFields, credit_line

KIND = "case-study"
TITLED = True  # its heading says its title: "Figure 2: River Severn discharge, 2024"
LINES = "printed"  # how its text is numbered: by printed line, or by verse line


class Model(StimulusFields):
    """"Resource A: title", its text or picture, and `Source: credit.` under it."""

    NOUN: ClassVar[str] = "Resource"
    kind: Literal["case-study"]
    title: Text
    credit: Text | None = None
    numbering: Annotated[int, Field(ge=1, le=50)] | Literal["none"] = "none"  # its text's printed lines, where asked


def check(s: Model) -> list[tuple[tuple, str]]:
    if not s.text and not s.image:
        return [((), said("term.stimulus-text-or-image", "{name}: give it a text or an image", name=s.name))]
    return []


def credit(s: Model, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    return credit_line(s.credit, say)
