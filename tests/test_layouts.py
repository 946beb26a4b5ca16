"""Every shipped layout, built and read back: page sizes, type sizes, booklet order,
fonts, and the located errors a broken layout gives."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import EXAMPLE, pdf_text, squash
from studypack.media import fonts
from studypack.io import impose
from studypack.settings import layout as layouts
from studypack.app.build import build
from studypack.base.errors import StudypackError

SHIPPED = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "studypack" / "layouts").glob("*.yaml"))
A4, A3, LETTER = (595.28, 841.89), (841.89, 1190.55), (612.0, 792.0)
PAPER = {name: A4 for name in SHIPPED} | {"letter": LETTER, "large-print-36": A3, "large-print-24-a3": A3, "compact-booklet": (A4[1], A4[0])}

def runs_of(page) -> list[tuple[str, float, float, str]]:
    """(text, effective size, x on the page, font name) for every piece of text shown."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            found.append((text, size * abs(tm[3]) * abs(cm[3]), x, (font or {}).get("/BaseFont", "")))

    page.extract_text(visitor_text=visit)
    return found


def test_the_shipped_set_is_complete():
    assert set(SHIPPED) >= {"default", "letter", "large-print-18", "large-print-24", "large-print-36", "dyslexia",
                            "ink-saver", "exam", "compact", "compact-booklet"}


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_layout_builds_the_example_pack(name, shipped, example):
    folder = shipped(name)
    reader = PdfReader(str(folder / "pack.pdf"))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == tuple(round(v, 1) for v in PAPER[name])
    words = pdf_text(folder / "pack.pdf")
    asked = [sheet for sheet in example.pack.sheets if sheet.questions]
    assert len(asked) >= 3
    for sheet in asked:
        first = " ".join(squash(sheet.questions[0].prompt.replace("*", "")).split()[:5])
        assert first in words, (name, sheet.id)
    key = pdf_text(folder / "answer-key.pdf")
    spag = sum(s.spag_for("higher") for s in example.pack.sheets)
    assert f"Total for the pack (Higher tier): {example.pack.total_for('higher') - spag} marks + {spag} SPaG" in key
    assert layouts.load(name).description  # `studypack layouts` has something to say


@pytest.mark.parametrize("size", [18, 24, 36])
def test_large_print_keeps_its_promise(size, shipped):
    """Every text on every page — questions, sources, provenance, options, headers — at
    `size` pt or more, and most of it at exactly that size, in bold."""
    for document in ("pack.pdf", "answer-key.pdf"):
        reader = PdfReader(str(shipped(f"large-print-{size}") / document))
        sizes: Counter = Counter()
        bold = 0
        for page in reader.pages:
            for text, eff, _x, font in runs_of(page):
                sizes[round(eff, 1)] += len(text.strip())
                bold += len(text.strip()) if "Bold" in font else 0
        assert min(sizes) >= size, (document, sorted(sizes)[:3])
        assert sizes.most_common(1)[0][0] == size
        assert bold / sum(sizes.values()) > 0.85  # line numbers are the only regular text


def test_default_body_is_smaller_than_large_print(shipped):
    reader = PdfReader(str(shipped("default") / "pack.pdf"))
    sizes = Counter(round(eff, 1) for page in reader.pages[:3] for _t, eff, _x, _f in runs_of(page))
    assert sizes.most_common(1)[0][0] == 10.5


def test_booklet_order():
    assert impose.booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]
    assert impose.booklet_order(5) == [(None, 0), (1, None), (None, 2), (3, 4)]
    assert impose.booklet_order(4) == [(3, 0), (1, 2)]
    assert impose.booklet_order(0) == []
    assert impose.booklet_order(1) == [(0, None)]  # one side, no blank back to print
    assert impose.booklet_order(2) == [(0, 1)]


