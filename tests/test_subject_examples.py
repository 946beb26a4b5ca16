"""The maths and science examples (examples/physics, chemistry, maths): each builds `--strict`
in every shipped layout, its formulas print in the embedded maths face at the layout's size
(24 pt in large-print-24), `2*3` stays literal, and no answer reaches the students' papers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

pytest.importorskip("ziamath")

from click.testing import CliRunner  # noqa: E402

from studypack.commands.cli import main  # noqa: E402

from pypdf import PdfReader  # noqa: E402

from conftest import ROOT, pdf_text  # noqa: E402
from test_maths_pdf import _each_glyph, _fonts, _glyphs  # noqa: E402

SUBJECTS = ("physics", "chemistry", "maths")
LAYOUTS = sorted(path.stem for path in (ROOT / "studypack" / "layouts").glob("*.yaml"))
KEY_ONLY = {  # words only the key prints
    "physics": ["(1 mark)", "Thinking distance depends"],
    "chemistry": ["(1 mark)", "Silver chloride; it is white"],
    "maths": ["(1 mark)", "the bracket is worked out first"],
}


def _build(subject: str, layout: str, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / subject), "--layout", layout,
                                       "--strict", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / (subject if layout == "default" else f"{subject}-{layout}")


def undefined_resources(path: Path) -> list[tuple[int, str, str]]:
    """(page, resource kind, name) for each graphics state, picture, shading or font a page's
    content stream uses that the page's resources do not define (poppler: "… is unknown")."""
    missing = []
    uses = {"/ExtGState": rb"/([^\s/]+)\s+gs", "/XObject": rb"/([^\s/]+)\s+Do", "/Shading": rb"/([^\s/]+)\s+sh",
            "/Font": rb"/([^\s/]+)\s+[\d.]+\s+Tf"}
    for number, page in enumerate(PdfReader(str(path)).pages, 1):
        resources = page["/Resources"].get_object()
        data = page.get_contents().get_data()
        for kind, operator in uses.items():
            defined = {name[1:] for name in (resources.get(kind) or {})}
            missing += [(number, kind, name.decode()) for name in set(re.findall(operator, data)) if name.decode() not in defined]
    return missing


def test_a_booklet_side_defines_every_resource_its_pages_use(tmp_path):
    """Maths in compact-booklet: the triangle is drawn multiplied on its tinted panel (a graphics
    state) on an imposed side; the side defines it, as every other page's resources."""
    folder = _build("maths", "compact-booklet", tmp_path)
    pack = PdfReader(str(folder / "pack.pdf"))
    assert any(b"gs" in page.get_contents().get_data() for page in pack.pages)
    for name in ("pack.pdf", "source-booklet.pdf", "shape-and-inequalities.pdf", "answer-key.pdf"):
        assert undefined_resources(folder / name) == [], name
    # the triangle's labels grow with the booklet's text (13.5 pt on the A4 page), so they print
    # at about the size of the compact layout's (9 pt) once the page is reduced to A5
    found: dict[str, float] = {}
    for page in PdfReader(str(folder / "shape-and-inequalities.pdf")).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: found.setdefault(t.strip(), size * tm[0] * cm[0])
                          if t.strip() else None)
    assert min(found[label] for label in ("A", "B", "C", "6 cm", "8 cm")) >= 8.5, found


@pytest.mark.parametrize("subject, sheet", [("chemistry", "equilibria"), ("maths", "fractions-and-algebra")])
def test_an_exam_layout_sheet_ends_on_an_even_page_in_its_own_pdf(tmp_path, subject, sheet):
    """exam.yaml: every sheet ends on an even page (`blank_page_after: every-sheet`), printed on
    its own as in the pack: a sheet of three pages gets a fourth, BLANK PAGE, in both."""
    folder = _build(subject, "exam", tmp_path)
    own = [page.extract_text() for page in PdfReader(str(folder / f"{sheet}.pdf")).pages]
    assert len(own) % 2 == 0 and "BLANK PAGE" in own[-1] and all("BLANK PAGE" not in page for page in own[:-1]), own
    pack = [page.extract_text() for page in PdfReader(str(folder / "pack.pdf")).pages]
    assert len(pack) % 2 == 0 and sum("BLANK PAGE" in page for page in pack) >= 1


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("subjects")
    return {(s, layout): _build(s, layout, out) for s in SUBJECTS for layout in ("default", "large-print-24", "dyslexia")}


@pytest.mark.slow
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("subject", SUBJECTS)
def test_each_example_builds_strict_in_every_layout(tmp_path, subject, layout):
    folder = _build(subject, layout, tmp_path)
    assert (folder / "pack.pdf").exists() and (folder / "answer-key.pdf").exists()


