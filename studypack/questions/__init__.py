"""The registry of question kinds: adding a kind means adding a module and one line here."""

from __future__ import annotations

from types import ModuleType
from typing import Annotated, Union

from pydantic import Field

from . import extended, multiple_choice, short_answer

KINDS: dict[str, ModuleType] = {
    module.KIND: module
    for module in (multiple_choice, short_answer, extended)
}

Question = Annotated[
    Union[tuple(module.Model for module in KINDS.values())],  # type: ignore[misc]
    Field(discriminator="kind"),
]


def kind_of(question) -> ModuleType:
    return KINDS[question.kind]
