"""Board papers after the third round of issue 25: what the second review left, each read back
from the PDFs the examples build (the passages written for a paper said so everywhere, the
extract inside AQA's question 09, the DBQ's heading and end, Cambridge's levels, whole 4-mark
questions, AQA's option code, Pearson's "3 (a)")."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import built_papers, page_texts

BUILT = ("aqa-paper-1a", "eduqas-depth-study", "aqa-english-literature-paper-1", "ap-us-history-dbq",
         "cambridge-igcse-history-paper-2", "edexcel-paper-3")

pytestmark = pytest.mark.slow  # six example papers built --strict: the slow suite


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example papers this file reads, built with --strict; {example: output folder}."""
    return built_papers(tmp_path_factory, BUILT)


def _all(path) -> str:
    return " ".join(page_texts(path))


def test_passages_written_for_a_paper_say_so_in_the_paper_and_the_key(built):
    aqa = built["aqa-paper-1a"]
    booklet, key = _all(aqa / "paper-1-sources.pdf"), _all(aqa / "answer-key.pdf")
    assert ("Interpretation A In the manner of a Soviet school history textbook of Stalin's last years; written for "
            "this example paper") in booklet
    assert ("Interpretation B In the manner of the memoirs that former Communist Party officials published in the "
            "West; written for this example paper") in booklet
    # no real book is claimed: no textbook of 1950, no memoir of 1970, no arrest and eighteen years of one author
    for claim in ("1950", "1970", "London", "eighteen years", "Adapted from"):
        assert claim not in booklet + key, claim
    assert "Interpretation A (written for this paper) is given as a Soviet school textbook" in key
    assert "Interpretation B (written for this paper) is given as the memoir" in key
    eduqas = built["eduqas-depth-study"]
    paper, key = _all(eduqas / "depth-study.pdf"), _all(eduqas / "answer-key.pdf")
    assert ("Source C In the manner of the memories of Leningrad factory workers recorded by oral history projects "
            "after 1991; written for this example paper") in paper
    assert "1994" not in paper + key and "the source (written for this paper) is given as a factory worker's memories" in key


def test_aqa_prints_the_option_code_and_the_papers_title(built):
    aqa = built["aqa-paper-1a"]
    title = "Paper 1 Section A/C: Russia, 1894–1945: Tsardom and communism"
    cover = page_texts(aqa / "paper-1.pdf")[0]
    assert cover.startswith("In the style of an AQA GCSE question paper (not an AQA document) GCSE HISTORY 8145/1A/C "
                            + title), cover[:200]
    booklet = page_texts(aqa / "paper-1-sources.pdf")[0]
    assert "GCSE HISTORY 8145/1A/C Interpretations Booklet " + title in booklet


def test_aqa_keeps_its_four_mark_questions_whole_a_page_each(built):
    pages = page_texts(built["aqa-paper-1a"] / "paper-1.pdf")
    first = {n: next(k for k, page in enumerate(pages) if f"0 {n} " in page) for n in range(1, 7)}
    assert first[1] == 1 and first[2] == 2 and first[3] == 3  # 01 and 02 on pages 2 and 3, as AQA sets them
    for n in (1, 2, 4):  # the 4-mark questions: never "continued" on another page
        assert not any(f"Question {n} continued" in page for page in pages), n
    assert len(pages) % 2 == 0


def test_the_extract_prints_inside_question_09_its_number_beside_it(built):
    out = built["aqa-english-literature-paper-1"]
    pages = page_texts(out / "paper-1.pdf")
    paper = " ".join(pages[1:])
    # the section's heading and rubric, then 09 beside the extract, then the question under it
    assert ("Section B: The 19th-century novel Answer the question on Great Expectations. 0 9 Charles Dickens: Great "
            "Expectations Read the following extract from Chapter 1 of Great Expectations and then answer the question "
            "that follows.") in paper
    assert paper.index("was Pip.") < paper.index("Starting with this extract") < paper.index("[30 marks]")
    # the number stands in the number column, level with the extract's heading, left of it
    drawn: list[tuple[str, float, float]] = []
    PdfReader(str(out / "paper-1.pdf")).pages[1].extract_text(
        visitor_text=lambda words, cm, tm, font, size: words.strip() and drawn.append((words.strip(), tm[4] + cm[4], tm[5] + cm[5])))
    at = next(k for k, (words, _x, _y) in enumerate(drawn) if words == "0")
    (_z, x0, y0), (nine, x9, _y9), (heading, xh, yh) = drawn[at:at + 3]
    assert nine == "9" and heading.startswith("Charles Dickens:") and x0 < x9 < xh and abs(y0 - yh) < 8, drawn[at:at + 3]
    # no box around it: the extract is part of the question, printed plain (the only rectangles, 09's boxes)
    content = PdfReader(str(out / "paper-1.pdf")).pages[1].get_contents().get_data().decode("latin-1")
    widths = [float(w) for w in re.findall(r"[-\d.]+ [-\d.]+ ([-\d.]+) [-\d.]+ re", content)]
    assert widths and all(abs(w) < 20 for w in widths), widths


def test_the_dbq_is_headed_and_ended_as_the_college_board_prints_it(built):
    pages = page_texts(built["ap-us-history-dbq"] / "dbq.pdf")
    assert ("Question 1 (Document-Based Question) Suggested reading period: 15 minutes. Suggested writing time: "
            "45 minutes.") in pages[0]
    assert "Question 1: the document-based question" not in " ".join(pages)
    last = next(page for page in reversed(pages) if page.strip() and not page.strip().isdigit())
    assert last.index("series D 86.") < last.index("END OF DOCUMENTS FOR QUESTION 1")


def test_cambridge_marks_each_source_question_by_a_levels_table(built):
    key = _all(built["cambridge-igcse-history-paper-2"] / "answer-key.pdf")
    assert key.count("Level Marks Descriptor Level 0 0 No evidence submitted, or the response does not address the question.") == 5
    assert ("Level 1 1 Writes about the sources but makes no valid comparison. Level 2 2 Identifies information that "
            "is in one source but not in the other") in key
    assert "Level 5 7 Compares big messages" in key
    assert "Mark by levels:" not in key  # the levels are the table, not a sentence
    assert key.count("Indicative content:") == 6


def test_edexcel_numbers_a_questions_parts_as_pearson_prints_them(built):
    out = built["edexcel-paper-3"]
    paper = _all(out / "paper-3.pdf")
    assert "3 (a) How useful are Sources B and C" in paper
    assert "(b) Study Interpretations 1 and 2." in paper and "(c) Suggest one reason" in paper
    assert not re.search(r"3\(a\) How|3 \(b\) Study|3\(b\) Study", paper)
    assert "3(b) Study Interpretations 1 and 2." in _all(out / "answer-key.pdf")  # the mark scheme keeps 3(b)
