"""Bad input: one clear line per problem with file:line, exit status 2, no traceback,
and nothing written or changed in the output folder."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from studypack.commands.cli import main

BASE = textwrap.dedent("""\
    title: A small pack
    subject: History
    level: Ages 14-16
    sources:
      - letter: A
        title: A speech
        kind: primary
        origin: A speaker
        date: "1936"
        citation: A book, page 3
        text: |
          Some words that were said.
    sheets:
      - id: s1
        kind: source-analysis
        title: Sheet one
        sources: [A]
        questions:
          - kind: short
            prompt: What does Source A say?
            marks: 2
            answer: It says some words.
          - kind: multiple-choice
            prompt: Which letter?
            marks: 1
            options: [First, Second, Third]
            answer: B
          - kind: extended
            prompt: How useful is Source A?
            marks: 6
            mark_scheme:
              levels:
                - {level: 2, marks: 4-6, descriptor: Developed evaluation}
                - {level: 1, marks: 1-3, descriptor: Simple comment}
    """)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            count += 1
            if count == nth:
                return number
    raise AssertionError(f"{needle!r} not in pack")


def run(tmp_path: Path, pack_text: str | bytes | None, *args: str, files: dict | None = None):
    """Write the pack into tmp_path/pack, run the CLI from tmp_path, return the result."""
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    if pack_text is not None:
        data = pack_text.encode() if isinstance(pack_text, str) else pack_text
        (pack / "pack.yaml").write_bytes(data)
    for name, content in (files or {}).items():
        (pack / name).write_bytes(content.encode() if isinstance(content, str) else content)
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, list(args) or ["build", "pack"])
    finally:
        os.chdir(old)


def assert_fails(result, *lines: str) -> None:
    assert result.exit_code == 2, (result.exit_code, result.output, result.stderr)
    got = [line for line in result.stderr.splitlines() if not line.endswith("nothing was written.")]
    assert got == list(lines)
    assert "Traceback" not in result.output + result.stderr


def replace(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def test_the_base_pack_builds(tmp_path):
    result = run(tmp_path, BASE)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "output" / "pack" / "answer-key.pdf").is_file()


CASES = {
    "marks-not-a-number": (
        lambda: replace("marks: 2", "marks: ten"), "marks: ten",
        "sheet 's1', question 1: marks must be a positive whole number, got 'ten'"),
    "marks-zero": (
        lambda: replace("marks: 1", "marks: 0"), "marks: 0",
        "sheet 's1', question 2: marks must be a positive whole number, got '0'"),
    "unknown-key-with-suggestion": (
        lambda: replace("    marks: 2", "    marks: 2\n        liens: 4"), "liens:",
        "sheet 's1', question 1: unknown key 'liens' (did you mean 'lines'?)"),
    "unknown-question-kind": (
        lambda: replace("kind: short", "kind: shrot"), "kind: shrot",
        "sheet 's1', question 1: unknown kind 'shrot' (did you mean 'short'?); kinds are: categorise, circle, cloze, extended, inferences, labelling, matching, multiple-choice, multiple-select, ordering, parts, short, table, true-false"),
    "source-kind-typo": (
        lambda: replace("kind: primary", "kind: primry"), "kind: primry",
        "source A: kind must be one of primary, secondary, case-study, extract, figure, poem, story, table, got 'primry' (did you mean 'primary'?)"),
    "duplicate-source-letter": (
        lambda: replace("sheets:", "  - letter: A\n    title: Again\n    kind: secondary\n    origin: x\n    date: x\n    citation: x\n    text: x\nsheets:"),
        ("letter: A", 2),
        "source letter A is used twice (also source 1): give each source its own letter"),
    "sheet-cites-missing-source": (
        lambda: replace("sources: [A]", "sources: [A, C]"), "sources: [A, C]",
        "sheet 's1': source C is not in the pack (sources: A)"),
    "option-letter-out-of-range": (
        lambda: replace("answer: B", "answer: D"), "answer: D",
        "sheet 's1', question 2: answer must be the letter of one option, A to C, got 'D'"),
    "overlapping-bands": (
        lambda: replace("marks: 1-3", "marks: 1-4"), "marks: 1-4",
        "sheet 's1', question 3: level 1: band 1-4 overlaps level 2 (4-6)"),
    "gap-between-bands": (
        lambda: replace("marks: 1-3", "marks: 1-2"), "levels:",
        "sheet 's1', question 3: no level awards 3 marks (between level 1 and level 2): close the gap"),
    "marks-in-quotes": (
        lambda: replace("marks: 2", "marks: '2'"), "marks: '2'",
        "sheet 's1', question 1: marks must be a whole number without quotes: write 2, not '2'"),
    "empty-required-text": (
        lambda: replace("subject: History", "subject:"), "subject:",
        "subject is empty: write it after the colon, or leave the line out if it is optional"),
    "top-band-short-of-marks": (
        lambda: replace("marks: 4-6", "marks: 4-5"), "levels:",
        "sheet 's1', question 3: the top band ends at 5 but the question has 6 marks: make them agree"),
    "missing-prompt": (
        lambda: "\n".join(line for line in BASE.splitlines() if "Which letter?" not in line), ("- kind: multiple-choice", 1),
        "sheet 's1', question 2: missing required field 'prompt': add it"),
    "duplicate-key": (
        lambda: replace("level: Ages 14-16", "level: Ages 14-16\nlevel: GCSE"), "level: GCSE",
        "duplicate key 'level' (first given on line 3): keep only one"),
    "yaml-unclosed-quote": (
        lambda: replace('date: "1936"', 'date: "1936'), 'date: "1936',
        'the " that opens this text is never closed: add the closing " where the text ends'),
    "tab-indentation": (
        lambda: replace("    title: A speech", "\ttitle: A speech"), "\ttitle: A speech",
        "a tab is used for indenting: YAML needs spaces, replace the tab with spaces"),
    "colon-in-plain-text": (
        lambda: replace("prompt: Which letter?", "prompt: Which letter: the first?"), "Which letter: the first?",
        "a ':' appears inside a value: put the whole value in quotes (\"…\") or use a block (|) for text"),
    "include-leaves-pack": (
        lambda: "include: [../secret.yaml]\n" + BASE, "include:",
        "'../secret.yaml' leads outside the pack folder: keep the file inside pack"),
    "empty-pack-file": (lambda: "", None, "pack.yaml is empty; it must be 'name: value' lines: title, subject, level, sheets …"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_content(tmp_path, name):
    make, needle, message = CASES[name]
    text = make()
    result = run(tmp_path, text)
    if needle is None:
        line = 1
    elif isinstance(needle, tuple):
        line = line_of(text, *needle)
    else:
        line = line_of(text, needle)
    assert_fails(result, f"pack/pack.yaml:{line}: {message}")
    assert not (tmp_path / "output").exists()


def test_misspelt_required_key_reports_both_sides(tmp_path):
    text = replace("    answer: It says", "    anwser: It says")
    assert_fails(
        run(tmp_path, text),
        f"pack/pack.yaml:{line_of(text, '- kind: short')}: sheet 's1', question 1: missing required field 'answer': add it",
        f"pack/pack.yaml:{line_of(text, 'anwser:')}: sheet 's1', question 1: unknown key 'anwser' (did you mean 'answer'?)",
    )


def test_all_problems_reported_at_once(tmp_path):
    text = replace("marks: 2", "marks: ten").replace("kind: primary", "kind: primry")
    result = run(tmp_path, text)
    assert_fails(
        result,
        f"pack/pack.yaml:{line_of(text, 'kind: primry')}: source A: kind must be one of primary, secondary, case-study, extract, figure, poem, story, table, got 'primry' (did you mean 'primary'?)",
        f"pack/pack.yaml:{line_of(text, 'marks: ten')}: sheet 's1', question 1: marks must be a positive whole number, got 'ten'",
    )


def test_not_utf8(tmp_path):
    data = BASE.replace("A speech", "A sp\u00e9ech").encode("cp1252")
    result = run(tmp_path, data)
    assert_fails(result, f"pack/pack.yaml:{line_of(BASE, 'A speech')}: byte 0xe9 is not UTF-8 text: save the file as UTF-8")


def test_missing_pack_file(tmp_path):
    result = run(tmp_path, None)
    assert_fails(result, "error: pack has no pack.yaml: a pack is a folder with a pack.yaml in it")


def test_missing_pack_folder(tmp_path):
    result = run(tmp_path, BASE, "build", "nowhere")
    assert_fails(result, "error: pack folder not found: nowhere (give the folder that holds pack.yaml)")


def test_yes_and_no_stay_words(tmp_path):
    """YAML 1.1 would read these as booleans; a pack means the words."""
    text = replace("answer: It says some words.", "answer: No").replace("options: [First, Second, Third]", "options: [Yes, No, 'off']")
    result = run(tmp_path, text)
    assert result.exit_code == 0, result.stderr
    from conftest import pdf_text

    key = pdf_text(tmp_path / "output" / "pack" / "answer-key.pdf")
    assert "Answer: No" in key and "B No (correct answer)" in key


def test_unknown_layout(tmp_path):
    result = run(tmp_path, BASE, "build", "pack", "--layout", "fancy")
    assert result.exit_code == 2
    assert result.stderr == ("error: no layout named 'fancy'; known layouts: compact, compact-booklet, default, dyslexia, "
                             "dyslexia-coloured-paper, exam, ink-saver, large-print-18, large-print-24, large-print-24-a3, large-print-36, letter, young-readers\n")
    result = run(tmp_path, BASE, "build", "pack", "--layout", "large-print")
    assert result.stderr.startswith("error: no layout named 'large-print' (did you mean large-print-18, large-print-24, large-print-24-a3 or large-print-36?); known layouts: ")


def test_layout_errors_are_located(tmp_path):
    layout = "extends: default\npage:\n  margins: {left: 110mm, right: 110mm}\nheader:\n  left: '{{ pack.titel }}'\nstyles:\n  question.stme: {size: 11pt}\n"
    (tmp_path / "bad.yaml").write_text(layout)
    result = run(tmp_path, BASE, "build", "pack", "--layout", "bad.yaml")
    assert_fails(
        result,
        "bad.yaml:3: left and right margins (110 mm + 110 mm) leave less than 1 inch of a 210 mm wide page: make them smaller",
        "bad.yaml:5: header.left: unknown variable 'titel': the variables are pack.title, pack.subtitle, pack.subject, "
        "pack.level, pack.author, pack.total, sheet.id, sheet.title, sheet.kind, sheet.total, page, pages, student.name, student.first, student.last, student.class, student.id, student.variant, school.name",
        "bad.yaml:7: unknown style 'question.stme' (did you mean 'question.stem'?)",
    )


def test_template_cannot_reach_python_internals(tmp_path):
    layout = "extends: default\nfooter:\n  left: \"{{ pack.__class__.__mro__ }}\"\n"
    (tmp_path / "evil.yaml").write_text(layout)
    result = run(tmp_path, BASE, "build", "pack", "--layout", "evil.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("evil.yaml:3: footer.left:")
    assert not (tmp_path / "output").exists()


def test_failed_build_keeps_the_last_good_pdfs(tmp_path):
    assert run(tmp_path, BASE).exit_code == 0
    folder = tmp_path / "output" / "pack"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run(tmp_path, replace("marks: 2", "marks: ten"))
    assert result.exit_code == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = run(tmp_path, BASE, "build", "pack", "--out", "locked")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write to locked/pack:")


def test_renamed_sheet_leaves_no_stale_pdf(tmp_path):
    assert run(tmp_path, BASE).exit_code == 0
    folder = tmp_path / "output" / "pack"
    (folder / "my-notes.pdf").write_bytes(b"a teacher's own file")
    assert (folder / "s1.pdf").exists()
    assert run(tmp_path, replace("id: s1", "id: sheet-one")).exit_code == 0
    assert not (folder / "s1.pdf").exists()
    assert (folder / "sheet-one.pdf").exists()
    assert (folder / "my-notes.pdf").read_bytes() == b"a teacher's own file"


def test_numbers_in_text_keep_their_form(tmp_path):
    result = run(tmp_path, replace('date: "1936"', "date: 1936.50").replace("answer: It says some words.", "answer: 007"))
    assert result.exit_code == 0, result.stderr
    from conftest import pdf_text

    assert "1936.50" in pdf_text(tmp_path / "output" / "pack" / "s1.pdf")
    assert "Answer: 007" in pdf_text(tmp_path / "output" / "pack" / "answer-key.pdf")


def test_template_error_on_a_later_page_is_located(tmp_path):
    (tmp_path / "late.yaml").write_text("extends: default\nfooter:\n  centre: \"{% if page > 1 %}{{ oops }}{% endif %}\"\n"
                                        "answer_lines: {per_mark: 20}\n")
    result = run(tmp_path, BASE, "build", "pack", "--layout", "late.yaml", "--jobs", "1")
    assert_fails(result, "late.yaml:3: footer.centre: unknown variable 'oops': the variables are pack.title, pack.subtitle, "
                         "pack.subject, pack.level, pack.author, pack.total, sheet.id, sheet.title, sheet.kind, sheet.total, page, pages, student.name, student.first, student.last, student.class, student.id, student.variant, school.name "
                         "on page 2 of a 2-page document: a header or footer must print on every page")
    assert not (tmp_path / "output").exists()