FACE = {"default": "STIXTwoMath", "large-print-24": "NotoSansMath", "dyslexia": "NotoSansMath"}
"""The maths face of each layout (`maths.font`): serif by default, sans-serif in the sans-serif layouts."""


@pytest.mark.parametrize("subject", SUBJECTS)
def test_formulas_print_in_the_embedded_maths_face(built, subject):
    for layout in ("default", "large-print-24", "dyslexia"):
        folder = built[subject, layout]
        for name in ("pack.pdf", "answer-key.pdf"):
            assert any(FACE[layout] in font for font in _fonts(folder / name)), (layout, name)
            assert not any("STIXTwoMath" in font for font in _fonts(folder / name)) or layout == "default"
            text = pdf_text(folder / name)
            assert "\\frac" not in text and "\\ce" not in text and "\\qty" not in text and "$" not in text


@pytest.mark.parametrize("subject", SUBJECTS)
def test_large_print_formulas_are_24_point(built, subject):
    sizes = [size for *_, size, _x, _y in _glyphs(built[subject, "large-print-24"] / "pack.pdf", FACE["large-print-24"])]
    assert sizes and max(sizes) >= 23.5
    assert max(size for *_, size, _x, _y in _glyphs(built[subject, "default"] / "pack.pdf")) < 16


def _first_page(path: Path, face: str, each: bool = False) -> list[tuple[str, float, float, float]]:
    """`_glyphs` of the PDF's first page alone (`each`: glyph by glyph, `_each_glyph`)."""
    from pypdf import PdfWriter

    import tempfile

    writer = PdfWriter()
    writer.add_page(PdfReader(str(path)).pages[0])
    with tempfile.TemporaryDirectory() as folder:
        single = Path(folder) / "page-1.pdf"
        with open(single, "wb") as out:
            writer.write(out)
        return _each_glyph(single, face) if each else _glyphs(single, face)


@pytest.mark.parametrize("layout", ["large-print-24", "dyslexia"])
def test_a_fraction_in_the_words_is_as_large_as_the_words(built, layout):
    """"Work out 3/4 + 2/5" is the question: its fraction's digits are set at the words' size
    (14.4 pt, 60 %, in large-print-24 before), in the sheet and in the key, and the question's
    number stands where it stands beside a line with no formula (the fraction once pushed the
    first line down)."""
    for name in ("fractions-and-algebra.pdf", "answer-key.pdf"):
        path = built["maths", layout] / name
        words = _glyphs(path, "Atkinson")
        stem = next((size, y) for text, size, _x, y in _first_page(path, "Atkinson") if text.startswith("Work out"))
        number = next(y for text, _size, x, y in words if text.strip() == "1" and abs(y - stem[1]) < 30)
        plain = next(y for text, _size, x, y in words if text.startswith("A spreadsheet"))  # question 4: no formula
        plain_number = next(y for text, _size, x, y in words if text.strip() == "4" and abs(y - plain) < 30)
        assert number - stem[1] == pytest.approx(plain_number - plain, abs=0.2), (layout, name)
        runs = [(text.strip(), size) for text, size, _x, y in _first_page(path, FACE[layout], each=True)
                if abs(y - stem[1]) < stem[0]]
        digits = [size for text, size in runs if text in ("3", "4", "2", "5")]
        # dyslexia's formulas at the words' x-height (`maths.size`): Noto Sans Math's is 0.536 em, Atkinson's 0.496
        formula = stem[0] * (0.496 / 0.536 if layout == "dyslexia" else 1.0)
        assert len(digits) >= 4 and min(digits) >= 0.97 * formula, (layout, name, runs, stem)


def test_an_asterisk_for_multiply_stays_literal(built):
    for layout in ("default", "large-print-24", "dyslexia"):
        text = pdf_text(built["maths", layout] / "pack.pdf")
        assert "=2*3+4" in text and "=2*(3+4)" in text


@pytest.mark.parametrize("subject", SUBJECTS)
def test_no_answer_reaches_the_students_papers(built, subject):
    for layout in ("default", "large-print-24", "dyslexia"):
        folder = built[subject, layout]
        key = pdf_text(folder / "answer-key.pdf")
        for paper in [p for p in folder.glob("*.pdf") if p.name != "answer-key.pdf"]:
            text = pdf_text(paper)
            for words in KEY_ONLY[subject]:
                assert words in key, (layout, words)
                assert words not in text, (layout, paper.name, words)


