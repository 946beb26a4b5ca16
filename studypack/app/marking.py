"""A class set built for marking: the corner squares and QR code stamped on every page of
every copy, and `marking-map.json` beside the class set, which tells `studypack mark` where
every tick box sits on every page and what each copy's variant key ticks.

The map is kept by unit (a variant, layout and tier laid out once: every copy of the unit has
the same pages, so the same boxes), each copy naming its unit; its digest, printed in every
page's code, ties a scanned page to this build and no other."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

from studypack.pdf import assemble, readback

FORMAT = "studypack marking map 1"
FILE = "marking-map.json"


def unit_entry(unit, layout, pages) -> dict:
    """One unit's pages (size, corner squares, code, boxes) and its key, question by question in
    the order they print; and the questions the teacher marks (`by_hand`: each with the page
    and the point where it ends)."""
    questions: dict[str, dict] = {}
    by_hand: dict[str, dict] = {}
    out_pages = []
    for number, laid in enumerate(pages, start=1):
        boxes = []
        for box in laid.boxes:
            tag = box.tag
            if not box.size:  # a question the teacher marks: where it ends
                by_hand.setdefault(tag.question, {"question": tag.question, "label": tag.label, "kind": tag.kind,
                                                  "marks": tag.marks, "page": number,
                                                  "at": [round(box.x, 2), round(box.y, 2)]})
                continue
            entry = questions.setdefault(tag.question, {"question": tag.question, "label": tag.label, "kind": tag.kind,
                                                        "marks": tag.marks, "choices": [], "groups": {}, "correct": [],
                                                        "options": {}})
            if tag.choice not in entry["choices"]:
                entry["choices"].append(tag.choice)
                entry["options"][tag.choice] = tag.option
                entry["groups"].setdefault(tag.group, []).append(tag.choice)
                if tag.correct:
                    entry["correct"].append(tag.choice)
            boxes.append({"question": tag.question, "choice": tag.choice,
                          "rect": [round(box.x, 2), round(box.y, 2), round(box.size, 2), round(box.size, 2)]})
        marking = layout.marking
        out_pages.append({
            "size": [round(laid.width, 2), round(laid.height, 2)],
            "corners": [[round(x, 2), round(y, 2), round(marking.corner, 2)]
                        for x, y in readback.corners(marking, laid.width, laid.height)],
            "code": [round(v, 2) for v in readback.code_place(marking)],
            "boxes": boxes})
    return {"variant": unit.variant, "tier": unit.tier, "layout": unit.layout or "", "questions": list(questions.values()),
            "by_hand": list(by_hand.values()), "pages": out_pages}


def make_map(pack_name: str, title: str, students, units, laid, layouts: dict, language: str | None = None) -> dict:
    """The whole map, its `build` digest worked out from everything else in it; `language`: the
    build's (kept where one was chosen, so that `studypack mark` writes its files in it)."""
    order = list(dict.fromkeys(units))
    entries = [unit_entry(unit, layouts[unit], laid[(unit, False)]) for unit in order]
    copies = [{"copy": n, "name": s.name, "class": s.group, "id": s.id, "unit": order.index(unit)}
              for n, (s, unit) in enumerate(zip(students, units), start=1)]
    data = {"format": FORMAT, "pack": pack_name, "title": title, "units": entries, "copies": copies}
    if language:
        data["language"] = language
    data["build"] = hashlib.sha256(encode(data)).hexdigest()[:10].upper()
    return data


def encode(data: dict) -> bytes:
    """The map's bytes: sorted keys, no spaces wasted, so the same build gives the same file."""
    return (json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def stamped(copies: list[list[assemble.Page]], data: dict, layouts: dict, units) -> list[list[assemble.Page]]:
    """Each copy's pages with the corner squares and that page's own code drawn on top."""
    out = []
    for copy, pages, unit in zip(data["copies"], copies, units):
        entry = data["units"][copy["unit"]]
        marking = layouts[unit].marking
        marked = []
        for number, page in enumerate(pages, start=1):
            text = readback.payload(data["build"], copy["copy"], entry["variant"], entry["tier"], number)
            drawn = readback.drawing(marking, page.width, page.height, text)
            marked.append(replace(page, overlays=page.overlays + (drawn,)))
        out.append(marked)
    return out
