"""Issue 22's review (r34): three page defects, each read back from the PDF: a parts question
going on over a page says "Question 4 continued" in a student's document as in the key; a
table's blank cell is as deep as the lines its marks need (physics large print: one number, one
line); a gap-fill whose gaps all take a number keeps its gaps short (chemistry's equation on one
line where the page is wide enough)."""

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
    named = out / f"{subject}-{layout}"
    return named if named.exists() else out / subject  # the pack's own layout: its own folder


def _page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(str(path)).pages]


@pytest.mark.parametrize("layout, document", [("default", "pack.pdf"), ("compact", "pack.pdf"), ("exam", "pack.pdf"),
                                              ("letter", "equilibria.pdf"), ("compact", "answer-key.pdf")])
def test_a_parts_question_going_on_over_a_page_says_so(tmp_path, layout, document):
    """Chemistry Q4 (the Haber process: a shared stem, then 4(a), 4(b), 4(c)) parts over a page:
    the page it goes on to starts with "Question 4 continued", over the next part's number, in a
    student's sheet and pack as in the key (whose 4(c) opened a page with nothing saying whose)."""
    pages = _page_texts(_build("chemistry", layout, tmp_path) / document)
    stem = next(i for i, page in enumerate(pages) if "Ammonia is made by the Haber process" in page)
    last = next(i for i, page in enumerate(pages) if "The Haber process is run at about" in page)
    assert last > stem, "the example no longer parts Q4 over a page in this layout: choose another"
    for page in pages[stem + 1:last + 1]:
        first = re.search(r"4\([a-c]\)", page)
        assert first is not None and page.startswith("Question 4 continued ") and page.index(" ") < first.start(), page
    assert "Question 4 continued" not in pages[stem]


def test_a_parts_answer_lines_overleaf_keep_their_part_s_own_line(tmp_path):
    """Chemistry large print 24: 4(b) and 4(c) each start a page under "Question 4 continued", and
    4(c)'s answer lines going on over a page keep their own, more exact "Question 4(c) continued"
    (never both lines, never the question's alone)."""
    pages = _page_texts(_build("chemistry", "large-print-24", tmp_path) / "pack.pdf")
    for part in ("4(b)", "4(c)"):
        assert any(p.startswith(f"Question 4 continued {part} ") for p in pages), pages
    over = [p for p in pages if "Question 4(c) continued" in p]
    assert over and all("Question 4 continued" not in p for p in over), over


def _rows(path: Path, page: int) -> list[float]:
    """The heights of a page's table rows, from their first cells' shading (the page log)."""
    found = []
    for line in tool("pagelog").page_log(path):
        match = re.match(rf"p{page} [\d.]+,[\d.]+ box [\d.]+x([\d.]+) fill #f6f6f6", line)
        if match:
            found.append(float(match.group(1)))
    return found


@pytest.mark.parametrize("layout, line_mm", [("large-print-18", 12), ("large-print-24", 15)])
def test_a_table_cell_for_one_number_is_one_line_deep(tmp_path, layout, line_mm):
    """Physics, "Change in velocity" (2 marks, a mark a cell): its blank cells were three of the
    layout's cell lines deep (38.5 mm in large print 18), the table went over two pages and left
    the sheet's title alone on a page. Each is now one line (and its padding) deep, the whole table
    on one page, and in large print 18 on the sheet's first page under its title."""
    pack = _build("physics", layout, tmp_path) / "pack.pdf"
    pages = _page_texts(pack)
    at = [i for i, page in enumerate(pages) if "Complete the last column" in page]
    assert len(at) == 1, at
    assert "12" in pages[at[0]].split("Complete the last column")[1]  # the table's last row is with it
    rows = _rows(pack, at[0] + 1)
    assert len(rows) == 5, rows
    most = line_mm * 72 / 25.4 + 8  # one line, the cell's padding, the rule
    assert all(h <= most for h in rows), (rows, most)
    if layout == "large-print-18":
        assert "Motion graphs and stopping distances" in pages[at[0]]


@pytest.mark.parametrize("layout", ["dyslexia", "young-readers", "large-print-18", "large-print-24-a3"])
def test_an_equation_to_balance_keeps_its_gaps_short_and_its_line_whole(tmp_path, layout):
    """Chemistry Q2, "(1) ___ H2(g) + O2(g) ⟶ (2) ___ H2O(l)": every gap takes a number, so every
    gap is short (one length for all, as long as the longest number and a little more): the
    equation is one line, as in the key; a passage with any word to write keeps its longer gaps."""
    from pypdf import PdfReader

    path = _build("chemistry", layout, tmp_path) / "equations.pdf"
    lines = [row for page in PdfReader(str(path)).pages for row in page.extract_text().splitlines()]
    line = next(row for row in lines if "(1)" in row)
    assert "(2)" in line and "O(l)" in line, line


def test_gaps_are_short_only_where_every_answer_is_a_number():
    from studypack.kinds.questions.cloze import view

    assert view._least(["2", "2"]) == view.LEAST_NUMBERS
    assert view._least(["0.5", "-3", "12"]) == view.LEAST_NUMBERS
    assert view._least(["2", "water"]) == view.LEAST_WORDS
    assert view._least(["it"]) == view.LEAST_WORDS
