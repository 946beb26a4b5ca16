"""Characters a maths face lacks, set from a text face instead of as its empty box.

Noto Sans Math has no middle dot (·, a hydrate's dot in CuSO₄·5H₂O) and no degree sign (°,
450 °C): the layout engine set each as glyph 0, the face's .notdef, a box. The engine asks
its font for each character of a formula's tokens (`MathFont.findglyph`); where the maths
face has no glyph for one, it is asked of the regular face of `FALLBACK` instead, laid out
with that face's own width and drawn as that face's text (`geometry` tells the two faces'
glyphs apart by the name the engine gives each glyph), so "450 °C" reads and copies as it prints. What neither prints is what the glyph check
reports (`unprintable`), before anything is set.
"""

from __future__ import annotations

import functools
import os
import tempfile
import xml.etree.ElementTree as ET
from typing import Any

from studypack.media import fonts
from studypack.media.maths import font
from studypack.media.maths.font import NOTO, STIX

FALLBACK = "noto-sans"
"""The text family whose regular face sets what a maths face lacks: sans-serif, of Noto Sans
Math's own design, shipped in every install."""
_TOKENS = ("mi", "mn", "mo", "mtext", "ms")


@functools.cache
def _fallback_file() -> str:
    """The fallback face as a file (the engine reads a font from a file), unpacked once a process;
    its name is what its glyphs are known by (`glyph_prefix`)."""
    folder = tempfile.mkdtemp(prefix="studypack-maths-fallback-")
    target = os.path.join(folder, "MathsFallback.ttf")
    with open(target, "wb") as file:
        file.write(fonts.face_bytes(FALLBACK))
    return target


FOREIGN = "MathsFallback_"
"""How the layout engine names a glyph of the fallback face (its file's name, then its index)."""


def install(maths_font: Any) -> None:
    """Let the engine's `maths_font` (a ziamath MathFont) take a character it has no glyph for
    from the fallback face; once per font object."""
    if getattr(maths_font, "_studypack_fallback", False):
        return
    import ziafont

    own = maths_font.findglyph
    spare: list[Any] = []
    found: dict[tuple, Any] = {}

    def findglyph(char: str, variant):
        """The glyph for `char` in `variant`, looked up once per process: the engine asks for
        each character of every token again (a tenth of setting a formula), and the answer
        depends only on the character, the variant's style, italic and bold (all the face's
        own lookup reads of it) and the alternative faces the engine is configured with."""
        alternatives = maths_font.alt_fonts
        key = (char, variant.style, variant.italic, variant.bold,
               id(alternatives.bold), id(alternatives.italic), id(alternatives.bolditalic))
        glyph = found.get(key)
        if glyph is None:
            glyph = found[key] = _found(char, variant)
        return glyph

    def _found(char: str, variant):
        glyph = own(char, variant)
        if glyph.index != 0 or len(char) != 1:
            return glyph
        if not spare:
            spare.append(ziafont.Font(_fallback_file()))
        if spare[0].glyphindex(char) == 0:
            return glyph
        return spare[0].glyph(char)

    maths_font.findglyph = findglyph
    maths_font._studypack_fallback = True


def engine_font(face: str, size: float) -> Any:
    """The engine's font object for `face`, as `ziamath.Math` finds or makes it, with the
    fallback installed and its script size (`font.SCRIPTS`)."""
    from ziamath import zmath
    from ziamath.mathfont import MathFont

    path = font.engine_font(face)
    if path is None:  # its own STIX Two Math, loaded when it is imported
        found = zmath.loadedfonts["default"]
    else:
        found = zmath.loadedfonts.get(path) or zmath.loadedfonts.setdefault(path, MathFont(path, size))
        # the engine's least script size is a share of the font's `basesize`, which it sets once,
        # from the first formula the process lays out: each formula's own size here instead, so a
        # formula is set the same whatever was set before it (large print 36 then dyslexia in one
        # process, as the resident server or `watch` builds, gave dyslexia's scripts 10.8 pt)
        found.basesize = size
        if face in font.SCRIPTS:  # the face's script size, raised where its own is too small (`SCRIPTS`)
            found.math.consts.scriptPercentScaleDown = font.SCRIPTS[face]
    install(found)
    return found


def unprintable(mathml: str, face: str) -> set[str]:
    """The characters of a formula's tokens that neither the maths face `face` nor the fallback
    has a glyph for (each would print as the face's empty box)."""
    chars = set(tokens(mathml))
    if not chars:
        return set()
    have = face_coverage(face)
    lost = {ch for ch in chars if ord(ch) not in have}
    if lost:
        spare = fonts.coverage(FALLBACK)
        lost = {ch for ch in lost if ord(ch) not in spare}
    return lost


@functools.cache
def face() -> str:
    """The fallback face registered with ReportLab: its glyphs are drawn as its text."""
    fonts.register(FALLBACK)
    return fonts.face(FALLBACK)


@functools.cache
def characters() -> dict[int, str]:
    """Glyph index -> the character naming it in the fallback face (as `font.characters`)."""
    from reportlab.pdfbase import pdfmetrics

    names: dict[int, str] = {}
    for code, index in sorted(pdfmetrics.getFont(face()).face.charToGlyph.items()):
        if code <= 0xFFFF:
            names.setdefault(index, chr(code))
    return names


def tokens(mathml: str) -> str:
    """The characters a formula prints: its tokens' text, spaces left out."""
    return "".join(ch for element in ET.fromstring(mathml).iter() if element.tag.rsplit("}", 1)[-1] in _TOKENS
                   for ch in (element.text or "") if not ch.isspace())


@functools.cache
def face_coverage(face: str) -> frozenset[int]:
    """The code points a maths face has glyphs for (read from the disk cache where it was read
    before), once per process: the glyph check asks for each formula, and each reading read
    the face's file and its checksum again."""
    if face == NOTO:
        return fonts.coverage(NOTO)
    assert face == STIX, face
    return fonts.file_coverage("stix-two-math", font.path())
