"""A short job forked beside the build (`parallel.Forked`: a large roster read while the pack
is checked): its result or its error comes back as if it had run here, the child never
outlives the build, and whatever cannot cross runs here instead. Then the class set built
with the roster read aside is the class set built in one process, byte for byte, and says
the pack's and the roster's mistakes together."""

from __future__ import annotations

import os
import signal
import time

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, ROOT
from studypack.app import batch
from studypack.base import parallel
from studypack.base.errors import Location, Problem, StudypackError
from studypack.commands.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork: the job runs in result() elsewhere")

ROSTER = ROOT / "examples" / "class-9b.csv"


def _gone(pid: int) -> bool:
    """Whether the child is reaped (not running, not a zombie)."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_result_comes_back_and_the_child_is_reaped():
    parent = os.getpid()
    job = parallel.Forked(lambda: ("from", os.getpid() != parent, list(range(3))))
    pid = job.pid
    assert pid
    assert job.result() == ("from", True, [0, 1, 2])  # worked out in the child
    assert _gone(pid)


def test_a_located_error_crosses_with_its_place():
    where = Location("roster.csv", 7)

    def fail():
        raise StudypackError([Problem("no name in this row", where)])

    with pytest.raises(StudypackError) as raised:
        parallel.Forked(fail).result()
    assert [(p.message, p.location) for p in raised.value.problems] == [("no name in this row", where)]


def test_any_other_error_is_raised_here_too():
    with pytest.raises(ValueError, match="bad cell"):
        parallel.Forked(lambda: int("bad cell")).result()


def test_what_cannot_cross_is_worked_out_here():
    calls = []

    def unpicklable():
        calls.append(os.getpid())
        return lambda: "a function cannot be pickled"

    job = parallel.Forked(unpicklable)
    assert job.result()() == "a function cannot be pickled"
    assert calls == [os.getpid()]  # the child's call is in the child's memory; this one ran here


def test_a_child_that_dies_is_replaced_by_the_job_run_here():
    parent = os.getpid()

    def dies_if_forked():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "here"

    assert parallel.Forked(dies_if_forked).result() == "here"


def test_closing_ends_a_child_still_working():
    job = parallel.Forked(lambda: time.sleep(60))
    pid = job.pid
    started = time.monotonic()
    job.close()
    assert time.monotonic() - started < 5
    assert _gone(pid) and not job.pid


def test_without_fork_the_job_runs_when_asked():
    calls = []
    job = parallel.Forked(lambda: calls.append(os.getpid()) or "done", fork=False)
    assert not job.pid and calls == []
    assert job.result() == "done" and calls == [os.getpid()]


def test_a_class_set_with_the_roster_read_aside_is_the_same(tmp_path, monkeypatch):
    forked = []
    real = parallel.Forked.__init__

    def counting(self, func, fork=True):
        real(self, func, fork)
        forked.append(bool(self.pid))

    monkeypatch.setattr(parallel.Forked, "__init__", counting)
    options = batch.Options(write="class-set", jobs=2)
    monkeypatch.setattr(batch, "ASIDE_BYTES", 0)
    aside = batch.build(EXAMPLE, ROSTER, None, tmp_path / "aside", options)
    monkeypatch.setattr(batch, "ASIDE_BYTES", 1 << 30)
    here = batch.build(EXAMPLE, ROSTER, None, tmp_path / "here", options)
    assert forked == [True, False]
    assert (aside.copies, aside.pages, [str(w) for w in aside.warnings]) == \
        (here.copies, here.pages, [str(w) for w in here.warnings])
    folder = ("show-trials", "class-9b", "class-set.pdf")
    assert (tmp_path.joinpath("aside", *folder)).read_bytes() == (tmp_path.joinpath("here", *folder)).read_bytes()


def test_the_packs_and_the_rosters_mistakes_are_said_together(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "ASIDE_BYTES", 0)
    pack = tmp_path / "pack"
    pack.mkdir()
    sheet = "  - id: s\n    kind: worksheet\n    title: S\n    questions:\n"
    question = "      - {kind: short, prompt: Why?, marks: ten, answer: x}\n"  # line 9: marks not a number
    (pack / "pack.yaml").write_text("title: T\nsubject: History\nlevel: Year 9\nsheets:\n" + sheet + question,
                                    encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("Class\n9A\n", encoding="utf-8")  # no name column
    result = CliRunner().invoke(main, ["build", str(pack), "--roster", str(roster), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    said = result.stderr
    assert "pack.yaml:9:" in said and "marks must be a positive whole number" in said
    assert "r.csv:1:" in said and "Traceback" not in said
    assert not (tmp_path / "out").exists()
