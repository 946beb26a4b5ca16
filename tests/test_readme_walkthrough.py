"""Every command in the README's "Your first pack in ten minutes" runs, in order, as written."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text
from studypack.commands.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## Your first pack in ten minutes", 1)[1].split("\n## ", 1)[0]
COMMANDS = [line for block in re.findall(r"```sh\n(.*?)```", SECTION, re.S)
            for line in block.splitlines() if line.strip()]


def test_walkthrough_commands_run(tmp_path):
    assert [c.split()[1] for c in COMMANDS] == ["new", "build", "watch", "check", "preview", "build"]
    shutil.copytree(ROOT / "sources", tmp_path / "sources", ignore=shutil.ignore_patterns("my-first-pack"))
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        for command in COMMANDS:
            args = shlex.split(command)
            assert args[0] == "studypack"
            if args[1] == "watch":
                _watch_then_ctrl_c(args[1:], tmp_path)
                continue
            result = CliRunner().invoke(main, args[1:])
            assert result.exit_code == 0, (command, result.output)
    finally:
        os.chdir(old)
    assert (tmp_path / "output" / "my-first-pack" / "preview" / "worksheet-page-1.png").is_file()
    assert "Anna's pack" in pdf_text(tmp_path / "output" / "show-trials-anna" / "answer-key.pdf")


def _watch_then_ctrl_c(args, cwd):
    """Start watching, save a change, see the rebuild, then press Ctrl-C."""
    process = subprocess.Popen([sys.executable, "-m", "studypack", *args, "--interval", "0.1"], cwd=cwd,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = [process.stdout.readline()]
        assert "built" in lines[0], lines
        pack = cwd / "sources" / "my-first-pack" / "pack.yaml"
        time.sleep(0.2)
        pack.write_text(pack.read_text(encoding="utf-8").replace('title: "My first pack"', 'title: "The Normans"'),
                        encoding="utf-8")
        lines.append(process.stdout.readline())
        assert "built" in lines[-1], lines
        process.send_signal(signal.SIGINT)
        try:
            out, _ = process.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail(f"watch did not stop on Ctrl-C; it printed: {lines + [process.communicate()[0]]}")
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, out
    assert "stopped watching; the last good PDFs are in place" in out
    assert "Traceback" not in out
    assert "The Normans" in pdf_text(cwd / "output" / "my-first-pack" / "pack.pdf")
