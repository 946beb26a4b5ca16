"""Writes that cannot half-apply: a target that cannot be replaced is found before the
journal commits, a rename that fails afterwards says so honestly, and the next build
(or `watch`) finishes the job instead of stopping with an internal error."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from studypack.io import output
from studypack.commands.cli import main

from test_robust import small_pack, write_pack


def snapshot(folder: Path) -> dict[str, bytes | str]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else "<folder>")
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def pack(tmp_path):
    pack_dir = write_pack(tmp_path / "trials", small_pack())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(pack_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return pack_dir, out / "trials"


def build(pack_dir: Path, out: Path, *more: str):
    return CliRunner().invoke(main, ["build", str(pack_dir), "--out", str(out.parent), *more])


def test_a_folder_where_a_pdf_goes_is_named_before_anything_changes(pack):
    pack_dir, out = pack
    (out / "s1.pdf").unlink()
    (out / "s1.pdf").mkdir()
    (out / "s1.pdf" / "notes.txt").write_text("mine")
    (pack_dir / "pack.yaml").write_text((pack_dir / "pack.yaml").read_text().replace("Sheet one", "Sheet two"))
    before = snapshot(out)
    result = build(pack_dir, out)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"error: there is a folder {out / 's1.pdf'} where a PDF goes: rename or move that folder and build "
        "again (the PDFs there are unchanged)"]
    assert snapshot(out) == before
    shutil.rmtree(out / "s1.pdf")
    assert build(pack_dir, out).exit_code == 0 and (out / "s1.pdf").is_file()


def _immutable(path: Path, on: bool) -> bool:
    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True).returncode == 0


def test_a_locked_pdf_is_named_before_anything_changes(pack):
    """An immutable file here stands for a PDF open in Acrobat on Windows: neither can be replaced."""
    pack_dir, out = pack
    if not _immutable(out / "pack.pdf", True):
        pytest.skip("needs chattr +i (root on a Linux file system)")
    try:
        (pack_dir / "pack.yaml").write_text((pack_dir / "pack.yaml").read_text().replace("Sheet one", "Sheet 2"))
        before = snapshot(out)
        result = build(pack_dir, out)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"error: cannot replace {out / 'pack.pdf'}: it is locked or open in another program; close pack.pdf "
            "in your PDF reader (or unlock it) and build again (the PDFs there are unchanged)"]
        assert snapshot(out) == before
    finally:
        _immutable(out / "pack.pdf", False)
    assert build(pack_dir, out).exit_code == 0


def test_a_read_only_pdf_is_still_replaced_on_posix(pack):
    if os.name == "nt":
        pytest.skip("Windows cannot rename over a read-only file")
    pack_dir, out = pack
    old = (out / "pack.pdf").read_bytes()
    (out / "pack.pdf").chmod(0o444)
    (pack_dir / "pack.yaml").write_text((pack_dir / "pack.yaml").read_text().replace("Sheet one", "Sheet 2"))
    assert build(pack_dir, out).exit_code == 0
    assert (out / "pack.pdf").read_bytes() != old


def test_a_rename_failing_after_the_journal_is_reported_and_finished_next_time(pack, tmp_path, monkeypatch):
    """The race the check cannot close: pack.pdf opened in a reader between check and rename."""
    pack_dir, out = pack
    (pack_dir / "pack.yaml").write_text((pack_dir / "pack.yaml").read_text().replace("Sheet one", "Sheet 2"))
    clean = tmp_path / "clean"
    assert build(pack_dir, clean / "trials").exit_code == 0
    real = os.replace

    def refuse(source, target):
        if Path(target).name == "pack.pdf":
            raise PermissionError(13, "Permission denied", str(source), None, str(target))
        real(source, target)

    monkeypatch.setattr(output.os, "replace", refuse)
    result = build(pack_dir, out)
    assert result.exit_code == 2, result.output
    message = result.stderr.splitlines()
    assert message == [f"error: cannot replace pack.pdf in {out}: Permission denied; close pack.pdf in any program "
                       "that has it open and build again: until then the folder holds a mix of old and new PDFs, "
                       "and the next build finishes the job"]
    assert "unchanged" not in result.stderr
    again = build(pack_dir, out)  # still locked: the recovery fails inside the error handling
    assert again.exit_code == 2 and again.stderr.splitlines() == message
    monkeypatch.setattr(output.os, "replace", real)
    assert build(pack_dir, out).exit_code == 0
    assert {k: v for k, v in snapshot(out).items()} == snapshot(clean / "trials")


def test_watch_keeps_watching_when_a_pdf_cannot_be_replaced(pack, monkeypatch):
    from studypack.commands.watch import watch

    pack_dir, out = pack
    monkeypatch.setattr(output, "_replaceable", lambda target: target.name != "pack.pdf")
    lines: list[str] = []
    assert watch(pack_dir, None, out.parent, interval=0.05, echo=lines.append, polls=1) == 1
    assert any("close pack.pdf in your PDF reader" in line for line in lines), lines
    assert lines[-1].endswith("Watching…")


def test_watch_survives_an_internal_error(pack, monkeypatch):
    from studypack.commands import watch as watching
    from studypack.commands.watch import watch

    pack_dir, out = pack

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(watching, "build", broken)
    lines: list[str] = []
    assert watch(pack_dir, None, out.parent, interval=0.05, echo=lines.append, polls=1) == 1
    assert any("internal error: RuntimeError: boom" in line for line in lines), lines
    assert lines[-1].endswith("Watching…")


def test_a_roster_named_like_a_document_gets_a_folder_that_cannot_block_it(pack, tmp_path):
    pack_dir, out = pack
    roster = tmp_path / "pack.pdf.csv"
    roster.write_text("First name,Surname\nAda,Lovelace\n")
    result = build(pack_dir, out, "--roster", str(roster), "--write", "copies")
    assert result.exit_code == 0, result.output
    assert (out / "pack.pdf-roster" / "Lovelace-Ada.pdf").is_file()
    assert build(pack_dir, out).exit_code == 0 and (out / "pack.pdf").is_file()


def test_names_an_ascii_locale_cannot_hold_are_folded(tmp_path):
    write_pack(tmp_path / "trials", small_pack())
    roster = tmp_path / "Zoë's class.csv"
    roster.write_text("First name,Surname\nZoë,Ødegård\nНиколай,Бухарин\n", encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "studypack", "build", "trials", "--roster", roster.name,
                           "--write", "copies"], cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    folder = tmp_path / "output" / "trials" / "Zoe's-class"
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["answer-key.pdf", "degard-Zoe.pdf", "student.pdf"]


def test_preview_on_a_full_disk_is_an_error_and_leaves_no_partial_picture(tmp_path, monkeypatch):
    from PIL import Image

    pack_dir = write_pack(tmp_path / "trials", small_pack())

    def fill_up(self, target, *args, **kwargs):
        Path(target).write_bytes(b"\x89PNG half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", fill_up)
    result = CliRunner().invoke(main, ["preview", str(pack_dir), "--out", str(tmp_path / "pv"), "--dpi", "20"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"error: cannot write pictures to {tmp_path / 'pv'}: No space left on "
                                          "device; choose another folder with --out"]
    assert list((tmp_path / "pv").iterdir()) == []


def test_watch_with_the_output_in_the_pack_folder_still_rebuilds(tmp_path):
    """`watch trials --out .` writes into trials/ itself: its PDFs must not hide the pack's saves."""
    import threading
    import time

    from studypack.commands.watch import watch

    pack_dir = write_pack(tmp_path / "trials", small_pack())
    lines: list[str] = []
    done: list[int] = []
    thread = threading.Thread(target=lambda: done.append(watch(pack_dir, None, tmp_path, 0.05, lines.append, polls=80)))
    thread.start()

    def wait_for(count):
        deadline = time.monotonic() + 30
        while sum("built" in line for line in lines) < count and time.monotonic() < deadline:
            time.sleep(0.02)

    wait_for(1)
    assert (pack_dir / "s1.pdf").is_file()
    time.sleep(0.2)
    (pack_dir / "pack.yaml").write_text((pack_dir / "pack.yaml").read_text().replace("Sheet one", "Sheet two"))
    wait_for(2)
    thread.join(60)
    assert sum("built" in line for line in lines) == 2 == done[0], lines


