"""The example pack, built and read back: what a teacher and a student see on paper."""

from __future__ import annotations

import re

from pypdf import PdfReader

from studypack.media import text
from conftest import EXAMPLE, pdf_text, squash
from studypack.app.build import build
from studypack.plan.documents import make

A4 = (595.28, 841.89)


def plain(value: str) -> str:
    return squash(text.plain(value))


def marks_in(pdf_words: str) -> list[tuple[int, int]]:
    """Every printed marks label, "[4 marks]" or "[16 marks + 4 SPaG]", as (marks, spag)."""
    return [(int(n), int(spag or 0)) for n, spag in re.findall(r"\[(\d+) marks?(?: \+ (\d+) SPaG)?\]", pdf_words)]


def leaves(sheet):
    """(printed number, question) for each question or sub-question, in order."""
    out = []
    for number, _section, q in sheet.numbered():
        if q.kind == "parts":
            out += [(f"{number}({chr(97 + i)})", part) for i, part in enumerate(q.parts)]
        else:
            out.append((str(number), q))
    return out


def question_sheets(pack):
    return [s for s in pack.sheets if s.all_questions]


def booklet(sheet) -> bool:
    return sheet.kind == "exam" or sheet.source_booklet


def test_writes_one_pdf_per_sheet_plus_pack_and_key(built, example):
    folder, result = built
    sheets = example.pack.sheets
    expected = {f"{s.id}.pdf" for s in sheets if s.kind != "cover"} | {"pack.pdf", "answer-key.pdf", "source-booklet.pdf"}
    expected |= {f"{s.id}-sources.pdf" for s in sheets if s.sources and booklet(s)}
    assert "exam-paper-sources.pdf" in expected and "exam-cover.pdf" not in expected
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
        if not sheet.sources:
            continue
        words = pdf_text(folder / (f"{sheet.id}-sources.pdf" if booklet(sheet) else f"{sheet.id}.pdf"))
        paper = pdf_text(folder / f"{sheet.id}.pdf")
        for letter in sheet.sources:
            if booklet(sheet):  # the paper points to the booklet and does not print the source
                assert plain(example.pack.source(letter).citation) not in paper
                assert "separate Source Booklet" in paper
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
    for sheet in question_sheets(example.pack):
        words = pdf_text(folder / f"{sheet.id}.pdf")
        expected = [(q.marks, q.spag or 0) for _label, q in leaves(sheet)]
        if sheet.tiered:  # printed once per tier, each version with its tier's questions
            printed = [(q.marks, q.spag or 0) for t in ("foundation", "higher") for _n, _s, q in sheet.numbered(t)]
            assert marks_in(words) == printed, sheet.id
        else:
            assert marks_in(words) == expected, sheet.id
        expected_all += expected
        for label, q in leaves(sheet):
            start = " ".join(plain(q.prompt).split()[:6])
            assert start in words and start in key
            if "(" in label:  # sub-questions are printed 3(a), 3(b) on the sheet and in the key
                assert f"{label} {start}" in words and f"{label} {start}" in key
    assert key_marks == expected_all
    assert (16, 4) in expected_all  # the SPaG question is in the pack


def test_sections_print_rubric_time_and_key_totals(built, example):
    folder, _ = built
    paper = next(s for s in example.pack.sheets if s.sections)
    words, key = pdf_text(folder / f"{paper.id}.pdf"), pdf_text(folder / "answer-key.pdf")
    for section in paper.sections:
        total = apart(sum(q.marks for q in section.questions), sum(q.spag or 0 for q in section.questions))
        assert f"{plain(section.title)} {total} · Suggested time: {plain(section.time)}" in words
        assert plain(section.rubric) in words and plain(section.rubric) not in key
        assert f"Total for {plain(section.title)}: {total}" in key
    assert f"Time: {plain(paper.time)}" in words


