"""The examples beyond history (examples/english-literature, geography-fieldwork,
primary-reading): each builds `--strict` in its layouts; the poem keeps its own line numbers in
large print while an anchored citation of the prose extract gives each layout its own, right
number; no stimulus prints a historical source's provenance; no answer reaches the students'
papers. Read back from the PDFs, with text positions from pypdfium2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text
from studypack.commands.cli import main
from test_stimuli import numbered_lines, text_lines

LAYOUTS = {
    "english-literature": ("default", "large-print-18", "dyslexia"),
    "geography-fieldwork": ("default", "large-print-18", "dyslexia"),
    "primary-reading": ("default", "large-print-18", "dyslexia", "young-readers"),
}
STUDENT_PDFS = {
    "english-literature": ("unseen-prose.pdf", "unseen-poem.pdf", "source-booklet.pdf", "pack.pdf"),
    "geography-fieldwork": ("carrow-fieldwork.pdf", "source-booklet.pdf", "pack.pdf"),
    "primary-reading": ("runaway-kite.pdf", "source-booklet.pdf", "pack.pdf"),
}
KEY_ONLY = {  # words of the model answers, which only the key prints
    "english-literature": ["Dickens makes the marshes a hostile world", "she puts his happiness before"],
    "geography-fieldwork": ["The width measurements were fairly reliable", "0.308"],
    "primary-reading": ["could not slip through her fingers again", "She got it loose"],
}


def _build(pack: str, layout: str, out: Path) -> Path:
    result = CliRunner().invoke(main, ["build", str(ROOT / "examples" / pack), "--layout", layout,
                                       "--strict", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / (pack if layout == "default" else f"{pack}-{layout}")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("literacy")
    made = {(pack, "default"): _build(pack, "default", out) for pack in LAYOUTS}
    made["english-literature", "large-print-18"] = _build("english-literature", "large-print-18", out)
    return made


ENGLISH = (("english-literature", "default"), ("english-literature", "large-print-18"))


def test_the_poems_numbers_are_its_own_lines_in_default_and_large_print(built):
    for key in ENGLISH:
        numbers = numbered_lines(built[key] / "unseen-poem.pdf", "Remember me when I am", "Than that you")
        assert sorted(numbers) == [5, 10], (key, numbers)
        assert numbers[5].startswith("Remember me when no more day by day"), key
        assert numbers[10].startswith("And afterwards remember, do not grieve"), key
        words = pdf_text(built[key] / "unseen-poem.pdf")
        assert "In lines 1–8, what does" in words and "Read lines 9–14." in words  # verse: the same everywhere


def _extract_lines(pdf: Path) -> list[str]:
    return text_lines(pdf, "My father", "From Great Expectations")


def test_an_anchored_citation_gives_each_layout_its_own_right_line(built):
    said = {}
    for key in ENGLISH:
        pdf = built[key] / "unseen-prose.pdf"
        words, lines = pdf_text(pdf), _extract_lines(pdf)
        single = int(re.search(r"In line (\d+) the sea is called", words).group(1))
        assert "savage lair" in lines[single - 1], (key, single, lines)
        start, end = map(int, re.search(r"Read lines (\d+)–(\d+)\. Pip never saw", words).groups())
        assert lines[start - 1].startswith("I give Pirrip") and "existence." in lines[end - 1], (key, start, end)
        said[key] = (single, start, end)
    assert said[ENGLISH[0]] != said[ENGLISH[1]]  # the prose is numbered by printed line: large print moves it


@pytest.mark.parametrize("pack", sorted(LAYOUTS))
def test_no_stimulus_prints_a_historical_sources_provenance(built, pack):
    for name in STUDENT_PDFS[pack]:
        words = pdf_text(built[pack, "default"] / name)
        assert "Primary source" not in words and "Secondary source" not in words, name
        assert "Taken from" not in words, name
    attribution = {
        "english-literature": ["From Great Expectations by Charles Dickens (1861).", "Remember by Christina Rossetti (1862)."],
        "geography-fieldwork": ["Figure 1: Sketch map", "Source: Drawn for this example.", "Table 1: Channel measurements"],
        "primary-reading": ["Text A: The Runaway Kite", "Written for this example."],
    }[pack]
    words = " ".join(pdf_text(built[pack, "default"] / name) for name in STUDENT_PDFS[pack][:-1])
    assert all(each in words for each in attribution), (pack, words[:800])


@pytest.mark.parametrize("pack", sorted(LAYOUTS))
def test_no_model_answer_reaches_a_students_paper(built, pack):
    folder = built[pack, "default"]
    key = pdf_text(folder / "answer-key.pdf")
    for words in KEY_ONLY[pack]:
        assert words in key, words  # the key has it, so its absence below means something
        for name in STUDENT_PDFS[pack]:
            assert words not in pdf_text(folder / name), (name, words)


def test_the_primary_story_has_no_line_numbers(built):
    words = pdf_text(built["primary-reading", "default"] / "runaway-kite.pdf")
    story = words[words.index("On Saturday morning"):words.index("Written for this example")]
    assert not re.search(r"\b(5|10|15)\b", story), story


@pytest.mark.slow
@pytest.mark.parametrize("pack, layout", [(p, layout) for p, layouts in LAYOUTS.items() for layout in layouts])
def test_each_example_builds_strict_in_its_layouts(tmp_path, pack, layout):
    folder = _build(pack, layout, tmp_path)
    assert (folder / "pack.pdf").exists() and (folder / "answer-key.pdf").exists()
    for name in STUDENT_PDFS[pack]:
        words = pdf_text(folder / name)
        assert all(answer not in words for answer in KEY_ONLY[pack]), (layout, name)
    if pack == "english-literature":
        numbers = numbered_lines(folder / "unseen-poem.pdf", "Remember me when I am", "Than that you")
        assert numbers[5].startswith("Remember me when no more") and numbers[10].startswith("And afterwards"), layout


@pytest.mark.parametrize("layout, ground", [("dyslexia", (0xFC, 0xF5, 0xE3)), ("default", (0xFF, 0xFF, 0xFF))])
def test_the_labelling_picture_s_white_ground_shows_the_page_under_it(tmp_path, layout, ground):
    """The channel's picture (a diagram on white) kept a white rectangle inside its grey frame
    on the dyslexia layout's cream page: drawn multiplied there, its empty sky is the page's
    cream; on white paper it is white as before."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(_build("geography-fieldwork", layout, tmp_path) / "carrow-fieldwork.pdf")
    page = next(page for page in document if "Label the" in page.get_textpage().get_text_range())
    picture = next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    left, _bottom, right, top = picture.get_bounds()
    shown = page.render(scale=1).to_pil().convert("RGB")
    for x in (left + 6, (left + right) / 2 + 20, right - 6):  # the sky over the channel, inside the frame
        pixel = shown.getpixel((int(x), int(page.get_height() - top) + 6))
        assert all(abs(a - b) <= 2 for a, b in zip(pixel, ground)), (x, pixel, ground)
