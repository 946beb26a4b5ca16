"""Maths in text fields, the reading half: `$...$` and `$$...$$` in the TeX subset teachers type,
chemistry in `\\ce{}`, units in `\\unit{}` and `\\qty{}{}`; checked (a located message, never raw
TeX), spoken as alt text, written for Word (OMML) and Moodle (TeX). Pure Python (latex2mathml
loaded lazily): content.validate checks every formula with it. Setting a formula on the page is
`studypack.media.maths`. See README.md in this folder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studypack.spec.maths.errors import FormulaError
from studypack.spec.maths.source import MathsSource, split_maths

if TYPE_CHECKING:
    from studypack.spec.maths.formula import Formula, parse

__all__ = ["Formula", "FormulaError", "MathsSource", "parse", "split_maths"]


def __getattr__(name: str) -> Any:
    """`Formula` and `parse`, whose module (the TeX expander, chemistry, units and the MathML
    converter's cache) loads when a text first holds a formula: a pack without one never
    imports it (start-up speed)."""
    if name in ("Formula", "parse"):
        from studypack.spec.maths import formula

        return getattr(formula, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
