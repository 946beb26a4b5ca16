"""A `tagging.Tagger`'s structure tree written into a ReportLab document as PDF objects:
the tree (`/StructTreeRoot`, one `/StructElem` per element with content, in reading order),
the parent tree that leads from each page's marked content back to its element, and the
catalog entries a PDF/UA reader looks for (`/MarkInfo`, `/ViewerPreferences
/DisplayDocTitle`, an XMP packet with the title and `pdfuaid:part 1`)."""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import (PDFArray, PDFDictionary, PDFDocument, PDFName, PDFObjectReference, PDFStream,
                                      PDFString)

from studypack.media.text import escape  # xml.sax.saxutils' escape, without its imports of urllib, http and ssl
from studypack.pdf.tagging import Element, Tagger

_SCOPED = frozenset({"TH"})


def write(doc: PDFDocument, tagger: Tagger, pages: dict[int, int], title: str) -> None:
    """Add the tree to `doc`. `pages`: each tagged page's key → its number in the document
    (1-based, as ReportLab names its page objects), which is also its `/StructParents`."""
    refs: dict[int, object] = {}
    made: dict[int, PDFDictionary] = {}
    kept = [e for e in tagger.root.walk() if e is tagger.root or e.has_content()]
    for element in kept:
        made[id(element)] = PDFDictionary({})
        refs[id(element)] = doc.Reference(made[id(element)])
    for element in kept:
        _fill(made[id(element)].dict, element, refs, pages)
    parent_tree = PDFDictionary({"Nums": PDFArray(_parent_numbers(tagger, refs, pages))})
    root = PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": PDFArray([refs[id(tagger.root)]]),
                          "ParentTree": doc.Reference(parent_tree),
                          "ParentTreeNextKey": max(pages.values(), default=0) + 1})
    catalog = doc.Catalog
    catalog.StructTreeRoot = doc.Reference(root)
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
    catalog.Metadata = doc.Reference(_xmp(title))


def _fill(d: dict, element: Element, refs: dict, pages: dict[int, int]) -> None:
    """The element's dictionary: role, parent, page, kids in order, attributes."""
    d["Type"] = PDFName("StructElem")
    d["S"] = PDFName(element.role)
    if element.parent is not None:
        d["P"] = refs[id(element.parent)]
    kids, first = [], None
    for kid in element.kids:
        if isinstance(kid, Element):
            if id(kid) in refs:
                kids.append(refs[id(kid)])
            continue
        key, mcid = kid
        if key not in pages:
            continue
        if first is None:
            first = key
            d["Pg"] = _page(pages[key])
        kids.append(mcid if key == first else PDFDictionary({"Type": PDFName("MCR"), "Pg": _page(pages[key]),
                                                             "MCID": mcid}))
    d["K"] = PDFArray(kids)
    _attributes(d, element)


def _attributes(d: dict, element: Element) -> None:
    for name in ("Alt", "ActualText", "Lang"):
        if element.attributes.get(name):
            d[name] = PDFString(element.attributes[name])
    if element.role in _SCOPED:
        d["A"] = PDFDictionary({"O": PDFName("Table"), "Scope": PDFName(element.attributes.get("Scope", "Column"))})


def _parent_numbers(tagger: Tagger, refs: dict, pages: dict[int, int]) -> list:
    """The parent tree's `/Nums`: each tagged page's key, then its MCIDs' elements in order."""
    nums: list = []
    for key, number in sorted(pages.items(), key=lambda item: item[1]):
        elements = tagger.mcids.get(key, [])
        nums += [number, PDFArray([refs.get(id(e), refs[id(tagger.root)]) for e in elements])]
    return nums


def _page(number: int):
    return PDFObjectReference(f"Page{number}")


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
