"""The tool's part of every cache key: read back from the user cache while no file of the
package changed (by path, size and mtime_ns), computed afresh from the files when one did."""

from __future__ import annotations

import os

from studypack.app import cache_keys
from studypack.io import cache as caches


def _tree(root):
    (root / "kinds").mkdir(parents=True)
    (root / "build.py").write_text("A = 1\n", encoding="utf-8")
    (root / "kinds" / "view.py").write_text("B = 2\n", encoding="utf-8")
    (root / "layout.yaml").write_text("page: a4\n", encoding="utf-8")
    (root / "notes.txt").write_text("not code\n", encoding="utf-8")  # not a file that shapes the pages
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "build.cpython-311.pyc").write_bytes(b"\0bytecode")
    return root


def _counting(monkeypatch):
    """The number of times the files were hashed in full (one `caches.digest` call with their bytes)."""
    calls = []
    real = caches.digest

    def digest(*parts):
        if any(isinstance(part, bytes) for part in parts):
            calls.append(parts)
        return real(*parts)

    monkeypatch.setattr(caches, "digest", digest)
    return calls


def test_the_digest_is_reused_while_no_file_changed(tmp_path, monkeypatch, _test_cache):
    root = _tree(tmp_path / "pkg")
    calls = _counting(monkeypatch)
    first = cache_keys.tool_digest(root)
    assert len(calls) == 1  # the first build hashes the files
    assert [p for p in calls[0] if isinstance(p, str) and p.endswith((".py", ".yaml", ".txt", ".pyc"))] == \
        ["build.py", "kinds/view.py", "layout.yaml"]
    assert list((_test_cache / "tool").iterdir()) != []
    assert cache_keys.tool_digest(root) == first
    assert len(calls) == 1  # the next reads it back


def test_the_digest_is_computed_again_when_a_file_changed(tmp_path, monkeypatch, _test_cache):
    root = _tree(tmp_path / "pkg")
    calls = _counting(monkeypatch)
    first = cache_keys.tool_digest(root)
    view = root / "kinds" / "view.py"
    before = view.stat()
    view.write_text("B = 3\n", encoding="utf-8")  # the same size: only the time tells
    os.utime(view, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    edited = cache_keys.tool_digest(root)
    assert len(calls) == 2 and edited != first
    (root / "kinds" / "added.py").write_text("", encoding="utf-8")
    added = cache_keys.tool_digest(root)
    assert len(calls) == 3 and added not in (first, edited)
    (root / "kinds" / "added.py").unlink()
    assert cache_keys.tool_digest(root) == edited  # the same files, the same bytes: the same digest
    assert len(calls) == 4


def test_files_outside_the_code_or_a_damaged_record_do_not_change_the_digest(tmp_path, monkeypatch, _test_cache):
    root = _tree(tmp_path / "pkg")
    first = cache_keys.tool_digest(root)
    (root / "notes.txt").write_text("edited, longer than before\n", encoding="utf-8")
    (root / "__pycache__" / "view.cpython-311.pyc").write_bytes(b"more bytecode")
    assert cache_keys.tool_digest(root) == first
    for kept in (_test_cache / "tool").iterdir():
        kept.write_bytes(kept.read_bytes()[:-8] + b"00000000")  # a damaged record is never believed
    calls = _counting(monkeypatch)
    assert cache_keys.tool_digest(root) == first
    assert len(calls) == 1


def test_without_a_cache_folder_the_digest_is_computed_each_time(tmp_path, monkeypatch):
    root = _tree(tmp_path / "pkg")
    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    calls = _counting(monkeypatch)
    assert cache_keys.tool_digest(root) == cache_keys.tool_digest(root)
    assert len(calls) == 2
