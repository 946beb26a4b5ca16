"""Multiple choice with one correct option: lettered options, each with a tick box.

The options stay a plain list, so a class-set variant can reorder them with `model_copy`."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field

from ._base import QuestionBase, Text

KIND = "multiple-choice"


class Model(QuestionBase):
    kind: Literal["multiple-choice"]
    options: list[Text] = Field(min_length=2, max_length=26)
    answer: Text
    explanation: Text | None = None
    shuffle: bool = True  # false keeps the options in the written order in class-set variants


def correct_index(q: Model) -> int:
    return string.ascii_uppercase.index(q.answer.strip().upper())


def check(q: Model) -> list[tuple[tuple, str]]:
    letters = string.ascii_uppercase[: len(q.options)]
    given = q.answer.strip().upper()
    if len(given) != 1 or given not in letters:
        return [(("answer",), f"answer must be the letter of one option, {letters[0]} to {letters[-1]}, got '{q.answer}'")]
    return []


def student(q: Model, ctx) -> list:
    return [ctx.options(q.options)]


def key(q: Model, ctx) -> list:
    parts = [ctx.options(q.options, correct=correct_index(q))]
    if q.explanation:
        parts.append(ctx.key_text("Why", q.explanation))
    return parts
