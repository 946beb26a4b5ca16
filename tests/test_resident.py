"""The resident server (studypack/commands/resident): a build handed to it writes what a
build in its own process writes and says the same; it serves only its own user's folder and
its own installation; Ctrl-C and SIGTERM reach the command; a client killed outright stops
the command; it ends itself when idle. No test here times anything."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from studypack.commands.resident import client, place

pytestmark = [pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(os, "getuid"), reason="POSIX only"),
              pytest.mark.slow]  # servers started and waited for, commands killed: the slow suite

ROOT = Path(__file__).resolve().parent.parent
PACK = """title: Rivers
subject: Geography
level: Ages 11-14
sheets:
  - id: s1
    kind: worksheet
    title: The water cycle
    questions:
      - kind: short
        prompt: Name the process by which water vapour becomes liquid.
        marks: 1
        answer: Condensation.
"""


@pytest.fixture
def run_folder(monkeypatch):
    """A short folder for the socket (a socket's path holds ~100 bytes; tmp_path's is longer)."""
    folder = tempfile.mkdtemp(prefix="spr-")
    monkeypatch.setenv("XDG_RUNTIME_DIR", folder)
    monkeypatch.setenv("STUDYPACK_RESIDENT", "1")
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def resident(run_folder, tmp_path, monkeypatch):
    """A resident server of the studypack a command run in tmp_path/work imports; stopped after."""
    monkeypatch.setenv("STUDYPACK_RESIDENT_IDLE", "120")
    (tmp_path / "work").mkdir()
    path, sign, server = start(tmp_path / "work")
    yield path, sign, server
    server.terminate()
    server.wait(30)


def start(cwd: Path) -> tuple[Path, str, subprocess.Popen]:
    """A server started as the program starts one, and waited for until it listens."""
    path, sign = where(cwd)
    server = subprocess.Popen([sys.executable, "-m", "studypack.commands.resident.server", str(path), sign],
                              cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not path.exists():
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    return path, sign, server


def where(cwd: Path) -> tuple[Path, str]:
    """The socket and signature of the studypack that a command run in `cwd` imports: the
    installed package where CI installs one, the working tree where it is installed editable."""
    said = subprocess.run([sys.executable, "-c", "from studypack.commands.resident import place; "
                           "s = place.signature(); print(s); print(place.socket_path(s))"],
                          cwd=cwd, capture_output=True, text=True, check=True)
    sign, path = said.stdout.split()
    return Path(path), sign


def seconds(said: str) -> str:
    """What a command said, its timing left out."""
    return re.sub(r" in [0-9.]+ s", " in … s", said)


def pack(tmp_path: Path, text: str = PACK) -> Path:
    folder = tmp_path / "work" / "rivers"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_build_handed_to_the_server_writes_and_says_what_its_own_process_would(resident, tmp_path, monkeypatch, capfd):
    path, sign, _server = resident
    folder = pack(tmp_path)
    monkeypatch.chdir(tmp_path / "work")  # the command runs in the caller's folder: relative paths
    assert client.delegate(str(path), sign, ["build", "rivers", "--out", "by-server", "--no-cache"]) == 0
    said = capfd.readouterr()
    alone = subprocess.run([sys.executable, "-m", "studypack", "build", "rivers", "--out", "by-itself", "--no-cache"],
                           capture_output=True, text=True, env={**os.environ, "STUDYPACK_RESIDENT": "0"})
    assert alone.returncode == 0
    assert seconds(said.out.replace("by-server", "by-itself")) == seconds(alone.stdout)
    assert "wrote by-itself/rivers/s1.pdf" in alone.stdout
    written = sorted(p.name for p in (folder.parent / "by-server" / "rivers").glob("*.pdf"))
    assert written == ["answer-key.pdf", "pack.pdf", "s1.pdf"]
    for name in written:
        assert (folder.parent / "by-server" / "rivers" / name).read_bytes() == \
            (folder.parent / "by-itself" / "rivers" / name).read_bytes()


def test_an_error_is_the_same_located_line_and_exit_status(resident, tmp_path, monkeypatch, capfd):
    path, sign, _server = resident
    pack(tmp_path, PACK.replace("marks: 1", "marks: one"))
    monkeypatch.chdir(tmp_path / "work")
    code = client.delegate(str(path), sign, ["build", "rivers"])
    said = capfd.readouterr()
    alone = subprocess.run([sys.executable, "-m", "studypack", "build", "rivers"], capture_output=True, text=True,
                           env={**os.environ, "STUDYPACK_RESIDENT": "0"})
    assert code == alone.returncode == 2
    assert "rivers/pack.yaml:11: sheet 's1', question 1: marks must be" in said.err and "Traceback" not in said.err
    assert said.err == alone.stderr


def test_the_environment_and_umask_are_the_callers(resident, tmp_path, monkeypatch, capfd):
    path, sign, _server = resident
    folder = pack(tmp_path)
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setenv("STUDYPACK_NO_CACHE", "1")
    old = os.umask(0o077)
    try:
        assert client.delegate(str(path), sign, ["build", "rivers", "--out", "private"]) == 0
    finally:
        os.umask(old)
    capfd.readouterr()
    assert stat.S_IMODE((folder.parent / "private" / "rivers" / "s1.pdf").stat().st_mode) == 0o600


def test_another_installations_request_is_refused_and_nothing_runs(resident, tmp_path, monkeypatch):
    path, _sign, server = resident
    pack(tmp_path)
    monkeypatch.chdir(tmp_path / "work")
    assert client.delegate(str(path), "0" * 20, ["build", "rivers"]) is None
    assert not (tmp_path / "work" / "output").exists()
    server.wait(30)  # and that server ends: the next command starts one of its own kind


def test_only_a_folder_of_the_users_own_that_no_one_else_can_open(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    mine = Path(place.folder() or "")
    assert mine == tmp_path / f"studypack-{os.getuid()}"
    assert stat.S_IMODE(mine.stat().st_mode) == 0o700
    mine.chmod(0o755)  # opened up: never used
    assert place.folder() is None and place.socket_path("x") is None
    mine.rmdir()
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    mine.symlink_to(tmp_path / "elsewhere")  # a link someone put in its place: never followed
    assert place.folder() is None


def test_a_folder_too_deep_for_a_socket_is_no_place_for_one(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / ("deep" * 30)))
    (tmp_path / ("deep" * 30)).mkdir()
    assert place.folder() is not None and place.socket_path(place.signature()) is None


def test_off_when_asked_and_for_other_commands(monkeypatch):
    monkeypatch.setenv("STUDYPACK_RESIDENT", "1")
    assert place.wanted(["build", "x"]) and place.wanted(["check"])
    assert not place.wanted(["serve", "x"]) and not place.wanted([])
    monkeypatch.setenv("STUDYPACK_RESIDENT", "0")
    assert not place.wanted(["build", "x"])


def test_the_socket_only_its_user_can_open_and_a_second_server_steps_aside(resident, tmp_path):
    path, sign, _server = resident
    assert stat.S_ISSOCK(path.stat().st_mode) and stat.S_IMODE(path.stat().st_mode) == 0o600
    second = subprocess.run([sys.executable, "-m", "studypack.commands.resident.server", str(path), sign],
                            cwd=tmp_path / "work", capture_output=True, timeout=60)
    assert second.returncode == 0 and path.exists()  # it found the lock held and left


def _client(tmp_path: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "studypack", "build", "rivers", *args], cwd=tmp_path / "work",
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "STUDYPACK_TEST_PAUSE": "0.5", **env})


def _served(command: subprocess.Popen) -> None:
    """Wait until the server's copy runs the command (its first line is out)."""
    assert command.stderr is not None
    line = command.stderr.readline()
    assert line, "the command ended at once"


