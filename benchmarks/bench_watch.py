"""Time save → new PDF on disk with `studypack watch`, as a teacher waits for it.

Usage: python benchmarks/bench_watch.py [--rounds N] [--no-serve]
Starts `studypack watch` on a copy of the example pack in a subprocess, changes one word of
a sheet's title in pack.yaml (a new word each round, so the sheet is typeset again rather than
found in the cache, as when a teacher writes), and times from the save until that sheet's PDF
changes on disk (watch writes an edited sheet before the pack and the key), and until
output/.../pack.pdf does (every PDF written); then the same for `studypack serve` (until /api/state reports the new build). Prints
the median, the spread (fastest, slowest) and each round, and the same for the delay the
command adds: the wait less the build time it reports (its reaction to the save, and for
serve the page's text read from the new PDFs). Run it on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
PACK = "sources/show-trials"
SHEET = "background-worksheet.pdf"  # the sheet that title heads
TITLE = 'title: "The road to the show trials"'  # the first sheet's; its last word changes each round


class Running:
    """A studypack command in a subprocess, its output lines read as they come."""

    def __init__(self, args: list[str], cwd: Path, env: dict | None = None):
        exe = shutil.which("studypack")
        command = [exe] if exe else [sys.executable, "-m", "studypack"]
        self.process = subprocess.Popen(command + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, env={**(env or os.environ), "PYTHONUNBUFFERED": "1"})
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, count: int = 1, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while True:
            found = [line for line in self.lines if text in line]
            if len(found) >= count:
                return found[count - 1]
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"gave up waiting for {text!r}; it printed: {self.lines}")
            time.sleep(0.005)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def save(pack_yaml: Path, round_: int) -> None:
    """Change one word of the title, as an editor saves."""
    text = pack_yaml.read_text(encoding="utf-8")
    start = text.index(TITLE[:-len('trials"')])
    end = text.index('"', start + len(TITLE) - len('trials"'))
    stamp = f"trials{time.time_ns() % 10**9}"  # a word no earlier build has seen
    pack_yaml.write_text(text[:start] + TITLE.replace('trials"', f'{stamp}"') + text[end + 1:], encoding="utf-8")


def rounds(count: int, pack_yaml: Path, changed: Callable[[], Callable[[], bool]],
           settle: Callable[[int], float]) -> tuple[list[float], list[float]]:
    """Seconds from each save until `changed()`'s test says the result is there, and those
    less the build's own seconds (`settle` waits for the build's report and returns them)."""
    times, delays = [], []
    for round_ in range(count):
        time.sleep(0.3)  # a teacher's saves are seconds apart
        done = changed()
        start = time.perf_counter()
        save(pack_yaml, round_)
        while not done():
            time.sleep(0.002)
        times.append(time.perf_counter() - start)
        delays.append(times[-1] - settle(round_))
    return times, delays


def bench_watch(workspace: Path, count: int, env: dict | None = None) -> tuple[list[float], list[float], list[float]]:
    """Save → the edited sheet's PDF on disk (`watch` writes it before the pack and the key),
    that less the seconds watch reports for writing it, and save → pack.pdf (every PDF written)."""
    folder = workspace / "output" / "show-trials"
    sheet, pack = folder / SHEET, folder / "pack.pdf"
    watching = Running(["watch", PACK], workspace, env)
    times, delays, whole = [], [], []
    try:
        watching.wait_for(" built ")
        for round_ in range(count):
            time.sleep(0.3)  # a teacher's saves are seconds apart
            before = _stat(sheet), _stat(pack)
            start = time.perf_counter()
            save(workspace / PACK / "pack.yaml", round_)
            while _stat(sheet) == before[0]:
                time.sleep(0.002)
            times.append(time.perf_counter() - start)
            while _stat(pack) == before[1]:
                time.sleep(0.002)
            whole.append(time.perf_counter() - start)
            said = watching.wait_for(" wrote ", round_ + 1)  # "… wrote background-worksheet.pdf in 0.12 s; …"
            delays.append(times[-1] - float(said.split(" in ")[-1].split(" s")[0]))
            watching.wait_for(" built ", round_ + 2)
        return times, delays, whole
    finally:
        watching.stop()


def bench_serve(workspace: Path, count: int, env: dict | None = None) -> tuple[list[float], list[float]]:
    serving = Running(["serve", PACK, "--port", "0"], workspace, env)
    try:
        address = serving.wait_for("Serving").split(" at ")[1].split()[0]
        serving.wait_for(" built ")

        def state() -> dict:
            with urllib.request.urlopen(address + "api/state?since=-1", timeout=30) as answer:
                return json.load(answer)

        def version() -> int:
            now = state()
            return -1 if now["building"] else now["version"]

        def changed() -> Callable[[], bool]:
            before = version()
            return lambda: version() > before

        return rounds(count, workspace / PACK / "pack.yaml", changed, lambda round_: state()["seconds"])
    finally:
        serving.stop()


def copy_workspace(workspace: Path) -> None:
    """The example pack and the workspace's settings, copied where edits harm nothing."""
    shutil.copytree(ROOT / PACK, workspace / PACK)
    shutil.copy(ROOT / "studypack.yaml", workspace / "studypack.yaml")


def _stat(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def report(name: str, measured: tuple[list[float], ...], what_first: str = "save → result") -> None:
    for what, times in zip((what_first, "of which not the build", "save → every PDF written"), measured):
        ms = [t * 1000 for t in times]
        print(f"{name}: {what}: median {statistics.median(ms):.0f} ms, fastest {min(ms):.0f} ms, "
              f"slowest {max(ms):.0f} ms over {len(ms)} rounds ({', '.join(f'{m:.0f}' for m in ms)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--no-serve", action="store_true", help="time watch only")
    args = parser.parse_args()
    workspace = Path(tempfile.mkdtemp(prefix="studypack-bench-watch-"))
    try:
        copy_workspace(workspace)
        report("watch", bench_watch(workspace, args.rounds), "save → the edited sheet's PDF")
        if not args.no_serve:  # needs the serve extra
            report("serve", bench_serve(workspace, args.rounds))
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
