"""Short answer: ruled lines for the student; a model answer and creditable points in the key."""

from __future__ import annotations

from typing import Literal

from ._base import Lines, QuestionBase, Text

KIND = "short"


class Model(QuestionBase):
    kind: Literal["short"]
    lines: Lines | None = None
    answer: Text
    points: list[Text] = []


def check(q: Model) -> list[tuple[tuple, str]]:
    return []


def student(q: Model, ctx) -> list:
    return [ctx.answer_lines(q)]


def key(q: Model, ctx) -> list:
    parts = [ctx.key_text("Answer", q.answer)]
    if q.points:
        parts.append(ctx.key_list("Credit any of", q.points))
    return parts
