"""Large print designed, not enlarged, read back from the example's student PDFs in
large-print-18, -24 and -36: no exercise splits across pages, unless it alone is taller than a
page, and then it is re-set for the page (the events whole with their boxes, each matching
list whole, the word bank repeated over every page of gaps), its later pages headed
"Question N continued", or set across a spread (its two parts on facing pages, a left-hand
page's part saying it continues on the facing page). Slow: it builds the example in three layouts."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from studypack.content.validate import load_pack

from conftest import EXAMPLE

pytestmark = pytest.mark.slow

LARGE = ["large-print-18", "large-print-24", "large-print-36"]
SHEETS = {"moscow-trials": "moscow-trials.pdf", "court-statements": "court-statements.pdf",
          "later-accounts": "later-accounts.pdf", "why-public": "why-public.pdf"}


def pages(path) -> list[str]:
    """Each page's words joined by single spaces (a cell's or a line's breaks are spaces)."""
    out = []
    for page in PdfReader(str(path)).pages:
        words = (page.extract_text() or "").replace("\xa0", " ").split()
        out.append(" ".join(words))
    return out


def lead(item: str, count: int = 3) -> str:
    """An item's first words, as the page prints them."""
    return " ".join(item.replace("\xa0", " ").split()[:count])


def items(question) -> tuple[list[str], ...]:
    """The exercise's lists of printed items, by kind (empty for a written answer)."""
    kind = question.kind
    if kind in ("multiple-choice", "multiple-select", "circle"):
        return ([str(getattr(o, "text", o)) for o in question.options],)
    if kind == "true-false":
        return ([s.text for s in question.statements],)
    if kind == "ordering":
        return (list(question.items),)
    if kind == "matching":
        return [p.left for p in question.pairs], [p.right for p in question.pairs]
    if kind == "categorise":
        return ([i.text for i in question.items],)
    return ()


def where(texts: list[str], words: str, start: int, end: int) -> int:
    found = [i for i in range(start, end) if words in texts[i]]
    assert found, f"{words!r} is not on pages {start + 1}-{end}"
    return found[0]


def spans(texts: list[str], stems: list[str]) -> list[tuple[int, int]]:
    """Each question's pages, from its stem's to the next stem's (or the end)."""
    starts, at = [], 0
    for stem in stems:
        at = where(texts, stem, at, len(texts))
        starts.append(at)
    return list(zip(starts, starts[1:] + [len(texts) - 1]))


@pytest.mark.parametrize("name", LARGE)
def test_no_exercise_splits_unless_taller_than_a_page_and_then_it_is_reset(name, shipped):
    pack = load_pack(EXAMPLE).pack
    problems = []
    for sheet in pack.sheets:
        if sheet.id not in SHEETS:
            continue
        texts = pages(shipped(name) / SHEETS[sheet.id])
        questions = list(sheet.all_questions)
        stems = [lead(re.sub(r"[*_]", "", q.prompt), 4) for q in questions]
        for number, (question, (first, last)) in enumerate(zip(questions, spans(texts, stems)), start=1):
            lists = items(question)
            found = [[where(texts, lead(i), first, last + 1) for i in listed] for listed in lists]
            used = {p for listed in found for p in listed}
            if len(used) <= 1 and (not used or used == {first}):
                continue  # the exercise on its stem's page
            where_ = f"{name} {sheet.id} question {number} ({question.kind})"
            for page in sorted(used - {first}):  # a page it goes on to says whose it is
                facing = f"Question {number} (continued from the facing page)" in texts[page][:80]
                if facing and (page % 2 or page != first + 1 or "(continues on the facing page" not in texts[first]):
                    problems.append(f"{where_}: page {page + 1} says a facing page it has not")  # a spread: 2k | 2k+1
                if not facing and f"Question {number} continued" not in texts[page][:80]:
                    problems.append(f"{where_}: page {page + 1} not headed 'Question {number} continued'")
            whole = all(len(set(listed)) == 1 for listed in found)
            if not whole:
                problems.append(f"{where_}: a list cut across pages {sorted(used)}")
            at = found[0][0]
            facing = at == first + 1 and at % 2 == 0 and "Earliest" in texts[first]  # page `at` + 1 odd: a spread
            if question.kind == "ordering" and "Earliest" not in texts[at] and not facing:
                problems.append(f"{where_}: the events apart from their boxes (not on the page facing them)")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", LARGE)
def test_a_gap_fill_taller_than_a_page_repeats_its_word_bank_over_every_page_of_gaps(name, shipped):
    texts = pages(shipped(name) / "moscow-trials.pdf")
    start = where(texts, "Complete the account of the murder", 0, len(texts))
    with_gaps = [i for i in range(start, start + 4) if re.search(r"\(\d\) ", texts[i])]
    assert len(with_gaps) >= 1
    for i in with_gaps:
        assert "Word bank" in texts[i], f"{name}: page {i + 1} has gaps but no word bank"
    for i in with_gaps[1:]:
        assert "Question 2 continued Word bank (repeated)" in texts[i], texts[i][:120]


EMPHASIS_PACK = """title: Emphasis
subject: History
level: Ages 14-16
sheets:
  - id: s1
    kind: worksheet
    title: Sheet one
    questions:
      - {kind: short, prompt: "List **four** things the trials showed, *briefly*.", marks: 4, answer: Fear.}
"""


def _underlined_words(tmp_path, layout: str) -> set[str]:
    """The words of the sheet with a rule drawn under them (tools/pagelog.py's reading)."""
    from conftest import build_written, tool
    pagelog = tool("pagelog")
    result, out = build_written(tmp_path / layout, "emphasis", EMPHASIS_PACK, "--layout", layout)
    assert result.exit_code == 0, result.output
    log = pagelog.page_log(next(out.parent.glob("emphasis*")) / "s1.pdf")
    def place(line: str) -> tuple[int, int]:
        x, y = line.split()[1].split(",")
        return int(x), int(y)

    rules = [place(line) for line in log if " rule h" in line]
    return {line.split('"')[1].strip() for line in log if '"' in line
            and any(rx == place(line)[0] and 0 < place(line)[1] - ry <= 6 for rx, ry in rules)}


@pytest.mark.parametrize("layout", ["large-print-18", "large-print-24"])
def test_the_packs_bold_and_italics_are_underlined_where_all_text_is_bold(tmp_path, layout):
    """All-bold large print hides **bold** (and italics, set bold): both are underlined, as
    modified papers print emphasis; the sheet's own bold labels are not."""
    underlined = _underlined_words(tmp_path, layout)
    assert "four" in underlined and "briefly" in underlined, underlined


def test_the_default_layout_underlines_no_emphasis(tmp_path):
    assert not {"four", "briefly"} & _underlined_words(tmp_path, "default")
