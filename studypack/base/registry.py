"""Registries by discovery: every public module of a package is one kind, keyed by its `KIND`.

Question kinds, sheet kinds and their views are found this way, so adding a kind is adding a
module, and no list anywhere has to be edited (or can be forgotten).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from types import ModuleType


def discover(package: str, path: Iterable[str]) -> dict[str, ModuleType]:
    """{KIND: module} for the modules of `package` (not those starting with `_`), by KIND."""
    found = {}
    for info in pkgutil.iter_modules(list(path)):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{package}.{info.name}")
            found[module.KIND] = module
    return dict(sorted(found.items()))
