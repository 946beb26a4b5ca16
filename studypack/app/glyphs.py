"""Before typesetting: characters the layout's fonts cannot print, and right-to-left words
that would print unjoined, each at the file and line it was written on.

Every printed text is read: the pack's (questions, gap-fill passages and their answers, table
cells, labels, glossary words) and the layout's own (header and footer templates as written,
notices, labels, the marks and totals templates). A text with characters no font can print
gets one warning naming each of them with how often it occurs, and saying what the reader
will see: ReportLab prints such a character as a box in some faces and as nothing in others
(`fonts.draws_missing_as_box`)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterator

from studypack.base.errors import Problem, install_aside, said
from studypack.base.walk import strings
from studypack.content.validate import LoadedPack
from studypack.media import fonts
from studypack.settings.layout import Layout
from studypack.spec.maths import FormulaError, MathsSource, split_maths
from studypack.base.extras import install


def glyph_warnings(loaded: LoadedPack, layout: Layout) -> list[Problem]:
    """Characters no configured font (the layout's, then the fallbacks) can print, and
    right-to-left words that would print unjoined, with the file and line they were written on."""
    faces = {layout.style(name)["font"] for name in ("body", *layout.styles)}
    families = sorted({layout.fonts.get(face, face) for face in faces})
    families = [f if f in fonts.FAMILIES else "noto-sans" for f in families]
    found: list[Problem] = []
    # each value with how to find the line it was written on and how to name its place (both
    # looked up only for a warning: naming every text's place cost more than reading it)
    texts = [(value, loaded.locate, path, True) for path, value in strings(loaded.pack.model_dump(), keys=True)]
    texts += [(value, layout.location, path, False) for path, value in _layout_strings(layout)]
    for value, locate, path, in_pack in texts:
        words, printed, in_maths = _formulas(value, layout.maths.font)
        lost = {ch for family in families for ch in fonts.missing(words, family)}
        if lost or in_maths:
            place = _pack_place(loaded, path) if in_pack else ".".join(map(str, path))
            found.append(Problem(_unprintable(place, words, lost, families, (printed, in_maths)),
                                 locate(path)))
        elif fonts.is_rtl(value) and not fonts.rtl_support():
            found.append(Problem(said("term.glyph-rtl", "right-to-left text (Arabic or Hebrew) would print with its "
                                      "letters unjoined and in the wrong order: install the rtl extra: {command}",
                                      command=install("rtl", install_aside())), locate(path)))
    return found


def _formulas(value: str, face: str) -> tuple[str, str, set[str]]:
    """A text as its words outside formulas, the characters its formulas print (their tokens:
    `\\degree` prints °, `\\ce{A.B}` a middle dot) and those of them neither the layout's maths
    face nor its fallback has. A text whose formulas cannot be read is read as written (its
    formula is a problem of its own)."""
    if "$" not in value:
        return value, "", set()
    from studypack.media.maths import fallback  # the maths faces' coverage and the formula reader: loaded
    from studypack.spec.maths.formula import parse  # by a text's first formula (start-up speed)

    try:
        parts = split_maths(value)
        sets = [parse(part.tex, part.display) for part in parts if isinstance(part, MathsSource)]
    except FormulaError:
        return value, "", set()
    words = "".join(part for part in parts if isinstance(part, str))
    printed = "".join(fallback.tokens(formula.mathml) for formula in sets)
    return words, printed, {ch for formula in sets for ch in fallback.unprintable(formula.mathml, face)}


def _unprintable(place: str, value: str, lost: set[str], families: list[str],
                 maths: tuple[str, set[str]] = ("", set())) -> str:
    """The warning for one text: every character it cannot print (`lost` in its words `value`;
    in its formulas, `maths`: what they print and what of it the maths faces lack), in the order
    first written, each with its count, and what the reader will see instead."""
    printed, in_maths = maths
    counts = Counter(ch for ch in value if ch in lost) + Counter(ch for ch in printed if ch in in_maths)
    named = ", ".join(f"{_shown(ch)} U+{ord(ch):04X} (×{n})" for ch, n in counts.items())
    total = sum(counts.values())
    what = said("term.glyph-count", {"one": "{n} character cannot be printed in the layout's fonts",
                                     "other": "{n} characters cannot be printed in the layout's fonts"}, total)
    if not lost:
        seen = said("term.glyph-formula", "in a formula they would print as empty boxes")
    else:
        seen = _seen(families) + (said("term.glyph-formula-too", " (in a formula, as empty boxes)") if in_maths else "")
    at = said("term.at", "{where}: ", where=place) if place else ""
    return at + said("term.glyph-unprintable", "{what}: {named}: {seen}; replace them", what=what, named=named, seen=seen)


def _shown(ch: str) -> str:
    """A character as it can be quoted: a combining mark on a dotted circle; a private-use
    character (no font means the same by it) and an invisible one (a control or format
    character, a separator) not written out, only named by its code."""
    category = unicodedata.category(ch)
    if category.startswith("M"):
        return f"'\u25cc{ch}'"
    if category == "Co":
        return said("term.glyph-private", "(private use)")
    if category[0] in "CZ":
        return said("term.glyph-invisible", "(invisible)")
    return f"'{ch}'"


def _seen(families: list[str]) -> str:
    """What the reader sees in place of such a character: it is set in the style's own face
    (no fallback has it), which prints it as a box or as nothing."""
    boxes = [f for f in families if fonts.draws_missing_as_box(f)]
    blanks = [f for f in families if f not in boxes]
    if not blanks:
        return said("term.glyph-boxes", "they would print as empty boxes")
    if not boxes:
        return said("term.glyph-nothing", "they would print as nothing (left out without a mark)")
    return said("term.glyph-mixed", "they would print as empty boxes in {boxes} text and as nothing in {blanks} text",
                boxes=", ".join(boxes), blanks=", ".join(blanks))


def _pack_place(loaded: LoadedPack, path: tuple) -> str:
    """Where in the pack a text is, in the words messages use: "sheet 'x', question 3"
    (questions are numbered through the sheet, across its sections), "source A", "glossary"."""
    pack = loaded.pack
    if len(path) >= 2 and path[0] == "sources" and isinstance(path[1], int):
        return said("term.at-source", "source {letter}", letter=pack.sources[path[1]].letter)
    if path[:1] == ("glossary",):
        return said("term.at-glossary-all", "glossary")
    if len(path) < 2 or path[0] != "sheets" or not isinstance(path[1], int):
        return ""
    sheet = pack.sheets[path[1]]
    place = said("term.at-sheet", "sheet '{id}'", id=sheet.id)
    before = 0
    if len(path) >= 4 and path[2] == "sections" and isinstance(path[3], int):
        before = sum(len(section.questions) for section in sheet.sections[:path[3]])
        path = path[:2] + path[4:]
    if len(path) >= 4 and path[2] == "questions" and isinstance(path[3], int):
        place += ", " + said("term.at-question", "question {n}", before + path[3] + 1)
    return place


def _layout_strings(layout: Layout) -> Iterator[tuple[tuple, str]]:
    """The words a layout itself prints: band templates (as written), labels, notices, the
    school, the marks and totals templates."""
    for where in ("header", "footer"):
        for slot in ("left", "centre", "right"):
            yield (where, slot), getattr(getattr(layout, where), slot)
    for notice in ("turn_over", "do_not_write", "blank_page"):
        yield ("page", notice), getattr(layout.page, notice)
    yield ("branding", "school"), layout.branding.school
    yield ("marks",), layout.marks
    for template in ("continued", "total", "paper_total"):
        yield ("questions", template), getattr(layout.questions, template)
    for i, label in enumerate(layout.name_line):
        yield ("name_line", i), label
    for i, box in enumerate(layout.candidate_boxes):
        yield ("candidate_boxes", i), box.label
