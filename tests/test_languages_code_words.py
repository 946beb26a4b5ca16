"""Words the code itself composes (an ordering's ends, given bullets' lines, the Word key's
header, a source's heading, a counted SPaG line, a date's month) said in the paper's language:
a small pack built in English shows which words of the tool's it prints, and the same pack in
French, German, Spanish and Welsh must print none of them that its catalogue does not use."""

from __future__ import annotations

import re

import pytest

from conftest import pdf_text, squash
from studypack.app import build
from studypack.io import words
from studypack.io.columns import field_for_label
from studypack.spec import references
from studypack.views.drawing import when

FULL = ("fr", "de", "es", "cy")
PACK = """\
title: "Tool words"
subject: History
level: "Year 9"
sources:
  - letter: A
    title: "Kirov is shot"
    kind: primary
    origin: "A newspaper report"
    date: "1934"
    citation: "Pravda, 2 December 1934"
    text: "Comrade Kirov was killed in Leningrad yesterday."
sheets:
  - id: kirov
    kind: source-analysis
    title: "Kirov"
    instructions: "Study Source A."
    sources: [A]
    questions:
      - id: order
        kind: ordering
        prompt: "Put these in order."
        marks: 1
        items: ["Kirov is shot", "Zinoviev is tried", "Bukharin is tried"]
      - id: infer
        kind: inferences
        prompt: "Give two inferences from Source A."
        marks: 2
        source: A
        answers:
          - {inference: "Kirov mattered", detail: "Comrade Kirov"}
      - id: essay
        kind: extended
        prompt: "Explain why Kirov was shot."
        marks: 6
        spag: 2
        stimulus: ["Leningrad", "Stalin"]
        mark_scheme:
          levels:
            - {level: 1, marks: "1-3", descriptor: "A simple reply."}
            - {level: 2, marks: "4-6", descriptor: "An explanation."}
          spag:
            - {level: 1, marks: "1-2", descriptor: "Accurate."}
  - id: one
    kind: worksheet
    title: "One more"
    questions:
      - id: date
        kind: short
        prompt: "When was Kirov shot?"
        marks: 1
        answer: "December 1934"
"""
_WORD = re.compile(r"[^\W\d_]{4,}")
_KEYS = re.compile(r"[a-z_]+:")  # the pack's YAML keys, which are not printed


def _build(tmp_path, code: str | None, fmt: str = "pdf") -> list:
    pack = tmp_path / (code or "en") / fmt / "tool-words"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text((f"language: {code}\n" if code else "") + PACK, encoding="utf-8")
    return build.build(pack, out_root=pack.parent / "out", jobs=1, fmt=fmt).written


def _docx_text(written) -> str:
    docx = pytest.importorskip("docx")
    said = []
    for w in written:
        document = docx.Document(str(w.path))
        said += [p.text for p in document.paragraphs]
        said += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        for section in document.sections:  # the header and footer, which say the document's title
            said += [p.text for part in (section.header, section.footer) for p in part.paragraphs]
    return squash(" ".join(said))


