"""A poem: each line of its text a verse line, a blank line a stanza break, leading spaces its
indentation; numbered by its own lines (every 5th by default), the same in every layout."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec.fields import Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import ANCHOR, Piece, StimulusFields, by_line

KIND = "poem"
LINES = "verse"  # how its text is numbered: by printed line, or by verse line


class Model(StimulusFields):
    """`*title* by author (date).` with the poem; `numbering: 5` (every 5th line) or `none`."""

    NOUN: ClassVar[str] = "Text"
    kind: Literal["poem"]
    title: Text | None = None
    author: Text | None = None
    date: Text | None = None
    citation: Text | None = None
    numbering: Annotated[int, Field(ge=1, le=50)] | Literal["none"] = 5


def check(s: Model) -> list[tuple[tuple, str]]:
    if not s.text:
        return [(("text",), said("term.stimulus-poem-text", "{name}: give it a text (the poem's lines, one a line, a "
                                    "blank line between stanzas)", name=s.name))]
    return []


def stanzas(text: str) -> list[list[str]]:
    """The poem's stanzas, each its verse lines as written (leading spaces kept): a line with
    nothing but spaces ends a stanza, and any number of them make one break."""
    out: list[list[str]] = [[]]
    for line in text.replace("\t", "    ").rstrip().split("\n"):
        if line.strip():
            out[-1].append(line.rstrip())
        elif out[-1]:
            out.append([])
    return [stanza for stanza in out if stanza]


def credit(s: Model, say: Words = ENGLISH_WORDS) -> list[list[Piece]]:
    """"*Dulce et Decorum Est* by Wilfred Owen (1920)." and its citation."""
    lines = [by_line(s.title, s.author, s.date, say=say)]
    if s.citation:
        lines.append([("", s.citation.strip().rstrip(".") + ".")])
    return [line for line in lines if line]


def anchor_lines(text: str) -> dict[str, tuple[int, int]]:
    """Each anchor's verse line (the same in every layout and format)."""
    found: dict[str, tuple[int, int]] = {}
    number = 0
    for verse in stanzas(text):
        for line in verse:
            number += 1
            for name in ANCHOR.findall(line):
                found[name] = (number, number)
    return found
