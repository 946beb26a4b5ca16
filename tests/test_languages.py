"""The tool's words in the school's language: every catalogue complete, and the example pack
built in French, German, Spanish and Welsh with no English word of the tool's own left on
paper (the pack's own text stays the teacher's English)."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest

from conftest import pdf_text
from studypack.app import build
from studypack.io import words
from studypack.io.yamlio import load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "sources" / "show-trials"
FULL = ("fr", "de", "es", "cy")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _places(message) -> set[str]:
    """The `{name}` places of a message (of every plural form)."""
    forms = message.values() if isinstance(message, dict) else [message]
    return {name for form in forms for _lit, name, _spec, _conv in string.Formatter().parse(str(form))
            if name and not name.startswith("{")} if "{{" not in str(forms) else set()


def _raw(code: str) -> dict:
    return load(words.FOLDER / f"{code}.yaml").data


@pytest.mark.parametrize("code", words.codes())
def test_a_catalogue_reads_the_same_as_a_pack_file_is_read(code):
    """A build reads a catalogue with libyaml's loader alone (`words.read`, start-up speed); read
    as a pack is read, with its keys and words checked, it is the same data, with no warning."""
    document = load(words.FOLDER / f"{code}.yaml")
    assert not document.warnings
    assert words.read(words.FOLDER / f"{code}.yaml") == document.data


@pytest.mark.parametrize("code", words.codes())
def test_a_catalogue_kept_in_the_cache_reads_as_its_file(code, tmp_path, monkeypatch):
    """The second read of a catalogue comes from the user's cache (its data as JSON, sealed),
    and is the same data as the file's, read afresh."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("STUDYPACK_NO_CACHE", raising=False)
    path = words.FOLDER / f"{code}.yaml"
    first = words.read(path)
    kept = list((tmp_path / "studypack" / "words").glob(f"{code}-*.json"))
    assert len(kept) == 1
    monkeypatch.setattr(words.yaml, "load", lambda *a, **k: pytest.fail("read from the file, not the cache"))
    assert words.read(path) == first == load(path).data


def test_a_damaged_kept_catalogue_is_read_afresh_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("STUDYPACK_NO_CACHE", raising=False)
    path = words.FOLDER / "fr.yaml"
    good = words.read(path)
    kept = next((tmp_path / "studypack" / "words").glob("fr-*.json"))
    kept.write_bytes(kept.read_bytes().replace(b"Question", b"Qvestion", 1))
    assert words.read(path) == good  # the file's words, not the damaged copy's
    assert b"Qvestion" not in kept.read_bytes()  # and the copy written again whole
    assert words.read(path) == good


