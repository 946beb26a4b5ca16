"""True or false: statements in a table, a box under True and under False for each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool

from studypack.spec.fields import QuestionBase, Strict, Text

KIND = "true-false"


class Statement(Strict):
    text: Text
    answer: StrictBool
    explanation: Text | None = None


class Model(QuestionBase):
    kind: Literal["true-false"]
    statements: list[Statement] = Field(min_length=1, max_length=20)


def boxes(q: Model) -> list[tuple[str, str, bool, str]]:
    """The tick boxes a scanner reads, in print order: (group, choice, correct, what ticking it
    says); a group per statement, its True box then its False box, one of them right."""
    return [(str(n), f"{n} {word}", s.answer is truth, f"{n} {word}") for n, s in enumerate(q.statements, start=1)
            for word, truth in (("True", True), ("False", False))]


def check(q: Model) -> list[tuple[tuple, str]]:
    return []
