"""Ordering (sequencing): items written in the right order, printed lettered and shuffled;
students write the letters into a row of boxes from first to last, like events on a timeline."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field

from ..fields import QuestionBase, Text, shuffled

KIND = "ordering"


class Model(QuestionBase):
    kind: Literal["ordering"]
    items: list[Text] = Field(min_length=2, max_length=10)  # in the correct order; 10 boxes fit a line
    first: Text = "Earliest"
    last: Text = "Latest"
    explanation: Text | None = None


def printed(q: Model) -> list[str]:
    return [q.items[i] for i in shuffled(q.items, q.id or q.prompt, *q.items)]


def answer(q: Model) -> list[str]:
    shown = printed(q)
    return [string.ascii_uppercase[shown.index(item)] for item in q.items]


def check(q: Model) -> list[tuple[tuple, str]]:
    if len(set(q.items)) != len(q.items):
        return [(("items",), "two items are the same: each item must differ")]
    return []
