"""Time save → new PDF on disk with `studypack watch`, as a teacher waits for it.

Usage: python benchmarks/bench_watch.py [--rounds N] [--no-serve]
Starts `studypack watch` on a copy of the example pack in a subprocess, changes one word of
a sheet's title in pack.yaml (a new word each round, so the sheet is typeset again rather than
found in the cache, as when a teacher writes), and times from the save until
output/.../pack.pdf changes on disk; then the same for `studypack serve` (until /api/state reports the new build). Prints
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
TITLE = 'title: "The road to the show trials"'  # the first sheet's; its last word changes each round


class Running:
    """A studypack command in a subprocess, its output lines read as they come."""

    def __init__(self, args: list[str], cwd: Path):
        exe = shutil.which("studypack")
        command = [exe] if exe else [sys.executable, "-m", "studypack"]
        self.process = subprocess.Popen(command + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
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


def bench_watch(workspace: Path, count: int) -> tuple[list[float], list[float]]:
    pdf = workspace / "output" / "show-trials" / "pack.pdf"
    watching = Running(["watch", PACK], workspace)
    try:
        watching.wait_for(" built ")

        def changed() -> Callable[[], bool]:
            before = _stat(pdf)
            return lambda: _stat(pdf) != before

        def seconds(round_: int) -> float:  # "… built 12 PDFs, 30 pages in 0.18 s …"
            return float(watching.wait_for(" built ", round_ + 2).split(" pages in ")[1].split(" s")[0])

        return rounds(count, workspace / PACK / "pack.yaml", changed, seconds)
    finally:
        watching.stop()


def bench_serve(workspace: Path, count: int) -> tuple[list[float], list[float]]:
    serving = Running(["serve", PACK, "--port", "0"], workspace)
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


def _stat(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def report(name: str, measured: tuple[list[float], list[float]]) -> None:
    for what, times in zip(("save → result", "of which not the build"), measured):
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
        shutil.copytree(ROOT / PACK, workspace / PACK)
        shutil.copy(ROOT / "studypack.yaml", workspace / "studypack.yaml")
        report("watch", bench_watch(workspace, args.rounds))
        if not args.no_serve:  # needs the serve extra
            report("serve", bench_serve(workspace, args.rounds))
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
