"""Working space (issue 22, item 5): a question's `space:` (lines, box, grid, axes, number line)
and its `final:` line print in every layout, never with the answer on a student's paper; the
scales' labels and units are read back from the PDF and the grid's rules counted; bad spaces are
located errors; Word and Moodle carry them as the docs say."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from studypack.commands.cli import main

from conftest import build_written, pdf_text

HEAD = """\
title: Forces and motion
subject: Physics
level: GCSE
sheets:
  - id: motion
    kind: worksheet
    title: Speed and graphs
    questions:
"""

SPACES = HEAD + textwrap.indent(textwrap.dedent("""\
    - kind: short
      prompt: A cyclist rides 150 metres in 30 seconds. Calculate how fast the cyclist goes.
      marks: 3
      space: grid
      final: {label: "speed =", unit: "m/s"}
      answer: Five metres a second
    - kind: short
      prompt: Find the kinetic energy of a 2 kg trolley moving at 3 metres a second.
      marks: 2
      space: box
      final: {label: "$E_k$ =", unit: "joules"}
      answer: Nine joules
    - kind: short
      prompt: Plot the cyclist's journey from the table.
      marks: 4
      space:
        kind: axes
        x: {from: 0, to: 30, step: 5, minor: 1, label: "time / s"}
        y: {from: 0, to: 150, step: 25, label: "distance / m"}
      answer: A straight line through the origin
    - kind: short
      prompt: Mark minus three and a half on the number line.
      marks: 1
      space: {kind: number-line, from: -5, to: 5, step: 1, minor: 0.5, label: "temperature / °C"}
      answer: An arrow halfway between the fourth and fifth ticks
    - kind: extended
      prompt: Explain how the stopping distance of a car depends on its speed.
      marks: 6
      space: {kind: lines, count: 5}
      final: {label: "stopping distance ="}
      mark_scheme:
        levels:
          - {level: 1, marks: 1-2, descriptor: Simple statements.}
          - {level: 2, marks: 3-4, descriptor: Some explanation.}
          - {level: 3, marks: 5-6, descriptor: Full explanation.}
