"""Board papers after the fourth round of issue 25: what the third left, read back from the PDFs
the examples build (AQA's question 09 read with its extract across a page turn, its extract
headed "Charles Dickens: Great Expectations" as AQA heads it, and every example key saying
"Question N continued" (a part's own number: "Question 05.2 continued") over a question going
on overleaf, though its profile prints none on
the paper, but over a sub-question's stem, whose number says whose it is)."""

from __future__ import annotations

import pytest

from conftest import built_papers, page_texts

KEYS = ("aqa-english-literature-paper-1", "ap-chemistry-frq", "cambridge-igcse-history-paper-2", "ib-paper-1",
        "ocr-history-a-depth-study", "edexcel-paper-3", "aqa-geography-paper-3")

pytestmark = pytest.mark.slow  # seven example papers built --strict: the slow suite


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example papers this file reads, built with --strict; {example: output folder}."""
    return built_papers(tmp_path_factory, KEYS)


def test_question_09_prints_its_number_again_beside_its_prompt_overleaf_of_the_extract(built):
    out = built["aqa-english-literature-paper-1"]
    for document in ("paper-1.pdf", "pack.pdf"):
        pages = page_texts(out / document)
        extract = next(k for k, page in enumerate(pages) if "was Pip." in page)
        prompt = next(k for k, page in enumerate(pages) if "Starting with this extract" in page)
        assert pages[extract].startswith("Section B: The 19th-century novel Answer the question on Great "
                                         "Expectations. 0 9 Charles Dickens: Great Expectations"), pages[extract][:200]
        # the extract fills its page: the prompt goes on overleaf, "0 9" beside it, so the two read together
        assert prompt == extract + 1, (extract, prompt)
        assert pages[prompt].startswith("0 9 Great Expectations: in this extract"), pages[prompt][:120]
        assert pages[prompt].index("Starting with this extract") < pages[prompt].index("[30 marks]")


def test_the_extract_is_headed_by_author_and_title_and_not_credited_again(built):
    page = page_texts(built["aqa-english-literature-paper-1"] / "paper-1.pdf")[1]
    assert ("0 9 Charles Dickens: Great Expectations Read the following extract from Chapter 1 of Great "
            "Expectations and then answer the question that follows. My father's family name") in page
    assert "by Charles Dickens" not in page and "(1861)" not in page and "From Great Expectations" not in page


@pytest.mark.parametrize("example, number", [("aqa-english-literature-paper-1", "09"), ("ap-chemistry-frq", "1(e)"),
                                             ("cambridge-igcse-history-paper-2", "2"), ("ib-paper-1", "4"),
                                             ("ocr-history-a-depth-study", "4")])
def test_a_key_says_whose_text_goes_on_overleaf_though_the_paper_prints_no_continued(built, example, number):
    out = built[example]
    keys = [path for path in out.glob("*.pdf") if path.name in ("answer-key.pdf", "mark-scheme.pdf")]
    assert len(keys) == 1, sorted(p.name for p in out.glob("*.pdf"))
    pages = page_texts(keys[0])
    carried = [k for k, page in enumerate(pages) if page.startswith(f"Question {number} continued ")]
    assert carried, [page[:80] for page in pages]
    for k in carried:  # the question (or its part: "1(e)", "05.2") is on the page before: the line names it
        assert number in pages[k - 1]
    papers = [path for path in out.glob("*.pdf") if path not in keys]
    assert papers and not any("continued" in " ".join(page_texts(path)).replace("(continued)", "")
                              for path in papers), "the profile prints no 'Question N continued' on the paper"


@pytest.mark.parametrize("example, part, question", [("edexcel-paper-3", "3(b) Study Interpretations", "3"),
                                                     ("edexcel-paper-3", "3(d) How far do you agree", "3"),
                                                     ("aqa-geography-paper-3", "04.4 Which of these", "04")])
def test_a_keys_sub_question_starting_a_page_is_not_called_continued(built, example, part, question):
    """Its own number says whose it is: no "Question 3 continued" over "3(b)" (the key said both)."""
    pages = page_texts(built[example] / "answer-key.pdf")
    assert any(part in page for page in pages[1:]), [page[:80] for page in pages]
    # whether the part starts a page or follows its sister's carried end ("Question 3(a) continued"),
    # no line names the whole question as going on over it
    assert f"Question {question} continued" not in " ".join(pages).split(part)[0][-200:]


@pytest.mark.parametrize("layout", ["dyslexia", "large-print-18"])
def test_the_extract_question_builds_in_layouts_that_break_its_extract(tmp_path, layout):
    """The extract broken over pages (a large-print box starting a page put a page break inside
    question 09, an internal error), its part overleaf headed by what the page before printed."""
    from click.testing import CliRunner

    from conftest import ROOT
    from studypack.commands.cli import main

    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / "papers" / "aqa-english-literature-paper-1"),
                                       "--layout", layout, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output + result.stderr
    pages = page_texts(tmp_path / f"aqa-english-literature-paper-1-{layout}" / "paper-1.pdf")
    carried = [page for page in pages if "(continued)" in page]
    assert carried and all(page.startswith("Charles Dickens: Great Expectations (continued) ") for page in carried)
    assert "Extract A" not in " ".join(pages)
    last = next(page for page in pages if "Starting with this extract" in page)
    assert "was Pip." in last and not last.startswith("0 9")  # the prompt under the extract's end: no number again


def test_the_geography_key_keeps_its_levels_question_whole_where_its_closing_lines_close_up(built):
    """AQA geography's key once carried 05.2 overleaf ("Question 05.2 continued", a third page);
    with the closing block's gaps closed up by at most half (paper22g) the question and the
    totals end page 2 whole."""
    pages = page_texts(built["aqa-geography-paper-3"] / "answer-key.pdf")
    assert len(pages) == 2, [page[:80] for page in pages]
    assert "05.2 Evaluate the reliability" in pages[1] and "Indicative content" in pages[1]
    assert pages[1].endswith("Section B Fieldwork: 19 marks + 3 SPaG 2")  # the total, then the folio
    assert not any("continued" in page for page in pages)
