"""Multiple choice with one correct option: lettered options, each with a tick box; options
may be pictures (`spec.picture_options`).

The options stay a plain list, so a class-set variant can reorder them with `model_copy`."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec import picture_options
from studypack.spec.fields import QuestionBase, Text
from studypack.spec.picture_options import PictureOption

KIND = "multiple-choice"


class Model(QuestionBase):
    kind: Literal["multiple-choice"]
    options: list[Text | PictureOption] = Field(min_length=2, max_length=26)
    answer: Text
    explanation: Text | None = None
    shuffle: bool = True  # false keeps the options in the written order in class-set variants


def correct_index(q: Model) -> int:
    return string.ascii_uppercase.index(q.answer.strip().upper())


def boxes(q: Model) -> list[tuple[str, str, bool, str]]:
    """The tick boxes a scanner reads, in print order: (group, choice, correct, the option as
    written, the same in every variant); one group, one right box."""
    right = correct_index(q)
    return [("", string.ascii_uppercase[i], i == right, picture_options.words(option)) for i, option in enumerate(q.options)]


def check(q: Model) -> list[tuple[tuple, str]]:
    letters = string.ascii_uppercase[: len(q.options)]
    given = q.answer.strip().upper()
    if len(given) != 1 or given not in letters:
        return [(("answer",), said("term.kind-mc-answer", "answer must be the letter of one option, {first} to {last}, "
                                   "got '{answer}'", first=letters[0], last=letters[-1], answer=q.answer))]
    return picture_options.check(q.options)


def correct(q: Model) -> str:
    """The correct option's letter, for the class-set answer grid."""
    return q.answer.strip().upper()


def shuffle(q: Model, rng, position) -> Model:
    """This question in a class-set variant: the options in another order, the correct one
    moved to `position(original index, number of options)`; `shuffle: false` keeps them."""
    right = correct_index(q)
    order = list(range(len(q.options)))
    if q.shuffle and len(order) > 1:
        target = position(right, len(order))
        rest = [i for i in order if i != right]
        rng.shuffle(rest)
        order = rest[:target] + [right] + rest[target:]
    options = [q.options[i] for i in order]
    return q.model_copy(update={"options": options, "answer": string.ascii_uppercase[order.index(right)]})
