"""How each kind of document prints: one module per kind (`KIND` as in plan.Document.kind),
found by looking. A document module's `parts(document, job)` returns the document's sheets,
each as (header variables, flowables), and the composer whose styles decorate its pages.
"""

from __future__ import annotations

from types import ModuleType

from studypack.base.registry import discover

DOCUMENTS: dict[str, ModuleType] = discover(__name__, __path__)
