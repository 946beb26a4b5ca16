"""Ruled lines: as many as the question's `lines:` (or `count:` here), else by its marks and the layout."""

from __future__ import annotations

from typing import Literal

from studypack.spec.fields import Lines, Strict

KIND = "lines"


class Model(Strict):
    kind: Literal["lines"]
    count: Lines | None = None  # the same as the question's `lines:`; give one or the other


def check(space: Model) -> list[tuple[tuple, str]]:
    return []
