""""Give two inferences": paired boxes, what I can infer and the detail in the source that
tells me this. The key prints example answers in the same boxes and the point scheme."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictInt

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.fields import PointScheme, QuestionBase, Strict, Text, check_points

KIND = "inferences"


class Inference(Strict):
    inference: Text
    detail: Text


class Model(QuestionBase):
    kind: Literal["inferences"]
    count: Annotated[StrictInt, Field(ge=1, le=5)] = 2
    source: Annotated[str, Field(pattern=r"^[A-Z]$")] | None = None
    lines: Annotated[StrictInt, Field(ge=1, le=10)] = 2
    answers: list[Inference] = Field(min_length=1)  # examples for the key
    mark_scheme: PointScheme | None = None


def check(q: Model) -> list[tuple[tuple, str]]:
    return check_points(q.mark_scheme, q.marks)


def where(q: Model, say: Words = ENGLISH_WORDS) -> str:
    return say("question.source-named", letter=q.source) if q.source else say("question.the-source")
