"""Board papers' furniture as profile data (issue 25, sixth round): where the marks stand
(Pearson's "(4)" under the answer space, OCR's "[2]" at the end of the answer's line), dotted
answer lines (Pearson, OCR, WJEC Eduqas), and Pearson's margin notice in both side margins,
read back from the PDFs the examples build."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import build_written, built_papers

BUILT = ("edexcel-paper-3", "ocr-physics-paper-1", "eduqas-depth-study")
DASHED = re.compile(rb"\[\s*0\s+[0-9.]+\s*\]\s+0\s+d\b")  # round dots: a zero dash and a gap


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example papers this file reads, built with --strict; {example: output folder}."""
    return built_papers(tmp_path_factory, BUILT)


def _drawn(page) -> list[tuple[str, float, float]]:
    """Each piece of text on the page with where it starts, in page points (turned text too)."""
    out: list[tuple[str, float, float]] = []

    def visit(words, cm, tm, font, size):
        if words.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            out.append((words.strip(), x, y))
    page.extract_text(visitor_text=visit)
    return out


def _where(drawn, words: str) -> list[tuple[float, float]]:
    return [(x, y) for said, x, y in drawn if said.startswith(words)]


def _page_with(path, words: str):
    for page in PdfReader(str(path)).pages:
        if words in (page.extract_text() or ""):
            return page
    raise AssertionError(f"{words!r} is on no page of {path.name}")


@pytest.mark.slow
def test_pearsons_marks_stand_under_the_answer_lines(built):
    page = _page_with(built["edexcel-paper-3"] / "paper-3.pdf", "How useful are Sources")
    drawn = _drawn(page)
    (_x, stem), = _where(drawn, "3")[:1]
    (x, mark), = _where(drawn, "(8)")
    width = float(page.mediabox.width)
    assert stem - mark > 300, "the (8) stands under the lines, not beside the question"
    assert x > width * 0.7, "at the right"
    # and in the mark scheme, the teacher's, beside the question as before
    key = " ".join(p.extract_text() or "" for p in PdfReader(str(built["edexcel-paper-3"] / "answer-key.pdf")).pages)
    assert "3(a)" in key


@pytest.mark.slow
def test_ocrs_marks_stand_at_the_end_of_the_answer_line(built):
    page = _page_with(built["ocr-physics-paper-1"] / "practice.pdf", "speed =")
    drawn = _drawn(page)
    (_sx, line), = _where(drawn, "speed =")
    marks = [(x, y) for x, y in _where(drawn, "[2]")]
    assert any(abs(y - line) < 3 for _x, y in marks), f"[2] level with the answer line at {line}: {marks}"


@pytest.mark.slow
@pytest.mark.parametrize("example, paper", [("edexcel-paper-3", "paper-3.pdf"), ("eduqas-depth-study", "depth-study.pdf")])
def test_pearson_and_eduqas_answer_lines_are_dotted(built, example, paper):
    pages = PdfReader(str(built[example] / paper)).pages
    assert any(DASHED.search(page.get_contents().get_data()) for page in pages), f"{example}: no dotted lines"


OCR_LINES = """title: "Forces"
subject: Physics
level: "GCSE"
profile: ocr-gcse-physics-a-paper-1
sheets:
  - id: paper
    kind: exam
    title: "Paper 1"
    questions:
      - kind: short
        prompt: "Describe what happens to the speed of a ball dropped from a height."
        marks: 2
        lines: 3
        answer: "It gets faster."
"""


@pytest.mark.slow
def test_ocrs_answer_lines_are_dotted_with_the_marks_at_the_last_ones_end(tmp_path):
    """The physics example has no ruled lines (its spaces are boxes): a question of lines."""
    result, out = build_written(tmp_path, "ocr-lines", OCR_LINES)
    assert result.exit_code == 0, result.output
    page = PdfReader(str(out / "paper.pdf")).pages[1]
    assert DASHED.search(page.get_contents().get_data()), "OCR's lines are dotted"
    drawn = _drawn(page)
    (_x, stem), = _where(drawn, "Describe what happens")
    (x, mark), = _where(drawn, "[2]")
    spacing = 9 * 72 / 25.4  # the exam layout's answer lines
    assert stem - mark > 2.5 * spacing, "[2] stands on the last of the three lines, not beside the question"
    assert x > float(page.mediabox.width) * 0.7
    # the solid lines of the exam layout itself: AQA's, and the neutral base
    result, out = build_written(tmp_path / "exam", "exam-lines", OCR_LINES.replace("profile: ocr-gcse-physics-a-paper-1\n", ""),
                                "--layout", "exam")
    assert result.exit_code == 0, result.output
    plain = out.parent / "exam-lines-exam" / "paper.pdf"  # a pack built in another layout: its own folder
    assert not any(DASHED.search(p.get_contents().get_data()) for p in PdfReader(str(plain)).pages)


@pytest.mark.slow
def test_pearsons_margin_notice_is_in_both_side_margins(built):
    page = PdfReader(str(built["edexcel-paper-3"] / "paper-3.pdf")).pages[2]
    width = float(page.mediabox.width)
    xs = [x for x, _y in _where(_drawn(page), "DO NOT WRITE IN THIS AREA")]
    assert any(x < 25 * 72 / 25.4 for x in xs) and any(x > width - 25 * 72 / 25.4 for x in xs), xs
    # Eduqas keeps its one notice, at the right
    page = PdfReader(str(built["eduqas-depth-study"] / "depth-study.pdf")).pages[2]
    xs = [x for x, _y in _where(_drawn(page), "Examiner only")]
    assert len(xs) == 1 and xs[0] > float(page.mediabox.width) / 2, xs
