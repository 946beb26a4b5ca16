"""A blank box to work in: as tall as the lines the question would get, or its own `height`."""

from __future__ import annotations

from typing import Literal

from studypack.spec.fields import Strict
from studypack.spec.space_fields import Height

KIND = "box"
BY_MARKS = True  # without `height`, at least as tall as the ruled lines the marks give (settings/estimate)


class Model(Strict):
    kind: Literal["box"]
    height: Height | None = None


def check(space: Model) -> list[tuple[tuple, str]]:
    return []
