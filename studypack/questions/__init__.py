"""The registry of question kinds: adding a kind means adding a module and one line here."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Union

from pydantic import Field

from . import (cloze, extended, inferences, labelling, matching, multiple_choice, multiple_select,
               ordering, parts, short_answer, table, true_false)

LEAF_KINDS: dict[str, ModuleType] = {
    module.KIND: module
    for module in (multiple_choice, multiple_select, true_false, short_answer, extended, cloze,
                   matching, ordering, table, labelling, inferences)
}
KINDS: dict[str, ModuleType] = {**LEAF_KINDS, parts.KIND: parts}

Leaf = Annotated[
    Union[tuple(module.Model for module in LEAF_KINDS.values())],  # type: ignore[misc]
    Field(discriminator="kind"),
]
parts.Model.model_rebuild(_types_namespace={"Leaf": Leaf})

Question = Annotated[
    Union[tuple(module.Model for module in KINDS.values())],  # type: ignore[misc]
    Field(discriminator="kind"),
]


def kind_of(question) -> ModuleType:
    return KINDS[question.kind]
