"""The maths engine (studypack/spec/maths, studypack/media/maths): formulas read, checked, laid out, drawn, spoken, and
written for Word and Moodle; chemistry and units; a PDF with formulas embeds the maths face."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("ziamath")

from studypack.spec.maths import FormulaError, MathsSource, parse, split_maths  # noqa: E402
from studypack.media.maths.flowables import DisplayFormula  # noqa: E402
from studypack.media.maths.geometry import geometry  # noqa: E402
from studypack.media.maths.layout import layout  # noqa: E402

OMML = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


@pytest.mark.parametrize("tex, message, offset", [
    (r"\frac{1}{2", "missing '}'", 8),
    (r"\fracc{1}{2}", "unknown command '\\fracc' (did you mean '\\frac'?)", 0),
    (r"\sqrt{x} + \alpah", "unknown command '\\alpah' (did you mean '\\alpha'?)", 11),
    (r"x}", "a '}' with no '{' before it", 1),
    (r"\left( x", "'\\left' with no '\\right' after it", 0),
    (r"x \right)", "'\\right' with no '\\left' before it", 2),
    (r"\frac{1}", "'\\frac' needs 2 parts: \\frac{top}{bottom}", 0),
    (r"x^", "a '^' with nothing after it", 1),
    (r"a $ b", "a '$' inside a formula (write \\$ for a dollar sign)", 2),
    (r"\begin{pmatrix} 1 \end{bmatrix}", "'\\end{bmatrix}' with no '\\begin{bmatrix}' before it", 18),
    (r"\begin{matrx} 1 \end{matrx}", "unknown environment 'matrx' (did you mean 'matrix'?)", 0),
    (r"\ce{H2O!}", "'!' has no meaning in a chemical formula", 7),
    ("", "an empty formula", 0),
    ("x^2^3", "two powers on one thing (write x^{ab}, or {x^a}^b)", 0),
    (r"a \\ b", "a line break '\\\\' outside a matrix (a formula is one line)", 2),
    (r"R & D", "a '&' outside a matrix (write \\& for an ampersand)", 2),
    (r"\qty{abc}{m}", "'abc' is not a number", 5),
    (r"\unit{\metre\per\secnd}", "unknown unit '\\secnd' (did you mean 'second'?)", 16),
])
def test_a_malformed_formula_is_a_located_message(tex, message, offset):
    with pytest.raises(FormulaError) as caught:
        parse(tex)
    assert caught.value.message == message
    assert caught.value.offset == offset
    assert str(caught.value) == f"formula '${tex}$': {message}"


def test_the_message_shows_the_formula_as_typed():
    with pytest.raises(FormulaError, match=r"^formula '\$\\frac\{1\}\{2\$': missing '\}'$"):
        parse(r"\frac{1}{2")


def test_split_maths_finds_inline_and_display_formulas_and_keeps_escaped_dollars():
    parts = split_maths(r"It costs \$5, so $x = 5$ and $$\frac{1}{2}$$ left.")
    assert parts == ["It costs $5, so ", MathsSource("x = 5", False, 18), " and ",
                     MathsSource(r"\frac{1}{2}", True, 31), " left."]
    assert split_maths(r"No maths, just \$3.") == ["No maths, just $3."]


def test_an_unbalanced_dollar_is_reported_where_it_opens():
    with pytest.raises(FormulaError) as caught:
        split_maths("Solve $x + 1 = 2 for x.")
    assert caught.value.offset == 6
    assert str(caught.value) == "formula '$x + 1 = 2 for x.': a '$' with no closing '$' (write \\$ for a dollar sign)"


SUBSET = [
    r"\frac{1}{2}", r"\sqrt{x}", r"\sqrt[3]{x}", "x^2", "x_1", "a_{ij}^{2}", r"\alpha\beta\gamma\Omega",
    r"a + b - c = d < e > f \leq g \geq h \neq i", r"\text{speed}", r"3 \times 4", r"6 \div 2", r"\pm 1", r"\approx 3",
    r"30\degree", r"\vec{v}", r"\sum_{i=1}^{n} i", r"\begin{pmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \\ 7 & 8 & 9 \end{pmatrix}",
    r"\left( \frac{a}{b} \right)", r"\ce{H2O}", r"\unit{m.s^{-2}}", r"\qty{9.81}{m.s^{-2}}", r"\$",
]


@pytest.mark.parametrize("tex", SUBSET)
def test_each_construct_of_the_subset_is_set(tex):
    laid = layout(parse(tex), 12)
    assert laid.width > 0 and laid.ascent > 0
    assert laid.geometry.glyphs


def test_a_fraction_is_taller_than_its_numerator():
    assert layout(parse(r"\frac{1}{2}"), 12).height > layout(parse("1"), 12).height


def test_size_scales_linearly():
    """Twice the size, twice the box: at 18 and 36 pt, as under 15 pt a script inside an inline
    fraction (the b² under the root) meets ziamath's least glyph size, 7.2 pt, and stays there."""
    small, large = layout(parse(r"\frac{-b \pm \sqrt{b^2-4ac}}{2a}"), 18), layout(parse(r"\frac{-b \pm \sqrt{b^2-4ac}}{2a}"), 36)
    assert large.width == pytest.approx(2 * small.width, rel=0.02)
    assert large.height == pytest.approx(2 * small.height, rel=0.02)


