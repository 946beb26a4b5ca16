"""Write class-set PDFs from pages laid out once: each page a form from a master PDF plus
a few bytes of personal text drawn over it.

ReportLab makes the master (forms and font subsets, named pages drawn nothing else) with
`invariant=1`. Writing 18,000 small pages through a ReportLab canvas costs about a quarter
of a millisecond each and keeps every page in memory until the end; here a page is one
short object written straight to the file, and a student's own PDF takes only the forms
and fonts its pages use. The output is PDF 1.5 (pages in compressed object streams),
deterministic byte for byte.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterable

from studypack.pdf import copy_tags, tag_writer
from studypack.pdf.copy_tags import PageTags

_REF = re.compile(rb"(?<![\d.])(\d+) 0 R\b")
_STREAM = re.compile(rb"\r?\nstream\r?\n")
_ROW = struct.Struct(">BIH")  # a cross-reference stream's row: type, offset or object stream, generation or index
HEADER = b"%PDF-1.5\n%\x93\x8c\x8b\x9e studypack class set\n"


@dataclass(slots=True)  # one a page of every copy: no dict each; not frozen (a frozen one is made four times slower)
class Page:
    """One output page: its size, the forms it shows (master names) and the text drawn on top.

    `overlays` are content-stream pieces; a piece that several pages share (a student's
    header line on every page) is written once per file and referenced from each page."""

    width: float
    height: float
    forms: tuple[str, ...]
    overlays: tuple[bytes, ...] = ()
    tags: PageTags | None = None  # a tagged copy's page: what it is in its unit's tree (see copy_tags)
    content: tuple = ()  # the overlays that are the student's details, each (its index, its element in the tree
    # or None, its language or "": a name the class list gives a language)
    student: dict | None = None  # a tagged copy's page: the copy it belongs to (the student's fields: the very
    # dict, one per copy; `tags` is its laid-out page's, the same in every copy)


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
        fonts = re.search(rb"/Font (\d+) 0 R", head)
        if fonts is None:
            raise ValueError("the master PDF's page names no fonts")
        self.fonts = int(fonts.group(1))
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
        # their cross-reference rows (objects 4 on, right after the header), the same in every file
        self.rows = b"".join(_ROW.pack(1, len(HEADER) + at, 0) for at in self.offsets)
        self.fonts = self.number[master.fonts]
        self.xobjects = {f: self.number[master.forms[f]] for f in forms}
        self.next = 4 + len(order)
        self.form_keys = len(master.forms)  # a tagged file's pages' keys into its parent tree follow the forms'
        self.trees: dict = {}  # a unit's tree as written into a copy, for the next copy like it (see copy_tags)
        self.squeezed: dict[bytes, bytes] = {}  # an object stream's text -> its compressed bytes (see _Writer)
        self.xrefs: dict[bytes, bytes] = {}  # a cross-reference stream's rows -> their compressed bytes (see finish)


def _renumber(obj: tuple[bytes, bytes], number: dict[int, int], new: int) -> bytes:
    head, tail = obj
    head = _REF.sub(lambda m: b"%d 0 R" % number[int(m.group(1))], head)
    return b"%d 0 obj\n" % new + head + tail + b"\nendobj\n"


def write(out: BinaryIO, shared: Shared, pages: list[Page], info: dict[str, str], every_tree: bool = True) -> int:
    """Write one PDF of `pages` to `out`; return the number of pages. Where its pages are
    tagged, the file carries their structure tree (each copy's unit's tree: `every_tree`;
    else each unit's once, see `copy_tags`)."""
    writer = _Writer(out, shared.squeezed, shared.xrefs)
    writer.raw(HEADER)
    writer.raw(shared.blob, shared.digest)
    writer.place(4, shared.rows)
    writer.number = shared.next
    tree = copy_tags.Tree(shared.form_keys, every_tree) if any(page.tags for page in pages) else None
    common = _common_size(pages)
    kids = _pages(writer, shared, pages, common, tree)
    extra = b""
    if tree is not None:
        lang = next(page.tags.tree.root.attributes.get("Lang", "") for page in pages if page.tags)
        extra = b"/StructTreeRoot %d 0 R /MarkInfo << /Marked true >> /ViewerPreferences << /DisplayDocTitle true >> " \
                b"/Metadata %d 0 R " % (tree.write(writer, lambda copy: copy.get("name", ""), shared.trees),
                                        writer.stream(tag_writer.xmp_packet(info.get("Title", "")),
                                                      b"/Type /Metadata /Subtype /XML "))
        extra += b"/Lang %s" % _string(lang or "en")
    writer.packed(b"<< /Type /Catalog /Pages 3 0 R /PageMode /UseNone %s >>" % (extra or b"/Lang (en)"), 1)
    fields = b" ".join(b"/%s %s" % (key.encode(), _string(value)) for key, value in sorted(info.items()))
    writer.packed(b"<< %s >>" % fields, 2)
    writer.packed(b"<< /Type /Pages /MediaBox [ 0 0 %s %s ] /Count %d /Kids [ %s ] >>"
                  % (_num(common[0]), _num(common[1]), len(kids), b" ".join(b"%d 0 R" % k for k in kids)), 3)
    writer.finish()
    return len(kids)


def _common_size(pages: list[Page]) -> tuple[float, float]:
    """The size most pages have (the page tree's; a page of another size says its own)."""
    sizes: dict[tuple[float, float], int] = {}
    for page in pages:
        sizes[(page.width, page.height)] = sizes.get((page.width, page.height), 0) + 1
    return max(sizes, key=lambda size: sizes[size]) if sizes else (595.2756, 841.8898)


def _pages(writer: "_Writer", shared: Shared, pages: list[Page], common: tuple[float, float],
           tree: copy_tags.Tree | None) -> list[int]:
    """Write each page (its content pieces each once a file, shared by the pages drawing
    them); their objects' numbers. In a tagged file a page's form is marked content (its
    own marked inside it, or an artifact: a blank back, a separator), and so is each
    overlay: the student's details a paragraph, the rest artifacts."""
    streams: dict[bytes, int] = {}  # content piece -> object number, each written once
    known: dict[tuple, int] = {}  # a tagged file's piece, as it is marked -> its stream's number (see _tagged)
    resources: dict[tuple[str, ...], int] = {}
    kids: list[int] = []
    for page in pages:
        if page.forms not in resources:
            forms = b"".join(b"/%s %d 0 R " % (f.encode(), shared.xobjects[f]) for f in page.forms)
            resources[page.forms] = writer.packed(
                b"<< /Font %d 0 R /ProcSet [ /PDF /Text ] /XObject << %s>> >>" % (shared.fonts, forms))
        number = writer.reserve() if tree is not None else 0
        tagging = b""
        if tree is None:
            pieces = [_drawn(page)] + [piece for piece in page.overlays if piece]
            parts = [writer.stream(piece, cache=streams) for piece in pieces]
        else:
            key, read = tree.page(number, page.tags, page.student, shared.xobjects[page.forms[0]],
                                  [(element, lang) for i, element, lang in page.content if page.overlays[i]])
            parts = _tagged(writer, page, read, streams, known)
            tagging = (b"/StructParents %d " % key if key is not None else b"") + b"/Tabs /S "
        box = b"" if (page.width, page.height) == common else b"/MediaBox [ 0 0 %s %s ] " % (
            _num(page.width), _num(page.height))
        kids.append(writer.packed(b"<< /Type /Page /Parent 3 0 R %s%s/Resources %d 0 R /Contents [ %s ] >>"
                                  % (box, tagging, resources[page.forms], b" ".join(b"%d 0 R" % n for n in parts)),
                                  number or None))
    return kids


def _drawn(page: Page) -> bytes:
    """The content piece painting the page's forms."""
    return b"".join(b"q /%s Do Q" % f.encode() for f in page.forms)


def _tagged(writer: "_Writer", page: Page, read: bool, streams: dict, known: dict) -> list[int]:
    """A tagged file's page pieces, written (each once a file): the form, then the overlays. A
    unit's form is painted inside a sequence of no role and no MCID (`/Form`), as a checker
    counts a form painted outside any marked content as untagged, and its own marked content
    is what the tree reads; a blank back or separator's form is an artifact. The student's
    details are read where `read`, else artifacts. `known`: each piece as marked, by what it
    is, so the thousands of pages a class set repeats a piece on mark it once."""
    form = (page.forms, page.tags is not None)
    number = known.get(form)
    if number is None:
        drawn = _drawn(page)
        number = known[form] = writer.stream(b"/Form BMC\n%s\nEMC" % drawn if page.tags is not None
                                             else copy_tags.marked(drawn, None), cache=streams)
    parts = [number]
    content = [i for i, _element, _lang in page.content if page.overlays[i]] if read else []
    for i, piece in enumerate(page.overlays):
        if not piece:
            continue
        said = (piece, content.index(i) if i in content else None)
        number = known.get(said)
        if number is None:
            number = known[said] = writer.stream(copy_tags.marked(*said), cache=streams)
        parts.append(number)
    return parts


class _Writer:
    """Writes a PDF 1.5 file: streams as objects of their own, every other object (pages,
    their resources, the catalog) packed a hundred at a time into compressed object streams,
    and a compressed cross-reference stream. A page costs about 15 bytes instead of 115."""

    PACK = 100  # objects in one object stream
    BUFFER = 1 << 20  # bytes gathered before they go to the file: a copy goes in one write
    XREFS = 1024  # cross-reference streams' compressed bytes kept for the next file (see `finish`)
    XREF_ROWS = 1 << 13  # only a small one's (a copy's, not a combined class set's): at most 8 MiB kept
    SQUEEZED = 64  # object streams' compressed bytes kept for the next file (see `_object_stream`): those of each
    # unit's first copies (a combined class set's streams are all different: few, so little memory is spent on them)

    def __init__(self, out: BinaryIO, squeezed: dict[bytes, bytes] | None = None,
                 xrefs: dict[bytes, bytes] | None = None):
        self.out, self.position, self.hash = out, 0, hashlib.md5(usedforsecurity=False)
        self.chunks: list[bytes] = []  # written, not yet given to the file (see `raw`)
        self.held = 0  # their bytes
        self.number = 4  # the next free object number (1-3: catalog, info, page tree)
        # the cross-reference rows, 7 bytes an object by its number: where it starts in the file,
        # or its object stream and its index there (a class set of 10,000 is 90,000 objects: a
        # table, not a dict of tuples)
        self.rows = bytearray(_ROW.size * 4)
        self.pending: list[tuple[int, bytes]] = []
        # Most object streams of a student's own PDF are the same text in every copy (its pages,
        # their resources: the same numbers, only the content streams' bytes differ), so each
        # is compressed once: compressing at level 9 was a fifth of writing a copy.
        self.squeezed = squeezed if squeezed is not None else {}
        # A copy's cross-reference stream differs from another copy's of its unit only where
        # their students' details differ in length: ten thousand copies have a few dozen.
        self.xrefs = xrefs if xrefs is not None else {}

    def raw(self, data: bytes, digest: bytes | None = None) -> int:
        """Write `data`; the file's /ID hashes it, or its precomputed `digest`."""
        at = self.position
        self.chunks.append(data)
        self.held += len(data)
        if self.held >= self.BUFFER:
            self._drain()
        self.hash.update(digest if digest is not None else data)
        self.position += len(data)
        return at

    def _drain(self) -> None:
        """Give the file what was written so far, in one call (a copy's 50 KB: one system call)."""
        self.out.write(b"".join(self.chunks))
        self.chunks, self.held = [], 0

    def reserve(self) -> int:
        """A number for an object written later (`packed` with it)."""
        number, self.number = self.number, self.number + 1
        return number

    def stream(self, data: bytes, head: bytes = b"", cache: dict | None = None) -> int:
        """A stream object of `data` (`head`: its dictionary's other entries), written now;
        its number. With `cache`, the same data is written once."""
        if cache is not None and data in cache:
            return cache[data]
        number = self.reserve()
        self.place(number, _ROW.pack(1, self.raw(b"%d 0 obj\n<< %s/Length %d >>\nstream\n%s\nendstream\nendobj\n"
                                                 % (number, head, len(data), data)), 0))
        if cache is not None:
            cache[data] = number
        return number

    def packed(self, body: bytes, number: int | None = None) -> int:
        """An object without a stream, to go into the next object stream; its number."""
        if number is None:
            number, self.number = self.number, self.number + 1
        self.pending.append((number, body))
        if len(self.pending) == self.PACK:
            self._flush()
        return number

    def _flush(self) -> None:
        if not self.pending:
            return
        self.replay([self._object_stream(self.reserve(), self.pending)])
        self.pending = []

    def flush(self) -> None:
        """Write the objects `packed` so far (the next numbers are then the writer's alone)."""
        self._flush()

    def place(self, number: int, rows: bytes) -> None:
        """Set the cross-reference rows of objects `number` on."""
        at = _ROW.size * number
        if len(self.rows) < at + len(rows):
            self.rows.extend(bytes(max(at + len(rows) - len(self.rows), len(self.rows))))
        self.rows[at:at + len(rows)] = rows

    def own_streams(self, objects: list[tuple[int, bytes]]) -> list[tuple[int, bytes, tuple[tuple[int, bytes], ...]]]:
        """`objects` (numbered) packed into object streams of their own, written now: each
        stream's number, bytes and its members' cross-reference rows (each object's place in
        it; a run of numbers one after another as one piece), which `replay` writes again in
        another file."""
        made = [self._object_stream(self.reserve(), objects[start:start + self.PACK])
                for start in range(0, len(objects), self.PACK)]
        self.replay(made)
        return made

    def replay(self, made: list[tuple[int, bytes, tuple[tuple[int, bytes], ...]]]) -> None:
        """Write object streams made before (`own_streams`), with the same numbers."""
        for home, data, runs in made:
            self.place(home, _ROW.pack(1, self.raw(data), 0))
            for number, rows in runs:
                self.place(number, rows)
            self.number = max(self.number, home + 1)

    def _object_stream(self, home: int, objects: list[tuple[int, bytes]]) -> tuple[int, bytes, tuple[tuple[int, bytes], ...]]:
        index, bodies, at = [], [], 0
        for number, body in objects:
            index.append(b"%d %d" % (number, at))
            bodies.append(body)
            at += len(body) + 1
        head = b" ".join(index) + b"\n"
        text = head + b"\n".join(bodies) + b"\n"
        data = self.squeezed.get(text)
        if data is None:
            data = _squeeze(text)
            if len(self.squeezed) < self.SQUEEZED:
                self.squeezed[text] = data
        return home, (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\n"
                      b"stream\n%s\nendstream\nendobj\n" % (home, len(objects), len(head), len(data), data)), \
            _runs([(number, _ROW.pack(2, home, i)) for i, (number, _body) in enumerate(objects)])

    def finish(self) -> None:
        """The last object stream, then the cross-reference stream and the trailer."""
        self._flush()
        number = self.number  # the cross-reference stream's own number
        digest = self.hash.hexdigest().encode()
        start = self.position
        self.place(0, _ROW.pack(0, 0, 65535))
        self.place(number, _ROW.pack(1, start, 0))
        rows = bytes(self.rows[:_ROW.size * (number + 1)])
        data = self.xrefs.get(rows)
        if data is None:
            data = _squeeze(rows)
            if len(self.xrefs) < self.XREFS and len(rows) <= self.XREF_ROWS:
                self.xrefs[rows] = data
        self.raw(b"%d 0 obj\n<< /Type /XRef /Size %d /W [ 1 4 2 ] /Root 1 0 R /Info 2 0 R /ID [<%s><%s>] "
                 b"/Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n"
                 % (number, number + 1, digest, digest, len(data), data, start))
        self._drain()


LARGE = 1 << 16  # bytes: a stream longer is compressed at level 6 (see `_squeeze`)


def _squeeze(data: bytes) -> bytes:
    """`data` compressed: at level 9 up to `LARGE` bytes (every stream of a student's own PDF,
    and of a class set of a few dozen: a class of twelve's class-set.pdf has 37 KB of
    cross-reference rows), at level 6 beyond. Level 9 follows deflate's match chains 32 times
    as far, and a large class set's long repeating tables (its cross-reference rows, 7 bytes
    an object, its page list and its parent tree) send it along all of them: for 10,000
    students the rows took 0.76 s at level 9 and 0.08 s at level 6, for 16 bytes more in 185 KB."""
    return zlib.compress(data, 9 if len(data) <= LARGE else 6)


def _runs(rows: list[tuple[int, bytes]]) -> tuple[tuple[int, bytes], ...]:
    """Numbered cross-reference rows as runs of numbers one after another: (first, their rows)."""
    runs: list[tuple[int, list[bytes]]] = []
    for number, row in rows:
        if runs and runs[-1][0] + len(runs[-1][1]) == number:
            runs[-1][1].append(row)
        else:
            runs.append((number, [row]))
    return tuple((first, b"".join(pieces)) for first, pieces in runs)


def _num(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".")


def _string(value: str) -> bytes:
    """A PDF text string: UTF-16 with a byte-order mark, so any name survives."""
    data = b"\xfe\xff" + value.encode("utf-16-be")
    return b"<" + data.hex().encode() + b">"
