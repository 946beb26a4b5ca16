"""Page make-up read back from the built example pack: boxes continue only on a new page,
no page is left holding a closing line alone, large-print tables keep whole words."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import squash


def page_texts(path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.mark.parametrize("name", ["default", "dyslexia", "large-print-24", "exam"])
def test_a_source_box_continues_only_on_the_next_page(name, shipped):
    for document in ("pack.pdf", "source-booklet.pdf"):
        for number, words in enumerate(page_texts(shipped(name) / document), start=1):
            for letter in "ABCDEFGH":
                starts = len(re.findall(rf"Source {letter}(?::| \(continued\))", words))
                assert starts <= 1, f"{document} page {number}: Source {letter} boxed twice"
                if f"Source {letter} (continued)" in words:
                    # the continuation opens its page, right under the running header
                    assert words.index(f"Source {letter} (continued)") < 80, (document, number, words[:120])


def body_runs(page, name: str) -> list[tuple[str, float, float]]:
    """(text, x, y) of what is printed inside the text frame: running header and footer left out."""
    from studypack.settings import layout as layouts

    lay = layouts.load(name)
    top = float(page.mediabox.height) - lay.page.margins.top
    bottom = lay.page.margins.bottom
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            if bottom < y < top:
                found.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("name", ["default", "dyslexia", "large-print-24", "exam"])
def test_end_of_questions_never_stands_alone_on_a_page(name, shipped):
    for document in ("background-worksheet.pdf", "court-statements.pdf", "later-accounts.pdf", "exam-paper.pdf"):
        for number, page in enumerate(PdfReader(str(shipped(name) / document)).pages, start=1):
            words = " ".join(t for t, _x, _y in body_runs(page, name))
            if "End of questions" in words:
                rest = squash(words.replace("End of questions", ""))
                assert rest, f"{name} {document} page {number} holds only 'End of questions'"


def test_answer_lines_carried_to_a_new_page_say_whose_they_are(shipped):
    pages = PdfReader(str(shipped("default") / "background-worksheet.pdf")).pages
    labels = []
    for number, page in enumerate(pages, start=1):
        runs = body_runs(page, "default")
        for text, _x, y in runs:
            if re.fullmatch(r"Question \d+ continued", text):
                labels.append((number, text))
                assert y == max(yy for _t, _xx, yy in runs), "the label opens the page"
    assert labels and all(n > 1 for n, _t in labels)
    # the question it continues was last seen on an earlier page
    first_page, label = labels[0]
    stem_pages = [n for n, page in enumerate(pages, start=1)
                  if re.search(rf"^{label.split()[1]}\b", page.extract_text() or "", re.M)]
    assert stem_pages and min(stem_pages) < first_page


def test_the_continued_label_comes_from_the_layout(tmp_path):
    from conftest import EXAMPLE
    from studypack.app.build import build

    (tmp_path / "quiet.yaml").write_text("extends: default\nquestions: {continued: \"\"}\n")
    build(EXAMPLE, str(tmp_path / "quiet.yaml"), tmp_path / "out")
    words = squash(" ".join(p.extract_text() for p in
                            PdfReader(str(tmp_path / "out" / "show-trials-quiet" / "background-worksheet.pdf")).pages))
    assert "continued" not in words


WHOLE_WORDS = ["Leningrad", "December", "Earliest", "Latest", "True", "False", "Level", "Marks", "Questions",
               "Origin", "Purpose", "Descriptor"]


@pytest.mark.parametrize("name", ["large-print-18", "large-print-24", "large-print-36"])
def test_large_print_tables_never_break_a_word(name, shipped):
    """Column widths follow the words they hold: word bank, ordering labels, true/false
    heads, the key's level and summary tables, the OPVL grid keep every word whole."""
    for document in ("pack.pdf", "answer-key.pdf"):
        words = " ".join(page_texts(shipped(name) / document))
        for word in WHOLE_WORDS:
            for cut in range(2, len(word) - 1):
                broken = f"{word[:cut]} {word[cut:]}"
                assert broken not in words, f"{name} {document}: '{word}' printed as '{broken}'"
        for word in ("Leningrad", "Earliest", "Latest", "True", "False", "Questions", "Marks"):
            assert re.search(rf"\b{word}\b", words), (name, document, word)


