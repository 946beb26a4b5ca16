"""The maths faces a layout chooses from (`maths.font`), registered with ReportLab and given to
the layout engine: STIX Two Math (serif, SIL OFL 1.1), as ziamath ships it, and Noto Sans Math
(sans-serif, SIL OFL 1.1), shipped in `fontfiles/`, for layouts set in a sans-serif face
(dyslexia, large print, young readers) where serif maths among the words reads as another
script. Both carry an OpenType MATH table, which the layout engine needs.

Every glyph is set as text in the embedded, subset face (the PDF can be searched and copied):
by its character where the font's character map reaches it, by a private code
(`fonts.private_code`) that reads as the character it stands for where it does not (a
script-size digit, a taller bracket); only a glyph built of several (a bracket assembled
from pieces) is drawn as outlines, from the same file, so it always matches.
"""

from __future__ import annotations

import functools
import os
import tempfile
from importlib.util import find_spec

STIX = "stix-two-math"
NOTO = "noto-sans-math"
FACES = {STIX: "STIX Two Math: serif, as a textbook sets maths",
         NOTO: "Noto Sans Math: sans-serif, to go with a sans-serif text face"}
"""The faces a layout's `maths.font` may name."""
DEFAULT = STIX
TEXT, DISPLAY = "text", "display"  # how an inline formula's fractions are set (a layout's `maths.fractions`)
SCRIPTS = {NOTO: 70}
"""A face's script size (% of its base) where its MATH table's is too small for paper: Noto Sans
Math's own 60 % set a dyslexia line's scripts at 7.2 pt beside 12 pt words (default's STIX Two
Math, at its own 70 %, 7.4 pt beside 10.5 pt); at 70 % they are 8.4 pt, in the same proportion
as the serif face's in every layout that sets Noto Sans Math (large print, young readers)."""
_STIX_NAME = "STIXTwoMath"  # the name STIX Two Math is registered under in ReportLab


def path() -> str:
    """STIX Two Math's file inside the ziamath package, found without importing ziamath (which
    reads the font's tables on import, a second or so): a formula whose layout is kept in the
    cache is drawn without it."""
    spec = find_spec("ziamath")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if not folders:
        raise ModuleNotFoundError("ziamath is not installed")
    return os.path.join(folders[0], "fonts", "STIXTwoMath-Regular.ttf")


@functools.cache
def engine_font(face: str) -> str | None:
    """What the layout engine is given as its font for `face`: None for its own STIX Two Math;
    a file for Noto Sans Math, unpacked from the shipped face once per process (the engine
    reads a font from a file, and keeps it by that name)."""
    if face == STIX:
        return None
    from studypack.media import fonts

    folder = tempfile.mkdtemp(prefix="studypack-maths-")
    target = os.path.join(folder, "NotoSansMath-Regular.ttf")
    with open(target, "wb") as file:
        file.write(fonts.face_bytes(face))
    return target


@functools.cache
def register(face: str = DEFAULT) -> str:
    """Register `face` with ReportLab once per process (its parse kept in the user's cache, as
    the text faces' are) and return its name. Noto Sans Math is the symbol fallback of every
    text family too: one registration, so a PDF embeds it once."""
    from reportlab.pdfbase import pdfmetrics

    from studypack.media import fonts

    if face == NOTO:
        return fonts.register(NOTO)
    pdfmetrics.registerFont(fonts.file_font(_STIX_NAME, path()))
    return _STIX_NAME


@functools.cache
def characters(face: str = DEFAULT) -> dict[int, str]:
    """Glyph index -> the one character that names it in the face's character map (the
    lowest, where several do: found in one pass, not by sorting the map), above U+FFFF too:
    the maths italic letters (U+1D44E...) are most of a formula's letters, set as text like the
    rest (`fonts` writes their UTF-16 pairs into the PDF's ToUnicode map, so a reader copies
    them as the letters they are)."""
    from reportlab.pdfbase import pdfmetrics

    from studypack.media.fonts import PRIVATE

    lowest: dict[int, int] = {}
    for code, index in pdfmetrics.getFont(register(face)).face.charToGlyph.items():
        if code < PRIVATE and lowest.get(index, PRIVATE) > code:  # not a code `fonts.private_code` gave a variant
            lowest[index] = code
    return {index: chr(code) for index, code in lowest.items()}  # (looked up only: its order is the map's)
