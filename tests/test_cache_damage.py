"""A damaged cache never reaches the paper: every entry and cached font file is sealed with
its SHA-256 and checked when read, so changed, cut-short or rewritten ones are discarded
(with a note) and made afresh. A cache folder that is a symbolic link is not written
through; `cache clear` removes what it reports and nothing outside the cache; the store
keeps within its bound by removing the least recently used entries first."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from studypack.app.build import build
from studypack.commands.cli import main
from studypack.io import cache as caches

PACK = {
    "title": "A small pack", "subject": "History", "level": "Ages 14-16",
    "sources": [{"letter": "A", "title": "A speech", "kind": "primary", "origin": "A speaker",
                 "date": "1936", "citation": "A book, page 3", "text": "Some words that were said."}],
    "sheets": [{"id": "s1", "kind": "source-analysis", "title": "Sheet one", "sources": ["A"],
                "questions": [{"kind": "short", "prompt": "What does Source A say?", "marks": 2,
                               "answer": "It says some words."}]}],
}


@pytest.fixture
def small(tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    (folder / "pack.yaml").write_text(yaml.safe_dump(PACK, sort_keys=False), encoding="utf-8")
    return folder


def _pdfs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.rglob("*.pdf"))}


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "typeset").glob("??/*"))


def _content(path: Path) -> tuple[bytes, bytes]:
    """A sealed file's first line (the checksum) and content."""
    head, _, data = path.read_bytes().partition(b"\n")
    return head, data


# --- typeset documents -------------------------------------------------------------------

def _changed_inside(path: Path) -> None:
    """64 bytes changed in the middle of the PDF, its %PDF and %%EOF kept."""
    raw = bytearray(path.read_bytes())
    middle = len(raw) // 2
    raw[middle:middle + 64] = bytes(b ^ 0x55 for b in raw[middle:middle + 64])
    path.write_bytes(bytes(raw))


def _pages_999(path: Path) -> None:
    """The entry's head says 999 pages (the checksum line left as it was)."""
    seal, data = _content(path)
    head, _, pdf = data.partition(b"\n")
    found = json.loads(head)
    found["pages"] = 999
    path.write_bytes(seal + b"\n" + json.dumps(found).encode() + b"\n" + pdf)


def _cut_short(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-200])


@pytest.mark.parametrize("damage", [_changed_inside, _pages_999, _cut_short])
def test_a_damaged_entry_is_discarded_with_a_note_and_typeset_again(damage, small, tmp_path, _test_cache, capsys):
    first = build(small, None, tmp_path / "a", jobs=1)
    entries = _entries(_test_cache)
    assert entries
    for path in entries:
        damage(path)
    capsys.readouterr()
    again = build(small, None, tmp_path / "b", jobs=1)
    assert len(again.typeset) == len(entries)  # none of the damaged entries was used
    assert _pdfs(tmp_path / "a") == _pdfs(tmp_path / "b")
    assert [w.pages for w in again.written] == [w.pages for w in first.written]
    notes = capsys.readouterr().err
    assert notes.count("note: ") == len(entries) and "discarded" in notes
    for path in _entries(_test_cache):  # written again, whole
        assert caches.from_entry(caches.unseal(path.read_bytes()) or b"") is not None


def test_an_entry_is_sealed_with_the_checksum_of_its_content(tmp_path):
    store = caches.Store(tmp_path)
    store.put("ab" * 32, b"content")
    raw = (tmp_path / "ab" / ("ab" * 32)).read_bytes()
    assert caches.unseal(raw) == b"content"
    assert caches.unseal(raw.replace(b"content", b"c0ntent")) is None
    assert caches.unseal(raw[:-1]) is None
    assert caches.unseal(b"content") is None


# --- cached fonts (a build in a process of its own: fonts are read once per process) --------

def _run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    env.pop("STUDYPACK_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "studypack", *args], env=env, capture_output=True, text=True)


def _flip(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    for at in range(len(raw) // 3, len(raw) // 3 + 64):
        raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))


def _doubled_widths(path: Path) -> None:
    """A well-formed parsed face whose widths are doubled (its old checksum kept)."""
    seal, data = _content(path)
    kept = marshal.loads(data)
    kept["state"]["charWidths"] = {code: width * 2 for code, width in kept["state"]["charWidths"].items()}
    kept["state"]["defaultWidth"] = kept["state"].get("defaultWidth", 0) * 2
    path.write_bytes(seal + b"\n" + marshal.dumps(kept))


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])


@pytest.mark.parametrize(("suffix", "damage"), [(".ttf", _flip), (".face", _doubled_widths), (".ttf", _truncated)])
def test_a_damaged_cached_font_is_made_afresh_with_a_note(suffix, damage, small, tmp_path):
    cache = tmp_path / "xdg"
    first = _run("build", str(small), "--out", str(tmp_path / "a"), "--jobs", "1", cache=cache)
    assert first.returncode == 0, first.stderr
    fonts = sorted((cache / "studypack" / "fonts").glob(f"*{suffix}"))
    assert fonts
    for path in fonts:
        damage(path)
    for path in _entries(cache / "studypack"):  # typeset again, with the cached fonts
        path.unlink()
    again = _run("build", str(small), "--out", str(tmp_path / "b"), "--jobs", "1", cache=cache)
    assert again.returncode == 0, again.stderr
    assert "note: " in again.stderr and "damaged" in again.stderr
    assert _pdfs(tmp_path / "a") == _pdfs(tmp_path / "b")
    for path in fonts:  # made afresh, whole
        assert caches.unseal(path.read_bytes()) is not None
    third = _run("build", str(small), "--out", str(tmp_path / "c"), "--jobs", "1", cache=cache)
    assert third.returncode == 0 and "note: " not in third.stderr


