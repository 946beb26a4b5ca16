"""Formulas in the PDFs: `$...$` in a prompt, an option, a source, a cloze text and a mark
scheme prints as the formula, in the maths face, at the text's size (large print 24 pt), on
the text's baseline, never broken; `2*3` stays literal; a malformed formula is a located
problem when the pack loads; a class set of a pack with formulas builds."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("ziamath")

from pypdf import PdfReader  # noqa: E402

from studypack.app import batch  # noqa: E402
from studypack.app.build import build  # noqa: E402
from studypack.base.errors import StudypackError  # noqa: E402
from studypack.content.validate import load_pack  # noqa: E402

from conftest import squash  # noqa: E402

PACK = r'''
title: "Forces and motion"
subject: Physics
level: "GCSE"
sources:
  - letter: A
    title: "The equations of motion"
    kind: secondary
    origin: "A physics revision guide"
    date: "2024"
    citation: "Revision notes, page 12"
    text: "For uniform acceleration, $v^2 = u^2 + 2as$ and a fare of \\$5 is not maths."
sheets:
  - id: forces
    kind: worksheet
    title: "Forces and motion"
    sources: [A]
    questions:
      - kind: short
        prompt: "A car of mass $m = \\qty{1200}{kg}$ speeds up. Use $F = \\frac{1}{2}mv$ here, then say whether 2*3 is a product."
        marks: 2
        answer: "$F = \\qty{3000}{N}$"
      - kind: multiple-choice
        prompt: "Which is the kinetic energy?"
        marks: 1
        options: ["$E_k = \\frac{1}{2}mv^2$", "$E_k = mgh$"]
        answer: A
      - kind: cloze
        prompt: "Complete the text."
        marks: 1
        text: "Water is $\\ce{H2O}$ and burning makes [[heat]]."
      - kind: extended
        prompt: "Explain why a crumple zone helps."
        marks: 2
        mark_scheme:
          levels:
            - level: 1
              marks: "1-2"
              descriptor: "Uses $F = \\frac{\\Delta p}{t}$ correctly."
'''


def _pack(folder: Path, text: str = PACK) -> Path:
    pack = folder / "forces"
    pack.mkdir(parents=True, exist_ok=True)
    (pack / "pack.yaml").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return pack


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    base = tmp_path_factory.mktemp("maths")
    pack = _pack(base)
    out = {}
    for layout in ("default", "large-print-24", "dyslexia"):
        build(pack, layout, base / "out", jobs=1, cache=False)
        out[layout] = base / "out" / ("forces" if layout == "default" else f"forces-{layout}")
    return out


def _glyphs(path: Path, face: str = "STIX") -> list[tuple[str, float, float, float]]:
    """(text, size, x, y) of every run of text in the face named `face`, across the pages."""
    runs: list[tuple[str, float, float, float]] = []
    for page in PdfReader(str(path)).pages:
        def visit(text, cm, tm, fonts, size):
            name = str((fonts or {}).get("/BaseFont", ""))
            if text.strip() and face in name:  # where it lands on the page: the text matrix through the CTM
                x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((text, size * tm[0] * cm[0], x, y))
        page.extract_text(visitor_text=visit)
    return runs


def _fonts(path: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                names.add(str(font["/BaseFont"]))
    return names


FACE = {"default": "STIXTwoMath", "large-print-24": "NotoSansMath", "dyslexia": "NotoSansMath"}
"""The maths face each layout chooses (`maths.font`): serif by default, sans-serif beside a
sans-serif layout's words."""


@pytest.mark.parametrize("layout", ["default", "large-print-24", "dyslexia"])
def test_the_maths_face_is_embedded_and_the_words_around_stay(built, layout):
    sheet = built[layout] / "forces.pdf"
    assert any(FACE[layout] in name for name in _fonts(sheet))
    assert not any(other in name for name in _fonts(sheet) for other in set(FACE.values()) - {FACE[layout]})
    text = squash(" ".join(page.extract_text() for page in PdfReader(str(sheet)).pages))
    for words in ("A car of mass", "speeds up. Use", "then say whether 2*3 is a product", "Water is",
                  "a fare of $5 is not maths", "For uniform acceleration,"):
        assert words in text, words
    assert "\\frac" not in text and "$v^" not in text and "\\qty" not in text


def test_large_print_formulas_are_set_at_24_points(built):
    sizes = [size for _text, size, _x, _y in _glyphs(built["large-print-24"] / "forces.pdf", FACE["large-print-24"])]
    assert sizes and max(sizes) >= 23.5
    default = [size for _text, size, _x, _y in _glyphs(built["default"] / "forces.pdf")]
    assert max(default) < 16


