"""The sheet kinds' specs: the `spec` module of each folder of `studypack/kinds/sheets/`.

A sheet kind's spec module defines `KIND` (its name in pack.yaml), `SOURCES` (where its
sources go: "inline" on the sheet, "booklet" in a separate source booklet, or "none") and
`check(sheet)`; `COVER = True` for a kind printed in front of the paper it names. Its view is `view` beside it; nothing else names it.
"""

from __future__ import annotations

from types import ModuleType

from studypack.base import registry
from studypack.spec.fields import in_tier


SHEET_KINDS: dict[str, ModuleType] = registry.modules("sheets", "spec")
RESERVED = ("pack", "answer-key", "reference", "source-booklet")  # file names of the whole-pack PDFs
BOOKLET_SUFFIX = "-sources"  # a sheet's own source booklet is <sheet id>-sources.pdf


def booklet_letters(sheet, pack, tier=None) -> list[str]:
    """The source letters a sheet sends to its own source booklet (empty: no booklet)."""
    mode = SHEET_KINDS[sheet.kind].SOURCES
    if mode == "booklet" or (mode == "inline" and sheet.source_booklet):
        return [letter for letter in sheet.sources if in_tier(pack.source(letter), tier)]
    return []


def is_cover(sheet) -> bool:
    """Whether the sheet prints in front of the paper it names (`COVER = True` in its spec)."""
    return bool(getattr(SHEET_KINDS[sheet.kind], "COVER", False))
