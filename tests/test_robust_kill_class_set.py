"""A 200-student class set killed with SIGKILL at several points, then built again, gives
the bytes of a clean build, and no kill leaves a half-written PDF.

The class folder holds an earlier build (the pack's old title), and a real `python -m
studypack build --roster` of the new title is killed once it has reached a point seen
from outside, on disk: before it writes anything, once it has made half its temporary
files, once its journal is in place and it has renamed one and half of the copies, once
the class folder is done, and while it renames the per-student keys.
STUDYPACK_TEST_PAUSE (the test-only hook in output.py) slows each file made and each rename
so those moments last long enough to be seen; a kill always happens at a point at least
that far on (the build's progress on disk only moves forward), and where it did happen is
read from the folder afterwards. Nothing here depends on how fast the machine is: a slow
machine only kills later, and the test then says which points it reached.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from studypack.io.output import JOURNAL, TEMP_PREFIX
from test_robust import small_pack, write_pack
from test_robust_kill import as_from_a_terminal, kill

STUDENTS = 200
PAUSE = "0.01"  # seconds after each temporary file made and each rename: 200 copies take 2 s a step
HALF = STUDENTS // 2


def build_command(pack: Path, roster: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "studypack", "build", str(pack), "--roster", str(roster), "--out", str(out),
            "--variants", "2", "--keys", "per-student"]


def run(pack: Path, roster: Path, out: Path) -> None:
    done = subprocess.run(build_command(pack, roster, out), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def files(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under the class folder, hidden ones (manifests, temporaries) too."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.pdf"))}


def temps(folder: Path) -> int:
    return sum(1 for _ in folder.glob(f"{TEMP_PREFIX}*.tmp"))


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    """The pack (now with its new title), the roster, the old build's class folder, and a clean
    build's files (what every killed-and-rebuilt folder must end up as)."""
    base = tmp_path_factory.mktemp("kill-class-set")
    roster = base / "class-9b.csv"
    rows = [f"Student {i},Family {i % 37},{5000 + i}" for i in range(STUDENTS)]
    roster.write_text("Forename,Surname,Candidate number\n" + "\n".join(rows) + "\n", encoding="utf-8")
    pack = write_pack(base / "trials", small_pack(title="Old title"))
    run(pack, roster, base / "old")
    write_pack(pack, small_pack(title="New title"))
    run(pack, roster, base / "clean")
    old, clean = base / "old" / "trials" / "class-9b", base / "clean" / "trials" / "class-9b"
    assert len(list(clean.glob("*.pdf"))) == STUDENTS + 2 and len(list((clean / "keys").glob("*.pdf"))) == STUDENTS
    assert all(data != pdfs(clean)[name] for name, data in pdfs(old).items())  # every PDF changes
    return pack, roster, base / "old", pdfs(old), pdfs(clean), files(clean)


def progress(folder: Path, marker: int) -> tuple[int, int]:
    """How far the build has got, read from the class folder: (step, count), only ever growing
    while one build runs. 0 nothing written; 1 temporary files made (count); 2 journal in place,
    copies renamed (count); 3 class folder done (class-set.pdf is a new file); 4 the keys' journal
    in place, keys renamed (count)."""
    keys = folder / "keys"
    if (keys / JOURNAL).exists():
        return 4, STUDENTS + 1 - temps(keys)
    try:
        replaced = (folder / "class-set.pdf").stat().st_ino != marker
    except FileNotFoundError:
        replaced = False
    if (folder / JOURNAL).exists():
        return 2, STUDENTS + 3 - temps(folder)
    if replaced:
        return 3, 0
    count = temps(folder)
    return (1, count) if count else (0, 0)


POINTS = {  # name -> the progress at which the build is killed
    "before writing": (0, 0),
    "half the temporary files": (1, HALF),
    "journal, first renames": (2, 1),
    "journal, half renamed": (2, HALF),
    "class folder done": (3, 0),
    "keys half renamed": (4, HALF),
}
reached: dict[str, tuple[int, int]] = {}


@pytest.mark.parametrize("point", list(POINTS))
def test_kill_then_rebuild_gives_a_clean_builds_bytes(scene, tmp_path, point):
    pack, roster, old_out, old, new, clean = scene
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    folder = out / "trials" / "class-9b"
    marker = (folder / "class-set.pdf").stat().st_ino
    env = {**os.environ, "STUDYPACK_TEST_PAUSE": PAUSE}
    proc = subprocess.Popen(build_command(pack, roster, out), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    target = POINTS[point]
    while proc.poll() is None and progress(folder, marker) < target:
        time.sleep(0.002)
    assert proc.poll() is None, f"the build ended before '{point}': {proc.stderr.read().decode()}"
    assert kill(proc) == -signal.SIGKILL
    reached[point] = at = progress(folder, marker)  # the build is dead: this is where it was killed
    assert at >= target

    # no half-written PDF: each is whole, the earlier build's or the new one's
    for name, data in pdfs(folder).items():
        assert data in (old[name], new[name]), f"killed at {at}: {name} is neither the old nor the new PDF"
    if at < (2, 0):
        assert pdfs(folder) == old  # before the journal nothing has changed

    run(pack, roster, out)
    assert files(folder) == clean, f"killed at {at} ({point}): the rebuild differs from a clean build"


def test_the_kills_landed_in_every_step():
    """Read after the kills: they happened while temporaries were made, between renames of
    the copies and between renames of the keys, not only before or after the writing."""
    if len(reached) < len(POINTS):
        pytest.skip("runs after the kill tests")
    steps = {step for step, _count in reached.values()}
    assert {1, 2, 4} <= steps, reached
    print(f"\nkilled at (step, count): {reached}")
    assert any(step == 2 and 0 < count < STUDENTS + 3 for step, count in reached.values()), reached


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda sig: sig.name)
def test_interrupted_while_renaming_the_copies_finishes_them_and_says_so(scene, tmp_path, sig):
    """Ctrl-C, SIGTERM or SIGHUP half-way through the copies' renames (the moment a 10,000-student
    build once lied at) is held until the class folder is whole; the build then stops before the
    keys, and says which folder holds the new PDFs. No temporary file is left anywhere."""
    pack, roster, old_out, old, new, clean = scene
    out = tmp_path / "out"
    shutil.copytree(old_out, out)
    folder = out / "trials" / "class-9b"
    marker = (folder / "class-set.pdf").stat().st_ino
    proc = subprocess.Popen(build_command(pack, roster, out), env={**os.environ, "STUDYPACK_TEST_PAUSE": PAUSE},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=as_from_a_terminal)
    while proc.poll() is None and progress(folder, marker) < (2, HALF):
        time.sleep(0.002)
    assert proc.poll() is None, f"the build ended before its renames: {proc.stderr.read().decode()}"
    assert kill(proc, sig) == 130
    message = proc.stderr.read().decode()
    assert f"interrupted after the build was written: the new PDFs are in place in {folder}" in message, message
    assert "keys" not in message.splitlines()[-1]  # the keys were not written …
    copies = {name: data for name, data in pdfs(folder).items() if not name.startswith("keys/")}
    assert copies == {name: data for name, data in new.items() if not name.startswith("keys/")}
    assert {n: d for n, d in pdfs(folder).items() if n.startswith("keys/")} == {
        n: d for n, d in old.items() if n.startswith("keys/")}  # … and are the earlier ones, whole
    assert temps(folder) == 0 and temps(folder / "keys") == 0
    assert not (folder / JOURNAL).exists() and not (folder / "keys" / JOURNAL).exists()


pytestmark = pytest.mark.slow  # run by `python -m pytest -m slow` (and .ci/run), not by the fast suite
