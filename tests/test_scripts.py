"""Any name a school may enrol prints: Latin with accents, Cyrillic, Greek, Vietnamese."""

from __future__ import annotations

import textwrap

from conftest import pdf_text
from studypack.app.build import build

NAMES = "Zoë Ó Briain · Бухарин Николай · Ζηνόβιος Καμένεφ · Nguyễn Thị Minh Khai · Łukasz Żółć · Şükrü Ağaoğlu"


def test_scripts_print_and_extract_exactly(tmp_path):
    pack = tmp_path / "names"
    pack.mkdir()
    (pack / "pack.yaml").write_text(textwrap.dedent(f"""\
        title: "{NAMES}"
        subject: History
        level: All
        sheets:
          - id: names
            kind: worksheet
            title: Names
            questions:
              - kind: short
                prompt: "Who are {NAMES}?"
                marks: 1
                answer: "{NAMES}"
        """), encoding="utf-8")
    result = build(pack, None, tmp_path / "out")
    assert result.warnings == []
    folder = tmp_path / "out" / "names"
    assert NAMES in pdf_text(folder / "names.pdf")
    assert NAMES in pdf_text(folder / "answer-key.pdf")


def test_unprintable_characters_are_reported_with_their_line(tmp_path):
    pack = tmp_path / "emoji"
    pack.mkdir()
    (pack / "pack.yaml").write_text(textwrap.dedent("""\
        title: Trials
        subject: History
        level: All
        sheets:
          - id: s
            kind: worksheet
            title: Scales ⚖ of justice
            questions:
              - {kind: short, prompt: Why?, marks: 1, answer: Because}
        """), encoding="utf-8")
    from studypack.app.build import check

    _, warnings = check(pack)
    assert [str(w) for w in warnings] == [
        f"{pack / 'pack.yaml'}:7: sheet 's': 1 character cannot be printed in the layout's fonts: '⚖' U+2696 (×1): "
        "they would print as nothing (left out without a mark); replace them"]
