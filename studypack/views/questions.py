"""How each question kind prints: the `view` module of each kind's folder (`studypack/kinds/questions/`).

A view module defines `student(q, ctx)` and `key(q, ctx)`, each returning flowables built with
the composer `ctx` and the toolkit; a kind whose printing is more than a body under a numbered
stem (sub-questions) also defines `question(ctx, number, q, opening)`.
"""

from __future__ import annotations

from types import ModuleType

from studypack.base import registry


VIEWS: dict[str, ModuleType] = registry.modules("questions", "view")


def view_of(question) -> ModuleType:
    return VIEWS[question.kind]
