"""A formula set at one size: its box in points for the line breaker, and how to draw it."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.media.maths.geometry import Geometry, geometry
from studypack.spec.maths.errors import FormulaError
from studypack.spec.maths.formula import Formula


@dataclass(frozen=True)
class Layout:
    """A formula set at one size: its box in points and how to draw it."""

    width: float
    ascent: float  # above the baseline
    descent: float  # below it
    geometry: Geometry
    colour: object
    bold: bool = False  # set among bold words (a large-print page): drawn with a stroke, as STIX Two Math has no bold

    @property
    def height(self) -> float:
        return self.ascent + self.descent

    def draw(self, canvas, x: float, baseline_y: float) -> None:
        """Draw the formula with its origin on the baseline at (x, baseline_y)."""
        from studypack.media.maths.draw import draw

        draw(canvas, self.geometry, x, baseline_y, self.colour, self.bold)


def layout(formula: Formula, size_pt: float, colour: object = None, bold: bool = False) -> Layout:
    """`formula` set at `size_pt` points (laid out once per size in a process)."""
    from reportlab.lib.colors import black, toColor

    try:
        shape = geometry(formula.mathml, float(size_pt))
    except Exception as error:  # the layout engine's own failure: a located message, never a traceback
        raise FormulaError(f"cannot be set ({type(error).__name__})", 0, formula.source, formula.display) from None
    ink = black if colour is None else toColor(colour)
    return Layout(shape.width, shape.ascent, shape.descent, shape, ink, bold)
