"""Every symbol a maths or science sheet uses prints in every family: what no text face has
falls back to Noto Sans Math or Noto Sans Symbols 2, the symbol alone, its word's letters
staying in the text's own face."""

from __future__ import annotations

import pytest

from studypack.media import fonts

SYMBOLS = ("→ ⇌ ⇀ ↑ ↓ ⟶ ⟷ ∝ ∛ ∠ ⊥ ∥ △ □ ≈ ≠ ≤ ≥ ± × ÷ √ ∞ ∑ ∫ π θ μ Ω ° "
           "₀₁₂₃₄₅₆₇₈₉ ⁰¹²³⁴⁵⁶⁷⁸⁹ ½ ⅓ ¼")
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
    assert _families("□", "atkinson-hyperlegible") == [("□", "noto-sans-symbols-2")]


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


def test_a_symbol_face_serves_all_four_styles():
    for bold in (False, True):
        for italic in (False, True):
            face = fonts.face("noto-sans-symbols-2", bold, italic)
            assert fonts.describe(face)[:3] == ("noto-sans-symbols-2", bold, italic)
    assert 0x25A1 in fonts.coverage("noto-sans-symbols-2")
