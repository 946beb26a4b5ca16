"""Issue 24: a large-print source is set as an insert (`source.breaks: paragraphs`): it breaks
at a paragraph's end, else where a sentence ends (inside a line too: the page's last line is
then short), never inside a sentence; a paragraph taller than a page breaks at a sentence's
end. The preflight does not count the room an insert leaves under a whole paragraph."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle

from studypack.pdf import preflight
from studypack.views.flowables import SourceBox
from studypack.views.notes import PageNotes, SourceBreak, Used
from studypack.views.paragraph import Paragraph, sentence_ends

STYLE = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
WIDTH = 240.0
PAGE = 12 * 14 + 30  # fourteen lines of text under the heading, and the padding
SENTENCE = "The accused were charged with plotting to kill Stalin and all of them confessed in open court"
NO_END = ("and the trial that followed was watched by foreign journalists who were invited to every "
          "session, sat in the front rows and wrote down every word the defendants said ") * 3


def _box(*paragraphs: str, room: float = PAGE) -> SourceBox:
    head = Paragraph("Source B", STYLE)
    return SourceBox(head, Paragraph("Source B (continued)", STYLE), [Paragraph(p, STYLE) for p in paragraphs],
                     [], [], number_every=5, number_style=STYLE, padding=4, border=1, border_colour="#000000",
                     tint=None, gutter=20, gap=2, page_room=room, name="Source B", paragraphs=True)


def _text(box: SourceBox) -> str:
    return " ".join(" ".join(str(w) for line in p.blPara.lines for w in (line[1] if isinstance(line, tuple) else
                    [getattr(x, "text", "") for x in line.words])) for p in box.body).replace("\xa0", " ")


def test_sentence_ends_are_found_outside_tags_and_not_after_an_initial():
    markup = "He said so. J. Stalin agreed <b>at once. Then</b> left. “Why?” Nobody knew […] The end."
    ends = [markup[:e] for e in sentence_ends(markup)]
    assert [e[-10:] for e in ends] == ["e said so.", "</b> left.", "ft. “Why?”", "y knew […]"]


def test_a_paragraph_taller_than_the_page_breaks_where_a_sentence_ends_inside_a_line():
    text = ". ".join([SENTENCE] * 8) + "."
    box = _box(text)
    box.wrap(WIDTH, 1e6)
    assert box.height > PAGE
    first, _break, second = box.split(WIDTH, PAGE)
    first.wrap(WIDTH, 1e6), second.wrap(WIDTH, 1e6)
    assert _text(first).endswith("open court.") and _text(second).startswith("The accused")
    assert first.lines_here >= 3 and second.first_line == 1 + first.lines_here  # the line count goes on
    assert first._ends_sentence()


def test_a_paragraph_with_no_sentence_end_in_reach_goes_on_whole():
    opening = ". ".join([SENTENCE] * 2) + "."  # about a third of the page
    box = _box(opening, NO_END.strip() + ".")
    pieces = box.split(WIDTH, PAGE)
    first, second = pieces[0], pieces[-1]
    first.wrap(WIDTH, 1e6)
    assert _text(first).endswith("open court.") and len(first.body) == 1  # the second paragraph whole overleaf
    assert first._ends_paragraph()
    assert _text(second).startswith("and the trial")


def test_an_insert_ending_its_page_with_a_whole_paragraph_is_not_short():
    def page(note: SourceBreak) -> PageNotes:
        return PageNotes({"title": "S"}, 1, 2, [Used(0.6 * 700), note])

    end = PageNotes({"title": "S"}, 2, 2, [Used(0.9 * 700)])
    assert preflight.defects([page(SourceBreak("Source B", True, paragraph_end=True)), end], 0, 700, "p.pdf", 0.5) == []
    short = preflight.defects([page(SourceBreak("Source B", True)), end], 0, 700, "p.pdf", 0.5)
    assert [d.said for d in short] == ["Source B breaks to the next page with 40% of the page empty"]


def test_a_text_whose_anchors_were_counted_keeps_its_lines_at_a_break():
    """A prose text with anchors (`{#storm}`) had their line numbers counted from its lines as
    set whole (`views.anchors`): a page break parts it only after a line, never re-sets it from a
    sentence inside a line, so "lines 18–26" stays true (tests/test_literacy_examples.py)."""
    text = ". ".join([SENTENCE] * 8) + "."
    free, kept = Paragraph(text, STYLE), Paragraph(text, STYLE)
    kept.keeps_lines = True
    assert next(free.sentence_parts(), None) is not None
    assert kept.sentence_parts() is None
    assert Paragraph("One line.<br/>Another line. And more.", STYLE).sentence_parts() is None


def test_an_insert_paragraph_that_fits_a_page_goes_on_whole_however_much_room_it_leaves():
    """Issue 24: an insert breaks only at a paragraph's end where the paragraph fits a page:
    large-print-24's Source E was cut inside a paragraph of 13 lines to fill its page."""
    opening = ". ".join([SENTENCE] * 3) + "."  # six lines of the fourteen
    fitting = ". ".join([SENTENCE] * 6) + "."  # twelve: more than the rest of this page, less than a page
    box = _box(opening, fitting)
    first, _break, second = box.split(WIDTH, PAGE)
    first.wrap(WIDTH, 1e6), second.wrap(WIDTH, 1e6)
    assert len(first.body) == 1 and _text(first).endswith("open court.") and first._ends_paragraph()
    whole = _box(fitting)
    whole.wrap(WIDTH, 1e6)
    assert _text(second) == _text(whole) and not first.broke_fitting
    assert second.height <= PAGE  # it stands whole on the next page


def test_an_insert_paragraph_taller_than_a_page_still_breaks_where_a_sentence_ends():
    box = _box(". ".join([SENTENCE] * 8) + ".")
    first = box.split(WIDTH, PAGE)[0]
    assert not first.broke_fitting and not first._ends_paragraph() and first._ends_sentence()


def test_a_source_broken_inside_a_paragraph_that_fits_a_page_is_a_split():
    end = PageNotes({"title": "S"}, 2, 2, [Used(0.9 * 700)])
    full = PageNotes({"title": "S"}, 1, 2, [Used(0.9 * 700), SourceBreak("Source E", True, fits=True)])
    found = preflight.defects([full, end], 0, 700, "p.pdf", 0.5)
    assert [(d.kind, d.said) for d in found] == [
        ("split", "Source E breaks to the next page inside a paragraph that fits a page")]


def test_large_print_sources_break_only_at_paragraph_ends_where_a_paragraph_fits_a_page():
    from conftest import EXAMPLE, ROOT
    import importlib.util
    spec = importlib.util.spec_from_file_location("page_defects", ROOT / "tools" / "page_defects.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    results = tool.measure(EXAMPLE, "large-print-24", ("later-accounts.pdf", "court-statements.pdf"))
    said = [d.said for r in results.values() for d in r.defects]
    assert not [s for s in said if "paragraph" in s], said
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(results["later-accounts.pdf"].data)).pages]
    # Source E's paragraph of 13 lines starts a page whole rather than break after its first sentence
    assert any("Source E (continued) During this period" in p for p in pages), pages