def test_sigterm_reaches_the_command_which_says_so_and_leaves_nothing(resident, tmp_path):
    pack(tmp_path)
    command = _client(tmp_path, "--no-cache")
    time.sleep(1.0)  # typesetting or writing, each step held half a second
    command.send_signal(signal.SIGTERM)
    out, err = command.communicate(timeout=60)
    assert command.returncode == 130, err
    assert "interrupted" in err
    assert not list((tmp_path / "work").rglob(".studypack-*.tmp"))


def test_a_client_killed_outright_stops_its_command(resident, tmp_path):
    pack(tmp_path)
    command = _client(tmp_path, "--no-cache")
    time.sleep(1.0)
    command.kill()
    command.wait(30)
    deadline = time.monotonic() + 30
    while list((tmp_path / "work").rglob(".studypack-*.tmp")) or (tmp_path / "work" / "output" / "rivers" / ".studypack-journal").exists():
        assert time.monotonic() < deadline, "the command went on without its client"
        time.sleep(0.1)


def test_the_first_command_starts_a_server_that_ends_when_idle(tmp_path, run_folder, monkeypatch):
    monkeypatch.setenv("STUDYPACK_RESIDENT_IDLE", "2")
    pack(tmp_path)
    first = subprocess.run([sys.executable, "-m", "studypack", "build", "rivers"], cwd=tmp_path / "work",
                           capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    path, _sign = where(tmp_path / "work")
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, "no server was started"
        time.sleep(0.05)
    while path.exists():  # idle for two seconds: it ends, and takes its socket with it
        assert time.monotonic() < deadline + 30, "the server did not end when idle"
        time.sleep(0.1)


def test_a_library_installed_anew_ends_the_server_and_the_command_runs_in_its_own_process(run_folder, tmp_path,
                                                                                           monkeypatch):
    """The server's imports are a library's old version once one is installed, upgraded or
    removed (a folder added to or taken from a folder it imports from): it refuses the
    command, which then runs as it would with no server, and ends."""
    library = tmp_path / "site"
    library.mkdir()
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(library), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("STUDYPACK_RESIDENT_IDLE", "120")
    (tmp_path / "work").mkdir()
    path, sign, server = start(tmp_path / "work")
    try:
        pack(tmp_path)
        monkeypatch.chdir(tmp_path / "work")
        (library / "newlib-2.0.dist-info").mkdir()  # as pip installs one
        assert client.delegate(str(path), sign, ["build", "rivers"]) is None
        assert not (tmp_path / "work" / "output").exists()  # nothing ran
        assert server.wait(30) == 0 and not path.exists()  # ended, its socket gone with it
    finally:
        server.kill()


def test_a_server_whose_socket_is_gone_ends(resident):
    path, _sign, server = resident
    path.unlink()  # nothing can reach it now
    assert server.wait(30) == 0


def test_a_command_the_server_runs_holds_no_lock_of_its_own(resident, tmp_path):
    """A server ended while its copy runs a long build: the next server starts at once."""
    path, sign, server = resident
    pack(tmp_path)
    command = _client(tmp_path, "--no-cache")
    time.sleep(1.0)  # typesetting or writing, each step held half a second
    assert command.poll() is None
    server.terminate()
    server.wait(30)
    assert not path.exists()  # a server ended by SIGTERM takes its socket with it
    second = subprocess.Popen([sys.executable, "-m", "studypack.commands.resident.server", str(path), sign],
                              cwd=tmp_path / "work", stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not path.exists():  # it took the lock and listens (it had stepped aside, the lock held)
            assert second.poll() is None, "the second server stepped aside: the command held the lock"
            assert time.monotonic() < deadline, "the second server did not start"
            time.sleep(0.05)
    finally:
        second.terminate()
        second.wait(30)
        command.communicate(timeout=60)


def test_a_server_is_started_where_its_studypack_is_never_in_the_callers_folder(tmp_path, run_folder, monkeypatch):
    """The first command's server imports the studypack the command ran, not a folder of that
    name where it was run, and keeps no folder of the user's busy."""
    monkeypatch.setenv("STUDYPACK_RESIDENT_IDLE", "2")
    pack(tmp_path)
    decoy = tmp_path / "work" / "studypack"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("open('decoy-imported', 'w').close()\n", encoding="utf-8")
    first = subprocess.run([sys.executable, "-P", "-m", "studypack", "build", "rivers"], cwd=tmp_path / "work",
                           capture_output=True, text=True, timeout=120)  # -P: the command itself imports the real one
    assert first.returncode == 0, first.stderr
    path, _sign = where(tmp_path)
    deadline = time.monotonic() + 60
    while not path.exists():
        assert time.monotonic() < deadline, "no server was started"
        time.sleep(0.05)
    assert not (tmp_path / "work" / "decoy-imported").exists()
    while path.exists():
        assert time.monotonic() < deadline + 30, "the server did not end when idle"
        time.sleep(0.1)


def test_the_signature_covers_every_file_the_tools_digest_does():
    """The server works the tool's digest (the cache's key) out once: a file that changes the
    digest must change the server's signature, so a changed studypack gets a new server."""
    from studypack.app import cache_keys

    assert set(cache_keys._SUFFIXES) <= set(place.KINDS)
