"""Board papers, the review's last differences from the specimens (issue 25): one booklet
where two held the same, no margin notice in a booklet, every booklet under its board's
cover, and the boards' own words, each read back from the PDFs the examples build."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT, pdf_text, squash
from studypack.commands.cli import main

PAPERS = ROOT / "examples" / "papers"
BOOKLETS = {"aqa-paper-1a": "paper-1-sources.pdf", "edexcel-paper-3": "paper-3-sources.pdf",
            "ib-paper-1": "paper-1-sources.pdf"}  # sources in the paper's own booklet
BOOKLET_PAPERS = tuple(BOOKLETS)
ON_PAPER = ("eduqas-depth-study", "ocr-history-a-depth-study", "cambridge-igcse-history-paper-2",
            "ap-us-history-dbq", "aqa-english-literature-paper-1", "aqa-geography-paper-3")  # sources on the paper


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example papers with sources, built with --strict; {example: output folder}."""
    out = tmp_path_factory.mktemp("papers")
    for example in BOOKLET_PAPERS + ON_PAPER:
        result = CliRunner().invoke(main, ["build", str(PAPERS / example), "--out", str(out), "--strict"])
        assert result.exit_code == 0, result.output + result.stderr
    return {example: out / example for example in BOOKLET_PAPERS + ON_PAPER}


def _page_texts(path: Path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.mark.parametrize("example", BOOKLET_PAPERS)
def test_a_papers_booklet_holding_every_source_is_written_once(built, example):
    folder = built[example]
    booklets = sorted(p.name for p in folder.glob("*.pdf") if "source" in p.name)
    assert booklets == [BOOKLETS[example]]  # not source-booklet.pdf beside it with the same sources


@pytest.mark.parametrize("example", BOOKLET_PAPERS + ON_PAPER)
def test_a_booklet_carries_no_margin_notice_and_has_its_boards_cover(built, example):
    folder = built[example]
    booklet = next(p for p in folder.glob("*.pdf") if "source" in p.name)
    pages = _page_texts(booklet)
    for notice in ("Do not write outside the box", "DO NOT WRITE IN THIS AREA", "Examiner only"):
        assert notice not in " ".join(pages), f"{booklet.name}: a booklet is read, not written in"
    cover = pages[0]
    assert "In the style of" in cover  # the board's insert cover, its own page
    assert "Use these" not in cover  # the sources begin overleaf
    assert "booklet" in cover.lower() or "Insert" in cover


def test_the_margin_notice_stays_on_the_papers_pages(built):
    paper = _page_texts(built["aqa-paper-1a"] / "paper-1.pdf")
    assert all("Do not write outside the box" in page for page in paper[1:])
    pack = _page_texts(built["aqa-paper-1a"] / "pack.pdf")
    booklet_pages = [page for page in pack if "Interpretation A" in page and "Adapted from" in page]
    assert booklet_pages and not any("Do not write outside the box" in page for page in booklet_pages)


@pytest.mark.parametrize("example,words", [
    ("edexcel-paper-3", ["Do not return this Booklet with the question paper.", "Paper reference 1HI0/31"]),
    ("ocr-history-a-depth-study", ["Do not send this Source Booklet for marking."]),
    ("cambridge-igcse-history-paper-2", ["0470/02", "The Moscow show trials, 1936–38",
                                         "This Source Booklet contains all the sources referred to in the questions"]),
    ("aqa-english-literature-paper-1", ["8702/1", "Insert", "Do not write your answers in this Insert."]),
])
def test_a_booklets_cover_says_the_boards_words(built, example, words):
    booklet = next(p for p in built[example].glob("*.pdf") if "source" in p.name)
    cover = _page_texts(booklet)[0]
    for said in words:
        assert said in cover, f"{example}: {said!r} not on the booklet's cover: {cover}"
    assert len(pdf_text(booklet)) > len(cover) + 200  # the sources follow the cover
