"""The authoring commands: new, check (lints and exit codes), schema, watch, preview."""

from __future__ import annotations

import json
import os
import textwrap
import threading
import time
from pathlib import Path

import jsonschema
import yaml
from click.testing import CliRunner
from PIL import Image

from conftest import ROOT, pdf_text
from studypack.plan import lint, schema
from studypack.content import validate
from studypack.commands import watch
from studypack.io import yamlio
from studypack.commands.cli import main
from studypack.spec.questions import KINDS
from studypack.spec.sheets import SHEET_KINDS

PACKS = sorted(p.parent for p in (ROOT / "sources").glob("*/pack.yaml"))


def cli(*args: str, cwd: Path | None = None):
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)


# ------------------------------------------------------------------ new

def test_new_scaffold_builds_and_has_every_kind(tmp_path):
    result = cli("new", "sources/first", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "sources" / "first"
    text = (folder / "pack.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=./.studypack/pack.schema.json"
    assert json.loads((folder / ".studypack" / "pack.schema.json").read_text()) == schema.pack_schema()
    data = yaml.safe_load(text)
    kinds = set()

    def walk(question):
        kinds.add(question["kind"])
        for part in question.get("parts", []):
            walk(part)
    for sheet in data["sheets"]:
        for question in sheet.get("questions", []) + [q for s in sheet.get("sections", []) for q in s["questions"]]:
            walk(question)
    assert kinds == set(KINDS)
    assert {sheet["kind"] for sheet in data["sheets"]} == set(SHEET_KINDS)
    result = cli("build", "sources/first", "--out", "out", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert "When was the Battle of Hastings fought?" in pdf_text(tmp_path / "out" / "first" / "worksheet.pdf")
    result = cli("check", "sources/first", "--strict", cwd=tmp_path)
    assert result.exit_code == 0, result.output  # the scaffold is clean: no warnings


def test_new_refuses_to_overwrite(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "pack.yaml").write_text("title: mine\n")
    result = cli("new", "mine", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == ("error: mine/pack.yaml already exists: studypack new never overwrites; "
                                             "choose a new folder name")
    assert (folder / "pack.yaml").read_text() == "title: mine\n"
    assert not (folder / "castle.png").exists()


# ------------------------------------------------------------------ schema

def test_schema_accepts_every_pack_in_the_repo_and_rejects_mistakes():
    result = cli("schema")
    assert result.exit_code == 0
    printed = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(printed)
    validator = jsonschema.Draft202012Validator(printed)
    assert len(PACKS) >= 2
    for folder in PACKS:
        data = validate._gather(folder, yamlio.load(folder / "pack.yaml"))[0]
        errors = list(validator.iter_errors(json.loads(json.dumps(data))))
        assert not errors, (folder, [e.message for e in errors[:3]])
    bad = {"title": "t", "subject": "s", "level": "l", "sheets": [
        {"id": "s", "kind": "worksheet", "title": "t", "questions": [{"kind": "short", "prompt": "p", "marks": 2, "answr": "x"}]}]}
    assert not validator.is_valid(bad)
    assert not validator.is_valid({"subject": "no title or sheets"})
    assert validator.is_valid({"extends": "../base", "title": "Only a new title"})
    assert printed["$defs"]["Source"]["properties"]["date"]["anyOf"][0]["type"] == "string"


# ------------------------------------------------------------------ check

SMALL = textwrap.dedent("""\
    title: Small
    subject: History
    level: Ages 11-12
    glossary:
      tsar: the Russian emperor
    sources:
      - letter: A
        title: A speech
        kind: primary
        origin: A speaker
        date: "1936"
        citation: A book
        text: Short words.
      - letter: B
        title: Unused
        kind: primary
        origin: Nobody
        date: "1936"
        citation: A book
        text: More words.
    sheets:
      - id: s1
        kind: source-analysis
        title: One
        sources: [A]
        questions:
          - {kind: short, prompt: "What does Source A say? Compare it with Source B.", marks: 4, lines: 2, answer: x}
          - {kind: short, prompt: "What does Source A say? Compare it with Source B.", marks: 1, answer: x}
    """)


def test_check_reports_lints_compactly_with_exit_codes(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "pack.yaml").write_text(SMALL)
    result = cli("check", "p", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "p: ok with 6 warnings — 1 sheet, 2 sources, 2 questions, 5 marks",
        "warning: p/pack.yaml:5: glossary word 'tsar' is not used in any source or question",
        "warning: p/pack.yaml:14: source B is on no sheet: add it to a sheet's sources: or remove it",
        "warning: p/pack.yaml:27: sheet 's1', question 1: 2 lines for 4 marks is too little space: give at least 4 lines, "
        "or leave lines out to get the layout's lines per mark",
        "warning: p/pack.yaml:27: sheet 's1', question 1: cites Source B, which this sheet does not show (it shows A)",
        "warning: p/pack.yaml:28: sheet 's1', question 2: cites Source B, which this sheet does not show (it shows A)",
        "warning: p/pack.yaml:28: sheet 's1', question 2: the same question as sheet 's1', question 1",
        "6 warnings; use --strict to treat them as errors",
    ]
    assert cli("check", "p", "--strict", cwd=tmp_path).exit_code == 1
    (tmp_path / "p" / "pack.yaml").write_text(SMALL.replace("title: One\n", "title: One\n    instructions: Answer all questions. The total for this sheet is 9 marks.\n"))
    assert ("warning: p/pack.yaml:25: sheet 's1' says 9 marks in total, but its questions add up to 5: make them agree"
            in cli("check", "p", cwd=tmp_path).output.splitlines())
    (tmp_path / "p" / "pack.yaml").write_text(SMALL.replace("marks: 1,", "marks: one,"))
    assert cli("check", "p", "--strict", cwd=tmp_path).exit_code == 2


def test_check_flags_an_explanation_that_names_an_option_letter(tmp_path):
    """Variants reorder options, so "Option C describes…" would name another option in a key."""
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "pack.yaml").write_text(textwrap.dedent("""\
        title: T
        subject: History
        level: GCSE
        sheets:
          - id: s1
            kind: worksheet
            title: One
            questions:
              - kind: multiple-choice
                prompt: "What was the NKVD?"
                marks: 1
                options: [Parliament, Secret police, Politburo]
                answer: B
                explanation: "It ran the secret police. Option C describes the Politburo."
              - kind: multiple-select
                prompt: "Which two were tried in 1936?"
                marks: 2
                options: [Zinoviev, Bukharin, Kamenev]
                answers: [A, C]
                explanation: "A trial held in public; Bukharin was tried in 1938."
        """))
    lines = cli("check", "p", cwd=tmp_path).output.splitlines()
    assert ("warning: p/pack.yaml:14: sheet 's1', question 1: the explanation names option C, but class-set variants "
            "reorder the options, so the key would name another one: refer to the option by what it says") in lines
    assert not any("question 2: the explanation" in line for line in lines)  # "A trial" is an article
    assert [lint._names_letter(t) for t in ("answer (D) is wrong", "B is the answer", "Answers: A and C", "In 1936")] \
        == ["D", "B", "A", None]


def test_reading_age_by_flesch_kincaid(example):
    hard = lint.reading_level(example.pack.source("F"))
    easy = lint.reading_level(example.pack.source("A"))
    assert easy.grade < hard.grade
    assert lint.syllables("conspiracy") == 4 and lint.syllables("history") == 3 and lint.syllables("the") == 1 and lint.syllables("made") == 1
    assert lint.level_age("Ages 14–16") == 16 and lint.level_age("Year 9") == 14 and lint.level_age("GCSE") == 16
    assert lint.level_age("Key Stage 3 (ages 11–14)") == 14 and lint.level_age("Adults") is None
    report = cli("check", str(ROOT / "sources" / "show-trials")).output
    assert f"reading age (Flesch–Kincaid): A {easy.age}," in report
    assert f"source F reads at about age {hard.age}" in report


# ------------------------------------------------------------------ watch

def test_watch_rebuilds_on_save_and_survives_errors(tmp_path):
    pack = tmp_path / "p"
    pack.mkdir()
    good = SMALL.replace("lines: 2, ", "")
    (pack / "pack.yaml").write_text(good)
    out = tmp_path / "out"
    lines: list[str] = []
    done = []
    thread = threading.Thread(target=lambda: done.append(watch.watch(pack, None, out, 0.05, lines.append, polls=60)))
    thread.start()

    def wait_for(count):
        deadline = time.monotonic() + 20
        while sum("built" in l or "failed" in l for l in lines) < count and time.monotonic() < deadline:
            time.sleep(0.02)

    wait_for(1)
    first = (out / "p" / "s1.pdf").read_bytes()
    time.sleep(0.1)
    (pack / "pack.yaml").write_text(good.replace("marks: 1,", "marks: ten,"))
    wait_for(2)
    assert (out / "p" / "s1.pdf").read_bytes() == first  # a failed build replaces nothing
    time.sleep(0.1)
    (pack / "pack.yaml").write_text(good.replace("title: One", "title: Two"))
    wait_for(3)
    thread.join(30)
    assert done == [3]
    assert any("marks must be a positive whole number, got 'ten'" in l for l in lines)
    assert "build failed (1 problem); the last good PDFs are unchanged. Watching…" in "\n".join(lines)
    assert "Two" in pdf_text(out / "p" / "s1.pdf")


# ------------------------------------------------------------------ preview

def test_preview_writes_pngs(tmp_path):
    anna = ROOT / "sources" / "show-trials-anna"
    result = cli("preview", str(anna), "--sheet", "anna-warm-up", "--page", "1", "--out", "pv", "--dpi", "40", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    image = Image.open(tmp_path / "pv" / "anna-warm-up-page-1.png")
    assert image.size == (round(595.28 * 40 / 72), round(841.89 * 40 / 72))
    assert image.convert("L").getextrema()[0] < 50  # there is ink on the page
    result = cli("preview", str(anna), "--sheet", "anna-warmup", cwd=tmp_path)
    assert result.exit_code == 2 and "(did you mean 'anna-warm-up'?)" in result.output
    assert cli("preview", str(anna), "--sheet", "anna-warm-up", "--page", "9", cwd=tmp_path).output.startswith(
        "error: anna-warm-up.pdf has 2 pages; there is no page 9")
