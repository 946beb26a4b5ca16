"""Before typesetting: characters the layout's fonts cannot print, and right-to-left words
that would print unjoined, each at the file and line it was written on."""

from __future__ import annotations

from typing import Iterator

from studypack.base.errors import Problem
from studypack.base.walk import strings
from studypack.content.validate import LoadedPack
from studypack.media import fonts
from studypack.settings.layout import Layout


def glyph_warnings(loaded: LoadedPack, layout: Layout) -> list[Problem]:
    """Characters no configured font (the layout's, then the fallbacks) can print, and
    right-to-left words that would print unjoined, with the file and line they were written on."""
    families = sorted({layout.fonts.get(layout.style(name)["font"], layout.style(name)["font"])
                       for name in ("body", *layout.styles)})
    families = [f if f in fonts.FAMILIES else "noto-sans" for f in families]
    found: list[Problem] = []
    # each value with how to find the line it was written on (looked up only for a warning)
    texts = [(value, loaded.locate, path) for path, value in strings(loaded.pack.model_dump(), keys=True)]
    texts += [(value, layout.location, path) for path, value in _layout_strings(layout)]
    for value, locate, path in texts:
        lost = sorted({ch for family in families for ch in fonts.missing(value, family)})
        if lost:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in lost[:6])
            found.append(Problem(f"cannot print {shown} with the layout's fonts: these characters would "
                                 "show as blank boxes; replace them", locate(path)))
        elif fonts.is_rtl(value) and not fonts.rtl_support():
            found.append(Problem("right-to-left text (Arabic or Hebrew) would print with its letters unjoined and "
                                 "in the wrong order: install the rtl extra (pip install 'studypack[rtl]')",
                                 locate(path)))
    return found


def _layout_strings(layout: Layout) -> Iterator[tuple[tuple, str]]:
    """The words a layout itself prints: band templates (as written), labels, notices, the school."""
    for where in ("header", "footer"):
        for slot in ("left", "centre", "right"):
            yield (where, slot), getattr(getattr(layout, where), slot)
    yield ("page", "turn_over"), layout.page.turn_over
    yield ("page", "do_not_write"), layout.page.do_not_write
    yield ("branding", "school"), layout.branding.school
    for i, label in enumerate(layout.name_line):
        yield ("name_line", i), label
    for i, box in enumerate(layout.candidate_boxes):
        yield ("candidate_boxes", i), box.label
