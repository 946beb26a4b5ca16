"""Formulas in the Word and Moodle exports: Moodle gets each formula's TeX between MathJax's
`\\(` `\\)` or `\\[` `\\]`, a dollar sign stays a dollar, cloze gaps still read as the pack's
gaps; Word gets each formula as a real equation (OMML) beside the words around it, and
LibreOffice reads it back."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import pdf_text, soffice_or_skip, squash
from moodle_rules import cloze_gaps
from studypack.commands.cli import main

PACK = r"""
title: "Motion"
subject: Physics
level: "GCSE"
sheets:
  - id: motion
    kind: worksheet
    title: "Motion"
    questions:
      - kind: multiple-choice
        prompt: "A ticket costs \\$5. Which is the kinetic energy of a mass $m$ at speed $v$?"
        marks: 1
        options: ["$E_k = \\frac{1}{2}mv^2$", "$E_k = mgh$"]
        answer: A
      - kind: short
        prompt: "Rearrange $$v = u + at$$ for $a$."
        marks: 1
        answer: "$a = \\frac{v - u}{t}$"
      - kind: cloze
        prompt: "Fill the gaps."
        marks: 2
        text: "Water is $\\ce{H2O}$; the area of a square of side $x$ is [[$x^2$]] and its side is [[$\\sqrt{A}$]]."
      - kind: extended
        prompt: "Explain why $\\frac{1}{2}mv^2$ grows with speed."
        marks: 4
        mark_scheme:
          levels:
            - {level: 1, marks: [1, 2], descriptor: "States $E_k \\propto v^2$"}
            - {level: 2, marks: [3, 4], descriptor: "Explains $E_k = \\frac{1}{2}mv^2$ fully"}
      - kind: table
        prompt: "Complete the table."
        marks: 1
        columns: ["$x$", "$\\frac{x}{2}$"]
        rows:
          - ["4", {answer: "$2$"}]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("maths-export")
    (root / "motion").mkdir()
    (root / "motion" / "pack.yaml").write_text(PACK, encoding="utf-8")
    for fmt in ("moodle", "docx"):
        result = CliRunner().invoke(main, ["build", str(root / "motion"), "--format", fmt, "--out", str(root / "out")])
        assert result.exit_code == 0, result.output
    return root / "out" / "motion"


def questions(built) -> dict[str, ET.Element]:
    quiz = ET.parse(built / "motion.moodle.xml").getroot()
    return {q.findtext("name/text"): q for q in quiz.iter("question") if q.get("type") != "category"}


def test_moodle_formulas_are_mathjax_tex_and_a_dollar_stays_a_dollar(built):
    found = questions(built)
    choice = next(q for name, q in found.items() if name.startswith("1."))
    text = choice.findtext("questiontext/text")
    assert "\\(m\\)" in text and "\\(v\\)" in text and "&#36;5" in text and "$" not in text.replace("&#36;", "")
    assert [a.findtext("text") for a in choice.iter("answer")] == ["\\(E_k = \\frac{1}{2}mv^2\\)", "\\(E_k = mgh\\)"]
    short = next(q for name, q in found.items() if name.startswith("2."))
    assert "\\[v = u + at\\]" in short.findtext("questiontext/text")
    assert any(name.startswith("1. A ticket costs $5. Which") for name in found), list(found)  # a dollar stays
    assert any(name.startswith("2. Rearrange v = u + at for a") for name in found), list(found)


def test_moodle_cloze_gaps_survive_formulas_and_answers_are_typed_text(built):
    cloze = next(q for name, q in questions(built).items() if name.startswith("3."))
    gaps, rest = cloze_gaps(cloze.findtext("questiontext/text"))
    assert [[a.answer for a in gap.alternatives] for gap in gaps] == [["x^2"], ["\\sqrt{A}"]]
    assert "\\(&#123;&#123;\\mathrm &#123;H}_&#123;2}\\mathrm &#123;O}}}\\)" in rest
    assert "{#1}" in rest and "{#2}" in rest and rest.count("{") == 2


def test_moodle_mark_scheme_formulas(built):
    essay = next(q for name, q in questions(built).items() if name.startswith("4."))
    assert "\\(E_k = \\frac{1}{2}mv^2\\)" in essay.findtext("graderinfo/text")


def document_xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_word_formulas_are_equations_beside_their_words(built):
    xml = document_xml(built / "motion.docx")
    assert xml.count("<m:oMath>") + xml.count("<m:oMath ") >= 8 and "<m:f>" in xml
    assert "<m:oMathPara" in xml  # the display formula
    assert "$" not in xml.replace("\\$", "") or "ticket costs $5" in xml
    assert "Which is the kinetic energy of a mass" in xml and "Rearrange" in xml
    heading = xml.split("Complete the table")[1].split("</w:tr>")[0]  # the table's header row
    assert heading.count("<m:oMath") == 2 and "<m:f>" in heading


def test_the_word_key_sets_gap_answers_and_mark_schemes_as_equations(built):
    key = next(document_xml(path) for path in built.glob("*.docx") if "answer" in path.name.lower())
    gaps = key.split("Water is")[1].split("</w:p>")[0]  # the cloze passage, its gaps filled
    assert gaps.count("<m:oMath") == 4 and "<m:rad>" in gaps  # H2O and x, then the answers x^2 and a root
    assert "Explains" in key and key.split("Explains")[1].split("</w:p>")[0].count("<m:f>") == 1


def test_moodle_table_headings_are_mathjax(built):
    grid = next(q for name, q in questions(built).items() if name.startswith("5."))
    assert "<th>\\(x\\)</th><th>\\(\\frac{x}{2}\\)</th>" in grid.findtext("responsetemplate/text")


@pytest.mark.slow  # LibreOffice opens the files (run by `-m slow` and .ci/run)
def test_libreoffice_reads_the_equations(built, tmp_path):
    soffice = soffice_or_skip()
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(built / "motion.docx")],
                   check=True, capture_output=True, timeout=300)
    words = squash(pdf_text(tmp_path / "motion.pdf"))
    assert "kinetic energy of a mass" in words and "grows with speed" in words, words[:800]
    program = Path(os.path.realpath(soffice)).parent
    if any(program.glob("libsm*lo.so")) or any(program.glob("sm*.dll")):  # LibreOffice Math sets equations
        assert "Ek=mgh" in words.replace(" ", ""), words[:800]  # Math sets each letter apart: "Ek =m g h"


def test_word_sets_a_formulas_letters_as_the_layout_prints_them(built, tmp_path):
    """Maths italic by default; upright where the layout sets them so (dyslexia: no italics)."""
    italic = document_xml(built / "motion.docx")
    assert "<m:r><m:t>v</m:t></m:r>" in italic  # a letter with no style of its own: maths italic
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(built.parent.parent / "motion"), "--format", "docx", "--layout",
                                       "dyslexia", "--out", str(out)])
    assert result.exit_code == 0, result.output
    upright = document_xml(out / "motion-dyslexia" / "motion.docx")
    assert "<m:r><m:t>" not in upright
    assert '<m:r><m:rPr><m:sty m:val="p"/></m:rPr><m:t>v</m:t></m:r>' in upright
    assert upright.count("<m:oMath") == italic.count("<m:oMath")
