"""A formula's weight follows the words around it (issue 22, review r34): large print sets every
word bold, and every formula there, inline in a stem, displayed, in a table's cell, an option,
a matching list, a cloze passage, and a number line's numbers, is drawn emboldened as a formula
among bold words is (its maths face has no bold: each glyph filled and stroked a share of its
own size, `draw.EMBOLDEN`); pdffonts names the face NotoSansMath-Regular all the same, as the
stroke is in the drawing. In the default layout a student's formulas are never stroked (its
words are regular). Read from the content streams of the built PDFs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("ziamath")

from click.testing import CliRunner  # noqa: E402

from studypack.commands.cli import main  # noqa: E402

from conftest import ROOT, text_runs  # noqa: E402

SUBJECTS = ("maths", "physics", "chemistry")
STROKE = {"STIXTwoMath": 0.036, "NotoSansMath": 0.046}  # of each glyph's size: `draw.EMBOLDEN`
LARGE = [pytest.param("large-print-36"),
         pytest.param("large-print-18", marks=pytest.mark.slow),
         pytest.param("large-print-24", marks=pytest.mark.slow),
         pytest.param("large-print-24-a3", marks=pytest.mark.slow)]


def _build(out: Path, subject: str, layout: str) -> Path:
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / subject), "--layout", layout,
                                       "--strict", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / (subject if layout == "default" else f"{subject}-{layout}")


def _maths_runs(path: Path):
    """(page, maths face, size, text rendering mode, line width, text) of each run of the
    maths faces on the PDF's pages."""
    for number, font, size, mode, width, text, _y in text_runs(path):
        face = next((name for name in STROKE if name in font), None)
        if face:
            yield number, face, size, mode, width, text


@pytest.mark.parametrize("layout", LARGE)
def test_every_formula_in_large_print_is_as_bold_as_its_words(tmp_path, layout):
    """maths large-print-36 p5: the stem's 2x²+3x−2=0 and the display formula under it, both
    stroked alike; the same in the physics tables' quantities, chemistry's cloze and options,
    and the number line's numbers (set in the maths face now)."""
    for subject in SUBJECTS:
        folder = _build(tmp_path, subject, layout)
        for name in ("pack.pdf", "answer-key.pdf"):
            runs = list(_maths_runs(folder / name))
            assert len(runs) > 30, (subject, name)
            light = Counter(page for page, _face, _size, mode, _w, _t in runs if mode != 2)
            assert not light, (subject, layout, name, "pages with formulas not emboldened", dict(light))
            for _page, face, size, _mode, width, _text in runs:
                assert width == pytest.approx(STROKE[face] * size, rel=0.01), (subject, name, size, width)


def test_a_student_s_formulas_in_the_default_layout_are_not_emboldened(tmp_path):
    """Default's words are regular: no formula of a student's pack is stroked (a key's formula
    in a bold correct answer is: test_maths_in_layouts)."""
    for subject in SUBJECTS:
        runs = list(_maths_runs(_build(tmp_path, subject, "default") / "pack.pdf"))
        assert runs and all(mode == 0 for _p, _f, _s, mode, _w, _t in runs), subject