def test_every_formula_of_the_key_prints(built):
    key = built["default"] / "answer-key.pdf"
    chars = "".join(text for text, *_ in _glyphs(key))
    assert "3000" in chars and "N" in chars  # the answer's quantity
    assert "Δ" in chars  # the mark scheme's \Delta


def test_a_formula_is_not_split_across_lines(built):
    """The mass's quantity `m = 1200 kg`, in every layout: its glyphs, each read where it is
    drawn (however the text is grouped into runs), share one baseline, left to right."""
    for layout, folder in built.items():
        chars = _characters(folder / "forces.pdf", FACE[layout])
        said = [char for char, _x, _y in chars]
        start = next(i for i in range(len(said)) if said[i:i + 6] == ["1", "2", "0", "0", "k", "g"])
        quantity = chars[start:start + 6]
        assert len({round(y, 1) for _c, _x, y in quantity}) == 1, layout
        assert [x for _c, x, _y in quantity] == sorted(x for _c, x, _y in quantity), layout
        assert all(b - a > 0.5 for (_c, a, _y), (_d, b, _z) in zip(quantity, quantity[1:])), layout  # each glyph its own place


def _characters(path: Path, face: str) -> list[tuple[str, float, float]]:
    """(character, x, y) of the origin of every character drawn in the face named `face`, in
    the order drawn, across the pages (one glyph at a time, not pypdf's runs)."""
    return [(char, x, y) for char, _size, x, y in _each_glyph(path, face)]


