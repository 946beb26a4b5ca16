"""The faster ziamath (`media.maths.engine`) sets every formula exactly as ziamath itself does:
every formula of the example packs, and formulas made to reach each shortcut (stretchy
brackets, a number after a fence, a fraction after a fraction, matrices, roots, scripts),
inline and displayed, compared glyph by glyph and rule by rule."""

from __future__ import annotations

import re
from dataclasses import astuple
from pathlib import Path
from unittest.mock import patch

import pytest
import yaml

pytest.importorskip("ziamath")

from studypack.media.maths import engine, geometry  # noqa: E402
from studypack.spec.maths import FormulaError, parse  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FENCED = re.compile(r"\$\$(.+?)\$\$|\$([^$]+)\$", re.S)
MADE = [
    r"\left( \frac{a}{b} \right)^2 + 1", r"\left[ x \right] 2", r"\left| \frac{1}{x} \right| = 3",
    r"(x+1)2", r"\frac{1}{2}\frac{3}{4}", r"\frac{1}{2} x \frac{3}{4}", r"|x| 5",
    r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \begin{pmatrix} x \\ y \end{pmatrix} 2",
    r"\sqrt[3]{\frac{x}{y}} + \sqrt{x^2 + y^2}", r"\sum_{i=1}^{n} \left( i^2 + \frac{1}{i} \right)",
    r"\int_0^1 x^2 \, dx", r"x_1^2 + x_{n-1} - \bar{x}", r"\vec{v} = \begin{bmatrix} 1 \\ 2 \end{bmatrix}",
    r"\ce{N2 + 3H2 <=> 2NH3}", r"\ce{CaCO3(s) -> CaO(s) + CO2(g) ^}", r"\qty{9.81}{m.s^{-2}}",
    r"\text{speed} = \frac{\text{distance}}{\text{time}}", r"\left\{ x \mid x > 0 \right\}",
    r"a \div b \times c \pm d \approx 2.5", r"\frac{-b \pm \sqrt{b^2 - 4ac}}{2a}",
]


def corpus(examples: bool = True) -> list[tuple[str, bool]]:
    """The formulas made above, inline and displayed, and (`examples`) every one the example packs hold."""
    found: set[tuple[str, bool]] = {(tex, False) for tex in MADE} | {(tex, True) for tex in MADE}
    paths = [*ROOT.glob("examples/*/*.yaml"), *ROOT.glob("sources/*/*.yaml")] if examples else []
    for path in sorted(paths):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for match in FENCED.finditer(text):
                found.add((match.group(1), True) if match.group(1) is not None else (match.group(2), False))
    formulas = []
    for tex, display in sorted(found):
        try:
            formulas.append((parse(tex, display).mathml, display))
        except FormulaError:
            continue
    return formulas


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def _set(formulas: list[tuple[str, bool]]) -> list[tuple]:
    """Each formula's geometry, read as a build reads it, with whatever ziamath is in place."""
    with patch.object(engine, "install", lambda: None):  # the layout would install the engine itself
        return [astuple(geometry._laid_out(mathml, 24.0 if display else 10.5)) for mathml, display in formulas]


@pytest.mark.parametrize("examples", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_the_faster_engine_sets_every_formula_as_ziamath_does(examples):
    formulas = corpus(examples)
    assert len(formulas) > (100 if examples else 30)  # the formulas were found and read
    engine.uninstall()
    try:
        plain = _set(formulas)
        assert engine.install(), "ziamath or ziafont is not the version the engine was written against"
        faster = _set(formulas)
    finally:
        engine.install()
    for (mathml, _display), one, other in zip(formulas, plain, faster):
        assert one == other, mathml


def test_the_engine_reuses_measured_nodes():
    """The shortcut is taken (else the comparison above would pass without it): a row of plain
    numbers and letters is laid out once, not twice."""
    import ziamath
    from ziamath.nodes.mnode import Mnode

    mathml = parse(r"x^2 y^3 z^4").mathml
    made = []
    plain = Mnode.__dict__["__init__"]

    def counting(self, *args, **kwargs):
        made.append(self)
        plain(self, *args, **kwargs)

    Mnode.__init__ = counting
    try:
        engine.install()
        ziamath.Math(mathml, size=10.5)
        with_engine = len(made)
        engine.uninstall()
        made.clear()
        ziamath.Math(mathml, size=10.5)
        without = len(made)
    finally:
        Mnode.__init__ = plain
        engine.install()
    assert with_engine < without
