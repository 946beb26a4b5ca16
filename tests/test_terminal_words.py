"""What studypack prints on the terminal, in the teacher's language: the environment's
(LC_ALL, LC_MESSAGES, LANG) where a catalogue ships it, else the workspace's `language:`,
else English (docs/languages.md). The build's and check's lines and a pack's common
mistakes come from the catalogues' `term.*` messages, their file:line kept; the English
written beside each key in the code is en.yaml's, word for word."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from studypack.base import errors
from studypack.commands.cli import main
from studypack.io import words

from conftest import EXAMPLE, ROOT

PACKAGE = ROOT / "studypack"


def _said_calls():
    """(file, key, English) of every `said("key", "English" …)` in the package, each
    `_numbered("key", "what")` step (its English: what + " {n}") and each ("term.…", "English") pair."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("said", "_numbered") \
                    and len(node.args) >= 2 and all(isinstance(a, ast.Constant) for a in node.args[:2]):
                key, english = node.args[0].value, node.args[1].value
                yield path.relative_to(ROOT), key, english + (" {n}" if node.func.id == "_numbered" else "")
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(isinstance(e, ast.Constant) for e in node.elts) \
                    and str(node.elts[0].value).startswith("term."):  # `messages._SAID`'s (key, English)
                yield path.relative_to(ROOT), node.elts[0].value, node.elts[1].value


def test_every_message_said_below_the_catalogues_is_in_them_word_for_word():
    english = words.catalogue("en").messages
    found = list(_said_calls())
    assert len(found) > 25
    for path, key, text in found:
        assert key in english, f"{path}: {key} is in no catalogue: add it to en.yaml and every full language"
        assert english[key] == text, f"{path}: {key} says {text!r} here but {english[key]!r} in en.yaml"


@pytest.mark.parametrize("environ, school, code", [
    ({"LANG": "fr_FR.UTF-8"}, None, "fr"),
    ({"LANG": "de_AT.UTF-8"}, "cy", "de"),
    ({"LANG": "en_US.UTF-8"}, "fr", "en-US"),  # the teacher's computer, not the school's paper
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "cy_GB.UTF-8"}, None, "cy"),
    ({"LC_ALL": "es_ES.UTF-8", "LC_MESSAGES": "fr_FR"}, None, "es"),
    ({"LANG": "C.UTF-8"}, "fr", "fr"),  # the environment names no language: the workspace's
    ({"LANG": "pt_BR.UTF-8"}, "de", "de"),  # a language no catalogue ships: the workspace's
    ({}, None, "en"),
    ({"LANG": "POSIX"}, None, "en"),
])
def test_the_terminals_language_is_the_environments_else_the_workspaces(environ, school, code):
    assert words.terminal_language(environ, school) == code


@pytest.fixture
def broken(tmp_path) -> Path:
    pack = tmp_path / "sources" / "trials"
    shutil.copytree(EXAMPLE, pack)
    yaml = pack / "pack.yaml"
    text = yaml.read_text(encoding="utf-8")
    at = text.index("marks: ")
    yaml.write_text(text[:at] + "marks: ten\n" + text[at:].split("\n", 1)[1], encoding="utf-8")  # the first question's
    return pack


