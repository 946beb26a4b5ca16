"""How tall a face's letters stand: its x-height, read from the font file, so that a layout can
set its formulas with the maths face's x-height equal to the words' (`maths.size: x-height`)."""

from __future__ import annotations

import functools
import struct

from studypack.media.maths.font import STIX, path


def x_height(face_file: bytes) -> float:
    """A TrueType face's x-height as a share of its em, as its OS/2 table states it (sxHeight,
    from version 2 of the table; half the em where an older table states none). Read from the
    file's bytes: ReportLab's parse keeps no x-height."""
    count = struct.unpack(">H", face_file[4:6])[0]
    tables = {face_file[12 + 16 * i:16 + 16 * i]: struct.unpack(">I", face_file[20 + 16 * i:24 + 16 * i])[0]
              for i in range(count)}
    head, os2 = tables[b"head"], tables.get(b"OS/2")
    units = struct.unpack(">H", face_file[head + 18:head + 20])[0]
    if os2 is None or struct.unpack(">H", face_file[os2:os2 + 2])[0] < 2:
        return 0.5
    return struct.unpack(">h", face_file[os2 + 86:os2 + 88])[0] / units


@functools.cache
def maths_x_height(face: str) -> float:
    """The maths face `face`'s x-height (`font.FACES`), once per process."""
    from studypack.media import fonts

    if face == STIX:
        with open(path(), "rb") as file:
            return x_height(file.read())
    return x_height(fonts.face_bytes(face))


@functools.cache
def scale(text_face: str, maths_face: str) -> float:
    """What a formula's size is multiplied by for the maths face's x-height to be the x-height
    of the words' face `text_face` (a ReportLab face name; 1 for a face studypack did not
    register): Noto Sans Math beside Atkinson Hyperlegible, 0.496 / 0.536."""
    from studypack.media import fonts

    described = fonts.describe(text_face)
    if described is None:
        return 1.0
    return x_height(fonts.face_bytes(described[0])) / maths_x_height(maths_face)
