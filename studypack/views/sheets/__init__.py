"""How each sheet kind prints: one module per kind, found by looking, named as its spec module.

A view module defines `KIND` and `compose(sheet, pack, ctx)`, returning the sheet's flowables.
"""

from __future__ import annotations

from types import ModuleType

from studypack.base.registry import discover


SHEET_VIEWS: dict[str, ModuleType] = discover(__name__, __path__)
