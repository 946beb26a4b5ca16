"""Formulas set as a maths or chemistry textbook sets them, read back glyph by glyph from the
PDF (issue 22, the reviewer's G1, G4, G9, G10): every subscript of a line at one depth
(Fe₂(SO₄)₃, H₂SO₄, NH₄⁺), the square of (−3)² as high as the square of x², an inline fraction
in the default layout readable (its figures at least 8.5 pt beside 10.5 pt words, a power or
an index inside one no smaller than any script of the line), and a unit
in an answer line or a table's head in the face of the words beside it; a statement's number
on the baseline of its words, a tall fraction in the line or not."""

from __future__ import annotations

import ctypes
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("ziamath")

from studypack.app.build import build  # noqa: E402

PACK = r'''
title: "Formulas"
subject: Science
level: "GCSE"
sheets:
  - id: formulas
    kind: worksheet
    title: "Formulas"
    questions:
      - kind: short
        prompt: 'Iron sulfate is $\ce{Fe2(SO4)3}$, sulfuric acid $\ce{H2SO4}$ and ammonium $\ce{NH4+}$.'
        marks: 1
        answer: "Salts."
      - kind: short
        prompt: 'Find $(-3)^2$ and $x^2$ when $x = 4$.'
        marks: 1
        answer: "9 and 16"
      - kind: short
        prompt: 'Add $\frac{3}{4} + \frac{2}{5}$ now.'
        marks: 2
        space: box
        final: {label: "acceleration =", unit: '$\unit{m/s^2}$'}
        answer: "23/20"
      - kind: true-false
        prompt: "True or false?"
        marks: 1
        statements:
          - {text: 'One third is more than 0.3: $\frac{1}{3} > 0.3$', answer: true}
      - kind: table
        prompt: "Complete the table."
        marks: 1
        columns: ["Time / s", "Velocity / $\\unit{m/s}$"]
        rows:
          - ["0", {answer: "0"}]
      - kind: short
        prompt: 'Write $K_c = \frac{[\ce{NH3}]^2}{[\ce{N2}][\ce{H2}]^3}$ for it.'
        marks: 1
        answer: "As written."
'''

LAYOUTS = ("default", "large-print-24", "dyslexia")


