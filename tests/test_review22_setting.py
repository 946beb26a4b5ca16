"""The review of issue 22's subject examples, set as a science text sets them, read back from
the PDF: a number and its unit never part at a line's end ("about 450 / °C"), nor a coordinate
pair ("(8, / 12)"); a reaction's arrow never ends a line of a cloze ("… ⟶ / (2) ___ H₂O(l)")."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from studypack.app.build import build

HEAD = """\
title: "Ties"
subject: Science
level: "GCSE"
sheets:
  - id: ties
    kind: worksheet
    title: "Ties"
    questions:
"""


def _lines(pdf: Path) -> list[str]:
    return [line.strip() for page in PdfReader(str(pdf)).pages for line in page.extract_text().splitlines()
            if line.strip()]


def _built(tmp_path: Path, questions: str, layout: str, document: str = "ties.pdf") -> list[str]:
    pack = tmp_path / "ties"
    pack.mkdir()
    (pack / "pack.yaml").write_text(HEAD + textwrap.indent(textwrap.dedent(questions), "      "), encoding="utf-8")
    build(pack, layout, tmp_path / "out", jobs=1, cache=False)
    folder = tmp_path / "out" / ("ties" if layout == "default" else f"ties-{layout}")
    return _lines(folder / document)


# words of every length before the number, so some of them bring it to a line's end
ANSWER = " ".join(f"{'ab' * k} about 450 °C, 9.81 m/s² and (8, 12) at 20 %." for k in range(1, 16))


@pytest.mark.parametrize("layout", ["default", "large-print-18", "young-readers"])
def test_a_number_stays_with_its_unit_and_a_coordinate_pair_stays_whole(tmp_path, layout):
    lines = _built(tmp_path, f"""\
        - kind: short
          prompt: "Say it."
          marks: 1
          answer: "{ANSWER}"
        """, layout, "answer-key.pdf")
    text = " ".join(lines)
    assert text.count("450") == 15, lines
    for line in lines:
        assert not line.endswith(("450", "9.81", "(8,", "20")), (layout, line)
        assert not line.startswith(("°C", "m/s", "12)", "%")), (layout, line)
