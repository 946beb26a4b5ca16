"""Matching: a numbered column and a lettered column in shuffled order; students write
the matching letter in the box beside each number."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field

from ..fields import QuestionBase, Strict, Text, shuffled

KIND = "matching"


class Pair(Strict):
    left: Text
    right: Text


class Model(QuestionBase):
    kind: Literal["matching"]
    headings: tuple[Text, Text] | None = None
    pairs: list[Pair] = Field(min_length=2, max_length=20)
    distractors: list[Text] = []  # extra items in the lettered column that match nothing


def right_column(q: Model) -> list[str]:
    items = [p.right for p in q.pairs] + list(q.distractors)
    return [items[i] for i in shuffled(items, q.id or q.prompt, *items)]


def answers(q: Model) -> list[str]:
    column = right_column(q)
    return [string.ascii_uppercase[column.index(p.right)] for p in q.pairs]


def check(q: Model) -> list[tuple[tuple, str]]:
    rights = [p.right for p in q.pairs] + list(q.distractors)
    if len(set(rights)) != len(rights):
        return [(("pairs",), "two items in the right-hand column are the same: each must differ, or the answer is ambiguous")]
    if len(rights) > 26:
        return [(("distractors",), "the lettered column has more than 26 items")]
    return []
