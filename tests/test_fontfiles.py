"""The shipped fonts are the faces their README says (same bytes, so the same PDFs), every
one has its licence beside it, and a face unpacks the same with and without the cache."""

from __future__ import annotations

import hashlib
import lzma
import re
import tomllib
import zlib
from pathlib import Path

import pytest

from studypack.io import cache as caches
from studypack.media import fonts

README = (fonts.FONT_DIR / "README.md").read_text(encoding="utf-8")
ROWS = {m[1]: (m[2], m[3]) for m in re.finditer(r"^\| `([\w-]+\.ttf\.xz)` \|[^|]*\| OFL 1\.1, `(OFL-\w+\.txt)` \|[^|]*\| `([0-9a-f]{64})` \|$",
                                                   README, re.M)}
SHIPPED = fonts.shipped_files()


def test_the_readme_lists_every_shipped_face_and_nothing_else():
    assert len(SHIPPED) == 18 and len(set(SHIPPED)) == 18  # four families of four, two symbol faces
    assert set(ROWS) == set(SHIPPED) == {p.name for p in fonts.FONT_DIR.glob("*.xz")}


@pytest.mark.parametrize("name", SHIPPED)
def test_each_face_unpacks_to_the_bytes_the_readme_names(name):
    licence, digest = ROWS[name]
    data = lzma.decompress((fonts.FONT_DIR / name).read_bytes())
    assert hashlib.sha256(data).hexdigest() == digest
    assert data[:4] == b"\x00\x01\x00\x00"  # a TrueType font, not something else compressed
    text = (fonts.FONT_DIR / licence).read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text and text.splitlines()[0].startswith(("Copyright", "Digitized data copyright"))


def test_a_face_is_the_same_from_the_cache_and_without_one(monkeypatch, tmp_path):
    name = fonts.FAMILIES["atkinson-hyperlegible"].files[0]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = fonts._shipped_bytes(name)
    cached = list((tmp_path / "studypack" / "fonts").glob("AtkinsonHyperlegible-Regular-*.ttf"))
    assert len(cached) == 1 and caches.unseal(cached[0].read_bytes()) == first  # kept with its checksum
    assert fonts._shipped_bytes(name) == first  # read back from the cache
    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    assert fonts._shipped_bytes(name) == first
    assert hashlib.sha256(first).hexdigest() == ROWS[name][1]


def test_no_font_package_is_needed_at_run_time():
    project = tomllib.loads((Path(fonts.__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert not [d for d in project["project"]["dependencies"] if "font" in d.lower()]


def _tool():
    import importlib.util

    spec = importlib.util.spec_from_file_location("parsed_faces", Path(__file__).resolve().parents[1] / "tools" / "parsed_faces.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_maths_face_parsed_ahead_is_current_and_is_what_parsing_gives():
    """STIX Two Math's parse shipped in fontfiles/parsed/ is for the installed ziamath's face and
    ReportLab (else run tools/parsed_faces.py), and holds what parsing the face keeps."""
    import marshal

    made = _tool().wanted()
    assert {p.name for p in fonts.PARSED_DIR.glob("*.face.*")} == set(made), "run python tools/parsed_faces.py"
    for name, kept in made.items():
        assert marshal.loads(zlib.decompress((fonts.PARSED_DIR / name).read_bytes())) == marshal.loads(kept)


def test_a_first_build_reads_the_maths_face_parsed_ahead_as_parsing_makes_it(monkeypatch, tmp_path):
    import io

    from reportlab.pdfbase.ttfonts import TTFontFace

    from studypack.media.maths import font

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # an empty cache: nothing parsed on this machine
    data = Path(font.path()).read_bytes()
    monkeypatch.setattr(TTFontFace, "__init__", lambda *a, **k: pytest.fail("parsed again"))
    face = fonts._ttfont("STIXTwoMath-test", data).face
    monkeypatch.undo()
    parsed = TTFontFace(io.BytesIO(data))
    skip = ("_ttf_data", "_pdfScale")
    assert {k: v for k, v in vars(face).items() if k not in skip} == {k: v for k, v in vars(parsed).items() if k not in skip}
    assert face._pdfScale(500) == parsed._pdfScale(500)
