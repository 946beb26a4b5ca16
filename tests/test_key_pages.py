"""The answer key as a teacher reads it, from the built example in every shipped layout: a
labelled picture's answers stand beside their numbers, first line to first line."""

from __future__ import annotations

import re

import pytest

from studypack.settings import layout as layouts

from test_page_tops import baselines

ANSWERS = ["Politburo", "Central Committee", "Party Congress", "Local party organisations"]


@pytest.mark.parametrize("name", layouts.shipped_names())
def test_a_labelled_pictures_answers_start_beside_their_numbers(name, shipped):
    pages = baselines(shipped(name) / "answer-key.pdf")
    at = next(i for i, lines in enumerate(pages) if any("Each arrow points from a body" in w for _y, w in lines))
    caption = next(y for y, words in pages[at] if "Each arrow points from a body" in words)
    # the answers, under the picture's caption (or overleaf, where the picture fills its page)
    page = [(y, words) for y, words in pages[at] if y > caption] + pages[at + 1]
    for number, answer in enumerate(ANSWERS, 1):
        first = answer.split()[0]
        line = next(words for _y, words in page if re.search(rf"\b{first}\b", words))
        assert re.search(rf"(^| ){number} {first}\b", line), f"{name}: number {number} not beside {answer!r}: {line!r}"


@pytest.mark.parametrize("name", layouts.shipped_names())
def test_the_summary_table_carried_to_a_second_page_repeats_its_heading_row(name, shipped):
    pages = baselines(shipped(name) / "answer-key.pdf")
    start = next(i for i, lines in enumerate(pages) if any(w == "Sheet Questions Marks" for _y, w in lines))
    end = next(i for i in range(start, len(pages)) if any(re.match(r"Total \d+ ", w) for _y, w in pages[i]))
    for i in range(start + 1, end + 1):  # each page the table goes on to names its columns first
        body = [w for _y, w in pages[i][1:]]
        assert body and body[0] == "Sheet Questions Marks", f"{name}: key page {i + 1} carries the table without its heading: {body[:2]}"
