"""Sorting into groups, a card sort on paper: lettered items, and a column per group to write
each item's letter in. The items print in a shuffled order, so the order gives nothing away."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field, PrivateAttr

from studypack.base.errors import said
from studypack.base.messages import suggest
from studypack.spec.fields import PointScheme, QuestionBase, Strict, Text, check_points, reshuffled, shuffled

KIND = "categorise"
KEYED = True  # each item names its group: the key is never empty


class Item(Strict):
    text: Text
    group: Text  # one of the question's groups, as written there


class Model(QuestionBase):
    kind: Literal["categorise"]
    groups: list[Text] = Field(min_length=2, max_length=4)  # four columns still fit a portrait page
    items: list[Item] = Field(min_length=2, max_length=16)
    explanation: Text | None = None
    mark_scheme: PointScheme | None = None
    shuffle: bool = True  # false prints the same lettered order in every class-set variant
    _order: tuple[int, ...] | None = PrivateAttr(default=None)  # a variant's printed order (see `shuffle`)


def _printed_order(q: Model) -> list[int]:
    texts = [item.text for item in q.items]
    return list(q._order) if q._order is not None else shuffled(texts, q.id or q.prompt, *texts)


def printed(q: Model) -> list[Item]:
    """The items in their printed (lettered) order."""
    return [q.items[i] for i in _printed_order(q)]


def shuffle(q: Model, rng, position) -> Model:
    """This question in a class-set variant: the items lettered in another order than the
    pack's printed one, so the letters in each group's box differ; the key follows `printed`."""
    if not q.shuffle or len(q.items) < 3:
        return q
    moved = q.model_copy()
    moved._order = tuple(reshuffled(_printed_order(q), rng))
    return moved


def answers(q: Model) -> list[list[str]]:
    """For each group, the letters of the items that belong in it, in alphabetical order."""
    letters = {id(item): string.ascii_uppercase[i] for i, item in enumerate(printed(q))}
    return [sorted(letters[id(item)] for item in q.items if item.group == group) for group in q.groups]


def check(q: Model) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    if len(set(q.groups)) != len(q.groups):
        problems.append((("groups",), said("term.kind-categorise-groups-same", "two groups have the same name: each group must differ")))
    for i, item in enumerate(q.items):
        if item.group not in q.groups:
            problems.append((("items", i, "group"), said(
                "term.kind-categorise-not-group", "item {item}: '{group}' is not one of the groups ({groups}){suggestion}: "
                "write it exactly as in 'groups:'", item=i + 1, group=item.group, groups=", ".join(q.groups),
                suggestion=suggest(item.group, q.groups))))
    texts = [item.text for item in q.items]
    if len(set(texts)) != len(texts):
        problems.append((("items",), said("term.kind-ordering-same", "two items are the same: each item must differ")))
    empty = [group for group in q.groups if not any(item.group == group for item in q.items)]
    if empty and not problems:
        problems.append((("groups",), said("term.kind-categorise-empty-group", "no item belongs in '{group}': give it an item or "
                                                   "remove the group", group=empty[0])))
    return problems + check_points(q.mark_scheme, q.marks)
