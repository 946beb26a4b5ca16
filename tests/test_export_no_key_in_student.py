"""No key content ever reaches a student document, in any format: every question kind's
example from docs/question-kinds.md (and its structures: sections, SPaG, tiers, scaffolds)
and every example pack is built as PDF, Word and Moodle, and no answer, model answer,
explanation, creditable point, mark-scheme text or marking note of the pack is found in a
student PDF, a student .docx (read back with python-docx) or a Moodle question's own text
(its feedback and grader information are the key's place in Moodle). The answer keys are
checked to hold those texts, so the search is known to find them."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT, pdf_text, squash
from studypack.base.walk import strings
from studypack.commands.cli import main
from studypack.content.validate import load_pack
from studypack.kinds.questions.cloze import spec as cloze
from studypack.media.text import plain
from test_kinds import EXAMPLES, make_pack

docx = pytest.importorskip("docx")
from docx.oxml.ns import qn  # noqa: E402  (python-docx is a test extra)

# a field with one of these names holds key content, and so does everything under it
KEY_FIELDS = {"answer", "answers", "explanation", "points", "mark_scheme", "notes"}
# words only a key prints: a label before an answer or a mark scheme
KEY_LABELS = ("Mark scheme:", "Model answer:", "Creditable points", "Indicative content", "(correct answer)",
              "Explanation:", "Also accept", "Circled:", "Levels:")
KEY_FILES = {"answer-key", "class-key"}
PACKS = sorted([*(ROOT / "sources").iterdir(), *(ROOT / "examples" / "papers").iterdir()])


def _said(value: str) -> str:
    return squash(plain(value))


def key_texts(pack) -> set[str]:
    """The pack's key texts a student must never see: every text under a key field (and each
    cloze gap's accepted answers), less those a student sees anyway (an option that is also the
    answer, a word in a word bank, a word the sources use) and those too short to search for."""
    key, seen = set(), []
    for path, value in strings(pack, keys=False):
        names = {p for p in path if isinstance(p, str)}
        if KEY_FIELDS & names and "stimulus" not in names:  # a stimulus's points are the student's prompts
            key.add(_said(value))
        elif path[-1] == "text" and cloze.GAP.search(value):
            key |= {_said(a) for m in cloze.GAP.finditer(value) for a in m.group(1).split("|")}
            seen.append(_said(cloze.GAP.sub(" ", value)))
        else:
            seen.append(_said(value))
    for question in _questions(pack):
        if getattr(question, "word_bank", False):  # the bank prints the answers on purpose
            seen += [_said(lb.answer) for lb in getattr(question, "labels", [])]
            seen += [_said(a[0]) for a in cloze.gaps(question)] if question.kind == "cloze" else []
    visible = "\n".join(seen)
    return {k for k in key if len(k) >= 4 and k not in visible and k not in {"True", "False"}}


def _questions(pack):
    for sheet in pack.sheets:
        for question in sheet.all_questions:
            yield question
            yield from getattr(question, "parts", [])


def found_in(texts: set[str], printed: str) -> list[str]:
    return sorted(t for t in texts if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", printed))


def docx_text(path: Path) -> tuple[str, set[str]]:
    """Every paragraph's words (tables, headers and footers too; equations as their letters),
    and the paragraph styles used."""
    document = docx.Document(str(path))
    parts = [document.element.body] + [s.header._element for s in document.sections] + \
            [s.footer._element for s in document.sections]
    said, styles = [], set()
    for part in parts:
        for p in part.iter(qn("w:p")):
            said.append("".join(t.text or "" for t in p.iter() if t.tag in (qn("w:t"), qn("m:t"))))
    for p in document.paragraphs:
        styles.add(p.style.name)
    for table in document.tables:
        styles |= {p.style.name for row in table.rows for cell in row.cells for p in cell.paragraphs}
    return squash(" ".join(said)), styles


_GAP = re.compile(r"\{\d*:[A-Z_]+:.*?\}")


def moodle_question_texts(path: Path) -> list[str]:
    """Each question's name and question text as a student reads them (HTML tags and the
    embedded answers of a cloze gap, which Moodle turns into boxes, taken out)."""
    out = []
    for question in ET.parse(path).getroot().iter("question"):
        words = [question.findtext("name/text") or "", _GAP.sub(" ", question.findtext("questiontext/text") or "")]
        out.append(squash(html.unescape(re.sub(r"<[^>]+>", " ", " ".join(words)))))
    return out


def build_all(pack_dir: Path, out: Path) -> Path:
    for fmt in ("pdf", "docx", "moodle"):
        result = CliRunner().invoke(main, ["build", str(pack_dir), "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
    return out / pack_dir.name


def assert_no_key_text(pack_dir: Path, out: Path) -> None:
    pack = load_pack(pack_dir).pack
    texts = key_texts(pack)
    key_docx, _styles = docx_text(out / "answer-key.docx")
    if texts:  # none where every answer is printed for the student anyway (a cloze with its word bank)
        assert found_in(texts, key_docx + " " + pdf_text(out / "answer-key.pdf")), "the search finds key texts in the key"
    for path in sorted(out.glob("*.docx")):
        if path.stem in KEY_FILES:
            continue
        said, styles = docx_text(path)
        assert not found_in(texts, said), (path.name, found_in(texts, said))
        assert not [label for label in KEY_LABELS if label in said], path.name
        assert not styles & {"Key Answer", "Key Total"}, (path.name, styles)
    for path in sorted(out.glob("*.pdf")):
        if path.stem not in KEY_FILES:
            said = pdf_text(path)
            assert not found_in(texts, said), (path.name, found_in(texts, said))
    for path in sorted(out.glob("*.moodle.xml")):
        for said in moodle_question_texts(path):
            assert not found_in(texts, said), (path.name, said[:80], found_in(texts, said))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_no_key_text_in_a_student_document_of_any_kind(tmp_path, name):
    pack_dir = make_pack(tmp_path / "src", name)
    assert_no_key_text(pack_dir, build_all(pack_dir, tmp_path / "out"))


@pytest.mark.parametrize("pack_dir", PACKS, ids=[p.name for p in PACKS])
def test_no_key_text_in_a_student_document_of_an_example_pack(tmp_path, pack_dir):
    assert_no_key_text(pack_dir, build_all(pack_dir, tmp_path / "out"))


def test_a_kind_that_writes_key_content_into_a_student_document_stops_the_build(tmp_path, monkeypatch):
    """The writer's one gate: a key style in a student document is refused, not written."""
    from studypack.kinds.questions.multiple_choice import word as form

    monkeypatch.setattr(form, "write", lambda q, doc: doc.para([], "Key Answer", "Answer: "))
    result = CliRunner().invoke(main, ["build", str(make_pack(tmp_path / "src", "multiple-choice")), "--format", "docx",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 3 and "'Key Answer' paragraph was written into a student document" in result.output
    assert not list((tmp_path / "out").rglob("*.docx")), "nothing is written"


def test_no_key_text_in_a_student_document_of_a_new_pack(tmp_path, monkeypatch):
    """`studypack new`'s pack (every kind, as a teacher's first pack starts)."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "sources/first"])
    assert result.exit_code == 0, result.output
    pack_dir = tmp_path / "sources" / "first"
    assert_no_key_text(pack_dir, build_all(pack_dir, tmp_path / "out"))
