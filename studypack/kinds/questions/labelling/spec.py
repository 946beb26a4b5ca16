"""Image labelling: a picture with numbered callouts; students write each label on the
numbered line below it. Callout positions are percentages of the picture's width and
height, measured from its top-left corner.

`style:` says how the numbers are set: `discs` (numbered black circles on the points, as
packs have always printed), `leaders` (numbered boxes in the margins beside the picture, a
thin leader line to a small dot at each point) or `markers` (a small dot at each point, its
number beside it on a white halo)."""

from __future__ import annotations

import math
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.added import Added
from studypack.spec.fields import QuestionBase, Strict, Text

KIND = "labelling"
Percent = Annotated[float, Field(ge=0, le=100)]


class Picture(Strict, Added):
    """The picture to label; `alt`, what it shows, for a reader who cannot see it."""

    ADDED: ClassVar[dict] = {"alt": None}
    UNSEEDED: ClassVar[tuple[str, ...]] = ("alt",)

    file: Text
    width: Annotated[float, Field(gt=0, le=100)] = 80.0  # percent of the text width
    caption: Text | None = None
    alt: Text | None = None


class Label(Strict):
    x: Percent
    y: Percent
    answer: Text


class Model(QuestionBase, Added):
    ADDED = {"style": "discs"}
    kind: Literal["labelling"]
    image: Picture
    labels: list[Label] = Field(min_length=1, max_length=20)
    word_bank: bool = False
    style: Literal["discs", "leaders", "markers"] = "discs"


def check(q: Model) -> list[tuple[tuple, str]]:
    return []


# how near (in percent of the picture) two points may be before their numbers cannot be told
# apart: a disc is about 7 % of a picture 70 % of the page wide; a marker's number is set
# beside its dot; a leader's dot is 1.6 mm across
TOO_CLOSE = {"discs": 7.0, "markers": 4.0, "leaders": 1.5}


def lint(q: Model) -> list[tuple[tuple, str, str]]:
    """Two points too close for their numbers to be printed apart, each pair once."""
    found = []
    limit = TOO_CLOSE[q.style]
    for j, b in enumerate(q.labels):
        for i, a in enumerate(q.labels[:j]):
            apart = math.hypot(a.x - b.x, a.y - b.y)
            if apart < limit:
                values = {"a": i + 1, "b": j + 1, "apart": f"{apart:.0f}"}
                found.append((("labels", j), said("term.kind-labels-close", "labels {a} and {b} are {apart} % apart: too "
                                                  "close to label apart; move one or use leader lines (style: leaders)",
                                                  **values) if q.style != "leaders" else
                              said("term.kind-labels-dots", "labels {a} and {b} are {apart} % apart: their dots run "
                                   "together; move one", **values), "labels-close"))
    return found
