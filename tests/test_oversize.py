"""Anything taller than a page (a prompt, an option, a table cell, a source, a glossary
definition, a level descriptor, a cloze passage) breaks across pages, or is refused at its line
with a message saying what to do: never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import pdf_text
from studypack.commands.cli import main
from test_robust import small_pack, write_pack

LAST = "Finisterre"  # the last word of every long text, looked for in the PDF
LAYOUTS = ["default", "large-print-24", "dyslexia"]
SHIPPED = ["default", "compact", "compact-booklet", "dyslexia", "dyslexia-coloured-paper", "exam", "ink-saver",
           "large-print-18", "large-print-24", "large-print-36", "letter"]


def words(count: int) -> str:
    return " ".join(f"word{i}" for i in range(count)) + f" {LAST}."


def sheet(*questions: dict, sources=("A",)) -> dict:
    return {"id": "s1", "kind": "source-analysis", "title": "Sheet one", "sources": list(sources),
            "questions": list(questions)}


def short(prompt: str) -> dict:
    return {"kind": "short", "prompt": prompt, "marks": 2, "answer": "It says some words."}


def long_option() -> dict:
    return small_pack(sheets=[sheet({"kind": "multiple-choice", "prompt": "Pick one", "marks": 1,
                                     "options": [words(3000), "A short option"], "answer": "B"})])


def long_cell() -> dict:
    return small_pack(sheets=[sheet({"kind": "table", "prompt": "Complete the grid.", "marks": 2,
                                     "columns": ["", "Your answer"],
                                     "rows": [[words(3000), {"answer": "Something"}],
                                              ["Another row", {"answer": "Something else"}]]})])


def long_source() -> dict:
    return small_pack(sources=[{"letter": "A", "title": "A very long speech", "kind": "primary",
                                "origin": "A speaker", "date": "1937", "citation": "Court record",
                                "text": words(5000)}],
                      sheets=[sheet(short("What does Source A say?"))])


def long_definition() -> dict:
    return small_pack(glossary={"purge": words(3000), "trial": "A hearing in court."},
                      sheets=[sheet(short("What does Source A say?")),
                              {"id": "g", "kind": "glossary", "title": "Glossary"}])


def long_descriptor() -> dict:
    return small_pack(sheets=[sheet({"kind": "extended", "prompt": "How useful is Source A?", "marks": 6,
                                     "mark_scheme": {"levels": [
                                         {"level": 2, "marks": "4-6", "descriptor": words(3000)},
                                         {"level": 1, "marks": "1-3", "descriptor": "Simple comment"}]}})])


def long_cloze() -> dict:
    passage = " ".join(f"word{i}" + (" [[gap]]" if i % 500 == 0 else "") for i in range(3000)) + f" {LAST}."
    return small_pack(sheets=[sheet({"kind": "cloze", "prompt": "Fill the gaps.", "marks": 6, "text": passage})])


def long_prompt(count: int = 3000) -> dict:
    return small_pack(sheets=[sheet(short(words(count)))])


CASES = {
    "prompt": long_prompt,
    "option": long_option,
    "cell": long_cell,
    "source": long_source,
    "definition": long_definition,
    "descriptor": long_descriptor,
    "cloze": long_cloze,
}


def built(tmp_path: Path, pack: dict, layout: str, *more: str) -> tuple[int, str, str]:
    """Exit status, output, and the text of every PDF built, for `pack` built in `layout`."""
    folder = write_pack(tmp_path / "over", pack)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "--layout", layout, "--out", str(out), "--jobs", "1",
                                       "--no-cache", *more])
    texts = " ".join(pdf_text(path) for path in sorted(out.rglob("*.pdf")) if path.name != "pack.pdf")
    return result.exit_code, result.output, texts


@pytest.mark.parametrize("layout", [LAYOUTS[0], *(pytest.param(name, marks=pytest.mark.slow) for name in LAYOUTS[1:])])
@pytest.mark.parametrize("case", sorted(CASES))
def test_an_element_taller_than_a_page_builds(tmp_path, case, layout):
    code, output, texts = built(tmp_path, CASES[case](), layout)
    assert "internal error" not in output
    assert code == 0, output
    assert LAST in texts


@pytest.mark.slow  # 11,000 words set in pages
def test_a_long_prompt_goes_on_headed_as_its_question(tmp_path):
    """The 11,000-word prompt that once stopped the build (the layout sweep above uses 3,000
    words, as for the other elements: splitting re-sets what is left of the prompt on every page)."""
    code, output, texts = built(tmp_path, long_prompt(11000), "default")
    assert code == 0, output
    assert texts.count("Question 1 continued") >= 20
    assert "taller than a page" not in output  # it breaks as text does: nothing shrunk, nothing to warn of


@pytest.mark.parametrize("layout", SHIPPED)
def test_a_long_prompt_builds_in_every_shipped_layout(tmp_path, layout):
    code, output, texts = built(tmp_path, small_pack(sheets=[sheet(short(words(2500)))]), layout, "--strict")
    assert "internal error" not in output
    assert code == 0, output
    assert LAST in texts


def test_a_long_prompt_builds_for_a_roster(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("First name,Last name\nAnna,Smith\n", encoding="utf-8")
    code, output, texts = built(tmp_path, small_pack(sheets=[sheet(short(words(2500)))]), "default",
                                "--roster", str(roster), "--strict")
    assert "internal error" not in output
    assert code == 0, output
    assert LAST in texts


def test_a_long_prompt_through_a_yaml_alias_builds(tmp_path):
    folder = tmp_path / "over"
    folder.mkdir()
    pack = small_pack(sheets=[sheet(short("PLACEHOLDER"), short("PLACEHOLDER"))])
    raw = yaml.safe_dump(pack, allow_unicode=True, sort_keys=False)
    raw = raw.replace("prompt: PLACEHOLDER", "prompt: &long " + words(1500), 1).replace("prompt: PLACEHOLDER",
                                                                                          "prompt: *long", 1)
    (folder / "pack.yaml").write_text(raw, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1",
                                       "--no-cache"])
    assert "internal error" not in result.output
    assert result.exit_code == 0, result.output
    assert pdf_text(tmp_path / "out" / "over" / "s1.pdf").count(LAST) == 2
