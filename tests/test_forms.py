"""Question forms for geography and primary classes, read back from the PDFs: labelled diagrams
whose numbers sit beside the picture on leader lines (or beside their dots on a halo) and never
on each other, a located warning where two points are too close to label apart, draw-a-line
matching, tick boxes beside pictures, and an instruction printed once when the prompt says it."""

from __future__ import annotations

import importlib.util
import re
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageDraw
from pypdf import PdfReader

from conftest import ROOT, pdf_text
from studypack.commands.cli import main
from studypack.views import callouts

_spec = importlib.util.spec_from_file_location("pagelog", ROOT / "tools" / "pagelog.py")
pagelog = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("pagelog", pagelog)  # its dataclasses look their module up
_spec.loader.exec_module(pagelog)

HEAD = """title: Forms
subject: Geography
level: KS3
sheets:
  - id: s
    kind: worksheet
    title: Fieldwork
    questions:
"""


def _pictures(folder: Path) -> None:
    """A river map and four small pictures, drawn here so the test needs no files."""
    (folder / "images").mkdir(parents=True)
    river = Image.new("RGB", (800, 500), (200, 225, 200))
    draw = ImageDraw.Draw(river)
    draw.polygon([(0, 500), (0, 380), (300, 330), (800, 300), (800, 500)], fill=(90, 140, 200))
    draw.line([(120, 0), (260, 200), (520, 340)], fill=(60, 110, 190), width=22)
    river.save(folder / "images" / "river.png")
    for name, fill in (("hive", (230, 180, 40)), ("nest", (140, 90, 40)), ("den", (90, 70, 60)), ("web", (150, 150, 150))):
        picture = Image.new("RGB", (400, 300), (245, 245, 235))
        ImageDraw.Draw(picture).ellipse([80, 50, 320, 250], fill=fill)
        picture.save(folder / "images" / f"{name}.png")


def _pack(tmp_path: Path, questions: str) -> Path:
    pack = tmp_path / "forms"
    _pictures(pack)
    (pack / "pack.yaml").write_text(HEAD + questions, encoding="utf-8")
    return pack


def _build(pack: Path, *arguments: str):
    result = CliRunner().invoke(main, ["build", str(pack), "--out", str(pack.parent / "out"), *arguments])
    assert result.exit_code == 0, result.output
    return result, pack.parent / "out" / pack.name


def _check(pack: Path):
    return CliRunner().invoke(main, ["check", str(pack)])


def _labelling(style: str, points: list[tuple[float, float]]) -> str:
    labels = "".join(f"          - {{x: {x}, y: {y}, answer: \"Place {i}\"}}\n" for i, (x, y) in enumerate(points, start=1))
    return (f"      - kind: labelling\n        prompt: \"Label the map.\"\n        marks: {len(points)}\n"
            + (f"        style: {style}\n" if style else "")
            + "        image: {file: images/river.png, width: 70}\n        labels:\n" + labels)


CLOSE = [(20, 20), (65, 68), (68, 72), (80, 25)]  # labels 2 and 3 are 5 % apart


def _line_of(pack: Path, words: str) -> int:
    return next(n for n, line in enumerate((pack / "pack.yaml").read_text(encoding="utf-8").splitlines(), start=1)
                if words in line)


def test_discs_five_percent_apart_are_a_located_warning(tmp_path):
    pack = _pack(tmp_path, _labelling("", CLOSE))
    result = _check(pack)
    where = f"pack.yaml:{_line_of(pack, 'x: 68')}:"
    assert f"{where} sheet 's', question 1: labels 2 and 3 are 5 % apart: too close to label apart; " \
           "move one or use leader lines (style: leaders)" in result.stderr
    assert "labels 1 and" not in result.stderr  # only the close pair
    assert CliRunner().invoke(main, ["check", str(pack), "--strict"]).exit_code != 0


