"""Board papers after the second review of every page (issue 25): what the reviewer found,
each read back from the PDFs the examples build or from `check`'s located warnings."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT, built_papers, page_texts
from studypack.commands.cli import main

PAPERS = ROOT / "examples" / "papers"
BUILT = ("aqa-geography-paper-3", "aqa-english-literature-paper-1", "aqa-paper-1a", "ocr-history-a-depth-study",
         "cambridge-igcse-history-paper-2", "edexcel-paper-3", "aqa-maths-paper-1", "ap-us-history-dbq")


pytestmark = pytest.mark.slow  # eight example papers built --strict: the slow suite


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example papers this file reads, built with --strict; {example: output folder}."""
    return built_papers(tmp_path_factory, BUILT)


def test_a_multiple_choice_question_says_how_to_answer_once_in_the_papers_form(built):
    paper = " ".join(page_texts(built["aqa-geography-paper-3"] / "paper-3.pdf"))
    assert "more reliable? [1 mark] Shade one circle only." in paper
    assert "Tick" not in paper  # the prompt's own "Tick (✓) one box." over circles to shade is gone


def test_a_prompt_saying_another_answer_form_is_warned_at_its_line(tmp_path):
    here = tmp_path / "papers" / "geo"
    shutil.copytree(PAPERS / "aqa-geography-paper-3", here)
    shutil.copytree(ROOT / "examples" / "geography-fieldwork", tmp_path / "geography-fieldwork")  # its `extends:`
    text = (here / "pack.yaml").read_text().replace("more reliable?\"", "more reliable? Tick (✓) **one** box.\"")
    (here / "pack.yaml").write_text(text)
    result = CliRunner().invoke(main, ["check", "--strict", str(here)])
    assert result.exit_code == 1
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "Tick (✓)" in row)
    assert (f"pack.yaml:{line}: the prompt says 'Tick (✓) one box.', but this paper prints its own form under every "
            "multiple-choice question ('Shade one circle only.'): leave the instruction out of the prompt") in result.stderr


def test_the_key_names_an_unlabelled_extract_as_the_paper_prints_it(built):
    out = built["aqa-english-literature-paper-1"]
    key = " ".join(page_texts(out / "answer-key.pdf"))
    assert "Extract A" not in key and "Section B — 30 marks Great Expectations Section B" in key


@pytest.mark.parametrize("example, pdf, heading, source", [
    ("aqa-english-literature-paper-1", "paper-1.pdf", "Section B: The 19th-century novel Answer the question on Great Expectations.",
     "0 9 Charles Dickens: Great Expectations Read the following extract"),
    ("ocr-history-a-depth-study", "depth-study.pdf", "Answer all the questions.", "Source A Grigory Zinoviev")])
def test_a_sections_sources_print_under_its_heading_and_rubric(built, example, pdf, heading, source):
    paper = " ".join(page_texts(built[example] / pdf)[1:])  # after the cover
    assert paper.index(heading) < paper.index(source)


@pytest.mark.parametrize("example, pdf, title", [
    ("aqa-english-literature-paper-1", "paper-1.pdf", "Great Expectations: the extract question"),
    ("aqa-paper-1a", "paper-1.pdf", "The Moscow show trials"), ("ocr-history-a-depth-study", "depth-study.pdf", "The Moscow")])
def test_a_board_paper_prints_no_running_header_nor_a_sections_marks_line(built, example, pdf, title):
    pages = page_texts(built[example] / pdf)
    assert not any(page.startswith(title) for page in pages)  # no pack title over any page
    paper = " ".join(pages)
    assert "Section B: The 19th-century novel 30 marks" not in paper and " marks + " not in paper.split("Information")[-1]
    key = " ".join(page_texts(built[example] / "answer-key.pdf"))
    assert "marks" in key  # the mark scheme keeps its sections' marks


def test_a_provenance_has_its_date_after_the_sentence_saying_who(built):
    paper = " ".join(page_texts(built["ocr-history-a-depth-study"] / "depth-study.pdf"))
    assert ("speaking in court, August 1936. His words are in English as a history website quoted them in January 2013."
            in paper)
    cambridge = " ".join(page_texts(built["cambridge-igcse-history-paper-2"] / "paper-2.pdf"))
    assert "speaking in court, August 1936. Quoted in English on a history website in 2013." in cambridge
    assert "2013, August 1936" not in paper + cambridge


def test_aqa_question_6_gives_its_two_reasons_once_as_bullets(built):
    paper = " ".join(page_texts(built["aqa-paper-1a"] / "paper-1.pdf"))
    assert ("held the show trials? [12 marks] • removing his rivals • blaming others for economic problems "
            "Explain your answer with reference to both bullet points.") in paper
    assert paper.count("removing his rivals") == 1


def test_cambridge_background_information_comes_before_the_sources(built):
    paper = " ".join(page_texts(built["cambridge-igcse-history-paper-2"] / "paper-2.pdf")[1:])
    assert paper.index("Background Information.") < paper.index("Source A") < paper.index("1 Study Sources A and C")


@pytest.mark.parametrize("example, pdf, blank", [
    ("aqa-english-literature-paper-1", "paper-1.pdf", "There are no questions printed on this page"),
    ("cambridge-igcse-history-paper-2", "paper-2.pdf", "BLANK PAGE")])
def test_a_board_paper_of_any_sheet_kind_ends_on_an_even_page_in_the_boards_words(built, example, pdf, blank):
    pages = page_texts(built[example] / pdf)
    assert len(pages) % 2 == 0 and blank in pages[-1]
    assert "Turn over" not in pages[-2]  # nothing follows the last question


@pytest.mark.parametrize("example, pdf", [("ocr-history-a-depth-study", "depth-study.pdf"),
                                          ("cambridge-igcse-history-paper-2", "paper-2.pdf")])
