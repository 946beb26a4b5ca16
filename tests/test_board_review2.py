"""Board papers after the second review of every page (issue 25): what the reviewer found,
each read back from the PDFs the examples build or from `check`'s located warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT, squash
from studypack.commands.cli import main

PAPERS = ROOT / "examples" / "papers"
BUILT = ("aqa-geography-paper-3", "aqa-english-literature-paper-1", "aqa-paper-1a", "ocr-history-a-depth-study",
         "cambridge-igcse-history-paper-2")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example papers this file reads, built with --strict; {example: output folder}."""
    out = tmp_path_factory.mktemp("papers")
    for example in BUILT:
        result = CliRunner().invoke(main, ["build", str(PAPERS / example), "--out", str(out), "--strict"])
        assert result.exit_code == 0, result.output + result.stderr
    return {example: out / example for example in BUILT}


def _pages(path: Path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def test_a_multiple_choice_question_says_how_to_answer_once_in_the_papers_form(built):
    paper = " ".join(_pages(built["aqa-geography-paper-3"] / "paper-3.pdf"))
    assert "more reliable? [1 mark] Shade one circle only." in paper
    assert "Tick" not in paper  # the prompt's own "Tick (✓) one box." over circles to shade is gone


def test_a_prompt_saying_another_answer_form_is_warned_at_its_line(tmp_path):
    here = tmp_path / "papers" / "geo"
    shutil.copytree(PAPERS / "aqa-geography-paper-3", here)
    shutil.copytree(ROOT / "examples" / "geography-fieldwork", tmp_path / "geography-fieldwork")  # its `extends:`
    text = (here / "pack.yaml").read_text().replace("more reliable?\"", "more reliable? Tick (✓) **one** box.\"")
    (here / "pack.yaml").write_text(text)
    result = CliRunner().invoke(main, ["check", "--strict", str(here)])
    assert result.exit_code == 1
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "Tick (✓)" in row)
    assert (f"pack.yaml:{line}: the prompt says 'Tick (✓) one box.', but this paper prints its own form under every "
            "multiple-choice question ('Shade one circle only.'): leave the instruction out of the prompt") in result.stderr
