"""Where each page's words begin, read back from the built example: vertical space a page
break carries to the top of a page (the gap between two questions) is dropped there, as a
typesetter drops it, so a question that starts a page starts where every page's text does."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from studypack.settings import layout as layouts

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def baselines(path) -> list[list[tuple[float, str]]]:
    """Each page's lines, top first: (baseline height from the page's top, words)."""
    out = []
    for page in PdfReader(str(path)).pages:
        height = float(page.mediabox.height)
        lines: dict[float, list[str]] = {}

        def visit(words, cm, tm, _font, _size, lines=lines):
            if words.strip():  # the text matrix in the page's space: its baseline's height
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                lines.setdefault(round(height - y), []).append(words.strip())
        page.extract_text(visitor_text=visit)
        out.append(sorted((y, " ".join(w)) for y, w in lines.items()))
    return out


@pytest.mark.parametrize("name", layouts.shipped_names())
def test_a_question_starting_a_page_starts_at_the_top_of_the_text(name, shipped):
    pages = baselines(shipped(name) / "pack.pdf")
    heads = [lines[0][0] for lines in pages if lines]
    head = max(set(heads), key=heads.count)  # the running header's baseline, the first line of most pages
    firsts = []
    for lines in pages:  # the body's first line, under the running header
        body = [(y, words) for y, words in lines if y > head + 3 and not words.startswith("Page ")]
        if body:
            firsts.append(body[0])
    top = min(y for y, _words in firsts)
    low = [(i, y, words) for i, (y, words) in enumerate(firsts)
           if re.match(rf"\d+ (?!{MONTHS})[A-Z“]", words) and y > top + 3]
    assert not low, f"{name}: questions starting a page below its text's top ({top:.0f} pt): {low[:4]}"
