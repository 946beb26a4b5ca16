"""Short answer: ruled lines for the student; a model answer and creditable points in the key."""

from __future__ import annotations

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