def test_an_edited_catalogue_is_not_read_from_the_cache(tmp_path, monkeypatch):
    """The kept copy is named by the file's checksum: a teacher's correction prints at once."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("STUDYPACK_NO_CACHE", raising=False)
    path = tmp_path / "fr.yaml"
    path.write_bytes((words.FOLDER / "fr.yaml").read_bytes())
    words.read(path)
    path.write_text(path.read_text(encoding="utf-8").replace("name: Français", "name: Français corrigé"), encoding="utf-8")
    assert words.read(path)["name"] == "Français corrigé"


def test_a_catalogue_is_read_without_a_cache(monkeypatch):
    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    assert words.read(words.FOLDER / "de.yaml") == load(words.FOLDER / "de.yaml").data


@pytest.mark.parametrize("code", FULL)
def test_every_language_has_every_message(code):
    english, own = _raw("en")["messages"], _raw(code)["messages"]
    assert sorted(set(english) - set(own)) == [], f"{code}.yaml misses these messages"
    assert sorted(set(own) - set(english)) == [], f"{code}.yaml has messages English does not"
    for key, message in english.items():
        assert _places(own[key]) <= _places(message), f"{code}.yaml: {key} puts in values English does not give"
        if isinstance(message, dict):
            assert isinstance(own[key], dict) and "other" in own[key], f"{code}.yaml: {key} needs its plural forms"


def test_a_catalogue_missing_a_message_is_caught(tmp_path, monkeypatch):
    """The check above fails for a catalogue with a message taken out."""
    shutil.copytree(words.FOLDER, tmp_path / "languages")
    path = tmp_path / "languages" / "fr.yaml"
    path.write_text(re.sub(r"\n  sheet\.end:[^\n]*", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(words, "FOLDER", tmp_path / "languages")
    with pytest.raises(AssertionError, match="misses these messages"):
        test_every_language_has_every_message("fr")


def test_us_english_differs_where_it_should():
    us, uk = words.words("en-US"), words.words("en-GB")
    assert us("key.mark-scheme") == "Answer key" and uk("key.mark-scheme") == "Mark scheme"
    assert us("layout.surname") == "Last name" and uk("layout.surname") == "Surname"
    assert words.catalogue("en-US").paper == "letter" and words.catalogue("en").paper == "A4"


def test_plural_forms():
    assert words.words("fr")("marks.count", 1) == "1\u00a0point" and words.words("fr")("marks.count", 0) == "0\u00a0point"
    assert words.words("cy")("marks.count", 2) == "2\u00a0farc" and words.words("cy")("marks.count", 4) == "4\u00a0marc"
    assert words.words("de")("marks.count", 1) == "1\u00a0Punkt" and words.words("de")("marks.count", 3) == "3\u00a0Punkte"


def test_bilingual_words_stack_welsh_over_english():
    both = words.words("cy", "en")
    assert both("layout.turn-over") == "Trowch drosodd ▶ / Turn over ▶"
    assert both.block("sheet.end") == "Diwedd y cwestiynau<br/>End of questions"


def _english_only(code: str, content: str) -> set[str]:
    """Words of the English catalogue that the language's catalogue never uses and the pack's
    own text never holds: a word of the tool's left in English if it is on the paper."""
    english = _catalogue_words("en")
    return {w for w in english - _catalogue_words(code) - _words(content) if len(w) > 2}


def _catalogue_words(code: str) -> set[str]:
    """The words of the catalogue's paper messages (the terminal's, `term.*`, never go on paper,
    and may quote English a file holds, such as a roster's 'Candidate number' column)."""
    found: set[str] = set()
    for key, message in words.catalogue(code).messages.items():
        if key.startswith("term."):
            continue
        for form in (message.values() if isinstance(message, dict) else [message]):
            bare = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{[a-z]+\}|<[^>]+>", " ", str(form))
            found |= _words(bare)
    return found


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


@pytest.fixture(scope="module")
def content() -> str:
    """Every word the example pack's files hold: its own text, which stays English (its
    **bold** printed without the stars)."""
    return " ".join(path.read_text(encoding="utf-8") for path in EXAMPLE.glob("*.yaml")).replace("**", "")


def _phrases(code: str, content: str) -> set[str]:
    """The English catalogue's phrases of two words or more (between the values put in) that
    the language says otherwise and the pack's own text never holds."""
    own = _catalogue_words(code)
    found = set()
    for key, message in words.catalogue("en").messages.items():
        if key.startswith("term."):  # the terminal's words never go on paper (tests/test_terminal_words.py)
            continue
        for form in (message.values() if isinstance(message, dict) else [message]):
            for piece in re.split(r"\{\{.*?\}\}|\{%.*?%\}|\{[a-z]+\}|<[^>]+>|[:.;()\[\]]", str(form)):
                phrase = " ".join(piece.split())
                if len(phrase.split()) >= 2 and phrase not in content and not _words(phrase) <= own:
                    found.add(phrase)
    return found


