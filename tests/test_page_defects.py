"""What a typesetter marks on a proof, found from what the views made (pdf/preflight.defects):
an exercise split over a page with no "continued", a source broken short of a full page or
inside a sentence, a sparse page, a lone line, a hairline under the layout's `minimum_rule`.
The example, pack and key, is held to issue 24's targets in every shipped layout."""

from __future__ import annotations

import importlib.util
import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle

from studypack.pdf import preflight
from studypack.views.composer import Composer
from studypack.views.exercises import FACING, LABEL, Exercise
from studypack.views.paragraph import Paragraph
from studypack.views.notes import Broken, Hairline, Holds, Lone, PageNotes, Piece, SourceBreak, Used

from conftest import EXAMPLE, ROOT

_spec = importlib.util.spec_from_file_location("page_defects", ROOT / "tools" / "page_defects.py")
assert _spec is not None and _spec.loader is not None
page_defects = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_defects)

HEIGHT = 700.0
SHEET = {"title": "Sheet"}
LAYOUTS = sorted(p.stem for p in (ROOT / "studypack" / "layouts").glob("*.yaml"))
# issue 24: large-print-24 at most 8 defects in the pack and key together, dyslexia 4, default and exam 2;
# the other layouts as the one they are made like (young readers, for weaker readers, as dyslexia), or
# held where they are, counted as the eye counts (issue 24's review: an exercise split though it fits a
# page, a key's paragraph broken inside a sentence, a stub page): large-print-18 2 and 24-a3 1 (held at
# 4), large-print-36 8 as large-print-24 (10 until its event list, diagram and grid, each taller than a
# page with their question, were set across spreads; 4 as measured then)
TARGETS = {"default": 2, "exam": 2, "compact": 2, "compact-booklet": 2, "letter": 2, "ink-saver": 2,
           "young-readers": 4, "dyslexia": 4, "dyslexia-coloured-paper": 4,
           "large-print-18": 4, "large-print-24": 8, "large-print-24-a3": 4, "large-print-36": 8}
# over its target as yet, with the count measured (`python tools/page_defects.py sources/show-trials --layout L`)
# (issue 24, lp24: the detector now also counts a page holding only a question's end half empty,
# a list's last item alone under "continued" and a few answer lines carried from a question that
# fits a page, as the eye did; these layouts were measured over their targets with it)
# (issue 24, second round: compact-booklet keeps an answer space of nine lines or fewer whole, `answer_lines.least: 5`, as dyslexia:
# 5 until then, four questions with a few lines carried; now 2, at the cost of two more pages; large-print-24 and
# its A3 within their targets once a key's sheet end and a paragraph's rest were counted as the eye counts)
OVER: dict[str, str] = {
    "large-print-36": "10: eight key pages holding only a question's end (44-59 % used), each before a question "
                      "whose opening cannot part (a stem with an option list whose first two options do not fit, "
                      "an event list, a paragraph with no sentence end in reach; a level band taller than the room "
                      "parts at a sentence end, an option list between options and a 'Why:' at a sentence end, "
                      "lp24d: two thin key pages gone); Source C broken with 36% empty; a thin pack page",
}


def _layouts():
    return [pytest.param(name, marks=pytest.mark.xfail(reason=OVER[name], strict=True)) if name in OVER else name
            for name in LAYOUTS]


def _page(number: int, of: int, *notes, used: float = 0.9, inked: float | None = None) -> PageNotes:
    return PageNotes(SHEET, number, of, [Used(used * HEIGHT, None if inked is None else inked * HEIGHT), *notes])


def _kinds(pages: list[PageNotes], thinnest: float = 0.5, whole: bool = False) -> list[str]:
    return [d.kind for d in preflight.defects(pages, 0, HEIGHT, "pack.pdf", thinnest, whole=whole)]


