"""A squared grid: as tall as the lines the question would get, or its own `height`; squares
of the layout's size (5 mm by default) unless the question sets `square`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator

from studypack.spec.fields import Strict
from studypack.spec.space_fields import Height, millimetres

KIND = "grid"
BY_MARKS = True  # without `height`, at least as tall as the ruled lines the marks give (settings/estimate)


class Model(Strict):
    kind: Literal["grid"]
    height: Height | None = None
    square: Annotated[float, BeforeValidator(millimetres(3, 20), json_schema_input_type=str | int | float)] | None = None


def check(space: Model) -> list[tuple[tuple, str]]:
    return []
