"""The answer key as a teacher reads it: a bullet item carried over a page goes on without a
second bullet and hangs clear of its bullet at any size; reasons print one marker each; a
gap's number never touches its answer; numbers never part from their nouns; the key's own
words use typographic apostrophes; headings and answers keep with what follows them."""

from __future__ import annotations

import io
import re

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Spacer

from studypack.settings import layout as layouts
from studypack.content.validate import load_pack
from studypack.views.composer import Composer, marks_words
from studypack.views.documents import answer_key
from studypack.views.paragraph import Paragraph
from studypack.views.toolkit import Indented, keep_with_stem

from conftest import EXAMPLE, pdf_text


def _composer(name: str) -> Composer:
    return Composer(layouts.load(name), load_pack(EXAMPLE).pack, EXAMPLE, key=True)


def test_a_bullet_item_split_across_pages_continues_without_a_bullet():
    ctx = _composer("large-print-24")
    item = ctx.key_list("Credit any of", ["word " * 80])[1]
    pieces = item.split(ctx.text_width(), ctx.style("key.answer").leading * 4)
    assert len(pieces) == 2
    assert pieces[0].bulletText == "•" and pieces[1].bulletText is None
    again = pieces[1].split(ctx.text_width(), ctx.style("key.answer").leading * 4)
    assert all(p.bulletText is None for p in again)


def test_a_bullet_items_lines_hang_clear_of_its_bullet_in_every_layout():
    for name in ("default", "large-print-24", "dyslexia"):
        ctx = _composer(name)
        for item in ctx.key_list("Why", ["a reason"], ["4."])[1:] + ctx.key_list("Credit", ["a point"])[1:]:
            st = item.style
            marker = stringWidth(item.bulletText, st.bulletFontName, st.bulletFontSize)
            assert st.leftIndent >= st.bulletIndent + marker + 0.6 * st.bulletFontSize, name


def test_true_false_reasons_print_their_number_and_no_bullet():
    ctx = _composer("default")
    question = next(q for s in ctx.pack.sheets for q in s.all_questions if q.kind == "true-false")
    reasons = [f for f in ctx.body(question) if isinstance(f, Paragraph) and f.bulletText]
    assert [r.bulletText for r in reasons] == ["1.", "2.", "3.", "4."]
    assert not any(r.text.lstrip().startswith(("1.", "•")) for r in reasons)


def test_key_gap_numbers_stand_apart_from_their_answers(built):
    folder, _result = built
    words = pdf_text(folder / "answer-key.pdf")
    assert "(1)1 December" not in words and "(1)\xa01 December" in words or "(1) 1 December" in words


def test_numbers_keep_their_nouns():
    assert marks_words(151, 4) == "151\xa0marks +\xa04\xa0SPaG"
    pack = load_pack(EXAMPLE).pack
    tiered = next(s for s in pack.sheets if s.tiered)
    assert answer_key._marks(tiered, None, short=True) == f"F\xa0{tiered.total_for('foundation')}, H\xa0{tiered.total_for('higher')}"
    assert answer_key._marks_apart(tiered, None).endswith("\xa0marks")


def test_the_keys_own_words_use_typographic_apostrophes():
    ctx = _composer("exam")
    pack = ctx.pack
    tiered = next(s for s in pack.sheets if s.tiered)
    preamble = " ".join(f.text for f in _flat(answer_key.sheet_scheme(tiered, 1, ctx, None)) if isinstance(f, Paragraph))
    assert "question’s" in preamble and "tier’s" in preamble and "'s" not in preamble


def test_a_sheet_heading_keeps_with_its_preamble_and_first_question():
    """The heading, its preamble and its sources are in one block with the first question's
    stem: a page break can come before the heading or after the stem, never between."""
    ctx = _composer("exam")
    tiered = next(s for s in ctx.pack.sheets if s.tiered)
    parts = answer_key.sheet_scheme(tiered, 1, ctx, None)
    block = next(f for f in parts if isinstance(f, KeepTogether))
    inside = block._content
    texts = [f.text for f in inside if isinstance(f, Paragraph)]
    assert "Foundation" in texts[0] and "marks" in texts[0]  # the heading first
    assert any("question’s" in t for t in texts)
    if tiered.sources:
        assert any(t.startswith("Source") for t in texts)
    assert any(type(f).__name__ == "FullWidth" for f in inside)  # with the first question's stem
    assert not any(isinstance(f, Paragraph) for f in parts[:parts.index(block)])  # nothing of it outside


