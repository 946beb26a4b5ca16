"""The registry of student-facing sheet kinds: one module each, one line here.

Each module says where its sheet's sources go (`SOURCES`: "inline" on the sheet,
"booklet" in a separate source booklet, or "none")."""

from __future__ import annotations

from types import ModuleType

from . import cover, exam, glossary, source_analysis, timeline, worksheet

SHEET_KINDS: dict[str, ModuleType] = {
    module.KIND: module for module in (worksheet, source_analysis, exam, cover, glossary, timeline)
}


def booklet_letters(sheet, pack, tier=None) -> list[str]:
    """The source letters a sheet sends to its own source booklet (empty: no booklet)."""
    from ..model import in_tier

    mode = SHEET_KINDS[sheet.kind].SOURCES
    if mode == "booklet" or (mode == "inline" and sheet.source_booklet):
        return [letter for letter in sheet.sources if in_tier(pack.source(letter), tier)]
    return []