def test_a_students_exercise_split_counts_under_continued_unless_taller_than_a_page():
    """Issue 24: what the eye counts. A student's exercise that fits a page, split across two,
    is a defect even headed "continued"; one taller than a page may go on, but never leaving its
    question alone on the page before; its writing space going on overleaf is how papers go."""
    def pages(stem, *here):
        return [_page(1, 3, Piece("s:4", "Question 4", "stem", False, stem)), _page(2, 3, *here), _page(3, 3)]

    carried = (Piece("s:4", "Question 4", LABEL, True, 30), Piece("s:4", "Question 4", "table", True, 300))
    assert _kinds(pages(200, *carried), whole=True) == ["split"]
    assert _kinds(pages(200, *carried)) == []  # a key's question goes on under its "continued" line
    found = preflight.defects(pages(200, *carried), 0, HEIGHT, "pack.pdf", 0.5, whole=True)[0]
    assert found.said == ("Question 4 is split across pages, though it fits one: its stem there, its table here")
    tall = [_page(1, 3, Piece("s:4", "Question 4", "stem", False, 200), Piece("s:4", "Question 4", "table", False, 300)),
            _page(2, 3, *carried), _page(3, 3)]
    assert _kinds(tall, whole=True) == []  # 800 pt (the line a split adds not counted)
    lone = [_page(1, 3, Piece("s:4", "Question 4", "stem", False, 150)),
            _page(2, 3, *carried[:1], Piece("s:4", "Question 4", "table", True, 650)), _page(3, 3)]
    assert _kinds(lone, whole=True) == ["split"]  # taller than a page, its question alone before it
    writing = (Piece("s:4", "Question 4", LABEL, True, 30), Piece("s:4", "Question 4", "answer lines", True, 250))
    assert _kinds(pages(200, *writing), whole=True) == []  # (fewer than 30 % of a page carried is a split: see below)


def test_an_exercise_set_across_a_spread_is_whole_only_on_facing_pages():
    """Large print printed double-sided (`questions.spread`): a question taller than a page whose
    parts face each other (a left-hand page 2k, its right-hand 2k+1, headed as such) is read
    whole; the same parts over a page turn (3 to 4) are a split."""
    def pages(left: int):
        stem = Piece("s:4", "Question 4", "stem", False, 150)
        foot = Piece("s:4", "Question 4", FACING, False, 30)
        head = Piece("s:4", "Question 4", FACING, True, 30)
        return [_page(n, 6, *((stem, foot) if n == left else (head, Piece("s:4", "Question 4", "table", True, 650))
                              if n == left + 1 else ())) for n in range(1, 7)]

    assert _kinds(pages(2), whole=True) == []
    assert _kinds(pages(3), whole=True) == ["split"]
    turned = [_page(3, 6, Piece("s:4", "Question 4", "stem", False, 150), Piece("s:4", "Question 4", "table", False, 400)),
              _page(4, 6, Piece("s:4", "Question 4", LABEL, True, 30), Piece("s:4", "Question 4", "table", True, 300))]
    spread = [d.said for d in preflight.defects(turned, 0, HEIGHT, "pack.pdf", 0.5, whole=True, spread=True)]
    assert spread == ["Question 4 goes on over a page turn, not across a spread: its table here"]
    assert _kinds(turned, whole=True) == []  # a layout that sets no spread: it goes on under its "continued"


def test_a_key_paragraph_broken_inside_a_sentence_is_a_split():
    broken = _page(1, 2, Broken("key.answer", "the trials blackened"))
    assert [d.said for d in preflight.defects([broken, _page(2, 2)], 0, HEIGHT, "k.pdf", 0.5)] == [
        "a paragraph of the key breaks to the next page inside a sentence: '… the trials blackened'"]
    assert _kinds([_page(1, 2, Broken("body", "the trials blackened")), _page(2, 2)]) == []


def test_a_stub_page_is_a_few_lines_alone_unless_a_section_starts_after_it():
    stub = _page(1, 3, used=0.45, inked=0.2)
    assert _kinds([stub, _page(2, 3), _page(3, 3)]) == ["sparse"]
    assert _kinds([stub, _page(2, 3, Holds(object, "key.heading"), Holds(object, "body")), _page(3, 3)]) == []  # the layout starts it afresh
    assert _kinds([_page(1, 1, used=0.2, inked=0.2), _page(1, 1)]) == []  # the last page of its sheet
    assert _kinds([_page(1, 2, used=0.45, inked=0.3), _page(2, 2)]) == []


