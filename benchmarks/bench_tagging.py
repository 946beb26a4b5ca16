"""What tagging (layout `tagging: {on: true}`, every shipped layout's) costs: build time and
bytes of a pack with and without it (a layout extending default that turns it off), each
build typesetting afresh (`--no-cache`) in its own process (no resident studypack), the two
kinds of build taken in turn so a busy machine slows both alike.

Usage: python benchmarks/bench_tagging.py [PACK_DIR] [--runs N] [--jobs J]
Prints the median wall time, CPU time (the build's and its helpers', steadier where other
work shares the machine) and the PDFs' total bytes of each, and the ratios (the targets: at
most 20 % more time, 15 % more bytes).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", nargs="?", default=str(ROOT / "sources" / "show-trials"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="studypack-bench-tagging-"))
    untagged = work / "untagged.yaml"
    untagged.write_text("extends: default\ntagging:\n  on: false\n", encoding="utf-8")
    exe = shutil.which("studypack")
    command = [exe] if exe else [sys.executable, "-m", "studypack"]
    kinds = {"untagged": str(untagged), "tagged": "default"}
    env = dict(os.environ, STUDYPACK_RESIDENT="0")
    times: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}  # user + system seconds: steadier on a busy machine
    sizes: dict[str, int] = {}
    for run in range(args.runs + 1):  # the first round warms .pyc files and formula caches
        for kind, layout in kinds.items():
            out = work / kind
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            used = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(command + ["build", args.pack, "--layout", layout, "--out", str(out), "--no-cache",
                                      "--jobs", str(args.jobs)], check=True, capture_output=True, env=env)
            if run:
                times[kind].append(time.perf_counter() - start)
                now = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[kind].append(now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime)
            sizes[kind] = sum(p.stat().st_size for p in out.rglob("*.pdf"))
    for kind in kinds:
        print(f"{kind:9} median {statistics.median(times[kind]):.2f} s (best {min(times[kind]):.2f} s), "
              f"CPU {statistics.median(cpu[kind]):.2f} s, {sizes[kind]:,} bytes")
    time_ratio = statistics.median(times["tagged"]) / statistics.median(times["untagged"])
    cpu_ratio = statistics.median(cpu["tagged"]) / statistics.median(cpu["untagged"])
    print(f"tagged / untagged: time {time_ratio:.3f}, CPU {cpu_ratio:.3f}, bytes {sizes['tagged'] / sizes['untagged']:.3f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
