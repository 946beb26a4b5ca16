"""Exercises taller than what is left of a page, read back from the built example: they break
only at natural points (between items or rows, never fewer than two on either side, the
part carried over saying "Question N continued"), lists of a matching exercise stay whole,
a labelled picture keeps its label lines, and table headings never end on a runt."""

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


@pytest.mark.parametrize("name", LARGE)
def test_an_ordering_exercise_taller_than_a_page_keeps_its_events_whole_with_their_boxes(name, shipped):
    """Large print (`questions.whole`): the stem may stay behind, but the six events and the
    row of boxes they are written in share one page, headed "Question 3 continued"."""
    texts = pages(shipped(name) / "moscow-trials.pdf")
    start = first_page(texts, "Put these events in the order")
    boxes = first_page(texts, "Earliest", start)
    assert sum(1 for line in texts[boxes] if re.fullmatch(r"[A-F]", line)) == 6, texts[boxes][:12]
    if boxes > start:
        assert boxes == start + 1 and texts[boxes][0] == "Question 3 continued", texts[boxes][:3]


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
    """Its word bank, picture and label lines on one page: the stem's, or in large print (the
    picture drawn at its markers' scale) the next, headed "Question 7 continued"."""
    texts = pages(shipped(name) / "moscow-trials.pdf")
    stem = first_page(texts, "The diagram shows how")
    at = first_page(texts, "Each arrow points from a body", stem)
    assert at == stem or name in LARGE and at == stem + 1 and texts[at][0] == "Question 7 continued", texts[at][:3]
    for number in "1234":  # once in the picture's circle, once beside its line to write on
        assert texts[at].count(number) >= 2, f"{name}: label line {number} is not on the picture's page"


@pytest.mark.parametrize("name", LARGE)
def test_a_grid_taller_than_the_page_breaks_between_rows_two_each_side(name, shipped):
    """Two rows at least either side, but one row three lines tall may stay under its stem."""
    texts = pages(shipped(name) / "exam-paper.pdf")
    rows = ("Origin:", "Purpose:", "Value:", "Limitation:")
    found = [(i, sum(1 for line in lines if line.startswith(rows))) for i, lines in enumerate(texts)]
    found = [(i, n) for i, n in found if n]
    assert sum(n for _i, n in found) == 4
    assert all(n >= 2 for _i, n in found[1:]), found
    if found[0][1] < 2:  # one tall row under the stem: the stem is on its page
        assert any("Complete the grid to evaluate" in line for line in texts[found[0][0]])
    for i, _n in found[1:]:
        assert texts[i][0] == "Question 2 continued", texts[i][:3]


@pytest.mark.parametrize("name", LARGE)
def test_a_grid_is_never_broken_to_fill_a_page_and_its_cells_hold_large_handwriting(name, shipped):
    """Large print (`questions.whole`, `spaces.cell_line`): Paper 1 Q2's four rows share one
    page (overleaf from the stem, "Question 2 continued", where stem and grid together are
    taller than a page), each blank cell three of the layout's answer-line spacings deep."""
    texts = pages(shipped(name) / "exam-paper.pdf")
    stem = first_page(texts, "Complete the grid to evaluate")
    rows = [i for i, lines in enumerate(texts) for line in lines
            if line.startswith(("Origin:", "Purpose:", "Value:", "Limitation:"))]
    assert len(rows) == 4 and len(set(rows)) == 1, rows
    if rows[0] != stem:
        assert rows[0] == stem + 1 and texts[rows[0]][0] == "Question 2 continued", texts[rows[0]][:3]
    tops = label_tops(shipped(name) / "exam-paper.pdf", rows[0])
    spacing = layouts.load(name).answer_lines.spacing
    assert min(b - a for a, b in zip(tops, tops[1:])) >= 3 * spacing, (tops, spacing)


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
    """The names with their boxes on one page, the outcomes overleaf headed "Question 4 continued"
    (never a list cut, nor a list left at a page's foot to fill it)."""
    texts = pages(shipped(name) / "moscow-trials.pdf")
    names = first_page(texts, "Grigory Zinoviev")
    outcomes = first_page(texts, "A defendant at the third Moscow")
    if outcomes != names:
        assert outcomes == names + 1 and texts[outcomes][0] == "Question 4 continued", texts[outcomes][:3]


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
