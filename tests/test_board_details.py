"""Board papers, the review's last differences from the specimens (issue 25): one booklet
where two held the same, no margin notice in a booklet, every booklet under its board's
cover, and the boards' own words, each read back from the PDFs the examples build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT, built_papers, page_texts, pdf_text, squash
from studypack.commands.cli import main
from studypack.io.columns import field_for_label
from studypack.settings.layout import CoverItem

PAPERS = ROOT / "examples" / "papers"
BOOKLETS = {"aqa-paper-1a": "paper-1-sources.pdf", "edexcel-paper-3": "paper-3-sources.pdf",
            "ib-paper-1": "paper-1-sources.pdf"}  # sources in the paper's own booklet
BOOKLET_PAPERS = tuple(BOOKLETS)
ON_PAPER = ("eduqas-depth-study", "ocr-history-a-depth-study", "cambridge-igcse-history-paper-2",
            "ap-us-history-dbq", "aqa-english-literature-paper-1", "aqa-geography-paper-3")  # sources on the paper


BUILT = BOOKLET_PAPERS + ON_PAPER + ("ap-chemistry-frq", "aqa-maths-paper-1", "ocr-physics-paper-1")


pytestmark = pytest.mark.slow  # ten example papers built --strict: the slow suite


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example papers this file reads, built with --strict; {example: output folder}."""
    return built_papers(tmp_path_factory, BUILT)


@pytest.mark.parametrize("example", BOOKLET_PAPERS)
def test_a_papers_booklet_holding_every_source_is_written_once(built, example):
    folder = built[example]
    booklets = sorted(p.name for p in folder.glob("*.pdf") if "source" in p.name)
    assert booklets == [BOOKLETS[example]]  # not source-booklet.pdf beside it with the same sources


@pytest.mark.parametrize("example", ON_PAPER)
def test_a_paper_with_its_sources_on_it_has_no_booklet_copying_them(built, example):
    """A board prints its sources on the paper or in an insert, never both (`sources_in: paper`)."""
    assert not [p.name for p in built[example].glob("*.pdf") if "source" in p.name]


@pytest.mark.parametrize("example", BOOKLET_PAPERS)
def test_a_booklet_carries_no_margin_notice_and_has_its_boards_cover(built, example):
    folder = built[example]
    booklet = next(p for p in folder.glob("*.pdf") if "source" in p.name)
    pages = page_texts(booklet)
    for notice in ("Do not write outside the box", "DO NOT WRITE IN THIS AREA", "Examiner only"):
        assert notice not in " ".join(pages), f"{booklet.name}: a booklet is read, not written in"
    cover = pages[0]
    assert "In the style of" in cover  # the board's insert cover, its own page
    assert "Use these" not in cover  # the sources begin overleaf
    assert "booklet" in cover.lower() or "Insert" in cover


def test_the_margin_notice_stays_on_the_papers_pages(built):
    paper = page_texts(built["aqa-paper-1a"] / "paper-1.pdf")
    assert all("Do not write outside the box" in page for page in paper[1:])
    pack = page_texts(built["aqa-paper-1a"] / "pack.pdf")
    booklet_pages = [page for page in pack if "Interpretation A" in page and "written for this example paper" in page]
    assert booklet_pages and not any("Do not write outside the box" in page for page in booklet_pages)


@pytest.mark.parametrize("example,words", [
    ("edexcel-paper-3", ["Do not return this Booklet with the question paper.", "Paper reference 1HI0/31"]),
    ("ib-paper-1", ["Source booklet"]),
])
def test_a_booklets_cover_says_the_boards_words(built, example, words):
    booklet = next(p for p in built[example].glob("*.pdf") if "source" in p.name)
    cover = page_texts(booklet)[0]
    for said in words:
        assert said in cover, f"{example}: {said!r} not on the booklet's cover: {cover}"
    assert len(pdf_text(booklet)) > len(cover) + 200  # the sources follow the cover


def test_ib_numbers_its_questions_as_the_ib_does(built):
    cover, questions = page_texts(built["ib-paper-1"] / "paper-1.pdf")
    assert "History Higher level and standard level Paper 1" in cover
    assert questions.startswith("1. (a) What, according to Source D")
    assert " (b) What does Source B suggest" in questions and "1(b)" not in questions
    for number in "234":
        assert f" {number}. " in questions
    key = pdf_text(built["ib-paper-1"] / "answer-key.pdf")
    assert "1(a)" in key and "1(b)" in key and "1. (a)" not in key  # the key, read without the paper, says 1(a)


def test_edexcel_cover_in_pearsons_words(built):
    cover = page_texts(built["edexcel-paper-3"] / "paper-3.pdf")[0]
    assert "Candidate surname Other names Centre Number Candidate Number" in cover
    assert ("Advice • Read each question carefully before you start to answer it. • Try to answer every question. "
            "• Check your answers if you have time at the end.") in cover
    assert field_for_label("Candidate surname") == "last" and field_for_label("Other names") == "first"  # a class set fills them


def test_the_dbq_prompt_comes_before_its_documents(built):
    paper = pdf_text(built["ap-us-history-dbq"] / "dbq.pdf")
    prompt = paper.index("Evaluate the extent to which the New Deal")
    assert prompt < paper.index("Document 1") < paper.index("Document 7")
    assert "End of questions" not in paper


