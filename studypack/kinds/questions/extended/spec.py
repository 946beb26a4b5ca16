"""Extended answer marked by levels: level (or none, as IB markbands), mark band and descriptor,
plus indicative content (grouped or not) and SPaG bands."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec import spaces
from studypack.spec.fields import Level, Lines, Points, QuestionBase, Strict, Text, check_levels
from studypack.spec.space_fields import Final

KIND = "extended"
LINED = True  # `lines:` is the whole answer space (lint compares it with the marks)


class MarkScheme(Strict):
    levels: list[Level] = Field(min_length=1)
    indicative: Points = []  # a list, or grouped under headings
    spag: list[Level] = []  # performance bands for the spelling, punctuation and grammar marks (a 0 band allowed)


class Model(QuestionBase):
    kind: Literal["extended"]
    lines: Lines | None = None
    space: spaces.Space | None = spaces.absent()  # ruled lines unless it names another kind (kinds/spaces/)
    final: Final | None = spaces.absent()  # "speed = ........ m/s" under the working space
    mark_scheme: MarkScheme
    answer: Text | None = None


def check(q: Model) -> list[tuple[tuple, str]]:
    problems = check_levels(q.mark_scheme.levels, q.marks)
    if q.mark_scheme.spag and not q.spag:
        problems.append((("mark_scheme", "spag"), said("term.kind-spag-no-marks", "SPaG descriptors are given but the question has no 'spag:' marks")))
    elif q.mark_scheme.spag and q.spag:
        for where, message in check_levels(q.mark_scheme.spag, q.spag):
            problems.append((("mark_scheme", "spag") + where[2:], said("term.kind-spag", "SPaG {problem}", problem=message)))
    return problems + spaces.check(q)
