"""The glyph check tells the truth: every character no font can print is named, with its count,
at the line of the text that holds it, in every kind of printed text; and the warning says what
the reader will really see (a box or nothing, as the face prints it)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from studypack.app.build import check
from studypack.commands.cli import main
from studypack.media import fonts

HIEROGLYPHS = "".join(chr(0x13000 + i) for i in range(15))  # in no shipped face
NOTHING = "they would print as nothing (left out without a mark); replace them"
BOXES = "they would print as empty boxes; replace them"


def _pack(folder: Path, questions: str, extra: str = "", layout: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = textwrap.dedent("""\
        title: Signs
        subject: History
        level: All
        sheets:
          - id: s
            kind: worksheet
            title: Egypt
            questions:
        """) + textwrap.indent(textwrap.dedent(questions), "      ") + textwrap.dedent(extra)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    if layout is not None:
        (folder / "layout.yaml").write_text(layout, encoding="utf-8")
    return folder


def _warnings(pack: Path, layout: str | None = None) -> list[str]:
    _, warnings = check(pack, layout)
    return [str(w).replace(str(pack) + "/", "") for w in warnings]


def test_every_unprintable_character_on_a_line_is_named_with_its_count(tmp_path):
    prompt = HIEROGLYPHS + HIEROGLYPHS[0] + HIEROGLYPHS[-1]  # 15 characters, two of them twice
    pack = _pack(tmp_path / "p", f"- {{kind: short, prompt: 'Read {prompt}', marks: 1, answer: Yes}}\n")
    [warning] = _warnings(pack)
    named = [f"'{ch}' U+{ord(ch):04X} (×{2 if ch in (HIEROGLYPHS[0], HIEROGLYPHS[-1]) else 1})" for ch in HIEROGLYPHS]
    assert warning == (f"pack.yaml:9: sheet 's', question 1: 17 characters cannot be printed in the layout's fonts: "
                       f"{', '.join(named)}: {NOTHING}")


def test_a_cloze_gap_a_table_cell_and_a_glossary_word_are_read(tmp_path):
    pack = _pack(tmp_path / "p", """\
        - kind: cloze
          prompt: Fill the gaps.
          marks: 1
          text: The sign for a man is [[𓀀|a man]].
        - kind: table
          prompt: Complete the table.
          marks: 1
          columns: [Sign, Meaning]
          rows:
            - [𓀁, {answer: a woman}]
        """, extra="""\
        glossary:
          𓀂: a god
        """)
    warnings = [w for w in _warnings(pack) if "cannot be printed" in w]
    assert warnings[0] == ("pack.yaml:12: sheet 's', question 1: 1 character cannot be printed in the layout's fonts: "
                           f"'𓀀' U+13000 (×1): {NOTHING}")
    assert warnings[1].startswith("pack.yaml:18: sheet 's', question 2: 1 character cannot be printed") and "'𓀁' U+13001" in warnings[1]
    assert warnings[2].startswith("pack.yaml:20: glossary: 1 character") and "'𓀂' U+13002" in warnings[2]
    assert len(warnings) == 3


def test_the_layouts_own_templates_are_read(tmp_path):
    pack = _pack(tmp_path / "p", "- {kind: short, prompt: Why?, marks: 1, answer: Because}\n", layout=textwrap.dedent("""\
        extends: default
        marks: "[{{ n }} 𓀀]"
        page:
          blank_page: "𓀁 BLANK"
        questions:
          continued: "𓀂 {{ n }}"
        """))
    warnings = _warnings(pack, str(pack / "layout.yaml"))
    assert [w.split(": 1 character")[0] for w in warnings] == [
        "layout.yaml:2: marks", "layout.yaml:4: page.blank_page", "layout.yaml:6: questions.continued"]


@pytest.mark.parametrize("family, seen", [("noto-sans", NOTHING), ("fira-go", BOXES), ("atkinson-hyperlegible", BOXES),
                                          ("andika", BOXES)])
def test_the_warning_says_what_the_face_prints(tmp_path, family, seen):
    pack = _pack(tmp_path / "p", "- {kind: short, prompt: 'Read 𓀀', marks: 1, answer: Yes}\n",
                 layout=f"extends: default\nfonts: {{sans: {family}}}\n")
    assert _warnings(pack, str(pack / "layout.yaml")) == [
        f"pack.yaml:9: sheet 's', question 1: 1 character cannot be printed in the layout's fonts: '𓀀' U+13000 (×1): {seen}"]


def test_a_layout_of_two_faces_says_which_prints_what(tmp_path):
    pack = _pack(tmp_path / "p", "- {kind: short, prompt: 'Read 𓀀', marks: 1, answer: Yes}\n",
                 layout="extends: default\nstyles: {title: {font: fira-go}}\n")
    [warning] = _warnings(pack, str(pack / "layout.yaml"))
    assert warning.endswith("they would print as empty boxes in fira-go text and as nothing in noto-sans text; replace them")


def _ink(family: str, text: str) -> bytes:
    """`text` drawn in the family's face, as pdfium renders it (grey bytes)."""
    import pypdfium2
    from reportlab.pdfgen import canvas
    import io

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(200, 60))
    page.setFont(fonts.face(family), 24)
    page.drawString(10, 20, text)
    page.save()
    document = pypdfium2.PdfDocument(out.getvalue())
    bitmap = document[0].render(scale=1, grayscale=True)
    pixels = bytes(bitmap.buffer)
    document.close()
    return pixels