def test_large_print_does_not_leave_half_pages_for_short_questions(shipped):
    """Large print keeps each question that fits on a page whole, and the multiple-choice
    worksheet still fills its pages: no more pages than when openings broke after the stem."""
    pages = PdfReader(str(shipped("large-print-24") / "background-worksheet.pdf")).pages
    # 10: option lists stay whole with their questions (a large-print question of four options
    # is just over half a page, so two never share one) and short answer spaces never split
    assert len(pages) <= 10
    first = " ".join(t for t, _x, _y in body_runs(pages[0], "large-print-24"))
    assert first.count("Sergei Kirov") == 1
    # a question with options may no longer start below another and carry its last option over
    # (issue 11): tests/test_paper.py checks that no option list crosses a page in any layout


def test_timeline_axis_ends_with_the_last_year_of_the_pack(shipped):
    words = " ".join(page_texts(shipped("default") / "timeline.pdf"))
    assert "1938" in words and "1924" in words
    assert "1939" not in words


def test_timeline_labels_sit_at_their_dots_unless_they_would_collide():
    from studypack.views.drawing import _nearest

    # apart: each exactly at its dot
    assert _nearest([500, 300, 100], [50, 50, 50]) == [500, 300, 100]
    # two that collide are stacked around their dots, not pushed all one way
    tops = _nearest([500, 490], [40, 40])
    assert tops[0] - tops[1] == 40 and tops[0] == pytest.approx(515)
    # a third far below is untouched
    assert _nearest([500, 490, 100], [40, 40, 40])[2] == 100


