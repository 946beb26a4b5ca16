"""The command as a teacher runs it: installed, from any folder, as a separate process."""

from __future__ import annotations

import subprocess
import sys

from conftest import EXAMPLE


def run(args, cwd):
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True, text=True)


def test_installed_command_builds_from_any_folder(tmp_path):
    result = run(["build", str(EXAMPLE)], tmp_path)
    assert result.returncode == 0, result.stderr or "is studypack installed? (pip install '.[test]')"
    folder = tmp_path / "output" / "show-trials"
    assert (folder / "pack.pdf").is_file() and (folder / "answer-key.pdf").is_file()
    lines = result.stdout.splitlines()
    assert lines[0].startswith("wrote output/show-trials/")
    assert lines[-1].startswith(f"{len(lines) - 1} PDFs, ") and len(lines) - 1 == len(list(folder.glob("*.pdf")))


def test_shipped_layouts_are_found_from_any_folder(tmp_path):
    result = run(["layouts"], tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("default ")


def test_check_writes_nothing(tmp_path):
    result = run(["check", str(EXAMPLE)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert ": ok (7 warnings accepted) — " in result.stdout  # the example accepts its warnings, with reasons
    assert list(tmp_path.iterdir()) == []


def test_out_option_writes_into_out_pack(tmp_path):
    result = run(["build", str(EXAMPLE), "--out", "prints"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "prints" / "show-trials" / "pack.pdf").is_file()


def test_check_gives_each_tiers_marks_for_a_pack_with_a_tiered_sheet(tmp_path):
    result = run(["check", str(EXAMPLE)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "39 questions, 155 marks (foundation), 157 (higher)" in result.stdout
