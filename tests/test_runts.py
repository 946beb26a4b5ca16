"""No one-word last lines: every paragraph ties its last two words where the last is short
(media.text.tie_runt, applied by views.paragraph.Paragraph), and the preflight counts the
runts left on the example's pages (tools/page_defects.py)."""

from __future__ import annotations

import importlib.util

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as PlainParagraph

from pypdf import PdfReader

from studypack.media.text import tie_last, tie_runt, typographic
from studypack.views.paragraph import Paragraph, _line_words

from conftest import EXAMPLE, ROOT

_spec = importlib.util.spec_from_file_location("page_defects", ROOT / "tools" / "page_defects.py")
assert _spec is not None and _spec.loader is not None
page_defects = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_defects)

STYLE = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
TEXT = "The four accused confessed in open court and were all shot."


def _last_lines(paragraph, width: float) -> list[list[str]]:
    paragraph.wrap(width, 1000)
    return [_line_words(line) for line in paragraph.blPara.lines[-2:]]


def _runt_width() -> float:
    """A width at which the text, untied, ends on 'shot.' alone."""
    for width in range(120, 300):
        plain = PlainParagraph(TEXT, STYLE)
        plain.wrap(width, 1000)
        if [str(w) for w in plain.blPara.lines[-1][1]] == ["shot."]:
            return width
    raise AssertionError("no width leaves 'shot.' alone")


def test_tie_runt_ties_a_short_last_word_only():
    assert tie_runt("were all shot.") == "were all\xa0shot."
    assert tie_runt("<b>were</b> all <i>shot.</i>") == "<b>were</b> all\xa0<i>shot.</i>"
    assert tie_runt("all shot.") == "all shot."  # two words: no runt can happen
    assert tie_runt("were all responsibility.") == "were all responsibility."  # not short
    assert tie_runt("were all\xa0shot.") == "were all\xa0shot."  # tied already: never three words


def test_a_word_is_measured_by_its_letters_and_a_cut_mark_is_no_word():
    # "knowledge." is nine letters: a reader sees one short word alone (the review found it so)
    assert tie_runt("from their own knowledge.") == "from their own\xa0knowledge."
    # an editor's cut goes with its word, and that word is the one that must not stand alone
    assert tie_runt("broadcast Stalin's power. […]") == "broadcast Stalin's\xa0power.\xa0[…]"
    assert tie_runt("were all responsibility. […]") == "were all responsibility.\xa0[…]"


def test_a_paragraph_never_ends_on_one_short_word():
    width = _runt_width()
    paragraph = Paragraph(TEXT, STYLE)
    last, before = _last_lines(paragraph, width)[::-1]
    assert last[-2:] == ["all", "shot."]
    assert len(before) > 1
    assert paragraph.runt() == ""


def test_the_detector_sees_a_runt():
    paragraph = Paragraph(TEXT, STYLE)
    paragraph._studypack_tie = False  # as if untied: replace the tie the paragraph made
    for frag in paragraph.frags:
        frag.text = frag.text.replace("\xa0", " ")
    paragraph.wrap(_runt_width(), 1000)
    assert paragraph.runt() == "shot."


def test_a_pair_wider_than_its_column_is_parted_again():
    paragraph = Paragraph("one two threefold fourfold", STYLE)
    paragraph.wrap(45, 1000)  # "threefold fourfold" is wider than 45 pt: cut mid-word if kept tied
    words = [w for line in paragraph.blPara.lines for w in _line_words(line)]
    assert words == ["one", "two", "threefold", "fourfold"]
    assert all(len(_line_words(line)) <= 2 for line in paragraph.blPara.lines)


def _runts(layout: str) -> dict[str, int]:
    results = page_defects.measure(EXAMPLE, layout)
    return {name: page_defects.counts(result)["runt"] for name, result in results.items()}


def test_words_tied_by_no_break_spaces_wider_than_the_line_part_there_not_inside_a_word():
    """A date ("November–December 1927": a month and its year are tied) in a column narrower
    than it breaks at its tie, even after a first wrap at a width it fitted, never "…192 / 7"."""
    paragraph = Paragraph("<b>Late</b> November\u2013December\xa01927", STYLE)  # two fragments: ReportLab keeps the tie
    paragraph.wrap(300, 1000)  # wide: one line
    narrow = 1 + max(PlainParagraph(w, STYLE).minWidth() for w in ("November\u2013December", "1927"))
    assert _last_lines(paragraph, narrow) == [["November\u2013December"], ["1927"]]


def test_the_example_has_no_runts_in_the_default_layout():
    assert _runts("default") == {"pack.pdf": 0, "answer-key.pdf": 0}  # 4 and 7 before the tie


@pytest.mark.slow
def test_the_example_has_no_runts_in_large_print():
    assert _runts("large-print-24") == {"pack.pdf": 0, "answer-key.pdf": 0}  # 18 and 28 before the tie


def test_a_separating_dot_never_starts_a_line():
    """The help box's word list "Lenin · Kirov · opposition": at every width where the list
    wraps, each line ends on its dot and none begins with one (r29 saw "· opposition")."""
    words = "Lenin · Kirov · Zinoviev · Kamenev · Trotsky · opposition · purge · confession"
    wrapped = 0
    for width in range(60, 260, 7):
        paragraph = Paragraph(words, STYLE)
        paragraph.wrap(width, 1000)
        lines = [_line_words(line) for line in paragraph.blPara.lines]
        wrapped += len(lines) > 1
        assert all(line[0] != "·" for line in lines if line), (width, lines)
    assert wrapped


def test_a_count_goes_with_the_word_before_it():
    """r31: mark-scheme bullets ended "(1 mark)." alone on their last line in large print."""
    assert tie_runt("Credit a valid point about speed (1 mark).") == "Credit a valid point about speed\xa0(1\xa0mark)."
    # r30: a list's last item tied to its dot made "Bolsheviks · opposition" one unit, parted at "· opposition"
    assert tie_last("Lenin · Politburo · Old Bolsheviks · purge") == "Lenin · Politburo · Old Bolsheviks · purge"
    assert tie_runt("Lenin · Politburo · Old Bolsheviks · purge") == "Lenin · Politburo · Old Bolsheviks · purge"


def test_a_count_tied_as_a_unit_goes_down_with_its_word(shipped):
    """r32: "(1 mark)." is tied as a unit by `typographic` before the runt rule sees it, and was
    then taken for a tie already made: it stood alone under "…removal as leader" in the exam
    layout's key. The count now takes the word before it down; other tied units stay as they were."""
    said = typographic("The platform called for Stalin's removal as leader (1 mark).")
    assert tie_runt(said).endswith("as leader\xa0(1\xa0mark).")
    assert tie_runt(typographic("It was held in Source B.")) == typographic("It was held in Source B.")
    key = PdfReader(str(shipped("exam") / "answer-key.pdf"))
    lines = [line.strip() for page in key.pages for line in (page.extract_text() or "").splitlines()]
    assert "leader (1 mark)." in lines
    assert "(1 mark)." not in lines and "(2 marks)." not in lines
