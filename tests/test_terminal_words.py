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


# The groups moved since: finding a layout or profile by name, a layout template's mistake, a
# model's own check, a class list's file (and the system's reason), a class set's names, accept:,
# the output folder, preview and mark.
_LAST = {
    'fr_FR.UTF-8': [
        "profile\u00a0: aucun profil nommé 'nosuchx'\u202f; profils connus\u00a0: ap-chemistry-free-response",
        "header.left\u00a0: variable inconnue 'nope'\u00a0: les variables sont pack.title",
        'answer_lines\u00a0: minimum (9) est plus grand que maximum (3)\u00a0: inversez-les',
        'impossible de lire la liste de classe {rdir}\u00a0: C’est un dossier',
        'Ann Lee a le même nom que la ligne 2 et pas d’id\u00a0: seul leur ordre',
        'accept\u00a0: check ne donne aucun avertissement no-answer pour q1 (un id de question)\u00a0: supprimez cette entrée',
        'il y a un dossier {folder} là où va un PDF\u00a0: renommez ou déplacez ce dossier',
        "aucune fiche 'nosuch' dans le pack\u202f; documents\u00a0: background-worksheet",
        'pas de carte de correction ici\u202f; générez le jeu de classe avec --marking',
        "le mot du glossaire 'purge' n’est employé dans aucun document ni aucune question",
    ],
    'de_DE.UTF-8': [
        "profile: kein Profil namens 'nosuchx'; bekannte Profile: ap-chemistry-free-response",
        "header.left: unbekannte Variable 'nope': die Variablen sind pack.title",
        'answer_lines: minimum (9) ist größer als maximum (3): tauschen Sie sie',
        'die Klassenliste {rdir} kann nicht gelesen werden: Ist ein Ordner',
        'Ann Lee hat denselben Namen wie Zeile 2 und keine ID: nur ihre Reihenfolge',
        'accept: check gibt keine Warnung no-answer für q1 (eine Aufgaben-ID): entfernen Sie diesen Eintrag',
        'dort, wo ein PDF hingehört, ist ein Ordner {folder}: benennen Sie ihn um',
        "kein Blatt 'nosuch' im Pack; Dokumente: background-worksheet",
        'hier ist keine Korrekturkarte; erzeugen Sie den Klassensatz mit --marking',
        "das Glossarwort 'purge' kommt in keiner Quelle und keiner Aufgabe vor",
    ],
    'es_ES.UTF-8': [
        "profile: no hay ningún perfil llamado 'nosuchx'; perfiles conocidos: ap-chemistry-free-response",
        "header.left: variable desconocida 'nope': las variables son pack.title",
        'answer_lines: minimum (9) es mayor que maximum (3): intercámbialos',
        'no se puede leer la lista de clase {rdir}: Es una carpeta',
        'Ann Lee tiene el mismo nombre que la línea 2 y ningún id: solo su orden',
        'accept: check no da ningún aviso no-answer para q1 (un id de pregunta): quita esta entrada',
        'hay una carpeta {folder} donde va un PDF: cambia el nombre de esa carpeta',
        "no hay ninguna hoja 'nosuch' en el pack; documentos: background-worksheet",
        'aquí no hay mapa de corrección; compila el juego de clase con --marking',
        "la palabra del glosario 'purge' no se usa en ninguna fuente ni pregunta",
    ],
    'cy_GB.UTF-8': [
        "profile: dim proffil o’r enw 'nosuchx'; proffiliau hysbys: ap-chemistry-free-response",
        "header.left: newidyn anhysbys 'nope': y newidynnau yw pack.title",
        'answer_lines: mae minimum (9) yn fwy na maximum (3): cyfnewidiwch nhw',
        'ni ellir darllen y rhestr ddosbarth {rdir}: Ffolder yw hwn',
        'mae gan Ann Lee yr un enw â llinell 2 a dim id: dim ond eu trefn',
        'accept: nid yw check yn rhoi rhybudd no-answer ar gyfer q1 (id cwestiwn): tynnwch y cofnod hwn',
        'mae ffolder {folder} lle mae PDF i fod: ailenwch neu symudwch y ffolder hwnnw',
        "dim taflen 'nosuch' yn y pecyn; dogfennau: background-worksheet",
        'dim map marcio yma; adeiladwch y set ddosbarth â --marking',
        "nid yw gair yr eirfa 'purge' yn cael ei ddefnyddio mewn unrhyw ffynhonnell na chwestiwn",
    ],
    'C.UTF-8': [
        "profile: no profile named 'nosuchx'; known profiles: ap-chemistry-free-response",
        "header.left: unknown variable 'nope': the variables are pack.title",
        'answer_lines: minimum (9) is more than maximum (3): swap them',
        'cannot read the roster {rdir}: Is a directory',
        'Ann Lee has the same name and no id as line 2: only their order',
        'accept: check gives no no-answer warning for q1 (a question id): remove this entry',
        'there is a folder {folder} where a PDF goes: rename or move that folder',
        "no sheet 'nosuch' in the pack; documents: background-worksheet",
        'no marking map here; build the class set with --marking',
        "glossary word 'purge' is not used in any source or question",
    ],
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


_PACK = ("title: T\nsubject: History\nlevel: GCSE\n{extra}sheets:\n  - id: s1\n    kind: worksheet\n    title: Quiz\n"
         "    questions:\n      - id: q1\n        kind: short\n        prompt: Why?\n        answer: Because.\n        marks: 2\n")


@pytest.mark.parametrize("locale", list(_LAST))
def test_the_groups_moved_last_are_said_in_the_terminals_language_at_their_lines(tmp_path, locale):
    """A profile no one ships (at the pack's line), a template's unknown variable and a layout's
    minimum over its maximum (at the layout's lines), a roster that is a folder (the system's
    reason), two students of one name (at the row), an `accept:` that excuses nothing, a folder
    where a PDF goes, `preview` of a sheet the pack lacks, `mark` without its map and a
    glossary word no text uses (a check's warning)."""
    for name, extra in (("prof", "profile: nosuchx\n"), ("accept", 'accept:\n  - {no-answer: q1, why: "kept"}\n'),
                        ("lint", "glossary:\n  purge: a removal\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "pack.yaml").write_text(_PACK.format(extra=extra), encoding="utf-8")
    (tmp_path / "tpl.yaml").write_text('extends: default\nheader:\n  left: "{{ pack.nope }}"\n', encoding="utf-8")
    (tmp_path / "minmax.yaml").write_text("extends: default\nanswer_lines:\n  minimum: 9\n  maximum: 3\n", encoding="utf-8")
    (tmp_path / "r.csv").write_text("Name,Class\nAnn Lee,9B\nAnn Lee,9B\n", encoding="utf-8")
    (tmp_path / "rdir").mkdir()
    (tmp_path / "out" / "accept" / "s1.pdf").mkdir(parents=True)
    env = {"LANG": locale, "LC_ALL": None, "LC_MESSAGES": None, "STUDYPACK_NO_CACHE": "1"}
    runs = [(["check", str(tmp_path / "prof")], 4), (["check", "--layout", str(tmp_path / "tpl.yaml"), str(EXAMPLE)], 3),
            (["check", "--layout", str(tmp_path / "minmax.yaml"), str(EXAMPLE)], 2),
            (["check", str(EXAMPLE), "--roster", str(tmp_path / "rdir")], None),
            (["check", str(EXAMPLE), "--roster", str(tmp_path / "r.csv")], 3), (["check", str(tmp_path / "accept")], 5),
            (["build", str(tmp_path / "accept"), "--out", str(tmp_path / "out"), "--jobs", "1"], None),
            (["preview", str(EXAMPLE), "--sheet", "nosuch"], None), (["mark", str(tmp_path / "nosuch.pdf")], None),
            (["check", str(tmp_path / "lint")], 5)]
    for (args, line), expected in zip(runs, _LAST[locale]):
        expected = expected.format(rdir=tmp_path / "rdir", folder=tmp_path / "out" / "accept" / "s1.pdf")
        output = CliRunner().invoke(main, args, env=env).output
        if line is None:  # said without a place
            assert expected in output, (expected, output)
            continue
        lines = [text.split(f":{line}: ", 1)[1] for text in output.splitlines() if f"{tmp_path}/" in text and f":{line}: " in text]
        assert any(text.startswith(expected) for text in lines), (expected, output)


def test_the_serve_page_speaks_the_commands_language(french):
    """The serve page's words and its labels for a screen reader, in the language its problems
    are said in; its script gets every message, plural forms and all. English as it was."""
    import json
    import re

    from studypack.commands.serve import app, page_words

    page = page_words.page(app.PAGE, "n0nce")
    assert '<html lang="fr">' in page and "{{" not in page
    assert "<label>Mise en page <select" in page and '<nav id="contents" aria-label="Documents">' in page
    assert "Jeu de classe\u00a0: une copie nominative pour chaque élève" in page
    assert "relancez <code>studypack serve</code>, puis rechargez cette page." in page
    said = json.loads(re.search(r'<script type="application/json" id="words">(.*?)</script>', page).group(1))
    assert said["problems"] == {"one": "{n}\u00a0problème", "other": "{n}\u00a0problèmes"}
    assert said["caption"] == "Page {page} sur {pages}" and said["answer-key"] == "Corrigé"
    errors.speak(None)
    english = page_words.page(app.PAGE, "n0nce")
    assert '<html lang="en">' in english and "<summary>Class set: a named copy for every student</summary>" in english
    assert 'title="Print the pages shown (each document also has its own Print button, which prints its PDF)">Print</button>' \
        in english
    assert "The preview has stopped: run <code>studypack serve</code> again, then reload this page." in english


def test_a_systems_reason_is_said_in_the_terminals_language(french):
    """The common errno values from the catalogue; another, and any in English, in the system's own words."""
    import errno
    import os

    assert errors.os_reason(PermissionError(errno.EACCES, "Permission denied")) == "Permission refusée"
    assert errors.os_reason(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))) == "Plus d’espace disponible sur le périphérique"
    assert errors.os_reason(OSError(errno.EADDRINUSE, "Address in use")) == "Address in use"
    errors.speak(None)
    assert errors.os_reason(PermissionError(errno.EACCES, "Zugriff verweigert")) == "Zugriff verweigert"  # the system's words


# The groups moved last: a board profile's warning, a question kind's own warning, a header
# text too long for its place, the cache's note, `serve --review`'s folder check and a formula's own mistake.
_MOVED = {
    "fr_FR.UTF-8": ["fiche «\u00a0s1\u00a0» vaut 2\u00a0points, mais cette épreuve en vaut 30\u00a0: ajoutez ou retirez des points "
                    "(profil ours)",
                    "fiche «\u00a0s1\u00a0», question 1\u00a0: la consigne dit déjà 'Tick two boxes.' (une question "
                    "multiple-select l’ajoute sous sa consigne)",
                    "le titre du pack 'A very long pack title about the Moscow…' est trop long pour sa place dans l’en-tête "
                    "(header.left)\u00a0: raccourci\u202f;",
                    "remarque\u00a0: le dossier du cache {home} est un lien symbolique\u00a0: il n’est pas utilisé",
                    "{folder}\u00a0: pas de review.json ici\u202f; donnez le dossier que `studypack mark` a écrit",
                    "fiche «\u00a0s1\u00a0», question 1\u00a0: formule '$\\frac{{1}}{{2$'\u00a0: '}}' manquante"],
    "de_DE.UTF-8": ["Blatt „s1“ ist 2 Punkte wert, aber diese Prüfung ist 30 wert: fügen Sie Punkte hinzu oder nehmen Sie "
                    "welche weg (Profil ours)",
                    "Blatt „s1“, Aufgabe 1: die Aufgabenstellung sagt schon 'Tick two boxes.' (eine multiple-select-Aufgabe",
                    "der Titel des Packs 'A very long pack title about the Moscow…' ist zu lang für seinen Platz in der "
                    "Kopfzeile (header.left): gekürzt;",
                    "Hinweis: der Cache-Ordner {home} ist ein symbolischer Link: er wird nicht verwendet",
                    "{folder}: hier ist keine review.json; geben Sie den Ordner an, den `studypack mark` geschrieben hat",
                    "Blatt „s1“, Aufgabe 1: Formel '$\\frac{{1}}{{2$': '}}' fehlt"],
    "es_ES.UTF-8": ["hoja «s1» vale 2 puntos, pero este examen vale 30: añade o quita puntos (perfil ours)",
                    "hoja «s1», pregunta 1: el enunciado ya dice 'Tick two boxes.' (una pregunta multiple-select",
                    "el título del pack 'A very long pack title about the Moscow…' es demasiado largo para su sitio en el "
                    "encabezado (header.left): acortado;",
                    "nota: la carpeta de caché {home} es un enlace simbólico: no se usa",
                    "{folder}: aquí no hay review.json; da la carpeta que escribió `studypack mark`",
                    "hoja «s1», pregunta 1: fórmula '$\\frac{{1}}{{2$': falta '}}'"],
    "cy_GB.UTF-8": ["mae taflen ‘s1’ yn werth 2 marc, ond mae’r papur hwn yn werth 30: ychwanegwch neu tynnwch farciau "
                    "(proffil ours)",
                    "taflen ‘s1’, cwestiwn 1: mae’r cwestiwn eisoes yn dweud 'Tick two boxes.' (mae cwestiwn multiple-select",
                    "mae teitl y pecyn 'A very long pack title about the Moscow…' yn rhy hir i’w le yn y pennyn "
                    "(header.left): wedi’i fyrhau;",
                    "nodyn: mae ffolder y storfa {home} yn ddolen symbolaidd: ni chaiff ei defnyddio",
                    "{folder}: dim review.json yma; rhowch y ffolder a ysgrifennodd `studypack mark`",
                    "taflen ‘s1’, cwestiwn 1: fformiwla '$\\frac{{1}}{{2$': mae '}}' ar goll"],
    "C.UTF-8": ["sheet 's1' is worth 2 marks, but this paper is worth 30: add or take away marks (profile ours)",
                "sheet 's1', question 1: the prompt already says 'Tick two boxes.' (a multiple-select question adds it",
                "the pack's title 'A very long pack title about the Moscow…' is too long for its place in the header "
                "(header.left): shortened; shorten it here, or use a layout with fewer header slots",
                "note: the cache folder {home} is a symbolic link: not used (remove the link",
                "{folder}: no review.json here; give the folder `studypack mark` wrote",
                "sheet 's1', question 1: formula '$\\frac{{1}}{{2$': missing '}}'"],
}


@pytest.mark.parametrize("locale", list(_MOVED))
def test_the_last_groups_are_said_in_the_terminals_language_at_their_lines(tmp_path, locale):
    """A paper's total against its board profile's (at the sheet's line), a prompt repeating
    what its kind prints under it (at the prompt's line), a pack title too long for the header
    (at the title's line, from a build), the note on a cache folder that is a link and
    `serve --review` of a folder with no marking; a formula's brace never closed (at the prompt's line)."""
    pack, long = tmp_path / "p", tmp_path / "long"
    (pack / "profiles").mkdir(parents=True)
    (pack / "profiles" / "ours.yaml").write_text("extends: ap-chemistry-free-response\npaper:\n  total: 30\n", encoding="utf-8")
    (pack / "pack.yaml").write_text(
        "title: T\nsubject: History\nlevel: GCSE\nprofile: ours\nsheets:\n  - id: s1\n    kind: worksheet\n    title: Quiz\n"
        '    questions:\n      - kind: multiple-select\n        prompt: "Tick **two** rivers."\n        marks: 2\n'
        "        options: [Severn, Snowdon, Thames, Scafell]\n        answers: [A, C]\n", encoding="utf-8")
    long.mkdir()
    sums = tmp_path / "sums"
    sums.mkdir()
    (sums / "pack.yaml").write_text(_PACK.format(extra="").replace("prompt: Why?", 'prompt: "Work out $\\\\frac{1}{2$."'),
                                    encoding="utf-8")
    (long / "pack.yaml").write_text(_PACK.format(extra="").replace(
        "title: T\n", "title: A very long pack title about the Moscow show trials of 1936 to 1938 and what the accused said "
        "in court, why they said it, and what historians have made of it since the archives opened\n", 1), encoding="utf-8")
    (tmp_path / "real").mkdir()
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "studypack").symlink_to(tmp_path / "real")
    env = {"LANG": locale, "LC_ALL": None, "LC_MESSAGES": None, "STUDYPACK_NO_CACHE": "1"}
    built = {**env, "STUDYPACK_NO_CACHE": None, "XDG_CACHE_HOME": str(tmp_path / "home")}
    runs = [(["check", str(pack)], env, 6), (["check", str(pack)], env, 11),
            (["build", str(long), "--out", str(tmp_path / "out"), "--jobs", "1"], built, 1),
            (["build", str(long), "--out", str(tmp_path / "out"), "--jobs", "1"], built, None),
            (["serve", "--review", str(tmp_path / "real"), "--port", "0"], env, None), (["check", str(sums)], env, 11)]
    outputs: dict[tuple, str] = {}  # each command run once: the cache's note is said once a process
    for (args, environ, line), expected in zip(runs, _MOVED[locale]):
        expected = expected.format(home=tmp_path / "home" / "studypack", folder=tmp_path / "real")
        if tuple(args) not in outputs:
            outputs[tuple(args)] = CliRunner().invoke(main, args, env=environ).output
        output = outputs[tuple(args)]
        if line is None:  # said without a place
            assert expected in output, (expected, output)
            continue
        lines = [text.split(f":{line}: ", 1)[1] for text in output.splitlines() if f"{tmp_path}/" in text and f":{line}: " in text]
        assert any(text.startswith(expected) for text in lines), (expected, output)


def test_the_install_advice_and_the_entrys_last_resort_are_said_in_the_terminals_language(french, monkeypatch):
    """The command that adds an optional part keeps its commands and says its aside in the
    terminal's words; the entry's one line when the server's process ended without a reply
    reads the catalogue only then."""
    from studypack.base.extras import install
    from studypack.commands.resident import client

    assert install("docx", errors.install_aside()) == \
        "pip install 'studypack[docx]' (depuis une copie de travail\u00a0: pip install '.[docx]')"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert client._ended_without_a_word().startswith("studypack\u00a0: le processus qui exécutait la commande")
    monkeypatch.setenv("LANG", "C")
    assert client._ended_without_a_word() == ("studypack: the process running the command ended without a word; run it "
                                              "again with STUDYPACK_RESIDENT=0 and please report it")
    errors.speak(None)
    assert install("docx", errors.install_aside()) == "pip install 'studypack[docx]' (from a checkout: pip install '.[docx]')"
