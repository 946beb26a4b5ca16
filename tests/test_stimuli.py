"""Stimuli of every kind (spec/stimuli.py, kinds/stimuli/): a poem numbered by its own lines in
every layout, stanza gaps, anchored line citations resolved per layout, each kind's attribution,
labels, and the warning for fixed line numbers. Read back from the PDFs with their positions."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner

from conftest import ROOT, build_written, pdf_text
from studypack.content.validate import load_pack
from studypack.commands.cli import main

POEM = """\
      Bent double, like old beggars under sacks,
      Knock-kneed, coughing like hags, we cursed through sludge, and on through the long grey mile of the night road,
      Till on the haunting flares we turned our backs,
      And towards our distant rest began to trudge.
      Men marched asleep. Many had lost their boots,
      But limped on, blood-shod. All went lame; all blind; all deaf to everything but the march and the mud,
      Drunk with fatigue; deaf even to the hoots
      Of gas-shells dropping softly behind.

      {#gas}Gas! GAS! Quick, boys!—An ecstasy of fumbling
      Fitting the clumsy helmets just in time,
      But someone still was yelling out and stumbling
      And flound'ring like a man in fire or lime.—
      Dim through the misty panes and thick green light,
      As under a green sea, I saw him drowning.{#drown}


        In all my dreams before my helpless sight,
        He plunges at me, guttering, choking, drowning.
"""

EXTRACT = """\
      My father's family name being Pirrip, and my Christian name Philip, my infant tongue could make of both names nothing longer or more explicit than Pip. So, I called myself Pip, and came to be called Pip.

      I give Pirrip as my father's family name, on the authority of his tombstone and my sister, Mrs. Joe Gargery, who married the blacksmith. As I never saw my father or my mother, and never saw any likeness of either of them, my first fancies regarding what they were like were unreasonably derived from their tombstones. {#shape}*The shape* of the letters on my father's gave me an odd idea that he was a square, stout, dark man, with curly black hair. From the character and turn of the inscription I drew a childish conclusion that my mother was freckled and sickly.{#sickly} To five little stone lozenges, each about a foot and a half long, which were arranged in a neat row beside their grave, I am indebted for a belief I religiously entertained.
"""

PACK = f"""\
title: Reading across subjects
subject: English
level: Year 10
sources:
  - letter: A
    kind: poem
    title: Dulce et Decorum Est
    author: Wilfred Owen
    date: 1920
    text: |
{POEM}
  - letter: B
    kind: extract
    title: Great Expectations
    author: Charles Dickens
    date: 1861
    text: |
{EXTRACT}
  - letter: C
    kind: figure
    title: River Severn discharge, 2024
    credit: Environment Agency
    image: {{file: chart.png, width: 40}}
  - letter: D
    kind: table
    title: River discharge at four gauging stations
    credit: Environment Agency
    shade: true
    columns: [Station, {{header: Discharge, unit: "m³/s"}}]
    rows:
      - [Bewdley, 105.25]
      - [Worcester, 98.5]
      - [Saxons Lode, 1204]
  - letter: E
    kind: story
    title: The Lighthouse Cat
    author: Ann Brown
    text: Once upon a time a small grey cat lived at the top of a tall lighthouse.
sheets:
  - id: reading
    kind: source-analysis
    title: Reading and data
    sources: [A, B, C, D, E]
    questions:
      - kind: short
        prompt: "Read {{lines:gas-drown}} of Text A. How does Owen show panic?"
        marks: 4
        answer: The broken exclamations.
      - kind: short
        prompt: "In {{lines:shape-sickly}} of Extract B, what does Pip imagine from {{line:shape}}?"
        marks: 2
        answer: His parents, from their tombstones.
"""

LAYOUTS = ("default", "large-print-18", "large-print-24")


def written(folder: Path, pack: str = PACK) -> Path:
    """The pack in `folder`/lit, with its chart."""
    (folder / "lit").mkdir(parents=True)
    picture = Path(__file__).resolve().parent.parent / "studypack" / "templates" / "castle.png"
    (folder / "lit" / "chart.png").write_bytes(picture.read_bytes())
    (folder / "lit" / "pack.yaml").write_text(pack, encoding="utf-8")
    return folder / "lit"


def _built(tmp_path: Path, layout: str, pack: str = PACK) -> Path:
    folder = tmp_path / layout
    written(folder, pack)
    arguments = ["build", str(folder / "lit"), "--out", str(folder / "out")]
    result = CliRunner().invoke(main, arguments + ([] if layout == "default" else ["--layout", layout]))
    assert result.exit_code == 0, result.output
    name = "lit" if layout == "default" else f"lit-{layout}"
    return folder / "out" / name / "reading.pdf"


def rows(path: Path) -> list[tuple[int, float, list[tuple[float, str]]]]:
    """Each printed row: (page, top, [(x, run of text)]), runs parted where a gap is wide (a line
    number beside its line)."""
    out = []
    document = pdfium.PdfDocument(str(path))
    for number in range(len(document)):
        textpage = document[number].get_textpage()
        lines: dict[int, list] = {}
        for i in range(textpage.count_chars()):
            ch = textpage.get_text_range(i, 1)
            if ch.strip():
                left, _bottom, right, top = textpage.get_charbox(i, loose=True)
                lines.setdefault(round(top), []).append((left, right, ch))
        for top in sorted(lines, reverse=True):
            runs: list[list] = []
            last = None
            for left, right, ch in sorted(lines[top]):
                if last is None or left - last > 8:
                    runs.append([left, ch])
                else:
                    runs[-1][1] += (" " if left - last > 1.5 else "") + ch
                last = right
            out.append((number, float(top), [(x, s) for x, s in runs]))
    return out


def numbered_lines(path: Path, first: str, last: str) -> dict[int, str]:
    """{line number: the text of the line printed beside it} between the rows starting `first`
    and `last` (one stimulus's text)."""
    printed = rows(path)
    start = next(i for i, (_p, _t, runs) in enumerate(printed) if runs[-1][1].startswith(first))
    end = next(i for i, (_p, _t, runs) in enumerate(printed) if i > start and runs[-1][1].startswith(last))
    text = [(p, t, runs[-1]) for p, t, runs in printed[start:end + 1] if not runs[-1][1].isdigit()]
    found = {}
    for page, top, runs in printed[start:end + 1]:
        for x, words in runs:
            if words.isdigit():
                beside = min((r for r in text if r[0] == page and r[2][0] > x), key=lambda r: abs(r[1] - top))
                assert abs(beside[1] - top) < 8, (words, beside)
                found[int(words)] = beside[2][1]
    return found


def text_lines(path: Path, first: str, last: str) -> list[str]:
    """The printed lines of one text, in order, line numbers left out."""
    printed = rows(path)
    start = next(i for i, (_p, _t, runs) in enumerate(printed) if runs[-1][1].startswith(first))
    end = next(i for i, (_p, _t, runs) in enumerate(printed) if i > start and runs[-1][1].startswith(last))
    left = printed[start][2][-1][0]  # the text's left edge: headers, footers and headings start elsewhere
    return [runs[-1][1] for _p, _t, runs in printed[start:end] if abs(runs[-1][0] - left) < 1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("stimuli")
    return {layout: _built(root, layout) for layout in LAYOUTS}


def test_the_poems_numbers_sit_on_the_same_verse_lines_in_every_layout(built):
    for layout, pdf in built.items():
        numbers = numbered_lines(pdf, "Bent double", "He plunges")
        assert sorted(numbers) == [5, 10, 15], (layout, numbers)
        assert numbers[5].startswith("Men marched asleep"), layout
        assert numbers[10].startswith("Fitting the clumsy helmets"), layout
        assert numbers[15].startswith("In all my dreams"), layout


def test_a_long_verse_line_wraps_under_a_hanging_indent_and_is_not_counted(built):
    printed = rows(built["large-print-18"])
    starts = {runs[-1][1][:12]: runs[-1][0] for _p, _t, runs in printed}
    wrapped = next(i for i, (_p, _t, runs) in enumerate(printed) if runs[-1][1].startswith("Knock-kneed"))
    carried = printed[wrapped + 1][2][-1]
    assert carried[0] > starts["Knock-kneed,"] + 10  # the rest of the line hangs in
    assert starts["In all my dr"] > starts["Bent double,"] + 5  # leading spaces indent the last stanza


def test_a_stanza_break_prints_as_a_gap_and_two_blank_lines_as_one(built):
    printed = [(p, t, runs[-1][1]) for p, t, runs in rows(built["default"])]
    tops = {words[:10]: (page, top) for page, top, words in printed}
    line = tops["Drunk with"][1] - tops["Of gas-she"][1]  # one verse line to the next
    gap = tops["Of gas-she"][1] - tops["Gas! GAS! "][1]
    assert gap > 1.5 * line
    second = tops["As under a"][1] - tops["In all my "][1]
    assert tops["As under a"][0] == tops["In all my "][0] and abs(second - gap) <= 2  # two blank lines: one gap (tops are rounded)


def test_anchored_citations_give_each_layouts_own_numbers_each_right(built):
    said = {}
    for layout, pdf in built.items():
        words = pdf_text(pdf)
        assert "Read lines 9–14 of Text A" in words, layout  # verse: the same everywhere
        found = re.search(r"In lines (\d+)–(\d+) of Extract B, what does Pip imagine from line (\d+)\?", words)
        assert found, (layout, words[-600:])
        start, end, single = map(int, found.groups())
        lines = text_lines(pdf, "My father's family", "From Great Expectations")
        assert "The shape" in lines[start - 1] and "The shape" not in lines[start - 2], (layout, lines)
        assert "sickly." in lines[end - 1], (layout, lines)
        assert single == start
        said[layout] = (start, end)
    assert said["default"] != said["large-print-18"] != said["large-print-24"]
    assert "{" not in pdf_text(built["default"])  # anchors and citations never print as written
    assert "*" not in pdf_text(built["default"])  # emphasis beside an anchor is still emphasis


def test_each_kind_prints_its_own_attribution_never_a_historical_sources(built):
    words = pdf_text(built["default"])
    assert "Dulce et Decorum Est by Wilfred Owen (1920)." in words
    assert "From Great Expectations by Charles Dickens (1861)." in words
    assert "Figure 1: River Severn discharge, 2024" in words and "Table 1: River discharge" in words
    assert words.count("Source: Environment Agency.") == 2
    assert "Text E: The Lighthouse Cat" in words and "By Ann Brown." in words
    assert "Primary source" not in words and "Secondary source" not in words and "Taken from" not in words


def integer_ends(path: Path, numbers: tuple[str, ...]) -> dict[str, float]:
    """Where each number's whole part ends on the page (the right edge of its last digit before the point)."""
    textpage = pdfium.PdfDocument(str(path))[1].get_textpage()
    chars = [(textpage.get_text_range(i, 1), textpage.get_charbox(i)) for i in range(textpage.count_chars())]
    words = "".join(ch for ch, _box in chars)
    found = {}
    for number in numbers:
        at = re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", words)
        assert at, number
        whole = len(number.split(".")[0])
        found[number] = chars[at.start() + whole - 1][1][2]
    return found


def test_a_table_aligns_its_numbers_on_the_decimal_point(built):
    ends = integer_ends(built["default"], ("105.25", "98.5", "1204"))
    assert max(ends.values()) - min(ends.values()) < 1.5, ends  # one point for all: 105|.25, 98|.5, 1204|


def test_a_wrong_label_says_which_forms_are_allowed(tmp_path):
    pack = PACK.replace("    kind: story\n", "    kind: story\n    label: The story\n")
    result, _out = build_written(tmp_path, "lit", pack)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert re.search(r"pack\.yaml:\d+: .*label has the wrong form, got 'The story': write a noun and a letter or number, "
                     r"like Source A, Extract 1, Figure 2, Table 1, Text A, Resource B or Interpretation 1; or none", result.output)


def test_a_cited_anchor_no_text_marks_is_a_located_error(tmp_path):
    pack = PACK.replace("{lines:gas-drown}", "{lines:gas-drowned}")
    result, _out = build_written(tmp_path, "lit", pack)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert re.search(r"pack\.yaml:\d+: sheet 'reading', question 1: the prompt cites the line of anchor 'drowned', "
                     r"which no text marks \(anchors: drown, gas, shape, sickly\)", result.output)


def test_check_warns_where_a_prompt_cites_fixed_lines_of_a_prose_text(tmp_path):
    pack = PACK.replace("{lines:shape-sickly}", "lines 5-8")
    folder = written(tmp_path, pack)
    result = CliRunner().invoke(main, ["check", str(folder), "--strict"])
    assert result.exit_code != 0
    assert re.search(r"pack\.yaml:\d+: sheet 'reading', question 2: 'lines 5-8' is a fixed line number, but Extract B "
                     r"is numbered by printed line, which moves with the layout", result.output), result.output
    verse = PACK.replace("{lines:gas-drown}", "lines 9-14")  # a poem's numbers never move
    (folder / "pack.yaml").write_text(verse, encoding="utf-8")
    assert "fixed line number" not in CliRunner().invoke(main, ["check", str(folder)]).output


def test_word_and_moodle_print_each_kinds_attribution_tables_as_tables_and_verse_by_line(tmp_path):
    import docx

    folder = written(tmp_path)
    for form in ("docx", "moodle"):
        result = CliRunner().invoke(main, ["build", str(folder), "--format", form, "--out", str(tmp_path / "out")])
        assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "out" / "lit" / "reading.docx"))
    paragraphs = [p.text.replace("\xa0", " ") for p in document.paragraphs]  # "Figure 1" is tied
    assert "Dulce et Decorum Est by Wilfred Owen (1920)." in paragraphs
    assert "Figure 1: River Severn discharge, 2024" in paragraphs and "Source: Environment Agency." in paragraphs
    assert "Fitting the clumsy helmets just in time," in paragraphs  # a verse line is its own paragraph
    assert not any("Primary source" in p or "Taken from" in p or "{" in p for p in paragraphs)
    assert "Read lines 9–14 of Text A. How does Owen show panic?" in paragraphs
    assert any(p.startswith("In the lines from “The shape of the…” to “…freckled and sickly.” of Extract B") for p in paragraphs)
    [table] = document.tables
    assert [c.text for c in table.rows[0].cells] == ["Station", "Discharge (m³/s)"]
    assert [c.text.strip() for c in table.rows[3].cells] == ["Saxons Lode", "1204"]
    import xml.etree.ElementTree as ET

    tree = ET.parse(tmp_path / "out" / "lit" / "reading.moodle.xml")
    bank = "\n".join(element.text or "" for element in tree.iter("text"))  # the HTML each question shows
    assert "<th>Discharge (m³/s)</th>" in bank and '<td style="text-align:right">98.5</td>' in bank
    assert "Primary source" not in bank and "Taken from" not in bank and "{#" not in bank
    assert "Fitting the clumsy helmets just in time,<br>" in bank


def test_label_none_prints_no_name_and_the_title_heads_the_box(tmp_path):
    pack = PACK.replace("    kind: story\n", "    kind: story\n    label: none\n").replace("sources: [A, B, C, D, E]", "sources: [E]")
    pack = pack.replace(" of Text A", "").replace(" of Extract B", "").replace("{lines:gas-drown}", "the poem")
    pack = pack.replace("In {lines:shape-sickly}", "In the story").replace(" from {line:shape}", "")
    result = CliRunner().invoke(main, ["build", str(written(tmp_path, pack)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    words = pdf_text(tmp_path / "out" / "lit" / "reading.pdf")
    assert "Text E" not in words and "The Lighthouse Cat Once upon a time" in words


def test_a_poem_is_read_by_verse_line_not_as_one_long_sentence():
    """Rossetti's sonnet is two sentences over fourteen lines: by sentence it read at 'about
    age 50'; read a line at a time, as a pupil reads it, it is within a GCSE pack's level."""
    from studypack.plan.lint import level_age, reading_level

    loaded = load_pack(ROOT / "examples" / "english-literature")
    poem = loaded.pack.source("B")
    reading = reading_level(poem)
    assert reading is not None and reading.by_verse_line
    assert reading.age <= level_age(loaded.pack.level)
    prose = reading_level(loaded.pack.source("A"))
    assert prose is not None and not prose.by_verse_line


def test_a_story_is_headed_by_its_title_and_credited_to_its_author(tmp_path):
    """A reading book heads a story with its title; "By …" goes below. A story without an
    author prints no credit line at all (it printed its title again, alone, at the foot)."""
    from studypack.kinds.stimuli.story.spec import Model, credit

    told = Model(kind="story", letter="A", title="The Lighthouse Cat", author="Ann Brown", date="2019", text="x")
    assert credit(told) == [[("", "By Ann Brown"), ("", " (2019)"), ("", ".")]]
    assert credit(Model(kind="story", letter="A", title="The Runaway Kite", text="x")) == []


def _line_texts(paragraph) -> list[str]:
    def said(line) -> str:
        if isinstance(line, list):
            return "".join(f.text for f in line)
        return "".join(getattr(w, "text", "") for w in getattr(line, "words", []))
    return [said(line) for line in paragraph.blPara.lines]


def test_a_short_last_word_tied_across_markup_is_parted_in_a_narrow_cell():
    # a table header is "<b>Mean depth</b> (m)": "(m)" tied to "depth" across the bold; where
    # the pair is wider than the column it parts again, never cut as "Mean d / epth (m / )"
    from reportlab.lib.enums import TA_CENTER
    from studypack.settings import layout as layouts
    from studypack.views.composer import Composer
    pack_dir = ROOT / "examples" / "geography-fieldwork"
    ctx = Composer(layouts.load("large-print-18"), load_pack(pack_dir).pack, pack_dir)
    narrow = ctx.para("<b>Mean depth</b> (m)", "source.body", alignment=TA_CENTER)
    narrow.wrap(69, 1000)
    assert _line_texts(narrow) == ["Mean", "depth", "(m)"]
    wide = ctx.para("<b>Mean depth</b> (m)", "source.body", alignment=TA_CENTER)
    wide.wrap(120, 1000)
    assert _line_texts(wide) == ["Mean", "depth\xa0(m)"]  # where the pair fits, it stays tied


def test_a_large_print_table_header_breaks_only_between_words(tmp_path):
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / "geography-fieldwork"), "--layout",
                                       "large-print-18", "--strict", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    printed = pdf_text(tmp_path / "geography-fieldwork-large-print-18" / "pack.pdf")
    words = set(printed.split())
    assert {"depth", "velocity", "(m)", "(m/s)"} <= words
    assert not {"d", "epth", "velo", "city"} & words


def test_a_wrapped_underlined_instruction_is_underlined_under_its_words(tmp_path):
    # large print underlines emphasis: the draw-a-line note, set in by the number column, wraps;
    # ReportLab drew its second line's underline a column to the left of the words
    from conftest import tool
    pagelog = tool("pagelog")
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / "primary-reading"), "--layout",
                                       "large-print-18", "--strict", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    log = pagelog.page_log(tmp_path / "primary-reading-large-print-18" / "pack.pdf")
    at = next(i for i, line in enumerate(log) if line.endswith('"on the right."'))
    words_x = int(log[at].split()[1].split(",")[0])
    rule = log[at + 1]
    assert " rule h" in rule, rule
    assert abs(int(rule.split()[1].split(",")[0]) - words_x) <= 1
