"""A gap-fill passage as a student reads it, from the built example in every shipped layout:
each gap's number stands on the baseline bound to its gap, and a passage carried overleaf
says whose it is."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from studypack.settings import layout as layouts

from test_page_tops import baselines

GAPS = 6


def passage(name, shipped) -> list[tuple[int, float, str]]:
    """(page, baseline, words) of the cloze question's lines, from its stem to its last gap's line."""
    pages = baselines(shipped(name) / "pack.pdf")
    start = next(i for i, lines in enumerate(pages) if any("Complete the account of the murder" in w for _y, w in lines))
    out = []
    for i in range(start, min(start + 3, len(pages))):
        out += [(i, y, w) for y, w in pages[i]]
    return out


def raw_lines(path, page: int) -> list[str]:
    """A page's lines as drawn, runs on one baseline joined in drawing order, spaces kept."""
    lines: dict[float, str] = {}

    def visit(words, cm, tm, _font, _size):
        if words:
            y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5], 1)
            lines[y] = lines.get(y, "") + words
    PdfReader(str(path)).pages[page].extract_text(visitor_text=visit)
    return list(lines.values())


@pytest.mark.parametrize("name", layouts.shipped_names())
def test_each_gap_number_shares_its_baseline_with_its_gap(name, shipped):
    pack = shipped(name) / "pack.pdf"
    lines = passage(name, shipped)
    for n in range(1, GAPS + 1):
        page = next(i for i, _y, w in lines if f"({n})" in w)
        line = next(w for w in raw_lines(pack, page) if f"({n})" in w)
        # on the number's baseline, straight after it: the gap (a run of underlined no-break spaces)
        assert re.search(rf"\({n}\)[\s\xa0]{{4,}}", line), f"{name}: gap ({n}) apart from its number: {line!r}"


@pytest.mark.parametrize("name", layouts.shipped_names())
def test_a_passage_carried_overleaf_is_headed(name, shipped):
    lines = passage(name, shipped)
    first = lines[0][0]
    last = next(i for i, _y, w in lines if f"({GAPS})" in w)
    for page in range(first + 1, last + 1):
        words = [w for i, _y, w in lines if i == page]
        assert words[1] == "Question 2 continued", f"{name}: passage carried without its heading: {words[:3]}"
