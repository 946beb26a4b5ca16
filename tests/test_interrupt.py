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
from test_robust_kill import children

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
        start_new_session=True)
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
