"""The registry of student-facing sheet kinds: one module each, one line here."""

from __future__ import annotations

from types import ModuleType

from . import source_analysis, worksheet

SHEET_KINDS: dict[str, ModuleType] = {
    module.KIND: module for module in (worksheet, source_analysis)
}
