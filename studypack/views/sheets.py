"""How each sheet kind prints: the `view` module of each kind's folder (`studypack/kinds/sheets/`).

A view module defines `compose(sheet, pack, ctx)`, returning the sheet's flowables.
"""

from __future__ import annotations

from types import ModuleType

from studypack.base import registry


SHEET_VIEWS: dict[str, ModuleType] = registry.modules("sheets", "view")
