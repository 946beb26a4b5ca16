"""Embedded fonts: register a family's four faces once; report characters they cannot print.

The default family is Noto Sans (SIL Open Font Licence, from the pymupdf-fonts package):
Latin with accents and Vietnamese, Greek and Cyrillic. ReportLab never warns about a
missing glyph, so `missing()` checks coverage ourselves.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path

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
    """The TrueType bytes of a face. pymupdf-fonts stores them LZMA-compressed (~25 ms a face
    to unpack), so the unpacked file is kept in the user's cache folder when one is writable."""
    from importlib.metadata import version

    cache = _cache_dir()
    name = f"{key}-{version('pymupdf-fonts')}.ttf"
    if cache is not None:
        try:
            return (cache / name).read_bytes()
        except OSError:
            pass
    import pymupdf_fonts

    data = pymupdf_fonts.myfont(key)
    if cache is not None:
        try:
            cache.mkdir(parents=True, exist_ok=True)
            temp = cache / f".{name}.{os.getpid()}"
            temp.write_bytes(data)
            os.replace(temp, cache / name)
        except OSError:
            pass  # a read-only home folder only costs speed
    return data


def _cache_dir() -> Path | None:
    if os.environ.get("STUDYPACK_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return Path(base) / "studypack" / "fonts"


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
