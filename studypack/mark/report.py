"""What `studypack mark` writes: `marks.csv` (a row a student: each machine-marked question,
the total, how many questions wait for the teacher), `review.csv` with a crop of every box
behind it in `review/`, `item-analysis.csv` (see `analysis`) and `pages.csv` (every scanned page: the copy and page it was read as,
or why it was not). Nothing is overwritten without `force`; the same scans give the same bytes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from studypack.base import errors
from studypack.base.errors import Problem, StudypackError, display_path
from studypack.io import workbook, words
from studypack.settings import layout as layouts, localise
from studypack.mark import analysis, annotate, attendance, item_report, score
from studypack.mark.reasons import said
from studypack.mark.run import BLANK_PAGE, Marked

FILES = ("marks.csv", "marks.xlsx", "absent.csv", "review.csv", "review.json", "pages.csv", "item-analysis.csv",
         "item-analysis.pdf", "run.json")
CROPS = "review"
COPIES = "annotated"
FOLDERS = (CROPS, COPIES)
_ALREADY = ("term.mark-already", "{folder}: already holds {files} from an earlier marking; give another --out folder, or "
            "--force to replace them")


@dataclass
class Summary:
    """What the command says when it is done."""

    copies: int
    pages: int
    unidentified: int
    to_review: int
    written: list[str]
    absent: int = 0
    out: Path = Path(".")
    warnings: list = field(default_factory=list)  # the class list's (a guessed encoding)


def language(data: dict, layout: layouts.Layout | None = None, workspace: str | None = None) -> str | None:
    """The language of a marking's files: the class set's (the map keeps the language its build
    chose: the pack's, the layout's or the workspace's), else the layout `mark` was given, else
    the workspace's; None: English."""
    return data.get("language") or (layout.language if layout is not None else None) or workspace


def columns(data: dict, say: words.Words = words.ENGLISH_WORDS) -> list[tuple[str, str]]:
    """Every question of any copy, in print order (a tier's own questions where they fall): (key, heading)."""
    seen: dict[str, str] = {}
    for unit in data["units"]:
        for entry in unit["questions"]:
            sheet = entry["question"].rsplit(":", 1)[0]
            seen.setdefault(entry["question"], say.alone("mark.column", sheet=sheet, label=entry["label"]))
    return list(seen.items())


def hand_columns(data: dict, say: words.Words = words.ENGLISH_WORDS) -> list[tuple[str, str]]:
    """The questions the teacher marks (short, extended, lines drawn), in print order: (key,
    heading); marks.csv keeps an empty column for each, for the teacher's mark."""
    seen: dict[str, str] = {}
    for unit in data["units"]:
        for entry in unit.get("by_hand", []):
            sheet = entry["question"].rsplit(":", 1)[0]
            seen.setdefault(entry["question"], say.alone("mark.column-by-hand", sheet=sheet, label=entry["label"],
                                                         marks=entry["marks"]))
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


MARKS_HEADS = ("mark.student", "mark.class", "mark.candidate-number", "mark.variant", "mark.tier")
TOTAL_HEADS = ("mark.total", "mark.out-of", "mark.to-review", "mark.not-marked-because")


def marks_rows(marked: Marked, results: dict[int, dict[str, score.Outcome]],
               seats: list[attendance.Seat], say: words.Words = words.ENGLISH_WORDS) -> list[list[str]]:
    """marks.csv's rows, a header first: a row a student (see `attendance.seats`); an absent
    student's marks are left empty, not 0."""
    heads = columns(marked.data, say)
    hand = [""] * len(hand_columns(marked.data))  # the teacher's to fill in
    rows = [[say.alone(k) for k in MARKS_HEADS] + [h for _k, h in heads]
            + [say.alone(k) for k in TOTAL_HEADS] + [h for _k, h in hand_columns(marked.data, say)]]
    for seat in seats:
        why = said(seat.why, say)
        if seat.copy is None:
            rows.append([seat.name, seat.group, seat.id, "", ""] + [""] * len(heads) + ["", "", "", why] + hand)
            continue
        unit = marked.data["units"][marked.data["copies"][seat.copy - 1]["unit"]]
        out_of = str(sum(e["marks"] for e in unit["questions"]))
        if seat.why.startswith(attendance.ABSENT):
            rows.append([seat.name, seat.group, seat.id, unit["variant"], unit["tier"]] + [""] * len(heads)
                        + ["", out_of, "", why] + hand)
            continue
        mine = results[seat.copy]
        cells = []
        for key, _heading in heads:
            outcome = mine.get(key)
            cells.append("" if outcome is None else "?" if outcome.mark is None else str(outcome.mark))
        total = sum(o.mark for o in mine.values() if o.mark is not None)
        waiting = sum(1 for o in mine.values() if o.mark is None)
        rows.append([seat.name, seat.group, seat.id, unit["variant"], unit["tier"]] + cells
                    + [str(total), out_of, str(waiting), why] + hand)
    return rows


def absent_csv(seats: list[attendance.Seat], say: words.Words = words.ENGLISH_WORDS) -> bytes:
    """Who has no marks at all, and why: absent, or on one list and not the other."""
    rows = [[say.alone(k) for k in ("mark.student", "mark.class", "mark.candidate-number", "mark.copy", "mark.why")]]
    rows += [[s.name, s.group, s.id, str(s.copy or ""), said(s.why, say)] for s in seats if s.why]
    return _csv(rows)


REVIEW_HEADS = ("mark.student", "mark.copy", "mark.question", "mark.why", "mark.boxes", "mark.file", "mark.page",
                "mark.crops")


def review(marked: Marked, results: dict[int, dict[str, score.Outcome]],
           say: words.Words = words.ENGLISH_WORDS) -> tuple[bytes, bytes, dict[str, bytes]]:
    """review.csv, a row a question waiting for the teacher; review.json, the same questions and
    those with a box the teacher decided, box by box, for the review page (`serve --review`);
    and the PNG crops of their boxes."""
    rows = [[say.alone(k) for k in REVIEW_HEADS]]
    listed: list[dict] = []
    crops: dict[str, bytes] = {}
    headings = dict(columns(marked.data, say))
    for copy in marked.data["copies"]:
        number = copy["copy"]
        if number not in results:
            continue  # absent: listed in absent.csv, nothing to review
        unit = marked.data["units"][copy["unit"]]
        readings = marked.readings.get(number, {})
        for entry in unit["questions"]:
            outcome = results[number][entry["question"]]
            seen = [(c, readings[(entry["question"], c)]) for c in entry["choices"] if (entry["question"], c) in readings]
            if outcome.mark is not None and not any(r.decided for _c, r in seen):
                continue
            names = {}
            for choice, _reading in seen:
                pixels = marked.crops.get((number, entry["question"], choice))
                if pixels is not None:
                    names[choice] = f"{CROPS}/copy{number:03d}-{_safe(entry['question'])}-{_safe(choice)}.png"
                    crops[names[choice]] = _png(pixels)
            files, page = marked.where.get((number, entry["question"], entry["choices"][0]), ("", 0))
            listed.append(_review_entry(copy, entry, headings, said(outcome.why, say), outcome, seen, names))
            if outcome.mark is None:
                rows.append([copy["name"], str(number), headings[entry["question"]], said(outcome.why, say),
                             " ".join(f"{c}={r.ink:.2f}" for c, r in seen), files, str(page or ""),
                             " ".join(names.values())])
    return _csv(rows), (json.dumps({"questions": listed}, indent=1, ensure_ascii=False) + "\n").encode("utf-8"), crops


def _review_entry(copy: dict, entry: dict, headings: dict, why: str, outcome: score.Outcome, seen: list,
                  names: dict) -> dict:
    """One question for the review page: whose, why it waits (or its mark now), each box."""
    return {"copy": copy["copy"], "student": copy["name"], "question": entry["question"],
            "heading": headings[entry["question"]], "why": why, "mark": outcome.mark, "marks": entry["marks"],
            "boxes": [{"choice": c, "option": entry["options"].get(c, c), "ink": r.ink, "state": r.state,
                       "decided": r.decided, "crop": names.get(c, "")} for c, r in seen]}


PAGES_HEADS = ("mark.file", "mark.page", "mark.student", "mark.copy", "mark.page-of-copy", "mark.not-read-because")


def pages_csv(marked: Marked, say: words.Words = words.ENGLISH_WORDS) -> bytes:
    rows = [[say.alone(k) for k in PAGES_HEADS]]
    for log in marked.log:
        name = marked.data["copies"][log.copy - 1]["name"] if log.copy else ""
        rows.append([log.file, str(log.page), name, str(log.copy or ""), str(log.number or ""), said(log.why, say)])
    return _csv(rows)


def write(marked: Marked, out: Path, force: bool, students: list | None = None, layout=None,
          again: dict | None = None, school: str | None = None) -> Summary:
    """Every output into `out`, refusing to replace an earlier marking without `force`.
    `students`: the class list's, to name the students and find who is missing; `layout`: the
    one item-analysis.pdf is set in (the default layout where None); `again`: the command's
    arguments, kept as run.json so that the review page can mark the class again; `school`:
    the workspace's language. Every file says its words in the marking's language (`language`)."""
    code = language(marked.data, layout, school)
    say = words.words(code)
    layout = localise.localised(layout or layouts.load("default"), code)
    scanned = {log.copy for log in marked.log if log.copy}
    seats = attendance.seats(marked.data, scanned, students)
    results = {copy: mine for copy, mine in outcomes(marked).items() if copy in scanned}
    review_rows, review_json, crops = review(marked, results, say)
    marks = marks_rows(marked, results, seats, say)
    found = analysis.items(marked, results, columns(marked.data, say))
    files = {"marks.csv": _csv(marks), "absent.csv": absent_csv(seats, say), "review.csv": review_rows,
             "review.json": review_json,
             "pages.csv": pages_csv(marked, say),
             "item-analysis.csv": _csv(analysis.rows(found, say)), **crops}
    files.update({f"{COPIES}/{name}": pdf for name, pdf in
                  annotate.copies(marked, results, seats, marked.data.get("title", ""), say).items()})
    if found:
        files["item-analysis.pdf"] = item_report.pdf(found, marked.data, layout)
    if again is not None:
        files["run.json"] = (json.dumps(again, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    book = workbook.write([(say.alone("mark.marks-sheet"), marks)])
    if book is not None:
        files["marks.xlsx"] = book
    _replace(out, files, force)
    read_pages = sum(1 for log in marked.log if log.copy and not log.why)
    unidentified = sum(1 for log in marked.log if not log.copy and log.why != BLANK_PAGE)
    return Summary(len(marked.data["copies"]), read_pages, unidentified,
                   sum(1 for r in results.values() for o in r.values() if o.mark is None),
                   [n for n in FILES if n in files] + sorted(n for n in files if '/' in n),
                   absent=sum(1 for seat in seats if seat.why))


def _replace(out: Path, files: dict[str, bytes], force: bool) -> None:
    """Write `files` into `out`; an earlier marking there is refused without `force`, and
    replaced whole with it (its crops and copies too, so none of another run is left)."""
    there = [name for name in FILES if (out / name).exists()] + [f"{d}/" for d in FOLDERS if (out / d).exists()]
    if there and not force:
        raise StudypackError(Problem(errors.said(*_ALREADY, folder=display_path(out), files=", ".join(there))))
    for name in FILES:
        if name not in files and (out / name).is_file():
            (out / name).unlink()
    for folder in FOLDERS:
        if (out / folder).is_dir():
            for stale in sorted((out / folder).iterdir()):
                if stale.is_file() and stale.suffix in (".png", ".pdf"):
                    stale.unlink()
    for name, data in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(path.name + ".part")
        part.write_bytes(data)
        part.replace(path)


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
