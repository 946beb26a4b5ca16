"""Ctrl-C in a terminal reaches the build and every worker it forked (the whole process
group): the build stops with one plain line, no worker prints a traceback, none is left
running, and no half-written PDF is left behind."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLE
from test_robust import small_pack, write_pack
from test_robust_kill import as_from_a_terminal, children

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").is_dir() or sys.platform != "linux",
                                reason="reads a build's worker processes from /proc (Linux)")


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_during_a_parallel_class_set_stops_cleanly(tmp_path):
    roster = tmp_path / "class.csv"
    with open(roster, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["First name", "Surname", "Form"])
        for i in range(600):
            out.writerow([f"Student{i}", "Nowak", "9A"])
    out_dir = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "studypack", "build", str(EXAMPLE), "--out", str(out_dir), "--roster", str(roster),
         "--no-cache", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True, preexec_fn=as_from_a_terminal)
    try:
        deadline = time.monotonic() + 120
        while not children(process.pid) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if process.poll() is not None:
            pytest.skip("the build finished before it forked a worker to interrupt")
        time.sleep(0.2)  # the workers are at work
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    if process.returncode == 0:
        pytest.skip("the build finished before the signal arrived")
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "interrupted; earlier PDFs are unchanged" in err, err
    deadline = time.monotonic() + 30
    while group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not group_alive(process.pid), "a worker outlived the interrupted build"
    left = [p for p in out_dir.rglob("*") if p.is_file()] if out_dir.exists() else []
    assert left == [], left


def long_pack(folder: Path, sheets: int) -> Path:
    """A pack of `sheets` worksheets of twelve questions (about four pages each)."""
    pack = small_pack(title="A long pack")
    pack["sheets"] = [{"id": f"s{i}", "kind": "worksheet", "title": f"Sheet {i}", "sources": ["A"], "questions": [
        {"kind": "short", "prompt": f"Explain point {j} of topic {i} in your own words.", "marks": 4,
         "answer": f"Point {j}."} for j in range(12)]} for i in range(sheets)]
    return write_pack(folder, pack)


def ctrl_c(command: list[str], ready) -> tuple[subprocess.Popen, str, float]:
    """Run a command as a terminal would, press Ctrl-C (SIGINT to its whole process group) once
    `ready(process)`, and return it ended, its error output and the seconds it took to end."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, preexec_fn=as_from_a_terminal)
    try:
        deadline = time.monotonic() + 120
        while not ready(process) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert process.poll() is None, f"it ended before the moment to interrupt it: {process.stderr.read()}"
        sent = time.monotonic()
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=10)  # generous: it takes a fraction of a second
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    while group_alive(process.pid) and time.monotonic() < sent + 10:
        time.sleep(0.02)
    assert not group_alive(process.pid), "a worker outlived the interrupted command"
    return process, err, took


def typesetting(process: subprocess.Popen) -> bool:
    """Whether its workers have been at work for a moment."""
    if not children(process.pid):
        return False
    time.sleep(0.5)
    return True


def test_ctrl_c_ends_a_long_typesetting_job_at_once(tmp_path):
    """The running job is ended, not waited for: a 300-page pack typesets in one job on two cores."""
    pack = long_pack(tmp_path / "long", 60)
    out = tmp_path / "out"
    process, err, took = ctrl_c([sys.executable, "-m", "studypack", "build", str(pack), "--out", str(out),
                                 "--no-cache", "--jobs", "2"], typesetting)
    assert process.returncode == 130, err
    assert "interrupted; earlier PDFs are unchanged" in err and "Traceback" not in err, err
    left = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert left == [], left
    print(f"Ctrl-C to exit: {took:.2f} s")


def test_ctrl_c_during_preview_leaves_no_half_written_picture(tmp_path, monkeypatch):
    """STUDYPACK_TEST_PAUSE holds each picture half-written (`.png.part`) for a moment: Ctrl-C then."""
    monkeypatch.setenv("STUDYPACK_TEST_PAUSE", "0.3")
    pack = long_pack(tmp_path / "long", 3)
    out = tmp_path / "pictures"
    process, err, took = ctrl_c([sys.executable, "-m", "studypack", "preview", str(pack), "--out", str(out)],
                                lambda _: any(out.glob("*.png")) and any(out.glob("*.part")))
    assert process.returncode == 130, err
    assert "Traceback" not in err, err
    assert list(out.glob("*.part")) == [] and list(out.glob("*.png"))  # whole pictures only


def test_ctrl_c_stops_serve_during_a_long_build(tmp_path, monkeypatch):
    """The build for the page is stopped with the server, not waited for; its folder is deleted."""
    pytest.importorskip("uvicorn")
    pack = long_pack(tmp_path / "long", 60)
    scratch = tmp_path / "scratch"  # the system's temporary folder for the server: its session folder goes there
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    process, err, took = ctrl_c([sys.executable, "-m", "studypack", "serve", str(pack), "--port", "0",
                                 "--jobs", "2"], lambda p: typesetting(p) and any(scratch.iterdir()))
    assert process.returncode == 0, err  # stopping a server is its normal end
    assert "Traceback" not in err and "internal error" not in err, err
    assert list(scratch.iterdir()) == []
    print(f"Ctrl-C to exit (serve): {took:.2f} s")