def test_leaders_put_numbered_boxes_beside_the_picture_apart_with_lines_to_their_points(tmp_path):
    pack = _pack(tmp_path, _labelling("leaders", CLOSE))
    assert "apart" not in _check(pack).stderr  # leader lines label them apart
    _result, out = _build(pack)
    log = [line for line in pagelog.page_log(out / "s.pdf") if line.startswith("p1 ")]
    picture = next(line for line in log if " image " in line)
    left, bottom, width, height = _place(picture, "image")
    boxes = [_place(line, "box") for line in log if " box " in line and "fill #ffffff" in line]
    assert len(boxes) == 4
    for x, y, w, h in boxes:  # in the margins, beside the picture
        assert x + w <= left or x >= left + width
        assert bottom - h <= y <= bottom + height
    for a in boxes:  # no two boxes overlap
        for b in boxes:
            if a is not b and abs(a[0] - b[0]) < 1:
                assert abs(a[1] - b[1]) >= min(a[3], b[3])
    leaders = [line for line in log if " polyline " in line and "#ffffff" not in line]
    assert len(leaders) == 4  # a leader line for each label (their white casings apart)
    text = pdf_text(out / "s.pdf")
    assert "Place 2" not in text and "Place 2" in pdf_text(out / "answer-key.pdf")



@pytest.mark.parametrize("layout, least", [("large-print-24", 2.0), ("young-readers", 1.2)])
def test_a_labelling_picture_is_enlarged_as_the_layout_enlarges_pictures(tmp_path, layout, least):
    """A layout's `images.enlarge` enlarges a labelling question's picture as it does a source's:
    a leaders picture in large print, whose columns of boxes would keep it at its default width
    or less, has its numbers on it instead (markers), and is printed at least twice as wide."""
    pack = _pack(tmp_path, _labelling("leaders", [(20, 20), (50, 60), (80, 30)]))
    _result, out = _build(pack)
    default = _place(next(line for line in pagelog.page_log(out / "s.pdf") if " image " in line), "image")
    _result, out = _build(pack, "--layout", layout)
    log = pagelog.page_log(next(out.parent.glob(f"*{layout}")) / "s.pdf")
    enlarged = _place(next(line for line in log if " image " in line), "image")
    assert enlarged[2] >= least * default[2] or enlarged[2] >= 400  # its share, enlarged, or the whole text width
    if layout == "large-print-24":
        assert not [line for line in log if " box " in line and "fill #ffffff" in line]  # no boxes beside it: markers

def _place(line: str, what: str) -> tuple[float, ...]:
    match = re.search(r"p\d+ (-?\d+),(-?\d+) " + what + r" (\d+)x(\d+)", line)
    assert match, line
    return tuple(float(v) for v in match.groups())


@pytest.mark.parametrize("size", [9.0, 24.0])
def test_leader_boxes_two_points_five_percent_apart_stack_apart(size):
    sizes = callouts.Sizes(size, "Helvetica")
    boxes = callouts.leader_boxes([(65, 68), (68, 72)], 100, 100, 300, 200, sizes)
    assert abs(boxes[0].y - boxes[1].y) >= sizes.box_h + sizes.gap - 0.01
    assert all(b.x > 400 for b in boxes)  # both right of the middle: the right-hand column
    assert boxes[0].y > boxes[1].y  # in the order of their points down the picture: no crossing
    assert sizes.line >= (1.0 if size >= 18 else 0.5)


def test_markers_set_close_numbers_apart_and_off_the_dots():
    sizes = callouts.Sizes(9, "Helvetica")
    points = [(65, 68), (68, 72), (66, 70)]
    boxes = callouts.marker_boxes(points, 0, 0, 300, 200, sizes)
    rects = [(b.x - 4, b.y - 4, b.x + 4, b.y + 4) for b in boxes]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert callouts._overlap(a, b) == 0
        for spot in callouts.on_page(points, 0, 0, 300, 200):
            assert callouts._overlap(a, callouts._dot_rect(spot, sizes)) == 0


