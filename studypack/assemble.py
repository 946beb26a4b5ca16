"""Write class-set PDFs from pages laid out once: each page a form from a master PDF plus
a few bytes of personal text drawn over it.

ReportLab makes the master (forms and font subsets, named pages drawn nothing else) with
`invariant=1`. Writing 18,000 small pages through a ReportLab canvas costs about a quarter
of a millisecond each and keeps every page in memory until the end; here a page is one
short object written straight to the file, and a student's own PDF takes only the forms
and fonts its pages use. The output is plain PDF 1.4, deterministic byte for byte.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import BinaryIO, Iterable

_REF = re.compile(rb"(?<![\d.])(\d+) 0 R\b")
_STREAM = re.compile(rb"\r?\nstream\r?\n")
HEADER = b"%PDF-1.4\n%\x93\x8c\x8b\x9e studypack class set\n"


@dataclass(frozen=True)
class Page:
    """One output page: its size, the forms it shows (master names) and the text drawn on top.

    `overlays` are content-stream pieces; a piece that several pages share (a student's
    header line on every page) is written once per file and referenced from each page."""

    width: float
    height: float
    forms: tuple[str, ...]
    overlays: tuple[bytes, ...] = ()


class Master:
    """The objects of a ReportLab-written PDF, by number, and the names of its forms.

    The master's one page draws every form, so its resources name them all and point to
    the shared font dictionary."""

    def __init__(self, data: bytes):
        self.objects: dict[int, tuple[bytes, bytes]] = {}  # number -> (dictionary part, stream part)
        self.refs: dict[int, list[int]] = {}
        offsets = _xref(data)
        ordered = sorted((off, num) for num, off in offsets.items())
        for i, (off, num) in enumerate(ordered):
            end = ordered[i + 1][0] if i + 1 < len(ordered) else data.rindex(b"xref")
            body = data[off:end]
            body = body[body.index(b"obj") + 3:].lstrip(b"\r\n")
            body = body[: body.rindex(b"endobj")]
            match = _STREAM.search(body)
            head, tail = (body[: match.start()], body[match.start():]) if match else (body.rstrip(), b"")
            self.objects[num] = (head, tail)
            self.refs[num] = [int(n) for n in _REF.findall(head)]
        page = next(n for n, (head, _) in self.objects.items() if re.search(rb"/Type /Page\b", head))
        head = self.objects[page][0]
        self.fonts = int(re.search(rb"/Font (\d+) 0 R", head).group(1))
        self.forms = {name.decode(): int(num) for name, num in re.findall(rb"/(FormXob\.[^\s/<>\[\]]+) (\d+) 0 R", head)}

    def closure(self, roots: Iterable[int]) -> list[int]:
        """The objects `roots` need, depth first, in a stable order."""
        seen: dict[int, None] = {}
        stack = list(reversed(list(roots)))
        while stack:
            num = stack.pop()
            if num in seen:
                continue
            seen[num] = None
            stack.extend(reversed(self.refs[num]))
        return list(seen)


def _xref(data: bytes) -> dict[int, int]:
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


class Shared:
    """The master objects a set of forms needs, renumbered from 4 and written once as bytes
    (objects 1-3 are each output's catalog, info and page tree)."""

    def __init__(self, master: Master, forms: Iterable[str]):
        forms = sorted(set(forms))
        roots = [master.fonts] + [master.forms[f] for f in forms]
        order = master.closure(roots)
        self.number = {old: new for new, old in enumerate(order, start=4)}
        chunks = [_renumber(master.objects[old], self.number, new) for old, new in self.number.items()]
        self.offsets, at = [], 0  # where each object starts within `blob`
        for chunk in chunks:
            self.offsets.append(at)
            at += len(chunk)
        self.blob = b"".join(chunks)  # written with one call per file
        self.digest = hashlib.md5(self.blob, usedforsecurity=False).digest()
        self.fonts = self.number[master.fonts]
        self.xobjects = {f: self.number[master.forms[f]] for f in forms}
        self.next = 4 + len(order)


def _renumber(obj: tuple[bytes, bytes], number: dict[int, int], new: int) -> bytes:
    head, tail = obj
    head = _REF.sub(lambda m: b"%d 0 R" % number[int(m.group(1))], head)
    return b"%d 0 obj\n" % new + head + tail + b"\nendobj\n"


def write(out: BinaryIO, shared: Shared, pages: list[Page], info: dict[str, str]) -> int:
    """Write one PDF of `pages` to `out`; return the number of pages."""
    writer = _Writer(out)
    writer.raw(HEADER)
    offsets: dict[int, int] = {}
    start = writer.raw(shared.blob, shared.digest)
    for i, at in enumerate(shared.offsets):
        offsets[4 + i] = start + at
    number = shared.next
    streams: dict[bytes, int] = {}  # content piece -> object number, each written once
    resources: dict[tuple[str, ...], int] = {}
    sizes: dict[tuple[float, float], int] = {}
    for page in pages:
        sizes[(page.width, page.height)] = sizes.get((page.width, page.height), 0) + 1
    common = max(sizes, key=sizes.get) if sizes else (595.2756, 841.8898)

    def stream(data: bytes) -> int:
        nonlocal number
        if data not in streams:
            streams[data] = number
            offsets[number] = writer.raw(b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n"
                                         % (number, len(data), data))
            number += 1
        return streams[data]

    kids: list[int] = []
    for page in pages:
        if page.forms not in resources:
            forms = b"".join(b"/%s %d 0 R " % (f.encode(), shared.xobjects[f]) for f in page.forms)
            resources[page.forms] = number
            offsets[number] = writer.raw(
                b"%d 0 obj\n<< /Font %d 0 R /ProcSet [ /PDF /Text ] /XObject << %s>> >>\nendobj\n"
                % (number, shared.fonts, forms))
            number += 1
        parts = [stream(b"".join(b"q /%s Do Q" % f.encode() for f in page.forms))]
        parts += [stream(piece) for piece in page.overlays if piece]
        box = b"" if (page.width, page.height) == common else b"/MediaBox [ 0 0 %s %s ] " % (
            _num(page.width), _num(page.height))
        offsets[number] = writer.raw(b"%d 0 obj\n<< /Type /Page /Parent 3 0 R %s/Resources %d 0 R /Contents [ %s ] >>"
                                     b"\nendobj\n" % (number, box, resources[page.forms],
                                                       b" ".join(b"%d 0 R" % n for n in parts)))
        kids.append(number)
        number += 1
    offsets[1] = writer.raw(b"1 0 obj\n<< /Type /Catalog /Pages 3 0 R /PageMode /UseNone /Lang (en) >>\nendobj\n")
    fields = b" ".join(b"/%s %s" % (key.encode(), _string(value)) for key, value in sorted(info.items()))
    offsets[2] = writer.raw(b"2 0 obj\n<< %s >>\nendobj\n" % fields)
    offsets[3] = writer.raw(b"3 0 obj\n<< /Type /Pages /MediaBox [ 0 0 %s %s ] /Count %d /Kids [ %s ] >>\nendobj\n"
                            % (_num(common[0]), _num(common[1]), len(kids), b" ".join(b"%d 0 R" % k for k in kids)))
    start = writer.position
    table = [b"xref\n0 %d\n0000000000 65535 f \n" % number]
    table += [b"%010d 00000 n \n" % offsets[n] for n in range(1, number)]
    digest = writer.hash.hexdigest().encode()
    writer.raw(b"".join(table) + b"trailer\n<< /Size %d /Root 1 0 R /Info 2 0 R /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n"
               % (number, digest, digest, start))
    return len(kids)


class _Writer:
    def __init__(self, out: BinaryIO):
        self.out, self.position, self.hash = out, 0, hashlib.md5(usedforsecurity=False)

    def raw(self, data: bytes, digest: bytes | None = None) -> int:
        """Write `data`; the file's /ID hashes it, or its precomputed `digest`."""
        at = self.position
        self.out.write(data)
        self.hash.update(digest if digest is not None else data)
        self.position += len(data)
        return at


def _num(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".")


def _string(value: str) -> bytes:
    """A PDF text string: UTF-16 with a byte-order mark, so any name survives."""
    data = b"\xfe\xff" + value.encode("utf-16-be")
    return b"<" + data.hex().encode() + b">"
