"""Kill real builds at each step and check that the last good PDFs survive.

Each test builds a pack once (the "old" PDFs), changes it, and starts a real
`python -m studypack build` of the new version. STUDYPACK_TEST_PAUSE (a test-only hook
in output.py) makes the build sleep after each file it writes and each rename, so the
test can kill it while it typesets, while it writes temporary files, or while it renames
them into place. Afterwards every PDF must be whole (old or new bytes, never a mix
inside a file), and once the folder is recovered (as the next build does first) it holds
exactly the old build or exactly the new one, with no temporary files left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studypack.app.build import build
from studypack.io.output import JOURNAL, TEMP_PREFIX, recover
from test_robust import small_pack, write_pack

pytestmark = pytest.mark.slow  # builds killed at every step: run by `python -m pytest -m slow` (and .ci/run)

PAUSE = "0.25"


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))}


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(f"{TEMP_PREFIX}*") if p.name != ".studypack-built")


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.fixture
def scene(tmp_path):
    """Old PDFs in out/pack, the pack changed on disk, and the bytes the new build will write."""
    old_pack = small_pack(title="Old title")
    new_pack = small_pack(title="New title")
    new_pack["sheets"].append({"id": "s2", "kind": "worksheet", "title": "Second sheet", "questions": [
        {"kind": "short", "prompt": "Why?", "marks": 3, "answer": "Because."}]})
    pack = write_pack(tmp_path / "pack", old_pack)
    build(pack, None, tmp_path / "out", jobs=1)
    old = pdfs(tmp_path / "out" / "pack")
    write_pack(tmp_path / "expected" / "pack", new_pack)
    build(tmp_path / "expected" / "pack", None, tmp_path / "expected-out", jobs=1)
    new = pdfs(tmp_path / "expected-out" / "pack")
    write_pack(pack, new_pack)
    assert set(new) - set(old) == {"s2.pdf"} and all(old[n] != new[n] for n in old)
    return pack, tmp_path / "out" / "pack", old, new


def as_from_a_terminal() -> None:
    """Run in the child before the build starts: Ctrl-C and SIGHUP as a terminal's command has
    them (a test runner's worker, or nohup, ignores them, and a build rightly keeps that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def start(pack: Path, out: Path, *extra: str, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    env = {**os.environ, "STUDYPACK_TEST_PAUSE": PAUSE}
    return subprocess.Popen([sys.executable, "-m", "studypack", "build", str(pack), "--out", str(out), *extra],
                            env=env, stdout=stdout, stderr=subprocess.PIPE, preexec_fn=as_from_a_terminal)


def wait_until(condition, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the build ended before the moment to kill it: {proc.stderr.read()}"
        assert time.monotonic() < deadline, "the moment to kill never came"
        time.sleep(0.005)


def kill(proc: subprocess.Popen, sig=signal.SIGKILL) -> int:
    workers = children(proc.pid)
    proc.send_signal(sig)
    code = proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(alive(w) for w in workers):  # forked typesetters must not outlive the build
        assert time.monotonic() < deadline, "worker processes outlived the killed build"
        time.sleep(0.05)
    return code


def assert_whole(folder: Path, old: dict, new: dict) -> None:
    for name, data in pdfs(folder).items():
        assert data in (old.get(name), new.get(name)), f"{name} is neither the old nor the new PDF"


def test_killed_while_typesetting(scene):
    pack, folder, old, new = scene
    proc = start(pack, folder.parent, "--jobs", "2")
    wait_until(lambda: children(proc.pid), proc)  # typesetting in forked workers: nothing written yet
    assert kill(proc) == -signal.SIGKILL
    assert pdfs(folder) == old and temps(folder) == []


def test_killed_while_writing_temporary_files(scene):
    pack, folder, old, new = scene
    proc = start(pack, folder.parent)
    wait_until(lambda: temps(folder), proc)
    kill(proc)
    assert pdfs(folder) == old  # the old PDFs are untouched
    assert not (folder / JOURNAL).exists()
    recover(folder)  # what the next build does first
    assert pdfs(folder) == old and temps(folder) == []


def test_killed_while_renaming_is_finished_by_the_next_build(scene):
    pack, folder, old, new = scene
    proc = start(pack, folder.parent)
    wait_until(lambda: (folder / JOURNAL).exists() and pdfs(folder) != old, proc)
    kill(proc)
    assert_whole(folder, old, new)
    assert pdfs(folder) not in (old, new)  # killed between two renames: a mix of whole files …
    recover(folder)
    assert pdfs(folder) == new and temps(folder) == []  # … which recovery completes
    assert (folder / ".studypack-built").read_text() == "".join(f"{n}\n" for n in sorted(new))


def test_next_build_after_a_kill_leaves_no_stray_files(scene):
    pack, folder, old, new = scene
    proc = start(pack, folder.parent)
    wait_until(lambda: len(temps(folder)) >= 2, proc)
    kill(proc)
    assert temps(folder)
    done = subprocess.run([sys.executable, "-m", "studypack", "build", str(pack), "--out", str(folder.parent)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert pdfs(folder) == new and temps(folder) == []


def test_terminated_build_cleans_up_after_itself(scene):
    """SIGTERM (a closed terminal, a CI timeout) stops like Ctrl-C: temporary files are removed."""
    pack, folder, old, new = scene
    proc = start(pack, folder.parent)
    wait_until(lambda: temps(folder), proc)
    code = kill(proc, signal.SIGTERM)
    assert code == 130
    assert "interrupted; earlier PDFs are unchanged" in proc.stderr.read().decode()
    assert pdfs(folder) == old and temps(folder) == []


# Interrupts (Ctrl-C, SIGTERM, a closed terminal's SIGHUP) at each step: the build stops with
# status 130, removes every temporary file itself (no recovery needed), and its last line says
# which state the folder is in. One that comes while the journal's renames run is held until
# they are done: the folder then holds the whole new build, and the message says so.
INTERRUPTS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]
UNCHANGED = "interrupted; earlier PDFs are unchanged"
WRITTEN = "interrupted after the build was written: the new PDFs are in place"


def started(proc: subprocess.Popen) -> bool:
    """Whether the build has printed its first line (its signal handlers are in place)."""
    return bool(proc.stdout.readline())


@pytest.fixture(params=INTERRUPTS, ids=lambda sig: sig.name)
def interrupt(request):
    return request.param


def interrupted(proc: subprocess.Popen, sig) -> str:
    assert kill(proc, sig) == 130
    return proc.stderr.read().decode()


@pytest.mark.parametrize("step", ["before typesetting", "typesetting", "temporary files"])
def test_interrupted_before_the_journal_keeps_the_old_build(scene, interrupt, step):
    pack, folder, old, new = scene
    proc = start(pack, folder.parent, "--jobs", "2", "--no-cache", stdout=subprocess.PIPE)
    if step == "before typesetting":
        wait_until(lambda: started(proc), proc)
    elif step == "typesetting":
        wait_until(lambda: children(proc.pid), proc)
    else:
        wait_until(lambda: temps(folder) and not (folder / JOURNAL).exists(), proc)
    message = interrupted(proc, interrupt)
    assert UNCHANGED in message and "Traceback" not in message, message
    assert pdfs(folder) == old and temps(folder) == []  # no recovery needed: the build cleaned up


def test_interrupted_while_renaming_finishes_the_renames_first(scene, interrupt):
    pack, folder, old, new = scene
    proc = start(pack, folder.parent)
    wait_until(lambda: (folder / JOURNAL).exists() and pdfs(folder) != old, proc)  # part renamed
    message = interrupted(proc, interrupt)
    assert WRITTEN in message and "Traceback" not in message, message
    assert pdfs(folder) == new and temps(folder) == []  # whole, without waiting for the next build
    assert (folder / ".studypack-built").read_text() == "".join(f"{n}\n" for n in sorted(new))