MATCHING = """      - kind: matching
        style: lines
        prompt: "Match each word to its meaning."
        marks: 3
        headings: ["Word", "Meaning"]
        pairs:
          - {left: "source", right: "where a river begins"}
          - {left: "mouth", right: "where a river meets the sea"}
          - {left: "meander", right: "a bend in a river"}
        distractors: ["a lake made by a dam"]
"""


def test_draw_a_line_matching_prints_dots_and_no_letter_boxes_and_no_answer(tmp_path):
    pack = _pack(tmp_path, MATCHING)
    _result, out = _build(pack)
    sheet, key = pdf_text(out / "s.pdf"), pdf_text(out / "answer-key.pdf")
    assert "Draw a line from each one on the left to its match on the right." in sheet
    for words in ("source", "mouth", "meander", "where a river begins", "a bend in a river", "a lake made by a dam"):
        assert words in sheet
    assert "source – where a river begins" not in sheet and "Answer" not in sheet
    assert "Answer: source – where a river begins; mouth – where a river meets the sea; meander – a bend in a river" in key
    log = pagelog.page_log(out / "s.pdf")
    assert not [line for line in log if " box " in line]  # no letter boxes
    dots = [line for line in log if " curve " in line and " fill" in line]
    assert len(dots) == 3 + 4  # a dot beside every item of both columns
    key_log = pagelog.page_log(out / "answer-key.pdf")
    assert len([line for line in key_log if re.search(r" rule [hv]?\S* stroke|polyline|line ", line)
                and " box " not in line]) >= 3  # the key draws three lines


def test_draw_a_line_matching_in_word_and_moodle(tmp_path):
    pack = _pack(tmp_path, MATCHING)
    _result, out = _build(pack, "--format", "docx")
    document = zipfile.ZipFile(out / "s.docx").read("word/document.xml").decode()
    assert "Draw a line from each one on the left" in document and "where a river begins" in document
    key = zipfile.ZipFile(out / "answer-key.docx").read("word/document.xml").decode()
    assert "source – where a river begins" in key
    _result, out = _build(pack, "--format", "moodle")
    xml = (out / "s.moodle.xml").read_text(encoding="utf-8")
    assert 'type="matching"' in xml and xml.count("<subquestion") == 4


PICTURES = """      - kind: multiple-choice
        prompt: "Where does a bee live?"
        marks: 1
        options:
          - {image: images/hive.png, caption: "hive"}
          - {image: images/nest.png, caption: "nest"}
          - {image: images/den.png, caption: "den", alt: "a den dug into a bank by a fox"}
          - {image: images/web.png, caption: "web"}
        answer: A
"""


def test_picture_options_build_with_tick_boxes_and_the_key_ticks_the_right_one(tmp_path):
    pack = _pack(tmp_path, PICTURES)
    _result, out = _build(pack)
    page = PdfReader(str(out / "s.pdf")).pages[0]
    assert len(page.images) == 4
    sheet = pdf_text(out / "s.pdf")
    assert all(f"{letter} {word}" in sheet for letter, word in zip("ABCD", ("hive", "nest", "den", "web")))
    assert "correct" not in sheet
    log = pagelog.page_log(out / "s.pdf")
    squares = [m for m in (re.search(r" box (\d+)x(\d+) stroke 0.8$", line) for line in log) if m]
    assert len(squares) == 4 and all(abs(int(m[1]) - int(m[2])) <= 1 for m in squares)  # a tick box each
    key_log = pagelog.page_log(out / "answer-key.pdf")
    assert any("polyline" in line for line in key_log)  # the tick