"""), "      ")

ANSWERS = ("Five metres a second", "Nine joules", "A straight line through the origin", "halfway between")


def _page_streams(path) -> list[bytes]:
    return [page.get_contents().get_data() for page in PdfReader(str(path)).pages]


def _lines_drawn(path) -> int:
    """Straight rules drawn (`x y m x y l S`), every page."""
    return sum(len(re.findall(rb" m [-\d.]+ [-\d.]+ l S", data)) for data in _page_streams(path))


@pytest.mark.parametrize("layout", ["default", "large-print-24", "dyslexia"])
def test_every_space_kind_prints_its_labels_and_final_line_and_no_answer(tmp_path, layout):
    result, out = build_written(tmp_path, "spaces", SPACES, "--layout", layout, "--strict")
    assert result.exit_code == 0, result.output
    folder = out if layout == "default" else out.parent / f"spaces-{layout}"
    student = pdf_text(folder / "motion.pdf")
    for words in ("time / s", "distance / m", "temperature / °C", "speed =", "m/s", "joules", "stopping distance ="):
        assert words in student, (layout, words)
    for number in ("150", "125", "25", "30"):  # the scales' numbers
        assert f" {number} " in f" {student} ", (layout, number)
    assert "...................." in student  # the dotted line to write the answer on
    for answer in ANSWERS:
        assert answer not in student, (layout, answer)
    key = pdf_text(folder / "answer-key.pdf")
    assert all(answer in key for answer in ANSWERS[:3])


def _one_question(space: str, layout: str = "default") -> str:
    return HEAD + textwrap.indent(textwrap.dedent(f"""\
        - kind: short
          prompt: Work it out.
          marks: 2
          space: {space}
          answer: Forty-two
        """), "      ")


def test_a_grid_is_whole_squares_of_the_layouts_size(tmp_path):
    """A 50 mm grid of 5 mm squares across the 160 mm beside the question numbers: 11 rules
    down, 33 across, more than the box of the same height draws (it draws a rectangle)."""
    done, out = build_written(tmp_path / "g", "grid", _one_question("{kind: grid, height: 50}"))
    assert done.exit_code == 0, done.output
    boxed, box_out = build_written(tmp_path / "b", "grid", _one_question("{kind: box, height: 50}"))
    assert boxed.exit_code == 0, boxed.output
    assert _lines_drawn(out / "motion.pdf") - _lines_drawn(box_out / "motion.pdf") == 11 + 33
    big, big_out = build_written(tmp_path / "l", "grid", _one_question("{kind: grid, height: 50}"), "--layout", "large-print-24")
    assert big.exit_code == 0, big.output
    streams = b"".join(_page_streams(big_out.parent / "grid-large-print-24" / "motion.pdf"))
    assert b"\n1 w" in streams or b" 1 w" in streams  # large print: rules of at least 1 pt (layout's spaces.grid)
    assert _lines_drawn(big_out.parent / "grid-large-print-24" / "motion.pdf") < _lines_drawn(out / "motion.pdf")  # bigger squares


def test_lines_named_as_a_space_print_as_the_question_s_own_lines(tmp_path):
    """`space: {kind: lines, count: 4}` is `lines: 4`: the same drawing on the page."""
    spaced, out_a = build_written(tmp_path / "a", "same", _one_question("{kind: lines, count: 4}"))
    plain_pack = _one_question("lines").replace("space: lines", "lines: 4")
    lined, out_b = build_written(tmp_path / "b", "same", plain_pack)
    assert spaced.exit_code == 0 and lined.exit_code == 0
    assert _page_streams(out_a / "motion.pdf") == _page_streams(out_b / "motion.pdf")
    assert _lines_drawn(out_a / "motion.pdf") >= 4


def test_the_dotted_line_ends_a_calculation_at_the_right(tmp_path):
    pack = _one_question("box").replace("answer: Forty-two", 'final: {label: "$v$ =", unit: "m s$^{-1}$"}\n        answer: Forty-two')
    done, out = build_written(tmp_path, "final", pack)
    assert done.exit_code == 0, done.output
    page = PdfReader(str(out / "motion.pdf")).pages[0]
    placed: list[tuple[str, float]] = []
    page.extract_text(visitor_text=lambda t, cm, tm, font, size: placed.append((t, tm[4] * cm[0] + cm[4])) if t.strip() else None)
    dots = [x for t, x in placed if "....." in t]
    assert dots and dots[0] > 150  # right-aligned, not at the left margin
    assert "Forty-two" not in pdf_text(out / "motion.pdf")


BAD = [
    ("grd", "question 1: space 'grd' is not a kind of answer space (did you mean 'grid'?): choose lines, "),
    ("{kind: axes, x: {from: 10, to: 0, step: 2}, y: {from: 0, to: 10, step: 2}}", "x axis: from (10) must be less than to (0)"),
    ("{kind: axes, x: {from: 0, to: 10, step: 3}, y: {from: 0, to: 10, step: 2}}",
     "x axis: a step of 3 does not divide 0 to 10 into whole steps"),
    ("{kind: number-line, from: 0, to: 10, step: 1, minor: 0.3}", "number line: minor ticks every 0.3 must divide the step"),
    ("{kind: grid, height: 2}", "height: must be 10 mm to 250 mm, got 2 mm"),
    ("{kind: axes, x: {from: 0, to: 10, step: 2}}", "missing required field 'y'"),
]


@pytest.mark.parametrize("space,message", BAD)
def test_a_bad_space_is_a_located_error(tmp_path, space, message):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "pack.yaml").write_text(_one_question(space), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert re.search(r"pack\.yaml:12: sheet 'motion', question 1: ", result.output), result.output
    assert message in result.output, result.output


def test_lines_and_another_space_together_are_refused(tmp_path):
    pack = tmp_path / "bad"
    pack.mkdir()
    (pack / "pack.yaml").write_text(_one_question("box").replace("marks: 2", "marks: 2\n        lines: 4"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code != 0
    assert "pack.yaml:12: sheet 'motion', question 1: 'lines:' is for ruled lines but the answer space is a box" in result.output


def test_the_page_estimate_counts_a_space_at_its_height():
    from studypack.spec.questions import KINDS
    from studypack.spec.spaces import lines_at_least
    from studypack.base.units import MM

    model = KINDS["short"].Model

    def made(space):
        return model.model_validate({"kind": "short", "prompt": "p", "marks": 2, "answer": "a", "space": space})
    assert lines_at_least(made({"kind": "box", "height": 90}), 4, 9 * MM) == 10
    assert lines_at_least(made("grid"), 4, 9 * MM) == 4
    assert lines_at_least(made({"kind": "number-line", "from": 0, "to": 5, "step": 1}), 4, 9 * MM) == 0
    assert lines_at_least(made({"kind": "lines", "count": 7}), 4, 9 * MM) == 7


def test_word_and_moodle_carry_the_space_and_the_unit(tmp_path):
    docx = pytest.importorskip("docx")
    done, out = build_written(tmp_path / "w", "spaces", SPACES, "--format", "docx")
    assert done.exit_code == 0, done.output
    document = docx.Document(str(out / "motion.docx"))
    finals = [p.text.replace("\xa0", " ") for p in document.paragraphs if p.style.name == "Final Answer"]
    assert finals[0].startswith("speed = ....") and finals[0].endswith("m/s")
    heights = [t.rows[0].height for t in document.tables if t.rows[0].height]
    assert len(heights) == 3 and min(heights) > 0  # the grid, the box and the axes: empty areas of their height
    captions = " ".join(t.rows[0].cells[0].text for t in document.tables)
    assert "x (time / s) from 0 to 30 in steps of 5" in captions
    assert not any(answer in " ".join(p.text for p in document.paragraphs) for answer in ANSWERS)
    done, out = build_written(tmp_path / "m", "spaces", SPACES, "--format", "moodle")
    assert done.exit_code == 0, done.output
    xml = (out / "motion.moodle.xml").read_text(encoding="utf-8")
    assert "speed = ________ m/s" in xml and r"\(E_k\) = ________ joules" in xml


def test_a_space_never_splits_it_goes_on_whole_with_its_question(tmp_path):
    """A 150 mm grid after 20 ruled lines does not fit under them: all of it, 31 rules down and
    33 across, prints on page 2 with its question, and page 1 holds only the first question."""
    first = HEAD + textwrap.indent(textwrap.dedent("""\
        - kind: short
          prompt: Describe the journey.
          marks: 2
          lines: 20
          answer: Forty-two
        """), "      ")
    both = first + textwrap.indent(textwrap.dedent("""\
        - kind: short
          prompt: Work out the average speed.
          marks: 2
          space: {kind: grid, height: 150}
          answer: Forty-three
        """), "      ")
    alone, out_a = build_written(tmp_path / "a", "split", first)
    done, out_b = build_written(tmp_path / "b", "split", both)
    assert alone.exit_code == 0 and done.exit_code == 0, done.output
    one, two = (re.findall(rb" m [-\d.]+ [-\d.]+ l S", data) for data in _page_streams(out_b / "motion.pdf")[:2])
    page_one_alone = re.findall(rb" m [-\d.]+ [-\d.]+ l S", _page_streams(out_a / "motion.pdf")[0])
    assert len(one) == len(page_one_alone)  # nothing of the grid on page 1
    assert len(two) >= 31 + 33
    reader = PdfReader(str(out_b / "motion.pdf"))
    assert "Work out the average speed" in reader.pages[1].extract_text()


def _widths(path) -> set[float]:
    """The widths of stroked rules (a width followed by a stroke, `S`, before the next width):
    a bold formula's glyph outlines are filled and stroked (`B`, or text in render mode 2), not rules."""
    widths = set()
    for data in _page_streams(path):
        for match in re.finditer(rb"([\d.]+) w\b(.*?)(?=[\d.]+ w\b|\Z)", data, re.S):
            if re.search(rb"\bS\b", match.group(2)):
                widths.add(float(match.group(1)))
    return widths


