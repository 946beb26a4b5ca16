"""Exercises taller than what is left of a page, read back from the built example: they break
only at natural points (between items or rows, never fewer than two on either side, the
part carried over saying "Question N continued"), lists of a matching exercise stay whole,
a labelled picture keeps its label lines, and table headings never end on a runt. In large
print an exercise taller than a page is set across a spread: its first part on a left-hand
(even) page ending "(continues on the facing page →)", the rest on the right-hand page facing
it, headed "Question N (continued from the facing page)"."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from studypack.settings import layout as layouts

LARGE = ["large-print-24", "large-print-36"]


def pages(path) -> list[list[str]]:
    """Each page's text lines (pypdf puts each table cell's line on a line of its own)."""
    return [[line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
            for page in PdfReader(str(path)).pages]


def first_page(texts, words: str, start: int = 0) -> int:
    return next(i for i in range(start, len(texts)) if any(words in line for line in texts[i]))


def assert_spread(texts, left: int, right: int, number: int) -> None:
    """An exercise set across a spread: its first part on a left-hand (even-numbered) page
    ending "(continues on the facing page →)", the rest on the right-hand page facing it,
    headed "Question N (continued from the facing page)" (or "Question N continued" where the
    long head would not fit)."""
    assert (left + 1) % 2 == 0 and right == left + 1, f"pages {left + 1}-{right + 1} are not a spread"
    assert any("(continues on the facing page" in line for line in texts[left]), texts[left][-4:]
    head = " ".join(texts[right][:2])
    assert head.startswith((f"Question {number} (continued from the facing page)",
                            f"Question {number} continued")), texts[right][:3]


@pytest.mark.parametrize("name", LARGE)
def test_an_ordering_exercise_taller_than_a_page_keeps_its_events_whole_with_their_boxes(name, shipped):
    """Large print (`questions.whole`, `questions.spread`): the six events stay whole as a list,
    on one page, and the row of boxes they are written in is on that page or on the page facing
    it (large-print-36: stem and boxes on a left-hand page, the events facing them)."""
    texts = pages(shipped(name) / "moscow-trials.pdf")
    start = first_page(texts, "Put these events in the order")
    events = first_page(texts, "The murder of Kirov", start)
    boxes = first_page(texts, "Earliest", start)
    assert sum(1 for line in texts[events] if re.fullmatch(r"[A-F]", line)) == 6, texts[events][:12]
    if events == boxes == start:
        return
    assert_spread(texts, start, start + 1, 3)  # whatever went on, went on to the facing page
    assert {events, boxes} <= {start, start + 1}, (start + 1, events + 1, boxes + 1)


@pytest.mark.parametrize("name", LARGE)
def test_an_ordering_exercise_in_the_key_breaks_between_events_with_two_or_more_each_side(name, shipped):
    texts = pages(shipped(name) / "answer-key.pdf")
    start = first_page(texts, "Put these events in the order")
    end = first_page(texts, "Earliest", start)
    counts = []
    for i in range(start, end + 1):
        lines = texts[i][:texts[i].index("Earliest")] if i == end else texts[i]
        counts.append(sum(1 for line in lines if re.fullmatch(r"[A-F]", line)))
    assert sum(counts) == 6, counts
    # two events at least on each page, but the last, where the row of boxes goes on with them
    # and counts as one of the carried rows
    assert all(count >= 2 for count in counts[:-1]) and counts[-1] >= 1, f"{name}: events per page {counts}"
    if end > start:  # the events carried over say whose they are, and the boxes go with them
        assert texts[end][0] == "Question 3 continued", texts[end][:3]


@pytest.mark.parametrize("document", ["moscow-trials.pdf", "answer-key.pdf"])
@pytest.mark.parametrize("name", LARGE)
def test_a_stacked_matching_exercise_keeps_each_list_whole(name, document, shipped):
    texts = pages(shipped(name) / document)
    start = first_page(texts, "Match each man")
    names = first_page(texts, "Grigory Zinoviev", start)
    assert any("Leon Trotsky" in line for line in texts[names]), "the numbered names split across pages"
    outcomes = first_page(texts, "A defendant at the third Moscow", start)
    assert any("Tried in secret by a military" in line for line in texts[outcomes]), "the outcomes split"
    if document == "answer-key.pdf":  # the answer stays with the lists it answers
        assert any(line.startswith("Answer: 1 D") for line in texts[outcomes])


@pytest.mark.parametrize("name", ["default", "dyslexia"] + LARGE)
def test_a_labelled_picture_keeps_its_label_lines_on_its_page(name, shipped):
    """Its word bank, picture and label lines on one page (the stem's); or in large print (the
    picture drawn at its markers' scale, taller with its lines than a page) set across a spread:
    the word bank and picture on the left-hand page, the caption and the four label lines on the
    page facing the picture, never overleaf from it."""
    texts = pages(shipped(name) / "moscow-trials.pdf")
    stem = first_page(texts, "The diagram shows how")
    at = first_page(texts, "Each arrow points from a body", stem)
    if at == stem:
        for number in "1234":  # once in the picture's circle, once beside its line to write on
            assert texts[at].count(number) >= 2, f"{name}: label line {number} is not on the picture's page"
        return
    assert name in LARGE, f"{name}: the caption and label lines left the picture's page"
    assert_spread(texts, stem, at, 7)
    assert "Word bank" in texts[stem]
    for number in "1234":  # the picture's circle on the left, its line to write on facing it
        assert texts[stem].count(number) >= 1, f"{name}: circle {number} is not with the picture"
        assert texts[at].count(number) >= 1, f"{name}: label line {number} does not face the picture"


@pytest.mark.parametrize("name", LARGE)
def test_a_grid_taller_than_the_page_breaks_between_rows_two_each_side(name, shipped):
    """Two rows at least either side, never a row parted (each label whole on one page), and
    the two parts on facing pages (large print sets it across a spread, the stem with the first
    rows on the left-hand page)."""
    texts = pages(shipped(name) / "exam-paper.pdf")
    rows = ("Origin:", "Purpose:", "Value:", "Limitation:")
    ends = ("and when?", "it made?", "tell us?", "not tell us?")  # each label's last line
    found = [(i, sum(1 for line in lines if line.startswith(rows))) for i, lines in enumerate(texts)]
    found = [(i, n) for i, n in found if n]
    assert sum(n for _i, n in found) == 4
    assert all(n >= 2 for _i, n in found), found
    for row, end in zip(rows, ends):  # a row's label starts and ends on one page
        start = first_page(texts, row)
        assert any(line.endswith(end) for line in texts[start]), f"{name}: row {row} parted across pages"
    stem = first_page(texts, "Complete the grid to evaluate")
    assert found[0][0] == stem, (stem + 1, found)
    if len(found) > 1:
        assert len(found) == 2, found
        assert_spread(texts, found[0][0], found[1][0], 2)
        assert any("Source A: Zinoviev" in line for line in texts[found[1][0]]), "the facing part lost its heading row"


@pytest.mark.parametrize("name", LARGE)
def test_a_grid_is_never_broken_to_fill_a_page_and_its_cells_hold_large_handwriting(name, shipped):
    """Large print (`questions.whole`, `questions.spread`, `spaces.cell_line`): Paper 1 Q2's
    grid is on its stem's page or, taller with it than a page, set across a spread: the stem
    with two rows on the left-hand page, two facing them, never rows left at a page's foot
    overleaf; each blank cell three of the layout's answer-line spacings deep on every page."""
    texts = pages(shipped(name) / "exam-paper.pdf")
    stem = first_page(texts, "Complete the grid to evaluate")
    rows = [i for i, lines in enumerate(texts) for line in lines
            if line.startswith(("Origin:", "Purpose:", "Value:", "Limitation:"))]
    assert len(rows) == 4, rows
    if set(rows) != {stem}:
        assert rows == [stem, stem, stem + 1, stem + 1], [i + 1 for i in rows]
        assert_spread(texts, stem, stem + 1, 2)
    spacing = layouts.load(name).answer_lines.spacing
    tops = []
    for page in sorted(set(rows)):
        tops = label_tops(shipped(name) / "exam-paper.pdf", page)
        assert len(tops) >= 2, (page + 1, tops)
        assert min(b - a for a, b in zip(tops, tops[1:])) >= 3 * spacing, (page + 1, tops, spacing)


def label_tops(path, page: int) -> list[float]:
    """How far down the page (points) each row label of the grid starts."""
    found: dict[str, float] = {}

    def visit(words, cm, tm, _font, _size):
        word = words.strip()
        if word.startswith(("Origin:", "Purpose:", "Value:", "Limitation:")) and word not in found:
            found[word] = -(tm[5] * cm[3] + cm[5])
    PdfReader(str(path)).pages[page].extract_text(visitor_text=visit)
    return sorted(found.values())


@pytest.mark.parametrize("name", ["default", "dyslexia", "large-print-18"] + LARGE)
def test_grid_labels_never_leave_a_short_word_alone_on_a_line(name, shipped):
    """"Origin: / who made / it, / and when?": the label column widens from its words."""
    for document in ("exam-paper.pdf", "answer-key.pdf"):
        for number, lines in enumerate(pages(shipped(name) / document), start=1):
            assert "it," not in lines and "not" not in lines, f"{name} {document} page {number}: a runt label line"


@pytest.mark.parametrize("name", LARGE)
def test_a_matching_exercise_taller_than_a_page_sets_each_list_on_a_page_of_its_own(name, shipped):
    """The names with their boxes on one page, the outcomes on the page facing them (a spread:
    the names on a left-hand page, "(continues on the facing page →)"; the outcomes headed
    "Question 4 (continued from the facing page)"), never a list cut, nor a list left at a
    page's foot to fill it."""
    texts = pages(shipped(name) / "moscow-trials.pdf")
    names = first_page(texts, "Grigory Zinoviev")
    outcomes = first_page(texts, "A defendant at the third Moscow")
    assert any("Leon Trotsky" in line for line in texts[names]), "the numbered names split across pages"
    assert any("Tried in secret by a military" in line for line in texts[outcomes]), "the outcomes split"
    if outcomes != names:
        assert any("Match each man" in line for line in texts[names]), "the names left their stem"
        assert_spread(texts, names, outcomes, 4)
        assert not any("Grigory Zinoviev" in line or "Leon Trotsky" in line for line in texts[outcomes])


def test_a_keys_grid_carried_away_from_its_stem_says_whose_it_is(shipped):
    """The key's grid goes on whole from its stem and mark scheme (moving them with it would
    leave that page more than half empty): it is headed "Question 2 continued"."""
    texts = pages(shipped("large-print-24") / "answer-key.pdf")
    stem = first_page(texts, "Complete the grid to evaluate")
    grid = first_page(texts, "Source A: Zinoviev", stem)
    assert grid == stem + 1
    assert texts[grid][0] == "Question 2 continued", texts[grid][:3]


@pytest.mark.parametrize("name", LARGE)
def test_the_keys_examples_line_heads_its_first_box(name, shipped):
    texts = pages(shipped(name) / "answer-key.pdf")
    page = texts[first_page(texts, "Examples of creditworthy answers")]
    # with the first box's label and what goes under it (never the label alone at the foot)
    assert "(i) What I can infer:" in page
    assert any(line.startswith("They presented themselves") for line in page)


def test_an_ordering_answer_row_never_goes_over_alone():
    """Where the events fit the page but their row of boxes does not, the last events go on
    with the boxes ("continued"), at least one of them (the boxes count as a carried row):
    the boxes never start a page alone."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from studypack.settings import layout as layouts
    from studypack.content.validate import load_pack
    from studypack.views.composer import Composer
    from studypack.views.toolkit import Indented

    from conftest import EXAMPLE

    ctx = Composer(layouts.load("default"), load_pack(EXAMPLE).pack, EXAMPLE)
    question = next(q for s in ctx.pack.sheets for q in s.all_questions if q.kind == "ordering")
    block = next(f for f in ctx.question(2, question) if type(f).__name__ == "_KeepStart")
    block.most = 100  # as a layout keeping only short openings together (keep_together: 100pt)
    aw = ctx.text_width()
    stem, listing, gap, boxes = block._content
    needed = sum(f.wrap(aw, 1e6)[1] for f in (stem, listing, gap))
    room = needed + boxes.wrap(aw, 1e6)[1] / 2  # the events fit, their boxes do not
    block.canv = Canvas(io.BytesIO())
    block.wrap(aw, room)
    pieces = block.split(aw, room)
    assert any(type(p).__name__ == "_FrameBreak" for p in pieces), [type(p).__name__ for p in pieces]
    carried = pieces[-1]._content
    assert isinstance(carried[0], Indented) and carried[-1] is boxes
    assert len(carried[0].table._cellvalues) >= 1  # an event at least goes over with the boxes
    assert carried[0].heading is not None and "Question 2 continued" in carried[0].heading.text.replace("\xa0", " ")
    kept = next(p for p in pieces if isinstance(p, Indented))
    assert len(kept.table._cellvalues) >= 2
