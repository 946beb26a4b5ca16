"""Every example pack's Moodle banks read by a second parser: lxml (libxml2), not the
ElementTree that wrote them. Each bank parses strictly as UTF-8, the two parsers read the same
texts, and it holds its category, one description per source of its sheet and, kind by kind,
as many questions of each Moodle type as the sheet has questions of that kind (a question in
parts one per part), in the sheet's order; no example question is left out; every matching
question can be saved in Moodle's editing form."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from click.testing import CliRunner

from conftest import ROOT
from studypack.commands.cli import main
from studypack.content.validate import load_pack
from studypack.spec.sheets import is_cover
from test_export_moodle import expected_type, leaves, moodle_edit_form_problems

etree = pytest.importorskip("lxml.etree")  # a test extra (python-docx reads Word files with it too)

PACKS = sorted([*(ROOT / "sources").iterdir(), *(p.parent for p in (ROOT / "examples").glob("*/pack.yaml")),
                *(ROOT / "examples" / "papers").iterdir()])
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, remove_blank_text=False)


def read_both(path) -> tuple[object, ET.Element]:
    data = path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n'), path.name
    tree = etree.fromstring(data, STRICT)
    return tree, ET.fromstring(data)


def test_the_packs_are_every_example():
    assert {p.name for p in PACKS} >= {"show-trials", "show-trials-anna", "chemistry", "maths", "primary-reading",
                                       "aqa-paper-1a", "ib-paper-1"}
    assert all((p / "pack.yaml").is_file() for p in PACKS)


@pytest.mark.parametrize("pack_dir", PACKS, ids=lambda p: p.name)
def test_a_second_parser_reads_every_bank_with_each_sheets_questions_kind_by_kind(pack_dir, tmp_path):
    result = CliRunner().invoke(main, ["build", str(pack_dir), "--format", "moodle", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "left out of the Moodle export" not in result.output, result.output
    pack = load_pack(pack_dir).pack
    sheets = [s for s in pack.sheets if s.all_questions and not is_cover(s)]
    banks = tmp_path / pack_dir.name
    assert sorted(p.name for p in banks.glob("*.moodle.xml")) == sorted(f"{s.id}.moodle.xml" for s in sheets)
    for sheet in sheets:
        tree, same = read_both(banks / f"{sheet.id}.moodle.xml")
        assert tree.tag == "quiz"
        assert [t.text for t in tree.iter("text")] == [t.text for t in same.iter("text")], "the parsers disagree"
        items = tree.findall("question")
        types = [q.get("type") for q in items]
        assert types[0] == "category" and types.count("category") == 1
        assert types.count("description") == len(sheet.sources), sheet.id
        questions = [q for q in items if q.get("type") not in ("category", "description")]
        expected = list(leaves(sheet))
        assert [q.findtext("name/text").split(".")[0] for q in questions] == [label for label, _q in expected]
        found = Counter((q.kind, item.get("type")) for item, (_label, q) in zip(questions, expected))
        assert found == Counter((q.kind, expected_type(q)) for _label, q in expected), sheet.id
        for item in questions:
            assert item.find("questiontext").get("format") == "html" and item.findtext("questiontext/text")
            assert float(item.findtext("defaultgrade")) > 0
            if item.get("type") == "matching":
                assert moodle_edit_form_problems(item) == [], (sheet.id, item.findtext("name/text"))