def test_a_long_equation_in_large_print_is_broken_at_its_arrow(built):
    """\\ce{AgNO3(aq) + NaCl(aq) -> AgCl(s) + NaNO3(aq)} is wider than a large-print line: its
    two sides print on two lines, the arrow opening the second (the build is --strict: nothing
    overflows)."""
    runs = _each_glyph(built["chemistry", "large-print-24"] / "equations.pdf", FACE["large-print-24"])
    chars = [text.strip() for text, *_ in runs]
    first = next(i for i in range(len(chars)) if chars[i:i + 3] == ["A", "g", "N"])
    second = next(i for i in range(first + 3, len(chars)) if chars[i:i + 3] == ["A", "g", "C"])
    assert runs[first][3] - runs[second][3] > 20  # the second side a line lower


def test_a_table_heading_never_breaks_inside_a_word(built):
    """Large print's narrow first column held "Tim / e / s" and "Velocit / y": a heading cell's
    balanced lines never go narrower than its longest word."""
    for name in ("graphs-and-stopping.pdf", "answer-key.pdf"):
        words = pdf_text(built["physics", "large-print-24"] / name).split()
        assert "Time" in words and "Velocity" in words, name
        assert not {"Tim", "Velocit"} & set(words), name


def test_large_print_axes_number_every_step_up_the_side(built):
    """The velocity axis (0 to 14, a number every 2) printed 0, 4, 8, 12 in large print: a
    number up the side needs only its own line's height and a little more."""
    words = pdf_text(built["physics", "large-print-24"] / "graphs-and-stopping.pdf").split()
    assert {"2", "6", "10", "14"} <= set(words)


@pytest.mark.parametrize("fractions, least, most", [("text", 0.8, 0.9), ("display", 0.95, 1.05)])
def test_inline_fractions_as_the_layout_sets_them(fractions, least, most):
    """"Work out 3/4": smaller than the words (text style, 85 % of them: the face's script size,
    70 %, was too small to read) by default, the line no taller; at the words' size where a
    layout sets `maths.fractions: display`, the line then taller to hold it."""
    from reportlab.lib.styles import ParagraphStyle

    from studypack.media import fonts
    from studypack.views.paragraph import Paragraph

    style = ParagraphStyle("t", fontName=fonts.face("atkinson-hyperlegible"), fontSize=24, leading=32,
                           mathsFont="noto-sans-math", mathsFractions=fractions)
    para = Paragraph(r"Work out $\frac{3}{4}$ now.", style)
    placed = next(f.cbDefn.image for f in para.frags if getattr(f, "cbDefn", None) is not None)
    _w, height = para.wrap(400, 1000)
    digits = max(g.size for g in placed.set.geometry.glyphs)  # the numerator and denominator
    assert least * 24 <= digits <= most * 24, digits
    assert (height > 40) == (fractions == "display")


def test_a_short_formula_never_ends_a_paragraph_alone(built):
    """The balanced equation's last formula, H₂O(l), once stood alone on the passage's last line
    in dyslexia: the line before now breaks a word sooner, so its gap goes down with it."""
    for layout in ("default", "large-print-24", "dyslexia"):
        path = built["chemistry", layout] / "equations.pdf"
        runs = _glyphs(path, FACE[layout])
        chars = [text.strip() for text, *_ in runs]
        water = next(i for i in range(len(chars)) if "".join(chars[i:i + 6]).startswith(("H2O(l)", "HO(l)")))  # the 2 may be an outline
        words = _glyphs(path, "Atkinson" if layout != "default" else "NotoSans-")
        gap_numbers = [y for text, _size, _x, y in words if text.strip() in ("(2)", "2)")]
        assert any(abs(y - runs[water][3]) < 3 for y in gap_numbers), (layout, runs[water], gap_numbers)


def _picture_widths(path: Path) -> list[float]:
    """The printed width (pt) of each picture on the PDF's first page (`w 0 0 h x y cm /Name Do`,
    a tagged page's marked-content operators between them)."""
    data = PdfReader(str(path)).pages[0].get_contents().get_data()
    tags = rb"(?:EMC\s*|/\w+ <<[^>]*>> BDC\s*|/\w+ BMC\s*)*"
    return [float(w) for w in re.findall(rb"([\d.]+) 0 0 [\d.]+ [-\d.]+ [-\d.]+ cm\s*" + tags + rb"/[^\s]+ Do", data)]


