"""A historical source: who made it, when, why, for whom, and where it is from (its provenance,
composed by settings/provenance.py in the layout's teaching or board form)."""

from __future__ import annotations

from typing import Literal

from studypack.base.errors import said
from studypack.spec.fields import Ident, Text, Tier
from studypack.spec.stimulus_base import Label, Letter, SourceImage, StimulusBase

KIND = "source"
LINES = "printed"  # how its text is numbered: by printed line, or by verse line


class Source(StimulusBase):
    """One source with its provenance: `kind: primary` or `secondary`. (Named so the editor
    schema calls it "Source", as it always has.)"""

    letter: Letter
    label: Label | None = None
    id: Ident | None = None
    tags: list[Ident] = []  # for packs that extend this one: `include: [tag:cartoons]`
    title: Text
    kind: Literal["primary", "secondary"]
    origin: Text
    date: Text
    purpose: Text | None = None
    audience: Text | None = None
    citation: Text
    note: Text | None = None
    glossary: dict[str, Text] = {}
    text: Text | None = None
    image: SourceImage | None = None
    tier: Tier | None = None


Model = Source


def check(s: Source) -> list[tuple[tuple, str]]:
    if not s.text and not s.image:
        return [((), said("term.stimulus-text-or-image", "{name}: give it a text or an image",
                          name=said("term.at-source", "source {letter}", letter=s.letter)))]
    return []
