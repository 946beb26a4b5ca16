"""The structure tree of a class set's files, written with their pages (`assemble`).

A unit's pages are laid out once, tagged (`tagging.Tagger`), and kept as forms whose marked
content the tree reaches through the form (`/MCR` with `/Stm`; each form's `/StructParents`
is its key into the parent tree, the same in every file). Each copy is a `Part` in the
document's language: first the student's details written on it (the name in its blank, a
paragraph each, marked content of the page itself), then the unit's tree. A name whose
language the class list gives (its `language` column) is read in that language: in a copy
carrying its unit's tree, a `/Span` with its `/Lang` inside the name line's element; else its
own paragraph has the `/Lang`. The headers and
footers drawn per student, the corner squares and code of a marked copy, blank backs and
class separators are artifacts.

A student's own PDF carries the whole tree. The combined class set (printed, not read on
screen) carries each copy's part with its details (those of its first page that has any:
the name on each later sheet's cover is an artifact there), and each unit's tree once, in the first
copy of that unit: its forms are painted once a copy, and the parent tree leads each
marked-content sequence back to one element only. Its tree so costs no more for a class of a
thousand than for a class of thirty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studypack.pdf.tagging import Element, Tagger


@dataclass(frozen=True, slots=True)
class PageTags:
    """What a laid-out page is in the tree: its unit's `tree`, its page `key` there, and its
    form's key into the parent tree. One a laid-out page, shared by every copy's page of it
    (the page says whose copy it is: `assemble.Page.student`)."""

    tree: Tagger
    key: int
    form: int


@dataclass
class _Copy:
    """One copy in the file: its unit's tree, the student's fields (the very dict, one per
    copy), its details (page, MCID), and its pages by key."""

    tags: PageTags
    student: dict | None
    details: list = field(default_factory=list)
    pages: dict = field(default_factory=dict)  # the unit tree's page key -> (page object, form object)
    whole: bool = True  # carries its unit's tree


class Tree:
    """The tree of one file, gathered page by page as `assemble.write` writes them."""

    def __init__(self, page_keys: int, whole: bool):
        self.copies: list[_Copy] = []
        self.page_keys = page_keys  # pages' keys into the parent tree start here (after every form's)
        self.whole = whole  # every copy carries its unit's tree (a student's own PDF)
        self.forms: dict[int, tuple[Tagger, int]] = {}  # form key -> its tree and page key there
        self.pages: dict[int, int] = {}  # page object -> its key into the parent tree
        self.seen: set[int] = set()  # units whose tree is in the file

    def page(self, number: int, tags: PageTags | None, student: dict | None, form: int,
             details: list) -> tuple[int | None, bool]:
        """Note page object `number` of `student`'s copy (its form: object `form`; `details`: the student's details
        drawn on it, marked 0, 1 … on the page, each (its element, its language or "")): returns its key into the
        parent tree (None: no marked content of its own), and whether its details are read
        (else they are artifacts: in a copy without its unit's tree, its details are read on
        the first page that has them, the same name on each later sheet's cover is not)."""
        if tags is None:
            return None, False
        if not self.copies or self.copies[-1].student is not student:
            whole = self.whole or id(tags.tree) not in self.seen
            self.seen.add(id(tags.tree))
            self.copies.append(_Copy(tags, student, whole=whole))
        copy = self.copies[-1]
        if copy.whole:
            copy.pages.setdefault(tags.key, (number, form))
            self.forms.setdefault(tags.form, (tags.tree, tags.key))
        if not details or (not copy.whole and copy.details):
            return None, False
        key = self.page_keys + len(self.pages)
        self.pages[number] = key
        copy.details += [(number, mcid, element, lang) for mcid, (element, lang) in enumerate(details)]
        return key, True

    def write(self, numbers, title_of, cache: dict | None = None) -> int:
        """Write the tree's objects through `numbers` (an `assemble` writer: `reserve()` a
        number, `packed(body, number=None)` an object, …); return the `/StructTreeRoot`'s
        number. `title_of(copy's dict)`: a copy's title. `cache`: a unit's tree as written
        into a copy, kept for the next file that writes it alike (see `_elements`)."""
        root, document = numbers.reserve(), numbers.reserve()
        refs: dict[int, _Written] = {}  # copy -> its unit's tree as written
        parts: list[int] = []
        details_of: dict[int, dict[int, int]] = {}  # page object -> MCID -> its element
        for index, copy in enumerate(self.copies):
            part = numbers.reserve()
            parts.append(part)
            placed: dict[int, list] = {}  # a field's element -> its (page, MCID) in this copy
            kids = []
            for number, mcid, element, lang in copy.details:
                if copy.whole and element is not None:
                    placed.setdefault(id(element), []).append((number, mcid, lang))
                    continue
                kids.append(numbers.packed(b"<< /Type /StructElem /S /P /P %d 0 R /Pg %d 0 R /K %d%s >>"
                                           % (part, number, mcid, _lang(lang))))
                details_of.setdefault(number, {})[mcid] = kids[-1]
            if copy.whole:
                kids += _elements(copy, index, part, numbers, refs, placed, cache)
                written = refs[index]
                for number, mcid, element, _lang_of in copy.details:
                    if element is not None:
                        details_of.setdefault(number, {})[mcid] = written.spans.get((number, mcid),
                                                                                    written.numbers[id(element)])
            lang = copy.tags.tree.root.attributes.get("Lang", "")
            numbers.packed(b"<< /Type /StructElem /S /Part /P %d 0 R /T %s%s /K [ %s ] >>"
                           % (document, _text(title_of(copy.student or {})), b" /Lang %s" % _text(lang) if lang else b"",
                              _refs(kids)), part)
        numbers.packed(b"<< /Type /StructElem /S /Document /P %d 0 R /K [ %s ] >>" % (root, _refs(parts)), document)
        tree = self._parent_tree(numbers, refs, details_of, document)
        return numbers.packed(b"<< /Type /StructTreeRoot /K [ %d 0 R ] /ParentTree %d 0 R /ParentTreeNextKey %d >>"
                              % (document, tree, self.page_keys + len(self.pages)), root)

    def _parent_tree(self, numbers, refs: dict, details_of: dict, fallback: int) -> int:
        """Each form's key, then each page's, with the elements of its MCIDs in order."""
        nums = []
        owner = {id(copy.tags.tree): index for index, copy in reversed(list(enumerate(self.copies))) if copy.whole}
        for key in sorted(self.forms):
            tree, page = self.forms[key]
            written = refs[owner[id(tree)]]
            piece = written.nums.get((key, page, fallback))
            if piece is None:  # the same for every copy written alike
                elements = [written.numbers.get(id(e), fallback) for e in tree.mcids.get(page, [])]
                piece = written.nums[(key, page, fallback)] = b"%d [ %s ]" % (key, _refs(elements))
            nums.append(piece)
        for number, key in sorted(self.pages.items(), key=lambda item: item[1]):
            mcids = details_of[number]
            nums.append(b"%d [ %s ]" % (key, _refs([mcids[m] for m in sorted(mcids)])))
        return numbers.packed(b"<< /Nums [ %s ] >>" % b" ".join(nums))


@dataclass
class _Written:
    """A unit's tree as written into one copy: each element's number, the tops', and the
    object streams that hold them."""

    numbers: dict
    tops: list
    streams: list
    nums: dict = field(default_factory=dict)  # the parent tree's entry of each of its forms
    spans: dict = field(default_factory=dict)  # (page, MCID) -> the Span of a detail in its own language


def _elements(copy: _Copy, index: int, parent: int, numbers, refs: dict, placed: dict, cache: dict | None) -> list[int]:
    """The unit tree's elements with content on this copy's pages (a field's: the copy's
    details, `placed`), under `parent`, in object streams of their own; the tops' numbers.
    A thousand copies of a unit write the same objects with the same numbers (pages, forms,
    where the tree starts), so the streams are made once and written again (`cache`)."""
    tree = copy.tags.tree
    numbers.flush()
    key = (id(tree), parent, numbers.number, tuple(sorted(copy.pages.items())),
           tuple(sorted((element, tuple(at)) for element, at in placed.items())))
    written = cache.get(key) if cache is not None else None
    if written is None:
        written = _write_elements(copy, parent, numbers, placed)
        if cache is not None:
            cache[key] = written
    else:
        numbers.replay(written.streams)
    refs[index] = written
    return written.tops


def _write_elements(copy: _Copy, parent: int, numbers, placed: dict) -> _Written:
    root = copy.tags.tree.root
    kept: list[Element] = []
    _keep(root, placed, kept)
    own = {id(element): numbers.reserve() for element in kept}
    spans = {(page, mcid): numbers.reserve() for element in kept for page, mcid, lang in placed.get(id(element), [])
             if lang}  # a detail in its own language (a name): a Span of its own
    bodies = []
    for element in kept:
        details = placed.get(id(element), [])
        bodies.append((own[id(element)], _element(element, own.get(id(element.parent), parent), own, copy.pages,
                                                  details, spans)))
        bodies += [(spans[(page, mcid)], b"<< /Type /StructElem /S /Span /P %d 0 R /Pg %d 0 R /K %d%s >>"
                    % (own[id(element)], page, mcid, _lang(lang))) for page, mcid, lang in details if lang]
    streams = numbers.own_streams(bodies)
    return _Written(own, [own[id(kid)] for kid in root.kids if isinstance(kid, Element) and id(kid) in own], streams,
                    spans=spans)


def _keep(element: Element, placed: dict, kept: list) -> bool:
    """Add to `kept`, in reading order, the elements under `element` with content: marked
    content, a detail written in it, or a kid with content; whether `element` has any."""
    at = len(kept)
    if element.parent is not None:
        kept.append(element)
    has = id(element) in placed
    for kid in element.kids:
        has = (_keep(kid, placed, kept) if isinstance(kid, Element) else True) or has
    if not has and element.parent is not None:
        del kept[at:]
    return has


def _element(element: Element, parent: int, refs: dict, pages: dict, details: list, spans: dict) -> bytes:
    """One element: its role, parent, first page, kids in order (elements, and marked content
    in a form: `/MCR` with the form as `/Stm`; a detail: the page's own, or its `/Span` in
    `spans` where it has a language of its own), attributes."""
    kids, first = [], None
    for kid in element.kids:
        if isinstance(kid, Element):
            if id(kid) in refs:
                kids.append(b"%d 0 R" % refs[id(kid)])
            continue
        key, mcid = kid
        if key not in pages:
            continue
        page, form = pages[key]
        first = page if first is None else first
        where = b"" if page == first else b" /Pg %d 0 R" % page
        kids.append(b"<< /Type /MCR%s /Stm %d 0 R /MCID %d >>" % (where, form, mcid))
    for page, mcid, lang in details:
        first = page if first is None else first
        kids.append(b"%d 0 R" % spans[(page, mcid)] if lang else b"<< /Type /MCR /Pg %d 0 R /MCID %d >>" % (page, mcid))
    out = [b"<< /Type /StructElem /S /%s /P %d 0 R" % (element.role.encode("ascii"), parent)]
    if first is not None:
        out.append(b" /Pg %d 0 R" % first)
    out.append(b" /K [ %s ]" % b" ".join(kids))
    for name in ("Alt", "ActualText", "Lang"):
        if element.attributes.get(name):
            out.append(b" /%s %s" % (name.encode(), _text(element.attributes[name])))
    if element.role == "TH":
        out.append(b" /A << /O /Table /Scope /%s >>" % element.attributes.get("Scope", "Column").encode("ascii"))
    out.append(b" >>")
    return b"".join(out)


def _lang(lang: str) -> bytes:
    return b" /Lang %s" % _text(lang) if lang else b""


def _refs(numbers: list[int]) -> bytes:
    return b" ".join(b"%d 0 R" % n for n in numbers)


def _text(value: str) -> bytes:
    """A PDF text string: UTF-16 with a byte-order mark, so any name survives."""
    return b"<" + (b"\xfe\xff" + value.encode("utf-16-be")).hex().encode() + b">"


def marked(piece: bytes, mcid: int | None) -> bytes:
    """A content piece drawn as the page's marked content `mcid` (a paragraph), or as an artifact."""
    if mcid is None:
        return b"/Artifact BMC\n%s\nEMC" % piece
    return b"/P <</MCID %d>> BDC\n%s\nEMC" % (mcid, piece)
