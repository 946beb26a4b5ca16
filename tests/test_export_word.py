"""Word export: the example pack's files open in a real word processor (LibreOffice converts
them to PDF) and the text read back holds every question, mark and source label; only the
documented styles are used; the bytes are the same each build; the PDFs are left alone.
Every command in docs/beyond-paper.md runs here too."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE, ROOT, pdf_text, soffice_or_skip, squash
from studypack.commands.cli import main
from studypack.media.text import plain
from studypack.content.validate import load_pack

docx = pytest.importorskip("docx")
from studypack.export.word import STYLES  # noqa: E402  (needs python-docx, a test extra)

DOC = (ROOT / "docs" / "beyond-paper.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def word(tmp_path_factory):
    out = tmp_path_factory.mktemp("word")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--format", "docx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "show-trials"


@pytest.fixture(scope="module")
def converted(word, tmp_path_factory):
    soffice = soffice_or_skip()
    pdfs = tmp_path_factory.mktemp("word-pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(pdfs), *sorted(str(p) for p in word.glob("*.docx"))],
                   check=True, capture_output=True, timeout=300)
    return pdfs


def test_the_files_are_one_per_pdf_but_the_whole_pack(word):
    pack = load_pack(EXAMPLE).pack
    names = {p.name for p in word.glob("*.docx")}
    assert "answer-key.docx" in names and "pack.docx" not in names
    assert {f"{s.id}.docx" for s in pack.sheets if s.kind != "cover"} <= names
    assert "exam-paper-sources.docx" in names and "source-booklet.docx" in names


@pytest.mark.slow  # LibreOffice opens the files (run by `-m slow` and .ci/run)
def test_libreoffice_reads_every_question_mark_and_source_label(word, converted):
    pack = load_pack(EXAMPLE).pack
    assert sorted(p.stem for p in converted.glob("*.pdf")) == sorted(p.stem for p in word.glob("*.docx"))
    key = pdf_text(converted / "answer-key.pdf")
    for sheet in pack.sheets:
        if not sheet.all_questions:
            continue
        printed = pdf_text(converted / f"{sheet.id}.pdf")
        # a tiered sheet prints once per tier, each numbered 1, 2, 3 for its students
        for tier in ("foundation", "higher") if sheet.tiered else (None,):
            for number, _section, q in sheet.numbered(tier):
                spag = f" + {q.spag} SPaG" if getattr(q, "spag", None) else ""
                heading = f"Question {number} [{q.marks} mark{'s' if q.marks != 1 else ''}{spag}]"
                for text in (printed,) if sheet.tiered else (printed, key):
                    assert heading in text, (sheet.id, heading)
                    if q.prompt:
                        assert squash(plain(q.prompt))[:60] in text, (sheet.id, number)
        booklet = sheet.source_booklet or sheet.kind == "exam"
        where = pdf_text(converted / f"{sheet.id}-sources.pdf") if booklet else printed
        for letter in sheet.sources:
            source = pack.source(letter)
            assert f"Source {letter}: {squash(plain(source.title))}" in where
            assert "Taken from:" in where


def test_only_documented_styles_are_used_and_the_doc_names_them_all(word):
    documented = set(re.findall(r"^\| `([^`]+)` \| (?:paragraph|character|table) \|", DOC, re.M))
    assert documented == set(STYLES)
    used = set()
    for path in word.glob("*.docx"):
        document = docx.Document(str(path))
        used |= {p.style.name for p in document.paragraphs}
        for table in document.tables:
            used.add(table.style.name)
            used |= {p.style.name for row in table.rows for cell in row.cells for p in cell.paragraphs}
        used |= {r.style.name for p in document.paragraphs for r in p.runs if r.style.name != "Default Paragraph Font"}
    assert used - {"Normal"} <= set(STYLES), used - set(STYLES)
    assert {"Heading 1", "Question", "Question Text", "Source Heading", "Source Provenance", "Option",
            "Answer Line", "Key Answer", "Studypack Table", "Marks"} <= used


def test_tick_boxes_are_check_box_controls_ticked_in_the_key(word):
    sheet = (word / "moscow-trials.docx").read_bytes()
    key = docx.Document(str(word / "answer-key.docx")).element.xml
    student = docx.Document(str(word / "moscow-trials.docx")).element.xml
    assert sheet and 'w14:checked w14:val="0"' in student and 'w14:checked w14:val="1"' not in student
    assert 'w14:checked w14:val="1"' in key


@pytest.mark.slow  # every Word file of the pack written twice
def test_same_pack_same_bytes_and_pdfs_left_alone(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "a")]).exit_code == 0
    pdfs = {p.name: p.read_bytes() for p in (tmp_path / "a" / "show-trials").glob("*.pdf")}
    for out in ("a", "b"):
        result = runner.invoke(main, ["build", str(EXAMPLE), "--format", "docx", "--out", str(tmp_path / out)])
        assert result.exit_code == 0, result.output
    for name in ("answer-key.docx", "moscow-trials.docx"):
        assert (tmp_path / "a" / "show-trials" / name).read_bytes() == (tmp_path / "b" / "show-trials" / name).read_bytes()
    assert {p.name: p.read_bytes() for p in (tmp_path / "a" / "show-trials").glob("*.pdf")} == pdfs
    assert runner.invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "a")]).exit_code == 0
    assert (tmp_path / "a" / "show-trials" / "answer-key.docx").is_file()  # a PDF build keeps the Word files


def test_every_command_in_the_doc_runs(tmp_path):
    word_and_moodle = DOC.split("\n## Word", 1)[1]  # the Live preview section's commands run in tests/test_serve.py
    commands = [line for block in re.findall(r"```sh\n(.*?)```", word_and_moodle, re.S) for line in block.splitlines()
                if line.strip()]
    assert [c.split("--format ")[1].split()[0] for c in commands] == ["docx", "docx", "moodle"]
    shutil.copytree(EXAMPLE, tmp_path / "sources" / "show-trials")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        for command in commands:
            args = shlex.split(command)
            assert args[0] == "studypack"
            result = CliRunner().invoke(main, args[1:])
            assert result.exit_code == 0, (command, result.output)
    finally:
        os.chdir(old)
    assert (tmp_path / "output" / "show-trials" / "answer-key.docx").is_file()
    assert (tmp_path / "output" / "show-trials" / "moscow-trials.moodle.xml").is_file()


def test_a_kind_without_a_word_form_prints_its_prompt_with_a_located_warning(tmp_path, monkeypatch):
    from studypack.kinds.questions.true_false import word as true_false_form

    monkeypatch.delattr(true_false_form, "write")
    monkeypatch.setattr(true_false_form, "UNSUPPORTED", "not yet", raising=False)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--format", "docx", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert re.search(r"\.yaml:\d+: question \d+ \(true-false\) has no Word form: not yet; only its prompt is printed",
                     result.output), result.output


@pytest.mark.parametrize("pack", [ROOT / "examples" / "papers" / "edexcel-paper-3", EXAMPLE], ids=["board", "teaching"])
def test_a_sources_provenance_reads_in_word_as_on_paper(tmp_path, pack):
    """One composition (`settings.provenance`): a board paper's Word file has the board's line, as its PDF."""
    import docx

    for fmt in ("pdf", "docx"):
        result = CliRunner().invoke(main, ["build", str(pack), "--format", fmt, "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
    out = tmp_path / pack.name
    booklet = next(p for p in ("exam-paper-sources", "paper-3-sources") if (out / f"{p}.pdf").exists())
    lines = [squash(p.text) for p in docx.Document(str(out / f"{booklet}.docx")).paragraphs
             if p.style.name == "Source Provenance"]
    printed = pdf_text(out / f"{booklet}.pdf")
    assert len(lines) >= 2 and all(line in printed for line in lines), (lines, printed[:600])
    board = pack.name != "show-trials"
    assert any(line.startswith("Primary source.") for line in lines) is not board


def test_the_word_keys_totals_are_the_pdf_keys(word, tmp_path):
    """Tiers ("F 9, H 11") and SPaG apart ("152 marks + 4 SPaG"), composed once (`spec.key_totals`)."""
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    printed = pdf_text(tmp_path / "show-trials" / "answer-key.pdf")
    key = docx.Document(str(word / "answer-key.docx"))
    totals = [squash(p.text) for p in key.paragraphs if p.style.name == "Key Total"]
    assert any("(Foundation tier)" in t for t in totals) and any("SPaG" in t for t in totals)
    assert all(t in printed for t in totals), [t for t in totals if t not in printed]
    headings = [squash(p.text) for p in key.paragraphs if p.style.name == "Heading 1"][1:]
    assert all(h in printed for h in headings), [h for h in headings if h not in printed]
    summary = [squash(" ".join(c.text for c in row.cells)) for row in key.tables[0].rows]
    assert "F 9, H 11" in " ".join(summary) and summary[-1].startswith("Total")
    assert all(row in printed for row in summary), [row for row in summary if row not in printed]
    numbers = [p.text for p in key.paragraphs if p.style.name == "Question"]
    assert "Question F3 [1 mark]" in numbers and "Question H3 [3 marks]" in numbers  # each tier's number, as the PDF's F3 / H3
    assert " F3 " in printed and " H3 " in printed


def _style(document, name):
    return document.styles[name]


@pytest.mark.parametrize("layout, size, family, bold", [("large-print-24", 24, "Atkinson Hyperlegible", True),
                                                        ("dyslexia", 12, "Atkinson Hyperlegible", False),
                                                        ("default", 10.5, "Noto Sans", False)])
def test_the_layouts_fonts_sizes_and_page_are_the_word_files(tmp_path, layout, size, family, bold):
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--format", "docx", "--layout", layout, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = next(tmp_path.iterdir())
    document = docx.Document(str(out / "exam-paper.docx"))
    normal = _style(document, "Normal")
    assert (normal.font.name, normal.font.size.pt, bool(normal.font.bold)) == (family, size, bold)
    assert _style(document, "Heading 1").font.size.pt > size and _style(document, "Heading 1").font.name == family
    assert _style(document, "Normal").paragraph_format.line_spacing.pt > size  # the layout's leading
    from studypack.settings.layout import load

    page = load(layout).page
    section = document.sections[0]
    assert abs(section.left_margin.pt - page.margins.left) < 0.1 and abs(section.page_width.pt - page.dimensions[0]) < 0.1
    if layout != "default":  # no italics in large print and dyslexia: emphasis prints bold
        xml = "".join(docx.Document(str(p)).element.xml for p in out.glob("*.docx"))
        assert "<w:i/>" not in xml and '<w:i w:val="1"/>' not in xml
    # "Answer **all** questions": in all-bold large print the pack's bold is underlined, as on paper
    looks = [(r.bold, r.underline) for para in document.paragraphs for r in para.runs if r.text == "all"]
    assert looks and all(b for b, _u in looks)
    assert all(bool(u) == (layout == "large-print-24") for _b, u in looks), looks


def test_header_footer_and_page_numbers_as_word_fields(word):
    document = docx.Document(str(word / "why-public.docx"))
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert "Stalin" in header and "Why were the trials held in public?" in header
    footer = section.footer._element.xml
    assert "History" in section.footer.paragraphs[0].text
    assert re.search(r"<w:instrText[^>]*> PAGE .*?<w:instrText[^>]*> NUMPAGES ", footer, re.S), footer[:500]


def test_help_comes_before_the_answer_lines_and_options_hang(word):
    document = docx.Document(str(word / "why-public.docx"))
    styles = [p.style.name for p in document.paragraphs]
    first_help, first_line = styles.index("Help"), styles.index("Answer Line")
    assert first_help < first_line and "Question" not in styles[first_help:first_line]
    option = _style(document, "Option").paragraph_format
    assert option.first_line_indent < 0 and abs(option.left_indent + option.first_line_indent - docx.shared.Mm(5)) < 2000


def _school_template(path):
    template = docx.Document()
    template.styles["Normal"].font.name = "Georgia"
    template.styles["Normal"].font.size = docx.shared.Pt(13)
    template.sections[0].header.paragraphs[0].text = "Hill School, History department"
    template.add_paragraph("Delete me: the template's own words")
    template.save(str(path))
    return path


def test_a_word_template_gives_its_styles_and_header(tmp_path):
    template = _school_template(tmp_path / "school.docx")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--format", "docx", "--word-template", str(template),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(tmp_path / "out" / "show-trials" / "moscow-trials.docx"))
    normal = document.styles["Normal"]
    assert (normal.font.name, normal.font.size.pt) == ("Georgia", 13)
    assert document.sections[0].header.paragraphs[0].text == "Hill School, History department"
    said = " ".join(p.text for p in document.paragraphs)
    assert "Delete me" not in said and "Question 1" in said
    assert {"Question", "Answer Line", "Option"} <= {s.name for s in document.styles}


@pytest.mark.parametrize("content, fmt, message", [
    (None, "docx", "no such file"), (b"not a zip", "docx", "not a Word document (.docx)"),
    (b"", "pdf", "--word-template is for Word files: add --format docx")])
def test_a_word_template_that_cannot_be_used_stops_the_build(tmp_path, content, fmt, message):
    template = tmp_path / "school.docx"
    if content is not None:
        template.write_bytes(content)
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--format", fmt, "--word-template", str(template),
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, result.output
    assert not list((tmp_path / "out").rglob("*.docx"))


@pytest.mark.slow  # LibreOffice opens the files (run by `-m slow` and .ci/run)
def test_libreoffice_pages_are_within_a_fifth_of_the_pdfs(word, converted, tmp_path):
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    in_word = sum(len(PdfReader(str(p)).pages) for p in converted.glob("*.pdf"))
    on_paper = sum(len(PdfReader(str(tmp_path / "show-trials" / p.name)).pages) for p in converted.glob("*.pdf"))
    assert 0.8 * on_paper <= in_word <= 1.2 * on_paper, (in_word, on_paper)