def test_large_print_draws_every_space_rule_at_1pt_or_more(tmp_path):
    """Large print 24: the rules the spaces add (box border, grid, axes, minor grid, number
    line) are all 1 pt or more; the thinner ones on the page are the page's own (header, name line)."""
    done, out = build_written(tmp_path / "s", "spaces", SPACES, "--layout", "large-print-24")
    plain_pack = _one_question("lines")
    base, base_out = build_written(tmp_path / "p", "spaces", plain_pack, "--layout", "large-print-24")
    assert done.exit_code == 0 and base.exit_code == 0, done.output
    folder = out.parent / "spaces-large-print-24"
    added = _widths(folder / "motion.pdf") - _widths(base_out.parent / "spaces-large-print-24" / "motion.pdf")
    assert added and min(added) >= 1, sorted(added)


def test_an_extended_questions_lines_as_a_space_keep_the_layouts_least_lines_a_mark(tmp_path):
    """In `exam` (3.5 lines a mark for an essay) `space: {kind: lines, count: 5}` on a 6-mark
    extended question prints the 21 lines `lines: 5` gets, not 5."""
    pack = HEAD + textwrap.indent(textwrap.dedent("""\
        - kind: extended
          prompt: Explain how the stopping distance of a car depends on its speed.
          marks: 6
          XX
          mark_scheme:
            levels:
              - {level: 1, marks: 1-3, descriptor: Some explanation.}
              - {level: 2, marks: 4-6, descriptor: Full explanation.}
        """), "      ")
    streams = []
    for name, field in (("a", "lines: 5"), ("b", "space: {kind: lines, count: 5}")):
        done, out = build_written(tmp_path / name, "essay", pack.replace("XX", field), "--layout", "exam")
        assert done.exit_code == 0, done.output
        streams.append(_page_streams(out.parent / "essay-exam" / "motion.pdf"))
    assert streams[0] == streams[1]
    assert sum(len(re.findall(rb" m [-\d.]+ [-\d.]+ l S", data)) for data in streams[1]) >= 21