def test_key_totals_per_sheet_and_pack(built, example):
    folder, _ = built
    key = pdf_text(folder / "answer-key.pdf")
    for sheet in question_sheets(example.pack):
        if sheet.tiered:
            for tier in ("foundation", "higher"):
                total = apart(sheet.total_for(tier) - sheet.spag_for(tier), sheet.spag_for(tier))
                assert f"Total for {plain(sheet.title)} ({tier.capitalize()} tier): {total}" in key
        else:
            assert f"Total for {plain(sheet.title)}: {apart(sheet.total - sheet.spag_for(None), sheet.spag_for(None))}" in key
    for tier in ("foundation", "higher"):  # the pack has a tiered sheet: a total per tier
        spag = sum(s.spag_for(tier) for s in example.pack.sheets)
        assert f"Total for the pack ({tier.capitalize()} tier): {apart(example.pack.total_for(tier) - spag, spag)}" in key


def apart(marks: int, spag: int) -> str:
    """Marks as the key and section headings print them, SPaG apart: "27 marks + 4 SPaG"."""
    return f"{marks} marks" + (f" + {spag} SPaG" if spag else "")


def test_student_sheets_show_no_answers(built, example):
    folder, _ = built
    pack_words = pdf_text(folder / "pack.pdf")
    key = pdf_text(folder / "answer-key.pdf")
    secrets = []
    for sheet in question_sheets(example.pack):
        for _label, q in leaves(sheet):
            secrets += _secrets(q.model_dump())
    assert len(secrets) > 60
    for secret in secrets:
        snippet = " ".join(plain(secret).split()[:7])
        if len(snippet) < 15:
            continue
        assert snippet not in pack_words, snippet
        assert snippet in key, snippet
    assert "(correct answer)" not in pack_words and "(correct answer)" in key


def test_every_page_has_titles_and_page_n_of_m(built, example):
    folder, _ = built
    covers = {s.paper: s for s in example.pack.sheets if s.kind == "cover"}
    for sheet in question_sheets(example.pack):
        reader = PdfReader(str(folder / f"{sheet.id}.pdf"))
        # a cover and its paper are numbered through, the cover as page 1; a tiered sheet's two
        # versions are numbered each on its own
        owners = ([covers[sheet.id]] if sheet.id in covers else []) + [sheet] * len(reader.pages)
        versions = 2 if sheet.tiered else 1
        per = len(reader.pages) // versions
        assert per * versions == len(reader.pages)
        for k, (owner, page) in enumerate(zip(owners, reader.pages)):
            words = squash(page.extract_text())
            assert plain(example.pack.title) in words
            assert plain(owner.title) in words
            assert f"Page {k % per + 1} of {per}" in words
        first = squash(reader.pages[0].extract_text())
        assert "Name" in first and "Class" in first


def test_pack_pdf_restarts_page_numbers_per_sheet(built, example):
    folder, _ = built
    reader = PdfReader(str(folder / "pack.pdf"))
    firsts = [squash(p.extract_text()) for p in reader.pages if "Page 1 of" in squash(p.extract_text())]
    # glossary and timeline are placed as sheets; a cover and its paper are numbered as one
    tiered = sum(sheet.tiered for sheet in example.pack.sheets)  # printed once per tier
    booklets = len(next(d for d in make(example.pack, "show-trials", folder).documents if d.filename == "pack.pdf").inserts)
    assert tiered == 1 and booklets == 1  # the exam paper's source booklet, behind it
    assert len(firsts) == len(example.pack.sheets) - 1 + tiered + booklets


def test_exam_cover_and_paper_are_numbered_through_and_ask_for_the_name_once(built):
    folder, _ = built
    pages = [squash(p.extract_text()) for p in PdfReader(str(folder / "exam-paper.pdf")).pages]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
    assert "Candidate number" in pages[0] and "Name" in pages[0]
    assert "Paper 1: The Moscow show trials" in pages[1] and "Name" not in pages[1] and "Class" not in pages[1]