def _flat(flowables) -> list:
    """Flowables with the content of kept blocks spelled out."""
    out = []
    for f in flowables:
        out.extend(_flat(f._content) if isinstance(f, KeepTogether) else [f])
    return out


def test_ticked_options_keep_their_why():
    ctx = _composer("default")
    question = next(q for s in ctx.pack.sheets for q in s.all_questions
                    if q.kind == "multiple-choice" and q.explanation)
    head, _tail = keep_with_stem(ctx.body(question))
    assert isinstance(head[0], Indented) and isinstance(head[1], Paragraph) and "Why" in head[1].text


def test_totals_keep_the_last_lines_of_the_last_block_not_all_of_it():
    ctx = _composer("large-print-24")
    aw = ctx.text_width()
    last = ctx.para("word " * 60, "key.answer")
    _w, tall = last.wrap(aw, ctx.text_height())
    lines = len(last.blPara.lines)
    block, = ctx.closed([last], [Spacer(1, 6), ctx.total_line("Total for the pack", 151, 4)])
    block.canv = Canvas(io.BytesIO())
    pieces = block.split(aw, tall + 2)  # room for the paragraph, not for its totals
    assert len(pieces) == 2 and isinstance(pieces[0], Paragraph)
    stays = len(pieces[0].blPara.lines)
    assert stays == lines - 2, (stays, lines)  # only its last two lines go on with the totals


def test_an_ordering_answer_keeps_its_why():
    ctx = _composer("exam")
    question = next(q for s in ctx.pack.sheets for q in s.all_questions if q.kind == "ordering" and q.explanation)
    head, _tail = keep_with_stem(ctx.body(question))
    said = [f.text for f in head if isinstance(f, Paragraph)]
    assert any("Answer" in t for t in said) and any("Why" in t for t in said)


def _summary_lines(name: str) -> tuple[list[str], list[str]]:
    """The lines of the key summary's total cell and of Paper 1's marks cell."""
    ctx = _composer(name)
    summary = answer_key._summary(answer_key._question_sheets(ctx.pack, None), ctx, None)
    summary.wrap(ctx.text_width(), ctx.text_height())
    cells = summary.table._cellvalues

    def lines(cell) -> list[str]:
        cell = cell[0] if isinstance(cell, (list, tuple)) else cell
        return [" ".join(str(getattr(w, "text", w)) for w in (line[1] if isinstance(line, tuple) else line.words))
                for line in cell.blPara.lines]

    return lines(cells[-1][-1]), lines(cells[-2][-1])


def test_the_key_summary_gives_totals_as_the_headings_do_each_tiers_on_one_line():
    """The summary says "27 + 4 SPaG" for Paper 1 and "F 152 + 4 SPaG, H 154 + 4 SPaG" for the pack,
    as the sheet's heading and the pack's totals do, not "31" and "F 156, H 158" beside them."""
    for name in ("default", "dyslexia"):
        total, paper = _summary_lines(name)
        assert [line.replace("\xa0", " ").strip(" ,") for line in total] == ["F 152 + 4 SPaG", "H 154 + 4 SPaG"], name
        assert [line.replace("\xa0", " ") for line in paper] == ["27 + 4 SPaG"], name
    total, _paper = _summary_lines("large-print-24")  # too wide for a third of the page: SPaG under the total
    assert [line.replace("\xa0", " ").strip(" ,") for line in total] == ["F 152", "+ 4 SPaG", "H 154", "+ 4 SPaG"]


def test_an_explanation_never_carries_two_lines_alone_to_the_next_page():
    ctx = _composer("large-print-24")
    why, = ctx.key_text("Why", "word " * 70)
    aw, leading = ctx.text_width(), why.style.leading
    why.wrap(aw, 1e6)
    lines = len(why.blPara.lines)
    assert lines >= 6
    pieces = why.split(aw, (lines - 2) * leading + 1)  # room for all but two lines
    assert len(pieces) == 2
    pieces[1].wrap(aw, 1e6)
    assert len(pieces[1].blPara.lines) >= 3 and len(pieces[0].blPara.lines) >= 2


