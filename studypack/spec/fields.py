"""Fields every question shares, and the small typed pieces kinds are built from.

A question kind is one module in this package: a pydantic `Model` for its YAML, a
`check` for rules that span fields, and `student` / `key` functions that ask the
composer for flowables. Kinds never import ReportLab; the composer owns typesetting.
"""

from __future__ import annotations

import hashlib
import random
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt

from studypack.base.errors import said
from studypack.io.words import ENGLISH_WORDS, Words


def _number_as_text(value: Any) -> Any:
    """Let a teacher write `date: 1936` or `answer: 42`: numbers are text here."""
    if isinstance(value, bool):
        return value  # left for the str check to refuse: `yes` was meant as a word?
    if isinstance(value, (int, float)):
        return getattr(value, "written", str(value))
    return value


Text = Annotated[str, BeforeValidator(_number_as_text, json_schema_input_type=str | int | float), Field(min_length=1)]
"""A text field in the pack's inline markup (see docs/writing-packs.md)."""

Marks = Annotated[StrictInt, Field(gt=0, le=200)]
Ident = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Lines = Annotated[StrictInt, Field(ge=0, le=80)]

_BAND = re.compile(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$")


def in_tier(item, tier: str | None) -> bool:
    """Untagged items belong to every tier; with no tier chosen, everything prints."""
    return tier is None or getattr(item, "tier", None) in (None, tier)


class Strict(BaseModel):
    """Unknown keys are errors (with a suggestion); models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # schemas built on first use: start-up speed


def _parse_band(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return (value, value)
    if isinstance(value, str):
        match = _BAND.match(value)
        if match:
            low = int(match.group(1))
            return (low, int(match.group(2) or low))
        raise ValueError(said("term.check-band", "a mark band is written like '5-6' or '3', got '{value}'", value=value))
    if isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value):
        return tuple(value)
    return value


MarkBand = Annotated[tuple[StrictInt, StrictInt], BeforeValidator(_parse_band, json_schema_input_type=str | int | list[int])]


class Level(Strict):
    """One band of a levels-based mark scheme: its mark band and descriptor, with a level
    number ("Level 0" … "Level 4") or without one, as IB markbands are written ("7–9");
    `label` names a band in words ("High performance", as SPaG bands are named)."""

    level: Annotated[StrictInt, Field(ge=0, le=10)] | None = None
    label: Text | None = None
    marks: MarkBand
    descriptor: Text

    @property
    def name(self) -> str:
        """How a message names the band: "level 2", "'High performance'" or "band 4-6"."""
        if self.level is not None:
            return f"level {self.level}"
        if self.label:
            return f"'{self.label}'"
        low, high = self.marks
        return f"band {low}-{high}" if low != high else f"band {low}"


def _stimulus(value: Any) -> Any:
    """`stimulus: [point, point]` is short for `stimulus: {points: [point, point]}`."""
    return {"points": value} if isinstance(value, list) else value


class Stimulus(Strict):
    """Given bullet points printed in a box under the question, as board papers print them:
    "You may use the following in your answer: • … • … You must also use information of your own." """

    # where the pack gives no `lead` or `own`, the catalogue's words in the paper's language
    # (`said`); the English defaults stay so a pack's fingerprint (its variants' seed) is as it was
    lead: Text | None = "You may use the following in your answer:"  # `lead: null`: the points alone (AQA's Q6)
    points: list[Text] = Field(min_length=1, max_length=8)
    own: Text | None = "You must also use information of your own."  # `own: null` leaves the line out

    def said(self, say: Words = ENGLISH_WORDS) -> tuple[str | None, str | None]:
        """The line above the points and the line under them (None: left out): the pack's
        words where it gives them, else the catalogue's."""
        given = self.model_fields_set
        return (self.lead if "lead" in given else say("question.given-lead"),
                self.own if "own" in given else say("question.given-own"))


Points = list[Text] | dict[str, list[Text]]
"""Creditable points as a list, or grouped under headings ("Comparisons:" / "Contrasts:")."""


Tier = Literal["foundation", "higher"]


class Scaffold(Strict):
    """Help printed under a question for the students who need it: a hint, sentence
    starters, a word bank. Tag it with a tier to print it only in that tier's build."""

    tier: Tier | None = None
    hint: Text | None = None
    starters: list[Text] = []
    words: list[Text] = []


class PointScheme(Strict):
    """A point-based mark scheme: "1 mark for each valid inference, up to 2 marks"."""

    each: Marks = 1
    up_to: Marks | None = None  # defaults to the question's marks
    credit: Text = "valid point"  # what earns a mark, in the singular


class QuestionBase(Strict):
    """What every question has: a prompt, marks and an optional stable id; optionally
    marks for spelling, punctuation and grammar, a tier and scaffolds."""

    id: Ident | None = None
    tags: list[Ident] = []  # for packs that extend this one: `omit: [tag:essay]`
    prompt: Text
    marks: Marks
    spag: Annotated[StrictInt, Field(gt=0, le=20)] | None = None
    tier: Tier | None = None
    scaffold: Scaffold | None = None
    stimulus: Annotated[Stimulus, BeforeValidator(_stimulus, json_schema_input_type=list[str] | dict)] | None = None
    notes: list[Text] = []  # marking notes and caps for the key: "If only value is addressed, award a maximum of 2"


def check_points(scheme: "PointScheme | None", marks: int) -> list[tuple[tuple, str]]:
    """A point-based scheme must not promise more than the question is worth."""
    if scheme is None:
        return []
    top = scheme.up_to or marks
    if top > marks:
        return [(("mark_scheme", "up_to"), said("term.scheme-up-to", "mark_scheme: up to {top} marks is more than the question's "
                                                      "{marks} marks", top=top, marks=marks))]
    if scheme.each > top:
        return [(("mark_scheme", "each"), said("term.scheme-each", "mark_scheme: {each} marks each is more than the {top} marks "
                                                    "available", each=scheme.each, top=top))]
    return []


def check_levels(levels: list[Level], marks: int) -> list[tuple[tuple, str]]:
    """Bands must be ordered sensibly, inside 0..marks, not overlap, and reach the top mark.
    A band may be worth 0 ("Level 0: no rewardable material"); bands are numbered all or none."""
    problems: list[tuple[tuple, str]] = []
    seen: list[tuple[Level, int, int]] = []
    for i, level in enumerate(levels):
        low, high = level.marks
        where = ("mark_scheme", "levels", i, "marks")
        if low < 0:
            problems.append((where, said("term.band-below", "{level}: a band cannot start below 0 marks, got {low}",
                                            level=level.name, low=low)))
        elif low > high:
            problems.append((where, said("term.band-backwards", "{level}: band {low}-{high} runs backwards; write it as "
                                            "{high}-{low}", level=level.name, low=low, high=high)))
        elif high > marks:
            problems.append((where, said("term.band-above", "{level}: band {low}-{high} goes above the question's {marks} marks",
                                            level=level.name, low=low, high=high, marks=marks)))
        for other, other_low, other_high in seen:
            if low <= other_high and other_low <= high:
                problems.append((where, said("term.band-overlaps", "{level}: band {low}-{high} overlaps {other} ({other_low}-"
                                                "{other_high})", level=level.name, low=low, high=high, other=other.name,
                                                other_low=other_low, other_high=other_high)))
        seen.append((level, low, high))
    numbered = [lv.level for lv in levels if lv.level is not None]
    if numbered and len(numbered) != len(levels):
        problems.append((("mark_scheme", "levels"), said("term.band-numbered", "number every band with 'level:' or "
                                                                 "none of them (IB markbands have no numbers)")))
    if len(set(numbered)) != len(numbered):
        problems.append((("mark_scheme", "levels"), said("term.band-same-number", "two levels have the same number: "
                                                                 "number them 0, 1, 2, 3 …")))
    if levels and not problems:
        top = max(high for _, _, high in seen)
        if top != marks:
            problems.append((("mark_scheme", "levels"), said("term.band-top", "the top band ends at {top} but the "
                                                                     "question has {marks} marks: make them agree",
                                                                     top=top, marks=marks)))
        ordered = sorted(seen, key=lambda band: band[1])
        for (lower, _, lower_high), (upper, upper_low, _) in zip(ordered, ordered[1:]):
            if upper_low > lower_high + 1:
                gap = f"{lower_high + 1}" + (f"-{upper_low - 1}" if upper_low - 1 > lower_high + 1 else "")
                problems.append((("mark_scheme", "levels"), said("term.band-gap", "no level awards {marks} marks (between "
                                                                 "{lower} and {upper}): close the gap", marks=gap,
                                                                 lower=lower.name, upper=upper.name)))
            if lower.level is not None and upper.level is not None and upper.level < lower.level:
                problems.append((("mark_scheme", "levels"), f"level {upper.level} has higher marks than level {lower.level}: higher levels take higher bands"))
    return problems


def shuffled(items: list, *seed_parts: str) -> list[int]:
    """A deterministic shuffle of `range(len(items))`, seeded from the question's own text,
    so every build (and every machine) prints the same order and no order gives the answer away."""
    digest = hashlib.sha256("\x1f".join(seed_parts).encode("utf-8")).digest()
    order = list(range(len(items)))
    rng = random.Random(int.from_bytes(digest[:8], "big"))
    for _ in range(8):  # never leave the items in the order the teacher wrote them
        rng.shuffle(order)
        if len(order) < 2 or order != sorted(order):
            break
    return order


def reshuffled(order: list[int], rng) -> list[int]:
    """A class-set variant's order of lettered items: never the order already printed, never
    the order as written (so no variant's letters match another's or give the answer away)."""
    new = list(order)
    while new == order or new == sorted(new):
        rng.shuffle(new)
    return new
