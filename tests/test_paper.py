"""The printed page as a typesetter checks it (issue 11): read from the PDFs of the example
pack in every shipped layout. Option lists never cross a page, no text is smaller than the
layout allows, dates never break across lines, and the preflight finds nothing to say."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.platypus import FrameBreak, Paragraph, Spacer
from reportlab.platypus.doctemplate import LCActionFlowable

from studypack.settings import layout as layouts
from studypack.pdf import preflight
from studypack.views import notes
from studypack.views.flowables import AnswerLines
from studypack.views.toolkit import FullWidth
from studypack.app.build import build
from studypack.media.text import inline, tie_last, typographic
from studypack.content.validate import load_pack

from conftest import EXAMPLE, squash

LAYOUTS = layouts.shipped_names()
_BUILT: dict[str, tuple[Path, list]] = {}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


@pytest.fixture
def example_in(tmp_path_factory):
    """The example pack built once per layout per session: (folder, build warnings)."""

    def get(name: str) -> tuple[Path, list]:
        if name not in _BUILT:
            out = tmp_path_factory.mktemp(f"paper-{name}")
            result = build(EXAMPLE, name, out)
            _BUILT[name] = (result.written[0].path.parent, result.warnings)  # out/show-trials-<layout>
        return _BUILT[name]

    return get


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


@pytest.mark.parametrize("name", LAYOUTS)
def test_the_example_pack_builds_with_no_preflight_warning(name, example_in):
    _folder, warnings = example_in(name)
    assert [str(w) for w in warnings] == []


@pytest.mark.parametrize("name", LAYOUTS)
def test_no_option_list_crosses_a_page(name, example_in):
    folder, _ = example_in(name)
    pages = [squash(t) for t in page_texts(folder / "pack.pdf")]
    pack = load_pack(EXAMPLE).pack
    checked = 0
    for question in _questions(pack):
            if question.kind != "multiple-choice":
                continue
            first, last = (squash(o)[:30] for o in (question.options[0], question.options[-1]))
            on_first = [i for i, p in enumerate(pages) if first in p]
            on_last = [i for i, p in enumerate(pages) if last in p]
            assert on_first and on_last, (question.prompt, first, last)
            assert set(on_first) & set(on_last), f"{name}: the options of '{question.prompt[:40]}' cross a page"
            checked += 1
    assert checked >= 5


def _questions(pack):
    for sheet in pack.sheets:
        for _number, _section, question in (sheet.numbered(None) if hasattr(sheet, "numbered") else []):
            yield question


def _sizes(path: Path):
    """(page, text, printed size) of every piece of text, the size scaled by its matrices."""
    for number, page in enumerate(PdfReader(str(path)).pages, start=1):
        found = []

        def visit(text, cm, tm, _font, size, found=found):
            if text.strip() and size:
                a, b, c, d = (tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3],
                              tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                found.append((text.strip(), size * math.sqrt(abs(a * d - b * c))))

        page.extract_text(visitor_text=visit)
        for text, size in found:
            yield number, text, size


@pytest.mark.parametrize("name", ["default", "dyslexia", "large-print-18", "large-print-24", "exam"])
def test_every_text_is_at_least_the_layout_minimum(name, example_in):
    folder, _ = example_in(name)
    minimum = layouts.load(name).minimum_text_size
    assert minimum > 0
    for document in ("pack.pdf", "answer-key.pdf"):
        small = [(page, text[:30], round(size, 2)) for page, text, size in _sizes(folder / document)
                 if size < minimum - 0.05]
        assert small == [], f"{name} {document}: text below {minimum} pt"


@pytest.mark.parametrize("name", ["default", "exam", "large-print-24", "dyslexia"])
def test_dates_never_break_across_lines(name, example_in):
    folder, _ = example_in(name)
    broken = re.compile(rf"\b\d{{1,2}}\s*\n\s*(?:{MONTHS})\b|\b(?:{MONTHS})\s*\n\s*\d{{4}}\b")
    for document in ("pack.pdf", "answer-key.pdf", "source-booklet.pdf"):
        for number, text in enumerate(page_texts(folder / document), start=1):
            match = broken.search(text)
            assert match is None, f"{name} {document} page {number}: {match.group(0)!r}"


def test_large_print_gives_more_lines_than_standard_print_to_a_question_that_sets_its_lines():
    from studypack.views.composer import Composer

    pack = load_pack(EXAMPLE).pack
    question = next(q for q in _questions(pack) if getattr(q, "lines", None))
    standard = Composer(layouts.load("default"), pack, EXAMPLE).line_count(question)
    large = Composer(layouts.load("large-print-24"), pack, EXAMPLE).line_count(question)
    assert standard == question.lines and large > standard


def test_line_breaking_ties():
    assert typographic("On 1 December 1934 Kirov") == "On 1\xa0December\xa01934 Kirov"
    assert typographic("worth 16 marks, said J. V. Stalin of Source B") == \
        "worth 16\xa0marks, said J.\xa0V.\xa0Stalin of Source\xa0B"
    assert typographic("In 1934 the") == "In 1934 the"  # a year is not a count
    assert inline("the 'show' trials, \"he said\"; Stalin's") == "the ‘show’ trials, “he said”; Stalin’s"
    assert inline("a \"quoted\" source", quotes=False) == 'a "quoted" source'
    assert tie_last("Explain your answer.") == "Explain your\xa0answer."
    assert tie_last("one") == "one"


def test_preflight_names_sheet_page_and_what():
    page = preflight.PageNotes({"title": "Quick checks"}, 3, 3, [notes.TextSize(5.5), notes.Used(10.0), notes.OptionsSplit(),
                                                                 notes.Holds(AnswerLines),
                                                                 notes.SourceLines("Source E", 1)])
    found = [str(p) for p in preflight.check([page], 7.0, 700.0, "pack.pdf")]
    assert any("pack.pdf, sheet 'Quick checks', page 3: text at 5.5 pt, below the layout's minimum of 7 pt" in f
               for f in found)
    assert any("only a few answer lines carried over" in f for f in found)
    assert any("options is split" in f for f in found)
    assert any("Source E has only 1 line" in f for f in found)


def test_strict_turns_a_preflight_warning_into_an_error(tmp_path):
    """A formula wider than the line with nowhere to break it (no relation, no sign) overflows
    its line: the preflight warns; --strict refuses and writes nothing."""
    from studypack.base.errors import StudypackError

    pack = tmp_path / "wide"
    pack.mkdir()
    product = "".join(f"x_{{{n}}}" for n in range(1, 60))
    (pack / "pack.yaml").write_text(
        'title: "Wide"\nsubject: Maths\nlevel: "GCSE"\nsheets:\n  - id: s1\n    kind: worksheet\n'
        '    title: "Products"\n    questions:\n      - kind: short\n'
        f"        prompt: 'Simplify ${product}$ if you can.'\n        marks: 1\n        answer: 'It is as simple as it gets.'\n",
        encoding="utf-8")
    result = build(pack, None, tmp_path / "out")
    assert any("overflows its box" in str(w) for w in result.warnings)
    with pytest.raises(StudypackError):
        build(pack, None, tmp_path / "strict", strict=True)
    assert not (tmp_path / "strict" / "wide" / "s1.pdf").exists()


def _page(used: float, *held: type, number: int = 2) -> preflight.PageNotes:
    noted = [notes.Used(used)] + [notes.Holds(h) for h in (LCActionFlowable, *held)]
    return preflight.PageNotes({"title": "Sources A and B"}, number, number, noted)


def test_preflight_flags_a_page_of_a_few_carried_lines_or_a_token_remainder():
    """A page holding only answer lines carried over (and "End of questions") must fill half of
    it (the layout's `carried`); any other page after a sheet's first must hold more than a
    token remainder, unless a question starts on it."""
    def said(page):
        return " ".join(str(p) for p in preflight.check([page], 7.0, 700.0, "pack.pdf", 0.5))

    assert "only a few answer lines carried over (40%" in said(_page(280.0, AnswerLines, type(FrameBreak)))
    assert said(_page(420.0, AnswerLines, type(FrameBreak))) == ""
    assert "page 2: the page holds only a few lines (10%" in said(_page(70.0, Paragraph, Spacer))
    assert said(_page(70.0, FullWidth, AnswerLines, Paragraph)) == ""  # a whole question starts here
    assert said(_page(70.0, Paragraph, number=1)) == ""  # a sheet's only page


def _lines(count: int, **settings):
    from studypack.views.flowables import AnswerLines

    lines = AnswerLines(count, 25.0, "#888888", 0.5)
    lines.top_room, lines.least, lines.carried, lines.squeeze, lines.spill = 700.0, 3, 0.5, 0.85, 3
    for key, value in settings.items():
        setattr(lines, key, value)
    return lines


def test_answer_lines_break_only_into_substantial_parts():
    # 16 lines, 11 of them fit: 5 would go over (125 of 700 points), a few carried (issue 24: under
    # FEW_CARRIED of a page): 9 go over, and another question follows them; where the page demands it
    # (`must`: it is empty, or the question is taller than a page) 11 stay
    first, rest = _lines(16).pieces(500, 11 * 25.0 + 1)
    assert (first.count, rest.count, rest.continued) == (7, 9, True)
    assert [p.count for p in _lines(16).pieces(500, 11 * 25.0 + 1, must=True)] == [11, 5]
    # 12 lines, 6 fit: 6 would go over, and 9 cannot without leaving fewer than `least` (5) here:
    # all go on (dyslexia's question 2, once parted 6 + 6 with a third of the next page)
    assert _lines(12, least=5).pieces(500, 6 * 25.0 + 1) == []
    # two would go over: closed up, all stay; where the layout closes up none, no few go over, but
    # a third of a page of them (9); on a page that demands a split, three (`least`)
    assert [p.count for p in _lines(16).pieces(500, 14 * 25.0 + 1)] == [16]
    first, rest = _lines(16, spill=0).pieces(500, 14 * 25.0 + 1)
    assert (first.count, rest.count) == (7, 9)
    assert [p.count for p in _lines(16, spill=0).pieces(500, 14 * 25.0 + 1, must=True)] == [13, 3]
    # only two fit here: all of them go on (with the question, see _KeepStart)
    assert _lines(16).pieces(500, 2 * 25.0 + 1) == []


def test_the_sheets_last_lines_never_leave_a_token_remainder():
    """Lines that end a sheet: what goes over fills half a page, or all of them go on whole."""
    # 16 lines, 9 fit: 7 lines (175 of 700 points) would end the sheet alone: all go on
    assert _lines(16, ends=True).pieces(500, 9 * 25.0 + 1) == []
    # on a page of their own (or where nothing better can happen) 14 lines stay, 14 go over
    first, rest = _lines(28, ends=True, spill=0).pieces(500, 26 * 25.0 + 1, must=True)
    assert rest.count * 25.0 >= 0.5 * 700.0 and first.count + rest.count == 28 and first.count >= 3


def test_a_glossary_never_ends_on_a_term_or_two(example_in):
    folder, _ = example_in("default")
    pages = page_texts(folder / "glossary.pdf")
    assert len(pages) >= 2
    terms = ("Central Committee", "collectivisation", "confession", "Gulag", "kulak", "NKVD", "Politburo",
             "show trial", "Trotskyite", "rehabilitation", "purge", "Old Bolsheviks")
    last = squash(pages[-1])
    assert sum(squash(t) in last for t in terms) >= 3


def test_the_large_print_glossary_is_single_spaced_on_four_pages_with_one_rule_under_the_header(example_in):
    """Issue 24: the large-print-24 glossary took 5 pages for 14 terms, each page after the first
    with the entries' rule drawn again under the header's (a double rule). Its definitions are
    set 24 pt on 28 pt (`glossary.definition`), each entry still whole on its page."""
    from conftest import tool
    folder, _ = example_in("large-print-24")
    texts = [t for t in page_texts(folder / "glossary.pdf") if "BLANK PAGE" not in t]
    assert len(texts) == 4
    log = tool("pagelog").page_log(folder / "glossary.pdf")
    rules: dict[str, list[int]] = {}
    for line in log:
        if " rule h" in line:
            rules.setdefault(line.split()[0], []).append(int(line.split()[1].split(",")[1]))
    timeline = tool("pagelog").page_log(folder / "timeline.pdf")
    for line in timeline:  # the timeline's list, split by rows, had the same double rule
        if " rule h" in line:
            rules.setdefault("timeline " + line.split()[0], []).append(int(line.split()[1].split(",")[1]))
    for page, heights in rules.items():
        header = max(heights)
        assert not [y for y in heights if 0 < header - y < 30], f"{page}: a rule right under the header's"
    definition = [line for line in log if '"of arrests and executions in the USSR in' in line]
    assert definition and " 24 " in definition[0]
    lines = sorted({int(line.split()[1].split(",")[1]) for line in log if line.startswith("p2 ") and " 24 " in line},
                   reverse=True)
    assert min(a - b for a, b in zip(lines, lines[1:])) == 28  # single-spaced in an entry


@pytest.mark.parametrize("name", ["default", "dyslexia", "large-print-24"])
def test_a_glossary_term_never_leaves_its_last_word_alone(name, example_in):
    """"Great Terror (Great Purge)" in a narrow term column breaks before "(Great Purge)" (or,
    where large print gives each term its own line, stands whole), never as "Great Terror
    (Great / Purge)"."""
    folder, _ = example_in(name)
    lines = [line for page in PdfReader(str(folder / "glossary.pdf")).pages
             for line in (page.extract_text(extraction_mode="layout") or "").splitlines()]
    assert any("Great Terror" in line for line in lines)
    whole = any(re.search(r"Great\s+Terror\s+\(Great\s+Purge\)", line) for line in lines)  # large print: a term's own line
    assert whole or any(re.match(r"\s*\(Great\s+Purge\)", line) for line in lines), "the term's last two words go down together"
    assert not any(re.match(r"\s*Purge\)", line) for line in lines)


@pytest.mark.parametrize("name", LAYOUTS)
def test_a_question_that_fits_on_a_page_is_never_split_and_a_word_bank_stays_whole(name, example_in):
    """The true/false table, the two-from-five options and the word bank print whole, with their
    question, in every layout (large print once broke them after the stem to fill pages)."""
    folder, _warnings = example_in(name)
    pages = [squash(t) for t in page_texts(folder / "moscow-trials.pdf")]
    together = [("Are these statements true or false?", "Nikolai Bukharin was a defendant at the third"),
                ("Which two of these men were defendants", "Mikhail Tukhachevsky"),
                ("Word bank", "appeal")]
    for first, last in together:
        holding = [n for n, page in enumerate(pages) if squash(first) in page]
        assert holding and squash(last) in pages[holding[0]], (name, first, last)
    bank = next(page for page in pages if "Word bank" in page)
    for word in ("Leningrad", "Nikolai Yezhov", "Leonid Nikolaev", "1 December"):  # no word broken inside
        assert squash(word) in bank, (name, word)


def test_a_sheets_total_never_parts_from_its_marks(example_in):
    """Large print's narrow measure once set "· Total: / 31 marks (including 4 for SPaG)"."""
    folder, _ = example_in("large-print-24")
    lines = [line.strip() for page in PdfReader(str(folder / "pack.pdf")).pages
             for line in (page.extract_text(extraction_mode="layout") or "").splitlines()]
    assert any(re.search(r"Total:\s+31\s+marks \(including\s+4\s+for\s+SPaG\)", line) for line in lines)
    assert not any(line.endswith("Total:") for line in lines)


pytestmark = pytest.mark.slow  # run by `python -m pytest -m slow` (and .ci/run), not by the fast suite
