"""A formula: parsed once from the teacher's TeX, then laid out, drawn, spoken, and written for
Word (OMML) and Moodle (TeX) from that one reading."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from studypack.maths import mathml
from studypack.maths.errors import FormulaError
from studypack.maths.expand import expand
from studypack.maths.source import check

MATHML = "{http://www.w3.org/1998/Math/MathML}"


@dataclass(frozen=True)
class Layout:
    """A formula set at one size: its box in points and how to draw it."""

    width: float
    ascent: float  # above the baseline
    descent: float  # below it
    geometry: object
    colour: object

    @property
    def height(self) -> float:
        return self.ascent + self.descent

    def draw(self, canvas, x: float, baseline_y: float) -> None:
        """Draw the formula with its origin on the baseline at (x, baseline_y)."""
        from studypack.maths.draw import draw

        draw(canvas, self.geometry, x, baseline_y, self.colour)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Formula:
    source: str  # as the teacher typed it, without its $ signs
    display: bool  # $$...$$: on a line of its own, fractions and sums full size
    expanded: str  # the TeX the converter reads
    mathml: str

    def layout(self, size_pt: float, colour: object = None) -> Layout:
        """The formula set at `size_pt` points (laid out once per size in a process)."""
        from reportlab.lib.colors import black, toColor

        from studypack.maths.geometry import geometry

        try:
            shape = geometry(self.mathml, float(size_pt))
        except Exception as error:  # the layout engine's own failure: a located message, never a traceback
            raise FormulaError(f"cannot be set ({type(error).__name__})", 0, self.source, self.display) from None
        ink = black if colour is None else toColor(colour)
        return Layout(shape.width, shape.ascent, shape.descent, shape, ink)

    def tree(self) -> ET.Element:
        """The MathML as elements, without its namespace."""
        root = ET.fromstring(self.mathml)
        for element in root.iter():
            element.tag = element.tag.replace(MATHML, "")
        return root

    def spoken(self) -> str:
        """The formula in words, for alt text and screen readers: 'x squared plus 1'."""
        from studypack.maths.spoken import spoken

        return spoken(self.tree())

    def omml(self) -> str:
        """The formula as a Word equation: an `<m:oMath>` element."""
        from studypack.maths.omml import omml

        return omml(self.tree())

    def tex(self) -> str:
        """Plain TeX for Moodle's MathJax (chemistry and units already spelled out), one line."""
        return " ".join(self.expanded.split())


@functools.lru_cache(maxsize=4096)
def parse(tex: str, display: bool = False) -> Formula:
    """Read `tex` (without its `$` signs) into a Formula, or raise a FormulaError saying what is
    wrong and where."""
    check(tex, display)
    try:
        expanded = expand(tex)
    except FormulaError as error:
        raise FormulaError(error.message, error.offset, tex, display) from None
    return Formula(tex, display, expanded, mathml.convert(expanded, display, tex))