MATHS_FACE = {"default": "STIXTwoMath", "dyslexia": "NotoSansMath", "large-print-24": "NotoSansMath",
              "large-print-36": "NotoSansMath"}


def _number_labels(path: Path) -> list[tuple[str, int, str]]:
    """(text, baseline y, font) of each run drawn on a PDF's first page."""
    placed: list[tuple[str, int, str]] = []
    page = PdfReader(str(path)).pages[0]
    page.extract_text(visitor_text=lambda t, cm, tm, font, size: placed.append(
        (t.strip(), round(tm[5] * cm[3] + cm[5]), str(font["/BaseFont"]) if font else "")) if t.strip() else None)
    return placed


@pytest.mark.parametrize("layout", ["default", "dyslexia", "large-print-24", "large-print-36"])
def test_a_number_line_labels_its_ticks_in_one_row_with_a_true_minus_in_one_face(tmp_path, layout):
    """Review of issue 22: large print staggered the numbers of -5 to 5 on two rows (odd under
    even), and Noto Sans printed their minus as an en dash beside the prompts' true minus. The
    numbers stand in one row, every minus U+2212, every tick labelled where they fit a third of
    their size apart. r34: default set −5 … −1 in FiraGO (Noto Sans has no true minus) and 0 … 5
    in Noto Sans, one scale in two faces; they are all in the layout's maths face now, as the
    prompt's $-2 < x$ is; and large-print-36 labelled only −5, −2, 0, 2, 5 though its ticks
    stand 20 mm apart and each number fits with a clear gap: it labels every one."""
    done, out = build_written(tmp_path, "line", _one_question("{kind: number-line, from: -5, to: 5, step: 1}"),
                              "--layout", layout, "--strict")
    assert done.exit_code == 0, done.output
    folder = out if layout == "default" else out.parent / f"line-{layout}"
    placed = _number_labels(folder / "motion.pdf")
    words = "".join(t for t, _y, _f in placed)
    assert "\u2013" not in words, placed
    negatives = {(t, y) for t, y, _f in placed if t.startswith("\u2212") and t[1:].isdigit()}
    positives = [y for t, y, _f in placed if t in ("1", "0")]
    rows = {y for _t, y in negatives}
    assert len(rows) == 1 and rows <= set(positives), (layout, placed)
    labels = [(t, face) for t, y, face in placed if y in rows]
    assert {t for t, _f in labels} == {str(n).replace("-", "\u2212") for n in range(-5, 6)}, (layout, placed)
    faces = {face.split("+")[-1] for _t, face in labels}
    assert len(faces) == 1 and MATHS_FACE[layout] in faces.pop(), (layout, labels)
    # among large print's bold words the numbers are emboldened as its formulas are: each
    # filled and stroked (`2 Tr`), the prompt holding no formula; regular words, regular numbers
    data = PdfReader(str(folder / "motion.pdf")).pages[0].get_contents().get_data()
    assert len(re.findall(rb"\b2 Tr\b", data)) == (11 if layout.startswith("large-print") else 0), layout


