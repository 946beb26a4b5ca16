"""Ordering (sequencing): items written in the right order, printed lettered and shuffled;
students write the letters into a row of boxes from first to last, like events on a timeline."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field, PrivateAttr

from studypack.base.errors import said
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.fields import QuestionBase, Text, reshuffled, shuffled

KIND = "ordering"


class Model(QuestionBase):
    kind: Literal["ordering"]
    items: list[Text] = Field(min_length=2, max_length=10)  # in the correct order; 10 boxes fit a line
    # the labels of the first and last box; where the pack gives none, the catalogue's in the
    # paper's language (`ends`); the English defaults stay so a pack's fingerprint, which
    # seeds its class-set variants, is as it was
    first: Text = "Earliest"
    last: Text = "Latest"
    explanation: Text | None = None
    shuffle: bool = True  # false prints the same lettered order in every class-set variant
    _order: tuple[int, ...] | None = PrivateAttr(default=None)  # a variant's printed order (see `shuffle`)


def _printed_order(q: Model) -> list[int]:
    return list(q._order) if q._order is not None else shuffled(q.items, q.id or q.prompt, *q.items)


def printed(q: Model) -> list[str]:
    return [q.items[i] for i in _printed_order(q)]


def answer(q: Model) -> list[str]:
    shown = printed(q)
    return [string.ascii_uppercase[shown.index(item)] for item in q.items]


def ends(q: Model, say: Words = ENGLISH_WORDS) -> tuple[str, str]:
    """The labels of the first and last box: the pack's, else the catalogue's."""
    given = q.model_fields_set
    return (q.first if "first" in given else say("question.order-first"),
            q.last if "last" in given else say("question.order-last"))


def positions(q: Model, say: Words = ENGLISH_WORDS) -> list[str]:
    """The rows of the grid a class set built for marking prints: 1 to n, first and last named."""
    n, (first, last) = len(q.items), ends(q, say)
    return [f"{p} ({first})" if p == 1 else f"{p} ({last})" if p == n else str(p) for p in range(1, n + 1)]


def boxes(q: Model) -> list[tuple[str, str, bool, str]]:
    """In a class set built for marking, the boxes a scanner reads instead of written letters:
    a row a place in the order, a box a letter, one right; each box says the place and the
    item, the same words in every variant."""
    shown, found = printed(q), answer(q)
    return [(str(p), f"{p} {letter}", letter == found[p - 1], f"{p}: {shown[i]}")
            for p in range(1, len(q.items) + 1) for i, letter in enumerate(string.ascii_uppercase[:len(shown)])]


def check(q: Model) -> list[tuple[tuple, str]]:
    if len(set(q.items)) != len(q.items):
        return [(("items",), said("term.kind-ordering-same", "two items are the same: each item must differ"))]
    return []


def shuffle(q: Model, rng, position) -> Model:
    """This question in a class-set variant: the items lettered in another order than the
    pack's printed one, so the answer's letters differ; the key follows `printed`."""
    if not q.shuffle or len(q.items) < 3:  # two items have one other order: the original written one
        return q
    moved = q.model_copy()
    moved._order = tuple(reshuffled(_printed_order(q), rng))
    return moved