def test_picture_options_in_word_and_moodle_carry_their_alt_text(tmp_path):
    pack = _pack(tmp_path, PICTURES)
    _result, out = _build(pack, "--format", "docx")
    document = zipfile.ZipFile(out / "s.docx").read("word/document.xml").decode()
    assert document.count("<pic:pic") == 4
    assert 'descr="hive"' in document and 'descr="a den dug into a bank by a fox"' in document  # alt, else caption
    _result, out = _build(pack, "--format", "moodle")
    xml = (out / "s.moodle.xml").read_text(encoding="utf-8")
    import xml.etree.ElementTree as ET

    shown = "\n".join(element.text or "" for element in ET.fromstring(xml).iter("text"))  # the HTML Moodle shows
    assert shown.count("<img ") == 4 and 'alt="hive"' in shown
    answers = re.findall(r"<answer fraction=\"(\d+)\".*?</answer>", xml, re.S)
    assert answers == ["100", "0", "0", "0"]
    assert all("<file " in a for a in re.findall(r"<answer .*?</answer>", xml, re.S))


def test_a_picture_option_needs_words_and_options_are_all_pictures_or_all_words(tmp_path):
    broken = PICTURES.replace('{image: images/nest.png, caption: "nest"}', "{image: images/nest.png}")
    broken = broken.replace('{image: images/web.png, caption: "web"}', '"web"')
    result = _check(_pack(tmp_path, broken))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "alt: (what the picture shows) or a caption:" in result.stderr
    assert "pack.yaml:" in result.stderr


@pytest.mark.parametrize("prompt, printed", [
    ("Which two of these are rivers? Tick **two** boxes.", 1),
    ("Which two of these are rivers?", 1),
])
def test_tick_two_is_printed_once(tmp_path, prompt, printed):
    pack = _pack(tmp_path, f"""      - kind: multiple-select
        prompt: "{prompt}"
        marks: 2
        options: ["Severn", "Snowdon", "Thames", "Scafell"]
        answers: [A, C]
""")
    _result, out = _build(pack)
    sheet = pdf_text(out / "s.pdf")
    assert len(re.findall(r"tick two", sheet, re.I)) == printed
    warned = "already says 'Tick two boxes.'" in _check(pack).stderr
    assert warned == ("Tick" in prompt)


def test_a_prompt_saying_draw_a_line_is_not_followed_by_the_kinds_own(tmp_path):
    pack = _pack(tmp_path, MATCHING.replace("Match each word to its meaning.", "Draw a line from each word to its meaning."))
    _result, out = _build(pack)
    assert "Draw a line from each one on the left" not in pdf_text(out / "s.pdf")
    assert "question 1: the prompt already says 'Draw a line" in _check(pack).stderr


@pytest.mark.parametrize("layout", ["large-print-24", "dyslexia"])
def test_the_new_forms_build_in_large_print_and_dyslexia(tmp_path, layout):
    pack = _pack(tmp_path, _labelling("leaders", CLOSE) + MATCHING + PICTURES)
    result = CliRunner().invoke(main, ["build", str(pack), "--layout", layout, "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = next((tmp_path / "out").iterdir())
    sheet = pdf_text(out / "s.pdf")
    assert "Place 1" not in sheet and "where a river begins" in sheet and "hive" in sheet



def test_the_new_fields_stay_out_of_an_old_packs_dump_and_in_a_new_ones(tmp_path):
    """A pack that does not use `style:` keeps its fingerprint (its variants dealt as before, its
    cache keys the same); one that does is another pack."""
    from conftest import EXAMPLE
    from studypack.content.validate import load_pack

    dumped = load_pack(EXAMPLE).pack.model_dump(mode="json")
    kinds = [q for sheet in dumped["sheets"] for q in sheet.get("questions", []) if q["kind"] in ("labelling", "matching")]
    assert kinds and all("style" not in q for q in kinds)
    pack = _pack(tmp_path, _labelling("leaders", CLOSE) + MATCHING)
    questions = load_pack(pack).pack.model_dump(mode="json")["sheets"][0]["questions"]
    assert [q["style"] for q in questions] == ["leaders", "lines"]