def test_a_booklet_side_names_each_page_s_graphics_states_apart():
    """Each page numbers its graphics states (a blend, an alpha) from gRLs0: on one side, two
    states keep two names, and each page's operators name its own."""
    multiply, alpha = ("BM", "/Multiply"), ("ca", 0.5)
    pages = [impose.Captured([]), impose.Captured(["/gRLs0 gs", "0 0 m"], states={multiply: "gRLs0"}),
             impose.Captured(["/gRLs0 gs /gRLs1 gs"], states={alpha: "gRLs0", multiply: "gRLs1"}), impose.Captured([])]
    _size, (_outer, side) = impose.sides(pages, A4)  # pages 1 and 2 face each other
    assert side.states == {multiply: "gRLs0", alpha: "gRLs1"}
    assert [op for op in side.code if "gs" in op] == ["/gRLs0 gs", "/gRLs1 gs /gRLs0 gs"]


def test_booklet_pages_come_in_booklet_order(shipped, tmp_path):
    """Each half of each imposed side shows exactly the text of the page that belongs there."""
    flat_layout = tmp_path / "flat.yaml"
    flat_layout.write_text("extends: compact-booklet\npage: {booklet: false}\n")
    build(EXAMPLE, str(flat_layout), tmp_path / "flat")
    flat = PdfReader(str(tmp_path / "flat" / "show-trials-flat" / "court-statements.pdf"))
    pages = [Counter(text for text, *_ in runs_of(page)) for page in flat.pages]
    imposed = PdfReader(str(shipped("compact-booklet") / "court-statements.pdf"))
    order = impose.booklet_order(len(pages))
    assert len(imposed.pages) == len(order) and len(pages) >= 3 and None in order[0]
    half = float(imposed.pages[0].mediabox.width) / 2
    for side, (left, right) in zip(imposed.pages, order):
        found = {0: Counter(), 1: Counter()}
        for text, _eff, x, _font in runs_of(side):
            found[int(x >= half)][text] += 1
        for slot, index in ((0, left), (1, right)):
            assert found[slot] == (pages[index] if index is not None else Counter())


def test_extends_chain_resolves_and_deep_merges(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "school.yaml").write_text(
        "extends: dyslexia\ndescription: School\nbranding: {school: Hillside}\npage: {margins: {left: 2cm}}\n")
    (tmp_path / "layouts" / "school-letter.yaml").write_text(
        "extends: school\ndescription: School on letter\npage: {size: letter}\nstyles: {title: {size: 0.5in}}\n")
    lay = layouts.load("school-letter", folder=tmp_path / "layouts")
    assert lay.description == "School on letter"
    assert lay.page.size == "letter" and lay.page.tint == "#fcf5e3"  # from dyslexia, two levels up
    assert lay.page.margins.left == pytest.approx(72 / 2.54 * 2) and lay.page.margins.top == pytest.approx(24 * 72 / 25.4)
    assert lay.style("title")["size"] == 36 and lay.style("title")["leading"] == 24  # leading kept from dyslexia
    assert lay.fonts["sans"] == "atkinson-hyperlegible" and lay.branding.school == "Hillside"


def test_a_workspace_layout_may_extend_the_shipped_one_of_its_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "default.yaml").write_text("extends: default\ndescription: Ours\npage: {size: A5}\n")
    lay = layouts.load("default", folder=tmp_path / "layouts")
    assert (lay.description, lay.page.size, lay.page.margins.left) == ("Ours", "A5", pytest.approx(20 * 72 / 25.4))


def problems(tmp_path, body: str) -> list[str]:
    path = tmp_path / "bad.yaml"
    path.write_text(textwrap.dedent(body))
    with pytest.raises(StudypackError) as caught:
        layouts.load(str(path))
    return [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]