@pytest.mark.parametrize("example,total", [("ap-us-history-dbq", "7 points"), ("ap-chemistry-frq", "14 points")])
def test_an_ap_key_scores_in_points(built, example, total):
    key = pdf_text(built[example] / "answer-key.pdf")
    assert f"— {total}" in key and "Points" in key and "Answer key and scoring guidelines" in key
    assert " marks" not in key and "Marks" not in key and "mark scheme" not in key


def test_a_layouts_wording_is_checked_at_its_line(tmp_path):
    (tmp_path / "points.yaml").write_text("extends: exam\nwording:\n  marks.cont: {one: '{n} point', other: '{n} points'}\n")
    (tmp_path / "place.yaml").write_text("extends: exam\nwording:\n  marks.count: {one: '{k} point', other: '{n} points'}\n")
    for name, said in (("points", "'marks.cont' is not one of the tool's messages (did you mean 'marks.count'?)"),
                       ("place", "'marks.count' has no place {k}: it fills {n}")):
        result = CliRunner().invoke(main, ["build", str(PAPERS / "aqa-maths-paper-1"), "--layout", str(tmp_path / f"{name}.yaml"),
                                           "--out", str(tmp_path / "out")])
        assert result.exit_code == 2 and "Traceback" not in result.output + result.stderr
        assert f"{name}.yaml:2: wording: {said}" in result.stderr


def _fonts(path: Path) -> set[str]:
    """The base names of the fonts the PDF's pages use (subset tags taken off)."""
    names: set[str] = set()
    for page in PdfReader(str(path)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1].lstrip("/"))
    return names


@pytest.mark.parametrize("example,paper", [("aqa-maths-paper-1", "practice.pdf"), ("ocr-physics-paper-1", "practice.pdf"),
                                           ("ap-chemistry-frq", "practice.pdf")])
def test_maths_and_units_follow_the_papers_sans_serif_text(built, example, paper):
    fonts = _fonts(built[example] / paper)
    assert any(name.startswith("NotoSansMath") for name in fonts), fonts  # its formulas are set
    assert not any("STIX" in name for name in fonts), fonts  # and none in the serif maths face


def test_multiple_choice_in_the_boards_forms(built):
    ocr = page_texts(built["ocr-physics-paper-1"] / "practice.pdf")[1]
    # (m/s² read back through its ActualText); OCR's "[1]" after the answer, not beside the question
    assert "A m/s B m/s2 C N D kg m/s Your answer [1]" in ocr
    aqa = page_texts(built["aqa-maths-paper-1"] / "practice.pdf")[1]
    assert "[1 mark] Circle your answer. 360 3600 36000" in aqa  # AQA maths: a row of options to circle
    for example in ("ocr-physics-paper-1", "aqa-maths-paper-1"):  # the key marks its answer, no instruction
        key = pdf_text(built[example] / "answer-key.pdf")
        assert "Your answer" not in key and "Circle your answer" not in key
    # AQA maths: the paper's row of boxes, the right one marked (tests/test_board_review4.py)
    assert "360 3600 36000 360000 (correct answer)" in squash(pdf_text(built["aqa-maths-paper-1"] / "answer-key.pdf"))


def test_a_class_set_built_for_marking_keeps_a_box_by_each_option(tmp_path):
    """OCR's "Your answer" box holds a written letter the scanner cannot read: a copy built for
    marking prints a box by each option instead, and the marking map names them."""
    result = CliRunner().invoke(main, ["build", str(PAPERS / "ocr-physics-paper-1"), "--roster", str(ROOT / "examples" / "class-9b.csv"),
                                       "--marking", "--write", "class-set", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output + result.stderr
    folder = tmp_path / "ocr-physics-paper-1" / "class-9b"
    assert "Your answer" not in pdf_text(folder / "class-set.pdf")
    units = json.loads((folder / "marking-map.json").read_text())["units"]
    unit = next(iter(units.values())) if isinstance(units, dict) else units[0]
    boxes = [(box["question"], box["choice"]) for page in unit["pages"] for box in page["boxes"]]
    assert [choice for question, choice in boxes if question == "practice:1"] == ["A", "B", "C", "D"]


def test_a_cover_item_said_of_some_sections_is_checked_and_chosen(tmp_path):
    item = CoverItem(text="Answer **one** question from Section B.", holds=["Section B"], lacks=["Section A"])
    assert item.shown(["Section\xa0B: The 19th-century novel"])
    assert not item.shown(["Section A: Shakespeare", "Section B: The 19th-century novel"]) and not item.shown([])
    (tmp_path / "bad.yaml").write_text('extends: exam\ncover:\n  on: true\n  blocks:\n    - title: Instructions\n'
                                       '      items:\n        - "Fine."\n        - {text: "Answer {{ nosuch }}.", holds: [Section B]}\n')
    result = CliRunner().invoke(main, ["check", "--layout", str(tmp_path / "bad.yaml"), str(ROOT / "sources" / "show-trials")])
    assert result.exit_code == 2
    assert "bad.yaml:8: cover.blocks.0.items.1.text: unknown variable 'nosuch'" in result.stderr
