"""The linter reads what teachers write (issue 25): command words through markup and quotes,
every profile warning acceptable with a reason (and `check --strict` printing the entry to
write), sub-questions named 3(b), times with reading time, and --layout's output folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from studypack.commands.cli import main
from studypack.plan import profile_lint
from studypack.spec.model import ACCEPTABLE, Accept

PAPERS = ROOT / "examples" / "papers"
DOC = ROOT / "docs" / "exam-papers.md"


def run(*args, cwd: Path | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _copy(tmp_path: Path, example: str) -> Path:
    here = tmp_path / example
    shutil.copytree(PAPERS / example, here)
    return here


def _edit(pack: Path, *changes: tuple[str, str]) -> None:
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    (pack / "pack.yaml").write_text(text, encoding="utf-8")


def _entries(stderr: str) -> list[str]:
    """The `accept:` lines `check --strict` prints after its warnings."""
    lines = stderr.splitlines()
    return [line.strip() for line in lines[lines.index("accept:") + 1:]] if "accept:" in lines else []


def _accept(pack: Path, entries: list[str], why: str = "a practice paper") -> None:
    """Paste the printed entries into pack.yaml, with a reason, as a teacher would."""
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    said = "".join(f"  {entry.replace('…', why)}\n" for entry in entries)
    (pack / "pack.yaml").write_text(text.rstrip("\n") + "\naccept:\n" + said, encoding="utf-8")


# ------------------------------------------------------------------ what a prompt says

@pytest.mark.parametrize("prompt, commands, uses", [
    ("Suggest **one** reason why Interpretations 1 and 2 differ.", ["Suggest one reason why Interpretations"], True),
    ("Suggest __one__ reason why Interpretations 1 and 2 differ.", ["Suggest one reason why Interpretations"], True),
    ("Give *two* things you can infer from Source A.", ["Give two things you can infer from Source"], True),
    ('"What", according to Source A, were the reasons?', ["What, according to"], True),
    ("'What', according to Source A, were the reasons?", ["What, according to"], True),
    ("“Compare” and ‘contrast’ what Sources A and C reveal.", ["Compare and contrast"], True),
    ("How far do you agree with Interpretation 2’s view?", ["How far do you agree with Interpretation"], True),
    ("Suggest a reason why Interpretations 1 and 2 differ.", ["Suggest one reason why Interpretations"], False),
    ("Describe why Stalin held show trials.", ["Explain why"], False),
    ("Explain \\*why\\* it failed.", ["Explain why"], False),  # an escaped star is printed: not the words
])
def test_command_words_are_matched_as_the_prompt_reads(prompt, commands, uses):
    assert profile_lint.uses_command(prompt, commands) is uses


@pytest.mark.parametrize("written, expected, same", [
    ("1 hour (plus 5 minutes' reading time)", "1 hour", True),
    ("1 hour, plus 5 minutes’ reading time", "1 hour", True),
    ("1 hour + 5 minutes reading time", "1 hour", True),
    ("1 hour 20 minutes", "1 hour 20 minutes", True),
    ("80 minutes", "1 hour 20 minutes", True),
    ("1 hour and 20 minutes", "1 hour 20 minutes", True),
    ("1 hr 20 mins", "1 hour 20 minutes", True),
    ("1½ hours", "90 minutes", True),
    ("one hour", "1 hour", True),
    ("Time allowed: 1 hour 15 minutes", "1 hour 15 minutes", True),
    ("1 hour 15 minutes", "1 hour", False),
    ("1 hour (plus 5 minutes' reading time)", "1 hour 5 minutes", False),
    ("45 minutes", "1 hour", False),
    ("two lessons", "1 hour", False),
])
def test_the_time_rule_reads_hours_minutes_and_reading_time(written, expected, same):
    assert profile_lint.same_time(written, expected) is same


# ------------------------------------------------------------------ every warning acceptable

def test_every_profile_warning_kind_is_acceptable():
    """Every kind the profile linter gives (read from its source) is one `accept:` takes."""
    source = Path(profile_lint.__file__).read_text(encoding="utf-8")
    given = set(re.findall(r'"(profile-[a-z]+)"', source))
    assert len(given) >= 10 and given <= set(ACCEPTABLE), given - set(ACCEPTABLE)
    for kind in sorted(given) + ["labels-close", "repeated-instruction"]:
        accepted = Accept.model_validate({kind: "paper-1/1(b)", "why": "kept on purpose"})
        assert (accepted.rule, accepted.subject) == (kind, "paper-1/1(b)")


def test_a_wrong_accept_key_lists_the_kinds(tmp_path):
    pack = _copy(tmp_path, "ib-paper-1")
    _accept(pack, ['- {profile: paper-1, why: "…"}'])
    line = len((pack / "pack.yaml").read_text(encoding="utf-8").splitlines())
    result = run("check", pack)
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[0]
    assert message.startswith(f"{pack / 'pack.yaml'}:{line}: unknown key 'profile': "), message
    for kind in ("profile-total", "profile-time", "profile-marks", "profile-command", "labels-close", "reading-age"):
        assert kind in message, message
    assert "did you mean" not in message  # 'profile' is all of them, not the nearest one


def test_a_sub_question_is_named_and_accepted_as_3b(tmp_path):
    """IB Paper 1's question 1(b) with other marks: named 1(b), and the entry `check --strict`
    prints accepts it; the stale entry is reported once the marks are put right."""
    pack = _copy(tmp_path, "ib-paper-1")
    original = (pack / "pack.yaml").read_text(encoding="utf-8")
    _edit(pack, ('prompt: "What does Source B suggest about the Munich Agreement?"\n            marks: 2',
                 'prompt: "What does Source B suggest about the Munich Agreement?"\n            marks: 3'))
    result = run("check", "--strict", pack)
    assert result.exit_code == 1
    assert "question 1(b) is worth 3 marks, but this paper's question 1(b) is worth 2 (profile ib-history-paper-1)" in result.stderr
    assert "question 1 is worth" not in result.stderr
    assert "sheet 'paper-1' is worth 25 marks, but this paper is worth 24" in result.stderr
    entries = _entries(result.stderr)
    assert entries == ['- {profile-total: paper-1, why: "…"}', '- {profile-marks: paper-1/1(b), why: "…"}'], result.stderr
    assert "the others can only be fixed" not in result.stderr
    _accept(pack, entries)
    result = run("check", "--strict", pack)
    assert result.exit_code == 0, result.stderr
    assert "(2 warnings accepted)" in result.output
    assert "(why: a practice paper)" in result.output
    (pack / "pack.yaml").write_text(original + "accept:\n  - {profile-marks: paper-1/1(b), why: old}\n", encoding="utf-8")
    result = run("check", "--strict", pack)
    assert result.exit_code == 1
    assert "accept: check gives no profile-marks warning for paper-1/1(b)" in result.stderr


def test_a_parts_warning_names_the_part_and_is_acceptable(tmp_path):
    """A kind's own warning about part (b) says "question 1(b)"; repeated-instruction, new
    this round, is accepted by the question's id."""
    (tmp_path / "pack.yaml").write_text("""title: T
subject: Geography
level: GCSE
sheets:
  - id: s
    kind: worksheet
    title: S
    questions:
      - kind: short
        prompt: "Name a river."
        marks: 1
        answer: "The Severn"
      - kind: parts
        id: rivers
        parts:
          - {kind: short, prompt: "Name a mountain.", marks: 1, answer: "Snowdon"}
          - kind: multiple-select
            prompt: "Tick **two** rivers."
            marks: 2
            options: ["Severn", "Snowdon", "Thames", "Scafell"]
            answers: [A, C]
""", encoding="utf-8")
    result = run("check", "--strict", tmp_path)
    assert result.exit_code == 1
    assert "pack.yaml:18: sheet 's', question 2(b): the prompt already says 'Tick two boxes.'" in result.stderr, result.stderr
    assert _entries(result.stderr) == ['- {repeated-instruction: rivers, why: "…"}']
    _accept(tmp_path, _entries(result.stderr), "the board's own words")
    result = run("check", "--strict", tmp_path)
    assert result.exit_code == 0, result.stderr


