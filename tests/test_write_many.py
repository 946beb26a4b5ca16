"""Writing many files at once (a class set's copies): made durable by one flush of the file
system instead of a fsync each, renamed one after another, and as safe as a few: a failed
flush changes nothing, a folder where a copy goes is named, a journal half carried out is
finished."""

from __future__ import annotations

import errno
import sys

import pytest

from studypack.base.errors import StudypackError
from studypack.io import output

COPIES = 40  # more than output.MANY: the path a class set's copies take


def copies(folder, count=COPIES, text="new"):
    return {folder / f"student-{i}.pdf": f"{text} {i}".encode() for i in range(count)}


def writer(data):
    return lambda handle: handle.write(data)


def contents(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def fsyncs(monkeypatch):
    """The files fsynced one by one."""
    synced = []
    monkeypatch.setattr(output, "_fsync", synced.append)
    return synced


@pytest.mark.skipif(not sys.platform.startswith("linux") or output._kernel() < (5, 8), reason="syncfs: Linux 5.8 on")
def test_many_files_are_flushed_once_not_each(tmp_path, monkeypatch, fsyncs):
    flushed = []
    real = output._syncfs
    monkeypatch.setattr(output, "_syncfs", lambda fd: flushed.append(fd) or real(fd))
    output.write_all({path: writer(data) for path, data in copies(tmp_path).items()}, jobs=1)
    assert len(flushed) == 1 and fsyncs == []
    assert contents(tmp_path) == {path.name: data for path, data in copies(tmp_path).items()}


def test_a_few_files_are_each_fsynced(tmp_path, fsyncs):
    output.write_all(copies(tmp_path, 3))
    assert len(fsyncs) == 3 and all(path.name.startswith(output.TEMP_PREFIX) for path in fsyncs)
    assert sorted(contents(tmp_path)) == ["student-0.pdf", "student-1.pdf", "student-2.pdf"]


def test_without_a_file_system_flush_each_file_is_fsynced(tmp_path, monkeypatch, fsyncs):
    monkeypatch.setattr(output, "_syncfs", lambda fd: False)  # not Linux, or an older kernel
    output.write_all({path: writer(data) for path, data in copies(tmp_path).items()}, jobs=1)
    assert len(fsyncs) == COPIES
    assert len(contents(tmp_path)) == COPIES


def test_a_failed_flush_changes_nothing_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    output.write_all(copies(tmp_path, text="old"))
    before = contents(tmp_path)

    def failed(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(output, "_syncfs", failed)
    with pytest.raises(StudypackError) as raised:
        output.write_all({path: writer(data) for path, data in copies(tmp_path).items()}, jobs=1)
    assert str(raised.value).startswith(f"cannot write to {tmp_path}: Input/output error; choose another folder")
    assert "the PDFs there are unchanged" in str(raised.value)
    assert contents(tmp_path) == before  # the old copies, no .studypack-*.tmp, no journal


def test_a_folder_where_one_of_many_copies_goes_is_named_before_anything_changes(tmp_path):
    output.write_all(copies(tmp_path, text="old"))
    (tmp_path / "student-40.pdf").mkdir()
    before = contents_or_folders(tmp_path)
    with pytest.raises(StudypackError) as raised:
        output.write_all(copies(tmp_path, COPIES + 1))
    assert str(raised.value).startswith("there is a folder ") and "student-40.pdf where a PDF goes" in str(raised.value)
    assert contents_or_folders(tmp_path) == before


def contents_or_folders(folder):
    return {p.name: (p.read_bytes() if p.is_file() else "<folder>") for p in sorted(folder.iterdir())}


def test_a_journal_half_carried_out_is_finished(tmp_path):
    """A build killed while renaming: some copies renamed, the rest still temporary files."""
    for i in range(COPIES):
        (tmp_path / f"student-{i}.pdf").write_bytes(b"old")
    lines = []
    for i in range(COPIES):
        temp = f"{output.TEMP_PREFIX}1-ab-{i}{output.TEMP_SUFFIX}"
        target = f"student-{i}.pdf"
        (tmp_path / (target if i < COPIES // 2 else temp)).write_bytes(b"new")  # the first half renamed
        lines.append(f"write\t{temp}\t{target}\n")
    (tmp_path / output.JOURNAL).write_text("".join(lines) + "remove\tgone.pdf\n")
    (tmp_path / "gone.pdf").write_bytes(b"a student who left")
    output.recover(tmp_path)
    assert contents(tmp_path) == {f"student-{i}.pdf": b"new" for i in range(COPIES)}


def test_the_writer_is_given_every_byte_at_once(tmp_path):
    big = bytes(range(256)) * 40_000  # 10 MB: more than one write call may take
    sizes = []

    def write(handle):
        sizes.append(handle.write(big))
        sizes.append(handle.write(memoryview(b"tail")))

    output.write_all({tmp_path / f"student-{i}.pdf": write for i in range(COPIES)}, jobs=1)
    assert sizes[:2] == [len(big), 4]
    assert (tmp_path / "student-7.pdf").read_bytes() == big + b"tail"


@pytest.mark.parametrize("count, forked", [(30, False), (output.FORK_WRITERS + 1, True)])
def test_a_class_of_thirty_is_written_here_and_a_large_one_by_forked_writers(tmp_path, monkeypatch, count, forked):
    """Forking writers costs more CPU than a class of thirty's copies take to write here
    (issue 29); a large class set's copies are still written side by side."""
    given = []
    real = output.map_ordered

    def map_ordered(func, items, jobs=None):
        given.append(jobs)
        return real(func, items, 1)

    monkeypatch.setattr(output, "map_ordered", map_ordered)
    folder = tmp_path / "class"
    output.write_all({path: writer(data) for path, data in copies(folder, count).items()}, jobs=2)
    assert given == [2 if forked else 1]
    assert len(contents(folder)) == count and contents(folder)["student-7.pdf"] == b"new 7"
