"""How each question kind prints: one module per kind, found by looking, named as its spec module.

A view module defines `KIND`, `student(q, ctx)` and `key(q, ctx)`, each returning flowables
built with the composer `ctx` and the toolkit; a kind whose printing is more than a body under
a numbered stem (sub-questions) also defines `question(ctx, number, q, opening)`.
"""

from __future__ import annotations

from types import ModuleType

from studypack.base.registry import discover


VIEWS: dict[str, ModuleType] = discover(__name__, __path__)


def view_of(question) -> ModuleType:
    return VIEWS[question.kind]