@pytest.mark.parametrize("character", ["\U00013000", "\u4e2d", "\ue000", "\U0001f642"])  # astral, BMP, private use, emoji
@pytest.mark.parametrize("family", ["noto-sans", "fira-go", "atkinson-hyperlegible", "andika"])
def test_what_the_warning_says_is_what_prints(family, character):
    """Drawn: a face that maps U+0000 prints a missing character as nothing (the text closes
    up); another prints its .notdef box."""
    assert ord(character) not in fonts.coverage(family)
    printed = _ink(family, f"a{character}b") != _ink(family, "ab")
    assert printed == fonts.draws_missing_as_box(family)


def test_strict_check_fails_on_an_unprintable_character(tmp_path):
    pack = _pack(tmp_path / "p", "- {kind: short, prompt: 'Read 𓀀', marks: 1, answer: Yes}\n")
    plain = CliRunner().invoke(main, ["check", str(pack)])
    strict = CliRunner().invoke(main, ["check", "--strict", str(pack)])
    assert plain.exit_code == 0 and "U+13000 (×1)" in plain.output
    assert strict.exit_code != 0 and "U+13000 (×1)" in strict.output


def test_a_question_in_a_section_and_a_source_are_named(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text(textwrap.dedent("""\
        title: Signs
        subject: History
        level: All
        sources:
          - {letter: A, title: A stone, kind: primary, origin: A tomb, date: "1200 BC", citation: A book, text: "𓀀 here"}
        sheets:
          - id: s
            kind: source-analysis
            title: Egypt
            sources: [A]
            sections:
              - title: One
                questions:
                  - {kind: short, prompt: What does Source A say?, marks: 1, answer: A man}
              - title: Two
                questions:
                  - {kind: short, prompt: 'Read 𓀁', marks: 1, answer: A woman}
        """), encoding="utf-8")
    warnings = [w for w in _warnings(folder) if "cannot be printed" in w]
    assert [w.split(": 1 character")[0] for w in warnings] == [
        "pack.yaml:5: source A", "pack.yaml:17: sheet 's', question 2"]


def test_characters_that_cannot_be_quoted_are_named_by_their_code(tmp_path):
    pack = _pack(tmp_path / "p", "- {kind: short, prompt: \"Read \\ue000 \\U0001F642\", marks: 1, answer: Yes}\n")
    [warning] = [w for w in _warnings(pack) if "cannot be printed" in w]
    assert "(private use) U+E000 (×1), '🙂' U+1F642 (×1)" in warning


@pytest.mark.parametrize("layout", ["default", "large-print-24"])
def test_a_character_inside_a_formula_is_read_against_the_maths_face(tmp_path, layout):
    """Hebrew prints in the words (FiraGO has it) but no maths face nor the maths fallback has it:
    inside a formula it would print as the maths face's box. Characters a formula makes from
    commands (`\\degree`, `\\ce`'s dot) are read as printed, and print (the sans-serif maths face
    takes them from its fallback)."""
    prompt = r"Read $\text{א} = 1$ and א, at $\qty{450}{\degree C}$, $\ce{CuSO4.5H2O}$."
    pack = _pack(tmp_path / "p", f"- {{kind: short, prompt: '{prompt}', marks: 1, answer: Yes}}\n")
    [warning] = _warnings(pack, layout)
    assert warning == ("pack.yaml:9: sheet 's', question 1: 1 character cannot be printed in the layout's fonts: "
                       "'א' U+05D0 (×1): in a formula they would print as empty boxes; replace them")
    strict = CliRunner().invoke(main, ["build", "--strict", str(pack), "--layout", layout, "--out", str(tmp_path / "out")])
    assert strict.exit_code != 0 and "'א' U+05D0 (×1)" in strict.output
