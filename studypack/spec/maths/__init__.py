"""Maths in text fields, the reading half: `$...$` and `$$...$$` in the TeX subset teachers type,
chemistry in `\\ce{}`, units in `\\unit{}` and `\\qty{}{}`; checked (a located message, never raw
TeX), spoken as alt text, written for Word (OMML) and Moodle (TeX). Pure Python (latex2mathml
loaded lazily): content.validate checks every formula with it. Setting a formula on the page is
`studypack.media.maths`. See README.md in this folder."""

from studypack.spec.maths.errors import FormulaError
from studypack.spec.maths.formula import Formula, parse
from studypack.spec.maths.source import MathsSource, split_maths

__all__ = ["Formula", "FormulaError", "MathsSource", "parse", "split_maths"]