def test_a_damaged_coverage_file_is_made_afresh(tmp_path, monkeypatch, capsys):
    from studypack.media import fonts

    monkeypatch.setattr(fonts, "_cache_dir", lambda: tmp_path)
    fonts.coverage.cache_clear()
    first = fonts.coverage("noto-sans")
    kept = list(tmp_path.glob("*.cover"))
    assert len(kept) == 1
    _truncated(kept[0])
    fonts.coverage.cache_clear()
    assert fonts.coverage("noto-sans") == first
    assert "damaged" in capsys.readouterr().err
    assert caches.unseal(kept[0].read_bytes()) is not None
    fonts.coverage.cache_clear()


# --- a cache folder that is a symbolic link ----------------------------------------------

def test_a_symlinked_cache_folder_is_not_written_through(small, tmp_path, monkeypatch, capsys):
    xdg, elsewhere = tmp_path / "xdg", tmp_path / "elsewhere"
    xdg.mkdir()
    elsewhere.mkdir()
    (elsewhere / "kept.txt").write_text("someone else's file")
    (xdg / "studypack").symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(xdg))
    first = _run("build", str(small), "--out", str(tmp_path / "a"), "--jobs", "1", cache=xdg)
    assert first.returncode == 0, first.stderr
    assert "is a symbolic link: not used" in first.stderr
    assert sorted(p.name for p in elsewhere.rglob("*")) == ["kept.txt"]  # nothing written through
    assert caches.store() is None
    done = CliRunner().invoke(main, ["cache", "clear"])
    assert done.exit_code == 0, done.output
    assert "removed the symbolic link" in done.output and str(elsewhere) in done.output
    assert not (xdg / "studypack").is_symlink() and not (xdg / "studypack").exists()
    assert (elsewhere / "kept.txt").read_text() == "someone else's file"


def test_a_symlinked_part_of_the_cache_is_not_used(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "xdg" / "studypack").mkdir(parents=True)
    (tmp_path / "xdg" / "studypack" / "typeset").symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert caches.store() is None
    store = caches.Store(tmp_path / "xdg" / "studypack" / "plain")
    (store.folder).mkdir()
    (store.folder / "cd").symlink_to(elsewhere, target_is_directory=True)
    store.put("cd" * 32, b"data")  # never through a linked subfolder
    assert not list(elsewhere.iterdir())


# --- cache clear ------------------------------------------------------------------------

def test_cache_clear_removes_exactly_what_it_reports(tmp_path, monkeypatch):
    base = tmp_path / "xdg" / "studypack"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_bytes(b"x" * 5000)
    (base / "typeset" / "ab").mkdir(parents=True)
    (base / "fonts").mkdir()
    (base / "typeset" / "ab" / "entry").write_bytes(b"e" * 3000)
    (base / "fonts" / "face.ttf").write_bytes(b"f" * 2000)
    (base / "fonts" / "link").symlink_to(outside, target_is_directory=True)
    (base / "fonts" / "file-link").symlink_to(outside / "precious.txt")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    sizes = sum(p.lstat().st_size for p in base.rglob("*") if p.is_symlink() or p.is_file())
    done = CliRunner().invoke(main, ["cache", "clear"])
    assert done.exit_code == 0, done.output
    assert f"cleared {base}" in done.output and f": removed 4 files ({sizes / 1024 / 1024:.1f} MB)" in done.output
    assert not base.exists()
    assert (outside / "precious.txt").read_bytes() == b"x" * 5000  # nothing outside the cache folder
    cleared = caches.clear()
    assert (cleared.files, cleared.size) == (0, 0)


def test_cache_clear_names_the_real_folder_when_a_folder_above_is_a_link(tmp_path, monkeypatch):
    real = tmp_path / "disk"
    (real / "studypack" / "typeset").mkdir(parents=True)
    (real / "studypack" / "typeset" / "x").write_bytes(b"x")
    (tmp_path / "xdg").symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    done = CliRunner().invoke(main, ["cache", "clear"])
    assert done.exit_code == 0, done.output
    assert f"(that is {(real / 'studypack').resolve()}): removed 1 file " in done.output
    assert not (real / "studypack").exists() and real.is_dir()


# --- the size bound ---------------------------------------------------------------------

def test_the_bound_removes_the_least_recently_used_entries_first(tmp_path, monkeypatch):
    store = caches.Store(tmp_path)
    keys = [f"{n:02d}" * 32 for n in range(5)]
    for age, key in enumerate(keys):
        store.put(key, bytes(1000))
        os.utime(store._path(key), (1_000_000 + age, 1_000_000 + age))  # keys[0] the least recently used
    assert store.get(keys[0]) == bytes(1000)  # read: now the most recently used
    size = store._path(keys[1]).stat().st_size
    removed = store.prune(bound=3 * size)
    assert removed == [store._path(keys[1]), store._path(keys[2])]
    assert sorted(p.name for _t, _s, p in store.entries()) == sorted([keys[0], keys[3], keys[4]])


def test_the_bound_is_set_in_megabytes(monkeypatch):
    monkeypatch.delenv("STUDYPACK_CACHE_MAX_MB", raising=False)
    assert caches.limit() == 500 * 1024 * 1024
    monkeypatch.setenv("STUDYPACK_CACHE_MAX_MB", "2")
    assert caches.limit() == 2 * 1024 * 1024
    monkeypatch.setenv("STUDYPACK_CACHE_MAX_MB", "lots")
    assert caches.limit() == 500 * 1024 * 1024


def test_a_build_keeps_the_store_within_the_bound(small, tmp_path, monkeypatch, _test_cache):
    monkeypatch.setenv("STUDYPACK_CACHE_MAX_MB", "0")
    build(small, None, tmp_path / "a", jobs=1)
    assert _entries(_test_cache) == []
