"""Shell completion: pack folders complete for PACK_DIR and layout names for --layout, through
click's own protocol (the _STUDYPACK_COMPLETE variable the shell sets on Tab)."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from conftest import ROOT
from studypack.commands.cli import main


def complete(words: str, cwd, monkeypatch, shell: str = "bash") -> list[str]:
    """What the shell is offered for `words` (the last word is the one being completed)."""
    monkeypatch.chdir(cwd)
    parts = words.split(" ")
    env = {"_STUDYPACK_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(main, [], prog_name="studypack", env=env)
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.output.splitlines() if line]


@pytest.fixture
def workspace(tmp_path):
    for name in ("sources", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "sources" / "notes").mkdir()  # a folder that is not a pack
    (tmp_path / "sources" / "yml-pack").mkdir()
    (tmp_path / "sources" / "yml-pack" / "pack.yml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "output" / "show-trials").mkdir(parents=True)
    (tmp_path / "output" / "show-trials" / "pack.yaml").write_text("", encoding="utf-8")  # never offered
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "hillside.yaml").write_text("extends: default\n", encoding="utf-8")
    return tmp_path


def test_pack_folders_complete(workspace, monkeypatch):
    assert complete("studypack build ", workspace, monkeypatch) == [
        "examples/chemistry", "examples/english-literature", "examples/geography-fieldwork", "examples/maths",
        "examples/papers/ap-chemistry-frq", "examples/papers/ap-us-history-dbq", "examples/papers/aqa-english-literature-paper-1",
        "examples/papers/aqa-geography-paper-3", "examples/papers/aqa-maths-paper-1",
        "examples/papers/aqa-paper-1a", "examples/papers/cambridge-igcse-history-paper-2", "examples/papers/edexcel-paper-3",
        "examples/papers/eduqas-depth-study", "examples/papers/ib-paper-1", "examples/papers/ocr-history-a-depth-study",
        "examples/papers/ocr-physics-paper-1", "examples/physics", "examples/primary-reading", "sources/show-trials", "sources/show-trials-anna",
        "sources/yml-pack"]
    assert complete("studypack check sources/show", workspace, monkeypatch) == [
        "sources/show-trials", "sources/show-trials-anna"]
    assert complete("studypack serve ../", workspace / "sources" / "notes", monkeypatch) == [
        "../show-trials", "../show-trials-anna", "../yml-pack"]
    for command in ("watch", "preview"):
        assert complete(f"studypack {command} sources/y", workspace, monkeypatch) == ["sources/yml-pack"]


def test_layout_names_complete(workspace, monkeypatch):
    assert complete("studypack build sources/show-trials --layout large", workspace, monkeypatch) == [
        "large-print-18", "large-print-24", "large-print-24-a3", "large-print-36"]
    everything = complete("studypack check --layout ", workspace, monkeypatch)
    assert "default" in everything and "exam" in everything and "hillside" in everything  # shipped and the workspace's
    # the workspace is the pack's, not the folder the shell is in
    assert complete("studypack build show-trials --layout h", workspace / "sources", monkeypatch) == ["hillside"]
    assert complete("studypack build --layout h", workspace / "sources" / "show-trials", monkeypatch) == ["hillside"]
    elsewhere = workspace.parent / "elsewhere"
    elsewhere.mkdir()
    assert complete("studypack build --layout h", elsewhere, monkeypatch) == []
    assert complete("studypack build --layout layouts/", workspace, monkeypatch) == ["layouts/"]  # left to the shell's files


def test_commands_and_options_complete(workspace, monkeypatch):
    assert complete("studypack bu", workspace, monkeypatch) == ["build"]
    assert complete("studypack build --la", workspace, monkeypatch) == ["--layout"]
    assert complete("studypack build --tier ", workspace, monkeypatch) == ["foundation", "higher"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script(shell, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [], prog_name="studypack", env={"_STUDYPACK_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0
    assert "_STUDYPACK_COMPLETE" in result.output and "studypack" in result.output
