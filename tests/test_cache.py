"""The cache of typeset documents: a rebuild typesets only the documents whose inputs changed,
and gives the same bytes as a clean build."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from studypack.app.build import build
from studypack.commands.cli import main

from conftest import pdf_text


def _bytes(out):
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.pdf"))}


def test_one_word_edit_retypesets_only_the_changed_documents(pack_copy, tmp_path, _test_cache):
    first = build(pack_copy, None, tmp_path / "a", jobs=1)
    assert len(first.typeset) == len(first.written) == 12
    again = build(pack_copy, None, tmp_path / "a", jobs=1)
    assert again.typeset == []  # nothing changed: every PDF from the cache

    pack_yaml = pack_copy / "pack.yaml"
    text = pack_yaml.read_text(encoding="utf-8")
    old = "What happened to Leon Trotsky in February 1929?"
    assert text.count(old) == 1
    pack_yaml.write_text(text.replace(old, "What happened to Leon Trotsky in March 1929?"), encoding="utf-8")

    edited = build(pack_copy, None, tmp_path / "a", jobs=1)
    # the edited question is on the background worksheet, in the whole pack and in the key
    assert sorted(p.name for p in edited.typeset) == ["answer-key.pdf", "background-worksheet.pdf", "pack.pdf"]
    clean = build(pack_copy, None, tmp_path / "b", jobs=1, cache=False)
    assert len(clean.typeset) == 12
    incremental, fresh = _bytes(tmp_path / "a" / "show-trials"), _bytes(tmp_path / "b" / "show-trials")
    assert incremental.keys() == fresh.keys() and len(fresh) == 12
    assert [name for name in fresh if incremental[name] != fresh[name]] == []
    assert "Trotsky in March 1929" in pdf_text(tmp_path / "b" / "show-trials" / "background-worksheet.pdf")
    assert edited.warnings == clean.warnings  # warnings (with their lines) come back from the cache too


def test_a_damaged_entry_is_typeset_again(pack_copy, tmp_path, _test_cache):
    build(pack_copy, None, tmp_path / "a", jobs=1)
    entries = [p for p in (_test_cache / "typeset").glob("??/*")]
    assert len(entries) == 12
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:-200])  # cut short, as by a full disk
    again = build(pack_copy, None, tmp_path / "b", jobs=1)
    assert len(again.typeset) == 12
    assert _bytes(tmp_path / "a" / "show-trials") == _bytes(tmp_path / "b" / "show-trials")


def test_no_cache_flag_and_cache_clear(pack_copy, tmp_path, _test_cache):
    runner = CliRunner()
    out = str(tmp_path / "out")
    done = runner.invoke(main, ["build", str(pack_copy), "--out", out, "--jobs", "1"])
    assert done.exit_code == 0, done.output
    assert "from the cache" not in done.output
    done = runner.invoke(main, ["build", str(pack_copy), "--out", out, "--jobs", "1"])
    assert "(0 typeset, 12 unchanged from the cache)" in done.output
    done = runner.invoke(main, ["build", str(pack_copy), "--out", out, "--jobs", "1", "--no-cache"])
    assert done.exit_code == 0 and "from the cache" not in done.output
    assert any((_test_cache / "typeset").glob("??/*"))
    done = runner.invoke(main, ["cache", "clear"])
    assert done.exit_code == 0 and "cleared" in done.output
    assert not (_test_cache / "typeset").exists()
    done = runner.invoke(main, ["build", str(pack_copy), "--out", out, "--jobs", "1"])
    assert "from the cache" not in done.output


def test_no_cache_folder_when_disabled(pack_copy, tmp_path, monkeypatch, _test_cache):
    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    build(pack_copy, None, tmp_path / "a", jobs=1)
    assert not (_test_cache / "typeset").exists()
    assert len(build(pack_copy, None, tmp_path / "a", jobs=1).typeset) == 12


def test_preview_after_a_build_draws_the_cached_document(pack_copy, tmp_path, monkeypatch, _test_cache):
    from studypack.pdf import render
    from studypack.commands.preview import preview

    build(pack_copy, None, tmp_path / "out", jobs=1)

    def refuse(*args, **kwargs):
        raise AssertionError("typeset again")
    monkeypatch.setattr(render, "render", refuse)
    pictures = preview(pack_copy, "court-statements", 1, tmp_path / "png", dpi=30)
    assert [p.name for p in pictures] == ["court-statements-page-1.png"]


def _same_font(made, parsed) -> None:
    """Every attribute of the font and its face as ReportLab's own parsing sets it."""
    assert set(vars(made)) == set(vars(parsed))
    for key, value in vars(parsed).items():
        if key not in ("face", "state", "encoding"):
            assert getattr(made, key) == value, key
    assert vars(made.encoding) == vars(parsed.encoding) and not made.state
    assert set(vars(made.face)) == set(vars(parsed.face))
    for key, value in vars(parsed.face).items():
        mine = getattr(made.face, key)
        if key == "_pdfScale":
            assert mine(517) == value(517)
            continue
        assert mine == value and type(mine) is type(value), key
        assert getattr(mine, "ustr", None) == getattr(value, "ustr", None), key


def test_a_parsed_face_is_kept_and_restored_as_parsing_makes_it(tmp_path, monkeypatch):
    import io

    from reportlab.pdfbase.ttfonts import TTFont

    from studypack.media import fonts

    monkeypatch.setattr(fonts, "_cache_dir", lambda: tmp_path)
    for family, index in (("noto-sans", 0), ("atkinson-hyperlegible", 3)):
        data = fonts._font_bytes(family, index)
        parsed = TTFont("Probe", io.BytesIO(data))
        first = fonts._ttfont("Probe", data)  # parsed, and kept
        kept = list(tmp_path.glob("*.face"))
        assert kept, "the parsed face was not kept"
        monkeypatch.setattr("reportlab.pdfbase.ttfonts.TTFontFace.extractInfo",
                            lambda *a, **k: pytest.fail("parsed again"))
        second = fonts._ttfont("Probe", data)  # from the kept file, without parsing
        monkeypatch.undo()
        monkeypatch.setattr(fonts, "_cache_dir", lambda: tmp_path)
        for made in (first, second):
            _same_font(made, parsed)
        for path in kept:
            path.write_bytes(path.read_bytes()[:100])  # a cut-off file: parsed afresh
        _same_font(fonts._ttfont("Probe", data), parsed)
        for path in tmp_path.glob("*.face"):
            path.unlink()
