"""Exam furniture, read back from the PDFs: the layout's candidate boxes on the cover, no
board's words in the neutral exam layout (no "(Total for Question N = X marks)", "TOTAL FOR
PAPER" or margin notice: a profile's), an even page count with a BLANK PAGE, no candidate furniture on the mark scheme, booklet pages numbered through."""

from __future__ import annotations

import re
import textwrap

import pytest
from pypdf import PdfReader

from conftest import EXAMPLE, squash
from studypack.app.build import build
from studypack.content.validate import load_pack


def pages(path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.fixture(scope="module")
def exam(tmp_path_factory):
    out = tmp_path_factory.mktemp("exam")
    build(EXAMPLE, "exam", out, jobs=2)
    return out / "show-trials-exam"


def test_exam_paper_wears_no_boards_words(exam):
    paper = pages(exam / "exam-paper.pdf")
    whole = " ".join(paper)
    sheet = next(s for s in load_pack(EXAMPLE).pack.sheets if s.id == "exam-paper")
    for number, _section, _question in sheet.numbered():
        assert f"Total for Question {number}" not in whole
    assert "TOTAL FOR PAPER" not in whole and "Do not write in this margin" not in whole
    assert f"[{sheet.numbered()[0][2].marks}]" in whole  # the neutral marks form
    assert len(paper) % 2 == 0
    pack = " ".join(pages(exam / "pack.pdf"))
    assert "Total for Question" not in pack and "TOTAL FOR PAPER" not in pack
    # the cover asks for what the layout's candidate boxes ask for
    assert all(label in paper[0] for label in ("Surname", "Forename(s)", "Centre number", "Candidate number"))
    assert "Class" not in paper[0].split("Information")[0]


def test_essay_gets_the_layouts_lines_per_mark(exam):
    """16 + 4 SPaG at 3.5 lines a mark: 70 lines, about three pages, not the pack's 34."""
    paper = pages(exam / "exam-paper.pdf")
    continued = [p for p in paper if "Question 4 continued" in p]
    assert len(continued) >= 2


def test_mark_scheme_carries_no_candidate_furniture(exam):
    key = " ".join(pages(exam / "answer-key.pdf"))
    assert "Turn over" not in key and "Do not write in this margin" not in key and "BLANK PAGE" not in key
    assert "Surname" not in key
    assert "Turn over" in " ".join(pages(exam / "exam-paper.pdf"))


ONE_PAGE = textwrap.dedent("""\
    title: Short paper
    subject: History
    level: GCSE
    sheets:
      - id: paper
        kind: exam
        title: Paper 1
        questions:
          - {kind: short, prompt: "Name one defendant at the first Moscow trial.", marks: 1, lines: 2, answer: Zinoviev}
    """)


def test_an_odd_paper_ends_with_a_blank_page(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "pack.yaml").write_text(ONE_PAGE, encoding="utf-8")
    build(tmp_path / "p", "exam", tmp_path / "exam", jobs=1)
    paper = pages(tmp_path / "exam" / "p-exam" / "paper.pdf")
    assert len(paper) == 2
    assert "Zinoviev" not in paper[0] and "Name one defendant" in paper[0]
    assert "TOTAL FOR PAPER" not in paper[0] and "Total for Question" not in paper[0]
    assert "Turn over" not in paper[0]  # nothing to turn over to but the blank page
    assert "BLANK PAGE" in paper[1] and "Zinoviev" not in paper[1]
    assert "2" in paper[1]  # numbered with the paper
    build(tmp_path / "p", "default", tmp_path / "default", jobs=1)
    default = pages(tmp_path / "default" / "p" / "paper.pdf")
    assert len(default) == 1 and "BLANK PAGE" not in default[0] and "Total for Question" not in default[0]


def test_a_bound_booklet_numbers_its_pages_through(tmp_path):
    build(EXAMPLE, "compact-booklet", tmp_path, jobs=2)
    text = " ".join(pages(tmp_path / "show-trials-compact-booklet" / "pack.pdf"))
    found = re.findall(r"Page (\d+) of (\d+)", text)
    totals = {int(of) for _n, of in found}
    assert len(totals) == 1  # one booklet, one count
    numbers = sorted(int(n) for n, _of in found)
    assert numbers == list(range(1, totals.pop() + 1))


def _starts(pack_pages: list[str], document: list[str]) -> int:
    """The 0-based page of pack.pdf where `document` (its pages' text) is printed whole."""
    for at in range(len(pack_pages) - len(document) + 1):
        if pack_pages[at:at + len(document)] == document:
            return at
    raise AssertionError("not printed in the pack")


def test_the_pack_prints_each_papers_source_booklet_behind_it(shipped):
    """A paper that says "Sources A and B are in the separate Source Booklet" has that booklet
    in pack.pdf too, right behind it: the whole pack holds everything its papers name."""
    folder = shipped("default")
    pack = pages(folder / "pack.pdf")
    paper, booklet = pages(folder / "exam-paper.pdf"), pages(folder / "exam-paper-sources.pdf")
    assert "Source Booklet" in " ".join(paper) and booklet[0].startswith("Source Booklet")
    at = _starts(pack, paper)
    assert _starts(pack, booklet) == at + len(paper)
    assert "Glossary" in pack[at + len(paper) + len(booklet)]  # then the reference pages, as before


def test_exam_pack_starts_every_sheet_on_a_right_hand_page(exam):
    """Printed double-sided, no sheet of the exam layout's pack.pdf starts on the back of the
    one before: each that would end on an odd page is followed by a BLANK PAGE."""
    pack = pages(exam / "pack.pdf")
    names = ["background-worksheet", "court-statements", "later-accounts", "moscow-trials", "why-public",
             "exam-paper", "exam-paper-sources"]
    starts = []
    for name in names:
        document = pages(exam / f"{name}.pdf")
        document = [page for page in document if page != "BLANK PAGE" and "BLANK PAGE" not in page]
        starts.append(_starts(pack, document[:1]))
    assert starts == sorted(starts) and all(at % 2 == 0 for at in starts), starts
    own = {n: pages(exam / f"{n}.pdf") for n in names}
    odd = [n for n in names if len([page for page in own[n] if "BLANK PAGE" not in page]) % 2 == 1]
    assert odd, "the probe needs a sheet of an odd page count"
    assert sum("BLANK PAGE" in page for page in pack) >= len(odd)
    # a sheet printed on its own ends on an even page too, as in the pack: its last page blank
    assert all("BLANK PAGE" in own[n][-1] for n in odd)
    assert all(len(own[n]) % 2 == 0 for n in names)
