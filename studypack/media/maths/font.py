"""The maths face: STIX Two Math (SIL OFL 1.1), as ziamath ships it, registered with ReportLab.

Glyphs the font's character map reaches are set as text in the embedded, subset face (the
PDF can be searched and copied); the others (a tall bracket, a long root sign, script forms)
are drawn as their outlines. Both come from the one file, so they always match.
"""

from __future__ import annotations

import functools
import os
from importlib.util import find_spec

FACE = "STIXTwoMath"  # the name the face is registered under in ReportLab


def path() -> str:
    """The font file inside the ziamath package, found without importing ziamath (which reads
    the font's tables on import, a second or so): a formula whose layout is kept in the cache
    is drawn without it."""
    spec = find_spec("ziamath")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise ModuleNotFoundError("ziamath is not installed")
    return os.path.join(folders[0], "fonts", "STIXTwoMath-Regular.ttf")


@functools.cache
def register() -> str:
    """Register the face with ReportLab once per process (its parse kept in the user's cache,
    as the text faces' are) and return its name."""
    from reportlab.pdfbase import pdfmetrics

    from studypack.media import fonts

    pdfmetrics.registerFont(fonts.file_font(FACE, path()))
    return FACE


@functools.cache
def characters() -> dict[int, str]:
    """Glyph index -> the one character that names it in the font's character map.

    Only the Basic Multilingual Plane: ReportLab writes a character above U+FFFF (the maths
    italic x, U+1D465) into the PDF's ToUnicode map as one odd-length hex string, which readers
    reject; those glyphs are drawn as outlines instead (the same ink), and the formula's spoken
    text carries its meaning."""
    from reportlab.pdfbase import pdfmetrics

    names: dict[int, str] = {}
    for code, index in sorted(pdfmetrics.getFont(register()).face.charToGlyph.items()):
        if code <= 0xFFFF:
            names.setdefault(index, chr(code))
    return names
