"""The stimulus kinds' specs: the `spec` module of each folder of `studypack/kinds/stimuli/`.

A stimulus is what questions are about: a historical source (`kind: primary` or `secondary`),
an extract, a poem, a figure, a data table, a story, a case study. A kind's spec module defines
`KIND`, a pydantic `Model` (on `StimulusBase`; its `kind:` values are the tags it is read by),
`check(s)`, and, for every kind but the historical source (whose provenance has its teaching and
board forms in settings/provenance.py), `credit(s)`: its attribution lines as pieces. Adding a
kind is adding its folder; nothing else names it.
"""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Any, Union

from pydantic import Field

from studypack.base import registry
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.stimulus_base import Piece

STIMULUS_KINDS: dict[str, ModuleType] = registry.modules("stimuli", "spec")
_BY_MODEL = {module.Model: module for module in STIMULUS_KINDS.values()}

Stimulus: Any = Annotated[
    Union[tuple(module.Model for module in STIMULUS_KINDS.values())],  # type: ignore[misc]
    Field(discriminator="kind"),
]


def kind_of(stimulus) -> ModuleType:
    """The spec module of a stimulus's kind."""
    return _BY_MODEL[type(stimulus)]


def tags() -> list[str]:
    """Every value `kind:` takes, as written in a pack: primary, secondary, extract, poem…"""
    return [tag for module in STIMULUS_KINDS.values() for tag in module.Model.model_fields["kind"].annotation.__args__]


def check(stimulus) -> list[tuple[tuple, str]]:
    return list(kind_of(stimulus).check(stimulus))


def credit(stimulus, say: Words = ENGLISH_WORDS) -> list[list[Piece]] | None:
    """The kind's attribution lines (the tool's words in them said by `say`), or None for the
    historical source (its provenance)."""
    found = getattr(kind_of(stimulus), "credit", None)
    return found(stimulus, say) if found else None


def historical(stimulus) -> bool:
    """A historical source, with a provenance (primary or secondary)."""
    return kind_of(stimulus).KIND == "source"


def number(stimuli) -> None:
    """Give each stimulus of a numbered kind (figures, tables) its place among its kind, so an
    unlabelled one is called "Figure 2"."""
    counts: dict[str, int] = {}
    for stimulus in stimuli:
        if stimulus.NUMBERED:
            counts[stimulus.kind] = counts.get(stimulus.kind, 0) + 1
            stimulus._number = counts[stimulus.kind]


def printed_lines(stimulus) -> bool:
    """Whether its text is numbered by printed line (`LINES = "printed"` on its kind, and not
    `numbering: none`): those numbers move with the layout's type size and measure."""
    return getattr(kind_of(stimulus), "LINES", None) == "printed" and getattr(stimulus, "numbering", None) != "none"


def titled(stimulus) -> bool:
    """Whether its heading says its title after its name ("Figure 2: …"; `TITLED` on its kind)."""
    return bool(getattr(kind_of(stimulus), "TITLED", False))


def verse(stimulus) -> bool:
    return getattr(kind_of(stimulus), "LINES", None) == "verse"


GATHERED = {"Extract": "extract", "Text": "text", "Figure": "figure", "Table": "table"}
"""A booklet of stimuli of one noun is called by that noun's words ("Use these extracts")."""


def gathered(stimuli) -> str:
    """What a booklet of these stimuli calls them, by their kinds: "source" where any is a
    historical source (the words a history paper has always printed), else the one noun they
    share ("extract", "text", "figure", "table"; extracts beside poems or stories are "text"),
    else "resource". It picks the catalogue's words: `booklet_key("booklet.end", group)`."""
    nouns = {stimulus.NOUN for stimulus in stimuli}
    if not stimuli or any(historical(stimulus) for stimulus in stimuli):
        return "source"
    if nouns == {"Extract", "Text"}:
        return "text"
    return GATHERED.get(nouns.pop(), "resource") if len(nouns) == 1 else "resource"


def booklet_key(key: str, group: str) -> str:
    """The catalogue key of a booklet's word for its group of stimuli: "booklet.end" for
    sources (as ever), "booklet.end-extract" for extracts."""
    return key if group == "source" else f"{key}-{group}"