def test_a_formula_is_laid_out_once_per_size():
    formula = parse(r"x^2 + \frac{1}{3}")
    before = geometry.cache_info().hits
    layout(formula, 13)
    layout(formula, 13, "#336699")
    assert geometry.cache_info().hits == before + 1
    assert parse(r"x^2 + \frac{1}{3}") is formula


def test_omml_is_well_formed_with_a_fraction():
    root = ET.fromstring(parse(r"\frac{x^2+1}{2} + \sqrt{y} + \text{R&D}").omml())
    assert root.tag == OMML + "oMath"
    assert root.find(f".//{OMML}f/{OMML}num") is not None and root.find(f".//{OMML}f/{OMML}den") is not None
    assert root.find(f".//{OMML}sSup") is not None and root.find(f".//{OMML}rad") is not None


@pytest.mark.parametrize("tex", SUBSET)
def test_omml_of_each_construct_is_well_formed(tex):
    assert ET.fromstring(parse(tex).omml()).tag == OMML + "oMath"


@pytest.mark.parametrize("tex, words", [
    ("x^2 + 1", "x squared plus 1"),
    (r"\frac{1}{2}", "1 over 2"),
    (r"\frac{x^2+1}{2}", "x squared plus 1, all over 2"),
    (r"\sqrt{x}", "the square root of x"),
    (r"\alpha \approx 3", "alpha is approximately 3"),
    (r"\sum_{i=1}^{n} i", "the sum from i equals 1 to n of i"),
    (r"\ce{N2 + 3H2 <=> 2NH3}", "N 2 plus 3 H 2 is in equilibrium with 2 N H 3"),
    (r"\ce{CaCO3(s) -> CaO(s) + CO2(g) ^}", "Ca C O 3 solid gives Ca O solid plus C O 2 gas gas given off"),
    (r"\ce{Fe^{3+}}", "Fe 3 plus"),
    (r"\qty{9.81}{m.s^{-2}}", "9.81 m s to the power minus 2"),
    (r"\qty{25}{\degree C}", "25 degrees C"),
    (r"\lim_{x \to 0} \frac{\sin x}{x}", "the limit from x tends to 0 of sine x, all over x"),
])
def test_spoken(tex, words):
    assert parse(tex).spoken() == words


def test_moodle_tex_spells_out_chemistry_and_units_on_one_line():
    assert parse(r"\qty{9.81}{m.s^{-2}}").tex() == r"{9.81\,\mathrm {m}\,\mathrm {s}^{-2}}"
    assert "\n" not in parse("a\n+ b").tex()


@pytest.mark.parametrize("tex", [r"\ce{2H2 + O2 -> 2H2O}", r"\ce{N2 + 3H2 <=> 2NH3}"])
def test_chemistry_is_set_upright_with_its_arrow(tex):
    formula = parse(tex)
    chars = {g.char for g in layout(formula, 12).geometry.glyphs}
    arrow = "\u21cc" if "<=>" in tex else "\u27f6"
    assert arrow in chars
    assert "H" in chars and "\U0001d43b" not in formula.mathml  # H upright, never the maths italic H


