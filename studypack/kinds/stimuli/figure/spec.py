"""A figure (chart, map, photo, diagram): "Figure 2: caption" and "Source: credit." under it,
numbered among the pack's figures where it has no label."""

from __future__ import annotations

from typing import ClassVar, Literal

from studypack.spec.fields import Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import Piece, SourceImage, StimulusFields, credit_line

KIND = "figure"
TITLED = True  # its heading says its title: "Figure 2: River Severn discharge, 2024"


class Model(StimulusFields):
    """`title` is its caption; `image` the picture; `credit` who made or published it."""

    NOUN: ClassVar[str] = "Figure"
    NUMBERED: ClassVar[bool] = True
    kind: Literal["figure"]
    title: Text
    image: SourceImage
    credit: Text | None = None


def check(s: Model) -> list[tuple[tuple, str]]:
    return []


def credit(s: Model, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    return credit_line(s.credit, say)
