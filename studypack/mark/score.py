"""A copy's marks from its boxes, by the rule every machine-marked kind shares: in each group
of boxes (the question's options, or one true/false statement) at most as many ticks as the key
has right boxes there; each right box ticked earns its share of the question's marks (rounded
down), so one right of a "tick two" worth 2 earns 1. A question with a box not decided, more
ticks than allowed, or a page not scanned gets no mark: it is listed for the teacher instead."""

from __future__ import annotations

from dataclasses import dataclass

from studypack.mark.read import FILLED, UNCERTAIN
from studypack.mark.reasons import Reason


@dataclass(frozen=True)
class Outcome:
    """One question of one copy: its mark, or why it has none ("" when marked)."""

    mark: int | None
    why: str = ""


def question(entry: dict, states: dict[str, str | None]) -> Outcome:
    """`states`: each choice's reading (None: its page was not scanned)."""
    if any(states.get(choice) is None for choice in entry["choices"]):
        return Outcome(None, Reason("mark.not-scanned"))
    if any(states[choice] == UNCERTAIN for choice in entry["choices"]):
        return Outcome(None, Reason("mark.uncertain"))
    for group, choices in sorted(entry["groups"].items()):
        allowed = sum(1 for c in choices if c in entry["correct"])
        ticked = sum(1 for c in choices if states[c] == FILLED)
        if ticked > allowed:
            if group:
                return Outcome(None, Reason("mark.too-many-in", ticked, allowed=allowed, group=group))
            return Outcome(None, Reason("mark.too-many", ticked, allowed=allowed))
    right = sum(1 for c in entry["correct"] if states[c] == FILLED)
    return Outcome(entry["marks"] * right // max(1, len(entry["correct"])))
