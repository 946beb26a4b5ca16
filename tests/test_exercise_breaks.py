"""Exercises taller than what is left of a page, read back from the built example: they break
only at natural points (between items or rows, never fewer than two on either side, the
part carried over saying "Question N continued"), lists of a matching exercise stay whole,
a labelled picture keeps its label lines, and table headings never end on a runt."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

LARGE = ["large-print-24", "large-print-36"]


def pages(path) -> list[list[str]]:
    """Each page's text lines (pypdf puts each table cell's line on a line of its own)."""
    return [[line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
            for page in PdfReader(str(path)).pages]


def first_page(texts, words: str, start: int = 0) -> int:
    return next(i for i in range(start, len(texts)) if any(words in line for line in texts[i]))


@pytest.mark.parametrize("document", ["moscow-trials.pdf", "answer-key.pdf"])
@pytest.mark.parametrize("name", LARGE)
def test_an_ordering_exercise_breaks_between_events_with_two_or_more_each_side(name, document, shipped):
    texts = pages(shipped(name) / document)
    start = first_page(texts, "Put these events in the order")
    end = first_page(texts, "Earliest", start)
    counts = []
    for i in range(start, end + 1):
        lines = texts[i][:texts[i].index("Earliest")] if i == end else texts[i]
        counts.append(sum(1 for line in lines if re.fullmatch(r"[A-F]", line)))
    assert sum(counts) == 6, counts
    assert all(count >= 2 for count in counts), f"{name} {document}: events per page {counts}"
    if end > start:  # the events carried over say whose they are, and the boxes go with them
        assert texts[end][0] == "Question 2 continued", texts[end][:3]


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
    texts = pages(shipped(name) / "moscow-trials.pdf")
    page = texts[first_page(texts, "The diagram shows how")]
    for number in "1234":  # once in the picture's circle, once beside its line to write on
        assert page.count(number) >= 2, f"{name}: label line {number} is not on the picture's page"


@pytest.mark.parametrize("name", LARGE)
def test_a_grid_taller_than_the_page_breaks_between_rows_two_each_side(name, shipped):
    texts = pages(shipped(name) / "exam-paper.pdf")
    rows = ("Origin:", "Purpose:", "Value:", "Limitation:")
    found = [(i, sum(1 for line in lines if line in rows)) for i, lines in enumerate(texts)]
    found = [(i, n) for i, n in found if n]
    assert sum(n for _i, n in found) == 4
    assert all(n >= 2 for _i, n in found), found
    for i, _n in found[1:]:
        assert texts[i][0] == "Question 2 continued", texts[i][:3]


@pytest.mark.parametrize("name", LARGE)
def test_the_key_never_carries_one_band_alone_under_a_repeated_header(name, shipped):
    texts = pages(shipped(name) / "answer-key.pdf")
    bands = ("High performance:", "Intermediate performance:", "Threshold performance:")
    for i, lines in enumerate(texts):
        here = [band for band in bands if any(line.startswith(band) for line in lines)]
        if "Descriptor" in lines and here:
            assert len(here) >= 2 or lines.index("Descriptor") > 3, f"{name} key page {i + 1}: {here} alone"


@pytest.mark.parametrize("name", ["default", "dyslexia"] + LARGE)
def test_table_headings_never_end_on_a_single_word(name, shipped):
    """"A defendant at a / Moscow show / trial": headings are set in balanced lines."""
    for document in ("moscow-trials.pdf", "exam-paper.pdf"):
        for number, lines in enumerate(pages(shipped(name) / document), start=1):
            assert "trial" not in lines, f"{name} {document} page {number}: a heading ends on 'trial'"


@pytest.mark.parametrize("name", LARGE)
def test_the_keys_examples_line_heads_its_first_box(name, shipped):
    texts = pages(shipped(name) / "answer-key.pdf")
    page = texts[first_page(texts, "Examples of creditworthy answers")]
    # with the first box's label and what goes under it (never the label alone at the foot)
    assert "(i) What I can infer:" in page
    assert any(line.startswith("They presented themselves") for line in page)


def test_an_ordering_answer_row_never_goes_over_alone():
    """Where the events fit the page but their row of boxes does not, the last events go on
    with the boxes ("continued"), at least two of them: the boxes never start a page alone."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from studypack import layout as layouts
    from studypack.validate import load_pack
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
    assert len(carried[0].table._cellvalues) >= 2  # at least two events go over with the boxes
    assert carried[0].heading is not None and "Question 2 continued" in carried[0].heading.text
    kept = next(p for p in pieces if isinstance(p, Indented))
    assert len(kept.table._cellvalues) >= 2
