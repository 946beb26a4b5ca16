"""A `tagging.Tagger`'s structure tree written into a ReportLab document as PDF objects:
the tree (`/StructTreeRoot`, one `/StructElem` per element with content, in reading order),
the parent tree that leads from each page's marked content back to its element, and the
catalog entries a PDF/UA reader looks for (`/MarkInfo`, `/ViewerPreferences
/DisplayDocTitle`, an XMP packet with the title and `pdfuaid:part 1`)."""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument, PDFName, PDFObject, PDFStream, PDFString

from studypack.media.text import escape  # xml.sax.saxutils' escape, without its imports of urllib, http and ssl
from studypack.pdf.tagging import Element, Tagger

_SCOPED = frozenset({"TH"})


def write(doc: PDFDocument, tagger: Tagger, pages: dict[int, int], title: str) -> None:
    """Add the tree to `doc`. `pages`: each tagged page's key → its number in the document
    (1-based, as ReportLab names its page objects), which is also its `/StructParents`."""
    kept = [e for e in tagger.root.walk() if e is tagger.root or e.has_content()]
    tree = _Tree(pages)
    made = [_Written(element, tree) for element in kept]
    tree.numbers = {id(raw.subject): _number(doc, doc.Reference(raw)) for raw in made}
    parent_tree = _Written(tagger, tree)
    root = PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": PDFArray([b"%d 0 R" % tree.numbers[id(tagger.root)]]),
                          "ParentTree": doc.Reference(parent_tree),
                          "ParentTreeNextKey": max(pages.values(), default=0) + 1})
    catalog = doc.Catalog
    catalog.StructTreeRoot = doc.Reference(root)
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    catalog.Metadata = doc.Reference(_xmp(title))


class _Tree:
    """What every element's dictionary needs: the elements' object numbers, and the pages'
    (looked up once, as the first is written)."""

    def __init__(self, pages: dict[int, int]):
        self.pages = pages
        self.numbers: dict[int, int] = {}
        self.refs: dict[int, bytes] | None = None

    def page_refs(self, document) -> dict[int, bytes]:
        if self.refs is None:
            self.refs = {key: b"%d 0 R" % _number(document, f"Page{n}") for key, n in self.pages.items()}
        return self.refs


class _Written(PDFObject):
    """An element's dictionary (or the parent tree's), written straight to the bytes ReportLab's
    `PDFDictionary` and `PDFArray` would make of it (keys sorted, a line break after every
    sixth key and tenth item): hundreds of them, each formatted once, as the file is written
    (when every page has its object number)."""

    def __init__(self, subject: Element | Tagger, tree: _Tree):
        self.subject = subject
        self.tree = tree

    def format(self, document) -> bytes:
        tree = self.tree
        if isinstance(self.subject, Tagger):
            return _parent_tree(self.subject, tree.numbers, tree.pages)
        return _element(self.subject, tree.numbers, tree.page_refs(document), document)


def _number(doc, reference) -> int:
    name = reference if isinstance(reference, str) else reference.name
    return doc.idToObjectNumberAndVersion[name][0]


def _element(element: Element, numbers: dict, refs: dict, document) -> bytes:
    """The element's dictionary: role, parent, page, kids in order, attributes."""
    d = {"Type": b"/StructElem", "S": PDFName(element.role).encode()}
    if element.parent is not None:
        d["P"] = b"%d 0 R" % numbers[id(element.parent)]
    kids, first = [], None
    for kid in element.kids:
        if isinstance(kid, Element):
            if id(kid) in numbers:
                kids.append(b"%d 0 R" % numbers[id(kid)])
            continue
        key, mcid = kid
        if key not in refs:
            continue
        if first is None:
            first = key
            d["Pg"] = refs[key]
        kids.append(b"%d" % mcid if key == first else b"<<\n/MCID %d /Pg %s /Type /MCR\n>>" % (mcid, refs[key]))
    d["K"] = _array(kids)
    for name in ("Alt", "ActualText", "Lang"):
        if element.attributes.get(name):
            d[name] = PDFString(element.attributes[name]).format(document)
    if element.role in _SCOPED:
        scope = PDFName(element.attributes.get("Scope", "Column")).encode()
        d["A"] = b"<<\n/O /Table /Scope " + scope + b"\n>>"
    return _dictionary(d)


def _parent_tree(tagger: Tagger, numbers: dict, pages: dict[int, int]) -> bytes:
    """The parent tree: `/Nums`, each tagged page's key, then its MCIDs' elements in order."""
    nums: list[bytes] = []
    root = numbers[id(tagger.root)]
    for key, number in sorted(pages.items(), key=lambda item: item[1]):
        elements = tagger.mcids.get(key, [])
        nums += [b"%d" % number, _array([b"%d 0 R" % numbers.get(id(e), root) for e in elements])]
    return _dictionary({"Nums": _array(nums)})


def _dictionary(d: dict[str, bytes]) -> bytes:
    """As `PDFDictionary.format` writes it (ReportLab's default: not one key a line)."""
    items = [b"/" + key.encode() + b" " + d[key] for key in sorted(d)]
    for at in reversed(range(6, len(items), 6)):
        items.insert(at, b"\n ")
    return b"<<\n" + b" ".join(items) + b"\n>>"


def _array(items: list[bytes]) -> bytes:
    """As `PDFArray.format` writes it."""
    if len(items) > 10:
        items = list(items)
        for at in reversed(range(10, len(items), 10)):
            items.insert(at, b"\n ")
    return b"[ " + b" ".join(items) + b" ]"


def xmp_packet(title: str) -> bytes:
    """The XMP packet: the title, and the claim of PDF/UA-1 (no dates: the bytes stay the same)."""
    return _XMP.format(title=escape(title or "studypack")).encode("utf-8")


def _xmp(title: str) -> PDFStream:
    """The XMP packet as a metadata stream."""
    packet = xmp_packet(title)
    stream = PDFStream(PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet)
    stream.filters = []
    return stream


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
