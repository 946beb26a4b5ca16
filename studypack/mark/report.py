"""What `studypack mark` writes: `marks.csv` (a row a student: each machine-marked question,
the total, how many questions wait for the teacher), `review.csv` with a crop of every box
behind it in `review/`, `item-analysis.csv` (see `analysis`) and `pages.csv` (every scanned page: the copy and page it was read as,
or why it was not). Nothing is overwritten without `force`; the same scans give the same bytes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from studypack.base.errors import Problem, StudypackError, display_path
from studypack.mark import analysis, score
from studypack.mark.read import EMPTY_BOX
from studypack.mark.run import BLANK_PAGE, Marked

FILES = ("marks.csv", "review.csv", "pages.csv", "item-analysis.csv")
CROPS = "review"


@dataclass
class Summary:
    """What the command says when it is done."""

    copies: int
    pages: int
    unidentified: int
    to_review: int
    written: list[str]
    out: Path = Path(".")


def columns(data: dict) -> list[tuple[str, str]]:
    """Every question of any copy, in print order (a tier's own questions where they fall): (key, heading)."""
    seen: dict[str, str] = {}
    for unit in data["units"]:
        for entry in unit["questions"]:
            sheet = entry["question"].rsplit(":", 1)[0]
            seen.setdefault(entry["question"], f"{sheet} Q{entry['label']}")
    return list(seen.items())


def outcomes(marked: Marked) -> dict[int, dict[str, score.Outcome]]:
    """Each copy's outcome for each of its questions."""
    out: dict[int, dict[str, score.Outcome]] = {}
    for copy in marked.data["copies"]:
        number = copy["copy"]
        readings = marked.readings.get(number, {})
        unit = marked.data["units"][copy["unit"]]
        out[number] = {}
        for entry in unit["questions"]:
            states = {c: (readings[(entry["question"], c)].state if (entry["question"], c) in readings else None)
                      for c in entry["choices"]}
            out[number][entry["question"]] = score.question(entry, states)
    return out


def marks_csv(marked: Marked, results: dict[int, dict[str, score.Outcome]]) -> bytes:
    heads = columns(marked.data)
    rows = [["Student", "Class", "Candidate number", "Variant", "Tier"] + [h for _k, h in heads]
            + ["Total", "Out of", "To review"]]
    for copy in marked.data["copies"]:
        unit = marked.data["units"][copy["unit"]]
        mine = results[copy["copy"]]
        cells = []
        for key, _heading in heads:
            outcome = mine.get(key)
            cells.append("" if outcome is None else "?" if outcome.mark is None else str(outcome.mark))
        total = sum(o.mark for o in mine.values() if o.mark is not None)
        out_of = sum(e["marks"] for e in unit["questions"])
        waiting = sum(1 for o in mine.values() if o.mark is None)
        rows.append([copy["name"], copy["class"], copy["id"], unit["variant"], unit["tier"]] + cells
                    + [str(total), str(out_of), str(waiting)])
    return _csv(rows)


def review(marked: Marked, results: dict[int, dict[str, score.Outcome]]) -> tuple[bytes, dict[str, bytes]]:
    """review.csv, a row a question waiting for the teacher, and the PNG crops of its boxes."""
    rows = [["Student", "Copy", "Question", "Why", "Boxes (ink share)", "File", "Page", "Crops"]]
    crops: dict[str, bytes] = {}
    headings = dict(columns(marked.data))
    for copy in marked.data["copies"]:
        number = copy["copy"]
        unit = marked.data["units"][copy["unit"]]
        readings = marked.readings.get(number, {})
        for entry in unit["questions"]:
            outcome = results[number][entry["question"]]
            if outcome.mark is not None:
                continue
            seen = [(c, readings[(entry["question"], c)]) for c in entry["choices"] if (entry["question"], c) in readings]
            shown = " ".join(f"{c}={r.ink:.2f}" for c, r in seen)
            files, page = marked.where.get((number, entry["question"], entry["choices"][0]), ("", 0))
            names = []
            for choice, reading in seen:
                pixels = marked.crops.get((number, entry["question"], choice))
                if reading.state != EMPTY_BOX and pixels is not None:
                    name = f"{CROPS}/copy{number:03d}-{_safe(entry['question'])}-{_safe(choice)}.png"
                    crops[name] = _png(pixels)
                    names.append(name)
            rows.append([copy["name"], str(number), headings[entry["question"]], outcome.why, shown, files,
                         str(page or ""), " ".join(names)])
    return _csv(rows), crops


def pages_csv(marked: Marked) -> bytes:
    rows = [["File", "Page", "Student", "Copy", "Page of copy", "Not read because"]]
    for log in marked.log:
        name = marked.data["copies"][log.copy - 1]["name"] if log.copy else ""
        rows.append([log.file, str(log.page), name, str(log.copy or ""), str(log.number or ""), log.why])
    return _csv(rows)


def write(marked: Marked, out: Path, force: bool) -> Summary:
    """Every output into `out`, refusing to replace an earlier marking without `force`."""
    results = outcomes(marked)
    review_rows, crops = review(marked, results)
    files = {"marks.csv": marks_csv(marked, results), "review.csv": review_rows, "pages.csv": pages_csv(marked),
             "item-analysis.csv": _csv(analysis.rows(marked, results, columns(marked.data))), **crops}
    there = [name for name in FILES if (out / name).exists()] + ([CROPS + "/"] if (out / CROPS).exists() else [])
    if there and not force:
        raise StudypackError(Problem(f"{display_path(out)}: already holds {', '.join(there)} from an earlier marking; "
                                     "give another --out folder, or --force to replace them"))
    old_crops = out / CROPS
    if old_crops.is_dir():
        for stale in sorted(old_crops.glob("*.png")):
            stale.unlink()
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        part.write_bytes(data)
        part.replace(path)
    read_pages = sum(1 for log in marked.log if log.copy and not log.why)
    unidentified = sum(1 for log in marked.log if not log.copy and log.why != BLANK_PAGE)
    return Summary(len(marked.data["copies"]), read_pages, unidentified,
                   sum(1 for r in results.values() for o in r.values() if o.mark is None), sorted(files))


def _csv(rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark (Excel reads the names right); a cell that a spreadsheet
    would take for a formula is written as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)


def _png(pixels: np.ndarray) -> bytes:
    from PIL import Image  # lazy: only where there is something to review
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(pixels)).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
