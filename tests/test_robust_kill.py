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


def start(pack: Path, out: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "STUDYPACK_TEST_PAUSE": PAUSE}
    return subprocess.Popen([sys.executable, "-m", "studypack", "build", str(pack), "--out", str(out), *extra],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


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
