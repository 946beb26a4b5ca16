"""Matching: a numbered column and a lettered column in shuffled order; students write
the matching letter in the box beside each number. `style: lines`: the two columns with a dot
beside each item, and students draw a line from each item on the left to its match."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field, PrivateAttr

from studypack.base.errors import said
from studypack.spec.added import Added
from studypack.spec.fields import QuestionBase, Strict, Text, shuffled
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.instructions import unsaid

KIND = "matching"


class Pair(Strict):
    left: Text
    right: Text


class Model(QuestionBase, Added):
    ADDED = {"style": "boxes"}
    kind: Literal["matching"]
    headings: tuple[Text, Text] | None = None
    pairs: list[Pair] = Field(min_length=2, max_length=20)
    distractors: list[Text] = []  # extra items in the lettered column that match nothing
    style: Literal["boxes", "lines"] = "boxes"  # lines: draw a line from each item to its match
    shuffle: bool = True  # false prints both columns in the same order in every class-set variant
    _column: tuple[int, ...] | None = PrivateAttr(default=None)  # a variant's lettered order (see `shuffle`)


def _items(q: Model) -> list[str]:
    return [p.right for p in q.pairs] + list(q.distractors)


def _column_order(q: Model) -> list[int]:
    items = _items(q)
    return list(q._column) if q._column is not None else shuffled(items, q.id or q.prompt, *items)


def right_column(q: Model) -> list[str]:
    items = _items(q)
    return [items[i] for i in _column_order(q)]


def answers(q: Model) -> list[str]:
    column = right_column(q)
    return [string.ascii_uppercase[column.index(p.right)] for p in q.pairs]


def joins(q: Model) -> list[tuple[int, int]]:
    """(left row, right row) of each pair: the lines the key draws."""
    column = right_column(q)
    return [(i, column.index(p.right)) for i, p in enumerate(q.pairs)]


def boxes(q: Model) -> list[tuple[str, str, bool, str]]:
    """In a class set built for marking, the boxes a scanner reads instead of written letters
    (`style: boxes`; lines drawn are the teacher's): a row a numbered item, a box a letter,
    one right; each box says the pair it makes, the same words in every variant."""
    if q.style != "boxes":
        return []
    column, found = right_column(q), answers(q)
    return [(str(n), f"{n} {letter}", letter == found[n - 1], f"{pair.left} – {column[i]}")
            for n, pair in enumerate(q.pairs, start=1) for i, letter in enumerate(string.ascii_uppercase[:len(column)])]


def instruction(q: Model, say: Words = ENGLISH_WORDS) -> str | None:
    """What a student does with the dots; boxes need no instruction beyond the prompt's."""
    return say("question.draw-lines") if q.style == "lines" else None


def cues(q: Model) -> tuple[str, ...]:
    """The words by which a prompt already says to draw lines."""
    return ("draw a line", "draw lines", "draw one line", "join each", "join the")


def note(q: Model, say: Words = ENGLISH_WORDS) -> str | None:
    """The instruction printed under the prompt, unless the prompt says it."""
    return unsaid(q.prompt, instruction(q, say), cues(q))


def check(q: Model) -> list[tuple[tuple, str]]:
    rights = [p.right for p in q.pairs] + list(q.distractors)
    if len(set(rights)) != len(rights):
        return [(("pairs",), said("term.kind-matching-same", "two items in the right-hand column are the same: each must "
                                  "differ, or the answer is ambiguous"))]
    if len(rights) > 26:
        return [(("distractors",), said("term.kind-matching-26", "the lettered column has more than 26 items"))]
    return []


def shuffle(q: Model, rng, position) -> Model:
    """This question in a class-set variant: the numbered column in another order and the
    lettered column in another order than the pack's, so both numbers and letters differ."""
    if not q.shuffle:
        return q
    rows = list(range(len(q.pairs)))
    while rows == sorted(rows):
        rng.shuffle(rows)
    before = [_items(q)[i] for i in _column_order(q)]
    moved = q.model_copy(update={"pairs": [q.pairs[i] for i in rows]})
    items = _items(moved)
    order = list(range(len(items)))
    while [items[i] for i in order] == before or (len(order) > 2 and order == sorted(order)):
        rng.shuffle(order)
    moved._column = tuple(order)
    return moved
