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


def test_a_large_print_keys_option_list_parts_between_options_under_continued(shipped):
    """Issue 24 (lp24d): a key's option list, read by the teacher, parts between its options where
    its question would otherwise leave a page holding only the last one's end: two options at
    least each side, the second part headed "Question F3 continued", the reason under the rest."""
    pages = baselines(shipped("large-print-24") / "answer-key.pdf")
    at = next(i for i, lines in enumerate(pages) if any("F3 What is a show trial?" in w for _y, w in lines))
    here = " ".join(w for _y, w in pages[at])
    over = [w for _y, w in pages[at + 1]][1:]  # under the running header
    assert re.search(r"\bA A trial held in secret\b", here) and re.search(r"\bB A trial in which a jury\b", here)
    assert "C A trial held in public" not in here
    assert over[0] == "Question F3 continued", over[:2]
    rest = " ".join(over)
    assert re.search(r"\bC A trial held in public\b", rest) and re.search(r"\bD A trial that is filmed\b", rest)
    assert "Why: The aim of a show trial" in rest
    # the page it starts on is no longer half empty before it: more than the end of Question 2 is there
    assert len(pages[at]) > 12, pages[at]


def test_a_keys_why_parts_at_a_sentence_end_rather_than_leave_its_question_overleaf(shipped):
    """Issue 24 (lp24d): a key's "Why:" that would take its whole question to the next page (the
    dyslexia key's ordering question, 4 pt short, left the cloze's answer alone on a page 45 %
    full) parts where a sentence ends, two lines at least each side: its start with the answer it
    explains, the rest overleaf under "Question 3 continued"."""
    pages = baselines(shipped("dyslexia") / "answer-key.pdf")
    at = next(i for i, lines in enumerate(pages) if any("Put these events in the order" in w for _y, w in lines))
    here = [w for _y, w in pages[at]]
    assert any("Complete the account of the murder of Kirov" in w for w in here), "the cloze's answer is on its own page"
    why = next(i for i, w in enumerate(here) if w.startswith("Why: December 1934"))
    assert "March 1938." in " ".join(here[why:]) and "Award 3 marks" not in " ".join(here)
    over = [w for _y, w in pages[at + 1]][1:]
    assert over[0] == "Question 3 continued" and over[1].startswith("Award 3 marks for all six in order"), over[:2]


def test_a_key_lists_last_item_never_goes_on_alone_with_the_sheets_totals(shipped):
    """Issue 24 (lp24d): the item before a list's last keeps with it even where the last goes on
    with the sheet's totals (large-print-24's H3: its last bullet, "Davies reported…", went on
    alone under "Question H3 continued" with the totals once F3's options parted)."""
    pages = baselines(shipped("large-print-24") / "answer-key.pdf")
    at = next(i for i, lines in enumerate(pages) if any("Davies reported to Washington" in w for _y, w in lines))
    here = " ".join(w for _y, w in pages[at])
    assert "Some wanted good relations with" in here and "Total for Why were the trials held in" in here, here[:200]
