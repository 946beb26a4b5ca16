"""A number line: from, to, a labelled tick every `step`, an unlabelled one every `minor`;
`labels: false` leaves the ticks for the student to label."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.fields import Strict, Text
from studypack.spec.space_fields import Number, Scale, check_scale

KIND = "number-line"


class Model(Strict):
    kind: Literal["number-line"]
    start: Number = Field(alias="from")
    to: Number
    step: float = Field(gt=0, allow_inf_nan=False)
    minor: float | None = Field(None, gt=0, allow_inf_nan=False)
    label: Text | None = None
    labels: bool = True

    @property
    def scale(self) -> Scale:
        return Scale.model_validate({"from": self.start, "to": self.to, "step": self.step, "minor": self.minor,
                                     "label": self.label})


def check(space: Model) -> list[tuple[tuple, str]]:
    return check_scale(space.scale, (), said("term.space-number-line", "number line"))