def test_strict_with_a_roster_stops_on_name_and_typesetting_warnings(tmp_path):
    roster = tmp_path / "class.csv"
    roster.write_text("Name\nAda\u202eLovelace\n", encoding="utf-8")
    pack_dir = write_pack(tmp_path / "trials", small_pack())
    result = build(pack_dir, tmp_path / "out" / "trials", "--roster", str(roster), "--strict")
    assert result.exit_code == 2 and "invisible formatting characters" in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()

    roster.write_text("Name\nAda Lovelace\n")
    tall = "extends: default\nanswer_lines: {spacing: 300mm, per_mark: 1, minimum: 2}\n"
    shrunk = write_pack(tmp_path / "tall", small_pack(), **{"tall.yaml": tall})  # lines shrunk to fit a page
    args = ["--roster", str(roster), "--layout", str(shrunk / "tall.yaml")]
    loose = build(shrunk, tmp_path / "out" / "tall", *args)
    assert loose.exit_code == 0 and "taller than a page" in loose.stderr, loose.stderr
    (tmp_path / "out").rename(tmp_path / "earlier")
    strict = build(shrunk, tmp_path / "out" / "tall", *args, "--strict")
    assert strict.exit_code == 2 and "taller than a page" in strict.stderr, strict.stderr
    assert not (tmp_path / "out").exists()


