"""The maths face in each layout (issue 22, review r31): how a formula among bold words is
emboldened (each glyph by its own size, as much more ink as the text face's bold has), the
dyslexia layout's upright letters (`maths.variables`), and its formulas scaled so their
x-height is the words' (`maths.size`); large print keeps its formulas at the words' 24 pt.
Every check reads the built PDFs: their content streams, fonts and text."""

from __future__ import annotations

import re
import struct
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("ziamath")

from click.testing import CliRunner  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from studypack.commands.cli import main  # noqa: E402

from conftest import ROOT, text_runs  # noqa: E402

LAYOUTS = ("default", "compact", "dyslexia", "large-print-24")
MATHS = {"default": "STIXTwoMath", "compact": "STIXTwoMath", "dyslexia": "NotoSansMath", "large-print-24": "NotoSansMath"}
WORDS = {"default": "NotoSans-Regular", "compact": "NotoSans-Regular", "dyslexia": "AtkinsonHyperlegible-Regular",
         "large-print-24": "AtkinsonHyperlegible-Bold"}
INK = {"STIXTwoMath": 0.036, "NotoSansMath": 0.046}
"""The stroke round an emboldened glyph, a share of its size: the ink the text face's bold adds
(Noto Sans Bold 1.56 times its regular's, Atkinson Hyperlegible Bold 1.60), added to the maths
face's outline (measured with fontTools: `font.EMBOLDEN`)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("faces")
    folders = {}
    for subject in ("chemistry", "physics"):
        for layout in LAYOUTS:
            result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / subject), "--layout", layout,
                                               "--strict", "--out", str(out)])
            assert result.exit_code == 0, result.output
            folders[subject, layout] = out / (subject if layout == "default" else f"{subject}-{layout}")
    return folders


def _runs(path: Path, page_number: int | None = None):
    """Each text-showing operation of the PDF's pages (or one page): (font's base name, size,
    text rendering mode, line width, the text shown, baseline y)."""
    for _page, *run in text_runs(path, page_number):
        yield tuple(run)


def test_a_formula_among_bold_words_is_emboldened_evenly_and_lightly(built):
    """r31: Fe2(SO4)3, the key's correct option in bold, was stroked 0.065 of the formula's
    largest size round every glyph, its subscripts too (0.093 of theirs): heavier than the
    bold words and smudged. Each glyph is stroked a share of its own size that adds the ink
    the text face's bold adds; a regular formula is never stroked."""
    for layout in LAYOUTS:
        key = built["chemistry", layout] / "answer-key.pdf"
        maths = [run for run in _runs(key) if MATHS[layout] in run[0]]
        stroked = [run for run in maths if run[2] == 2]
        sizes = {round(run[1], 2) for run in stroked}
        assert len(sizes) >= 2, (layout, sizes)  # the formula's letters and its subscripts
        for _font, size, _mode, width, _text, _y in stroked:
            assert width / size == pytest.approx(INK[MATHS[layout]], rel=0.01), (layout, size, width)
        if layout != "large-print-24":  # its every word is bold: so is every formula
            assert any(run[2] == 0 for run in maths), layout


def test_the_dyslexia_layout_sets_a_formula_s_letters_upright(built):
    """The dyslexia layout avoids italics (emphasis in bold): its formulas' letters are upright
    (`maths.variables: upright`), read as the plain letters; default's stay maths italic."""
    def letters(layout: str) -> str:
        text = "".join(page.extract_text() for page in PdfReader(str(built["physics", layout] / "answer-key.pdf")).pages)
        return "".join(text.split())

    dyslexia, default = letters("dyslexia"), letters("default")
    assert "F=ma" in dyslexia and "W=mg" in dyslexia
    assert not any(0x1D400 <= ord(ch) <= 0x1D7FF for ch in dyslexia)  # no maths italic letter
    assert "\U0001d439=\U0001d45a\U0001d44e" in default  # 𝐹=𝑚𝑎
    assert "\U0001d439=\U0001d45a\U0001d44e" in "".join(letters("large-print-24").split())


def x_height(face: bytes) -> float:
    """A TrueType face's x-height, a share of its em: its OS/2 table's sxHeight (version 2 on)."""
    count = struct.unpack(">H", face[4:6])[0]
    tables = {face[12 + 16 * i:16 + 16 * i]: struct.unpack(">I", face[20 + 16 * i:24 + 16 * i])[0] for i in range(count)}
    units = struct.unpack(">H", face[tables[b"head"] + 18:tables[b"head"] + 20])[0]
    os2 = tables[b"OS/2"]
    assert struct.unpack(">H", face[os2:os2 + 2])[0] >= 2
    return struct.unpack(">h", face[os2 + 86:os2 + 88])[0] / units


def _embedded_x_height(path: Path, name: str) -> float:
    """The x-height (a share of the em) of the PDF's embedded face `name`, from its OS/2 table."""
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if name in str(font["/BaseFont"]):
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object() \
                    if "/DescendantFonts" in font else font["/FontDescriptor"].get_object()
                return x_height(descriptor["/FontFile2"].get_object().get_data())
    raise AssertionError(f"{name} is not embedded in {path.name}")


def _formula_size(path: Path, face: str) -> float:
    """The size most of the PDF's glyphs in the maths face `face` are set at: a formula's own
    (its scripts are smaller)."""
    sizes: Counter[float] = Counter()
    for font, size, _mode, _width, text, _y in _runs(path):
        if face in font:
            sizes[round(size, 2)] += 1
    return sizes.most_common(1)[0][0]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_formula_s_x_height_in_each_layout(built, layout):
    """r31: Noto Sans Math's letters stood 8 % taller than Atkinson Hyperlegible's at one size
    (x-heights 0.536 and 0.496 of the em; large print's stroke added 3 % more). Dyslexia scales
    its formulas to the words' x-height (`maths.size: x-height`: 11.1 pt beside 12 pt words);
    large print keeps them at the words' 24 pt, its least size for every character; default
    and compact set them at the words' size (STIX Two Math's x-height is 12 % under Noto Sans')."""
    sheet = built["chemistry", layout] / "equations.pdf"
    words = _embedded_x_height(sheet, WORDS[layout])
    maths = _embedded_x_height(sheet, MATHS[layout])
    size = _formula_size(sheet, MATHS[layout])
    if layout == "dyslexia":
        assert maths * size == pytest.approx(words * 12.0, rel=0.005), (size, maths, words)
    elif layout == "large-print-24":
        assert size == pytest.approx(24.0) and maths > words
    else:
        assert size in (10.5, 9.5) and maths < words, (layout, size)
    assert re.match(r"^[A-Z]{6}\+", _embedded_name(sheet, MATHS[layout]))  # subset, embedded


def _embedded_name(path: Path, name: str) -> str:
    return next(str(font.get_object()["/BaseFont"]).lstrip("/") for page in PdfReader(str(path)).pages
                for font in page["/Resources"]["/Font"].values() if name in str(font.get_object()["/BaseFont"]))


def test_every_layout_without_italics_sets_a_formula_s_letters_upright():
    """A layout that prints emphasis in bold because slanted letters are harder to read (dyslexia,
    young readers) sets a formula's letters upright too; the others keep maths italic (large
    print underlines its emphasis, as modified papers do, and keeps their maths italic)."""
    from studypack.settings import layout as layouts

    upright = {name for name in layouts.shipped_names() if layouts.load(name).maths.variables == "upright"}
    no_italics = {name for name in layouts.shipped_names() if layouts.load(name).emphasis == "bold"}
    assert no_italics >= {"dyslexia", "young-readers"}
    assert upright == no_italics