def test_a_page_holding_only_an_exercises_end_half_empty_is_sparse():
    """Issue 24: what the eye counted in large-print-24's key and the detector did not: a page
    holding only the end of a question under its "continued" line, half of it empty."""
    def pages(used, *after):
        tail = _page(2, 4, Piece("s:2", "Question 2", LABEL, True, 30), Piece("s:2", "Question 2", "paragraph", False, 300),
                     used=used)
        return [_page(1, 4, Piece("s:2", "Question 2", "stem", False, 600)), tail, _page(3, 4, *after), _page(4, 4)]

    found = preflight.defects(pages(0.5), 0, HEIGHT, "k.pdf", 0.5)
    assert [(d.kind, d.said) for d in found] == [("sparse", "the page holds only the end of Question 2 (50% of it is used)")]
    assert _kinds(pages(0.7)) == []  # fuller than TAIL
    again = (Piece("s:2", "Question 2", LABEL, True, 30), Piece("s:2", "Question 2", "paragraph", False, 300))
    assert _kinds(pages(0.5, *again)) == []  # it goes on again: not its end
    assert _kinds(pages(0.5, Holds(object, "key.heading"), Holds(object, "body"))) == []  # a key's sheet ends: the next opens a page


def test_an_exercises_last_paragraph_alone_under_continued_is_lone():
    """A list's last bullet carried alone under "Question 7 continued", the next question after it."""
    def page(*mine):
        return _page(2, 3, Piece("s:7", "Question 7", LABEL, True, 30), *mine, Piece("s:8", "Question 8", "stem", False, 100))

    first = _page(1, 3, Piece("s:7", "Question 7", "stem", False, 600))
    alone = preflight.defects([first, page(Piece("s:7", "Question 7", "paragraph", False, 100)), _page(3, 3)],
                              0, HEIGHT, "k.pdf", 0.5)
    assert [(d.kind, d.said) for d in alone] == [("lone", "Question 7's last paragraph alone under its 'continued' line")]
    model = page(Piece("s:7", "Question 7", "paragraph", False, preflight.LONE_TEXT * HEIGHT))  # a model answer: a section
    assert _kinds([first, model, _page(3, 3)]) == []
    two = page(Piece("s:7", "Question 7", "paragraph", False, 100), Piece("s:7", "Question 7", "paragraph", False, 100))
    assert _kinds([first, two, _page(3, 3)]) == []
    # the rest of a paragraph parted at a sentence's end (large-print-24's key, question 2's "Why:")
    rest = page(Piece("s:7", "Question 7", "paragraph", False, 160, rest=True))
    assert _kinds([first, rest, _page(3, 3)]) == []


def test_a_keys_list_never_carries_its_last_item_alone():
    """The default key carried the last bullet of question 5's and question 2's "Credit any of:"
    alone under "continued" (p13, p15); the item before now goes over with it."""
    result = page_defects.measure(EXAMPLE, "default", ("answer-key.pdf",))["answer-key.pdf"]
    assert [d.said for d in result.defects if d.kind == "lone"] == []


def test_a_few_answer_lines_carried_from_a_question_that_fits_a_page_are_a_split():
    """Large-print-24's question 7 (eight lines, four carried) and dyslexia's question 8: a few
    lines of writing space carried overleaf from a question that fits one page."""
    def pages(carried):
        return [_page(1, 2, Piece("s:7", "Question 7", "stem", False, 100), Piece("s:7", "Question 7", "answer lines", False, 170)),
                _page(2, 2, Piece("s:7", "Question 7", LABEL, True, 30),
                      Piece("s:7", "Question 7", "answer lines", True, carried))]

    found = preflight.defects(pages(170), 0, HEIGHT, "p.pdf", 0.5, whole=True)
    assert [(d.kind, d.said) for d in found] == [
        ("split", "Question 7's answer lines go on overleaf, a few carried (24% of a page)")]
    assert _kinds(pages(170)) == []  # a key's (no student writes in it)
    assert _kinds(pages(400), whole=True) == []  # taller than a page with its question: writing space goes on


