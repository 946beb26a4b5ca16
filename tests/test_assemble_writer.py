"""The class-set writer's shortcuts (compressed streams kept for the next copy, rows replayed
as runs, a copy gathered into one write) change no byte of a file."""

from __future__ import annotations

import io
import zlib

from studypack.pdf import assemble


def _file(xrefs: dict | None, squeezed: dict | None, name: bytes) -> tuple[bytes, int]:
    out = io.BytesIO()
    writer = assemble._Writer(out, squeezed, xrefs)
    writer.raw(assemble.HEADER)
    writer.stream(b"BT (" + name + b") Tj ET")
    made = writer.own_streams([(writer.reserve(), b"<< /Type /StructElem /S /P >>") for _ in range(3)])
    writer.packed(b"<< /Type /Catalog >>", 1)
    writer.packed(b"<< /Title (x) >>", 2)
    writer.packed(b"<< /Type /Pages /Count 0 /Kids [ ] >>", 3)
    writer.finish()
    return out.getvalue(), len(made)


def test_kept_compressed_streams_give_the_same_bytes():
    xrefs: dict = {}
    squeezed: dict = {}
    for name in (b"Ada", b"Bob", b"Ada", b"Chidimma"):
        warm, _ = _file(xrefs, squeezed, name)
        assert warm == _file(None, None, name)[0]
        assert warm.endswith(b"%%EOF\n")
    assert len(xrefs) == 2  # Ada and Bob's files place their objects alike; Chidimma's name is longer


def test_cross_reference_stream_reads_back():
    data, _ = _file({}, {}, b"Ada")
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    head, rest = data[start:].split(b"stream\n", 1)
    rows = zlib.decompress(rest[: int(head.rsplit(b"/Length ", 1)[1].split()[0])])
    assert len(rows) % 7 == 0
    stream_row = rows[7 * 4: 7 * 5]  # object 4: the content stream, written right after the header
    assert stream_row[0] == 1 and int.from_bytes(stream_row[1:5], "big") == len(assemble.HEADER)


def test_runs_join_numbers_one_after_another():
    rows = [(5, b"a"), (6, b"b"), (7, b"c"), (9, b"d"), (10, b"e"), (4, b"f")]
    assert assemble._runs(rows) == ((5, b"abc"), (9, b"de"), (4, b"f"))