@pytest.mark.parametrize("tex, expected", [
    ("Fe^{3+}", r"{\mathrm {Fe}^{3+}}"),
    ("SO4^2-", r"{\mathrm {S}\mathrm {O}_{4}^{2-}}"),
    ("Na+", r"{\mathrm {Na}^{+}}"),
    ("Ag+(aq)", r"{\mathrm {Ag}^{+}\mathrm {(aq)}}"),
    ("CO2 ^", r"{\mathrm {C}\mathrm {O}_{2}} \uparrow"),
    ("AgCl v", r"{\mathrm {Ag}\mathrm {Cl}} \downarrow"),
    ("CuSO4.5H2O", r"{\mathrm {Cu}\mathrm {S}\mathrm {O}_{4}\cdot 5\mathrm {H}_{2}\mathrm {O}}"),
])
def test_chemistry_translation(tex, expected):
    from studypack.spec.maths.chemistry import to_tex

    assert to_tex(tex) == expected


@pytest.mark.parametrize("text, expected", [
    ("m.s^{-2}", r"\mathrm {m}\,\mathrm {s}^{-2}"),
    (r"\metre\per\second\squared", r"\mathrm {m}\,\mathrm {s}^{-2}"),
    (r"\degree C", r"\mathrm {°C}"),
    (r"\kilo\ohm", r"\mathrm {kΩ}"),
    ("m/s", r"\mathrm {m}/\mathrm {s}"),
])
def test_units(text, expected):
    from studypack.spec.maths.siunits import unit

    assert unit(text) == expected


def test_a_quantity_in_scientific_notation():
    from studypack.spec.maths.siunits import quantity

    assert quantity("3e8", "m/s") == r"3\times 10^{8}\,\mathrm {m}/\mathrm {s}"