def test_a_time_with_reading_time_is_the_profiles_time(tmp_path):
    pack = _copy(tmp_path, "ib-paper-1")
    text = (pack / "pack.yaml").read_text(encoding="utf-8")
    sheet = "  - id: paper-1\n"
    assert sheet in text
    for time, warned in (("1 hour (plus 5 minutes' reading time)", False), ("1 hour 15 minutes", True)):
        (pack / "pack.yaml").write_text(text.replace(sheet, f'{sheet}    time: "{time}"\n'), encoding="utf-8")
        result = run("check", "--strict", pack)
        assert (result.exit_code, "but this paper takes 1 hour" in result.stderr) == (int(warned), warned), result.stderr
    assert _entries(result.stderr) == ['- {profile-time: paper-1, why: "…"}']


# ------------------------------------------------------------------ a paper from the docs alone

def _doc_paper() -> str:
    """The pack.yaml docs/exam-papers.md starts a paper with."""
    text = DOC.read_text(encoding="utf-8")
    begin = text.index("```yaml\n", text.index("<!-- file: my-paper/pack.yaml -->")) + len("```yaml\n")
    return text[begin: text.index("\n```\n", begin) + 1]


def test_a_paper_from_the_docs_in_the_boards_words_is_clean_or_accepted(tmp_path):
    """The docs' Section A paper with the board's bold "**two**": its warnings (a whole
    Paper 3 has Section B) can all be accepted with the entries `check --strict` prints."""
    pack = tmp_path / "my-paper"
    pack.mkdir()
    (pack / "pack.yaml").write_text(_doc_paper().replace("Give two things", "Give **two** things"), encoding="utf-8")
    result = run("check", "--strict", pack)
    assert result.exit_code == 1
    assert "command words" not in result.stderr
    entries = _entries(result.stderr)
    assert len(entries) == result.stderr.count("warning: ") == 3, result.stderr
    _accept(pack, entries, "Section A only: a practice paper for this week")
    result = run("check", "--strict", pack)
    assert result.exit_code == 0, result.stderr


