"""Packs built on packs: selection, order, changes, additions, and errors that point at
the file (base or extension) that holds the mistake."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, pdf_text
from studypack.app.build import build
from studypack.base.errors import StudypackError
from studypack.content.validate import load_pack

ANNA = ROOT / "sources" / "show-trials-anna"


def test_anna_pack_selects_orders_and_changes(tmp_path):
    pack = load_pack(ANNA).pack
    assert [s.id for s in pack.sheets] == ["anna-warm-up", "court-statements", "background-worksheet"]
    assert [q.id for q in pack.sheets[1].questions] == ["a-inference", "a-why-confess", "b-koestler", "b-both-men"]
    assert [q.id for q in pack.sheets[2].questions] == ["kirov", "trotsky-1929", "nkvd", "power-struggle", "kirov-aftermath"]
    assert [s.letter for s in pack.sources] == ["A", "B"]
    assert pack.title == "Stalin's Show Trials: Anna's pack"
    assert pack.sheets[2].questions[4].lines == 8
    assert "defendant" in pack.glossary and "NKVD" in pack.glossary
    build(ANNA, None, tmp_path)
    text = pdf_text(tmp_path / "show-trials-anna" / "pack.pdf")
    assert "copy the words from Source A that show it" in text
    assert "Where was Trotsky actually living" not in text  # omitted by id
    assert "How far do you agree" not in text  # omitted by tag:essay
    assert text.index("Warm-up") < text.index("Confessions in court") < text.index("The road to the show trials")


def write_pack(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def base(tmp_path):
    target = tmp_path / "show-trials"
    shutil.copytree(EXAMPLE, target)
    return target


def problems(folder: Path) -> list[str]:
    with pytest.raises(StudypackError) as info:
        load_pack(folder)
    return [str(p) for p in info.value.problems]


def test_unknown_reference_points_at_the_extension(base, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "tutor", """\
        extends:
          pack: ../show-trials
          omit: [kirof, tag:esay]
          order: [nowhere]
        """)
    assert problems(tmp_path / "tutor") == [
        "tutor/pack.yaml:3: 'kirof' is not a sheet, question or source of the base pack (did you mean 'kirov'?)",
        "tutor/pack.yaml:3: no question or source in the base pack has the tag 'esay' (did you mean 'essay'?)",
    ]


def test_mistake_in_the_base_points_at_the_base(base, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (base / "pack.yaml").read_text()
    lines = text.splitlines()
    line = [n for n, value in enumerate(lines, 1) if value == "        marks: 1"][1]
    lines[line - 1] = "        marks: one"
    (base / "pack.yaml").write_text("\n".join(lines))
    write_pack(tmp_path / "tutor", """\
        extends: ../show-trials
        title: Tutor pack
        change:
          kirov: {marks: 2}
          nkvd: {marks: two}
        """)
    assert problems(tmp_path / "tutor") == [
        f"show-trials/pack.yaml:{line}: sheet 'background-worksheet', question 2: marks must be a positive whole number, got 'one'",
        "tutor/pack.yaml:5: sheet 'background-worksheet', question 4: marks must be a positive whole number, got 'two'",
    ]


def test_additions_ambiguity_and_circles(base, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "tutor", """\
        extends:
          pack: ../show-trials
          include: [background-worksheet, G]
        sources:
          - letter: G
            title: A tutor's note
            kind: secondary
            origin: The tutor
            date: "2026"
            citation: Written for this pack
            text: Some words.
        change:
          G: {title: x}
        """)
    assert problems(tmp_path / "tutor") == [
        "tutor/pack.yaml:3: 'G' is not a sheet, question or source of the base pack",
    ]
    write_pack(tmp_path / "tutor", """\
        extends:
          pack: ../show-trials
          include: [background-worksheet]
        sources:
          - letter: G
            title: A tutor's note
            kind: secondary
            origin: The tutor
            date: "2026"
            citation: Written for this pack
            text: Some words.
        sheets:
          - {id: extra, kind: worksheet, title: Extra, sources: [G], questions: [{kind: short, prompt: Why?, marks: 1, answer: Because.}]}
        """)
    pack = load_pack(tmp_path / "tutor").pack
    assert [s.letter for s in pack.sources] == ["G"]  # the kept worksheet shows no base source
    assert [s.id for s in pack.sheets] == ["background-worksheet", "extra"]
    write_pack(base / "twin", "extends: ..\nchange:\n  kirov: {prompt: Who?}\n")
    write_pack(tmp_path / "loop-a", "extends: ../loop-b\n")
    write_pack(tmp_path / "loop-b", "extends: ../loop-a\ntitle: b\n")
    assert "circle" in problems(tmp_path / "loop-a")[0]
    assert load_pack(base / "twin").pack.sheets[0].questions[0].prompt == "Who?"
    written = build(base / "twin", None, tmp_path / "o").written  # the base's pictures are found
    assert any(w.path.name == "pack.pdf" and w.size > 40_000 for w in written)


def test_sheet_already_in_base_and_change_of_omitted(base, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "tutor", """\
        extends:
          pack: ../show-trials
          omit: [kirov]
        change:
          kirov: {prompt: Who?}
        sheets:
          - {id: court-statements, kind: worksheet, title: X, questions: [{kind: short, prompt: Why?, marks: 1, answer: Because.}]}
        """)
    assert problems(tmp_path / "tutor") == [
        "tutor/pack.yaml:5: change: question 'kirov' is left out of this pack, so it cannot be changed",
        "tutor/pack.yaml:7: sheet 'court-statements' is already in the base pack: to change it, write it under change: (change: {court-statements: {title: …}}), or give the new sheet another id",
    ]


def test_positional_names_prefixes_and_added_questions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "base", """\
        title: Base
        subject: History
        level: Year 9
        sources:
          - {letter: A, id: speech, title: S, kind: primary, origin: O, date: "1936", citation: C, text: Words.}
        sheets:
          - id: speech
            kind: source-analysis
            title: Speech
            sources: [A]
            questions:
              - {kind: short, prompt: "One?", marks: 1, answer: x}
              - {kind: short, prompt: "Two?", marks: 1, answer: x}
        """)
    write_pack(tmp_path / "tutor", """\
        extends: {pack: ../base, omit: [speech.1]}
        change:
          speech: {title: Mine}
        """)
    assert problems(tmp_path / "tutor") == [
        "tutor/pack.yaml:3: 'speech' names both sheet 'speech' and source A: write sheet:speech or source:speech"]
    write_pack(tmp_path / "tutor", """\
        extends: {pack: ../base, omit: [speech.1]}
        change:
          sheet:speech:
            title: Mine
            add_questions:
              - {kind: short, prompt: "Three?", marks: 2, answer: y}
          A: {title: New title}
        """)
    pack = load_pack(tmp_path / "tutor").pack
    assert [q.prompt for q in pack.sheets[0].questions] == ["Two?", "Three?"]
    assert pack.sheets[0].title == "Mine" and pack.sources[0].title == "New title"


def test_questions_in_sections_are_changed_by_id(base, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "tutor", """\
        extends:
          pack: ../show-trials
          include: [exam-paper, exam-cover]
        change:
          fear-of-rivals: {prompt: "Why were the show trials held?"}
        """)
    pack = load_pack(tmp_path / "tutor").pack
    assert [s.id for s in pack.sheets] == ["exam-cover", "exam-paper"]
    assert pack.sheets[1].sections[1].questions[0].prompt == "Why were the show trials held?"
    write_pack(tmp_path / "tutor", "extends: {pack: ../show-trials, omit: [fear-of-rivals]}\n")
    assert problems(tmp_path / "tutor") == [
        "tutor/pack.yaml:1: omit: question 'fear-of-rivals' is in a section of sheet 'exam-paper'; questions in "
        "sections go with their sheet: omit the sheet, or change the question under change:"]