def test_glossary_and_timeline_are_printed(built, example):
    folder, _ = built
    for name in ("glossary.pdf", "pack.pdf"):
        words = pdf_text(folder / name)
        for term, meaning in example.pack.glossary.items():
            assert plain(term) in words
            assert " ".join(plain(meaning).split()[:6]) in words
    for name in ("timeline.pdf", "pack.pdf"):
        words = pdf_text(folder / name)
        for event in example.pack.timeline:
            assert plain(event.date) in words
            assert " ".join(plain(event.event).split()[:6]) in words
    assert len(PdfReader(str(folder / "timeline.pdf")).pages) == 1  # drawn to fit one page


def test_student_sheets_end_with_end_of_questions(built, example):
    folder, _ = built
    for sheet in question_sheets(example.pack):
        reader = PdfReader(str(folder / f"{sheet.id}.pdf"))
        assert "End of questions" in reader.pages[-1].extract_text()
        ends = sum("End of questions" in p.extract_text() for p in reader.pages)
        assert ends == (2 if sheet.tiered else 1), sheet.id
    assert "End of questions" not in pdf_text(folder / "answer-key.pdf")


SECRET_KEYS = {"answer", "explanation", "points", "descriptor", "indicative", "inference", "detail"}


def _secrets(value, key=None) -> list[str]:
    """Every answer-only text in a question, however deep (levels, grid cells, inferences)."""
    if isinstance(value, str):
        return [value] if key in SECRET_KEYS and len(value) > 12 else []
    if isinstance(value, dict):
        if value.get("kind") == "labelling" and value.get("word_bank"):
            value = {k: v for k, v in value.items() if k != "labels"}  # the word bank prints the labels
        return [s for k, v in value.items() for s in _secrets(v, k if k in SECRET_KEYS or key not in SECRET_KEYS else key)]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _secrets(item, key)]
    return []


def _fonts(page) -> list:
    resources = page.get("/Resources") or {}
    fonts = resources.get("/Font") or {}
    out = [font.get_object() for font in fonts.values()]
    for xobject in (resources.get("/XObject") or {}).values():
        inner = xobject.get_object().get("/Resources") or {}
        out += [font.get_object() for font in (inner.get("/Font") or {}).values()]
    return out


def test_every_font_in_every_pdf_is_embedded(built):
    folder, _ = built
    for path in sorted(folder.glob("*.pdf")):
        for page in PdfReader(str(path)).pages:
            for font in _fonts(page):
                descriptor = font.get("/FontDescriptor")
                if descriptor is None and "/DescendantFonts" in font:
                    descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (path.name, font.get("/BaseFont"))


def test_rebuilding_gives_byte_identical_pdfs(built, tmp_path):
    from studypack.app.build import build
    from conftest import EXAMPLE

    folder, _ = built
    build(EXAMPLE, None, tmp_path, jobs=1)
    again = tmp_path / "show-trials"
    names = sorted(p.name for p in folder.glob("*.pdf"))
    assert names == sorted(p.name for p in again.glob("*.pdf")) and len(names) >= 10
    for name in names:
        assert (folder / name).read_bytes() == (again / name).read_bytes(), name


def test_foundation_build_of_the_example_pack(built, example, tmp_path):
    from studypack.app.build import build
    from conftest import EXAMPLE

    build(EXAMPLE, None, tmp_path, jobs=1, tier="foundation")
    folder = tmp_path / "show-trials-foundation"
    words = pdf_text(folder / "why-public.pdf")
    assert "Sentence starters:" in words and "3 What is a show trial? [1 mark]" in words
    assert "Joseph Davies" not in words
    everything = pdf_text(built[0] / "why-public.pdf")
    # the Higher version numbers its questions without a gap: 1, 2, 3 (not 1, 2, 4)
    assert "3 Why might foreign diplomats" in everything and "4 Why might" not in everything
    key = pdf_text(built[0] / "answer-key.pdf")
    assert "F3 What is a show trial?" in key and "H3 Why might foreign diplomats" in key