def _printed(pack_dir: Path, out: Path, code: str | None) -> str:
    pack = out / "sources" / "show-trials"
    shutil.copytree(pack_dir, pack)
    if code:
        yaml = pack / "pack.yaml"
        yaml.write_text(f"language: {code}\n" + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    result = build.build(pack, out_root=out / "out", jobs=1)
    return " ".join(pdf_text(w.path) for w in result.written if w.path.suffix == ".pdf")


def _english_left(code: str, printed: str, content: str) -> list[str]:
    flat = " ".join(printed.split())
    return sorted(_english_only(code, content) & _words(printed)) + sorted(
        p for p in _phrases(code, content) if p in flat)


def test_the_check_finds_the_tools_english(tmp_path, content):
    """The check below is not blind: English paper, held to French, fails it."""
    left = _english_left("fr", _printed(EXAMPLE, tmp_path, None), content)
    assert {"candidate", "suggested", "End of questions", "Time allowed"} <= set(left)


@pytest.mark.parametrize("code", FULL)
def test_example_pack_has_no_english_word_of_the_tools(code, tmp_path, content):
    printed = _printed(EXAMPLE, tmp_path, code)
    assert _english_left(code, printed, content) == [], f"English words of the tool's own on the {code} paper"
    said = words.words(code)
    for key in ("sheet.end", "booklet.end", "key.title", "cover.information"):
        assert re.sub(r"\s+", " ", said(key)) in printed, f"{key} not printed in {code}"


def test_the_layouts_own_english_furniture_is_said_in_the_language():
    from studypack.settings import layout as layouts, localise
    exam = layouts.load("exam")
    french = localise.localised(exam, "fr")
    assert french.page.turn_over == "Tournez la page ▶" and french.page.blank_page == "PAGE LAISSÉE BLANCHE"
    assert [box.label for box in french.candidate_boxes][:2] == ["Nom de famille", "Prénom(s)"]
    assert french.questions.continued == "Suite de la question {{ n }}"
    english = words.catalogue("en").messages
    board = exam.model_copy(update={
        "questions": exam.questions.model_copy(update={"total": english["layout.question-total"]}),
        "cover": exam.cover.model_copy(update={"time": english["layout.cover-time"]})})
    said = localise.localised(board, "fr")  # a board's furniture left in the tool's English
    assert said.questions.total.startswith("(Total de la question") and said.cover.time == "Durée\u00a0: {{ time }}"
    default = localise.localised(layouts.load("default"), "cy")
    assert default.footer.right == "Tudalen {{ page }} o {{ pages }}" and default.name_line == ["Enw", "Dosbarth"]
    assert default.say.english_of("Enw") == "Name"  # a class set still fills the name blank
    assert localise.localised(exam, None) is exam  # English paper: the layout untouched


def test_a_text_the_school_wrote_stays_as_written():
    from studypack.settings import layout as layouts, localise
    ours = layouts.load("default").model_copy(update={"name_line": ["Nom et prénom", "Class"]})
    assert localise.localised(ours, "fr").name_line == ["Nom et prénom", "Classe"]


def test_us_english_prints_on_letter_and_the_pack_comes_first():
    from studypack.settings import layout as layouts, localise
    default = layouts.load("default")
    assert localise.localised(default, "en-US").page.size == "letter"
    assert localise.localised(default, "en-GB").page.size == "A4"
    welsh_layout = default.model_copy(update={"language": "cy"})
    assert localise.chosen("fr", welsh_layout, "de") == "fr"
    assert localise.chosen(None, welsh_layout, "de") == "cy"
    assert localise.chosen(None, default, "de") == "de"


def test_an_unknown_language_is_a_located_error(tmp_path):
    from studypack.base.errors import StudypackError
    pack = tmp_path / "sources" / "show-trials"
    shutil.copytree(EXAMPLE, pack)
    yaml = pack / "pack.yaml"
    yaml.write_text("language: it\n" + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(StudypackError) as caught:
        build.build(pack, out_root=tmp_path / "out")
    shown = str(caught.value.problems[0])
    assert "pack.yaml:1" in shown and "no catalogue for language 'it'" in shown and "docs/languages.md" in shown


@pytest.mark.slow
def test_word_files_have_no_english_word_of_the_tools(tmp_path, content):
    """The Word export says the tool's words in the pack's language too."""
    docx = pytest.importorskip("docx")
    pack = tmp_path / "sources" / "show-trials"
    shutil.copytree(EXAMPLE, pack)
    yaml = pack / "pack.yaml"
    yaml.write_text("language: fr\n" + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    result = build.build(pack, out_root=tmp_path / "out", fmt="docx")
    said = []
    for written in result.written:
        document = docx.Document(str(written.path))
        said += [p.text for p in document.paragraphs]
        said += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    printed = " ".join(said)
    assert "Fin des questions" in printed and "Corrigé et barème" in printed
    assert _english_left("fr", printed, content) == []


def test_a_bilingual_paper_says_each_sentence_whole_in_each_language(tmp_path):
    """On Welsh and English paper a phrase the tool makes of several messages is made in each
    language: the Welsh total with its own SPaG words, then the English (not the labels paired
    before one number), and each sentence holds its own language's source name (r28)."""
    pack = tmp_path / "show-trials"
    shutil.copytree(EXAMPLE, pack)
    layout = tmp_path / "cymraeg.yaml"
    layout.write_text("extends: exam\nlanguage: cy\nbilingual: en\n", encoding="utf-8")
    result = build.build(pack, str(layout), tmp_path / "out", jobs=1)
    paper = pdf_text(next(w.path for w in result.written if w.path.name == "exam-paper.pdf"))
    assert ("Cyfanswm y marciau: 31 (gan gynnwys 4 marc am sillafu, atalnodi a gramadeg) / "
            "Total marks: 31 (including 4 marks for spelling, punctuation and grammar)") in paper
    assert "Cyfanswm: 31 marc (gan gynnwys 4 am SAG) / Total: 31 marks (including 4 for SPaG)" in paper
    assert "Bydd angen arnoch: y Llyfryn Ffynonellau ar gyfer y papur hwn. / You need: the Source Booklet" in paper
    assert "Ffynhonnell A: manylion sy'n dangos hyn i mi: / Details in Source A that tell me this:" in paper  # quotes read straight
    assert "Source A sy" not in paper and "Details in Ffynhonnell" not in paper


def test_a_sources_glossary_takes_the_languages_punctuation(tmp_path):
    """A source's glossary line is punctuated as the paper's language writes: French puts a
    no-break space before its colon and a narrow one before its semicolon (r28: the colon was
    written into the view), on paper and in the Word file alike; English is as it was."""
    pack = tmp_path / "sources" / "show-trials"
    shutil.copytree(EXAMPLE, pack)
    yaml = pack / "pack.yaml"
    english = " ".join(pdf_text(w.path) for w in build.build(pack, out_root=tmp_path / "en", jobs=1).written
                       if w.path.name == "source-booklet.pdf" or w.path.name == "pack.pdf")
    assert "Glossary: block: here a bloc: an alliance of political groups; Kirov: Sergei Kirov" in " ".join(english.split())
    yaml.write_text("language: fr\n" + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    french = " ".join(pdf_text(w.path) for w in build.build(pack, out_root=tmp_path / "fr", jobs=1).written
                      if w.path.name == "pack.pdf")
    # (the PDF's text gives the no-break spaces back as spaces)
    assert re.search(r"Lexique\s:\sblock\s:\shere a bloc: an alliance of political groups\s;\sKirov\s:\sSergei",
                     french), "the French glossary line's spaces"
    docx = pytest.importorskip("docx")
    written = build.build(pack, out_root=tmp_path / "docx", fmt="docx").written
    paragraphs = [p.text for w in written for p in docx.Document(str(w.path)).paragraphs]
    assert any(p.startswith("Lexique\u00a0: block\u00a0: here a bloc: an alliance of political groups\u202f; Kirov\u00a0: ")
               for p in paragraphs), "the Word file's glossary line"
