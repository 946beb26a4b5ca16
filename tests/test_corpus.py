"""Every case of the bad-input corpus is clean: no crash, nothing silent, nothing unsafe.

The folders of tests/bad_inputs/ are held to that by tests/test_bad_inputs.py; here the
surfaces beyond `build` (tests/corpus_surfaces.py: serve, the exports, the cache, signals)
are, each case on its own, and the report tool's own judgement and table are checked.
`python tools/corpus_report.py` prints the counts for the whole corpus.
"""

from __future__ import annotations

import sys

import pytest

import corpus_surfaces
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import corpus_report  # noqa: E402

SERVE = [n for n in corpus_surfaces.CASES if n.startswith("serve-")]
SIGNALS = [n for n in corpus_surfaces.CASES if n.startswith("signal-")]
OTHERS = [n for n in corpus_surfaces.CASES if n not in SERVE + SIGNALS]


def clean(name: str, tmp_path) -> None:
    seen, detail = corpus_surfaces.run(name, tmp_path / name)
    assert seen == corpus_surfaces.CLEAN, f"{name}: {seen}: {detail}"


@pytest.mark.parametrize("name", OTHERS)
def test_an_export_and_cache_case_is_clean(name, tmp_path):
    clean(name, tmp_path)


@pytest.mark.parametrize("name", SERVE)
def test_a_serve_case_is_clean(name, tmp_path):
    pytest.importorskip("uvicorn")
    clean(name, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("name", SIGNALS)
def test_a_signal_case_is_clean(name, tmp_path):
    clean(name, tmp_path)


def test_the_corpus_covers_every_surface_the_issue_names():
    names = " ".join(corpus_surfaces.CASES)
    for word in ("serve-path-traversal", "foreign-host", "foreign-origin", "uploads", "200-requests", "slow",
                 "moodle-hostile", "word-hostile", "control-characters", "cache-", "sigint", "sigterm", "sighup"):
        assert word in names, word
    assert len(corpus_report.cases(True, True, "")) >= 167 + len(corpus_surfaces.CASES)


def test_the_report_judges_a_folder_and_counts_by_surface(tmp_path):
    assert corpus_report.folder_verdict("marks-not-a-number", tmp_path)[0] == corpus_surfaces.CLEAN
    table = corpus_report.table({"marks-not-a-number": ("clean", ""), "serve-foreign-host": ("unsafe", "x")})
    assert table.splitlines()[-1].split() == ["all", "1", "0", "0", "1", "2"]


def test_the_report_calls_a_changed_message_silent(tmp_path, monkeypatch):
    """A folder whose message no longer matches is not counted clean."""
    import test_bad_inputs

    real = test_bad_inputs.run_case

    def reworded(name, tmp):
        here, result, before = real(name, tmp)
        result.stderr_bytes = b"pack.yaml:1: something else\n"
        return here, result, before

    monkeypatch.setattr(test_bad_inputs, "run_case", reworded)
    assert corpus_report.folder_verdict("marks-not-a-number", tmp_path)[0] == corpus_surfaces.SILENT
