"""A marked class set for the reference pages: the marking tests' small class set
(tests/scanner.py), its pages rendered straight at 150 dpi, copy 1 answered right with crosses,
copy 2 wrong, copy 3 handed in blank, copy 4 absent; then `studypack mark`. Everything is seeded,
so the item-analysis PDF and the annotated copies come out the same each time."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pypdfium2  # noqa: E402

import scanner  # noqa: E402  (the tests' pretend scanner)

DPI = 150


def _ticked(unit: dict, copy: int) -> set[tuple[str, str]]:
    chosen = set()
    for entry in unit["questions"]:
        if copy == 1:
            chosen |= {(entry["question"], c) for c in entry["correct"]}
        else:
            chosen |= {(entry["question"], next(c for c in choices if c not in entry["correct"]))
                       for choices in entry["groups"].values()}
    return chosen


def build(out: Path) -> Path:
    """Build, scan and mark into `out`; return the folder `mark` wrote (marked/)."""
    folder = scanner.class_set(out / "work", 4)
    data = scanner.marking_map(folder)
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    scans = out / "scans"
    scans.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        if copy in (0, 4):
            continue
        image = scanner.render(pdf, index, DPI)
        unit = data["units"][data["copies"][copy - 1]["unit"]]
        page = unit["pages"][number - 1]
        if copy in (1, 2):
            ticked = _ticked(unit, copy)
            for box in page["boxes"]:
                if (box["question"], box["choice"]) in ticked:
                    scanner.draw(image, box["rect"], scanner.Pen("cross"), DPI, page["size"][1], rng)
        image.save(scans / f"page-{index:02d}.png")
    pdf.close()
    marked = out / "marked"
    done = subprocess.run([sys.executable, "-m", "studypack", "mark", str(scans), "--map",
                           str(folder / "marking-map.json"), "--out", str(marked)],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: written, with something for the teacher to review
        raise SystemExit(f"mark failed ({done.returncode}):\n{done.stderr}")
    return marked
