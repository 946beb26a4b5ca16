"""Short answer: ruled lines for the student; a model answer and creditable points in the key."""

from __future__ import annotations

import re
from typing import Literal

from studypack.spec import spaces
from studypack.spec.fields import Lines, PointScheme, Points, QuestionBase, Text, check_points
from studypack.spec.space_fields import Final

KIND = "short"
LINED = True  # `lines:` is the whole answer space (lint compares it with the marks)


class Model(QuestionBase):
    kind: Literal["short"]
    lines: Lines | None = None
    space: spaces.Space | None = spaces.absent()  # ruled lines unless it names another kind (kinds/spaces/)
    final: Final | None = spaces.absent()  # "speed = ........ m/s" under the working space
    answer: Text
    points: Points = []  # a list, or grouped under headings ("Comparisons": [...], "Contrasts": [...])
    mark_scheme: PointScheme | None = None


def check(q: Model) -> list[tuple[tuple, str]]:
    return check_points(q.mark_scheme, q.marks) + spaces.check(q)


# a point that names the mark it earns: "(M1)", "(A1)", "(B2)", "(1 mark)", "(2 marks; 1 mark for
# three or four)" (its whole mark, then how part of it is earned), "1 point for …", "1 point: …"
# (a rubric row's point), "Evidence from the documents: 1 point for …"
_EARNS = re.compile(r"\((?:[MABCPE](?P<code>\d+)\)|(?P<marks>\d+) (?:marks?|points?)(?:\)|[;,:] ))"
                    r"|\b(?P<for>\d+) points? for\b|^\s*(?P<row>\d+) points?:", re.I)


def earned(point: str) -> int | None:
    """The marks a point says it earns ("(2 marks; 1 mark for three or four)": 2), or None."""
    found = _EARNS.search(point)
    return int(next(n for n in found.groups() if n is not None)) if found else None


def each_earns(points) -> bool:
    """Whether every point names the mark it earns (a method-and-accuracy breakdown, a rubric's
    rows), so the points add up rather than being alternatives to credit any of."""
    listed = [p for group in points.values() for p in group] if isinstance(points, dict) else list(points)
    return bool(listed) and all(earned(point) is not None for point in listed)
