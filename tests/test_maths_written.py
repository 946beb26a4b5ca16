"""MathML written by `spec.maths.written` is ElementTree's own text, character for character:
every formula of the corpus (as converted, and with its namespace on every tag, which
ElementTree writes), and trees made to reach each rule (escaping in text, tails and
attributes, empty elements, attribute order, a comment)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from studypack.spec.maths.written import written

from test_maths_engine import corpus  # noqa: E402


@pytest.mark.parametrize("examples", [False, pytest.param(True, marks=pytest.mark.slow)])
def test_every_formula_is_written_as_elementtree_writes_it(examples):
    formulas = corpus(examples)
    assert len(formulas) > 30
    for mathml, _ in formulas:
        for tree in (ET.fromstring(mathml), _plain(ET.fromstring(mathml))):
            assert written(tree) == ET.tostring(tree, encoding="unicode")


def _plain(root: ET.Element) -> ET.Element:
    for element in root.iter():
        element.tag = element.tag.rsplit("}", 1)[-1]
    root.set("xmlns", "http://www.w3.org/1998/Math/MathML")
    return root


def test_each_rule_is_elementtree_s():
    root = ET.Element("math", {"b": 'say "a" & <b>\r\n\t', "a": "1"})
    root.text = "x < y & z > 0"
    empty = ET.SubElement(root, "mspace", {"width": "1em"})
    empty.tail = "after & <"
    ET.SubElement(root, "mrow")
    token = ET.SubElement(ET.SubElement(root, "mrow"), "mi")
    token.text = "\u2212\u00b1\U0001d44e"
    assert written(root) == ET.tostring(root, encoding="unicode")
    root.append(ET.Comment("a note"))  # ElementTree's own steps
    assert written(root) == ET.tostring(root, encoding="unicode")
