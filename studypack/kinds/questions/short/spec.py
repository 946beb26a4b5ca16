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


# a point that names the mark it earns: "(M1)", "(A1)", "(B2)", "(1 mark)", "1 point for …",
# "1 point: …" (a rubric row's point), "Evidence from the documents: 1 point for …"
_EARNS = re.compile(r"\((?:[MABCPE]\d+|\d+ (?:marks?|points?))\)|\b\d+ points? for\b|^\s*\d+ points?:", re.I)


def each_earns(points) -> bool:
    """Whether every point names the mark it earns (a method-and-accuracy breakdown, a rubric's
    rows), so the points add up rather than being alternatives to credit any of."""
    listed = [p for group in points.values() for p in group] if isinstance(points, dict) else list(points)
    return bool(listed) and all(_EARNS.search(point) for point in listed)
