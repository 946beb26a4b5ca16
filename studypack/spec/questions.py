"""The question kinds' specs: the `spec` module of each folder of `studypack/kinds/questions/`.

A kind's spec module defines `KIND` (its name in pack.yaml), a pydantic `Model`, and `check(q)`
for rules that span its fields; optionally `correct(q)` / `shuffle(q, ...)` for class-set
variants, `LINED = True` when its `lines:` is its whole answer space (lint), and
`COMPOUND = True` when its `parts` are questions of the other kinds, `KEYED = True` when its
own required fields hold the answer (lint never calls its key empty), `lint(q)` for its own
warnings, and `instruction(q)` with `cues(q)` when it prints an instruction under the prompt
(see `spec.instructions`). A kind whose answer is ticks in boxes has `boxes(q)`: the boxes in
print order as (group, choice, correct, option), so that a class set built with --marking maps
them and `studypack mark` reads and marks them. Adding a kind is adding
its folder (`base.registry` finds it); nothing else names it.
"""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Any, Union

from pydantic import Field

from studypack.base import registry
from studypack.base.errors import said
from studypack.spec import instructions


KINDS: dict[str, ModuleType] = registry.modules("questions", "spec")
LEAF_KINDS: dict[str, ModuleType] = {name: m for name, m in KINDS.items() if not getattr(m, "COMPOUND", False)}

Leaf: Any = Annotated[
    Union[tuple(module.Model for module in LEAF_KINDS.values())],  # type: ignore[misc]
    Field(discriminator="kind"),
]
for _module in KINDS.values():
    if getattr(_module, "COMPOUND", False):  # its `parts: list["Leaf"]` resolves here when its schema is built
        _module.Leaf = Leaf  # type: ignore[attr-defined]  # (on first use: `Strict` defers building, start-up speed)

Question: Any = Annotated[
    Union[tuple(module.Model for module in KINDS.values())],  # type: ignore[misc]
    Field(discriminator="kind"),
]


def kind_of(question) -> ModuleType:
    return KINDS[question.kind]


def check(question) -> list[tuple[tuple, str]]:
    """Every rule of a question's kind, and of each of its parts' kinds, as (key path, message)."""
    problems = list(kind_of(question).check(question))
    for i, part in enumerate(getattr(question, "parts", None) or []):
        for where, message in kind_of(part).check(part):
            problems.append((("parts", i) + tuple(where), f"part ({chr(97 + i)}): {message}"))
    return problems


def correct(question) -> str | None:
    """The letter of the correct option, for kinds that have one (the class-set answer grid)."""
    found = getattr(kind_of(question), "correct", None)
    return found(question) if found else None


def lined(question) -> bool:
    """Whether the question's `lines:` is its whole answer space."""
    return bool(getattr(kind_of(question), "LINED", False))


def keyed(question) -> bool:
    """Whether the question's answer is in its required fields, so its key is never empty."""
    return bool(getattr(kind_of(question), "KEYED", False))


def warnings(question) -> list[tuple[tuple, str, str]]:
    """What a valid question of a kind may still get wrong, as (key path, message, rule): the
    kind's own `lint(q)`, and a prompt repeating the instruction the kind prints under it
    (`instruction(q)`, said by the words `cues(q)`); parts' too."""
    found = []
    for path, q in [((), question)] + [(("parts", i), p) for i, p in enumerate(getattr(question, "parts", None) or [])]:
        module = kind_of(q)
        own = module.instruction(q) if hasattr(module, "instruction") and hasattr(module, "cues") else None
        if own and instructions.said(getattr(q, "prompt", None), module.cues(q)):
            found.append((path + ("prompt",), said("term.kind-repeated-instruction", "the prompt already says '{own}' (a "
                                                   "{kind} question adds it under its prompt): it is printed once; leave it "
                                                   "out of the prompt", own=own, kind=q.kind), "repeated-instruction"))
        found += [(path + tuple(where), message, rule) for where, message, rule in getattr(module, "lint", lambda _q: [])(q)]
    return found