@pytest.fixture(scope="module")
def sheets(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("setting")
    pack = base / "formulas"
    pack.mkdir()
    (pack / "pack.yaml").write_text(textwrap.dedent(PACK).lstrip(), encoding="utf-8")
    out = {}
    for layout in LAYOUTS:
        build(pack, layout, base / "out", jobs=1, cache=False)
        out[layout] = base / "out" / ("formulas" if layout == "default" else f"formulas-{layout}") / "formulas.pdf"
    return out


def _glyphs(path: Path) -> list[tuple[str, str, float, float, float]]:
    """(character, font name, size, x, y) of every glyph drawn, in order, across the pages; y
    counted on down the document (each page 10,000 pt below the one before), so glyphs of two
    pages are never found on one line."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    found = []
    for number, page in enumerate(pdfium.PdfDocument(path)):
        chars = page.get_textpage()
        name = ctypes.create_string_buffer(256)
        for i in range(chars.count_chars()):
            char = chars.get_text_range(i, 1)
            if not char.strip():
                continue
            pdfium_c.FPDFText_GetFontInfo(chars.raw, i, name, 256, None)
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(chars.raw, i, ctypes.byref(x), ctypes.byref(y))
            found.append((char, name.value.decode("latin-1"), pdfium_c.FPDFText_GetFontSize(chars.raw, i), x.value,
                          y.value - 10_000 * number))
    return found


def _maths(glyph) -> bool:
    return "Math" in glyph[1]


def _line(glyphs, word: str) -> tuple[float, float, list]:
    """The line the prompt starting `word` begins: its words' baseline and size, and the maths
    glyphs drawn on it (a formula's glyphs are drawn apart from the words, so found by place)."""
    said = "".join(g[0] for g in glyphs)
    first = glyphs[said.index(word)]
    size, baseline = first[2], first[4]
    return baseline, size, [g for g in glyphs if _maths(g) and abs(g[4] - baseline) < 0.9 * size]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_subscript_of_a_line_stands_at_one_depth(sheets, layout):
    """Fe₂(SO₄)₃, H₂SO₄ and NH₄⁺ on one line: the 2, 4 and 3 under a bracket and the 4 under a
    charge hung up to 1.5 pt deeper than the others."""
    maths = [g for g in _glyphs(sheets[layout]) if _maths(g)]
    said = "".join(g[0] for g in maths)
    formulas = maths[said.index("Fe"):said.index("NH4+") + 4]  # large print breaks the line: each count against its own formula
    depths, baseline = [], 0.0
    for char, _face, size, _x, y in formulas:
        if char.isalpha() or char in "()":
            baseline, full = y, size
        elif size < 0.9 * full and y < baseline:
            depths.append((char, round(baseline - y, 3)))
    assert [c for c, _d in depths] == list("243244"), depths
    assert max(d for _c, d in depths) - min(d for _c, d in depths) < 0.05, depths


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_bracket_s_square_stands_as_high_as_a_letter_s(sheets, layout):
    """(−3)²: the 2 stood 2 pt above the 2 of x² (the bracket's height counted as a box's)."""
    baseline, size, line = _line(_glyphs(sheets[layout]), "Find")
    squares = [g for g in line if g[2] < 0.9 * size and g[4] > baseline + 0.5]
    assert len(squares) == 2, squares
    assert abs(squares[0][4] - squares[1][4]) < 0.05, squares


def test_an_inline_fraction_in_the_default_layout_is_readable(sheets):
    """Default layout, 10.5 pt words: a fraction's figures were 7.35 pt (the face's script size)."""
    _baseline, size, line = _line(_glyphs(sheets["default"]), "Add")
    figures = [g for g in line if g[0] in "3425"]
    assert size == 10.5
    assert len(figures) == 4, line
    assert min(g[2] for g in figures) >= 8.5, figures


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_script_inside_an_inline_fraction_is_a_readable_size(sheets, layout):
    """Kc = [NH₃]²/([N₂][H₂]³) in a line: in the default layout the counts and powers inside
    the fraction were a script's script, about 5 pt beside 10.5 pt words (4 pt in a board
    paper's key); the fraction is now displayed, its scripts the face's script size."""
    glyphs = _glyphs(sheets[layout])
    baseline, size, _line_glyphs = _line(glyphs, "Write")
    near = [g for g in glyphs if _maths(g) and abs(g[4] - baseline) < 1.6 * size]
    scripts = [g for g in near if g[0] in "23"]
    assert len(scripts) == 5, near  # NH3's 3, the square, N2's and H2's counts, the cube
    index = next(g for g in near if g[0] == "c")  # Kc's c: a script of the line, the face's script size
    assert index[2] < 0.8 * size
    assert min(g[2] for g in scripts) >= index[2] - 0.01 and index[2] >= 0.55 * size, (size, index, scripts)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_unit_beside_words_is_in_the_words_face(sheets, layout):
    """`acceleration = …… m/s²` and the head `Velocity / m/s`: the unit was in the maths face
    beside words in the text face; now one face, the power raised."""
    glyphs = _glyphs(sheets[layout])
    said = "".join(g[0] for g in glyphs)
    for words, unit in (("acceleration", "m/s2"), ("Velocity", "m/s")):
        start = said.index(words)
        end = said.index(unit, start) + len(unit)
        faces = {g[1] for g in glyphs[start:end] if g[0] != "."}
        assert len(faces) == 1, (layout, words, faces)
    power = glyphs[said.index("m/s2") + 3]
    s = glyphs[said.index("m/s2") + 2]
    assert power[2] < s[2] and power[4] > s[4] + 0.25 * s[2], (power, s)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_statement_s_number_stands_on_its_words_baseline(sheets, layout):
    """Large print and dyslexia set an inline fraction full size: the line holding one stands
    lower, and the statement's number, at the top of its cell, stood 5 pt above its words."""
    glyphs = _glyphs(sheets[layout])
    said = "".join(g[0] for g in glyphs)
    words = glyphs[said.index("Onethird")]
    number = max((g for g in glyphs if g[0] == "1" and not _maths(g) and g[3] < words[3] and abs(g[4] - words[4]) < words[2]),
                 key=lambda g: g[3])  # the bold 1 just left of the words
    assert abs(number[4] - words[4]) < 0.1, (number, words)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_scripts_are_large_enough_to_read_in_every_layout(sheets, layout):
    """Review of issue 22: Noto Sans Math's own script size (60 %) set the dyslexia layout's
    subscripts at 7.2 pt beside 12 pt words, smaller than the default layout's. A script is
    7.5 pt at least, and in the same proportion (70 %) of its formula in every layout (the
    formula at the words' size, or in dyslexia at their x-height, `maths.size`: 11.1 pt)."""
    baseline, size, line = _line(_glyphs(sheets[layout]), "Find")
    formula = max(g[2] for g in line)
    assert formula == pytest.approx(size * (0.496 / 0.536 if layout == "dyslexia" else 1.0), rel=0.002), (formula, size)
    squares = [g for g in line if g[2] < 0.9 * formula and g[4] > baseline + 0.5]
    assert squares, line
    for glyph in squares:
        assert glyph[2] >= 7.35 if layout == "default" else glyph[2] >= 7.5, (layout, glyph)
        assert abs(glyph[2] / formula - 0.7) < 0.01, (layout, glyph, formula)