def _pdf_with_formulas() -> bytes:
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(400, 600), invariant=1)
    y = 560.0
    for size in (11, 24):
        for tex in (r"x^2 + \frac{1}{2}", r"\sqrt{b^2 - 4ac}", r"\ce{N2 + 3H2 <=> 2NH3}", r"\qty{9.81}{m.s^{-2}}"):
            laid = layout(parse(tex), size)
            y -= laid.ascent
            laid.draw(page, 20, y)
            y -= laid.descent + 6
    Frame(20, 20, 360, 120).addFromList([DisplayFormula(parse(r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}", True), 24)], page)
    page.save()
    return buffer.getvalue()


def test_a_pdf_with_formulas_embeds_the_maths_face_and_draws_no_box():
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(_pdf_with_formulas()))
    page = reader.pages[0]
    fonts = [f.get_object() for f in page["/Resources"]["/Font"].values()]
    names = [str(f["/BaseFont"]) for f in fonts]
    assert any(n.endswith("+STIXTwoMath") for n in names), names
    stix = next(f for f in fonts if str(f["/BaseFont"]).endswith("+STIXTwoMath"))
    assert "/FontFile2" in stix["/FontDescriptor"]  # the face itself is in the file
    text = page.extract_text()
    assert "⇌" in text and "√" in text and "9.81" in text
    assert "\u25a1" not in text and "\ufffd" not in text  # no box, no replacement character


def test_a_display_formula_flowable_is_as_tall_as_its_formula():
    flowable = DisplayFormula(parse(r"\frac{a}{b}", True), 24, space=3)
    width, height = flowable.wrap(300, 500)
    assert width == pytest.approx(flowable.set.width)
    assert height == pytest.approx(flowable.set.height + 6)


def test_the_inline_recipe_places_a_formula_where_the_paragraph_left_room(tmp_path):
    """The hook the README proposes for views/paragraph.py: an <img> the width of the formula
    keeps its room in the line, an <onDraw> after it draws the formula on the line's baseline."""
    from PIL import Image
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from studypack.views.paragraph import Paragraph

    blank = tmp_path / "blank.png"
    Image.new("LA", (1, 1), (0, 0)).save(blank)
    laid = layout(parse(r"v^2 = u^2 + \frac{1}{2}as"), 24)
    placed = []

    def draw(page, kind, label):
        info = page._curr_tx_info
        placed.append((info["tx"].getStartOfLine()[0] - laid.width, info["cur_y"]))
        laid.draw(page, *placed[-1])

    room = f'<img src="{blank}" width="{laid.width}" height="{laid.height}" valign="{-laid.descent}"/>'
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=24, leading=30, autoLeading="max")
    paragraph = Paragraph(f'Using {room}<onDraw name="probe" label="0"/> with care.', style)
    page = canvas.Canvas(io.BytesIO(), pagesize=(600, 300))
    page.setNamedCB("probe", draw)
    width, height = paragraph.wrap(560, 300)
    paragraph.drawOn(page, 20, 100)
    x, baseline = placed[0]
    assert x == pytest.approx(stringWidth("Using ", "Helvetica", 24), abs=0.01)  # relative to the paragraph
    assert len(paragraph.blPara.lines) == 1 and height > 30  # one line, made taller by the fraction (autoLeading)


def test_an_underline_after_a_formula_sits_under_its_own_words():
    """An inline formula is placed by ReportLab as a picture, so what follows it on the line (a
    gap-fill's ruled gap, an underlined answer in the key) is drawn where its words are."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from studypack.views.paragraph import Paragraph

    class Lines(canvas.Canvas):
        drawn: list = []

        def line(self, x1, y1, x2, y2):
            self.drawn.append((x1, x2))
            super().line(x1, y1, x2, y2)

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=16)
    paragraph = Paragraph(r"Mass $\frac{1}{2}mv^2$ gives <u>energy</u> here", style)
    page = Lines(io.BytesIO(), pagesize=(600, 300))
    paragraph.wrap(500, 200)
    paragraph.drawOn(page, 0, 100)
    formula = layout(parse(r"\frac{1}{2}mv^2"), 12).width
    start = stringWidth("Mass ", "Helvetica", 12) + formula + stringWidth(" gives ", "Helvetica", 12)
    (x1, x2), = page.drawn
    assert x1 == pytest.approx(start, abs=0.5)
    assert x2 - x1 == pytest.approx(stringWidth("energy", "Helvetica", 12), abs=0.5)


@pytest.mark.parametrize("tex, signs", [("x = -2", 1), (r"x = \pm 3", 1), ("-3 + 4", 1), ("(x)-2", 0), ("a - b", 0), (r"x \leq -1", 1)])
def test_a_sign_after_an_operator_is_set_as_a_sign(tex, signs):
    """'x = -2' prints "x = −2", not "x = − 2": a minus opening a row or after another operator
    is a sign (MathML's prefix form), one after a bracket or a letter a subtraction."""
    assert parse(tex).mathml.count('form="prefix"') == signs
    if signs and tex.startswith("x = "):
        spaced = layout(parse(tex.replace("= ", "= 0 ")), 12).width - layout(parse("0"), 12).width
        assert layout(parse(tex), 12).width < spaced - 1  # tighter than the same sign set as a subtraction


def test_a_formula_set_once_is_read_back_from_the_cache_and_a_damaged_one_is_set_again(tmp_path, monkeypatch, capsys):
    """A later build reads a formula's MathML and geometry from the user's cache (ziamath is not
    asked again); a damaged entry is discarded with a note and the formula set afresh, the same."""
    import sqlite3
    from contextlib import closing

    from studypack.io import kept
    from studypack.media.maths import geometry as shapes
    from studypack.spec.maths import formula as formulas

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("STUDYPACK_NO_CACHE", raising=False)
    tex = r"\frac{-b \pm \sqrt{b^2 - 4ac}}{2a} = \left( x \right)"
    formulas.parse.cache_clear()
    shapes.geometry.cache_clear()
    made = shapes.geometry(parse(tex, True).mathml, 13.0)
    kept.flush()
    database = tmp_path / "studypack" / kept.NAME
    with closing(sqlite3.connect(database)) as connection:
        keys = sorted(key.split(":")[0] for key, in connection.execute("SELECT key FROM kept"))
    assert keys == ["geometry", "mathml"]  # one database, not a file per formula

    def refuse(*args):
        raise AssertionError("set again, not read from the cache")

    formulas.parse.cache_clear()
    shapes.geometry.cache_clear()
    monkeypatch.setattr(shapes, "_laid_out", refuse)
    monkeypatch.setattr(formulas.mathml, "convert", refuse)
    assert shapes.geometry(parse(tex, True).mathml, 13.0) == made
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    with closing(sqlite3.connect(database)) as connection, connection:
        for key, value in list(connection.execute("SELECT key, value FROM kept")):
            data = bytearray(value)
            data[len(data) // 2] ^= 0x20
            connection.execute("UPDATE kept SET value = ? WHERE key = ?", (bytes(data), key))
    formulas.parse.cache_clear()
    shapes.geometry.cache_clear()
    assert shapes.geometry(parse(tex, True).mathml, 13.0) == made
    assert "damaged" in capsys.readouterr().err


def test_a_formula_wider_than_its_line_is_broken_before_an_arrow_or_relation():
    """A long equation in large print is set as display lines broken before its arrow (and
    before '=' in a chain of working), each line within the width; one that fits stays whole."""
    from reportlab.lib.styles import ParagraphStyle

    from studypack.media.maths.breaking import broken
    from studypack.views.paragraph import Paragraph

    equation = parse(r"\ce{AgNO3(aq) + NaCl(aq) -> AgCl(s) + NaNO3(aq)}", True)
    assert layout(equation, 24).width > 400
    lines = broken(equation, 24, None, 400)
    assert lines is not None and len(lines) == 2 and all(start + line.width <= 400 for line, start in lines)
    assert [start for _line, start in lines] == [0.0, 2 * 24]  # the arrow's line two ems in: no relation above it
    assert broken(parse("x^2"), 24, None, 10) is None  # nothing to break at: it stays whole

    style = ParagraphStyle("body", fontName="Helvetica", fontSize=24, leading=30)
    text = r"So $s = \frac{1}{2} \times 6 \times 12 + 2 \times 12 = 36 + 24 = \qty{60}{m}$ in all."
    wide, narrow = Paragraph(text, style), Paragraph(text, style)
    wide.wrap(2000, 1000)
    narrow.wrap(300, 1000)
    assert len(wide.blPara.lines) == 1
    assert len(narrow.blPara.lines) >= 3
    assert all(getattr(line, "extraSpace", 0) >= -1 for line in narrow.blPara.lines)  # nothing overflows


@pytest.mark.parametrize("chemistry, tex", [
    ("NH4+", r"{\mathrm {N}\mathrm {H}_{4}^{+}}"),
    ("NO3-", r"{\mathrm {N}\mathrm {O}_{3}^{-}}"),
    ("SO4^2-", r"{\mathrm {S}\mathrm {O}_{4}^{2-}}"),
    ("Fe^{3+}", r"{\mathrm {Fe}^{3+}}"),
    ("Ag+(aq)", r"{\mathrm {Ag}^{+}\mathrm {(aq)}}"),
])
def test_a_sign_after_a_count_is_a_charge_and_the_count_stays_a_count(chemistry, tex):
    """As mhchem reads them: NH4+ is ammonium, NH₄⁺ (not NH⁴⁺); a charge with a number takes ^."""
    from studypack.spec.maths.chemistry import to_tex

    assert to_tex(chemistry) == tex


def test_a_first_build_that_forks_sets_each_prompt_formula_once(tmp_path, monkeypatch):
    """A worksheet and its key both print the prompts: a first build typesetting them in two
    processes sets the prompts' formulas before it forks (each formula once, not once in each
    process); an answer's formula is set by the key's process alone. They are kept for later builds."""
    import os

    from studypack.app import build
    from studypack.base import parallel
    from studypack.io import kept
    from studypack.media.maths import geometry as shapes
    from studypack.spec.maths import formula as formulas

    if not parallel._can_fork():
        pytest.skip("no fork here: the jobs run in one process")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("STUDYPACK_NO_CACHE", raising=False)
    pack = tmp_path / "pack"
    pack.mkdir()
    questions = "".join(f"      - kind: short\n        prompt: 'Find $x^{{{n}}} + \\frac{{{n}}}{{7}}$ here.'\n"
                        f"        marks: 1\n        answer: '$y = {n}q$'\n" for n in range(12))
    (pack / "pack.yaml").write_text('title: "Forked"\nsubject: Mathematics\nlevel: "GCSE"\nsheets:\n  - id: practice\n    kind: worksheet\n'
                                    f'    title: "Practice"\n    questions:\n{questions}', encoding="utf-8")
    log = tmp_path / "laid.txt"
    setting = shapes._laid_out

    def noted(mathml, size, face):
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()} {size} {'frac' in mathml}\n")
        return setting(mathml, size, face)

    monkeypatch.setattr(shapes, "_laid_out", noted)
    formulas.parse.cache_clear()
    shapes.geometry.cache_clear()
    build.build(pack, out_root=tmp_path / "out", jobs=2, cache=False)
    laid = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    prompts = [entry for entry in laid if entry[2] == "True"]
    assert len(prompts) == 12 and {pid for pid, _s, _f in prompts} == {str(os.getpid())}  # before forking, once each
    assert len(laid) == 24  # and each answer once, in the key's process
    kept.flush()
    formulas.parse.cache_clear()
    shapes.geometry.cache_clear()
    log.unlink()
    build.build(pack, out_root=tmp_path / "out", jobs=2, cache=False)
    assert not log.exists()  # a later build sets none: every formula read back from the cache


def test_a_matching_item_number_stands_clear_of_a_formula_in_large_print(tmp_path, monkeypatch):
    """In large print a matching question's item number stands an en space clear of its item,
    more than a word space: "3" and "−2 < x ≤ 3" never read as one run of numbers."""
    import pypdfium2 as pdfium

    from studypack.app import build

    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        'title: "Inequalities"\nsubject: Mathematics\nlevel: "GCSE"\nsheets:\n  - id: practice\n    kind: worksheet\n'
        '    title: "Practice"\n    questions:\n      - kind: matching\n        prompt: "Match each inequality."\n'
        '        marks: 3\n        pairs:\n          - {left: \'$x > 3$\', right: "more than 3"}\n'
        '          - {left: \'$x \\leq 3$\', right: "3 or less"}\n'
        '          - {left: \'$-2 < x \\leq 3$\', right: "more than $-2$ and at most 3"}\n', encoding="utf-8")
    result = build.build(pack, "large-print-24", out_root=tmp_path / "out", cache=False)
    sheet = next(w.path for w in result.written if w.path.name == "practice.pdf")
    page = pdfium.PdfDocument(sheet)[0]
    chars = page.get_textpage()
    boxes = [(chars.get_text_range(i, 1), chars.get_charbox(i)) for i in range(chars.count_chars())]
    less = next(box for char, box in boxes if char == "<")  # on the third item's line
    line = sorted((box for char, box in boxes if char.strip() and abs((box[1] + box[3]) / 2 - (less[1] + less[3]) / 2) < 8),
                  key=lambda b: b[0])
    number, formula = line[0], line[1]  # "3", then the formula's minus sign
    assert formula[0] - number[2] >= 0.6 * 24  # ink to ink; a word space's width (0.45 of it) read as one run


@pytest.mark.parametrize("base", ["default", "large-print-24", "dyslexia"])
def test_a_stem_whose_first_line_holds_a_full_size_fraction_keeps_its_number_and_marks_on_that_line(tmp_path, monkeypatch, base):
    """With `maths.fractions: display` a fraction in a stem's first line moves that line down
    (it never reaches into the text above): the question's number, and the marks beside a
    one-line prompt, move with it and stand on its baseline."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from studypack.app import build

    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        'title: "Fractions"\nsubject: Mathematics\nlevel: "GCSE"\nsheets:\n  - id: practice\n    kind: worksheet\n'
        '    title: "Practice"\n    questions:\n      - kind: short\n        prompt: \'Work out $\\frac{3}{4} + \\frac{1}{8}$.\'\n'
        '        marks: 2\n        answer: "7/8"\n', encoding="utf-8")
    (tmp_path / "full.yaml").write_text(f"extends: {base}\nmaths:\n  fractions: display\n", encoding="utf-8")
    result = build.build(pack, str(tmp_path / "full.yaml"), out_root=tmp_path / "out", cache=False)
    sheet = next(w.path for w in result.written if w.path.name == "practice.pdf")
    page = pdfium.PdfDocument(sheet)[0]
    chars = page.get_textpage()
    said = chars.get_text_range()

    def baseline(word: str, after: str = "Class") -> float:
        at = said.index(word, said.index(after))
        x, y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDFText_GetCharOrigin(chars.raw, at, ctypes.byref(x), ctypes.byref(y))
        return y.value

    stem = baseline("Work out")
    assert abs(baseline("1") - stem) <= 1.0  # the number's own face and size: within a point (1.8 to 17 pt above it before)
    if base != "large-print-24":  # large print sets the marks below the prompt
        assert abs(baseline("[2 marks]") - stem) < 0.5


@pytest.mark.parametrize("ion", [r"\ce{NH4+}", r"\ce{NO3-}", r"\ce{SO4^2-}"])
@pytest.mark.parametrize("face", ["noto-sans-math", "stix-two-math"])
def test_an_ion_s_charge_stands_clear_of_its_count(ion, face):
    """The charge over a count (NH₄⁺) touched it in large print: the charge's baseline stands
    at least a tenth of the text's size above the count's top."""
    from studypack.media.maths.layout import layout

    shape = layout(parse(ion), 24, None, True, face).geometry
    count, charge = [g for g in shape.glyphs if g.size < 20][:1], [g for g in shape.glyphs if g.size < 20][-1:]
    assert count and charge and charge[0].y - (count[0].y + 0.7 * count[0].size) >= 0.1 * 24, (count, charge)


@pytest.mark.parametrize("size", [10.5, 24])
@pytest.mark.parametrize("face", ["noto-sans-math", "stix-two-math"])
def test_every_charge_stands_at_one_height(size, face):
    """Fe³⁺ (no count under it) stood at the face's superscript height and SO₄²⁻ (over a count)
    a third of its size higher: "two Fe³⁺ ions balance three SO₄²⁻ ions" had its charges on two
    levels. Every charge, with or without a count, a sign alone or a number and sign, stands at
    one height; a maths superscript (x⁻) is left where the face puts it."""
    from studypack.media.maths.layout import layout

    def charge(ion: str) -> float:
        return [g for g in layout(parse(ion), size, None, False, face).geometry.glyphs if g.size < size][-1].y

    heights = {ion: charge(ion) for ion in (r"\ce{Fe^{3+}}", r"\ce{Na+}", r"\ce{NO3-}", r"\ce{NH4+}",
                                            r"\ce{SO4^2-}", r"\ce{CO3^2-}", r"\ce{Cl-}")}
    assert max(heights.values()) - min(heights.values()) <= 0.02 * size, heights
    assert charge("x^{-}") < min(heights.values()) - 0.1 * size


READ_ALIKE = [
    r"\text{R&D}", r"\text{x<y}", r"\text{a\%b \$ \_ \# \{ \}}", r"a < b > c", r"\&", r"\{x\}", r"\times \div \cdot \pm",
    r"\longrightarrow \longleftarrow \longleftrightarrow", r"\uparrow \downarrow", r"\ce{CO2 ^}", r"\ce{AgCl v}", r"\ce{N2 + 3H2 <=> 2NH3}",
    r"\text{ }", r"\text{café — naïve}", r"\text{a & b}", r"\text{&#x41;}", r"\text{\&}", r"1{,}000", r"\%", r"\degree C",
    r"\operatorname{sin} x", r"\mathbf{v} \cdot \vec{F}", r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", r"\left| x \right|",
    r"\qty{9.81}{m.s^{-2}}", r"\frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", r"\sum_{i=1}^{n} i^2", r"x \le y \ne z",
]


def test_the_converters_tree_is_read_as_its_text_would_be():
    """`mathml.convert` reads latex2mathml's tree as it stands (`_read`) instead of writing it
    as text and parsing that back: the same MathML for every formula of the examples and for
    text, escapes, arrows and operators it puts right, and the text read back where the tree
    holds what text could read otherwise (`<` in a \\text, a bare `&`)."""
    from pathlib import Path
    from unittest.mock import patch

    from studypack.spec.maths import mathml
    from studypack.spec.maths.expand import expand

    root = Path(__file__).resolve().parent.parent
    found = {(tex, display) for tex in READ_ALIKE for display in (False, True)}
    for path in sorted(root.glob("examples/*/*.yaml")):
        for match in re.finditer(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", path.read_text(encoding="utf-8")):
            found.add((match.group(1) or match.group(2), match.group(1) is not None))
    read, compared = 0, 0
    for tex, display in sorted(found):
        try:
            expanded = expand(tex)
        except FormulaError:
            continue
        results = []
        for direct in (True, False):
            with patch.object(mathml, "_read", mathml._read if direct else (lambda made: None)):
                try:
                    results.append(mathml.convert(expanded, display, tex))
                except FormulaError as error:
                    results.append(f"error: {error.message}")
        assert results[0] == results[1], tex
        compared += 1
        if not results[0].startswith("error"):
            read += mathml._read(mathml._converter()(expanded, display="block" if display else "inline")) is not None
    assert compared > 150 and read > compared * 0.9  # nearly all read as they stand
    assert mathml._read(mathml._converter()(expand(r"\text{x<y}"), display="inline")) is None