def test_class_set_header_name_keeps_clear_of_the_sheet_title(tmp_path):
    """The centred student name and the right-hand title never meet, however long the name."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from conftest import EXAMPLE
    from studypack.app import batch

    roster = tmp_path / "r.csv"
    roster.write_text("Name,Class\nMaximiliana Wolkonskaja-Trubetskaja Dubrovskaya,10B\nAnn Lee,9A\n",
                      encoding="utf-8")
    batch.build(EXAMPLE, roster, None, tmp_path / "out", batch.Options())
    [pdf] = (tmp_path / "out").rglob("class-set.pdf")
    reader = PdfReader(str(pdf))
    checked = 0
    for page in reader.pages[:12]:
        height = float(page.mediabox.height)
        runs = []

        def visit(text, cm, tm, font, size, runs=runs):
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            if text.strip() and y > height - 22 * 72 / 25.4:
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                runs.append((text.strip(), x, size * abs(tm[0]) * abs(cm[0]) or size, (font or {}).get("/BaseFont", "")))

        page.extract_text(visitor_text=visit)
        names = [r for r in runs if "Maximiliana" in r[0] or "Ann Lee" in r[0]]
        titles = [r for r in runs if r not in names and r[1] > float(page.mediabox.width) / 2]
        if not names or not titles:
            continue
        name = names[0]
        title = min(titles, key=lambda r: r[1])
        assert name[1] < title[1], (name, title)
        checked += 1
        # the name's right end stays clearly apart from the title's start (6 mm)
        font = name[3].split("+")[-1]
        try:
            width = stringWidth(name[0], font, name[2])
        except KeyError:
            width = len(name[0]) * name[2] * 0.5
        assert name[1] + width <= title[1] - 6 * 72 / 25.4, (name, title, width)
    assert checked


def test_a_true_false_statement_that_wraps_hangs_clear_of_its_number(shipped):
    for page in PdfReader(str(shipped("default") / "moscow-trials.pdf")).pages:
        runs = body_runs(page, "default")
        starts = [x for t, x, _y in runs if t.startswith("All 16 defendants")]
        if not starts:
            continue
        number = [x for t, x, y in runs if t == "2" and abs(x - starts[0]) < 40]
        wrapped = [x for t, x, _y in runs if t.startswith("to death")]  # its last two words go down together
        assert wrapped and wrapped[0] == pytest.approx(starts[0], abs=0.5)
        assert number and number[0] < starts[0] - 5
        return
    pytest.fail("the true/false question was not found")


def test_large_print_timeline_ends_with_more_than_one_entry(shipped):
    pages = page_texts(shipped("large-print-24") / "timeline.pdf")
    assert "November 1938" in pages[-1] and "2–13 March 1938" in pages[-1]
    assert "December 1927" in " ".join(pages)  # the long date is whole: it stands above its event


@pytest.mark.parametrize("name, stacked", [("default", False), ("large-print-24", True)])
def test_large_print_matching_sets_its_two_columns_one_under_the_other(name, stacked, shipped):
    words = " ".join(page_texts(shipped(name) / "moscow-trials.pdf"))
    start = words.index("Match each man")
    radek, third = words.index("Karl Radek", start), words.index("A defendant at the third Moscow", start)
    assert (radek < third) == stacked


@pytest.mark.parametrize("name, stacked", [("default", False), ("large-print-24", True)])
def test_large_print_cover_gives_name_and_class_a_line_each(name, stacked, shipped):
    page = PdfReader(str(shipped(name) / "exam-paper.pdf")).pages[0]
    runs = body_runs(page, name)
    y = {t: yy for t, _x, yy in runs if t in ("Name", "Class", "Candidate number")}
    assert set(y) == {"Name", "Class", "Candidate number"}
    assert (y["Name"] > y["Class"] > y["Candidate number"]) == stacked
    if stacked:  # each box at least twice the text size high
        assert y["Name"] - y["Class"] >= 2 * 24


@pytest.mark.parametrize("name", ["default", "large-print-24", "dyslexia"])
def test_a_continued_label_only_ever_opens_a_page(name, shipped):
    """Lines that follow their stem on the same page carry no label, however the block splits."""
    seen = 0
    for document in ("background-worksheet.pdf", "court-statements.pdf", "later-accounts.pdf", "why-public.pdf"):
        for number, page in enumerate(PdfReader(str(shipped(name) / document)).pages, start=1):
            runs = body_runs(page, name)
            for text, _x, y in runs:
                if re.fullmatch(r"Question \d+(\(\w\))? continued", text):
                    seen += 1
                    assert y == max(yy for _t, _xx, yy in runs), f"{name} {document} page {number}: {text} mid-page"
    assert seen


NOTE_STARTS = ("Primary source.", "Secondary source.", "Purpose:", "Taken from:", "Glossary:")  # a source's notes


def test_large_print_sources_fill_their_pages_and_keep_their_notes(example, shipped):
    """Issue 11: a large-print source does not break early (a page of four lines, then three
    lines and the provenance on the next), and its closing note never opens a page on its
    own: it goes over with the provenance or the lines before it. Issue 24: set as an insert,
    it breaks only where a paragraph or a sentence ends, so a page it goes on from ends with a
    sentence; one that is not filled (more than two thirds of it) ended with a paragraph (a
    paragraph that fits a page goes on whole, lp24), or at the sentence end of a paragraph taller
    than a page that left the least empty on it and the next, and those are few."""
    path = shipped("large-print-24") / "pack.pdf"
    pages = PdfReader(str(path)).pages
    texts = page_texts(path)
    sources = example.pack.sources.values() if isinstance(example.pack.sources, dict) else example.pack.sources
    notes = {source.name: squash(" ".join(source.note.split()[:5])) for source in sources if source.note}
    assert len(notes) == 6
    # the last words of each paragraph of the sources' texts: a page ending there ends a paragraph
    ends = {squash(" ".join(p.split()))[-30:] for source in sources for p in (source.text or "").split("\n\n") if p.strip()}
    top = float(pages[0].mediabox.height)
    checked, short = 0, []
    for number, (page, words) in enumerate(zip(pages, texts), start=1):
        for name, note in notes.items():
            heading = f"{name} (continued)"
            if heading in words:  # the note is never the first thing under the heading
                after = words[words.index(heading) + len(heading):].lstrip()
                assert not after.startswith(note), f"page {number}: the closing note of {name} opens the page"
            if number < len(texts) and texts[number].find(heading) != -1 and texts[number].find(heading) < 80:
                runs = body_runs(page, "large-print-24")
                lowest = min(y for _t, _x, y in runs)
                last = " ".join(t for t, _x, y in sorted(runs, key=lambda r: r[1]) if abs(y - lowest) < 1)
                goes_on = squash(texts[number][texts[number].find(heading) + len(heading):]).lstrip()
                assert (last.rstrip("”’\"')").endswith((".", "?", "!", "…]"))
                        or goes_on.startswith((*NOTE_STARTS, note))), f"page {number}: {name} breaks inside a sentence ('{last}')"
                whole = goes_on.startswith(NOTE_STARTS) or any(e.endswith(squash(last)[-30:]) or squash(last).endswith(e)
                                                                for e in ends)
                if lowest >= top / 3 and not whole:  # less than two thirds used, inside a paragraph
                    short.append(number)
                checked += 1
    assert checked >= 15
    assert len(short) <= checked // 4, f"pages {short} end a third empty or more"


def _line_gaps(page, indent: float) -> list[float]:
    """The distances between ruled answer lines on a page: strokes drawn one after another,
    each from the question number's column across the frame, in the lines' own coordinates."""
    content = page.get_contents().get_data().decode("latin-1")
    gaps, previous = [], None
    for x1, y, _x2, y2 in re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l", content):
        at = float(y) if y == y2 and abs(float(x1) - indent) < 0.01 else None
        if at is not None and previous is not None and at < previous:
            gaps.append(previous - at)
        previous = at
    return gaps


def test_a_sheet_closes_up_its_answer_lines_rather_than_end_on_a_nearly_empty_page(tmp_path, shipped):
    """The tiered worksheet would end on a page holding its last question alone: its answer
    lines close up (never under `squeeze` of their spacing) and lose a few (`trim`), and it
    prints on one page; a layout that allows neither keeps the sparse second page."""
    from conftest import EXAMPLE
    from studypack.app.build import build
    from studypack.base.units import MM

    pages = PdfReader(str(shipped("default") / "why-public.pdf")).pages
    words = [squash(p.extract_text()) for p in pages]
    assert len(pages) == 2 and all("Page 1 of 1" in w and "End of questions" in w for w in words), words
    gaps = [g for p in pages for g in _line_gaps(p, 10 * MM)]
    assert gaps and min(gaps) >= 0.85 * 9 * MM - 0.2 and max(gaps) < 9 * MM - 0.2, gaps
    (tmp_path / "loose.yaml").write_text("extends: default\nanswer_lines: {squeeze: 1, trim: 0}\n")
    build(EXAMPLE, str(tmp_path / "loose.yaml"), tmp_path / "out")
    loose = PdfReader(str(tmp_path / "out" / "show-trials-loose" / "why-public.pdf")).pages
    assert len(loose) == 4 and "Page 2 of 2" in squash(loose[1].extract_text())
    assert {round(g, 1) for p in loose for g in _line_gaps(p, 10 * MM)} == {round(9 * MM, 1)}


@pytest.mark.parametrize("name", ["default", "exam", "dyslexia"])
def test_the_key_never_ends_on_a_page_of_a_line_or_two_and_the_totals(name, shipped):
    """The blocks before the pack's totals go over with them (an eighth of a page or more), so the
    key's last page never holds only the last two lines of a list and the totals."""
    last = PdfReader(str(shipped(name) / "answer-key.pdf")).pages[-1]
    runs = body_runs(last, name)
    totals = {round(y) for t, _x, y in runs if t.startswith("Total for") or "SPaG" in t or t.endswith("marks")}
    lines = {round(y) for _t, _x, y in runs} - totals
    assert len(lines) >= 4, (name, sorted(lines, reverse=True))