def test_an_exercise_going_on_without_continued_is_a_split_and_with_it_is_not():
    before = _page(1, 3, Piece("s:4", "Question 4", "stem", False), Piece("s:4", "Question 4", "table", False))
    bare = _page(2, 3, Piece("s:4", "Question 4", "answer lines", False))
    said = _page(2, 3, Piece("s:4", "Question 4", "answer lines", True))
    end = _page(3, 3)
    assert _kinds([before, bare, end]) == ["split"]
    found = preflight.defects([before, bare, end], 0, HEIGHT, "pack.pdf", 0.5)[0]
    assert found.page == 2 and "Question 4" in found.said and "stem and table there, its answer lines here" in found.said
    assert _kinds([before, said, end]) == []
    other = _page(2, 3, Piece("s:5", "Question 5", "stem", False))  # the next question starts the page
    assert _kinds([before, other, end]) == []
    part = _page(2, 3, Piece("s:4", "Question 4", "stem", False))  # its part (b) under its own stem "4(b)"
    assert _kinds([before, part, end]) == []


def test_a_why_starting_a_page_away_from_its_answer_is_a_split_even_under_continued():
    before = _page(1, 2, Piece("s:7", "Question 7", "stem", False), Piece("s:7", "Question 7", "options", False))
    why = _page(2, 2, Piece("s:7", "Question 7", LABEL, True), Piece("s:7", "Question 7", "explanation", False))
    assert [d.said for d in preflight.defects([before, why], 0, HEIGHT, "k.pdf", 0.5)] == [
        "Question 7's explanation ('Why:') starts this page, away from its answer"]
    rows = _page(2, 2, Piece("s:7", "Question 7", "table", True), Piece("s:7", "Question 7", "explanation", False))
    assert _kinds([before, rows]) == []  # the rows it explains went on with it


def test_a_source_breaking_short_of_a_full_page_or_inside_a_sentence_is_a_split():
    end = _page(2, 2)
    assert _kinds([_page(1, 2, SourceBreak("Source A", True)), end]) == []
    assert _kinds([_page(1, 2, SourceBreak("Source A", False)), end]) == ["split"]
    short = preflight.defects([_page(1, 2, SourceBreak("Source A", True), used=0.6), end], 0, HEIGHT, "p.pdf", 0.5)
    assert [d.said for d in short] == ["Source A breaks to the next page with 40% of the page empty"]


def test_a_sparse_page_is_one_its_sheet_goes_on_from():
    assert _kinds([_page(1, 2, used=0.2), _page(2, 2), _page(1, 1)]) == ["sparse"]
    assert _kinds([_page(1, 1, used=0.2), _page(1, 1)]) == []  # the last page of its sheet


def test_lone_lines_and_headings():
    assert _kinds([_page(1, 2, Lone("foot", "The first")), _page(2, 2)]) == ["lone"]
    title = Holds(object, "title")
    assert _kinds([_page(1, 2, title, used=0.5), _page(2, 2)]) == ["lone"]  # a title alone on its page
    text = Holds(object, "body")
    assert _kinds([_page(1, 2, text, Holds(object, "section.heading"), used=0.95), _page(2, 2)]) == ["lone"]
    assert _kinds([_page(1, 2, Holds(object, "section.heading"), text), _page(2, 2)]) == []


def test_a_paragraph_knows_its_line_alone_at_a_page_top():
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    paragraph = Paragraph("The four accused confessed in open court and were all shot. " * 3, style)
    _w, height = paragraph.wrap(200, 1000)
    lines = len(paragraph.blPara.lines)
    here, over = paragraph.split(200, (lines - 1) * 12 + 1)  # all but the last line fit
    for piece in (here, over):
        piece.wrap(200, 1000)
    assert (here.lone(), over.lone()) == ("", "top")
    whole = Paragraph("were all shot.", style)
    whole.wrap(200, 1000)
    assert whole.lone() == ""


def test_a_hairline_is_a_rule_under_the_layouts_minimum_rule():
    pages = [_page(1, 1, Hairline(0.8)), _page(1, 1)]
    assert _kinds(pages, thinnest=1.0) == ["hairline"]
    assert _kinds(pages, thinnest=0.5) == []


