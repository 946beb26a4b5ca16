"""The faster ziamath (`media.maths.engine`) sets every formula exactly as ziamath itself does:
every formula of the example packs, and formulas made to reach each shortcut (stretchy
brackets, a number after a fence, a fraction after a fraction, matrices, roots, scripts,
styles set in `<mstyle>`), inline and displayed, compared glyph by glyph and rule by rule;
with the engine each glyph is read as it is placed, without it from ziamath's own SVG."""

from __future__ import annotations

import re
from dataclasses import astuple
from pathlib import Path
from unittest.mock import patch

import pytest
import yaml

pytest.importorskip("ziamath")

from studypack.media.maths import engine, geometry  # noqa: E402
from studypack.media.maths.font import STIX  # noqa: E402
from studypack.media.maths.layout import display_fractions  # noqa: E402
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
    r"\displaystyle \frac{1}{2} + \frac{3}{4}", r"x^{\displaystyle 2} + {\displaystyle \frac{a}{b}} c",
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
            formula = parse(tex, display)
        except FormulaError:
            continue
        formulas.append((formula.mathml, display))
        if not display and "mfrac" in formula.mathml:  # inline fractions full size (a layout's maths.fractions): <mstyle>s
            formulas.append((display_fractions(formula), display))
    return formulas


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


def _set(formulas: list[tuple[str, bool]], direct: bool) -> list[tuple]:
    """Each formula's geometry, read as a build reads it, with whatever ziamath is in place:
    each glyph read as it is placed (`direct`, as a build over the engine's versions does) or
    from ziamath's own SVG."""
    with patch.object(engine, "install", lambda: direct):  # the layout would install the engine itself
        return [astuple(geometry._laid_out(mathml, 24.0 if display else 10.5, STIX)) for mathml, display in formulas]


@pytest.mark.parametrize("examples", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_the_faster_engine_sets_every_formula_as_ziamath_does(examples):
    formulas = corpus(examples)
    assert len(formulas) > (100 if examples else 30)  # the formulas were found and read
    engine.uninstall()
    try:
        plain = _set(formulas, direct=False)
        assert engine.install(), "ziamath or ziafont is not the version the engine was written against"
        faster = _set(formulas, direct=True)
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


def test_the_kept_form_of_a_formula_is_as_astuple_wrote_it():
    """`geometry._kept` builds what `dataclasses.astuple` gave, byte for byte once written, so
    formulas kept by an earlier version are read the same."""
    import json

    shape = geometry._laid_out(parse(r"\sqrt{\frac{a}{b}} + \left( x \right)", True).mathml, 24.0, STIX)
    assert json.dumps(geometry._kept(shape)) == json.dumps(astuple(shape))
    assert geometry._restored(json.loads(json.dumps(geometry._kept(shape)))) == shape


FIRST_BUILD = """
import sys
from pathlib import Path
from studypack.app.build import build
build(Path(sys.argv[1]), None, Path(sys.argv[2]), jobs=2)
print("ziamath" in sys.modules)
"""


def test_a_first_build_loads_the_engine_once_before_forking_and_a_later_one_not_at_all(tmp_path):
    """The processes that typeset inherit the layout engine from the build (loaded once, not in
    each) when its formulas are set afresh; a build whose formulas are all kept never loads it."""
    import os
    import subprocess
    import sys

    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        'title: "Engine"\nsubject: Maths\nlevel: "KS4"\nsheets:\n  - id: s\n    kind: worksheet\n    title: "S"\n    questions:\n'
        "      - kind: short\n        prompt: 'Solve $x^2 = 4$.'\n        marks: 1\n        answer: '$x = \\pm 2$'\n",
        encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    env.pop("STUDYPACK_NO_CACHE", None)
    loaded = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", FIRST_BUILD, str(pack), str(tmp_path / "out")], env=env,
                              capture_output=True, text=True, check=True)
        loaded.append(done.stdout.split()[-1])
        (tmp_path / "out").rename(tmp_path / f"out-{len(loaded)}")  # the next build typesets again
    assert loaded == ["True", "False"]


@pytest.mark.parametrize("xml", [
    "<math><mi>x</mi><mo>&lt;</mo><mn>-2</mn></math>", "<math><mo>-</mo><mn>3</mn></math>",
    "<math><mi>&alpha;</mi><mo>&InvisibleTimes;</mo><mi>b</mi><mo>:=</mo><mn>1</mn></math>",
    "<math><mi>a</mi><mo>!=</mo><mi>b</mi><mtext>&quot;x&quot; &amp; y</mtext></math>", "<math><mi>x</mi></math>",
])
def test_the_entity_names_are_read_as_ziamath_reads_them(xml):
    """ziamath's `escapes` module, put in place before ziamath loads so that its pattern of
    names is compiled only when a formula holds one (`engine.before_import`), unescapes as the
    module itself does."""
    assert engine._unescape(xml) == engine._full_escapes().unescape(xml)


