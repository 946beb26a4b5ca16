"""The example pack, built and read back: what a teacher and a student see on paper."""

from __future__ import annotations

import re

from pypdf import PdfReader

from studypack import text
from conftest import pdf_text, squash

A4 = (595.28, 841.89)


def plain(value: str) -> str:
    return squash(text.plain(value))


def marks_in(pdf_words: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+) marks?\]", pdf_words)]


def test_writes_one_pdf_per_sheet_plus_pack_and_key(built, example):
    folder, result = built
    expected = {f"{s.id}.pdf" for s in example.pack.sheets} | {"pack.pdf", "answer-key.pdf", "reference.pdf", "source-booklet.pdf"}
    assert {p.name for p in folder.iterdir() if not p.name.startswith(".")} == expected
    assert {w.path.name for w in result.written} == expected


def test_example_pack_is_substantial(example):
    pack = example.pack
    questions = [q for s in pack.sheets for q in s.questions]
    assert len(questions) >= 12 and pack.total >= 40
    assert len(pack.glossary) >= 8
    assert sum(s.kind == "source-analysis" for s in pack.sheets) >= 2
    assert any(s.kind == "worksheet" for s in pack.sheets)
    assert {"A", "B", "C", "D", "E"} <= {s.letter for s in pack.sources}
    years = [int(y) for e in pack.timeline for y in re.findall(r"\b(19[23]\d)\b", e.date)]
    assert min(years) == 1924 and max(years) == 1938


def test_every_source_is_printed_with_its_provenance(built, example):
    folder, _ = built
    for sheet in example.pack.sheets:
        words = pdf_text(folder / f"{sheet.id}.pdf")
        for letter in sheet.sources:
            source = example.pack.source(letter)
            assert f"Source {letter}: {plain(source.title)}" in words
            assert plain(source.origin) in words
            assert plain(source.date) in words
            assert plain(source.citation) in words
            first_words = " ".join(plain(source.text).split()[:8])
            assert first_words in words


def test_questions_carry_their_marks_in_sheet_and_key(built, example):
    folder, _ = built
    key = pdf_text(folder / "answer-key.pdf")
    key_marks = marks_in(key)
    expected_all = []
    for sheet in example.pack.sheets:
        words = pdf_text(folder / f"{sheet.id}.pdf")
        expected = [q.marks for q in sheet.questions]
        assert marks_in(words) == expected, sheet.id
        expected_all += expected
        for q in sheet.questions:
            start = " ".join(plain(q.prompt).split()[:6])
            assert start in words and start in key
    assert key_marks == expected_all


def test_key_totals_per_sheet_and_pack(built, example):
    folder, _ = built
    key = pdf_text(folder / "answer-key.pdf")
    for sheet in example.pack.sheets:
        assert f"Total for {plain(sheet.title)}: {sheet.total} marks" in key
    assert f"Total for the pack: {example.pack.total} marks" in key


def test_student_sheets_show_no_answers(built, example):
    folder, _ = built
    pack_words = pdf_text(folder / "pack.pdf")
    key = pdf_text(folder / "answer-key.pdf")
    secrets = []
    for sheet in example.pack.sheets:
        for q in sheet.questions:
            for field in ("answer", "explanation"):
                value = getattr(q, field, None)
                if isinstance(value, str) and len(value) > 12:
                    secrets.append(value)
            secrets += getattr(q, "points", [])
            scheme = getattr(q, "mark_scheme", None)
            if scheme:
                secrets += [lv.descriptor for lv in scheme.levels] + list(scheme.indicative)
    assert len(secrets) > 20
    for secret in secrets:
        snippet = " ".join(plain(secret).split()[:7])
        if len(snippet) < 15:
            continue
        assert snippet not in pack_words, snippet
        assert snippet in key, snippet
    assert "(correct answer)" not in pack_words and "(correct answer)" in key


def test_every_page_has_titles_and_page_n_of_m(built, example):
    folder, _ = built
    for sheet in example.pack.sheets:
        reader = PdfReader(str(folder / f"{sheet.id}.pdf"))
        pages = len(reader.pages)
        for n, page in enumerate(reader.pages, start=1):
            words = squash(page.extract_text())
            assert plain(example.pack.title) in words
            assert plain(sheet.title) in words
            assert f"Page {n} of {pages}" in words
        first = squash(reader.pages[0].extract_text())
        assert "Name" in first and "Class" in first


def test_pack_pdf_restarts_page_numbers_per_sheet(built, example):
    folder, _ = built
    reader = PdfReader(str(folder / "pack.pdf"))
    firsts = [squash(p.extract_text()) for p in reader.pages if "Page 1 of" in squash(p.extract_text())]
    assert len(firsts) == len(example.pack.sheets) + 1  # and the glossary and timeline


def test_glossary_and_timeline_are_printed(built, example):
    folder, _ = built
    for name in ("reference.pdf", "pack.pdf"):
        words = pdf_text(folder / name)
        for term, meaning in example.pack.glossary.items():
            assert plain(term) in words
            assert " ".join(plain(meaning).split()[:6]) in words
        for event in example.pack.timeline:
            assert plain(event.date) in words
            assert " ".join(plain(event.event).split()[:6]) in words


def test_student_sheets_end_with_end_of_questions(built, example):
    folder, _ = built
    for sheet in example.pack.sheets:
        reader = PdfReader(str(folder / f"{sheet.id}.pdf"))
        assert "End of questions" in reader.pages[-1].extract_text()
        assert all("End of questions" not in p.extract_text() for p in reader.pages[:-1])
    assert "End of questions" not in pdf_text(folder / "answer-key.pdf")