def _key(monkeypatch=None) -> tuple[list, str]:
    result = page_defects.measure(EXAMPLE, "exam", ("answer-key.pdf",))["answer-key.pdf"]
    words = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(result.data)).pages)
    return [d for d in result.defects if d.kind == "split"], words


def test_the_key_says_whose_list_goes_on_over_a_page(monkeypatch):
    splits, words = _key()
    assert splits == [] and "Question 9 continued" in words  # its indicative content overleaf
    plain = Composer.question_exercise

    def uncarried(self, number, question=None, printed=None):
        found = plain(self, number, question, printed)
        return Exercise(found.key, found.name)  # no "continued" label for what goes on

    monkeypatch.setattr(Composer, "question_exercise", uncarried)
    splits, words = _key()
    assert "Question 9 continued" not in words
    assert any(d.said.startswith("Question 9 goes on from the page before with no 'continued'") for d in splits)


def test_dyslexia_sources_break_at_a_sentence_end_with_the_page_filled():
    result = page_defects.measure(EXAMPLE, "dyslexia", ("court-statements.pdf",))["court-statements.pdf"]
    assert [d for d in result.defects if d.kind in ("split", "sparse")] == []
    first = PdfReader(io.BytesIO(result.data)).pages[0].extract_text()
    assert "We were actuated by boundless hatred and by lust of power" in " ".join(first.split())  # the whole text


def test_every_shipped_layout_has_a_target():
    assert set(LAYOUTS) == set(TARGETS)


@pytest.mark.slow
@pytest.mark.parametrize("layout", _layouts())
def test_the_example_is_within_its_target(layout):
    results = page_defects.measure(EXAMPLE, layout)
    found = [d for result in results.values() for d in result.defects]
    assert len(found) <= TARGETS[layout], "\n".join(f"{d.file} p{d.page} {d.kind}: {d.said}" for d in found)


def test_a_key_body_kept_whole_never_nests_a_kept_block(monkeypatch):
    """Issue 24: the large-print key keeps its own keep rules (the teacher's key breaks as any
    layout's: kept whole it ran 94 pages, with more part-empty pages, against 91); set whole, as
    `questions.whole` sets a student's exercise, a key body still lays out: a block the body
    keeps together itself goes on apart (`toolkit.keep_exercise`), never nested in the question's
    kept opening, which ReportLab could not measure ('_KeepStart' has no attribute 'canv')."""
    monkeypatch.setattr(Composer, "exercises_whole", lambda self: self.layout.questions.whole)
    result = page_defects.measure(EXAMPLE, "large-print-24", ("answer-key.pdf",))["answer-key.pdf"]
    words = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(result.data)).pages)
    assert "Question 5 continued" in words and result.pages > 80


def _pages(result) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(result.data)).pages]


def test_a_table_carried_whole_away_from_its_stem_says_whose_it_is(tmp_path):
    """Issue 24: young readers' inference boxes (a table each), where the layout lets a question
    that fits a page break to fill the one before, part between the boxes; the box going on to
    the next page, whole, is headed "Question 1 continued" (its own carry). Young readers keeps
    the question whole (`questions.whole`): both boxes on its stem's page."""
    (tmp_path / "parting.yaml").write_text("extends: young-readers\nquestions:\n  whole: false\n")
    result = page_defects.measure(EXAMPLE, str(tmp_path / "parting.yaml"), ("exam-paper.pdf",))["exam-paper.pdf"]
    carried = [t for t in _pages(result) if "(ii) What I can infer" in t and "(i) What I can infer" not in t]
    assert carried and all("Question 1 continued (ii) What I can infer" in t for t in carried)
    assert not any("no 'continued'" in d.said for d in result.defects)
    whole = page_defects.measure(EXAMPLE, "young-readers", ("exam-paper.pdf",))["exam-paper.pdf"]
    assert any("(i) What I can infer" in t and "(ii) What I can infer" in t for t in _pages(whole))


def test_a_keys_why_going_over_takes_the_last_rows_it_explains_with_it():
    """Issue 24: in the large-print key, Question 5's statements and its "Why:" are taller than
    a page; the "Why:" never starts a page alone: the last statements go over with it, under
    "Question 5 continued" and their True and False heads."""
    result = page_defects.measure(EXAMPLE, "large-print-24", ("answer-key.pdf",))["answer-key.pdf"]
    assert [d.said for d in result.defects if "explanation" in d.said] == []
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(result.data)).pages]
    over = [t for t in texts if t.split("Question 5 continued ")[-1].startswith("True False 3 Trotsky")]
    assert len(over) == 1 and "Why:" in over[0]


