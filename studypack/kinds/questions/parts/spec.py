"""Sub-questions: a shared stem (optional) and parts printed 1(a), 1(b) … each with its own
marks, kind and mark scheme. The question's marks are the sum of its parts."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.fields import Ident, Strict, Text, Tier

KIND = "parts"
COMPOUND = True  # its parts are questions of the other kinds; the registry checks each


class Model(Strict):
    kind: Literal["parts"]
    id: Ident | None = None
    prompt: Text | None = None
    tier: Tier | None = None
    parts: list["Leaf"] = Field(min_length=2, max_length=12)  # type: ignore[name-defined]  # noqa: F821 (the registry binds Leaf)

    @property
    def marks(self) -> int:
        return sum(p.marks for p in self.parts)

    @property
    def spag(self) -> int | None:
        return sum(p.spag or 0 for p in self.parts) or None


def check(q: Model) -> list[tuple[tuple, str]]:
    problems = []
    for i, part in enumerate(q.parts):
        if part.tier is not None:
            problems.append((("parts", i, "tier"), said("term.kind-parts-tier", "part ({letter}): tag the whole question with a tier, not one part, so the numbering "
                                         "stays the same in every tier", letter=chr(97 + i))))
    return problems
