"""`studypack mark`: read every scanned page against the class set's marking map, mark each
copy, and write what the teacher needs (see `report`). Each page is found by its QR code, so
the scans may come in any order, turned, twice, or with pages missing: a page twice is read
once (the first), a page missing leaves its questions unmarked, and a page that cannot be
identified or aligned is listed with its file and page number."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from studypack.base.errors import Problem, StudypackError, display_path, said
from studypack.mark import align, annotate, read, scans
from studypack.mark.read import Reading
from studypack.mark.reasons import Reason

MAP_FORMAT = "studypack marking map 1"
BLANK = 0.005  # a page with less ink than this and no code is a blank back: nothing to read, nothing lost
BLANK_PAGE = Reason("mark.blank")  # app/marking.py writes it (a test holds the two equal)


@dataclass
class PageLog:
    """What became of one scanned page: the copy and page it is, or why it is none."""

    file: str
    page: int
    copy: int | None = None
    number: int | None = None
    why: str = ""  # a `Reason` where there is one


@dataclass
class Marked:
    """Everything read from the scans: each copy's boxes, the crops of boxes a teacher must see."""

    data: dict
    readings: dict[int, dict[tuple[str, str], Reading]] = field(default_factory=dict)  # copy -> (question, choice)
    where: dict[tuple[int, str, str], tuple[str, int]] = field(default_factory=dict)  # box -> (file, page)
    crops: dict[tuple[int, str, str], np.ndarray] = field(default_factory=dict)  # box -> pixels around it
    log: list[PageLog] = field(default_factory=list)
    seen: set[tuple[int, int]] = field(default_factory=set)  # (copy, page) read
    pictures: dict[tuple[int, int], bytes] = field(default_factory=dict)  # (copy, page) -> straightened JPEG


def load_map(path: Path) -> dict:
    """The class set's marking map; a located error where it is missing or not one."""
    shown = display_path(path)
    if not path.is_file():
        raise StudypackError(Problem(said("term.mark-no-map", "{file}: no marking map here; build the class set with --marking "
                                          "(it writes marking-map.json beside class-set.pdf) and give that file with --map",
                                          file=shown)))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StudypackError(Problem(said("term.mark-not-map", "{file}: not a marking map ({error}); give the marking-map.json "
                                          "the build wrote", file=shown, error=exc))) from None
    if not isinstance(data, dict) or data.get("format") != MAP_FORMAT:
        raise StudypackError(Problem(said("term.mark-old-map", "{file}: not a marking map of this studypack version; build the "
                                          "class set again with --marking", file=shown)))
    return data


def read_scans(paths: list[Path], data: dict) -> Marked:
    """Read every page of every scan against the map."""
    marked = Marked(data)
    for path in scans.files(paths):
        shown = display_path(path)
        for scan in scans.pages(path, shown):
            marked.log.append(_read_page(scan, marked))
    return marked


def _read_page(scan: scans.Scan, marked: Marked) -> PageLog:
    log = PageLog(scan.file, scan.page)
    if scan.pixels.size == 0:
        log.why = Reason("mark.unreadable")
        return log
    found = [c for c in align.codes(scan.pixels) if c.text.startswith(align.PREFIX + "/")]
    if not found:
        blank = (scan.pixels[::5, ::5] < align.paper_grey(scan.pixels) * 0.7).mean() < BLANK
        log.why = BLANK_PAGE if blank else Reason("mark.no-code")
        return log
    code = found[0]
    where = _identify(code.text, marked.data)
    if isinstance(where, str):
        log.why = where
        return log
    log.copy, log.number = where
    if (log.copy, log.number) in marked.seen:
        log.why = Reason("mark.twice")
        return log
    copy = marked.data["copies"][log.copy - 1]
    page = marked.data["units"][copy["unit"]]["pages"][log.number - 1]
    aligned = align.align(scan.pixels, code, page)
    if aligned is None:
        log.why = Reason("mark.no-corners")
        return log
    marked.seen.add((log.copy, log.number))
    marked.pictures[(log.copy, log.number)] = annotate.straightened(scan.pixels, aligned, page["size"])
    readings = marked.readings.setdefault(log.copy, {})
    for box in page["boxes"]:
        key = (box["question"], box["choice"])
        reading = read.read(scan.pixels, aligned, box["rect"])
        readings[key] = reading
        marked.where[(log.copy, *key)] = (scan.file, scan.page)
        if reading.state != read.EMPTY_BOX:  # a teacher may need to see it (uncertain, or one tick too many)
            marked.crops[(log.copy, *key)] = read.crop(scan.pixels, aligned, box["rect"]).copy()
    return log


def _identify(text: str, data: dict) -> tuple[int, int] | str:
    """(copy, page) from a page's code, or why it is not a page of this class set."""
    parts = text.split("/")
    if len(parts) != 6 or not parts[2].isdigit() or not parts[5].isdigit():
        return Reason("mark.other-code", text=text[:40])
    if parts[1] != data.get("build"):
        return Reason("mark.other-build", build=parts[1], map=data.get("build"))
    copy, number = int(parts[2]), int(parts[5])
    if not 1 <= copy <= len(data["copies"]):
        return Reason("mark.no-such-copy", copy=copy)
    pages = data["units"][data["copies"][copy - 1]["unit"]]["pages"]
    if not 1 <= number <= len(pages):
        return Reason("mark.no-such-page", page=number, copy=copy)
    return copy, number
