"""Print a tagged PDF's structure tree as a screen reader meets it: each element's role, its
alt text, and the text of its marked content, in reading order; and count what is drawn
outside the tree (artifacts) and what is marked neither way.

Usage: python tools/tagtree.py FILE.pdf [--depth N]
Read with pypdf (the test extra): the tree's objects, and each page's text by marked content."""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NumberObject


@dataclass
class Node:
    """A structure element as read back: role, attributes, kids (nodes, or the text of one MCID)."""

    role: str
    alt: str | None = None
    scope: str | None = None
    lang: str | None = None
    kids: list = field(default_factory=list)

    def text(self) -> str:
        return " ".join(k.text() if isinstance(k, Node) else k for k in self.kids).strip()

    def walk(self):
        yield self
        for kid in self.kids:
            if isinstance(kid, Node):
                yield from kid.walk()


@dataclass
class Tree:
    """A document's tree and catalog facts, and per page the text drawn as artifact or unmarked."""

    root: Node | None
    lang: str | None
    marked: bool
    display_title: bool
    artifacts: list[str]
    unmarked: list[str]

    def roles(self) -> list[str]:
        return [n.role for n in self.root.walk()] if self.root else []


def read(data: bytes) -> Tree:
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    texts, artifacts, unmarked = _page_texts(reader)
    root = catalog.get("/StructTreeRoot")
    tree = None
    if root is not None:
        kids = root.get_object()["/K"]
        tree = Node("StructTreeRoot", kids=[_node(k, reader, texts) for k in _list(kids)])
    mark = catalog.get("/MarkInfo")
    prefs = catalog.get("/ViewerPreferences")
    return Tree(tree, str(catalog["/Lang"]) if "/Lang" in catalog else None,
                bool(mark and mark.get_object().get("/Marked")), bool(prefs and prefs.get_object().get("/DisplayDocTitle")),
                artifacts, unmarked)


def _list(value) -> list:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return list(value) if isinstance(value, ArrayObject) else [value]


def _node(ref, reader: PdfReader, texts: dict) -> Node | str:
    obj = ref.get_object() if isinstance(ref, IndirectObject) else ref
    if isinstance(obj, NumberObject) or isinstance(obj, int):
        return ""  # an MCID with no page known: only under an element, below
    if obj.get("/Type") == "/MCR":
        return texts.get((_page_index(reader, obj["/Pg"]), _stream(obj), int(obj["/MCID"])), "")
    page = _page_index(reader, obj["/Pg"]) if "/Pg" in obj else None
    attrs = obj.get("/A")
    node = Node(str(obj["/S"])[1:], _string(obj.get("/Alt")),
                str(attrs.get_object().get("/Scope"))[1:] if attrs is not None and "/Scope" in attrs.get_object() else None,
                _string(obj.get("/Lang")))
    for kid in _list(obj.get("/K", ArrayObject())):
        kid_obj = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid_obj, (int, NumberObject)):
            node.kids.append(texts.get((page, None, int(kid_obj)), ""))
        elif isinstance(kid_obj, DictionaryObject) and kid_obj.get("/Type") == "/MCR" and "/Pg" not in kid_obj:
            node.kids.append(texts.get((page, _stream(kid_obj), int(kid_obj["/MCID"])), ""))  # the element's page
        else:
            node.kids.append(_node(kid, reader, texts))
    return node


def _stream(mcr) -> int | None:
    """The form a marked-content reference is inside (`/Stm`, by object number), None: the page's own."""
    stm = mcr.get("/Stm") if hasattr(mcr, "get") else None
    return stm.idnum if isinstance(stm, IndirectObject) else None


def _string(value) -> str | None:
    return None if value is None else str(value.get_object() if isinstance(value, IndirectObject) else value)


def _page_index(reader: PdfReader, ref) -> int:
    number = ref.idnum if isinstance(ref, IndirectObject) else ref.indirect_reference.idnum
    for i, page in enumerate(reader.pages):
        if page.indirect_reference.idnum == number:
            return i
    return -1


def _page_texts(reader: PdfReader) -> tuple[dict, list[str], list[str]]:
    """Each page's text by (page, form, MCID) (form: the object number of the form the text is
    drawn in, None for the page's own content; a class-set copy's pages are forms); the text
    drawn as artifact, and the text drawn marked neither way."""
    texts: dict[tuple[int, int | None, int], str] = {}
    artifacts: list[str] = []
    unmarked: list[str] = []
    for i, page in enumerate(reader.pages):
        stack: list = []
        forms: list = [None]
        xobjects = page.get("/Resources", {}).get("/XObject", {})

        def before(op, args, _cm, _tm, stack=stack, forms=forms, xobjects=xobjects):
            if op in (b"BDC", b"BMC"):
                props = args[1] if op == b"BDC" and len(args) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, DictionaryObject) else None
                stack.append(("artifact" if args[0] == "/Artifact" else int(mcid) if mcid is not None else None))
            elif op == b"EMC" and stack:
                stack.pop()
            elif op == b"Do" and args:
                ref = xobjects.raw_get(args[0]) if args[0] in xobjects else None
                forms.append(ref.idnum if isinstance(ref, IndirectObject) else None)

        def after(op, args, _cm, _tm, forms=forms):
            if op == b"Do" and args and len(forms) > 1:
                forms.pop()

        def text(words, _cm, _tm, _font, _size, i=i, stack=stack, forms=forms):
            if not words.strip():
                return
            marks = [m for m in stack if m is not None]  # an unnamed sequence (a form's) leaves it as it was
            where = "artifact" if "artifact" in marks else marks[-1] if marks else None
            if where == "artifact":
                artifacts.append(words)
            elif where is None:
                unmarked.append(words)
            else:
                key = (i, forms[-1], where)
                texts[key] = texts.get(key, "") + words

        page.extract_text(visitor_operand_before=before, visitor_operand_after=after, visitor_text=text)
    return texts, artifacts, unmarked


def outline(node: Node, depth: int = 99, indent: int = 0) -> list[str]:
    """The tree as indented lines: role, [alt], scope, and the first words of its own text."""
    own = " ".join(k for k in node.kids if isinstance(k, str)).strip().replace("\n", " ")
    extra = (f" [alt: {node.alt}]" if node.alt else "") + (f" scope={node.scope}" if node.scope else "")
    lines = [f"{'  ' * indent}{node.role}{extra}" + (f": {own[:70]}" if own else "")]
    if indent < depth:
        for kid in node.kids:
            if isinstance(kid, Node):
                lines += outline(kid, depth, indent + 1)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--depth", type=int, default=99)
    args = parser.parse_args()
    tree = read(args.pdf.read_bytes())
    if tree.root is None:
        sys.exit(f"{args.pdf}: not tagged (no structure tree)")
    print(f"Lang {tree.lang}  Marked {tree.marked}  DisplayDocTitle {tree.display_title}")
    print("\n".join(outline(tree.root, args.depth)))
    print(f"artifact text runs: {len(tree.artifacts)}; unmarked text runs: {len(tree.unmarked)}")


if __name__ == "__main__":
    main()
