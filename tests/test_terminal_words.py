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
    """(file, key, English) of every `said("key", "English" …)` in the package (its English
    plural forms too, written in the call or as a module's constant), each `_numbered("key",
    "what")` step (its English: what + " {n}") and each ("term.…", "English") pair."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        forms = {target.id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                 and _plural(node.value) for target in node.targets if isinstance(target, ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "said" and len(node.args) >= 2 \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[1], (ast.Dict, ast.Name)):
                english = forms.get(node.args[1].id) if isinstance(node.args[1], ast.Name) else \
                    ast.literal_eval(node.args[1]) if _plural(node.args[1]) else None
                if english is not None:
                    yield path.relative_to(ROOT), node.args[0].value, english
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("said", "_numbered") \
                    and len(node.args) >= 2 and all(isinstance(a, ast.Constant) for a in node.args[:2]):
                key, english = node.args[0].value, node.args[1].value
                yield path.relative_to(ROOT), key, english + (" {n}" if node.func.id == "_numbered" else "")
            elif isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(isinstance(e, ast.Constant) for e in node.elts) \
                    and str(node.elts[0].value).startswith("term."):  # `messages._SAID`'s (key, English)
                yield path.relative_to(ROOT), node.elts[0].value, node.elts[1].value


def _plural(node) -> bool:
    """Whether a node is an English message's plural forms written out: {"one": "…", "other": "…"}."""
    return isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and k.value in ("one", "other")
                                              for k in node.keys) and all(isinstance(v, ast.Constant) for v in node.values)


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


# One message of each group moved to the catalogues since: a kind's own check, validate's, a
# file read as text, yamlio's, inherit's, a layout's own check and a command's line (cache).
_GROUPS = {
    "fr_FR.UTF-8": ["fiche «\u00a0s1\u00a0», question 1\u00a0: un texte à trous a besoin de trous\u00a0: écrivez chaque mot "
                    "manquant sous la forme [[mot]]",
                    "l’id de fiche 's1' est utilisé deux fois\u00a0: les id des fiches nomment les fichiers PDF, chacun doit "
                    "donc être différent",
                    "le fichier contient des octets NUL\u00a0: ce n’est pas un fichier texte (un fichier de pack est du texte "
                    "YAML)",
                    "clé 'title' en double (donnée d’abord à la ligne 1)\u00a0: n’en gardez qu’une",
                    "extends\u00a0: aucun pack à '../nowhere' (",
                    "style inconnu 'bodyy' (vouliez-vous dire «\u00a0body\u00a0»\u202f?)",
                    "aucun dossier de cache n’est utilisé (STUDYPACK_NO_CACHE est défini ou il n’y a pas de dossier personnel)"],
    "de_DE.UTF-8": ["Blatt „s1“, Aufgabe 1: ein Lückentext braucht Lücken: schreiben Sie jedes fehlende Wort als [[Wort]]",
                    "die Blatt-ID 's1' wird zweimal verwendet: Blatt-IDs benennen die PDF-Dateien, daher muss jede anders sein",
                    "die Datei enthält NUL-Bytes: sie ist keine Textdatei (eine Pack-Datei ist YAML-Text)",
                    "doppelter Schlüssel 'title' (zuerst in Zeile 1 angegeben): behalten Sie nur einen",
                    "extends: kein Pack unter '../nowhere' (",
                    "unbekannter Stil 'bodyy' (meinten Sie „body“?)",
                    "es wird kein Cache-Ordner verwendet (STUDYPACK_NO_CACHE ist gesetzt oder es gibt keinen Home-Ordner)"],
    "es_ES.UTF-8": ["hoja «s1», pregunta 1: un texto con huecos necesita huecos: escribe cada palabra que falta como [[palabra]]",
                    "el id de hoja 's1' se usa dos veces: los id de las hojas dan nombre a los archivos PDF, así que cada uno "
                    "debe ser distinto",
                    "el archivo contiene bytes NUL: no es un archivo de texto (un archivo de pack es texto YAML)",
                    "clave 'title' repetida (dada primero en la línea 1): deja solo una",
                    "extends: no hay ningún pack en '../nowhere' (",
                    "estilo desconocido 'bodyy' (¿querías decir «body»?)",
                    "no se usa ninguna carpeta de caché (STUDYPACK_NO_CACHE está definida o no hay carpeta personal)"],
    "cy_GB.UTF-8": ["taflen ‘s1’, cwestiwn 1: mae angen bylchau mewn testun llenwi bylchau: ysgrifennwch bob gair coll fel "
                    "[[gair]]",
                    "defnyddir id taflen 's1' ddwywaith: mae id taflenni’n enwi’r ffeiliau PDF, felly rhaid i bob un fod yn "
                    "wahanol",
                    "mae beitiau NUL yn y ffeil: nid ffeil destun yw hi (testun YAML yw ffeil pecyn)",
                    "allwedd ddyblyg 'title' (a roddwyd gyntaf ar linell 1): cadwch un yn unig",
                    "extends: dim pecyn yn '../nowhere' (",
                    "arddull anhysbys 'bodyy' (ai ‘body’ oedd dan sylw?)",
                    "nid oes ffolder storfa’n cael ei defnyddio (mae STUDYPACK_NO_CACHE wedi’i osod neu nid oes ffolder "
                    "cartref)"],
    "C.UTF-8": ["sheet 's1', question 1: a cloze text needs gaps: write each missing word as [[word]]",
                "sheet id 's1' is used twice: sheet ids name the PDF files, so each must differ",
                "file contains NUL bytes: it is not a text file (a pack file is YAML text)",
                "duplicate key 'title' (first given on line 1): keep only one",
                "extends: no pack at '../nowhere' (",
                "unknown style 'bodyy' (did you mean 'body'?)",
                "no cache folder is in use (STUDYPACK_NO_CACHE is set or no home folder)"],
}


