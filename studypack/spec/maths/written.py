"""MathML elements written as text, character for character as `ElementTree.tostring(root,
encoding="unicode")` writes them, in a fifth of the time.

ElementTree first walks the whole tree to collect its namespaces (`_namespaces`), then writes
each element through general steps (comments, processing instructions, qualified names); a
formula's MathML has none of those: plain tags and attributes of strings, its namespace an
`xmlns` attribute. Such a tree is written here directly, by the same rules: attributes in
their order, `&`, `<` and `>` escaped in text (and `"`, CR, LF and tab in attribute values),
an element with neither text nor children closed as `<tag />`, a tail after its element.
Any other tree (a tag or attribute name in `{namespace}` form, a comment, a value that is
not a string) is written by ElementTree itself. `tests/test_maths_written.py` compares the
two on the corpus.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET


def written(root: ET.Element) -> str:
    """`ET.tostring(root, encoding="unicode")`."""
    out: list[str] = []
    if not _write(root, out.append):
        return ET.tostring(root, encoding="unicode")
    return "".join(out)


def _write(element: ET.Element, write) -> bool:
    """Write `element` (and what it holds, and its tail); False, part written, where it is not
    a plain element (`written` then has ElementTree write the whole tree)."""
    tag, text, tail = element.tag, element.text, element.tail
    if type(tag) is not str or "{" in tag or not (text is None or type(text) is str) or not (tail is None or type(tail) is str):
        return False
    write("<" + tag)
    for key, value in element.attrib.items():
        if type(key) is not str or "{" in key or type(value) is not str:
            return False
        write(f' {key}="{_attribute(value)}"')
    if text or len(element):
        write(">")
        if text:
            write(_text(text))
        for child in element:
            if not _write(child, write):
                return False
        write(f"</{tag}>")
    else:
        write(" />")
    if tail:
        write(_text(tail))
    return True


def _text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _attribute(value: str) -> str:
    for plain, escaped in _ATTRIBUTE:
        if plain in value:
            value = value.replace(plain, escaped)
    return value


_ATTRIBUTE = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))
