"""Maths in text fields: `$...$` and `$$...$$` in the TeX subset teachers type, chemistry in
`\\ce{}`, units in `\\unit{}` and `\\qty{}{}`; set as vector glyphs in STIX Two Math on the text's
baseline, spoken as alt text, written for Word (OMML) and Moodle (TeX). Media layer: it imports
ReportLab and studypack.base only. See README.md in this folder."""

from studypack.maths.errors import FormulaError
from studypack.maths.formula import Formula, Layout, parse
from studypack.maths.source import MathsSource, split_maths

__all__ = ["Formula", "FormulaError", "Layout", "MathsSource", "parse", "split_maths"]
