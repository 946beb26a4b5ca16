"""The teacher's word on boxes the scanner could not decide: `decisions.json` in the marking's
folder, a box (copy, question, choice) ticked or empty. It is the teacher's file: a marking
never replaces it, and every marking into that folder applies it over what the scans say,
so a box decided stays decided however often the class is marked again (`studypack serve
--review` writes it; a teacher may too)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from studypack.base.errors import Problem, StudypackError, display_path, said
from studypack.mark.read import EMPTY_BOX, FILLED

FILE = "decisions.json"
STATES = (FILLED, EMPTY_BOX)

Key = tuple[int, str, str]  # (copy, question, choice)


def load(folder: Path) -> dict[Key, str]:
    """The decisions kept in `folder` (none where there is no file); a located error where
    the file is not one this module wrote."""
    path = folder / FILE
    if not path.is_file():
        return {}
    shown = display_path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        found = {(int(d["copy"]), str(d["question"]), str(d["choice"])): str(d["state"]) for d in raw["boxes"]}
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise StudypackError(Problem(said("term.mark-decisions", "{file}: not a list of decisions ({error}); delete it, or mend "
                                          "it as {{\"boxes\": [{{\"copy\": 1, \"question\": \"quiz:1\", \"choice\": \"A\", "
                                          "\"state\": \"filled\"}}]}}", file=shown, error=exc))) from None
    wrong = sorted({state for state in found.values() if state not in STATES})
    if wrong:
        raise StudypackError(Problem(said("term.mark-decision-state", "{file}: a box decided as '{state}': each is 'filled' or "
                                          "'empty'", file=shown, state=wrong[0])))
    return found


def encode(decisions: dict[Key, str]) -> bytes:
    """The file's bytes: the boxes in order, so the same decisions give the same file."""
    boxes = [{"copy": copy, "question": question, "choice": choice, "state": state}
             for (copy, question, choice), state in sorted(decisions.items())]
    return (json.dumps({"boxes": boxes}, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def save(folder: Path, decisions: dict[Key, str]) -> None:
    path = folder / FILE
    part = path.with_name(path.name + ".part")
    part.write_bytes(encode(decisions))
    part.replace(path)


def apply(marked, decisions: dict[Key, str]) -> None:
    """Each decided box's reading set to the teacher's state (its ink share kept, as scanned);
    a decision on a box whose page was not read stays in the file, waiting for it."""
    for (copy, question, choice), state in decisions.items():
        readings = marked.readings.get(copy, {})
        reading = readings.get((question, choice))
        if reading is not None:
            readings[(question, choice)] = replace(reading, state=state, decided=True)
