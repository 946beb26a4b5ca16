"""Where the cache lives on each system: platformdirs' own classes for Linux, macOS and Windows
(each works on any system given its environment), lent to `paths.user_cache` in place of this
system's. Linux keeps the folder every earlier version used, so existing caches stay valid."""

from __future__ import annotations

from pathlib import Path

import platformdirs.windows
import pytest
from platformdirs.macos import MacOS
from platformdirs.unix import Unix
from platformdirs.windows import Windows

from studypack.base import paths


@pytest.fixture
def home(tmp_path, monkeypatch):
    for name in ("XDG_CACHE_HOME", "STUDYPACK_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    folders = {"CSIDL_LOCAL_APPDATA": str(tmp_path / "AppData" / "Local")}  # what Windows answers for %LOCALAPPDATA%
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", folders.__getitem__)
    return tmp_path


def test_linux_keeps_the_folder_of_earlier_versions(home, monkeypatch):
    monkeypatch.setattr(paths, "_SYSTEM_DIRS", Unix)
    assert paths.user_cache() == home / ".cache" / "studypack"


def test_macos_uses_library_caches(home, monkeypatch):
    monkeypatch.setattr(paths, "_SYSTEM_DIRS", MacOS)
    assert paths.user_cache() == home / "Library" / "Caches" / "studypack"


def test_windows_uses_local_app_data(home, monkeypatch):
    monkeypatch.setattr(paths, "_SYSTEM_DIRS", Windows)
    assert paths.user_cache() == home / "AppData" / "Local" / "studypack" / "Cache"


@pytest.mark.parametrize("system", [Unix, MacOS, Windows])
def test_xdg_cache_home_wins_on_every_system(home, monkeypatch, system):
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "big-disk"))
    monkeypatch.setattr(paths, "_SYSTEM_DIRS", system)
    assert paths.user_cache() == home / "big-disk" / "studypack"


@pytest.mark.parametrize("system", [Unix, MacOS, Windows])
def test_studypack_no_cache_turns_it_off_on_every_system(home, monkeypatch, system):
    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    monkeypatch.setattr(paths, "_SYSTEM_DIRS", system)
    assert paths.user_cache() is None


def test_a_relative_xdg_cache_home_names_no_folder(home, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert paths.user_cache() is None


def test_this_system_names_an_absolute_folder_called_studypack(home):
    folder = paths.user_cache()
    assert folder is not None and folder.is_absolute() and "studypack" in Path(folder).parts
