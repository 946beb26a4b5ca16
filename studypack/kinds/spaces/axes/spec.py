"""Graph axes with the scales the question sets (x and y: from, to, step, minor, label with
its unit) and a light grid, for the student to plot on."""

from __future__ import annotations

from typing import Literal

from studypack.base.errors import said
from studypack.spec.fields import Strict
from studypack.spec.space_fields import Height, Scale, check_scale

KIND = "axes"
BY_MARKS = True  # without `height`, at least as tall as the ruled lines the marks give (settings/estimate)


class Model(Strict):
    kind: Literal["axes"]
    x: Scale
    y: Scale
    grid: bool = True  # light lines at every step (and fainter ones at every minor step)
    height: Height | None = None


def check(space: Model) -> list[tuple[tuple, str]]:
    return (check_scale(space.x, ("x",), said("term.space-x-axis", "x axis"))
            + check_scale(space.y, ("y",), said("term.space-y-axis", "y axis")))
