"""The review of issue 22's subject examples, set as a science text sets them, read back from
the PDF: a number and its unit never part at a line's end ("about 450 / °C"), nor a coordinate
pair ("(8, / 12)"); a reaction's arrow never ends a line of a cloze ("… ⟶ / (2) ___ H₂O(l)")."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from studypack.app.build import build

HEAD = """\
title: "Ties"
subject: Science
level: "GCSE"
sheets:
  - id: ties
    kind: worksheet
    title: "Ties"
    questions:
"""


def _lines(pdf: Path) -> list[str]:
    return [line.strip() for page in PdfReader(str(pdf)).pages for line in page.extract_text().splitlines()
            if line.strip()]


def _built(tmp_path: Path, questions: str, layout: str, document: str = "ties.pdf") -> list[str]:
    pack = tmp_path / "ties"
    pack.mkdir()
    (pack / "pack.yaml").write_text(HEAD + textwrap.indent(textwrap.dedent(questions), "      "), encoding="utf-8")
    build(pack, layout, tmp_path / "out", jobs=1, cache=False)
    folder = tmp_path / "out" / ("ties" if layout == "default" else f"ties-{layout}")
    return _lines(folder / document)


# words of every length before the number, so some of them bring it to a line's end
ANSWER = " ".join(f"{'ab' * k} about 450 °C, 9.81 m/s² and (8, 12) at 20 %." for k in range(1, 16))


@pytest.mark.parametrize("layout", ["default", "large-print-18", "young-readers"])
def test_a_number_stays_with_its_unit_and_a_coordinate_pair_stays_whole(tmp_path, layout):
    lines = _built(tmp_path, f"""\
        - kind: short
          prompt: "Say it."
          marks: 1
          answer: "{ANSWER}"
        """, layout, "answer-key.pdf")
    text = " ".join(lines)
    assert text.count("450") == 15, lines
    for line in lines:
        assert not line.endswith(("450", "9.81", "(8,", "20")), (layout, line)
        assert not line.startswith(("°C", "m/s", "12)", "%")), (layout, line)


@pytest.mark.parametrize("layout", ["default", "dyslexia", "large-print-24"])
def test_options_of_one_symbol_each_line_up_and_arrows_are_alike(tmp_path, layout):
    """The chemistry example's options ⟶ ⇌ ← +: the long arrow's spaces set it 1.4–3 mm right of
    the others, and it was long beside a short ←. The two arrows are one length (⟶ and ⟵), and
    each symbol starts at its letter's column as words do (r34: centred in the widest one's
    width, the short ⇌ and + stood indented against the arrows)."""
    from test_maths_setting import _glyphs

    _built(tmp_path, """\
        - kind: multiple-choice
          prompt: "Which symbol shows that a reaction is reversible?"
          marks: 1
          options: ['$\\ce{->}$', '$\\ce{<=>}$', '$\\ce{<-}$', '$+$']
          answer: B
        """, layout)
    folder = tmp_path / "out" / ("ties" if layout == "default" else f"ties-{layout}")
    glyphs = _glyphs(folder / "ties.pdf")
    symbols = [g for g in glyphs if g[0] in "\u27f6\u21cc\u27f5+"]
    assert [g[0] for g in symbols] == ["\u27f6", "\u21cc", "\u27f5", "+"], symbols
    from test_review22_pages import _chars

    lefts = [c[2] for c in _chars(folder / "ties.pdf", 1) if c[0] in "\u27f6\u21cc\u27f5+"]
    assert len(lefts) == 4 and max(lefts) - min(lefts) <= 1.0, (layout, lefts)


@pytest.mark.parametrize("layout", ["default", "dyslexia", "young-readers", "large-print-24"])
def test_a_statement_row_holds_its_tallest_formula(tmp_path, layout):
    """young-readers' maths pack: the numerator of a full-size ⅓ in a true/false statement
    crossed the rule above its row (the formula lowered only to the words' ascent, which stands
    3.7 pt over 16 pt Andika's font size). The numerator's figure is clear of the rule."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from pagelog import page_log

    _built(tmp_path, """\
        - kind: true-false
          prompt: "True or false?"
          marks: 2
          statements:
            - {text: 'Minus three squared is minus nine: $(-3)^2 = -9$', answer: false}
            - {text: 'One third is more than 0.3: $\\frac{1}{3} > 0.3$', answer: true}
        """, layout)
    folder = tmp_path / "out" / ("ties" if layout == "default" else f"ties-{layout}")
    log = page_log(folder / "ties.pdf")
    rules = [float(line.split()[1].split(",")[1]) for line in log if " rule h" in line]
    sign = next(line for line in log if "Math" in line and line.rsplit('"', 2)[1].strip() == ">")
    baseline = float(sign.split()[1].split(",")[1])  # the formula's line (large print: the statement's second)
    numerator = next(line for line in log if "Math" in line and line.rsplit('"', 2)[1].strip() == "1"
                     and float(line.split()[1].split(",")[1]) > baseline + 2)
    y, size = float(numerator.split()[1].split(",")[1]), float(numerator.split()[3])
    above = min(r for r in rules if r > baseline)
    assert y + 0.72 * size < above - 1, (layout, numerator, above)


@pytest.mark.parametrize("layout", ["default", "dyslexia", "large-print-18", "large-print-24"])
def test_a_matching_item_s_letter_stands_on_its_formula_s_baseline(tmp_path, layout):
    """The chemistry example's matching: the formulas of rows C and D (SO₄²⁻, CO₃²⁻), lowered
    into their lines for their stacked charges, sat 1.4–4.3 pt below their letters."""
    from test_maths_setting import _glyphs

    _built(tmp_path, """\
        - kind: matching
          prompt: "Match each ion to its formula."
          marks: 3
          headings: ["Ion", "Formula"]
          pairs:
            - {left: "Sulfate", right: '$\\ce{SO4^2-}$'}
            - {left: "Ammonium", right: '$\\ce{NH4+}$'}
            - {left: "Carbonate", right: '$\\ce{CO3^2-}$'}
        """, layout)
    folder = tmp_path / "out" / ("ties" if layout == "default" else f"ties-{layout}")
    glyphs = _glyphs(folder / "ties.pdf")
    starts = [g for g in glyphs if "Math" in g[1] and g[0] in "SNC"]  # each formula's first letter
    said = "".join(g[0] for g in glyphs)
    shown = 0
    for start in starts:
        letter = max((g for g in glyphs if g[0] in "ABC" and "Bold" in g[1] and g[3] < start[3]
                      and abs(g[4] - start[4]) < start[2]), key=lambda g: g[3])
        assert abs(start[4] - letter[4]) < 0.3, (layout, letter, start)
        shown += 1
    assert shown == 3 and "SO" in said, said
