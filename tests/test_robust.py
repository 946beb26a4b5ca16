"""Content that does not fit, user text that looks like markup, control characters,
warnings and --strict, and the same bytes from processes with different hash seeds."""

from __future__ import annotations

import os
import re

import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import EXAMPLE, pdf_text
from studypack.app.build import build
from studypack.commands.cli import main

NASTY = "<b>not bold</b> & &amp; \"double\" 'single' \\back {{ braces }} {% block %} ]]> <![CDATA[ %s"


def write_pack(folder: Path, pack: dict, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def small_pack(**changes) -> dict:
    pack = {
        "title": "A small pack", "subject": "History", "level": "Ages 14-16",
        "sources": [{"letter": "A", "title": "A speech", "kind": "primary", "origin": "A speaker",
                     "date": "1936", "citation": "A book, page 3", "text": "Some words that were said."}],
        "sheets": [{"id": "s1", "kind": "source-analysis", "title": "Sheet one", "sources": ["A"],
                    "questions": [{"kind": "short", "prompt": "What does Source A say?", "marks": 2,
                                   "answer": "It says some words."}]}],
    }
    pack.update(changes)
    return pack


def overflowing_pack() -> dict:
    long_text = "\n\n".join(f"Paragraph {i}. " + "The prosecutor read the charges and the accused agreed "
                            "with every word of them. " * 6 for i in range(60))
    descriptor = "\n\n".join(["Developed evaluation that weighs the sources against each other. " * 8] * 14)
    return small_pack(
        sources=[{"letter": "B", "title": "A very long speech", "kind": "primary", "origin": "Vyshinsky",
                  "date": "1937", "citation": "Court record", "text": long_text}],
        sheets=[{"id": "s1", "kind": "source-analysis", "title": "Sheet one", "sources": ["B"], "questions": [
            {"kind": "multiple-choice", "prompt": "Pick one", "marks": 1,
             "options": [f"Option number {i} " + "and more words " * (i % 9) for i in range(26)], "answer": "Z"},
            {"kind": "extended", "prompt": "How useful is Source B?", "marks": 6, "mark_scheme": {"levels": [
                {"level": 2, "marks": "4-6", "descriptor": descriptor},
                {"level": 1, "marks": "1-3", "descriptor": "Simple comment"}]}},
        ]}])


def test_content_that_does_not_fit_flows_onto_more_pages(tmp_path):
    result = build(write_pack(tmp_path / "over", overflowing_pack()), None, tmp_path / "out", jobs=1)
    folder = tmp_path / "out" / "over"
    student = pdf_text(folder / "s1.pdf")
    # the 60-paragraph source runs over several pages, each continuation headed as such
    pages = len(PdfReader(str(folder / "s1.pdf")).pages)
    assert pages >= 8
    assert student.count("Source B (continued)") >= 5
    assert "Paragraph 0." in student and "Paragraph 59." in student
    # all 26 options of the multiple-choice question are printed, in order
    positions = [student.index(f"Option number {i} ") for i in range(26)]
    assert positions == sorted(positions)
    # the level descriptor taller than a page is split inside its row, with a warning
    key = pdf_text(folder / "answer-key.pdf")
    assert key.count("Developed") == 8 * 14  # a word: a page may break inside the sentence
    messages = [str(w) for w in result.warnings]
    assert len(messages) == 1
    assert re.fullmatch(r"answer-key\.pdf, page \d: a table row is taller than a page: it is split across pages", messages[0])


def test_a_block_that_cannot_split_is_shrunk_with_a_warning(tmp_path):
    """Forty answer lines 60 mm apart cannot fit a page and will not split into parts this
    small: the block is shrunk onto one page, with a warning, rather than crashing."""
    layout = "extends: default\nanswer_lines: {spacing: 300mm, per_mark: 1, minimum: 2}\n"
    pack = write_pack(tmp_path / "tall", small_pack(), **{"tall.yaml": layout})
    result = build(pack, str(pack / "tall.yaml"), tmp_path / "out", jobs=1)
    assert any("a block of answer lines is taller than a page: printed at" in str(w) for w in result.warnings)
    assert (tmp_path / "out" / "tall-tall" / "s1.pdf").is_file()


def test_user_text_prints_literally_everywhere(tmp_path):
    pack = small_pack(title=f"Title {NASTY}", subject=f"Subject {NASTY}", level="Level {{ x }}",
                      author=f"Author {NASTY}", glossary={f"Term {NASTY}": f"Meaning {NASTY}"},
                      timeline=[{"date": "1936 <", "event": f"Event {NASTY}"}])
    pack["sources"][0].update(title=f"Source {NASTY}", origin=f"Origin {NASTY}", text=f"Text {NASTY}",
                              citation=f"Citation {NASTY}", glossary={"NKVD": f"Gloss {NASTY}"})
    pack["sheets"][0].update(title=f"Sheet {NASTY}", instructions=f"Instructions {NASTY}")
    pack["sheets"][0]["questions"] = [
        {"kind": "short", "prompt": f"Prompt {NASTY}", "marks": 2, "answer": f"Answer {NASTY}", "points": [f"Point {NASTY}"]},
        {"kind": "multiple-choice", "prompt": "Pick", "marks": 1, "options": [f"Option {NASTY}", "Other"], "answer": "A"},
    ]
    layout = ("extends: default\nname_line: ['Name <&>', 'Class {x}']\n"
              "footer: {left: 'Dept & <History> \\ \"{{ pack.level }}\"', right: ''}\n")
    folder = write_pack(tmp_path / "nasty", pack, **{"nasty.yaml": layout})
    build(folder, str(folder / "nasty.yaml"), tmp_path / "out", jobs=1)
    student = pdf_text(tmp_path / "out" / "nasty-nasty" / "s1.pdf")
    key = pdf_text(tmp_path / "out" / "nasty-nasty" / "answer-key.pdf")
    reference = pdf_text(tmp_path / "out" / "nasty-nasty" / "reference.pdf")
    for label in ("Source", "Origin", "Text", "Citation", "Gloss", "Sheet", "Instructions", "Prompt", "Option"):
        assert f"{label} {NASTY}" in student, label
    for label in ("Title", "Answer", "Point"):
        assert f"{label} {NASTY}" in key, label
    for label in ("Term", "Meaning", "Event"):
        assert f"{label} {NASTY}" in reference, label
    assert "Name <&>" in student and "Class {x}" in student
    assert 'Dept & <History> \\ "Level {{ x }}"' in student  # the level is a value, never a template
    info = PdfReader(str(tmp_path / "out" / "nasty-nasty" / "s1.pdf")).metadata
    straight = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
    assert info.author.translate(straight) == f"Author {NASTY}"  # the pack's own quotes print typographic


def test_control_characters_are_removed_with_a_located_warning(tmp_path):
    folder = tmp_path / "ctl"
    folder.mkdir()
    text = (yaml.safe_dump(small_pack(), sort_keys=False)
            .replace("title: A small pack", 'title: "A small\\x07 pack"')
            .replace("Some words that were said.", "Some words\x0bthat were said."))
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        built = runner.invoke(main, ["build", "ctl", "--jobs", "1"])
        checked = runner.invoke(main, ["check", "ctl"])
        strict_check = runner.invoke(main, ["check", "ctl", "--strict"])
        strict_build = runner.invoke(main, ["build", "ctl", "--strict", "--out", "strict-out"])
    finally:
        os.chdir(old)
    lines = text.splitlines()
    title_line = next(i for i, l in enumerate(lines, 1) if l.startswith("title:"))
    text_line = next(i for i, l in enumerate(lines, 1) if "Some words" in l)
    expected = [
        f"ctl/pack.yaml:{title_line}: removed 1 invisible control character (U+0007), probably pasted in: check the text reads as meant",
        f"ctl/pack.yaml:{text_line}: removed 1 invisible control character (U+000B), probably pasted in: check the text reads as meant",
    ]
    assert built.exit_code == 0
    assert built.stderr.splitlines() == [f"warning: {e}" for e in expected] + ["2 warnings; use --strict to treat them as errors"]
    words = pdf_text(tmp_path / "output" / "ctl" / "s1.pdf")
    assert "A small pack" in words and "Some words that were said." in words
    assert checked.exit_code == 0 and checked.stdout.startswith("ctl: ok with 2 warnings")
    assert strict_check.exit_code == 1
    assert strict_build.exit_code == 2
    assert strict_build.stderr.splitlines() == expected + ["2 problems found; nothing was written."]
    assert not (tmp_path / "strict-out").exists()


def test_warnings_are_shown_once_after_the_files(tmp_path):
    """An emoji in the title reaches every PDF, but is one warning, printed after the list of files."""
    write_pack(tmp_path / "emoji", small_pack(title="Revision 📚 pack"))
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["build", "emoji"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0
    output = result.output.splitlines()
    warnings = [line for line in output if line.startswith("warning:")]
    assert warnings == ["warning: emoji/pack.yaml:1: 1 character cannot be printed in the layout's fonts: "
                        "'📚' U+1F4DA (×1): they would print as nothing (left out without a mark); replace them"]
    assert output.index(warnings[0]) > max(i for i, line in enumerate(output) if line.startswith("wrote "))
    assert output[-1] == "1 warning; use --strict to treat them as errors"


def _build_in_process(seed: str, out: Path) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "STUDYPACK_NO_CACHE": ""}
    subprocess.run([sys.executable, "-m", "studypack", "build", str(EXAMPLE), "--out", str(out)],
                   check=True, capture_output=True, env=env, timeout=120)
    return {p.name: p.read_bytes() for p in sorted((out / EXAMPLE.name).glob("*.pdf"))}


def test_same_bytes_from_processes_with_different_hash_seeds(tmp_path):
    first = _build_in_process("1", tmp_path / "one")
    second = _build_in_process("2", tmp_path / "two")
    assert len(first) >= 5
    assert first == second


def test_header_text_too_long_for_its_slot_is_shortened_with_a_warning(tmp_path):
    title = ("A very long pack title about the Moscow show trials of 1936 to 1938 and what the accused said in court, "
             "why they said it, and what historians have made of it since the archives opened")
    folder = write_pack(tmp_path / "long", small_pack(title=title))
    result = build(folder, None, tmp_path / "out", jobs=1)
    assert [w.message for w in result.warnings] == [
        "the pack's title 'A very long pack title about the Moscow…' is too long for its place in the header "
        "(header.left): shortened; shorten it here, or use a layout with fewer header slots"]
    pack_file = folder / "pack.yaml"
    assert _where(result.warnings[0]) == (pack_file, _line_of(pack_file, "title: A very long"))
    words = pdf_text(tmp_path / "out" / "long" / "s1.pdf")
    assert re.search(r"A very long pack title about [^…]*…", words) and title not in words
    assert not any(w.message.startswith("footer") for w in result.warnings)


def _where(problem) -> tuple[Path, int]:
    assert problem.location is not None
    return Path(problem.location.file).resolve(), problem.location.line


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_too_long_sheet_title_points_at_the_sheet_title_even_from_the_cache(tmp_path):
    """The warning names the pack line that holds the long value (issue 16), not the layout's
    header line; a rebuild from the cache after the lines moved points at the new line."""
    pack = small_pack()
    pack["sheets"].append({**pack["sheets"][0], "id": "s2", "title": "A sheet whose title runs on and on about the "
                           "trials, the confessions and the verdicts, far past its half of the header, and on past "
                           "the little room the pack's short title leaves it, so that not even six points fit it"})
    folder = write_pack(tmp_path / "long", pack)
    pack_file = folder / "pack.yaml"
    first = build(folder, None, tmp_path / "out", jobs=1)
    message = ("the sheet's title 'A sheet whose title runs on and on abou…' is too long for its place in the "
               "header (header.right): shortened; shorten it here, or use a layout with fewer header slots")
    header = [w for w in first.warnings if "header" in w.message]
    assert [w.message for w in header] == [message]
    assert _where(header[0]) == (pack_file, _line_of(pack_file, "title: A sheet whose"))
    pack_file.write_text("# moved down by this comment\n\n" + pack_file.read_text())
    again = build(folder, None, tmp_path / "out", jobs=1)
    header = [w for w in again.warnings if "header" in w.message]
    assert again.typeset == [] and [w.message for w in header] == [message]
    assert _where(header[0]) == (pack_file, _line_of(pack_file, "title: A sheet whose"))


def test_too_long_text_written_in_the_layout_still_points_at_the_layout(tmp_path):
    layout = "extends: default\nheader:\n  left: " + "Department of History and Politics, Upper School " * 3 + "\n"
    folder = write_pack(tmp_path / "pack", small_pack(), **{"layout.yaml": layout})
    result = build(folder, str(folder / "layout.yaml"), tmp_path / "out", jobs=1)
    assert [w.message.split(":")[0] for w in result.warnings] == ["header.left"]
    assert _where(result.warnings[0]) == ((folder / "layout.yaml").resolve(), 3)
