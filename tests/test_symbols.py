"""Every symbol a maths or science sheet uses prints in every family: what no text face has
falls back to Noto Sans Math or Noto Sans Symbols 2, the symbol alone, its word's letters
staying in the text's own face."""

from __future__ import annotations

import pytest

from studypack.media import fonts

SYMBOLS = ("→ ⇌ ⇀ ↑ ↓ ⟶ ⟷ ∝ ∛ ∠ ⊥ ∥ △ □ ≈ ≠ ≤ ≥ ± × ÷ √ ∞ ∑ ∫ π θ μ Ω ° "
           "₀₁₂₃₄₅₆₇₈₉ ⁰¹²³⁴⁵⁶⁷⁸⁹ ½ ⅓ ¼ ☐ ☑ ✓ ✗ ○ ● ◆ ★")  # and the ticks and boxes of a worksheet
TEXT_FAMILIES = [name for name, spec in fonts.FAMILIES.items() if not spec.optional]


@pytest.mark.parametrize("family", TEXT_FAMILIES)
def test_every_symbol_prints_in_every_family(family):
    assert fonts.missing(SYMBOLS, family) == []


@pytest.mark.parametrize("family", TEXT_FAMILIES)
def test_the_symbol_faces_come_last_in_every_chain(family):
    chain = fonts.chain(family)
    assert chain[-len(fonts.SYMBOLS):] == tuple(fonts.SYMBOLS)
    assert chain[0] == family


def test_a_layout_cannot_choose_a_symbol_face():
    assert not set(fonts.SYMBOLS) & set(fonts.FAMILIES)


def _families(text, family, bold=False):
    """The (segment, family) runs of `text` set in `family`."""
    return [(segment, fonts.describe(face)[0]) for segment, face in fonts.runs(text, fonts.face(family, bold))]


def test_a_symbol_no_text_face_has_goes_alone_to_the_symbol_face():
    assert _families("x⊥y", "noto-sans") == [("x", "noto-sans"), ("⊥", "noto-sans-math"), ("y", "noto-sans")]
    assert _families("2H₂ ⇌ H₂O", "fira-go") == [("2H₂ ", "fira-go"), ("⇌", "noto-sans-math"), (" H₂O", "fira-go")]
    assert _families("☑", "atkinson-hyperlegible") == [("☑", "noto-sans-symbols-2")]


def test_a_word_a_text_face_prints_whole_keeps_its_fallback():
    """As before the symbol faces: "a→b" is set whole in FiraGO, which has →, not split."""
    assert _families("a→b", "noto-sans") == [("a→b", "fira-go")]
    assert _families("Hello world", "noto-sans") == [("Hello world", "noto-sans")]


def test_a_word_no_family_prints_whole_is_set_letter_by_letter():
    """∠ only in Noto Sans Math, which has no °: each letter where it is."""
    assert _families("∠ABC=60°", "noto-sans") == [("∠", "noto-sans-math"), ("ABC=60°", "noto-sans")]
    runs = _families("θ∠", "atkinson-hyperlegible")  # Atkinson has neither
    assert runs == [("θ", "noto-sans"), ("∠", "noto-sans-math")]


def test_a_bold_word_keeps_its_letters_bold():
    faces = [face for _segment, face in fonts.runs("x∥y", fonts.face("noto-sans", bold=True))]
    assert faces[0] == faces[2] == fonts.face("noto-sans", bold=True)
    assert fonts.describe(faces[1])[0] == "noto-sans-math"


def test_a_symbol_face_serves_all_four_styles_as_one_font():
    """Two ReportLab fonts of one face would embed two subsets of the same name."""
    regular = fonts.face("noto-sans-symbols-2")
    for bold in (False, True):
        for italic in (False, True):
            assert fonts.face("noto-sans-symbols-2", bold, italic) == regular
    assert 0x25A1 in fonts.coverage("noto-sans-symbols-2")


@pytest.mark.parametrize("family", TEXT_FAMILIES)
def test_symbols_print_in_a_pdf_in_every_style(family):
    """Regular, bold and italic words with symbols in one PDF: each symbol is drawn from a
    face that has it, and the text comes back out of the PDF as written."""
    import io

    from pypdf import PdfReader
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    from studypack.views.paragraph import Paragraph

    style = ParagraphStyle("p", fontName=fonts.face(family), fontSize=11, leading=14)
    line = "2H₂ ⇌ x⊥y ∠A □ ☑ ∝ ⟶"
    out = io.BytesIO()
    SimpleDocTemplate(out).build([Paragraph(f"{line} <b>{line}</b> <i>{line}</i>", style)])
    reader = PdfReader(io.BytesIO(out.getvalue()))
    assert reader.pages[0].extract_text().split().count("⇌") == 3
    fonts_used = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any(name.endswith("+NotoSansMath-Regular") for name in fonts_used)
    assert any(name.endswith("+NotoSansSymbols2-Regular") for name in fonts_used)


def test_a_file_serving_two_styles_is_one_font_in_the_pdf(monkeypatch):
    """As the cjk extra's families (no italics): upright and italic words in one PDF."""
    import io

    from reportlab.pdfgen import canvas

    files = ("NotoSans-Regular.ttf.xz", "NotoSans-Bold.ttf.xz") * 2
    monkeypatch.setitem(fonts.FAMILIES, "no-italics", fonts.Family("test", None, files))
    assert fonts.face("no-italics", italic=True) == fonts.face("no-italics")
    assert fonts.face("no-italics", bold=True, italic=True) == fonts.face("no-italics", bold=True)
    pdf = canvas.Canvas(io.BytesIO())
    for bold in (False, True):
        for italic in (False, True):
            pdf.setFont(fonts.face("no-italics", bold, italic), 10)
            pdf.drawString(10, 10, "word")
    pdf.save()  # two fonts of one face stopped here: 'redefining named object'