def test_broken_layouts_give_located_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert problems(tmp_path, """\
        extends: default
        page:
          tnit: "#ffffff"
          margins: {left: 2 inches}
        answer_lines: {spacing: -3mm}
        styles:
          body: {letter_spacing: 2em}
          question.stme: {size: 11pt}
        candidate_boxes:
          - {label: Candidate number, digits: 40}
        branding: {logo: crest.png}
        """) == [
        "bad.yaml:3: unknown key 'tnit' (did you mean 'tint'?)",
        "bad.yaml:4: left: a length is written like '2cm', '12pt' or '0.5in', got '2 inches'",
        "bad.yaml:5: spacing: a length is written like '2cm', '12pt' or '0.5in', got '-3mm'",
        "bad.yaml:7: letter_spacing: a spacing is written as a fraction of the text size, like '0.05em' (at most 1em), got '2em'",
        "bad.yaml:10: digits must be at most 12, got '40'",
    ]
    assert problems(tmp_path, "extends: defualt\n") == [
        "bad.yaml:1: extends: no layout named 'defualt' (did you mean 'default'?); known layouts: "
        + ", ".join(SHIPPED)]
    assert problems(tmp_path, "extends: default\nbranding: {logo: crest.png}\nstyles: {question.stme: {size: 1}}\n") == [
        "bad.yaml:2: logo file not found: crest.png (a logo is found relative to the layout file)",
        "bad.yaml:3: unknown style 'question.stme' (did you mean 'question.stem'?)"]


def test_logo_must_fit_the_top_margin(tmp_path, monkeypatch):
    from PIL import Image

    monkeypatch.chdir(tmp_path)
    Image.new("RGB", (300, 200), "#1f3a5f").save(tmp_path / "crest.png")
    assert problems(tmp_path, "extends: default\nbranding: {logo: crest.png, logo_height: 2cm}\n") == [
        "bad.yaml:2: branding.logo_height (20 mm) does not fit in the top margin (22 mm): "
        "make the top margin at least 34 mm or the logo smaller"]


def _school_pack(tmp_path: Path, name: str, extends: str) -> Path:
    from PIL import Image, ImageDraw

    logo = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((20, 20, 380, 380), fill=(180, 30, 40, 255))
    logo.save(tmp_path / "crest.png")
    (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(f"""\
        extends: {extends}
        page: {{margins: {{top: 28mm}}}}
        branding: {{school: Hillside Academy, logo: crest.png, logo_height: 12mm}}
        header: {{left: "{{{{ school.name }}}} · {{{{ pack.title }}}}"}}
        """))
    return tmp_path / f"{name}.yaml"


def _images(pdf: Path) -> list:
    reader = PdfReader(str(pdf))
    found = []
    for page in reader.pages[:1]:
        xobjects = page["/Resources"].get("/XObject", {})
        found += [xobjects[k].get_object() for k in xobjects]
    return found


def test_branding_prints_school_and_logo_greyscale_under_ink_saver(tmp_path):
    colour = _school_pack(tmp_path, "school", "default")
    grey = _school_pack(tmp_path, "school-ink", "ink-saver")
    pack = _names_pack(tmp_path, "Ann Lee")  # a one-page pack: the logo is what is tested
    built = {"colour": build(pack, str(colour), tmp_path / "colour"), "grey": build(pack, str(grey), tmp_path / "grey")}
    for out, space in (("colour", "/DeviceRGB"), ("grey", "/DeviceGray")):
        pdf = built[out].written[0].path.parent / "names.pdf"
        assert "Hillside Academy · Class list" in pdf_text(pdf)
        logos = [x for x in _images(pdf) if x.get("/Subtype") == "/Image"]
        assert logos and all(x["/ColorSpace"] == space for x in logos)
        assert any("/SMask" in x for x in logos)  # the transparent corners stay transparent