@pytest.mark.parametrize("name", ["dyslexia", "large-print-24"])
def test_an_inference_boxs_label_never_ends_a_page_with_its_answer_overleaf(name, shipped):
    """Where each label stands over its answer (dyslexia, large print), the box breaks across
    pages only between one label-and-answer pair and the next (read in the key, whose answers are words)."""
    checked = 0
    for document in ("answer-key.pdf",):
        for number, page in enumerate(PdfReader(str(shipped(name) / document)).pages, start=1):
            runs = body_runs(page, name)
            if not runs:
                continue
            lowest = min(y for _t, _x, y in runs)
            last = squash(" ".join(t for t, _x, y in runs if y < lowest + 2))
            assert not last.endswith(("What I can infer:", "tell me this:")), (name, document, number, last)
            checked += 1
    assert checked > 20


def test_an_answer_space_a_page_holds_whole_never_leaves_a_token_first_part(shipped):
    """Lines that would all fit on the next page break only where a quarter of them or more stay
    (dyslexia: questions 4 and 5 of the web sources once left three and four of their lines
    behind); the essay, taller than a page, still breaks."""
    words = " ".join(page_texts(shipped("dyslexia") / "later-accounts.pdf"))
    assert re.findall(r"Question (\d+) continued", words) == ["8"]


def test_a_page_holding_one_short_question_before_a_long_one_is_saved(shipped):
    """Dyslexia: question 6 of the court statements stood alone on a page (a quarter of it used),
    question 7 going on whole; the sheet's lines close up and it ends a page sooner, the two together
    (on its last page, or the one before where question 7's lines go on to the last)."""
    pages = page_texts(shipped("dyslexia") / "court-statements.pdf")
    six = [i for i, words in enumerate(pages) if "Identify two weaknesses in the way Source B" in words]
    seven = [i for i, words in enumerate(pages) if "How useful is Source A to a historian" in words]
    assert six == seven and six[0] >= len(pages) - 2, (six, seven, len(pages))
    if six[0] < len(pages) - 1:
        assert "Question 7 continued" in pages[-1][:120], pages[-1][:120]
