"""How many processes a build typesets with when `--jobs` is not given: one when the documents
beside the largest batch hold too little to pay for forking another, every core otherwise."""

from __future__ import annotations

from pathlib import Path

import yaml

from studypack.app import build as builds
from studypack.base import parallel
from studypack.plan import documents as planning

from conftest import EXAMPLE


def _batches(folder: Path, cores: int):
    prepared = builds.prepare(folder)
    plan = planning.make(prepared.loaded.pack, prepared.loaded.name, Path("output"))
    return builds._batches(plan.documents, cores), prepared.loaded.pack


def _small_pack(folder: Path, count: int) -> Path:
    questions = [{"id": f"q{n}", "kind": "short", "prompt": f"Question {n}?", "lines": 3, "marks": 2, "answer": "An answer."}
                 for n in range(count)]
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump({"title": "Small", "subject": "History", "level": "GCSE", "sheets": [
        {"id": "one", "kind": "worksheet", "title": "One", "questions": questions}]}), encoding="utf-8")
    return folder


def test_a_small_pack_is_typeset_in_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr(builds, "default_jobs", lambda: 2)
    batches, pack = _batches(_small_pack(tmp_path / "small", 12), 2)
    assert len(batches) == 2  # its sheets with pack.pdf, and its key
    assert builds.processes(batches, pack, None) == 1
    assert builds.processes(batches, pack, 2) == 2  # --jobs is obeyed


def test_a_key_worth_a_process_of_its_own_gets_one(tmp_path, monkeypatch):
    monkeypatch.setattr(builds, "default_jobs", lambda: 2)
    batches, pack = _batches(_small_pack(tmp_path / "longer", builds.FORK_WORTH), 2)
    assert builds.processes(batches, pack, None) == 2
    batches, pack = _batches(EXAMPLE, 2)
    assert builds.processes(batches, pack, None) == 2
    monkeypatch.setattr(builds, "default_jobs", lambda: 1)
    assert builds.processes(batches, pack, None) == 1


def test_the_build_forks_no_process_for_a_small_pack(tmp_path, monkeypatch):
    monkeypatch.setattr(builds, "default_jobs", lambda: 2)
    asked = []
    real = parallel.map_ordered

    def map_ordered(func, items, jobs=None):
        asked.append(jobs)
        return real(func, items, jobs)

    monkeypatch.setattr(builds, "map_ordered", map_ordered)
    result = builds.build(_small_pack(tmp_path / "small", 12), None, tmp_path / "out", cache=False)
    assert asked == [1] and len(result.written) == 3
