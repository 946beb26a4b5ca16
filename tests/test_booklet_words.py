"""A booklet's furniture follows what it holds (issue 23): extracts, poems, figures and tables
are not called sources. A history pack keeps "Source Booklet" and "Use these sources" (the
golden PDFs hold it byte for byte); every full language has every booklet word
(tests/test_languages.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from studypack.commands.cli import main
from studypack.content.validate import load_pack
from studypack.io.words import ENGLISH_WORDS
from studypack.spec.stimuli import booklet_key

from conftest import ROOT, pdf_text

EXAMPLES = {  # pack: (what its booklet calls its stimuli, booklet name, the words it prints)
    "examples/english-literature": ("text", "Reading Booklet", "Use these texts to answer"),
    "examples/geography-fieldwork": ("resource", "Resource Booklet", "Use these resources to answer"),
    "examples/primary-reading": ("text", "Reading Booklet", "Use these texts to answer"),
    "examples/maths": ("figure", "Resource Booklet", "Use these figures to answer"),
    "sources/show-trials": ("source", "Source Booklet", "Use these sources to answer"),
}


@pytest.mark.parametrize("folder", EXAMPLES)
def test_the_group_follows_the_stimulus_kinds(folder):
    pack = load_pack(ROOT / folder).pack
    group, name, _words = EXAMPLES[folder]
    assert pack.gathered() == group
    assert pack.booklet_name(None, ENGLISH_WORDS) == name


def test_a_sheet_of_one_kind_is_named_by_its_noun():
    pack = load_pack(ROOT / "examples/english-literature").pack
    assert pack.gathered(["A"]) == "extract"  # the Dickens extract alone
    assert pack.gathered(["B"]) == "text"  # the poem
    assert booklet_key("booklet.end", "extract") == "booklet.end-extract"
    assert booklet_key("booklet.end", "source") == "booklet.end"


def _booklet(folder: str, out: Path) -> str:
    result = CliRunner().invoke(main, ["build", str(ROOT / folder), "--strict", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return pdf_text(out / Path(folder).name / "source-booklet.pdf")


@pytest.mark.parametrize("folder", ["examples/english-literature", "examples/geography-fieldwork"])
def test_a_booklet_of_other_stimuli_says_none_of_the_history_words(folder, tmp_path):
    printed = " ".join(_booklet(folder, tmp_path).split())
    _group, name, words = EXAMPLES[folder]
    assert printed.count(name) >= 2  # the title and the running header
    assert words in printed
    for history in ("Source Booklet", "Use these sources", "All the sources", "End of sources"):
        assert history not in printed


def test_a_history_booklet_keeps_its_words(tmp_path):
    printed = " ".join(_booklet("sources/show-trials", tmp_path).split())
    for history in ("Source Booklet", "Use these sources to answer", "All the sources of this pack", "End of sources"):
        assert history in printed


def test_word_files_name_the_stimuli_as_the_paper_does(tmp_path):
    from studypack.export.word import _named
    literature = load_pack(ROOT / "examples/english-literature").pack
    history = load_pack(ROOT / "sources/show-trials").pack
    assert _named(literature, ["A", "B"]) == "Extract A and Text B"
    assert _named(history, ["A", "B"]) == "Sources A and B"  # as ever
    docx = pytest.importorskip("docx")
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples/english-literature"), "--format", "docx",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    key = [p.text for p in docx.Document(str(tmp_path / "english-literature" / "answer-key.docx")).paragraphs]
    assert "Extract A" in key and "Text B" in key
    assert not [line for line in key if line.startswith(("Source A", "Sources A", "Source B"))]
