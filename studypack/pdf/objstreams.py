"""A ReportLab-written PDF rewritten as PDF 1.5: every object without a stream packed into
compressed object streams, and a compressed cross-reference stream.

A tagged PDF's structure tree is hundreds of small dictionaries (one per heading, paragraph,
table cell, figure), each about a hundred bytes written plainly with its cross-reference
line; packed together they compress to a tenth. ReportLab writes only PDF 1.4 files, so the
tagged documents are repacked after writing: the same objects, numbers, catalog and /ID,
byte for byte the same on every build."""

from __future__ import annotations

import re
import struct
import zlib

_OBJECT = re.compile(rb"(\d+) 0 obj\r?\n")
_STREAM = re.compile(rb"\r?\nstream\r?\n")
_TRAILER_REF = re.compile(rb"/(Root|Info) (\d+) 0 R")
_ID = re.compile(rb"/ID\s*\[(.*?)\]", re.S)
PACK = 100  # objects in one object stream


def packed(data: bytes) -> bytes:
    """`data` (a PDF 1.4 file with a plain cross-reference table) with its objects packed."""
    objects = _objects(data)
    trailer = data[data.rindex(b"trailer"):]
    refs = {name.decode(): int(num) for name, num in _TRAILER_REF.findall(trailer)}
    ident = _ID.search(trailer)
    header = data[: data.index(b"\n", data.index(b"\n") + 1) + 1].replace(b"%PDF-1.4", b"%PDF-1.5", 1)
    out = [header]
    at = len(header)
    offsets: dict[int, int] = {}
    inside: dict[int, tuple[int, int]] = {}
    plain = [(n, head) for n, (head, tail) in sorted(objects.items()) if not tail]
    for number, (head, tail) in sorted(objects.items()):
        if tail:
            chunk = b"%d 0 obj\n%s%s\nendobj\n" % (number, head, tail)
            offsets[number] = at
            out.append(chunk)
            at += len(chunk)
    home = max(objects) + 1
    for start in range(0, len(plain), PACK):
        chunk = _object_stream(home, plain[start:start + PACK], inside)
        offsets[home] = at
        out.append(chunk)
        at += len(chunk)
        home += 1
    out.append(_xref_stream(home, offsets, inside, refs, ident.group(1) if ident else b"", at))
    return b"".join(out)


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Each object by number: its dictionary (or value) and its stream part ('' for none)."""
    offsets = _xref(data)
    ordered = sorted((off, num) for num, off in offsets.items())
    end_of_objects = data.rindex(b"xref")
    objects: dict[int, tuple[bytes, bytes]] = {}
    for i, (off, num) in enumerate(ordered):
        end = ordered[i + 1][0] if i + 1 < len(ordered) else end_of_objects
        body = data[off:end]
        opening = _OBJECT.match(body)
        body = body[opening.end():] if opening else body[body.index(b"obj") + 3:]
        body = body[: body.rindex(b"endobj")].rstrip(b"\r\n")
        match = _STREAM.search(body)
        objects[num] = (body[: match.start()], body[match.start():]) if match else (body.strip(), b"")
    return objects


def _xref(data: bytes) -> dict[int, int]:
    """Where each object starts, from the file's cross-reference table."""
    start = int(data[data.rindex(b"startxref") + 9:].split()[0])
    lines = data[start:].split(b"trailer")[0].split(b"\n")
    offsets: dict[int, int] = {}
    i = 1
    while i < len(lines):
        parts = lines[i].split()
        i += 1
        if len(parts) != 2:
            continue
        first, count = int(parts[0]), int(parts[1])
        for k in range(count):
            entry = lines[i + k].split()
            if len(entry) >= 3 and entry[2] == b"n":
                offsets[first + k] = int(entry[0])
        i += count
    return offsets


def _object_stream(home: int, objects: list[tuple[int, bytes]], inside: dict) -> bytes:
    index, bodies, at = [], [], 0
    for i, (number, body) in enumerate(objects):
        inside[number] = (home, i)
        index.append(b"%d %d" % (number, at))
        bodies.append(body)
        at += len(body) + 1
    head = b" ".join(index) + b"\n"
    data = zlib.compress(head + b"\n".join(bodies) + b"\n", 9)
    return (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\n"
            b"endobj\n" % (home, len(objects), len(head), len(data), data))


def _xref_stream(number: int, offsets: dict, inside: dict, refs: dict, ident: bytes, start: int) -> bytes:
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    offsets = {**offsets, number: start}
    for n in range(1, number + 1):
        if n in offsets:
            rows.append(struct.pack(">BIH", 1, offsets[n], 0))
        elif n in inside:
            rows.append(struct.pack(">BIH", 2, *inside[n]))
        else:
            rows.append(struct.pack(">BIH", 0, 0, 0))
    data = zlib.compress(b"".join(rows), 9)
    info = b" /Info %d 0 R" % refs["Info"] if "Info" in refs else b""
    return (b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 4 2 ] /Root %d 0 R%s /ID [%s] /Filter /FlateDecode /Length %d >>\n"
            b"stream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
            % (number, number + 1, refs["Root"], info, ident.strip(), len(data), data, start))
