"""Every command in docs/exam-papers.md's walkthrough runs, in order, on the file it shows,
and prints what the page says it prints."""

from __future__ import annotations

import os
import re
import shlex
import shutil

from click.testing import CliRunner

from conftest import ROOT, pdf_text
from studypack.commands.cli import main

DOC = (ROOT / "docs" / "exam-papers.md").read_text(encoding="utf-8")
SECTION = DOC.split("## From an empty folder to a printed paper", 1)[1].split("\n## ", 1)[0]
FILES = re.findall(r"<!-- file: (\S+) -->\n```yaml\n(.*?)```", SECTION, re.S)
COMMANDS = [line.removeprefix("$ ") for block in re.findall(r"```(?:sh|console)\n(.*?)```", SECTION, re.S)
            for line in block.splitlines() if line.startswith(("studypack ", "$ "))]
SHOWN = [block.split("\n", 1)[1] for block in re.findall(r"```console\n(.*?)```", SECTION, re.S)]


def test_walkthrough_runs_as_written(tmp_path):
    assert [c.split()[1] for c in COMMANDS] == ["check", "build", "check", "build"]
    for name, content in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    shutil.copytree(ROOT / "examples" / "papers", tmp_path / "examples" / "papers")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        outputs = []
        for command in COMMANDS:
            args = shlex.split(command)
            result = CliRunner().invoke(main, args[1:])
            assert result.exit_code == 0, (command, result.output, result.stderr)
            outputs.append(result.output)  # stdout and stderr as a terminal shows them
    finally:
        os.chdir(old)
    assert outputs[0].splitlines() == SHOWN[0].strip().splitlines()
    paper = pdf_text(tmp_path / "output" / "my-paper" / "paper-3.pdf")
    assert "You may use the following in your answer: • the Kirov murder • confessions" in paper
    assert "You must have: • Sources/Interpretations Booklet (enclosed)." in paper  # the board's cover
    assert "(Total for Question 1 = 4 marks)" in paper and "(4)" in paper
    booklet = pdf_text(tmp_path / "output" / "my-paper" / "paper-3-sources.pdf")
    assert "Interpretation 1 From a history textbook written for this example, 2026." in booklet
    key = pdf_text(tmp_path / "output" / "my-paper" / "answer-key.pdf")
    assert "Level 0 0 No rewardable material." in key
    assert "Marking notes: • Award a maximum of 2 marks if no inference is supported from the source." in key
