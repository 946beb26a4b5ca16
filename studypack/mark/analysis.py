"""Item analysis from a marked class: for each machine-marked question, its facility (the
share of its marks the class earned), its discrimination (how its mark goes with the rest of
the paper: the correlation of the two, from −1 to 1) and how often each option was ticked,
by the option as the pack writes it (the same across variants, whatever letter it had), with
the questions that behaved badly flagged. Questions left to review count for neither."""

from __future__ import annotations

import math
from dataclasses import dataclass

from studypack.io import words
from studypack.mark.read import FILLED
from studypack.mark.reasons import Reason, said
from studypack.mark.run import Marked

HARD = 0.2  # facility under this: few earned its marks
WEAK = 0.0  # discrimination under this: the stronger students did no better on it


@dataclass(frozen=True)
class Item:
    """One question's behaviour in the class."""

    heading: str
    kind: str
    marks: int
    copies: int  # copies whose mark was decided
    facility: float | None
    discrimination: float | None
    ticks: list[tuple[str, bool, int]]  # (option as written, whether right, how many ticked it)
    check: list[str]  # what behaved badly: `Reason`s


def items(marked: Marked, results: dict, headings: list[tuple[str, str]]) -> list[Item]:
    """Each machine-marked question, in print order."""
    entries = _entries(marked.data)
    out = []
    for key, heading in headings:
        entry = entries[key]
        scored = [(copy, outcome.mark) for copy, mine in sorted(results.items())
                  if (outcome := mine.get(key)) is not None and outcome.mark is not None]
        facility = sum(m for _c, m in scored) / (entry["marks"] * len(scored)) if scored and entry["marks"] else None
        rest = [sum(o.mark for k, o in results[copy].items() if k != key and o.mark is not None) for copy, _m in scored]
        discrimination = _correlation([m for _c, m in scored], rest)
        ticks = _ticks(marked, key)
        out.append(Item(heading, entry["kind"], entry["marks"], len(scored), facility, discrimination, ticks,
                        _check(facility, discrimination, ticks)))
    return out


HEADS = ("mark.question", "mark.kind", "mark.marks", "mark.copies-marked", "mark.facility", "mark.discrimination",
         "mark.ticks", "mark.check")


def rows(found: list[Item], say: words.Words = words.ENGLISH_WORDS) -> list[list[str]]:
    """The item-analysis table, a header row first, in the language of `say`."""
    out = [[say.alone(key) for key in HEADS]]
    join = say.alone("mark.join")
    for item in found:
        out.append([item.heading, kind_name(item.kind, say), str(item.marks), str(item.copies), number(item.facility),
                    number(item.discrimination), join.join(f"{option}{say.alone('mark.right') if right else ''}: {count}"
                                                           for option, right, count in item.ticks),
                    checks(item, say)])
    return out


def kind_name(kind: str, say: words.Words) -> str:
    """A question kind as the item analysis names it ("multiple choice"), in the language."""
    key = f"mark.kind-{kind}"
    return say.alone(key) if key in words.catalogue(words.ENGLISH).messages else kind.replace("-", " ")


def checks(item: Item, say: words.Words) -> str:
    """What behaved badly in the question, said in one line."""
    return say.alone("mark.join").join(said(note, say) for note in item.check)


def _entries(data: dict) -> dict[str, dict]:
    """Each question's entry (the first unit's holding it: kind, marks, options are the same in all)."""
    found: dict[str, dict] = {}
    for unit in data["units"]:
        for entry in unit["questions"]:
            found.setdefault(entry["question"], entry)
    return found


def _ticks(marked: Marked, key: str) -> list[tuple[str, bool, int]]:
    """(option as written, whether it is right, how many ticked it), in the first variant's order."""
    counts: dict[str, list] = {}
    for copy in marked.data["copies"]:
        entry = next((e for e in marked.data["units"][copy["unit"]]["questions"] if e["question"] == key), None)
        if entry is None:
            continue
        readings = marked.readings.get(copy["copy"], {})
        for choice in entry["choices"]:
            option = entry["options"].get(choice, choice)
            count = counts.setdefault(option, [choice in entry["correct"], 0])
            reading = readings.get((key, choice))
            count[1] += reading is not None and reading.state == FILLED
    return [(option, right, count) for option, (right, count) in counts.items()]


def _correlation(xs: list[int], ys: list[int]) -> float | None:
    if len(xs) < 3:
        return None
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx, syy = sum((x - mx) ** 2 for x in xs), sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else None


def _check(facility: float | None, discrimination: float | None, ticks: list[tuple[str, bool, int]]) -> list[str]:
    notes: list[str] = []
    if facility is not None and facility < HARD:
        notes.append(Reason("mark.hard", hard=HARD))
    if discrimination is not None and discrimination < WEAK:
        notes.append(Reason("mark.weak"))
    right = min((count for _o, is_right, count in ticks if is_right), default=0)
    if any(count > right for _o, is_right, count in ticks if not is_right):
        notes.append(Reason("mark.wrong-ticked"))
    return notes


def number(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"
