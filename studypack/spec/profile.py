"""A board profile: what a paper of one kind has, as data (profiles/<name>.yaml).

A profile says how the paper looks (layout settings laid over the chosen layout, the
booklet's name, the instructions) and what it holds (total and SPaG marks, time, sections
and the marks and command words of their questions, the nouns its sources are labelled
with). A pack names it with `profile:`; the build applies the first part, and `studypack
check` compares the paper with the second (studypack/profile_lint.py). The model is here,
in the spec layer; loading and `extends:` are in studypack/profile.py.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StrictInt

from studypack.spec.fields import Strict

Marks = Annotated[StrictInt, Field(ge=1, le=200)]
Spag = Annotated[StrictInt, Field(ge=0, le=50)]
Total = Annotated[StrictInt, Field(ge=1, le=1000)]


class QuestionRule(Strict):
    """One question the paper has: its marks (and SPaG marks), the command words its prompt
    starts with or contains (any one of them), its parts, whether it gives a stimulus."""

    marks: Marks | None = None
    spag: Spag | None = None
    command: list[str] = []
    stimulus: bool | None = None
    parts: list["QuestionRule"] = []
    levels: bool | None = None  # marked by levels (an `extended` question)


class SectionRule(Strict):
    """A section of the paper: how its title starts, and its questions in order."""

    title: str | None = None
    questions: list[QuestionRule] = Field(min_length=1)


class Paper(Strict):
    """The facts of the paper the profile describes (any left out are not checked)."""

    total: Total | None = None  # marks, SPaG included
    spag: Spag | None = None
    time: str | None = None
    sections: list[SectionRule] = []
    questions: list[QuestionRule] = []  # a paper without sections


class Profile(Strict):
    """A board's paper, as data."""

    description: str = ""
    extends: str | None = None
    board: str = ""
    follows: list[str] = []  # the specimen papers and specifications the facts come from
    base_layout: str | None = None  # the layout used when neither --layout nor the pack names one
    layout: dict[str, Any] = {}  # layout settings laid over the chosen layout (checked as a layout)
    booklet: str | None = None  # the source booklet's name ("Sources/Interpretations Booklet")
    # where the paper's sources print (checked); `paper`: no source-booklet.pdf copy beside it either
    sources_in: Literal["booklet", "paper"] | None = None
    labels: list[str] = ["Source"]  # nouns the paper's sources are labelled with ("Interpretation")
    instructions: str | None = None  # printed on a paper that gives none of its own
    paper: Paper = Field(default_factory=Paper)  # made when a profile is read: a build without one never builds its schema


def papers(pack) -> list[int]:
    """The sheets a profile describes: the exam sheets, or (with none) every sheet with questions."""
    exams = [i for i, sheet in enumerate(pack.sheets) if sheet.kind == "exam"]
    return exams or [i for i, sheet in enumerate(pack.sheets) if sheet.all_questions]