def test_two_packs_with_one_folder_name_never_share_an_output_folder(tmp_path, monkeypatch):
    first = write_pack(tmp_path / "a" / "trials", small_pack())
    write_pack(tmp_path / "b" / "trials", small_pack(title="Another pack"))
    monkeypatch.chdir(tmp_path)  # each pack's own workspace is a/ or b/: one --out makes them meet
    assert CliRunner().invoke(main, ["build", "a/trials", "--out", "output"]).exit_code == 0
    before = snapshot(tmp_path / "output")
    result = CliRunner().invoke(main, ["build", "b/trials", "--out", "output"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: output/trials holds the PDFs of another pack with the same folder name (a/trials): build this one "
        "with --out somewhere else, or rename one of the two folders"]
    roster = tmp_path / "class.csv"
    roster.write_text("Name\nAda Lovelace\n")
    assert CliRunner().invoke(main, ["build", "b/trials", "--roster", "class.csv", "--out", "output"]).exit_code == 2
    assert snapshot(tmp_path / "output") == before
    assert CliRunner().invoke(main, ["build", "a/trials", "--out", "output"]).exit_code == 0  # its own folder, again
    shutil.rmtree(first)  # a pack that is gone owns nothing
    assert CliRunner().invoke(main, ["build", "b/trials", "--out", "output"]).exit_code == 0


@pytest.fixture
def ctrl_c_raises():
    """Ctrl-C as in a terminal's command (a test runner's worker may ignore it)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_an_interrupt_during_the_renames_waits_for_them(ctrl_c_raises):
    """signals_held: Ctrl-C inside the block is acted on only after it, by its usual handler."""
    done = []
    with pytest.raises(KeyboardInterrupt):
        with output.signals_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # a handler would have run by now
            done.append("the block ran to its end")
    assert done == ["the block ran to its end"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is back


def test_an_interrupt_while_writing_removes_every_temporary_file(tmp_path, ctrl_c_raises):
    (tmp_path / "a.pdf").write_bytes(b"old a")

    def interrupted(handle):
        handle.write(b"half")
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)

    with pytest.raises(KeyboardInterrupt):
        output.write_all({tmp_path / "a.pdf": b"new a", tmp_path / "b.pdf": interrupted})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf"]  # no .studypack-*.tmp, no journal
    assert (tmp_path / "a.pdf").read_bytes() == b"old a" and tmp_path not in output.written()