def test_ziamath_loads_with_the_entity_names_left_for_later():
    code = ("import sys\nfrom studypack.media.maths import engine\nengine.before_import()\nimport ziamath\n"
            "ziamath.Math('<math><mi>x</mi><mo>=</mo><mn>-2</mn></math>')\n"
            "print(sys.modules['ziamath.escapes'].unescape is engine._unescape, 'ziamath._escapes' in sys.modules)")
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["True", "False"]  # in place, and the full pattern never compiled


def _tables(found, seen: list) -> list:
    """Every coverage and class table reachable from `found` (a face's GSUB, GPOS, MATH), in order:
    its kind, format and numbers (pairs left out: they are read when used)."""
    from ziafont.tables import ClassDef, Coverage

    if any(found is other for other in seen):
        return []
    seen.append(found)
    if isinstance(found, (Coverage, ClassDef)):
        values = {k: v for k, v in vars(found).items() if k != "fontfile"}
        return [(type(found).__name__, values, [type(r).__name__ for r in values.get("ranges", [])])]
    if isinstance(found, (list, tuple)):
        return [t for item in found for t in _tables(item, seen)]
    if type(found).__module__.startswith(("ziafont", "ziamath")):
        return [t for k, v in vars(found).items() if k not in ("fontfile", "pairsets", "classrecords") for t in _tables(v, seen)]
    if isinstance(found, dict):
        return [t for v in found.values() for t in _tables(v, seen)]
    return []


def test_kerning_pairs_read_when_used_are_the_pairs_ziafont_reads():
    """Every set of pairs and row of class pairs of both maths faces' GPOS tables, read as
    first looked up (`engine._read_pairs_when_used`), and their widths, read at once, equal
    what ziafont reads as it loads; so do their character maps and every coverage and class
    table of their GSUB and GPOS lookups, each read as one run of numbers."""
    from ziafont import gpos
    from ziafont.font import Font
    from ziafont.tables import ClassDef, Coverage
    from ziamath.mathfont import MathFont

    from studypack.media.maths import font

    engine._read_pairs_when_used()
    lazy_init = gpos.PairAdjustmentSubtable.__init__
    for path in (font.path(), font.engine_font(font.NOTO)):
        assert path is not None
        lazy = MathFont(path)
        with patch.object(gpos.PairAdjustmentSubtable, "__init__", engine._PLAIN_PAIRS[0]), \
                patch.object(Font, "_readwidths", engine._PLAIN_PAIRS[1]), patch.object(Font, "_readcmap", engine._PLAIN_PAIRS[2]), \
                patch.object(Coverage, "__init__", engine._PLAIN_PAIRS[3]), patch.object(ClassDef, "__init__", engine._PLAIN_PAIRS[4]):
            eager = MathFont(path)
        assert gpos.PairAdjustmentSubtable.__init__ is lazy_init
        assert lazy.advwidths == eager.advwidths and len(lazy.advwidths) > 1000
        assert [vars(c) for c in lazy.cmaps] == [vars(c) for c in eager.cmaps] and len(lazy.cmap.glyphmap) > 1000
        assert lazy.cmaps.index(lazy.cmap) == eager.cmaps.index(eager.cmap)
        tables = _tables([lazy.gsub, lazy.gpos, lazy.math], [])
        assert tables == _tables([eager.gsub, eager.gpos, eager.math], []) and len(tables) > 20
        rows = 0
        for mine, theirs in zip(lazy.gpos.lookups, eager.gpos.lookups, strict=True):
            for table, read in zip(mine.subtables, theirs.subtables, strict=True):
                if not isinstance(read, gpos.PairAdjustmentSubtable):
                    continue
                assert isinstance(table.pairsets if table.posformat == 1 else table.classrecords, engine._ReadWhenUsed)
                assert (table.posformat, table.valueformat1, table.valueformat2) == (read.posformat, read.valueformat1, read.valueformat2)
                assert vars(table.coverage).keys() == vars(read.coverage).keys() and table.coverage.format == read.coverage.format
                plain = read.pairsets if read.posformat == 1 else read.classrecords
                made = table.pairsets if table.posformat == 1 else table.classrecords
                assert len(made) == len(plain)
                for i, row in enumerate(plain):
                    assert list(made[i]) == list(row)
                    rows += 1
        assert rows