def test_example_pack_uses_every_kind_and_structure(example):
    from studypack.spec.questions import KINDS
    from studypack.spec.sheets import SHEET_KINDS

    pack = example.pack
    questions = [q for s in pack.sheets for q in s.all_questions]
    leaves_ = [p for q in questions for p in (q.parts if q.kind == "parts" else [q])]
    assert {q.kind for q in questions} | {q.kind for q in leaves_} == set(KINDS)
    assert {s.kind for s in pack.sheets} == set(SHEET_KINDS)
    assert any(s.sections and all(sec.rubric and sec.time for sec in s.sections) for s in pack.sheets)
    assert any(q.spag for q in leaves_) and any(getattr(q, "mark_scheme", None) and getattr(q.mark_scheme, "each", None) for q in leaves_)
    assert {q.tier for q in questions} >= {"foundation", "higher"}
    assert any(q.scaffold and q.scaffold.tier == "foundation" for q in leaves_)
    assert any(q.kind == "cloze" and q.word_bank and q.distractors for q in leaves_)


def test_untiered_build_prints_a_tiered_sheet_once_per_tier(built):
    """Without --tier, a tiered sheet comes as a Foundation and a Higher version, each with
    only its tier's questions and help, its own instructions and its own total; the key
    gives both totals, never the sum of both tiers' questions."""
    folder, _ = built
    pages = [squash(p.extract_text()) for p in PdfReader(str(folder / "why-public.pdf")).pages]
    starts = [i for i, page in enumerate(pages) if "Page 1 of" in page]
    assert len(starts) == 2
    foundation, higher = " ".join(pages[:starts[1]]), " ".join(pages[starts[1]:])
    assert "Total: 9 marks · Foundation tier" in foundation and "(Foundation tier)" in foundation
    assert "Total: 11 marks · Higher tier" in higher and "(Higher tier)" in higher
    assert "What is a show trial?" in foundation and "Joseph Davies" not in foundation
    assert "Joseph Davies" in higher and "What is a show trial?" not in higher
    assert "Hint:" in foundation and "box of help" in foundation
    assert "Hint:" not in higher and "Words you could use" not in higher and "help" not in higher
    assert "12 marks" not in foundation + higher
    key = pdf_text(folder / "answer-key.pdf")
    assert "Why were the trials held in public? — Foundation 9, Higher 11 marks" in key
    assert "Total for Why were the trials held in public? (Foundation tier): 9 marks" in key
    assert "Total for Why were the trials held in public? (Higher tier): 11 marks" in key
    assert "Total for Why were the trials held in public?: 12 marks" not in key


def test_tier_instructions_follow_the_tier(tmp_path):
    build(EXAMPLE, None, tmp_path, tier="higher")
    higher = pdf_text(tmp_path / "show-trials-higher" / "why-public.pdf")
    assert "Support each point with precise detail" in higher and "help" not in higher
    build(EXAMPLE, None, tmp_path, tier="foundation")
    foundation = pdf_text(tmp_path / "show-trials-foundation" / "why-public.pdf")
    assert "box of help" in foundation and "Support each point" not in foundation


def test_a_sheet_with_a_tiered_source_prints_once_per_tier(pack_copy, tmp_path):
    sources = pack_copy / "sources.yaml"
    text_ = sources.read_text(encoding="utf-8")
    sources.write_text(text_.replace("  - letter: C\n", "  - letter: C\n    tier: higher\n", 1), encoding="utf-8")
    build(pack_copy, None, tmp_path)
    pages = [squash(p.extract_text()) for p in PdfReader(str(tmp_path / "show-trials" / "later-accounts.pdf")).pages]
    foundation = " ".join(p for p in pages if "(Foundation tier)" in p)
    higher = " ".join(p for p in pages if "(Higher tier)" in p)
    assert foundation and higher
    assert "Moscow Trials Open During Great Purge" in higher
    assert "Moscow Trials Open During Great Purge" not in foundation