def test_the_whole_example_paper_in_the_boards_own_wording_is_clean(tmp_path):
    """Edexcel Paper 3, finished as the docs say, with the board's bold words and quotation
    marks: `check --strict` is clean."""
    pack = _copy(tmp_path, "edexcel-paper-3")
    _edit(pack, ("Give two things", "Give **two** things"), ("Suggest one reason", "Suggest **one** reason"),
          ("Explain why Stalin", "*Explain* why Stalin"), ("How far do you agree with Interpretation 2",
                                                             "How far do you agree with “Interpretation 2”"))
    result = run("check", "--strict", pack)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr


# ------------------------------------------------------------------ output folders follow --help

def test_a_board_pack_built_with_layout_exam_writes_its_own_folder(tmp_path):
    out = tmp_path / "out"
    result = run("build", PAPERS / "ib-paper-1", "--layout", "exam", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert (out / "ib-paper-1-exam" / "paper-1.pdf").is_file()
    assert not (out / "ib-paper-1").exists()
    help_text = " ".join(run("build", "--help").output.split())
    assert "OUT/<pack>-<layout>/ with --layout" in help_text
    assert "A board profile's layout is not the pack's own" in help_text


def test_a_pack_built_in_its_own_layout_writes_where_a_plain_build_does(tmp_path):
    (tmp_path / "pack.yaml").write_text("""title: T
subject: History
level: GCSE
sheets:
  - id: s
    kind: worksheet
    title: S
    questions:
      - {kind: short, prompt: "Why?", marks: 1, answer: "Because."}
""", encoding="utf-8")
    out = tmp_path / "out"
    for layout, folder in (("default", tmp_path.name), ("exam", f"{tmp_path.name}-exam")):
        result = run("build", tmp_path, "--layout", layout, "--out", out)
        assert result.exit_code == 0, result.stderr
        assert (out / folder / "s.pdf").is_file(), sorted(p.name for p in out.iterdir())
