"""`watch` rebuilds on a save of any input the build read, not only the pack's YAML: the layout
file, studypack.yaml, a board profile, a picture and the school's logo (which lies outside
every folder watched whole, so it is watched because the build read it). Where the system
cannot report saves, watching falls back to looking at the files, and says so once.
No test here times anything: each waits for the next build line, with a generous deadline."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import pdf_text
from PIL import Image

from studypack.commands import watch as watching
from studypack.commands.watch.inputs import of_build

PACK = {"title": "Pictures", "subject": "History", "level": "Ages 14-16", "layout": "mine", "profile": "ours",
        "sources": [{"letter": "A", "title": "A poster", "kind": "primary", "origin": "A studio", "date": "1937",
                     "citation": "A museum", "image": {"file": "images/poster.png", "caption": "The poster", "width": 30}}],
        "sheets": [{"id": "s1", "kind": "source-analysis", "title": "Sheet", "sources": ["A"], "questions": [
            {"kind": "short", "prompt": "What does Source A show?", "marks": 2, "answer": "A poster."}]}]}


def workspace(root: Path) -> Path:
    """A workspace with its own settings, logo, layout and profile, and a pack with a picture."""
    (root / "studypack.yaml").write_text("school:\n  name: Hill School\n  logo: branding/crest.png\n")
    (root / "branding").mkdir()
    Image.new("RGB", (200, 200), (20, 60, 140)).save(root / "branding" / "crest.png")
    (root / "layouts").mkdir()
    (root / "layouts" / "mine.yaml").write_text("extends: default\n")
    (root / "profiles").mkdir()
    (root / "profiles" / "ours.yaml").write_text("description: Our papers\n")
    pack = root / "sources" / "pics"
    (pack / "images").mkdir(parents=True)
    Image.new("RGB", (600, 400), (200, 30, 30)).save(pack / "images" / "poster.png")
    (pack / "pack.yaml").write_text(yaml.safe_dump(PACK, sort_keys=False))
    return pack


class Watching:
    """`watch` in a thread, its lines kept, stopped on leaving."""

    def __init__(self, pack: Path, out: Path, interval: float = 0.5):
        self.lines: list[str] = []
        self.stop = threading.Event()
        self.done: list[int] = []
        self.thread = threading.Thread(target=lambda: self.done.append(
            watching.watch(pack, None, out, interval, self.lines.append, stop=self.stop)))

    def __enter__(self) -> "Watching":
        self.thread.start()
        self.builds(1)
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join(60)
        assert not self.thread.is_alive(), "watch did not stop"

    def builds(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while self.count() < count:
            assert time.monotonic() < deadline, f"gave up waiting for build {count}: {self.lines}"
            time.sleep(0.02)

    def count(self) -> int:
        return sum(" built " in line or "build failed" in line for line in self.lines)


def test_saving_any_input_the_build_read_rebuilds(tmp_path):
    pack = workspace(tmp_path)
    edits = [
        lambda: (tmp_path / "layouts" / "mine.yaml").write_text("extends: default\nanswer_lines:\n  spacing: 30\n"),
        lambda: (tmp_path / "studypack.yaml").write_text("school:\n  name: Dale School\n  logo: branding/crest.png\n"),
        lambda: (tmp_path / "profiles" / "ours.yaml").write_text("description: Our mock papers\n"),
        lambda: Image.new("RGB", (600, 400), (30, 160, 30)).save(pack / "images" / "poster.png"),
        lambda: Image.new("RGB", (200, 200), (140, 20, 20)).save(tmp_path / "branding" / "crest.png"),
    ]
    with Watching(pack, tmp_path / "output") as watch:
        for number, edit in enumerate(edits, 2):
            time.sleep(0.05)  # a save, not part of the last one's burst
            edit()
            watch.builds(number)
        time.sleep(0.3)
        assert watch.count() == len(edits) + 1, watch.lines  # its own PDFs never start a build
    assert watch.done == [len(edits) + 1]
    assert all(" built " in line for line in watch.lines if "PDFs" in line), watch.lines
    assert not any("looking at the files" in line for line in watch.lines)  # the system reported every save


def test_the_inputs_are_what_the_build_read(tmp_path):
    pack = workspace(tmp_path)
    with Watching(pack, tmp_path / "output"):
        pass
    read = watching.build(pack, None, tmp_path / "output").read
    names = {p.resolve().relative_to(tmp_path.resolve()).as_posix() for p in read if tmp_path.resolve() in p.resolve().parents}
    assert names == {"studypack.yaml", "branding/crest.png", "layouts/mine.yaml", "profiles/ours.yaml",
                     "sources/pics/pack.yaml", "sources/pics/images/poster.png"}
    inputs = of_build(pack, None, read, tmp_path / "output" / "pics")
    assert inputs.concerns((tmp_path / "branding" / "crest.png").resolve())
    assert inputs.concerns((pack / "notes.yaml").resolve())  # a new include in the pack folder
    assert not inputs.concerns((tmp_path / "output" / "pics" / "s1.pdf").resolve())
    assert not inputs.concerns((tmp_path / "branding" / "other.png").resolve())


def test_without_events_it_looks_at_the_files_and_says_so_once(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # as where watchfiles has no wheel
    pack = workspace(tmp_path)
    with Watching(pack, tmp_path / "output", interval=0.05) as watch:
        time.sleep(0.1)
        (tmp_path / "layouts" / "mine.yaml").write_text("extends: default\nanswer_lines:\n  spacing: 30\n")
        watch.builds(2)
        time.sleep(0.1)
        (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text().replace("title: Sheet", "title: Sheet two"))
        watch.builds(3)
    told = [line for line in watch.lines if "looking at the files every 0.05 s instead" in line]
    assert len(told) == 1 and "watchfiles is not installed" in told[0], watch.lines


def test_an_editor_that_writes_a_copy_and_renames_it_rebuilds(tmp_path):
    """Many editors save by writing a new file and renaming it over the old one (a new inode):
    the watch is on the folder, so the renamed file is seen, and its new text is built."""
    pack = workspace(tmp_path)
    with Watching(pack, tmp_path / "output") as watch:
        time.sleep(0.05)
        text = (pack / "pack.yaml").read_text().replace("title: Sheet", "title: Renamed sheet")
        (pack / "pack.yaml.new").write_text(text)
        (pack / "pack.yaml.new").replace(pack / "pack.yaml")
        watch.builds(2)
    assert "Renamed sheet" in pdf_text(tmp_path / "output" / "pics" / "s1.pdf"), watch.lines


def test_a_ctrl_c_python_dropped_during_a_build_still_ends_the_watch(tmp_path):
    """Python drops a KeyboardInterrupt raised in its after-fork callbacks; the event Ctrl-C
    sets makes the build end the watch instead of reporting on and watching on."""
    pack = workspace(tmp_path)
    pressed = threading.Event()
    pressed.set()
    lines: list[str] = []
    with pytest.raises(KeyboardInterrupt):
        watching.build_once(pack, None, tmp_path / "output", lines.append, pressed)
    assert lines == []


def test_a_saved_sheet_is_written_before_the_pack_and_the_key(tmp_path):
    pack = workspace(tmp_path)
    data = yaml.safe_load((pack / "pack.yaml").read_text())
    data["sheets"] += [{**data["sheets"][0], "id": f"s{n}", "title": f"Sheet {n}"} for n in (2, 3)]
    (pack / "pack.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "output"
    folder = out / "pics"
    assert watching.build(pack, None, out, first=lambda written: pytest.fail("nothing was built before")).written
    data["sheets"][0]["title"] = "Sheet, edited"
    (pack / "pack.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    seen: list[list[str]] = []

    def first(written) -> None:  # at this moment the sheet is new and the pack and key are not yet
        seen.append([item.path.name for item in written])
        assert "Sheet, edited" in pdf_text(folder / "s1.pdf")
        assert "Sheet, edited" not in pdf_text(folder / "pack.pdf")
        assert "Sheet, edited" not in pdf_text(folder / "answer-key.pdf")

    result = watching.build(pack, None, out, first=first)
    assert seen == [["s1.pdf"]]
    assert {item.path.name for item in result.written} == {"s1.pdf", "s2.pdf", "s3.pdf", "pack.pdf", "source-booklet.pdf", "answer-key.pdf"}
    for name in ("pack.pdf", "answer-key.pdf"):
        assert "Sheet, edited" in pdf_text(folder / name)
    assert sorted((folder / ".studypack-built").read_text().split()) == sorted(item.path.name for item in result.written)
    assert not list(folder.glob(".studypack-*.tmp"))

    # a change to every sheet (here three) is built as one: the pack replays their pages
    (tmp_path / "layouts" / "mine.yaml").write_text("extends: default\nanswer_lines:\n  spacing: 30\n")
    watching.build(pack, None, out, first=lambda written: pytest.fail(f"wrote {written} before the rest"))


def test_watch_says_when_the_edited_sheet_is_written(tmp_path):
    pack = workspace(tmp_path)
    with Watching(pack, tmp_path / "output") as watch:
        time.sleep(0.05)
        (pack / "pack.yaml").write_text((pack / "pack.yaml").read_text().replace("title: Sheet", "title: Sheet two"))
        watch.builds(2)
    wrote = [n for n, line in enumerate(watch.lines) if " wrote " in line]
    assert len(wrote) == 1 and "s1.pdf in " in watch.lines[wrote[0]], watch.lines
    assert " built " in next(line for line in watch.lines[wrote[0]:] if "PDFs" in line)
    assert "the pack and the key follow" in watch.lines[wrote[0]]