def test_a_diagram_and_its_labels_grow_with_large_print(built):
    """The triangle's letters and lengths are words studypack sets (`image.labels`), at the
    layout's size: 24 pt in large print (its baked-in labels once printed at about 6 pt), and the
    picture is enlarged with the words (`images.enlarge`)."""
    sizes = {}
    for layout in ("default", "large-print-24"):
        path = built["maths", layout] / "shape-and-inequalities.pdf"
        page = PdfReader(str(path)).pages[0]
        found: dict[str, float] = {}
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: found.setdefault(t.strip(), size * tm[0] * cm[0])
                          if t.strip() else None)
        for label in ("A", "B", "C", "6 cm", "8 cm"):
            assert label in found, (layout, label, sorted(found))
        sizes[layout] = min(found[label] for label in ("A", "B", "C", "6 cm", "8 cm"))
    assert sizes["large-print-24"] >= 23.5 and sizes["default"] >= 7
    default, large = (_picture_widths(built["maths", layout] / "shape-and-inequalities.pdf") for layout in ("default", "large-print-24"))
    assert len(default) == len(large) == 1 and large[0] > 2 * default[0]


def test_the_word_file_draws_a_diagram_s_labels_on_its_picture(tmp_path):
    """The triangle's picture has no words of its own: the Word file draws its labels on it,
    on a white margin where they reach past its edges (A and "6 cm" at its left)."""
    import zipfile

    from PIL import Image

    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / "maths"), "--format", "docx", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "maths" / "shape-and-inequalities.docx") as docx:
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
        assert len(media) == 1
        picture = Image.open(io.BytesIO(docx.read(media[0]))).convert("L")
    with Image.open(ROOT / "examples" / "maths" / "pictures" / "triangle.png") as drawn:
        bare = drawn.width / drawn.height
    assert picture.width / picture.height > bare * 1.05  # widened for "6 cm" and "C"
    left = picture.crop((0, picture.height // 3, picture.width // 12, 2 * picture.height // 3))
    assert min(left.getdata()) < 100  # ink of "6 cm" left of the triangle


def test_a_tall_formula_on_a_first_line_never_reaches_the_text_above(tmp_path):
    """ReportLab sets a paragraph's first baseline one font size under its top: a full-size
    fraction there reached into the line above ("(1 mark)." over "Both answers: 1/2"). The first
    line now stands as low as its formula is tall."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    from studypack.media import fonts
    from studypack.views.paragraph import Paragraph

    style = ParagraphStyle("t", fontName=fonts.face("atkinson-hyperlegible", True), fontSize=24, leading=32,
                           mathsFont="noto-sans-math", mathsFractions="display", leftIndent=30)
    path = tmp_path / "tall.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph(r"$\sqrt{25} = 5$ (1 mark).", style, bulletText="•"),
                                        Paragraph(r"Both answers: $\frac{1}{2}$ and $-2$.", style, bulletText="•")])
    runs = _glyphs(path, "")
    above = next(y for text, _s, _x, y in runs if "(1 mark)." in text)
    numerator = next(y for text, _s, _x, y in runs if text.strip() == "1")
    assert numerator + 0.75 * 24 <= above - 2, (numerator, above)  # the numerator's top under the line above


def test_the_maths_face_s_missing_signs_print_from_its_fallback(built):
    """Noto Sans Math has no middle dot (CuSO₄·5H₂O) and no degree sign (450 °C): in the
    sans-serif layouts they printed as its empty box. The dot is set from Noto Sans, as text, on
    the formula's baseline, in the sheet and in the key; 450 °C, a quantity alone, is set in the
    words' face."""
    for layout in ("large-print-24", "dyslexia"):
        for name in ("equilibria.pdf", "answer-key.pdf"):
            path = built["chemistry", layout] / name
            signs = {text.strip(): y for text, _size, _x, y in _each_glyph(path, "NotoSans-Regular")}
            maths = _each_glyph(path, FACE[layout])
            assert "·" in signs, (layout, name)
            fives = [y for text, _s, _x, y in maths if text.strip() == "5"]
            assert any(abs(signs["·"] - y) < 1 for y in fives), (layout, name)  # on the hydrate's baseline
            if name == "equilibria.pdf":  # 450 °C, a quantity alone, is words now (`text.as_words`): its sign prints
                assert "450\u00a0°C" in pdf_text(path).replace("450 °C", "450\u00a0°C"), (layout, name)


def _run_at(runs: list, chars: list[str]) -> int:
    """Where the glyph runs spell `chars` in a row (their text stripped)."""
    texts = [text.strip() for text, *_ in runs]
    return next(i for i in range(len(texts)) if texts[i:i + len(chars)] == chars)


def test_a_formula_too_wide_for_its_line_goes_on_under_its_first_relation(built):
    """The key's "s = ½ × 6 × 12 + 2 × 12 = 36 + 24 = 60 m" is wider than a large-print line:
    it breaks only before a relation, and the line that goes on opens with its "=" set under
    the first line's "=", as a textbook sets it (it was centred, "= 60 m", and read as a stray
    line). Silver nitrate's equation goes on with its arrow, indented two ems."""
    runs = _each_glyph(built["physics", "large-print-24"] / "answer-key.pdf", FACE["large-print-24"])
    sum_at = _run_at(runs, ["3", "6", "+", "2", "4"])
    first_line = runs[sum_at][3]
    line = [run for run in runs if abs(run[3] - first_line) < 0.5 and run[2] < runs[sum_at][2]]
    first_equals = min((run for run in line if run[0].strip() == "="), key=lambda run: run[2])
    sixty = _run_at(runs[sum_at:], ["=", "6", "0", "m"]) + sum_at
    assert runs[sixty][3] < first_line - 20  # a line lower
    assert runs[sixty][2] == pytest.approx(first_equals[2], abs=1)
    runs = _each_glyph(built["chemistry", "large-print-24"] / "equations.pdf", FACE["large-print-24"])
    silver = _run_at(runs, ["A", "g", "N"])
    arrow = next(run for run in runs[silver:] if run[0].strip() == "⟶")
    assert arrow[3] < runs[silver][3] - 20
    assert 1.5 * 24 <= arrow[2] - runs[silver][2] <= 2.5 * 24  # two ems in from the equation's start


@pytest.mark.parametrize("layout", ["large-print-24", "dyslexia"])
def test_a_cloze_equation_never_opens_a_line_with_its_arrow(built, layout):
    """"(1) ___ H₂(g) + O₂(g) ⟶ (2) ___ H₂O(l)" is wider than the line: it went on with the
    arrow opening the second line (r26), which reads as a new statement. The arrow has the
    formula before it on its line."""
    path = built["chemistry", layout] / "equations.pdf"
    glyphs = _each_glyph(path, "")
    arrow = next(g for g in glyphs if g[0] == "⟶")
    before = [g for g in glyphs if abs(g[3] - arrow[3]) < 1 and g[2] < arrow[2] - 1]
    assert before and any(g[0] == "O" for g in before), (layout, arrow, before)


def test_a_tall_formula_that_opens_a_wrapped_line_never_reaches_the_line_above(tmp_path):
    """ReportLab measures a picture that opens a line and drops the measure: the line took the
    height of the line before, and a full-size fraction wrapped to the start of the second line
    ("Area of the triangle: / ½ × 6 × 12 = 36 m") reached into the first (physics key, large print)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    from studypack.media import fonts
    from studypack.views.paragraph import Paragraph

    style = ParagraphStyle("t", fontName=fonts.face("atkinson-hyperlegible", True), fontSize=24, leading=32,
                           mathsFont="noto-sans-math", mathsFractions="display", leftIndent=30)
    path = tmp_path / "wrapped.pdf"
    SimpleDocTemplate(str(path), pagesize=(400, 600)).build(
        [Paragraph(r"Area of the triangle: $\frac{1}{2} \times 6 \times 12 = \qty{36}{m}$ (1 mark).", style, bulletText="•")])
    runs = _glyphs(path, "")
    above = next(y for text, _s, _x, y in runs if "triangle:" in text)
    numerator = next(y for text, _s, _x, y in runs if text.strip() == "1")
    assert numerator < above - 20  # the formula on the second line
    assert numerator + 0.75 * 24 <= above - 0.2 * 24, (numerator, above)  # its top clear of the line above's descenders


def _stroked_text(path: Path) -> list[tuple[float, float]]:
    """(line width, font size) of each text object drawn filled and stroked (`2 Tr`), over the pages."""
    found: list[tuple[float, float]] = []
    for page in PdfReader(str(path)).pages:
        data = page.get_contents().get_data().decode("latin-1")
        for match in re.finditer(r"\b2 Tr\b", data):
            widths = re.findall(r"([\d.]+) w\b", data[:match.start()])
            size = re.search(r"/F\S+ ([\d.]+) Tf", data[match.end():])
            if widths and size:
                found.append((float(widths[-1]), float(size.group(1))))
    return found


def test_large_print_formulas_are_as_bold_as_the_words(built):
    """Large print sets every word bold; its maths face has no bold, so each glyph of a formula
    is stroked a share of its own size that adds the ink Atkinson Hyperlegible's bold adds to
    its regular (0.046 em: digits and units were a weight lighter unstroked, "150 m", "m/s");
    a stroke as wide as matched the bold's stems (0.065 of the formula's size, its scripts'
    too) made formulas heavier than the words and smudged (r31)."""
    strokes = _stroked_text(built["physics", "large-print-24"] / "answer-key.pdf")
    assert strokes and all(width == pytest.approx(0.046 * size, rel=0.01) for width, size in strokes), strokes
    assert {round(size) for _width, size in strokes} >= {24, 17}  # a script's stroke is a share of its own size


def _page_log(path: Path, page: int) -> list[str]:
    from conftest import tool

    return [line for line in tool("pagelog").page_log(path) if line.startswith(f"p{page} ")]


def test_large_print_axes_grow_with_the_layout_and_their_numbers_clear_the_ticks(built):
    """The velocity-time axes took the default's height (their cells 24 by 9 pt in large print):
    the plot fills the measure and grows until its cells are square, up to the layout's square
    (10 mm) and 60 % of the page; the numbers up the side stand clear of the ticks (bold "10"
    and "14" touched them) and the corner has one 0."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from studypack.media import fonts

    path = built["physics", "large-print-24"] / "graphs-and-stopping.pdf"
    page = next(i + 1 for i, p in enumerate(PdfReader(str(path)).pages) if "time / s" in p.extract_text())
    lines = _page_log(path, page)
    rules = [re.match(r"p\d+ (\d+),(\d+) rule ([hv])(\d+) stroke 1.5$", line) for line in lines]
    axis = max(int(m.group(4)) for m in rules if m and m.group(3) == "v")
    assert axis >= 300, axis  # 253 pt before
    ticks = [int(m.group(1)) for m in rules if m and m.group(3) == "h" and int(m.group(4)) > 6]
    numbers = [re.match(r'p\d+ (\d+),(\d+) \S+ ([\d.]+) "(\d+) ?"$', line) for line in lines]
    face = fonts.face("atkinson-hyperlegible", True)
    fonts.register("atkinson-hyperlegible")
    up_the_side = [(int(m.group(1)) + stringWidth(m.group(4), face, float(m.group(3))), m.group(4))
                   for m in numbers if m and int(m.group(1)) < min(ticks)]
    assert {"2", "10", "14"} <= {n for _r, n in up_the_side}
    assert all(right + 0.25 * 24 <= min(ticks) + 1 for right, _n in up_the_side), (up_the_side, min(ticks))
    assert [n for m in numbers if m for n in [m.group(4)] if n == "0"] == ["0"]


def _grid_lines(path: Path) -> tuple[list[float], list[float], list[str]]:
    """The x of each vertical and the y of each horizontal rule of the grid's finest lines (the
    colour drawn most often across the plot) on the page of the velocity-time axes, and the
    words printed there."""
    page = next(i + 1 for i, p in enumerate(PdfReader(str(path)).pages) if "time / s" in p.extract_text())
    lines = _page_log(path, page)
    by_colour: dict[str, tuple[set, set]] = {}
    for line in lines:
        m = re.match(r"p\d+ (\d+),(\d+) rule ([hv])(\d+) stroke [\d.]+ #(\w+)$", line)
        if m and int(m.group(4)) > 100:
            xs, ys = by_colour.setdefault(m.group(5), (set(), set()))
            (xs if m.group(3) == "v" else ys).add(int(m.group(1) if m.group(3) == "v" else m.group(2)))
    xs, ys = max(by_colour.values(), key=lambda both: len(both[0]) + len(both[1]))
    words = [m.group(1) for line in lines for m in [re.search(r'"(.*)"$', line)] if m]
    return sorted(xs), sorted(ys), words


def _cell(positions: list[float]) -> float:
    gaps = sorted(b - a for a, b in zip(positions, positions[1:]))
    return gaps[len(gaps) // 2]


@pytest.mark.parametrize("layout", ["default", "large-print-24", "dyslexia", "young-readers"])
def test_the_graph_paper_has_square_cells_and_the_axes_their_room(built, tmp_path, layout):
    """Review of issue 22: the velocity-time grid (a minor step of 0.5 on 0-8 s and 0-14 m/s)
    had cells four times as wide as tall, and young readers' axes were squashed into a strip
    (a third of the page empty, the velocity numbered 4, 8, 12). The plot is graph paper: square
    cells, at least 2 mm, each axis's step a whole number of them; in young readers every step
    up the side is numbered and the plot is more than half as tall as it is wide."""
    folder = built.get(("physics", layout)) or _build("physics", layout, tmp_path)
    xs, ys, words = _grid_lines(folder / "graphs-and-stopping.pdf")
    assert len(xs) >= 16 and len(ys) >= 14, (xs, ys)
    across, up = _cell(xs), _cell(ys)
    assert abs(across - up) <= 1.01 and min(across, up) >= 2 * 72 / 25.4 - 1, (across, up)
    assert all(abs(b - a - across) <= 1.01 for a, b in zip(xs, xs[1:])), xs
    assert all(abs(b - a - up) <= 1.01 for a, b in zip(ys, ys[1:])), ys
    assert {"2", "4", "6", "8", "10", "12", "14"} <= {w.strip() for w in words}
    if layout == "young-readers":
        assert (ys[-1] - ys[0]) >= 0.6 * (xs[-1] - xs[0]), (xs, ys)


@pytest.mark.parametrize("layout", ["large-print-24", "dyslexia", "default"])
def test_a_final_answer_line_keeps_its_label_dots_and_unit_together(built, layout):
    """"braking distance = / ........ m" parted the label from its dots in large print: the dots
    are shortened to keep the label, the dots and the unit on one line."""
    from conftest import tool

    log = tool("pagelog").page_log(built["physics", layout] / "graphs-and-stopping.pdf")
    for label in ("acceleration =", "distance =", "braking distance =", "momentum ="):
        assert any(re.search(f'"{label} \\.{{8,}}', line) for line in log), (layout, label)
    assert any(re.search(r'"braking distance = \.{8,} m"', line) for line in log), layout


@pytest.mark.parametrize("layout", ["default", "large-print-24", "dyslexia"])
def test_the_key_names_no_figure_on_a_line_of_its_own(built, layout):
    """The maths key printed "Figure 1" alone under the second sheet's heading, a caption
    without its triangle: a figure (or table) is named by the questions that use it, not listed."""
    lines = [" ".join(line.split()) for page in PdfReader(str(built["maths", layout] / "answer-key.pdf")).pages
             for line in page.extract_text().splitlines()]
    assert not [line for line in lines if line.startswith("Figure")], lines
    assert any("In Figure 1" in line for line in lines)


@pytest.mark.parametrize("layout, tint", [("default", (0xF5, 0xF2, 0xEA)), ("dyslexia", (0xFC, 0xF5, 0xE3))])
def test_a_diagram_s_white_ground_shows_the_tint_under_it(built, layout, tint):
    """The triangle's picture (black lines on white) printed a white rectangle on the figure's
    tinted box (default) or on the cream page (dyslexia): its empty corner now shows the tint."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    page = pdfium.PdfDocument(built["maths", layout] / "shape-and-inequalities.pdf")[0]
    picture = next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    _left, _bottom, right, top = picture.get_bounds()
    shown = page.render(scale=1).to_pil().convert("RGB")
    corner = shown.getpixel((int(right) - 6, int(page.get_height() - top) + 6))  # the triangle's empty top right
    assert all(abs(a - b) <= 2 for a, b in zip(corner, tint)), (corner, tint)


def test_relative_masses_are_written_with_an_upright_r():
    """Chemists print Mr and Ar with an upright r (a label, not a variable): the example writes
    `$M_\\mathrm{r}$` everywhere, whose r is set upright (the italic r was a maths italic letter)."""
    from studypack.spec.maths import parse

    source = (ROOT / "examples" / "chemistry" / "pack.yaml").read_text(encoding="utf-8")
    assert "M_r" not in source and "A_r" not in source and source.count(r"M_\mathrm{r}") >= 4
    assert '<mi mathvariant="normal">r</mi>' in parse(r"M_\mathrm{r}").mathml


def test_a_display_formula_in_a_stem_has_room_under_it(tmp_path):
    """"Use v = s/t" then "[2 marks]" straight under its denominator: a display formula ends its
    line with room under it before the words that follow."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import SimpleDocTemplate

    from studypack.media import fonts
    from studypack.views.paragraph import Paragraph

    style = ParagraphStyle("t", fontName=fonts.face("atkinson-hyperlegible", True), fontSize=24, leading=32,
                           mathsFont="noto-sans-math")
    path = tmp_path / "display.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph(r"Use $$v = \frac{2}{3}$$", style), Paragraph("[2 marks]", style)])
    denominator = next(y for text, _s, _x, y in _each_glyph(path, "") if text == "3")
    marks = next(y for text, _s, _x, y in _glyphs(path, "") if "[2 marks]" in text)
    assert denominator - (marks + 0.75 * 24) >= 0.4 * 24, (denominator, marks)


@pytest.mark.parametrize("layout", ["default", "dyslexia", "large-print-24"])
def test_the_words_before_a_display_formula_never_end_on_a_short_word_alone(tmp_path, layout):
    """Maths, sheet 2, question 1: "… marked x. / Use" over a² + b² = c²: the word before the
    display formula stood alone on its line (its tie to the formula before it was lost, as
    ReportLab breaks after an inline formula); it now goes down with "x."."""
    import pypdfium2 as pdfium

    pdf = _build("maths", layout, tmp_path) / "shape-and-inequalities.pdf"
    lines = [" ".join(line.split()) for page in pdfium.PdfDocument(pdf)
             for line in page.get_textpage().get_text_range().splitlines()]
    use = [line for line in lines if line.endswith("Use")]
    assert len(use) == 1 and use[0] != "Use" and len(use[0].split()) >= 2, use


@pytest.mark.parametrize("layout", ["large-print-24", "large-print-36"])
def test_a_key_names_the_part_going_on_over_each_page(tmp_path, layout):
    """Chemistry's question 4(c) (a levelled mark scheme) goes on over pages in large print: each
    page's "continued" line names the part going on, "Question 4(c) continued", every time, and
    a question's own number where no part of it has begun, or over its next part beginning at
    the page's top ("Question 4 continued" over "4(b)": its stem is overleaf)."""
    folder = _build("chemistry", layout, tmp_path)
    lines = [line.strip() for page in PdfReader(str(folder / "answer-key.pdf")).pages
             for line in page.extract_text().splitlines()]
    labels = [(at, m.group(1)) for at, line in enumerate(lines) if (m := re.fullmatch(r"Question (\S+) continued", line))]
    assert labels
    for at, label in labels:
        number = re.match(r"\d+", label).group(0)
        heads = [line for line in lines[:at] if re.fullmatch(rf"{number}(\([a-z]\))?", line)]
        after = next((line for line in lines[at + 1:] if line), "")
        assert heads and (heads[-1] == label or (label == number and re.fullmatch(rf"{number}\([a-z]\)", after))), \
            (label, heads, after)


@pytest.mark.parametrize("layout", ["default", "large-print-24"])
def test_every_charge_on_the_page_stands_at_one_height(built, layout):
    """r26: "two Fe³⁺ ions balance three SO₄²⁻ ions" had SO₄²⁻'s charge 3.2 pt above Fe³⁺'s (it
    floated over the line), and a lone sign (NO₃⁻) was placed by its ink. Every charge's glyphs
    stand the same height over their formula's baseline: in the key's "Why" line and in the
    matching question's four ions."""
    path = built["chemistry", layout] / "answer-key.pdf"
    runs = _each_glyph(path, FACE[layout])
    size = max(s for _t, s, _x, _y in runs)
    raises, base = [], None
    for char, glyph_size, _x, y in runs:  # in the order drawn: each charge's sign after its formula's last letter
        if glyph_size > 0.9 * size and char.isalpha():
            base = y
        elif glyph_size < 0.8 * size and char in "+−" and base is not None:
            raises.append((round(y - base, 2), char))
    charges = raises
    assert len(raises) >= 4, (raises, charges)
    assert max(r for r, _s in raises) - min(r for r, _s in raises) <= 0.03 * size, raises


@pytest.mark.parametrize("subject", SUBJECTS)
def test_a_key_s_total_never_leaves_its_marks_alone_on_a_line(built, subject):
    """r26: "Total for Formulae and equations: / 12 marks" (and "21 marks", "15 marks"…) in
    large print: the marks stood alone on the total's last line. They go down with the label's
    last word ("equations: 12 marks")."""
    import pypdfium2 as pdfium

    lines = []
    for page in pdfium.PdfDocument(built[subject, "large-print-24"] / "answer-key.pdf"):
        lines += [line.strip() for line in page.get_textpage().get_text_range().splitlines()]
    totals = [i for i, line in enumerate(lines) if line.startswith("Total for")]
    assert len(totals) >= 3, lines
    alone = [line for line in lines if re.fullmatch(r"\d+\s+marks?", line.replace("\xa0", " "))]
    assert not alone, alone
    assert all(re.search(r"\S+:\s\d+\s+marks$", lines[i + (not lines[i].endswith("marks"))].replace("\xa0", " "))
               for i in totals), [lines[i:i + 2] for i in totals]


def test_a_question_s_stem_stays_with_its_first_part(built):
    """r26: the large-print key set question 4's stem and the Haber equation at a page's foot
    and 4(a) on the next page, with nothing saying whose it was. The shared stem and the first
    part's stem are one stem: they share a page."""
    pages = [p.extract_text() or "" for p in PdfReader(str(built["chemistry", "large-print-24"] / "answer-key.pdf")).pages]
    haber = [i for i, page in enumerate(pages) if "Haber process:" in page]
    assert haber and "4(a)" in pages[haber[0]], pages[haber[0]] if haber else pages


def test_a_mark_scheme_label_keeps_with_its_first_point(tmp_path):
    """r26: the compact maths key set "Mark scheme:" alone at the foot of page 2, its two points
    on page 3. No page ends with a label whose points go on overleaf."""
    import pypdfium2 as pdfium

    folder = _build("maths", "compact", tmp_path)
    for page in pdfium.PdfDocument(folder / "answer-key.pdf"):
        lines = [line.strip() for line in page.get_textpage().get_text_range().splitlines() if line.strip()]
        words = [line for line in lines if not re.search(r"Page \d+ of \d+|Answer key$", line)]
        assert words and not words[-1].endswith("scheme:"), words[-3:]
