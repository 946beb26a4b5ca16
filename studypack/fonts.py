"""Embedded fonts: register a family's four faces once; report characters they cannot print.

The default family is Noto Sans (SIL Open Font Licence, from the pymupdf-fonts package):
Latin with accents and Vietnamese, Greek and Cyrillic. ReportLab never warns about a
missing glyph, so `missing()` checks coverage ourselves.
"""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

# family -> (regular, bold, italic, bold italic) as named in pymupdf_fonts
FAMILIES = {
    "noto-sans": ("notos", "notosbo", "notosit", "notosbi"),
    "fira-go": ("figo", "figbo", "figit", "figbi"),
}
FACE_SUFFIX = ("", "-Bold", "-Italic", "-BoldItalic")


@lru_cache(maxsize=None)
def _font_bytes(key: str) -> bytes:
    import pymupdf_fonts

    return pymupdf_fonts.myfont(key)


@lru_cache(maxsize=None)
def register(family: str) -> str:
    """Register a family's faces with ReportLab; return the base name used in styles."""
    keys = FAMILIES[family]
    base = "SP-" + family
    names = [base + suffix for suffix in FACE_SUFFIX]
    for name, key in zip(names, keys):
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(_font_bytes(key))))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(base, bold, italic, names[bold + 2 * italic])
            for name in names:
                addMapping(name, bold, italic, names[bold + 2 * italic])
    return base


def face(family: str, bold: bool = False, italic: bool = False) -> str:
    return register(family) + FACE_SUFFIX[int(bold) + 2 * int(italic)]


@lru_cache(maxsize=None)
def coverage(family: str) -> frozenset[int]:
    register(family)
    return frozenset(pdfmetrics.getFont(face(family)).face.charToGlyph)


def missing(text: str, family: str) -> list[str]:
    """Characters of `text` the family cannot print (spaces and line breaks are fine)."""
    have = coverage(family)
    return sorted({ch for ch in text if ord(ch) not in have and ch not in "\n\r\t"})
