"""Rosters in the encodings schools' software saves: certain ones read silently, guessed ones
named in a warning, names that look mis-decoded warned about with their line."""

from __future__ import annotations

import codecs
import subprocess
import sys

import pytest

from studypack.base import charsets
from studypack.io import roster

POLISH = [("Łucja", "Wiśniewska"), ("Zbigniew", "Żółtowski"), ("Agnieszka", "Kościuszko"), ("Michał", "Kowalczyk"),
          ("Ewa", "Dąbrowska"), ("Zofia", "Kamińska"), ("Łukasz", "Lewandowski"), ("Małgorzata", "Źrebięcka")]
CZECH = [("Jiří", "Dvořák"), ("Tereza", "Černá"), ("Eliška", "Svobodová"), ("Kateřina", "Kučerová")]
WESTERN = [("Zoë", "Ångström"), ("René", "Müller"), ("François", "Lefèvre"), ("Hélène", "Bérénice"),
           ("Íñigo", "Ibáñez"), ("José", "Núñez"), ("Åsa", "Sørensen"), ("Jürgen", "Groß")]


def csv(rows, sep=","):
    return f"First name{sep}Surname{sep}Class\r\n" + "".join(f"{a}{sep}{b}{sep}9B\r\n" for a, b in rows)


def read(tmp_path, data: bytes, name="class-9b.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return roster.read(path)


def names(result):
    return [(s.first, s.last) for s in result.students]


@pytest.mark.parametrize("rows,encoding,label", [
    (POLISH, "cp1250", "Windows-1250 (cp1250)"),
    (CZECH, "cp1250", "Windows-1250 (cp1250)"),
    (POLISH[:1], "cp1250", "Windows-1250 (cp1250)"),  # one student is enough
    (WESTERN, "cp1252", "Windows-1252 (cp1252)"),
    (WESTERN[:1], "cp1252", "Windows-1252 (cp1252)"),  # charset-normalizer alone says Johab for this one
    (WESTERN[4:6], "cp1252", "Windows-1252 (cp1252)"),  # Spanish, which charset-normalizer calls Central European
    ([("Николай", "Бухарин"), ("Фёдор", "Достоевский")], "cp1251", "Windows-1251 (cp1251)"),
], ids=["polish", "czech", "one-polish", "western", "one-western", "spanish", "cyrillic"])
def test_code_pages_are_guessed_right_and_named(tmp_path, rows, encoding, label):
    result = read(tmp_path, csv(rows, ";").encode(encoding))
    assert names(result) == rows
    [warning] = result.warnings
    assert str(warning) == (f"{tmp_path / 'class-9b.csv'}: read as {label}, guessed \u2014 save it as UTF-8 to be sure "
                            "(Excel: Save As, 'CSV UTF-8'); a name that looks wrong means the guess was wrong")


def test_latin1_roster_reads_right_with_a_warning(tmp_path):
    rows = [("Zoë", "Ångström"), ("Jürgen", "Groß"), ("Åsa", "Sørensen"), ("Inès", "Garçon")]
    result = read(tmp_path, csv(rows).encode("latin-1"))
    assert names(result) == rows
    assert [w.message.split(",")[0] for w in result.warnings] == ["read as Windows-1252 (cp1252)"]  # the same letters


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    lambda s: s.encode("utf-16"),  # Excel's "Unicode text": a byte-order mark, then UTF-16
    lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
], ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be"])
def test_unicode_rosters_read_without_a_warning(tmp_path, encode):
    rows = POLISH + WESTERN + [("Николай", "Бухарин"), ("Ζωή", "Παπαδοπούλου"), ("Thị", "Nguyễn")]
    result = read(tmp_path, encode(csv(rows, "\t")))
    assert names(result) == rows
    assert result.warnings == []


def test_mis_decoded_names_are_warned_with_their_line(tmp_path):
    rows = [("Aoife", "O'Brien"), ("Łucja", "Wiśniewska"), ("René", "Müller"), ("Zoë", "Ångström")]
    # a file converted twice: Polish read as Western, and UTF-8 read as Western, then saved as UTF-8
    text = csv(rows).replace("Łucja,Wiśniewska", "Łucja,Wiśniewska".encode("cp1250").decode("cp1252"))
    text = text.replace("René,Müller", "René,Müller".encode("utf-8").decode("cp1252"))
    result = read(tmp_path, text.encode("utf-8"))
    assert [(w.location.line, w.message.split(":")[0]) for w in result.warnings] == [
        (3, "the name '£ucja Wiœniewska' looks mis-decoded"), (4, "the name 'RenÃ© MÃ¼ller' looks mis-decoded")]
    assert "it holds '£', which no name has" in result.warnings[0].message
    assert "did you mean 'René Müller'?" in result.warnings[1].message


@pytest.mark.parametrize("name", ["Zoë Ångström", "Loïc Bœuf", "Gal·la Puig", "O'Brien & <Sons>", "Nguyễn Thị Minh Khai",
                                  "Ζωή Παπαδοπούλου", "Бухарин Николай", "Sørensen-Ibáñez", "Đorđe Šćepanović",
                                  "محمد", "김민준", "山田 太郎", "Ōtani Shōhei", "D’Angelo", "Åse Kløvstad"])
def test_real_names_are_not_called_mis_decoded(name):
    assert charsets.misdecoded(name) == ""


@pytest.mark.parametrize("name", ["Wiœniewska £ucja", "Ã©lodie", "Micha³ D¹browski", "Ivаn"])  # the last: a Cyrillic а
def test_mojibake_is_recognised(name):
    assert charsets.misdecoded(name)


def test_strict_build_stops_on_a_guessed_encoding(tmp_path):
    roster_path = tmp_path / "class-9b.csv"
    roster_path.write_bytes(csv(POLISH, ";").encode("cp1250"))
    done = subprocess.run([sys.executable, "-m", "studypack", "check", "sources/show-trials", "--roster", str(roster_path),
                           "--strict"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "read as Windows-1250 (cp1250), guessed" in done.stdout + done.stderr


def test_latin1_and_cp1250_are_told_apart_by_the_names(tmp_path):
    """Latin-1 bytes of 'José Muñoz' read as cp1250 are 'José Muńoz': é, ñ and ü are one
    language's letters (Spanish), é and ń need two, so the Western reading wins, unwarned."""
    rows = [("José", "Muñoz"), ("René", "Müller")]
    result = read(tmp_path, csv(rows).encode("latin-1"))
    assert names(result) == rows
    [warning] = result.warnings
    assert warning.message.startswith("read as Windows-1252 (cp1252), guessed") and "it would say" not in warning.message
    polish = [("Zofia", "Kamińska"), ("Łucja", "Wiśniewska")]  # and the other way round
    assert names(read(tmp_path, csv(polish).encode("cp1250"))) == polish


def test_a_roster_the_names_cannot_decide_is_warned_with_both_readings(tmp_path):
    result = read(tmp_path, csv([("Ana", "Muñoz")]).encode("latin-1"))
    [warning] = result.warnings
    assert warning.message.endswith("a name that looks wrong means the guess was wrong; read as Windows-1252 (cp1252) "
                                    "it would say 'Muñoz' where this says 'Muńoz': the names alone cannot tell which "
                                    "is right")


def test_a_mark_of_another_script_on_a_latin_letter_is_not_a_name():
    assert charsets.oddness("Muٌoz") > charsets.oddness("Muñoz") == 0  # cp1256 reads ñ's byte as an Arabic mark
    assert charsets.spread("José Muñoz Müller") == 1 and charsets.spread("José Muńoz") == 2
