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
    from studypack import layout as layouts

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
    from studypack.build import build

    (tmp_path / "quiet.yaml").write_text("extends: default\nquestions: {continued: \"\"}\n")
    build(EXAMPLE, str(tmp_path / "quiet.yaml"), tmp_path / "out")
    words = squash(" ".join(p.extract_text() for p in
                            PdfReader(str(tmp_path / "out" / "show-trials" / "background-worksheet.pdf")).pages))
    assert "continued" not in words
