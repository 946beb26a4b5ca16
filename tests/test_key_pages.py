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



def _page_with(pages, words: str) -> int:
    return next(i for i, lines in enumerate(pages) if any(words in w for _y, w in lines))


def test_a_large_print_keys_option_list_parts_between_options_under_continued(shipped):
    """Issue 24 (lp24d): a key's option list, read by the teacher, parts between its options where
    its question would otherwise leave a page sparse: two options at least each side, the second
    part headed "Question 5 continued", the reason under the rest (large-print-36: question 5
    went whole to the next page, leaving a page 34 % full)."""
    pages = baselines(shipped("large-print-36") / "answer-key.pdf")
    at = _page_with(pages, "Which of these men was NOT a")
    here = [w for _y, w in pages[at]]
    assert "A Grigory Zinoviev" in here and "B Karl Radek" in here and "C Nikolai Bukharin" not in here, here
    over = [w for _y, w in pages[at + 1]][1:]  # under the running header
    assert over[:3] == ["Question 5 continued", "C Nikolai Bukharin", "D Mikhail Tukhachevsky"], over[:3]
    assert any(w.startswith("Why: Marshal Tukhachevsky") for w in over)
    assert sum(1 for w in here if w.startswith("Question 4 continued")) == 1  # the page holds more than its end


def test_a_keys_why_parts_at_a_sentence_end_rather_than_leave_its_question_overleaf(shipped):
    """Issue 24 (lp24d): a key's "Why:" that would take its whole question to the next page parts
    where a sentence ends, two lines at least each side: its start with the answer it explains,
    the rest overleaf under "Question 4 continued" (large-print-36's question 4)."""
    pages = baselines(shipped("large-print-36") / "answer-key.pdf")
    at = _page_with(pages, "What was the NKVD after July 1934?")
    here = [w for _y, w in pages[at]]
    why = next(i for i, w in enumerate(here) if w.startswith("Why: In July 1934 the NKVD took"))
    assert len(here[why:]) >= 2 + 1 and here[-2].endswith("secret police."), here[why:]  # two lines, then the folio
    over = [w for _y, w in pages[at + 1]][1:]
    assert over[0] == "Question 4 continued" and over[1].startswith("It carried out the arrests and"), over[:2]
    assert over[2].startswith("interrogations")  # two lines at least go on


@pytest.mark.parametrize("name", ["large-print-24", "large-print-36", "large-print-24-a3", "young-readers", "dyslexia"])
def test_a_key_lists_last_item_never_goes_on_alone_with_the_sheets_totals(name, shipped):
    """Issue 24 (lp24d): the item before a list's last keeps with it where the last goes on with
    the sheet's totals (large-print-24's H3 once left "Davies reported…" alone under "Question H3
    continued" with the totals)."""
    for number, lines in enumerate(baselines(shipped(name) / "answer-key.pdf"), 1):
        words = [w for _y, w in lines][1:]
        if len(words) < 3 or not re.fullmatch(r"Question \S+ continued", words[0]) or not words[1].startswith("•"):
            continue
        totals = next((i for i, w in enumerate(words) if w.startswith("Total for")), None)
        if totals is not None:
            items = sum(1 for w in words[1:totals] if w.startswith("•"))
            assert items != 1, f"{name}: key page {number} holds one item under its 'continued' line with the totals"