def test_ocr_and_cambridge_sources_carry_no_line_numbers(built, example, pdf):
    reader = PdfReader(str(built[example] / pdf))
    sizes: list[float] = []
    for page in reader.pages:  # a line number is a lone "5" set small beside the source's lines
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: sizes.append(size) if t.strip() == "5" else None)
    assert [size for size in sizes if size < 9] == []  # (a question 5's number is in the body's size)


def test_points_that_each_name_their_mark_are_a_mark_scheme_not_any_of(tmp_path):
    out = tmp_path / "out"
    for example in ("aqa-maths-paper-1", "ap-chemistry-frq"):
        result = CliRunner().invoke(main, ["build", str(PAPERS / example), "--out", str(out), "--strict"])
        assert result.exit_code == 0, result.output + result.stderr
    maths = " ".join(page_texts(out / "aqa-maths-paper-1" / "answer-key.pdf"))
    assert "Credit any of" not in maths and "Mark scheme: •" in maths and "(M1). • " in maths
    chemistry = " ".join(page_texts(out / "ap-chemistry-frq" / "answer-key.pdf"))
    assert "Credit any of" not in chemistry and "Scoring guidelines: • 1 point for" in chemistry


def test_each_earns_tells_a_breakdown_from_alternatives():
    from studypack.kinds.questions.short.spec import each_earns
    assert each_earns(["$3x = 15$ (M1).", "$x = 5$ (A1)."]) and each_earns(["1 point for pH = 4.74."])
    assert each_earns({"Method": ["Four terms (M1)."], "Answer": ["x^2 + x - 6 (A1)."]})
    assert not each_earns(["Fear of rivals.", "Blaming others (1 mark)."]) and not each_earns([])


def test_edexcel_3b_and_3c_are_marked_by_levels_as_pearson_marks_them(built):
    key = " ".join(page_texts(built["edexcel-paper-3"] / "answer-key.pdf"))
    for part, nxt in (("3(b)", "3(c)"), ("3(c)", "3(d)")):
        scheme = key[key.index(f"{part} Study" if part == "3(b)" else f"{part} Suggest"):key.index(f"{nxt} ", key.index(part) + 5)]
        assert "Level 1 1–2" in scheme and "Level 2 3–4" in scheme, scheme


def test_aqa_maths_in_its_own_forms(built):
    pages = page_texts(built["aqa-maths-paper-1"] / "practice.pdf")
    assert "8300/1F" in pages[0]
    paper = " ".join(pages)
    assert "[1 mark] Circle your answer. 360 3600 36000 360000" in paper  # in a row, unlettered
    assert "Shade one circle" not in paper
    line = paper[paper.index("show your working."):paper.index("0 7")]  # "x = ........ , y = ........"
    blanks = [len(run) for run in line.split() if set(run) == {"."}]
    assert len(blanks) == 2 and blanks[0] == blanks[1], line


def test_the_dbq_prints_its_statistics_as_a_table_and_each_provenance_after_source(built):
    out = built["ap-us-history-dbq"]
    paper = " ".join(page_texts(out / "dbq.pdf"))
    assert "Source: Franklin D. Roosevelt, inaugural address" in paper
    assert ("Document 7: Unemployment in the United States, 1933–1941 Year Unemployed, as a percentage of the "
            "civilian labor force (%) 1933") in paper  # (its figures read back split at the decimal point they align on)
    assert "1933: 24.9 percent" not in paper
    assert sorted(p.name for p in out.glob("*.pdf")) == ["answer-key.pdf", "dbq.pdf", "pack.pdf"]  # no booklet


def test_the_ap_chemistry_key_gives_each_parts_points_and_scores_every_one(tmp_path):
    result = CliRunner().invoke(main, ["build", str(PAPERS / "ap-chemistry-frq"), "--out", str(tmp_path), "--strict"])
    assert result.exit_code == 0, result.output + result.stderr
    key = " ".join(page_texts(tmp_path / "ap-chemistry-frq" / "answer-key.pdf"))
    assert "and sodium hydroxide. 1 point " in key and "hydroxide is added. 2 points " in key
    assert key.count("1 point for") == 14 and "14 points" in key  # every point of the 14 traceable
    paper = " ".join(page_texts(tmp_path / "ap-chemistry-frq" / "practice.pdf"))
    assert "1 point" not in paper and "2 points" not in paper  # none beside the questions on the paper


def test_a_word_bank_fills_its_rows_evenly(tmp_path):
    """Five words in three columns, three and two: never four and "velocity" alone on a row."""
    result = CliRunner().invoke(main, ["build", str(PAPERS / "ocr-physics-paper-1"), "--out", str(tmp_path), "--strict"])
    assert result.exit_code == 0, result.output + result.stderr
    bank = {"acceleration", "energy", "mass", "newtons", "velocity"}
    rows: dict[float, list[str]] = {}
    for page in PdfReader(str(tmp_path / "ocr-physics-paper-1" / "practice.pdf")).pages:
        page.extract_text(visitor_text=lambda t, cm, tm, font, size: rows.setdefault(round(tm[5] + cm[5], 1), []).append(
            t.strip()) if t.strip() in bank else None)
    counts = sorted(len(words) for words in rows.values() if set(words) <= bank and len(words) > 1 or words == ["velocity"])
    assert counts == [2, 3], rows


def test_aqas_interpretations_booklet_says_interpretations(built):
    booklet = " ".join(page_texts(built["aqa-paper-1a"] / "paper-1-sources.pdf"))
    assert "Use these interpretations to answer the questions in Section A" in booklet and "END OF INTERPRETATIONS" in booklet
    assert "Use these sources" not in booklet and "End of sources" not in booklet