def test_a_key_paragraph_parts_at_a_sentence_end_or_goes_on_whole():
    """Issue 24: a key's text (`sentences`) breaks over a page only where a sentence ends, two
    lines at least each side; a paragraph with no such end goes on whole, but where a page of
    its own cannot hold it any better (the frame's top) it breaks as any paragraph."""
    style = ParagraphStyle("k", fontName="Helvetica", fontSize=10, leading=12)
    said = "The trials were public. " * 3 + "They blackened Trotsky and spread fear through the party and the army alike. " * 2

    def split(markup, room, top=False):
        paragraph = Paragraph(markup, style)
        paragraph.sentences, paragraph.widows = True, 3
        paragraph._studypack_fresh = top
        paragraph.wrap(150, 1000)
        return paragraph.split(150, room)

    here, over = split(said, 5 * 12 + 1)
    for piece in (here, over):
        piece.wrap(150, 1000)
    assert here.getPlainText().rstrip().endswith(".") and len(here.blPara.lines) >= 2 and len(over.blPara.lines) >= 3
    one = "They blackened Trotsky and spread fear through the party and the army alike, and no one was safe"
    assert split(one, 2 * 12 + 1) == []  # goes on whole
    assert len(split(one, 2 * 12 + 1, top=True)) == 2


def test_the_cover_instructions_are_read_on_one_page_in_large_print():
    """Issue 24: the exam cover's instructions were cut over two pages in large-print-24; kept
    whole they go overleaf together, and the preflight counts them as one block."""
    result = page_defects.measure(EXAMPLE, "large-print-24", ("exam-paper.pdf",))["exam-paper.pdf"]
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(result.data)).pages]
    first, last = "Use black ink", "spelling, punctuation and grammar."
    holding = [t for t in texts if first in t]
    assert len(holding) == 1 and last in holding[0].split(first)[1]
    assert not any("Instructions" in d.said for d in result.defects)
    # two cover pages, not three: the teacher's table (its rows single-spaced, `cover.cell`) goes
    # on with the instructions
    assert texts.index(holding[0]) == 1 and "For the teacher" in holding[0] and "Total 31" in holding[0]
    assert "Exam practice paper" in texts[0] and "Paper 1: The Moscow show trials" in texts[2]


def test_a_tall_question_ending_in_answer_lines_never_leaves_its_stem_alone():
    """Issue 24: in large-print-18, "Why were the trials held in public?" question 2 (a box of
    sentence starters over its lines) left its stem alone at a page's foot, the box and lines
    overleaf; it now starts the next page, its stem, box and lines together."""
    result = page_defects.measure(EXAMPLE, "large-print-18", ("why-public.pdf",))["why-public.pdf"]
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(result.data)).pages]
    stem = "Explain why the Moscow show trials were held in public."
    assert any(stem in t and "Sentence starters" in t for t in texts)
    assert not any("alone on the page before" in d.said for d in result.defects)


def test_a_key_parts_after_a_semicolon_too_but_never_inside_an_entity():
    from studypack.views.paragraph import sentence_ends
    said = "Threats: the NKVD “turned to his family”; a decree made children liable. Salt &amp; bread; then e.g. this"
    ends = [said[:end].split()[-1] for end in sentence_ends(said, clauses=True)]
    assert ends == ["family”;", "liable.", "bread;"]
    assert [said[:end].split()[-1] for end in sentence_ends(said)] == ["liable."]  # a source parts at full stops only


def test_a_keys_why_at_a_page_foot_goes_on_with_the_table_it_explains():
    """Large-print-24 key, question 8: its "Why:" found two lines at the page's foot and its first
    sentence needs three; it goes on whole with the table of groups it explains (never broken
    inside a sentence, never starting a page away from its answer)."""
    result = page_defects.measure(EXAMPLE, "large-print-24", ("answer-key.pdf",))["answer-key.pdf"]
    why = [t for t in _pages(result) if "Why: Zinoviev (August 1936)" in t]
    assert len(why) == 1 and "C, E, F A, B, D" in why[0] and "and third." in why[0]
    assert not [d for d in result.defects if d.kind == "split"]


