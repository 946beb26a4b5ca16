"""Time `studypack build` of a pack as a whole process, the way a teacher runs it.

Usage: python benchmarks/bench_build.py [PACK_DIR] [--runs N] [--jobs J]
Reports the median and best wall time of N runs, pages per second, and the peak memory
of one run. Run it on an idle machine; it writes into a temporary folder.
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
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()

    exe = shutil.which("studypack")
    command = [exe] if exe else [sys.executable, "-m", "studypack"]
    out = Path(tempfile.mkdtemp(prefix="studypack-bench-"))
    build = command + ["build", args.pack, "--out", str(out)]
    if args.jobs:
        build += ["--jobs", str(args.jobs)]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # time what a teacher's installed copy does

    subprocess.run(build, check=True, capture_output=True, env=env)  # warm caches and .pyc files
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(build, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    imports = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import studypack.app.build, studypack.pdf.render, studypack.views.composer"],
                       check=True, env=env, cwd=out)
        imports.append(time.perf_counter() - start)
    pages = 0
    from pypdf import PdfReader  # only the benchmark needs it, to count pages

    pdfs = sorted(out.rglob("*.pdf"))
    for pdf in pdfs:
        pages += len(PdfReader(str(pdf)).pages)
    median = statistics.median(times)
    print(f"command: {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(build))}")
    print(f"runs: {args.runs}  PDFs: {len(pdfs)}  pages: {pages}  bytes: {sum(p.stat().st_size for p in pdfs):,}")
    print(f"wall time: median {median:.3f} s, best {min(times):.3f} s, worst {max(times):.3f} s")
    print(f"pages per second (median): {pages / median:.0f}")
    print(f"of which importing studypack and its libraries: median {statistics.median(imports):.3f} s")
    print(f"peak memory of one build: {before / 1024:.0f} MB")
    shutil.rmtree(out)


if __name__ == "__main__":
    main()