def test_a_number_line_thins_its_labels_only_where_they_do_not_fit(tmp_path):
    """Large print 36's −10 … 10 by ones: 21 numbers of two and three characters at 36 pt cannot
    each stand clear of the next across an A3 page (31 pt apart, "−10" 62 pt wide): every third
    would do, and every fifth from 0 reaches both ends, so −10, −5, 0, 5 and 10 are labelled."""
    done, out = build_written(tmp_path, "line", _one_question("{kind: number-line, from: -10, to: 10, step: 1}"),
                              "--layout", "large-print-36", "--strict")
    assert done.exit_code == 0, done.output
    placed = _number_labels(out.parent / "line-large-print-36" / "motion.pdf")
    row = next(y for t, y, _f in placed if t == "\u221210")
    shown = {t for t, y, _f in placed if y == row}
    assert shown == {str(n).replace("-", "\u2212") for n in range(-10, 11, 5)}, placed


@pytest.mark.parametrize("start, stop, every", [(-5, 5, 2), (-5, 5, 3), (-6, 6, 2), (-10, 3, 2), (0, 10, 3), (-3, 12, 4)])
def test_a_number_line_always_labels_0_and_both_ends(start, stop, every):
    """r31: large-print-36 labelled -5 to 5 every other tick from an end (-5, -3, ... 5), 0 not
    among them. Whatever the spacing its numbers need, 0 and both ends are labelled, and no other
    labelled tick is closer to its neighbour than that spacing (0 may stand close to an end)."""
    from studypack.views.working import labelled

    values = list(range(start, stop + 1))
    apart = 10.0
    shown = labelled(values, [1.0] * len(values), apart, gap=every * apart - 2, ends=True)
    at = [i for i, show in enumerate(shown) if show]
    required = {0, values.index(0), len(values) - 1}
    assert required <= set(at), (values, at)
    assert all(b - a >= every for a, b in zip(at, at[1:]) if not {a, b} <= required), (values, at)


def _segments(data: bytes) -> list[tuple[float, float, float, float]]:
    return [tuple(float(v) for v in m.groups()) for m in  # type: ignore[misc]
            re.finditer(rb"([-\d.]+) ([-\d.]+) m ([-\d.]+) ([-\d.]+) l S", data)]


@pytest.mark.parametrize("layout", ["default", "large-print-24", "large-print-36", "young-readers"])
def test_a_number_line_s_arrowheads_stand_clear_beyond_its_end_ticks(tmp_path, layout):
    """Large print drew 3 mm arrowheads 2 mm from its 3 mm end ticks (they read as drawn over
    them): each arrowhead stands beyond the last tick by a clear gap of the tick's length at
    least (2 mm at least), and grows with the type."""
    done, out = build_written(tmp_path, "line", _one_question("{kind: number-line, from: -5, to: 5, step: 1}"),
                              "--layout", layout)
    assert done.exit_code == 0, done.output
    folder = out if layout == "default" else out.parent / f"line-{layout}"
    segments = _segments(_page_streams(folder / "motion.pdf")[0])
    ticks = [s for s in segments if s[0] == s[2] and s[1] != s[3]]
    heads = [s for s in segments if s[0] != s[2] and s[1] != s[3]]
    assert len(ticks) == 11 and len(heads) == 4, (ticks, heads)
    tick = max(abs(s[3] - s[1]) for s in ticks)
    first, last = min(s[0] for s in ticks), max(s[0] for s in ticks)
    left_back = max(max(s[0], s[2]) for s in heads if max(s[0], s[2]) < first)
    right_back = min(min(s[0], s[2]) for s in heads if min(s[0], s[2]) > last)
    for gap in (first - left_back, right_back - last):
        assert gap >= max(tick, 2 * 72 / 25.4) - 0.01, (layout, gap, tick)
    length = max(abs(s[2] - s[0]) for s in heads)
    assert length >= 3 * 72 / 25.4 - 0.01