def test_a_key_bullet_parted_at_a_sentence_end_goes_on_without_a_bullet():
    """Large-print-24 key, question 9: a credit point parted after its semicolon goes on at the
    next page's top as the same point, not under a bullet of its own (it read as two points)."""
    result = page_defects.measure(EXAMPLE, "large-print-24", ("answer-key.pdf",))["answer-key.pdf"]
    pages = _pages(result)
    parted = [n for n, text in enumerate(pages) if "Trotsky, abroad since 1929, still attacked Stalin in print;" in text]
    assert len(parted) == 1 and "every trial accused the defendants" in pages[parted[0] + 1]
    assert "• every trial" not in pages[parted[0] + 1]
    carried = [re.search(r"Question \d+ continued (\S+ \S+)", text) for text in pages]
    assert not [m.group(1) for m in carried if m and re.match(r"•\s*[a-z]", m.group(1))]  # no part of a point as a point


def test_dyslexia_keeps_a_short_answer_space_whole_with_its_question():
    """Issue 24: dyslexia's question 8 (eight lines) was split 4 + 4 over pages 2 and 3 of "The
    road to the show trials"; `answer_lines.least: 5` keeps an answer space of nine lines or
    fewer whole."""
    result = page_defects.measure(EXAMPLE, "dyslexia", ("background-worksheet.pdf",))["background-worksheet.pdf"]
    texts = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(result.data)).pages]
    assert any("Describe two features of the Moscow" in t for t in texts)
    assert not any("Question 8 continued" in t for t in texts)
    assert not [d for d in result.defects if "answer lines" in d.said]


def test_large_print_24_keeps_question_7s_eight_answer_lines_whole():
    """Issue 24: large-print-24's question 7 (eight lines) went 4 + 4 over pages 6 and 7 of "The
    road to the show trials"; `answer_lines.least: 5` keeps an answer space of nine lines or
    fewer whole, and the sheet still takes ten pages."""
    result = page_defects.measure(EXAMPLE, "large-print-24", ("background-worksheet.pdf",))["background-worksheet.pdf"]
    texts = _pages(result)
    assert any("Describe how Stalin’s government used the murder of Kirov" in t for t in texts)
    assert not any("Question 7 continued" in t for t in texts) and result.pages == 10
    assert not [d for d in result.defects if "answer lines" in d.said]


def test_a_keys_matching_table_that_fits_a_page_is_kept_whole():
    """Issue 24: the dyslexia key parted question 4's matching table 3 + 2 rows (p20-21), the last
    names and outcomes overleaf; the two columns side by side stay whole on one page."""
    result = page_defects.measure(EXAMPLE, "dyslexia", ("answer-key.pdf",))["answer-key.pdf"]
    holding = [t for t in _pages(result) if "Match each man to what happened to him" in t]
    assert len(holding) == 1 and "Grigory Zinoviev" in holding[0] and "Leon Trotsky" in holding[0]
    assert "Answer: 1 D, 2 C, 3 A, 4 E, 5 B" in holding[0]


def test_dyslexia_keeps_a_helped_question_whole_rather_than_carry_a_few_lines():
    """Dyslexia's foundation question 2 (help box, twelve lines) was parted 6 + 6, a quarter of a
    page carried; then, kept from that, its stem and help stayed on page 1 with all twelve lines
    overleaf. It now starts page 2 whole, with question 3 under it, and the sheet is still two pages."""
    result = page_defects.measure(EXAMPLE, "dyslexia", ("why-public.pdf",))["why-public.pdf"]
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(result.data)).pages]
    assert len(pages) == 4 and not any("Question 2 continued" in p for p in pages)
    second = pages[1]
    assert "Explain why the Moscow show trials were held in public" in second and "Sentence starters" in second
    assert "What is a show trial?" in second and "Explain why the Moscow" not in pages[0]
    assert [d for d in result.defects if d.kind in ("split", "sparse")] == []
