"""Time `studypack mark` on a class of scanned copies, as a whole process.

Usage: python benchmarks/bench_mark.py [--students 30] [--pages 4] [--dpi 200] [--keep DIR]

Builds a class set for marking (tests/scanner.py's quiz, with essay questions added until each
copy has the pages asked for), scans every page with the pretend scanner (pen marks, turned a
few degrees, noise, JPEG; not timed), then runs `studypack mark` on the scans and reports its
wall and processor time, its peak memory, and how many boxes it read right against what the pen did.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402

import scanner  # noqa: E402
from studypack.mark import run as marking  # noqa: E402

PENS = {"": "empty", "tick": "filled", "cross": "filled", "dot": "uncertain"}


def scans(folder: Path, data: dict, out: Path, dpi: int) -> dict[tuple[int, str, str], str]:
    """Every page of class-set.pdf scanned into `out` as JPEG; what the pen did to each box."""
    rng = random.Random(30)
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    pens: dict[tuple[int, str, str], str] = {}
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        image = scanner.render(pdf, index, dpi)
        if copy:
            page = data["units"][data["copies"][copy - 1]["unit"]]["pages"][number - 1]
            for box in page["boxes"]:
                kind = rng.choices(list(PENS), [6, 3, 1, 0.3])[0]
                pens[(copy, box["question"], box["choice"])] = kind
                if kind:
                    scanner.draw(image, box["rect"], scanner.Pen(kind), dpi, page["size"][1], rng)
        jpeg = scanner.degrade(image, rng, rng.uniform(-5, 5), blur=0.4, noise=6, quality=75)
        (out / f"scan-{index:04d}.jpg").write_bytes(jpeg)
    return pens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-mark-"))
    work.mkdir(parents=True, exist_ok=True)
    folder = scanner.class_set(work, args.students, pages_of_filler=max(0, args.pages - 2))  # the quiz takes two pages
    data = scanner.marking_map(folder)
    pages = sum(len(data["units"][c["unit"]]["pages"]) for c in data["copies"])
    out = work / "scans"
    out.mkdir(exist_ok=True)
    pens = scans(folder, data, out, args.dpi)
    command = [sys.executable, "-m", "studypack", "mark", str(out), "--map", str(folder / "marking-map.json"),
               "--out", str(work / "marked"), "--force"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status not in (0, 256):  # 0 all marked, exit 1: written with questions to review
        raise SystemExit(f"failed: {proc.stderr.read().decode()}")
    marked = marking.read_scans([out], data)  # again, in this process, to check what was read
    right = sum(1 for (copy, q, c), kind in pens.items()
                if (r := marked.readings.get(copy, {}).get((q, c))) is not None and r.state == PENS[kind])
    print(f"{args.students} students, {pages} pages with codes ({len(list(out.iterdir()))} scans at {args.dpi} dpi): "
          f"marked in {wall:.1f} s ({usage.ru_utime + usage.ru_stime:.1f} s of processor time: the wall time on a "
          f"busy machine is longer), peak {usage.ru_maxrss / 1024:.0f} MB; boxes read as the pen left them: "
          f"{right} of {len(pens)}")


if __name__ == "__main__":
    main()
