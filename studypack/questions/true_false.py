"""True or false: statements in a table, a box under True and under False for each."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, StrictBool

from ._base import QuestionBase, Strict, Text

KIND = "true-false"


class Statement(Strict):
    text: Text
    answer: StrictBool
    explanation: Text | None = None


class Model(QuestionBase):
    kind: Literal["true-false"]
    statements: list[Statement] = Field(min_length=1, max_length=20)


def check(q: Model) -> list[tuple[tuple, str]]:
    return []


def student(q: Model, ctx) -> list:
    return [ctx.true_false([s.text for s in q.statements])]


def key(q: Model, ctx) -> list:
    parts = [ctx.true_false([s.text for s in q.statements], [s.answer for s in q.statements])]
    notes = [f"{i}. {s.explanation}" for i, s in enumerate(q.statements, start=1) if s.explanation]
    if notes:
        parts.append(ctx.key_list("Why", notes))
    return parts