def _each_glyph(path: Path, face: str) -> list[tuple[str, float, float, float]]:
    """(character, size, x, y) of every glyph drawn in the face named `face`, one at a time
    (pdfium), across the pages: pypdf's runs hold as many glyphs as one text operator draws."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    found: list[tuple[str, float, float, float]] = []
    for page in pdfium.PdfDocument(path):
        chars = page.get_textpage()
        name = ctypes.create_string_buffer(256)
        for i in range(chars.count_chars()):
            char = chars.get_text_range(i, 1)
            pdfium_c.FPDFText_GetFontInfo(chars.raw, i, name, 256, None)
            if not char.strip() or face not in name.value.decode("latin-1"):
                continue
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(chars.raw, i, ctypes.byref(x), ctypes.byref(y))
            found.append((char, pdfium_c.FPDFText_GetFontSize(chars.raw, i), x.value, y.value))
    return found


@pytest.mark.parametrize("layout", ["default", "large-print-24", "dyslexia"])
def test_a_formula_is_text_that_reads_as_it_is_written(built, layout):
    """Every glyph of `v^2 = u^2 + 2as` is text in the maths face: the maths italic letters
    (above U+FFFF) and the script-size 2 (a glyph the font's character map does not reach),
    read back as the characters they stand for; the face's ToUnicode maps hold UTF-16 (an even
    number of bytes, a pair for a letter above U+FFFF) and never a private code. The dyslexia
    layout sets its letters upright (`maths.variables`): they read as the plain letters."""
    sheet = built[layout] / "forces.pdf"
    chars = "".join("".join(text.split()) for text, *_ in _glyphs(sheet, FACE[layout]))  # pypdf's spaces between glyphs of a run out
    if layout == "dyslexia":
        assert "v2=u2+2as" in chars and not any(0x1D400 <= ord(ch) <= 0x1D7FF for ch in chars), chars
    else:
        assert "\U0001d463" + "2=" + "\U0001d462" + "2+2" + "\U0001d44e\U0001d460" in chars  # 𝑣2=𝑢2+2𝑎𝑠
    for page in PdfReader(str(sheet)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            if FACE[layout] not in str(font["/BaseFont"]):
                continue
            cmap = font["/ToUnicode"].get_object().get_data()
            entries = re.findall(rb"<([0-9A-F]+)> <([0-9A-F]*)>", cmap[cmap.index(b"beginbfchar"):])
            for _code, said in entries:
                assert said and len(said) % 4 == 0, said
                text = bytes.fromhex(said.decode()).decode("utf-16-be")
                assert not any(0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 for c in text), said


def test_only_a_glyph_built_of_pieces_is_drawn_as_an_outline():
    from studypack.media.maths.layout import layout
    from studypack.spec.maths import parse

    simple = layout(parse(r"v^2 = u^2 + 2as \quad \left( \frac{a}{b} \right)_1"), 11).geometry
    assert simple.glyphs and all(g.as_text and not g.outline for g in simple.glyphs)
    assert {g.said for g in simple.glyphs if not g.char} >= {"2", "1"}  # the script-size digits: no character of their own
    tall = layout(parse(r"\left( \begin{matrix} 1 \\ 2 \\ 3 \\ 4 \\ 5 \end{matrix} \right)", True), 11).geometry
    pieces = [g for g in tall.glyphs if not g.as_text]
    assert pieces and all(g.outline for g in pieces)  # the bracket assembled from pieces


@pytest.mark.parametrize("broken, where, message", [
    (r"$\\frac{1}{2$", "question 1", r"formula '$\frac{1}{2$': missing '}'"),
    (r"$x = \\mv$", "question 1", r"unknown command '\mv'"),
    (r"costs $5", "question 1", "with no closing '$'"),
    (r"$$x$", "question 1", "with no closing '$$'"),
])
def test_a_malformed_formula_is_a_located_problem(tmp_path, broken, where, message):
    text = PACK.replace(r"$m = \\qty{1200}{kg}$", broken)
    pack = _pack(tmp_path, text)
    with pytest.raises(StudypackError) as caught:
        load_pack(pack)
    shown = [str(problem) for problem in caught.value.problems]
    line = next(n for n, row in enumerate((pack / "pack.yaml").read_text().splitlines(), 1) if "A car of mass" in row)
    assert any(f"pack.yaml:{line}: sheet 'forces', {where}: " in s and message in s for s in shown), shown


def test_a_class_set_of_a_pack_with_formulas(tmp_path):
    pack = _pack(tmp_path)
    roster = tmp_path / "r.csv"
    roster.write_text("Name,Class\nAnn Lee,9A\nBo Ray,9A\n", encoding="utf-8")
    batch.build(pack, roster, None, tmp_path / "out", batch.Options(variants=2))
    copy = tmp_path / "out" / "forces" / "r" / "class-set.pdf"
    assert _glyphs(copy)
    text = squash(" ".join(page.extract_text() for page in PdfReader(str(copy)).pages))
    assert "Ann Lee" in text and "Bo Ray" in text and "A car of mass" in text
    key = squash(" ".join(page.extract_text() for page in PdfReader(str(tmp_path / "out" / "forces" / "r" / "answer-key.pdf")).pages))
    assert "Variant A" in key and "$E_k" not in key  # the right option, a formula, set in the variants' key


def test_emphasis_and_quotes_never_reach_inside_a_formula():
    from studypack.media.text import inline, plain

    marked = inline(r'*Use* $a*b*c$ and "$x_1 + y_1$", not 2*3; \$5 is money')
    assert marked.startswith("<i>Use</i> $a*b*c$ and \u201c$x_1 + y_1$\u201d, not 2*3;")
    assert marked.endswith("&#36;5\xa0is money")  # a number and its noun stay together, as ever
    assert plain(r"costs \$5, so $x = 5$") == "costs $5, so $x = 5$"  # exports carry the TeX as written
    assert inline("No maths here, 2*3.") == "No maths here, 2*3."


def test_a_display_formula_is_a_line_of_its_own():
    from studypack.media.maths.inline import markers
    from studypack.media.text import inline

    assert markers(inline(r"So $$F = ma$$ holds.")) == 'So<br/><onDraw name="maths-display" label="F = ma"/><br/>holds.'
    assert markers(inline(r"$$F = ma$$")) == '<onDraw name="maths-display" label="F = ma"/>'


CORRECT_FORMULA = """\
title: Haber
subject: Chemistry
level: GCSE
sheets:
  - id: haber
    kind: worksheet
    title: Haber
    questions:
      - kind: multiple-choice
        prompt: Which equation shows the Haber process?
        marks: 1
        options: ['$\\ce{N2 + H2 -> NH3}$', '$\\ce{N2 + 3H2 <=> 2NH3}$']
        answer: B
"""


def test_a_formula_option_marked_correct_fits_a_large_print_key(tmp_path):
    """The word after a formula is set with it, so "(correct answer)" is not also tied to it:
    the large-print key's line breaks, and nothing overflows (was 24 pt over, words overprinted)."""
    from conftest import build_written

    result, _out = build_written(tmp_path, "haber", CORRECT_FORMULA, "--layout", "large-print-24", "--strict")
    assert result.exit_code == 0, result.output
    assert "overflows" not in result.output
