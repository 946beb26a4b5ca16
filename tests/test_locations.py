"""One lookup for "which line of which file holds this key path", one vocabulary for messages."""

from __future__ import annotations

import pickle
import subprocess
import sys

from studypack.base.errors import Location
from studypack.base.locations import Locations
from studypack.base.messages import suggest


def test_locate_finds_the_deepest_written_part_of_a_path():
    where = Locations({(): Location("pack.yaml", 1), ("sheets",): Location("pack.yaml", 4),
                       ("sheets", 0, "questions", 1): Location("more.yaml", 9)}, "pack.yaml")
    assert where.locate(("sheets", 0, "questions", 1, "marks")) == Location("more.yaml", 9)
    assert where.locate(("sheets", 0, "questions", 0)) == Location("pack.yaml", 4)
    assert where.locate(("title",)) == Location("pack.yaml", 1)


def test_locate_falls_back_to_the_first_line_of_the_main_file():
    assert Locations({("a",): Location("x.yaml", 3)}, "main.yaml").locate(("b", 1)) == Location("main.yaml", 1)
    assert Locations.of_lines("x.yaml", {("a",): 3}).locate(("a", "b")) == Location("x.yaml", 3)


def test_locations_survive_a_process_boundary():
    where = Locations({("a",): Location("x.yaml", 3)}, "main.yaml")
    again = pickle.loads(pickle.dumps(where))
    assert again == where and again.fallback == "main.yaml" and again.locate(("z",)) == Location("main.yaml", 1)


def test_suggest():
    assert suggest("liens", ["lines", "marks"]) == " (did you mean 'lines'?)"
    assert suggest("zzz", ["lines", "marks"]) == ""


def test_locations_and_messages_sit_below_everything():
    """They load neither ReportLab nor Jinja2, and loading a layout does not load pack validation."""
    code = ("import sys, studypack.base.locations, studypack.base.messages; "
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'jinja2')); "
            "assert not bad, bad; import studypack.settings.layout; "
            "assert 'studypack.content.validate' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
