"""The layout settings reference in docs/layouts.md is written from the layout model, and
every template-valued setting is tried out when a layout is loaded."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from studypack.settings import layout as layouts
from studypack.base.errors import StudypackError

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("layout_docs", ROOT / "tools" / "layout_docs.py")
layout_docs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(layout_docs)


def test_docs_reference_matches_the_layout_model():
    page = (ROOT / "docs" / "layouts.md").read_text(encoding="utf-8")
    assert layout_docs.updated(page) == page, "docs/layouts.md is out of date: run python tools/layout_docs.py"


def test_every_setting_is_in_the_reference_with_its_default():
    reference = layout_docs.reference()
    default = layouts.load("default")
    for group, info in layouts.Layout.model_fields.items():
        paths = [path for path, _ in layout_docs.leaves(info.annotation, (group,))] if layout_docs.is_group(info) else [(group,)]
        for path in paths:
            assert f"| `{'.'.join(path)}` |" in reference, path
    assert "| `answer_lines.minimum` | whole number 0–80 | `2` |" in reference
    assert "| `page.margins.top` | length | `22mm` | The header sits in this margin. |" in reference
    assert "| `source.tint` | colour, or `null` | `\"#f5f2ea\"` |" in reference
    assert default.questions.continued in reference


def test_every_setting_says_what_it_does():
    """A new setting is made with setting(default, "what it does") so the reference can list it."""
    def walk(model, path=()):
        for name, info in model.model_fields.items():
            if layout_docs.is_group(info):
                yield from walk(info.annotation, path + (name,))
            else:
                yield path + (name,), info
    missing = [".".join(path) for path, info in walk(layouts.Layout) if info.description is None]
    assert not missing, f"settings without a description: {missing}"


TEMPLATE_PATHS = [path for path, _source, _marker in layouts.template_settings(layouts.Layout())]


def test_the_template_settings_are_the_ones_the_build_renders():
    assert sorted(TEMPLATE_PATHS) == sorted([
        ("marks",), ("questions", "continued"), ("questions", "facing_continued"), ("questions", "total"),
        ("questions", "paper_total"),
        ("questions", "section_total"), ("questions", "spag"),
        ("cover", "code"), ("cover", "title"), ("cover", "time"),
        ("header", "left"), ("header", "centre"), ("header", "right"),
        ("footer", "left"), ("footer", "centre"), ("footer", "right")])


@pytest.mark.parametrize("path", TEMPLATE_PATHS, ids=".".join)
def test_a_broken_template_in_any_template_setting_is_located_at_load(tmp_path, path):
    text = "extends: default\n"
    for depth, key in enumerate(path[:-1]):
        text += "  " * depth + f"{key}:\n"
    text += "  " * (len(path) - 1) + f"{path[-1]}: \"[{{{{ n }}\"\n"
    file = tmp_path / "broken.yaml"
    file.write_text(text)
    with pytest.raises(StudypackError) as caught:
        layouts.load(str(file))
    [problem] = caught.value.problems
    assert problem.location.line == len(path) + 1
    assert problem.message.startswith(f"{'.'.join(path)}: template syntax error: ")


def test_continued_sees_only_the_question_number(tmp_path):
    file = tmp_path / "school.yaml"
    file.write_text("extends: default\nquestions:\n  continued: '{{ pack.title }}, question {{ n }}'\n")
    with pytest.raises(StudypackError) as caught:
        layouts.load(str(file))
    assert [str(p) for p in caught.value.problems] == [
        f"{file}:3: questions.continued: unknown variable 'pack': the variables are n"]