def test_key_table_cells_and_level_descriptors_never_end_on_one_word():
    """In a narrow column "…accepted all the / blame." stands out: the last two words go down together."""
    ctx = _composer("exam")
    sentence = "They presented themselves as completely guilty and accepted all the blame."
    for para in ctx.cell_paras(sentence, "key.answer") + [ctx.para(sentence, "key.level")]:
        for width in range(90, 260, 7):  # every narrow column a cell may get
            para.wrap(width, 1e6)
            last = para.blPara.lines[-1]
            words = last[1] if isinstance(last, tuple) else last.words
            assert len(" ".join(str(getattr(w, "text", w)) for w in words).split()) >= 2, width
    short, = ctx.cell_paras("Stalin ordered it.", "key.answer")  # tied, but never cut mid-word:
    face, size = short.style.fontName, short.style.fontSize
    between = (stringWidth("ordered", face, size) + stringWidth("ordered\xa0it.", face, size)) / 2
    short.wrap(between, 1e6)  # a column narrower than "ordered it." parts the pair again
    words = [w for line in short.blPara.lines for w in " ".join(
        str(getattr(w, "text", w)) for w in (line[1] if isinstance(line, tuple) else line.words)).split()]
    assert words == ["Stalin", "ordered", "it."]


def _key_pages(layout: str) -> list[str]:
    from pypdf import PdfReader

    from test_page_defects import page_defects

    result = page_defects.measure(EXAMPLE, layout, ("answer-key.pdf",))["answer-key.pdf"]
    pages = [" ".join(page.extract_text().replace("\xa0", " ").split()) for page in PdfReader(io.BytesIO(result.data)).pages]
    return [re.sub(r" ?Stalin’s Show Trials, 1936–38 ?| ?Page \d+ of \d+ ?", " ", page).strip() for page in pages]  # the body only


def test_a_level_band_taller_than_the_room_parts_at_a_sentence_end_under_its_head_again():
    # large-print-24's key: question 4 (Sources C and E, 8 marks) starts under question 3's last
    # points instead of leaving that page half empty; its Level 4 band parts after its first
    # sentence, and the rest goes on under "Question 4 continued" and the band's head again
    pages = _key_pages("large-print-24")
    at = next(i for i, words in enumerate(pages) if "How far do Sources C and E agree" in words)
    here, overleaf = pages[at], pages[at + 1]
    assert "report the platform, not for writing it." in here  # question 3's end on the same page
    assert "Level 4 · 7–8 marks Sustained comparison" in here
    assert here.endswith("with precise reference to both."), here[-120:]
    assert "Question 4 continued Level 4 · 7–8 marks (continued) Reaches a supported judgement" in overleaf, overleaf[:160]


def test_a_level_band_never_parts_with_fewer_than_two_lines_either_side():
    ctx = _composer("large-print-24")
    from studypack.views.toolkit import _band_parted

    width = ctx.text_width() - ctx.number_width
    lead = ctx.style("key.level").leading
    head = ctx.para("<b>Level 2</b> · 3–4 marks", "key.level")
    one = ctx.para("A short answer. It is simple.", "key.level")  # a line: nowhere to part
    assert _band_parted([head, one], width, lead * 2) is None
    long = ctx.para(" ".join(["Some words that run on and on here."] * 12), "key.level")
    parted = _band_parted([head, long], width, lead * 4)
    assert parted is not None
    here, rest = parted
    assert here[0] is head and rest[0].wrap(width, 1e6)[1] >= 2 * lead - 0.1
    assert here[1].wrap(width, 1e6)[1] >= 2 * lead - 0.1 and here[1].wrap(width, 1e6)[1] <= 3 * lead + 0.1
    assert _band_parted([head, long], width, lead * 2.5) is None  # the head and one line: it goes on whole


def test_a_keys_examples_going_on_to_a_new_page_say_whose_they_are():
    # large-print-24: an inference question's examples start the page after its mark scheme; their
    # label ("Examples of creditworthy answers:") is no "continued" line, so the page says whose they are
    pages = _key_pages("large-print-24")
    at = [page for page in pages if "Examples of creditworthy answers" in page]
    assert at and all(page.startswith("Question 1 continued Examples of creditworthy answers:")
                      or not page.startswith("Examples") for page in at), [page[:80] for page in at]
    assert any(page.startswith("Question 1 continued Examples") for page in at)
