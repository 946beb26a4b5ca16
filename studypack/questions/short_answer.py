"""Short answer: ruled lines for the student; a model answer and creditable points in the key."""

from __future__ import annotations

from typing import Literal

from ._base import Lines, PointScheme, QuestionBase, Text, check_points

KIND = "short"


class Model(QuestionBase):
    kind: Literal["short"]
    lines: Lines | None = None
    answer: Text
    points: list[Text] = []
    mark_scheme: PointScheme | None = None


def check(q: Model) -> list[tuple[tuple, str]]:
    return check_points(q.mark_scheme, q.marks)


def student(q: Model, ctx) -> list:
    return [ctx.answer_lines(q)]


def key(q: Model, ctx) -> list:
    parts = [ctx.point_scheme(q.mark_scheme, q.marks)] if q.mark_scheme else []
    parts.append(ctx.key_text("Answer", q.answer))
    if q.points:
        parts.append(ctx.key_list("Credit any of", q.points))
    return parts
