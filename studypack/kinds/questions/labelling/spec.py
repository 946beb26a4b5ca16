"""Image labelling: a picture with numbered callouts; students write each label on the
numbered line below it. Callout positions are percentages of the picture's width and
height, measured from its top-left corner."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from studypack.spec.fields import QuestionBase, Strict, Text

KIND = "labelling"
Percent = Annotated[float, Field(ge=0, le=100)]


class Picture(Strict):
    file: Text
    width: Annotated[float, Field(gt=0, le=100)] = 80.0  # percent of the text width
    caption: Text | None = None


class Label(Strict):
    x: Percent
    y: Percent
    answer: Text


class Model(QuestionBase):
    kind: Literal["labelling"]
    image: Picture
    labels: list[Label] = Field(min_length=1, max_length=20)
    word_bank: bool = False


def check(q: Model) -> list[tuple[tuple, str]]:
    return []
