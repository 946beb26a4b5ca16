"""The command as a teacher runs it: installed, from any folder, as a separate process."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import EXAMPLE


def run(args, cwd):
    return subprocess.run([sys.executable, "-m", "studypack", *args], cwd=cwd, capture_output=True, text=True)


def test_installed_command_builds_into_the_workspace_from_any_folder(tmp_path):
    workspace = tmp_path / "school"
    shutil.copytree(EXAMPLE, workspace / "sources" / "show-trials")
    (tmp_path / "elsewhere").mkdir()
    result = run(["build", str(workspace / "sources" / "show-trials")], tmp_path / "elsewhere")
    assert result.returncode == 0, result.stderr or "is studypack installed? (pip install '.[test]')"
    folder = workspace / "output" / "show-trials"  # the workspace's output/, not the shell's folder
    assert (folder / "pack.pdf").is_file() and (folder / "answer-key.pdf").is_file()
    assert list((tmp_path / "elsewhere").iterdir()) == []
    said, *lines = result.stdout.splitlines()
    assert said == f"workspace: {workspace} (no studypack.yaml: the defaults)"
    assert lines[0].startswith(f"wrote {folder}/")
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
    assert "40 questions, 156 marks (foundation), 158 (higher)" in result.stdout
