"""The pieces answer-space kinds are built from: a height, a scale (an axis, a number line),
and the "Answer ........ unit" line that ends a calculation. Kept apart from `spec.spaces`
(the registry of the kinds) so each kind's spec can import them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from studypack.base.errors import said
from studypack.base.units import MM, parse_length
from studypack.spec.fields import Strict, Text

MOST_TICKS = 60  # a scale with more steps than this prints ticks too close to read


def millimetres(least: float, most: float):
    """A reader of lengths from `least` to `most` mm: a bare number is millimetres (`height: 60`),
    a length with its unit (`6cm`) is read as written; points out."""
    def read(value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            points = float(value) * MM
        else:
            points = parse_length(value)
        if not least * MM - 1e-6 <= points <= most * MM + 1e-6:
            raise ValueError(said("term.check-mm", "must be {least} mm to {most} mm, got {got} mm", least=f"{least:g}",
                                  most=f"{most:g}", got=f"{points / MM:g}"))
        return points
    return read


Height = Annotated[float, BeforeValidator(millimetres(10, 250), json_schema_input_type=str | int | float)]
"""A space's height in points, written in millimetres (`60`) or with a unit (`6cm`): 10 mm to 250 mm."""

Number = Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]


class Scale(Strict):
    """Where a scale starts and ends, a labelled tick every `step`, an unlabelled one every
    `minor` (optional), and what it measures (`label`, units included: "time / s")."""

    start: Number = Field(alias="from")
    to: Number
    step: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    minor: Annotated[float, Field(gt=0, allow_inf_nan=False)] | None = None
    label: Text | None = None

    def ticks(self, every: float) -> list[float]:
        """The values from `start` to `to`, `every` apart (exactly: no drift in long scales)."""
        count = round((self.to - self.start) / every)
        return [self.start + i * every for i in range(count + 1)]


def _divides(length: float, step: float) -> bool:
    count = length / step
    return abs(count - round(count)) < 1e-6 * max(1.0, count)


def shown(value: float) -> str:
    """A scale value as a teacher writes it: 2, not 2.0; 0.5 as 0.5."""
    return f"{value:g}"


def check_scale(scale: Scale, where: tuple, name: str) -> list[tuple[tuple, str]]:
    """A scale runs forwards, its step divides it into at most MOST_TICKS parts, and its
    minor step divides the step."""
    length = scale.to - scale.start
    start, to, step = shown(scale.start), shown(scale.to), shown(scale.step)
    if length <= 0:
        return [(where + ("to",), said("term.scale-backwards", "{name}: from ({start}) must be less than to ({to})",
                                       name=name, start=start, to=to))]
    if not _divides(length, scale.step):
        return [(where + ("step",), said("term.scale-step", "{name}: a step of {step} does not divide {start} to {to} "
                                         "into whole steps: choose a step that does, or move 'to'",
                                         name=name, step=step, start=start, to=to))]
    if round(length / scale.step) > MOST_TICKS:
        return [(where + ("step",), said("term.scale-many", "{name}: {count} steps of {step} are too many to read "
                                         "(at most {most}): choose a larger step", name=name,
                                         count=round(length / scale.step), step=step, most=MOST_TICKS))]
    if scale.minor is not None:
        if scale.minor >= scale.step or not _divides(scale.step, scale.minor):
            return [(where + ("minor",), said("term.scale-minor", "{name}: minor ticks every {minor} must divide the "
                                              "step of {step} into whole parts (for a step of 2: 1, 0.5 or 0.25)",
                                              name=name, minor=shown(scale.minor), step=step))]
        if round(length / scale.minor) > 4 * MOST_TICKS:
            return [(where + ("minor",), said("term.scale-minor-close", "{name}: minor ticks every {minor} are too "
                                              "close to draw: choose a larger minor step", name=name,
                                              minor=shown(scale.minor)))]
    return []


class Final(Strict):
    """The line that ends a calculation, right-aligned under the working space:
    "speed = ............ m/s". `label` and `unit` may hold formulas (`$E_k$ =`)."""

    label: Text
    unit: Text | None = None

