"""Issue 22's review of the subject examples in large print, three page defects, each read back
from the PDF: a true/false question's stem no longer alone on a page 40 % used (physics key),
maths' first question on its title page (its working box closed up as its lines would), and a
shared stem with no marks of its own set to the full width (chemistry's "The forward reaction
is exothermic." on one line)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from studypack.commands.cli import main

from conftest import ROOT, tool


def _build(subject: str, layout: str, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / subject), "--layout", layout, "--out", str(out),
                                       "--jobs", "1", "--no-cache"])
    assert result.exit_code == 0, result.output
    return out / f"{subject}-{layout}"


def _page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


def _page_of(pages: list[str], words: str) -> int:
    """The 0-based index of the first page holding `words`."""
    return next(i for i, text in enumerate(pages) if words in text)


@pytest.mark.parametrize("layout", ["large-print-24", "large-print-36"])
def test_a_true_false_stem_keeps_two_statements_rather_than_stand_alone(tmp_path, layout):
    """Physics key, question 5 (three statements, two with a "Why:"): its table went overleaf whole,
    so as to leave no statement alone at the page's foot, and the stem stood alone on a page 40 %
    used. Now the stem keeps the table's head and two statements; the third goes over with the
    "Why:" it leads into, under "Question 5 continued"."""
    pages = _page_texts(_build("physics", layout, tmp_path) / "answer-key.pdf")
    at = _page_of(pages, "Are these statements true or false?")
    here, over = pages[at], pages[at + 1]
    assert "True" in here and "Weight is measured" in here and "On Earth" in here, here
    assert "steady speed in a circle" not in here and "Why:" not in here, here
    assert "Question 5 continued" in over and "steady speed in a circle" in over and "Why:" in over, over
    assert over.index("steady speed in a circle") < over.index("Why:")


def _boxes(path: Path, page: int) -> list[tuple[float, float]]:
    """(width, height) of every stroked box on a page (1-based), from the page log."""
    found = []
    for line in tool("pagelog").page_log(path):
        match = re.match(rf"p{page} [\d.]+,[\d.]+ box ([\d.]+)x([\d.]+) stroke", line)
        if match:
            found.append((float(match.group(1)), float(match.group(2))))
    return found


def test_maths_first_question_starts_on_its_title_page_in_large_print_36(tmp_path):
    """Maths large print 36, pack.pdf p1 held the title, name line and instructions only (about
    45 % used): question 1 with its working box (2 marks: 6 lines of 20 mm, 120 mm) was a few
    points too tall. A box sized by marks closes up as its lines would (the layout's
    `answer_lines.squeeze`, 0.75): question 1 and its whole box are on p1, the box no lower than
    that floor; question 2's box, with a page of its own, keeps its full height."""
    from studypack.base.units import MM

    folder = _build("maths", "large-print-36", tmp_path)
    pages = _page_texts(folder / "pack.pdf")
    assert "Fractions and algebra" in pages[0] and "Give your answer as" in pages[0], pages[0]
    assert "[2 marks]" in pages[0]
    first = [h for _w, h in _boxes(folder / "pack.pdf", 1) if h > 50 * MM]
    assert len(first) == 1 and 0.75 * 120 * MM - 2.5 <= first[0] < 120 * MM - 2.5, first
    second = _page_of(pages, "in its simplest form")
    full = [h for _w, h in _boxes(folder / "pack.pdf", second + 1) if h > 50 * MM]  # drawn inside its 2 pt border
    assert len(full) == 1 and abs(full[0] - 120 * MM) <= 2.5, full


def test_a_box_closes_up_only_to_its_floor():
    """`WorkingSpace.close_up`: a box sized by marks closes up to its floor and no further; one of
    a height the pack set (no floor) never does."""
    from studypack.kinds.spaces.box.view import Box

    box = Box(100, 0, "#000000", 1)
    box.floor = 75
    assert not box.close_up(30) and box.space_height == 100
    assert box.close_up(25) and box.space_height == 75
    fixed = Box(100, 0, "#000000", 1)
    assert not fixed.close_up(1) and fixed.space_height == 100


@pytest.mark.parametrize("layout", ["large-print-24", "large-print-36"])
def test_a_shared_stem_without_marks_takes_the_full_width_in_large_print(tmp_path, layout):
    """Chemistry large print 24 (pack.pdf, equilibria.pdf and the key): question 4's shared stem
    "The forward reaction / is exothermic." broke though the line had room: a stem with no marks
    of its own kept an empty marks column where marks print below the prompt. It takes the full
    width, as a stem with marks does there."""
    folder = _build("chemistry", layout, tmp_path)
    for name in ("pack.pdf", "equilibria.pdf", "answer-key.pdf"):
        lines = [line.strip() for text in _page_texts(folder / name) for line in text.splitlines()]
        assert "The forward reaction is exothermic." in lines, (name, [ln for ln in lines if "forward" in ln])