def _fills(pdf: Path) -> set[tuple[float, ...]]:
    reader = PdfReader(str(pdf))
    found = set()
    for page in reader.pages:
        data = page.get_contents().get_data().decode("latin-1")
        found |= {tuple(round(float(v), 3) for v in m) for m in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", data)}
    return found


def test_ink_saver_has_no_tints_and_dyslexia_has_a_cream_page(shipped):
    tint = (round(0xf5 / 255, 3), round(0xf2 / 255, 3), round(0xea / 255, 3))
    assert tint in _fills(shipped("default") / "court-statements.pdf")
    ink = _fills(shipped("ink-saver") / "court-statements.pdf")
    assert all(r == g == b for r, g, b in ink)  # only greys: black text, grey notes
    assert all(r < 0.5 for r, _g, _b in ink)     # and no light fills behind anything
    cream = (round(0xfc / 255, 3), round(0xf5 / 255, 3), round(0xe3 / 255, 3))
    assert cream in _fills(shipped("dyslexia") / "court-statements.pdf")
    assert cream not in _fills(shipped("dyslexia-coloured-paper") / "court-statements.pdf")


def test_dyslexia_sets_cyrillic_and_vietnamese_words_in_the_fallback_face(tmp_path):
    names = "Бухарин Nguyễn Zinoviev"
    pack = tmp_path / "names"
    pack.mkdir()
    (pack / "pack.yaml").write_text(textwrap.dedent(f"""\
        title: Names
        subject: History
        level: All
        sheets:
          - id: names
            kind: worksheet
            title: Names
            questions:
              - {{kind: short, prompt: "Who were {names}?", marks: 1, answer: "*Kamenev*"}}
        """), encoding="utf-8")
    result = build(pack, "dyslexia", tmp_path / "out")
    assert result.warnings == []
    pdf = tmp_path / "out" / "names-dyslexia" / "names.pdf"
    assert f"Who were {names}?" in pdf_text(pdf)
    faces = {}
    for text, _eff, _x, font in runs_of(PdfReader(str(pdf)).pages[0]):
        for word in ("Бухарин", "Nguyễn", "Zinoviev"):
            if word in text:
                faces[word] = font.split("+")[-1]
    assert faces == {"Бухарин": "NotoSans-Regular-Spaced40-200", "Nguyễn": "NotoSans-Regular-Spaced40-200",
                     "Zinoviev": "AtkinsonHyperlegible-Regular-Spaced40-200"}
    key = PdfReader(str(tmp_path / "out" / "names-dyslexia" / "answer-key.pdf")).pages[0]
    emphasised = {font.split("+")[-1] for text, _e, _x, font in runs_of(key) if "Kamenev" in text}
    assert emphasised == {"AtkinsonHyperlegible-Bold-Spaced40-200"}  # *emphasis* prints bold, not italic


def test_letter_and_word_spacing_widen_the_face():
    plain = fonts.face("atkinson-hyperlegible")
    spaced = fonts.face("atkinson-hyperlegible", variant=fonts.Variant(0.05, 0.2))
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert stringWidth("abc", spaced, 10) == pytest.approx(stringWidth("abc", plain, 10) + 3 * 0.5)
    assert stringWidth(" ", spaced, 10) == pytest.approx(stringWidth(" ", plain, 10) + 0.5 + 2)


def test_exam_layout_turns_over_on_every_page_the_sheet_goes_on_after(shipped):
    reader = PdfReader(str(shipped("exam") / "background-worksheet.pdf"))
    texts = [squash(page.extract_text()) for page in reader.pages]
    assert len(texts) >= 3
    for number, words in enumerate(texts, start=1):
        assert ("Turn over" in words) == (number < len(texts)), number
        assert "Do not write in this margin" not in words  # a board profile's words, not the neutral base's
    assert all(label in texts[0] for label in ("Surname", "Forename(s)", "Centre number", "Candidate number"))
    assert "Name" not in texts[0].replace("Surname", "")
    assert re.search(r"\[1\]", texts[0]) and "[1 mark]" not in texts[0]


@pytest.mark.parametrize("name", ["dyslexia", "exam", "compact-booklet"])
def test_same_bytes_every_build(name, shipped, tmp_path):
    build(EXAMPLE, name, tmp_path)
    first = shipped(name)
    for pdf in ("pack.pdf", "answer-key.pdf"):
        assert (tmp_path / f"show-trials-{name}" / pdf).read_bytes() == (first / pdf).read_bytes(), (name, pdf)


def _names_pack(tmp_path: Path, names: str) -> Path:
    pack = tmp_path / "names"
    pack.mkdir(exist_ok=True)
    (pack / "pack.yaml").write_text(textwrap.dedent(f"""\
        title: Class list
        subject: History
        level: All
        sheets:
          - id: names
            kind: worksheet
            title: Names
            questions:
              - {{kind: short, prompt: "Pupils: {names}.", marks: 1, answer: "Yes"}}
        """), encoding="utf-8")
    return pack


def test_right_to_left_names_warn_without_the_rtl_extra(tmp_path, monkeypatch):
    from studypack.app.build import check

    monkeypatch.setattr(fonts, "rtl_support", lambda: False)
    _, warnings = check(_names_pack(tmp_path, "محمد علي"))
    assert [str(w).replace(str(tmp_path) + "/", "") for w in warnings] == [
        "names/pack.yaml:9: right-to-left text (Arabic or Hebrew) would print with its letters unjoined and in "
        "the wrong order: install the rtl extra: pip install 'studypack[rtl]' (from a checkout: pip install '.[rtl]')"]


@pytest.mark.skipif(not fonts.rtl_support(), reason="the rtl extra is not installed")
def test_right_to_left_names_print_joined_and_in_reading_order(tmp_path):
    result = build(_names_pack(tmp_path, "Zoë محمد علي"), "dyslexia", tmp_path / "out")
    assert result.warnings == []
    pdf_runs = runs_of(PdfReader(str(tmp_path / "out" / "names-dyslexia" / "names.pdf")).pages[0])
    arabic = [(text, font) for text, _e, _x, font in pdf_runs if fonts.is_rtl(text)]
    # one run, in FiraGO, in joined (presentation) forms; drawn right to left, so that a
    # reader of the PDF (pypdf reverses right-to-left runs) gets the words in reading order
    from arabic_reshaper import reshape

    assert len(arabic) == 1 and arabic[0][1].endswith("FiraGO-Regular-Spaced40-200")
    assert arabic[0][0].strip() == reshape("محمد علي") != "محمد علي"


@pytest.mark.skipif("noto-sans-sc" not in fonts.FAMILIES, reason="the cjk extra is not installed")
def test_cjk_names_print_with_the_cjk_extra(tmp_path):
    result = build(_names_pack(tmp_path, "王小明 and 김민준"), None, tmp_path / "out")
    assert result.warnings == []
    pdf = tmp_path / "out" / "names" / "names.pdf"
    assert "Pupils: 王小明 and 김민준." in pdf_text(pdf)
    used = {font.split("+")[-1] for text, _e, _x, font in runs_of(PdfReader(str(pdf)).pages[0])
            if "王" in text or "김" in text}
    assert used == {"NotoSansSC-Regular", "NotoSansKR-Regular"}


def test_exam_candidate_boxes_take_each_students_details_in_a_class_set(tmp_path):
    from studypack.app import batch

    roster = tmp_path / "9b.csv"
    roster.write_text("Surname,Forename,Candidate number\nБухарин,Николай,4102\n", encoding="utf-8")
    result = batch.build(EXAMPLE, roster, "exam", tmp_path / "out", batch.Options())
    # class sets now show typesetting warnings too: the exam header shortens long sheet titles with '…'
    assert result.problems == [] and [w for w in result.warnings if "too long for its place in the header" not in w.message] == []
    page = PdfReader(str(tmp_path / "out" / "show-trials-exam" / "9b" / "Бухарин-Николай-4102.pdf")).pages[0]
    shown = [(text.strip(), font.split("+")[-1]) for text, _e, _x, font in runs_of(page)]
    texts = [t for t, _f in shown]
    assert ("Бухарин", "NotoSans-Bold") in shown and ("Николай", "NotoSans-Bold") in shown
    at = texts.index("Николай")
    assert texts[at + 1:at + 5] == ["4", "1", "0", "2"]  # one digit a box


def test_unprintable_text_in_a_layout_is_a_located_warning(tmp_path):
    from studypack.app.build import check

    (tmp_path / "school.yaml").write_text('extends: default\nbranding:\n  school: "Academy 🏫"\n', encoding="utf-8")
    _, warnings = check(_names_pack(tmp_path, "Ann Lee"), str(tmp_path / "school.yaml"))
    assert [str(w).replace(str(tmp_path) + "/", "") for w in warnings] == [
        "school.yaml:3: branding.school: 1 character cannot be printed in the layout's fonts: '🏫' U+1F3EB (×1): "
        "they would print as nothing (left out without a mark); replace them"]
