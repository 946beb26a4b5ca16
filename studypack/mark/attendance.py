"""Who sat the paper: each student of the class list matched to their copy of the class set
(by candidate number where both have one, else by name and class, else by name alone where
only one copy has it), and whether any page of that copy was scanned. A student with no page
scanned is absent, never marked 0; a student on the list with no copy, and a copy whose
student is not on the list, are said so, so no one is lost between the two lists."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.mark.reasons import Reason, joined

ABSENT = Reason("mark.absent")
NO_COPY = Reason("mark.no-copy")
NOT_LISTED = Reason("mark.not-listed")


@dataclass(frozen=True)
class Seat:
    """A row of marks.csv: the student as the class list (or the map) names them, their copy
    of the class set (None: none), and why they have no marks ("" when they have)."""

    name: str
    group: str
    id: str
    copy: int | None
    why: str = ""


def seats(data: dict, scanned: set[int], students: list | None) -> list[Seat]:
    """Every student to report, in the class list's order (copies not on it after), or, without
    a list, every copy in the class set's order. `scanned`: the copies with a page scanned."""
    if students is None:
        return [_seat(copy["name"], copy["class"], copy["id"], copy["copy"], scanned, "") for copy in data["copies"]]
    taken: set[int] = set()
    out = []
    for student in students:
        copy = _match(student, data["copies"], taken)
        if copy is None:
            out.append(Seat(student.name, student.group, student.id, None, NO_COPY))
            continue
        taken.add(copy)
        out.append(_seat(student.name, student.group, student.id, copy, scanned, ""))
    for copy in data["copies"]:
        if copy["copy"] not in taken:
            out.append(_seat(copy["name"], copy["class"], copy["id"], copy["copy"], scanned, NOT_LISTED))
    return out


def _seat(name: str, group: str, id_: str, copy: int, scanned: set[int], note: Reason | str) -> Seat:
    if copy not in scanned:
        return Seat(name, group, id_, copy, joined([ABSENT, note] if isinstance(note, Reason) else [ABSENT]))
    return Seat(name, group, id_, copy, note)


def _match(student, copies: list[dict], taken: set[int]) -> int | None:
    """The copy that is this student's: the first rule that finds exactly one free copy."""
    free = [c for c in copies if c["copy"] not in taken]
    rules = []
    if student.id.strip():
        rules.append(lambda c: c["id"].strip() == student.id.strip())
    rules.append(lambda c: _same(c["name"], student.name) and _same(c["class"], student.group))
    rules.append(lambda c: _same(c["name"], student.name))
    for rule in rules:
        found = [c["copy"] for c in free if rule(c)]
        if len(found) == 1:
            return found[0]
        if found and rule is rules[0] and student.id.strip():
            return found[0]  # one candidate number twice on the map: the first copy
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
