"""Registries by discovery, so adding a kind is adding a folder and no list anywhere names them.

Question and sheet kinds are folders of `studypack/kinds/<family>/`, one per kind, named as the
kind with `_` for `-` (`multiple_choice` is `multiple-choice`). A folder holds one module per
form of the kind (`FORMS`: its spec, its PDF view, its Word and Moodle forms); the halves load
only when asked for, so reading the spec never loads ReportLab or python-docx. Document kinds
are single modules keyed by their `KIND` (`discover`).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType

KINDS_PACKAGE = "studypack.kinds"
FORMS = ("spec", "view", "word", "moodle")  # the modules a kind's folder may hold


def discover(package: str, path: Iterable[str]) -> dict[str, ModuleType]:
    """{KIND: module} for the modules of `package` (not those starting with `_`), by KIND."""
    found = {}
    for info in pkgutil.iter_modules(list(path)):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{package}.{info.name}")
            found[module.KIND] = module
    return dict(sorted(found.items()))


@dataclass(frozen=True)
class Kind:
    """One kind's folder: its name in pack.yaml, its package, the forms its folder holds."""

    name: str
    package: str
    forms: frozenset[str]

    def form(self, form: str) -> ModuleType | None:
        """The kind's module for `form` ("spec", "view", "word", "moodle"), None if it has none."""
        return importlib.import_module(f"{self.package}.{form}") if form in self.forms else None


@cache
def kinds(family: str) -> dict[str, Kind]:
    """{kind name: Kind} for every folder of `studypack/kinds/<family>/`, sorted by name."""
    package = f"{KINDS_PACKAGE}.{family}"
    found = {}
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if info.ispkg and not info.name.startswith("_"):
            folder = f"{package}.{info.name}"
            forms = _forms(importlib.import_module(folder).__path__)
            found[info.name.replace("_", "-")] = Kind(info.name.replace("_", "-"), folder, forms)
    return dict(sorted(found.items()))


def _forms(path: Iterable[str]) -> frozenset[str]:
    """The forms a kind's folder holds: its modules named in `FORMS`, by one listing of the
    folder (asking the import system for each form's module was a fiftieth of a build)."""
    return frozenset(info.name for info in pkgutil.iter_modules(list(path)) if info.name in FORMS)


def modules(family: str, form: str) -> dict[str, ModuleType]:
    """{kind name: module} of one form of every kind of `family` that has it."""
    found = {name: kind.form(form) for name, kind in kinds(family).items()}
    return {name: module for name, module in found.items() if module is not None}


def form_of(family: str, name: str, form: str) -> ModuleType | None:
    """One kind's module for `form`, None if its folder has none (or there is no such kind)."""
    kind = kinds(family).get(name)
    return kind.form(form) if kind else None


def unsupported(module: ModuleType | None) -> str | None:
    """Why a kind has no form of this sort (its module's `UNSUPPORTED`), or None if it has one."""
    if module is None:
        return "its folder has no module for it"
    return getattr(module, "UNSUPPORTED", None)