@pytest.mark.parametrize("locale", list(_GROUPS))
def test_every_group_of_messages_is_said_in_the_terminals_language_at_its_line(tmp_path, locale):
    """A kind's check and validate's (one pack), a file with NUL bytes, a duplicate key, an
    `extends:` that names no pack, a layout's unknown style and `cache clear`, each at its place."""
    packs = {name: tmp_path / name for name in ("kinds", "nul", "twice", "extends")}
    for folder in packs.values():
        folder.mkdir()
    (packs["kinds"] / "pack.yaml").write_text(
        "title: T\nsubject: History\nlevel: GCSE\nsheets:\n  - id: s1\n    kind: worksheet\n    title: Quiz\n"
        "    questions:\n      - kind: cloze\n        prompt: Fill in the gaps.\n        text: No gaps here.\n        marks: 1\n"
        "  - id: s1\n    kind: worksheet\n    title: Again\n    questions:\n      - kind: short\n        prompt: Why?\n"
        "        answer: Because.\n        marks: 2\n", encoding="utf-8")
    (packs["nul"] / "pack.yaml").write_bytes(b"title: T\nsub\x00ject: x\n")
    (packs["twice"] / "pack.yaml").write_text("title: T\ntitle: U\n", encoding="utf-8")
    (packs["extends"] / "pack.yaml").write_text("extends: ../nowhere\n", encoding="utf-8")
    (tmp_path / "odd.yaml").write_text("styles:\n  bodyy:\n    size: 10pt\n", encoding="utf-8")
    env = {"LANG": locale, "LC_ALL": None, "LC_MESSAGES": None, "STUDYPACK_NO_CACHE": "1"}
    runs = [(["check", str(packs["kinds"])], 11), (["check", str(packs["kinds"])], 13), (["check", str(packs["nul"])], 2),
            (["check", str(packs["twice"])], 2), (["check", str(packs["extends"])], 1),
            (["check", "--layout", str(tmp_path / "odd.yaml"), str(EXAMPLE)], 2), (["cache", "clear"], None)]
    for (args, line), expected in zip(runs, _GROUPS[locale]):
        output = CliRunner().invoke(main, args, env=env).output
        lines = [text.split(": ", 1)[1] for text in output.splitlines() if text.startswith(f"{tmp_path}/")
                 and text.split(": ", 1)[0].endswith(f":{line}")] if line else output.splitlines()
        assert any(text.startswith(expected) for text in lines), (expected, output)
