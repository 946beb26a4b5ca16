"""The structure tree of a tagged PDF, built in the same pass as the pages.

A screen reader reads a PDF by its structure tree: headings at their levels, paragraphs,
tables with header cells, figures with alt text, in reading order, and skips what is marked
as an artifact (answer lines, rules, box borders, headers, footers, page numbers). The
views know what each element is; as a flowable draws, `Tagger.element` opens its element,
and every drawing operation the canvas records asks `Tagger.marking` how to mark it:

- text is content of the innermost element;
- lines, fills and pictures are content only inside an element that draws as its content
  (a paragraph, a figure, a formula), else an artifact (a table's grid, a box's border);
- everything inside an artifact, and everything drawn while decorating the page, is one.

Consecutive operations of one element share a marked-content sequence (`/P <</MCID 3>> BDC
… EMC`); the sequence is closed where the element or the page changes. `Tagger.catalog`
writes the tree, the parent tree, `/MarkInfo`, `/ViewerPreferences` and the XMP packet
that says PDF/UA-1 into the document. Nothing here depends on time or memory addresses: the
same pages give the same bytes."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

CONTAINERS = frozenset({"Document", "Part", "Sect", "Div", "Table", "THead", "TBody", "TR", "TH", "TD",
                        "L", "LI", "LBody", "BlockQuote", "Caption"})
"""Roles whose own lines and fills are drawing, not content (a table's grid, a box's border)."""

ARTIFACT = "Artifact"


@dataclass
class Element:
    """A structure element: its role, its attributes (`Alt`, `Lang`, `ActualText`, a table
    cell's `Scope`), and its kids in reading order: elements, or marked content as (page, MCID)."""

    role: str
    attributes: dict = field(default_factory=dict)
    kids: list = field(default_factory=list)
    parent: "Element | None" = None
    columns: tuple = ()  # a list's: the role of each column of the tables drawn in it (see views.roles)

    def add(self, role: str, **attributes) -> "Element":
        kid = Element(role, {k: v for k, v in attributes.items() if v}, [], self)
        self.kids.append(kid)
        return kid

    def walk(self) -> Iterator["Element"]:
        yield self
        for kid in self.kids:
            if isinstance(kid, Element):
                yield from kid.walk()

    def has_content(self) -> bool:
        return any(not isinstance(kid, Element) or kid.has_content() for kid in self.kids)


@dataclass
class Marked:
    """The marked-content sequence open on a page: its element (None: an artifact)."""

    element: Element | None


class Tagger:
    """The structure tree of one document, and the marked content of the page being drawn.

    `page` is the index of the page drawn on (the canvas sets it as pages are held back
    and taken up again); `decorating` makes every operation an artifact (page furniture)."""

    def __init__(self, lang: str = "en"):
        self.root = Element("Document", {"Lang": lang} if lang else {})
        self.current = self.root
        self.artifact = 0  # how many artifact elements the drawing is inside
        self.decorating = False
        self.page = 0
        self.mcids: dict[int, list[Element]] = {}  # page -> its MCIDs' elements, by MCID
        self.open: Marked | None = None

    # -- the views, as they draw
    @contextmanager
    def element(self, role: str | None, **attributes) -> Iterator[None]:
        """Draw inside a new element of `role` (None: no element of its own; `Artifact`: drawing only)."""
        self.push(role, **attributes)
        try:
            yield
        finally:
            self.pop(role)

    def push(self, role: str | None, **attributes) -> None:
        """Begin an element of `role` inside the current one (see `element`)."""
        if role == ARTIFACT:
            self.artifact += 1
        elif role is not None:
            self.current = self.current.add(role, **attributes)

    def pop(self, role: str | None) -> None:
        """End the element `push` began with `role`."""
        if role == ARTIFACT:
            self.artifact -= 1
        elif role is not None and self.current.parent is not None:
            self.current = self.current.parent

    # -- the canvas, as each operation is recorded
    def marking(self, kind: str) -> tuple[str, str]:
        """What to write before an operation of `kind` (`text`, `graphic`, `picture`,
        `state`), and the same for after it ('' or operators): opens and closes sequences."""
        if kind == "state":
            return "", ""
        wanted = self._owner(kind)
        if self.open is not None and self.open.element is wanted:
            return "", ""
        before = self.close()
        self.open = Marked(wanted)
        if wanted is None:
            return before + "/Artifact BMC\n", ""
        mcids = self.mcids.setdefault(self.page, [])
        mcid = len(mcids)
        mcids.append(wanted)
        wanted.kids.append((self.page, mcid))
        return before + f"/{_role_tag(wanted.role)} <</MCID {mcid}>> BDC\n", ""

    def close(self) -> str:
        """End the open sequence, if any (at a change of element, page or stream)."""
        if self.open is None:
            return ""
        self.open = None
        return "EMC\n"

    def _owner(self, kind: str) -> Element | None:
        """The element an operation of `kind` is content of, None for an artifact."""
        if self.artifact or self.decorating:
            return None
        role = self.current.role
        if kind == "text":
            return self.current
        if role in CONTAINERS:
            return None
        return self.current

    def pages_with_content(self) -> dict[int, list[Element]]:
        return self.mcids

    def join(self, side: int, keys: list[int]) -> list[int]:
        """Pages `keys` drawn together as page `side` (a booklet's sheet side): their marked
        content numbered on through the side, in this order. Returns each page's first MCID
        there, by which its own are shifted (see `shifted`)."""
        offsets: list[int] = []
        joined: list[Element] = []
        for key in keys:
            offsets.append(len(joined))
            elements = self.mcids.pop(key, [])
            for mcid, element in enumerate(elements):
                at = element.kids.index((key, mcid))
                element.kids[at] = (side, len(joined))
                joined.append(element)
        self.mcids[side] = joined
        return offsets


_MCID = re.compile(r"^(/\S+ <</MCID )(\d+)(>> BDC)$", re.M)


def shifted(code: list[str], offset: int) -> list[str]:
    """A page's recorded operations with the MCIDs of its marked-content sequences raised by
    `offset` (the operations `Tagger.marking` wrote: a line of their own)."""
    if not offset:
        return code
    return [_MCID.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + offset}{m.group(3)}", op) if "<</MCID " in op else op
            for op in code]


def _role_tag(role: str) -> str:
    """The tag a marked-content sequence carries: its element's role (a heading's level included)."""
    return role


def classify(op: str) -> str:
    """The kind of one recorded content-stream operation (see `Tagger.marking`), by its last
    operator: `ET` ends a text object, `Do` paints a picture or form, `S`, `f` … paint a path
    (a `Q` after one is looked past); anything else only sets the state."""
    words = op.rsplit(None, 2)
    if not words:
        return "state"
    last = words[-1]
    if last == "Q" and len(words) > 1:
        last = words[-2]
    if last == "ET":
        return "text"
    if last in _PAINTS:
        return "graphic"
    if last in _PICTURES:
        return "picture"
    return "state"


_PICTURES = frozenset({"Do", "EI"})
_PAINTS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"})