def _printed(tmp_path, code: str | None) -> str:
    pdfs = " ".join(pdf_text(w.path) for w in _build(tmp_path, code) if w.path.suffix == ".pdf")
    return pdfs + " " + _docx_text(_build(tmp_path, code, "docx"))


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _catalogue_words(code: str) -> set[str]:
    found: set[str] = set()
    for message in words.catalogue(code).messages.values():
        for form in (message.values() if isinstance(message, dict) else [message]):
            found |= _words(re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{[a-z]+\}", " ", str(form)))
    return found


@pytest.fixture(scope="module")
def english(tmp_path_factory) -> set[str]:
    """The tool's own English words on the English paper: every word printed that the pack does not hold."""
    printed = _printed(tmp_path_factory.mktemp("en"), None)
    tools = _words(printed) - _words(_KEYS.sub(" ", PACK))
    assert {"earliest", "latest", "following", "information", "answer", "questions"} <= tools  # the check is not blind
    return tools


@pytest.mark.slow
@pytest.mark.parametrize("code", FULL)
def test_no_english_word_the_code_composes(code, tmp_path, english):
    printed = _printed(tmp_path, code)
    left = english & _words(printed) - _catalogue_words(code) - _words(_KEYS.sub(" ", PACK))
    assert sorted(left) == [], f"English words of the tool's on the {code} paper (PDF or Word)"
    said = words.words(code)
    for key in ("question.order-first", "question.order-last", "question.given-lead", "question.given-own", "key.title"):
        assert squash(said(key)) in printed, f"{key} not printed in {code}"
    assert squash(said("source.heading", name=said("noun.source", 1) + " A", title="Kirov is shot")) in printed
    assert squash(said("key.spag-marks", 2)) in printed  # counted: Welsh "2 farc"


@pytest.mark.slow
def test_moodle_ordering_note_in_the_language(tmp_path):
    written = _build(tmp_path, "fr", "moodle")
    xml = " ".join(w.path.read_text(encoding="utf-8") for w in written if w.path.suffix == ".xml")
    assert "Le plus ancien en haut, Le plus récent en bas." in xml and "at the top" not in xml


def test_the_english_words_stay_as_they_were():
    en = words.words("en")
    assert (en("question.order-first"), en("question.order-last")) == ("Earliest", "Latest")
    assert en("source.heading", name="Source A", title="A speech") == "Source A: A speech"
    assert en("marks.after", 40, marks="40") == "40\u00a0marks" and en("marks.after", 1, marks="1") == "1\u00a0mark"


def test_counted_strings_choose_their_plural_form():
    fr, cy = words.words("fr"), words.words("cy")
    assert fr("marks.after", 1, marks="1") == "1\u00a0point" and cy("marks.after", 2, marks="2") == "2\u00a0farc"
    assert "1 point pour" in fr("cover.total-spag", 1) and "2 farc am" in cy("cover.total-spag", 2)
    assert cy("key.spag-marks", 2).startswith("hyd at 2 farc") and fr("key.spag-marks", 1).startswith("jusqu’à 1 point,")
    assert [cy("class-set.copies", n) for n in (2, 3, 6, 7)] == ["2 gopi", "3\u00a0chopi", "6\u00a0chopi", "7 copi"]


def test_a_source_heading_in_french_has_its_space_before_the_colon():
    assert words.words("fr")("source.heading", name="Document A", title="Un discours") == "Document A\u00a0: Un discours"


@pytest.mark.parametrize("date, english", [("10 mai 1940", "10 May 1940"), ("3. Oktober 1990", "3 October 1990"),
                                           ("agosto 1936", "August 1936"), ("Awst 1914", "August 1914"),
                                           ("Mawrth 1921", "March 1921"), ("1 déc. 1934", "1 December 1934"),
                                           ("Dezember 1934", "December 1934")])
def test_a_date_in_any_language_finds_its_month(date, english):
    assert when(date) == pytest.approx(when(english))


def test_welsh_and_before_a_vowel():
    cy = words.words("cy")
    assert cy.listed("A", "E") == "A ac E" and cy.listed("A", "B") == "A a B"
    assert references.phrase(["Ffynhonnell A", "Ffynhonnell E"], cy) == "Ffynonellau A ac E"
    assert words.words("en").listed("A", "E") == "A and E"


def test_spanish_roster_labels_still_fill_their_blanks():
    es = words.words("es")
    assert field_for_label(es.english_of("Nombre y apellidos")) == "name"
    assert field_for_label(es.english_of("Nombre")) == "first"


def test_words_the_pack_gives_print_as_written_in_any_language():
    from studypack.kinds.questions.ordering import spec as ordering
    from studypack.spec.fields import Stimulus
    fr = words.words("fr")
    q = ordering.Model.model_validate({"kind": "ordering", "prompt": "Order them.", "marks": 1, "items": ["a", "b"],
                                       "first": "First"})
    assert ordering.ends(q, fr) == ("First", "Le plus récent")
    assert ordering.positions(q.model_copy(), fr) == ["1 (First)", "2 (Le plus récent)"]
    assert Stimulus.model_validate({"points": ["x"], "own": None}).said(fr) == (fr("question.given-lead"), None)
    assert Stimulus.model_validate({"points": ["x"]}).said() == ("You may use the following in your answer:",
                                                     "You must also use information of your own.")


def test_a_narrow_no_break_space_never_breaks_a_pdf_line():
    """French puts U+202F before ";", which ReportLab would break a line at: the paragraph sets it unbreakable."""
    from reportlab.lib.styles import ParagraphStyle

    from studypack.views.paragraph import Paragraph
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12)
    text = words.words("fr")("class-key.grid-note")
    assert "\u202f;" in text
    para = Paragraph(text, style)
    for width in range(60, 400, 7):  # at no width does a line begin with the semicolon
        para.wrap(width, 1000)
        lines = [" ".join(getattr(line, "words", None) or line[1]) for line in para.blPara.lines]
        assert not any(line.startswith(";") for line in lines), width