@pytest.mark.parametrize("locale, expected", [
    ("fr_FR.UTF-8", "pack.yaml:{line}: fiche «\u00a0{sheet}\u00a0», question 1\u00a0: marks doit être un nombre entier "
                    "positif, reçu 'ten'"),
    ("cy_GB.UTF-8", "pack.yaml:{line}: taflen ‘{sheet}’, cwestiwn 1: rhaid i marks fod yn rhif cyfan positif, cafwyd 'ten'"),
    ("C.UTF-8", "pack.yaml:{line}: sheet '{sheet}', question 1: marks must be a positive whole number, got 'ten'"),
])
def test_a_packs_mistake_is_said_in_the_terminals_language_at_its_line(broken, locale, expected):
    text = (broken / "pack.yaml").read_text(encoding="utf-8")
    line = text[:text.index("marks: ten")].count("\n") + 1
    sheet = "background-worksheet"  # the first sheet
    result = CliRunner().invoke(main, ["check", str(broken)], env={"LANG": locale, "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == 2
    assert expected.format(line=line, sheet=sheet) in result.output
    assert errors._speaker is None  # the command's language ends with it


def test_the_build_speaks_the_workspaces_language_where_the_environment_names_none(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "sources" / "trials")
    (tmp_path / "studypack.yaml").write_text("language: es\n", encoding="utf-8")
    env = {"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
    result = CliRunner().invoke(main, ["check", str(tmp_path / "sources" / "trials")], env=env)
    assert result.exit_code == 0, result.output
    assert " — 9 hojas, 6 fuentes, 40 preguntas, " in result.output and "aceptado: " in result.output
    built = CliRunner().invoke(main, ["build", str(tmp_path / "sources" / "trials"), "--jobs", "1"], env=env)
    assert built.exit_code == 0, built.output
    lines = built.output.splitlines()
    assert lines[0].startswith("espacio de trabajo: ")
    assert any(line.startswith("escrito ") and " páginas, " in line for line in lines)
    assert any(line.startswith("12 PDF, ") and " páginas en " in line for line in lines)
    english = CliRunner().invoke(main, ["check", str(tmp_path / "sources" / "trials")], env={**env, "LANG": "en_GB.UTF-8"})
    assert " — 9 sheets, 6 sources, 40 questions, " in english.output


def test_a_class_list_checked_is_said_in_the_terminals_language(tmp_path):
    roster = tmp_path / "9b.csv"
    roster.write_text("Name,Class,Tier\nAnn Lee,9B,\nBo Ray,9B,Z\nCy Dee,9C,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--roster", str(roster)],
                                env={"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == 1
    assert "9b.csv\u00a0: 2 élèves dans 2 classes (9B, 9C) prêts à générer\u202f; 1 ligne serait écartée" in result.output
    assert "9b.csv:3: niveau «\u00a0Z\u00a0»\u00a0: écrivez foundation ou higher (ou F ou H), ou laissez vide\u202f; " \
           "ligne écartée" in result.output  # a row's problem, at its line


@pytest.fixture
def french():
    """The messages said in French, as the command line sets them for LANG=fr_FR.UTF-8."""
    say = words.words("fr")
    errors.speak(lambda key, n, values: say.alone(key, n, **values), "fr")
    yield say
    errors.speak(None)


def test_the_typesetters_warnings_are_said_in_the_terminals_language(french):
    from studypack.pdf import preflight
    from studypack.views import notes
    from studypack.views.flowables import AnswerLines

    page = preflight.PageNotes({"title": "Quick checks"}, 3, 3, [notes.TextSize(5.5), notes.Used(10.0), notes.OptionsSplit(),
                                                                 notes.Holds(AnswerLines), notes.SourceLines("Source E", 1),
                                                                 notes.Overflow("x y z", 3.25)])
    found = [str(p) for p in preflight.check([page], 7.0, 700.0, "pack.pdf")]
    where = "pack.pdf, fiche «\u00a0Quick checks\u00a0», page 3\u00a0: "
    assert found == [where + "texte en 5.5\u00a0pt, sous le minimum de la mise en page (7\u00a0pt)",
                     where + "la page ne contient que quelques lignes de réponse reportées (1\u00a0% de la page utilisés)",
                     where + "une liste d’options est coupée entre deux pages",
                     where + "Source E n’a que 1\u00a0ligne de son texte sur cette page",
                     where + "une ligne déborde de sa boîte de 3.2\u00a0pt\u00a0: «\u00a0x y z\u00a0»"]
    errors.speak(None)  # and in English, word for word as before
    english = [str(p) for p in preflight.check([page], 7.0, 700.0, "pack.pdf")]
    assert english[0] == "pack.pdf, sheet 'Quick checks', page 3: text at 5.5 pt, below the layout's minimum of 7 pt"
    assert english[1].endswith("only a few answer lines carried over (1% of it is used)")


def test_a_documents_cache_key_names_the_language_its_warnings_were_said_in(french):
    from studypack.app import build as builds, cache_keys
    from studypack.plan.documents import make

    prepared = builds.prepare(EXAMPLE, None)
    plan = make(prepared.loaded.pack, prepared.loaded.name, Path("out"))
    said_in_french = cache_keys.document_keys(prepared.loaded, prepared.layout, plan)
    errors.speak(None)
    in_english = cache_keys.document_keys(prepared.loaded, prepared.layout, plan)
    assert said_in_french.keys() == in_english.keys()
    assert not set(said_in_french.values()) & set(in_english.values())


def test_a_character_the_fonts_cannot_print_is_said_in_the_terminals_language(tmp_path):
    pack = tmp_path / "sources" / "trials"
    shutil.copytree(EXAMPLE, pack)
    yaml = pack / "pack.yaml"
    text = yaml.read_text(encoding="utf-8")
    yaml.write_text(text.replace("title: ", "title: \U0001F9EA ", 1), encoding="utf-8")
    env = {"LANG": "de_DE.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
    result = CliRunner().invoke(main, ["check", str(pack)], env=env)
    assert "pack.yaml:4: 1\u00a0Zeichen kann in den Schriften des Layouts nicht gedruckt werden: '\U0001F9EA' U+1F9EA (×1): " \
           in result.output, result.output
    assert "; ersetzen Sie sie" in result.output


def test_an_interrupted_command_says_what_it_left_in_the_terminals_language(monkeypatch):
    from studypack.commands import cli

    from studypack.io import output

    written: list[Path] = []
    monkeypatch.setattr(output, "written", lambda: written)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    cli._quiet()
    try:
        assert cli._interrupted() == "interrumpido; los PDF anteriores no han cambiado"
        written += [Path("output") / "trials", Path("output") / "trials-exam"]
        assert cli._interrupted() == ("interrumpido después de escribir la compilación: los nuevos PDF están en su sitio "
                                      "en output/trials y output/trials-exam")
        monkeypatch.setenv("LANG", "C.UTF-8")
        cli._quiet()
        assert cli._interrupted() == ("interrupted after the build was written: the new PDFs are in place in "
                                      "output/trials and output/trials-exam")
    finally:
        cli._quiet()


@pytest.mark.parametrize("locale, expected", [
    ("fr_FR.UTF-8", "pack.yaml:{line}: '{text}' n’a pas de ':' après son nom\u00a0: écrivez '{fixed}'"),
    ("cy_GB.UTF-8", "pack.yaml:{line}: nid oes ':' ar ôl enw '{text}': ysgrifennwch '{fixed}'"),
    ("C.UTF-8", "pack.yaml:{line}: '{text}' has no ':' after its name: write '{fixed}'"),
])
def test_a_yaml_syntax_error_is_said_in_the_terminals_language_at_its_line(tmp_path, locale, expected):
    pack = tmp_path / "sources" / "trials"
    shutil.copytree(EXAMPLE, pack)
    yaml = pack / "pack.yaml"
    lines = yaml.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines) if text.startswith("subject: ")) + 1
    subject = lines[line - 1].split(": ", 1)[1]
    lines[line - 1] = f"subject {subject}"
    yaml.write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)], env={"LANG": locale, "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == 2
    assert expected.format(line=line, text=f"subject {subject}", fixed=f"subject: {subject}") in result.output, result.output


def test_a_question_kinds_own_check_is_said_in_the_terminals_language(tmp_path):
    pack = tmp_path / "trials"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "title: T\nsubject: History\nlevel: GCSE\nsheets:\n  - id: s1\n    kind: worksheet\n    title: Quiz\n"
        "    questions:\n      - kind: multiple-choice\n        prompt: Which year?\n        options: ['1936', '1937']\n"
        "        answer: C\n        marks: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)], env={"LANG": "es_ES.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert result.exit_code == 2
    assert "pack.yaml:12: hoja «s1», pregunta 1: answer debe ser la letra de una opción, de A a B, se recibió 'C'" \
        in result.output, result.output
    english = CliRunner().invoke(main, ["check", str(pack)], env={"LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None})
    assert "pack.yaml:12: sheet 's1', question 1: answer must be the letter of one option, A to B, got 'C'" in english.output
