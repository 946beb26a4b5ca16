"""No fixed small size anywhere: every style of every shipped layout, and every size the views
work out from one (a labelled picture's numbers, a drawn timeline's text, the letter in an
answer box), is at least its layout's `minimum_text_size`; sizes
written in `em` follow the body, so a layout that sets only `body` grows every label with it."""

from __future__ import annotations

import pytest

from studypack.base.errors import StudypackError
from studypack.content.validate import load_pack
from studypack.kinds.sheets.timeline import view as timeline
from studypack.settings import layout as layouts
from studypack.kinds.questions.labelling import view as labelling_view
from studypack.views.composer import Composer
from studypack.views.drawing import Timeline

from conftest import EXAMPLE

SHIPPED = layouts.shipped_names()


PACK = load_pack(EXAMPLE).pack


def _composer(layout) -> Composer:
    return Composer(layout, PACK, EXAMPLE)


def _computed(ctx: Composer) -> dict[str, float]:
    """The sizes views work out rather than take whole from a style, read off what they make."""
    labelling = next(q for sheet in PACK.sheets for q in sheet.questions if q.kind == "labelling")
    picture = labelling_view._picture(ctx, labelling.image, [(lb.x, lb.y) for lb in labelling.labels], labelling.style)[0]
    sizes = {"labelled picture's numbers": picture.size,
             "letter in an answer box": ctx.letter_box("A").size * 0.55}  # LetterBox.draw: the letter is 0.55 of it
    drawn = [f for f in timeline.body(PACK, ctx) if isinstance(f, Timeline)]
    if drawn:  # a large-print layout lists the events instead, in the timeline styles
        sizes["drawn timeline's years"] = drawn[0].label_size
        sizes["drawn timeline's entries"] = min(p.style.fontSize for event in drawn[0].events for p in event[1:])
    return sizes


@pytest.mark.parametrize("name", SHIPPED)
def test_no_style_and_no_computed_size_is_under_the_layout_minimum(name):
    layout = layouts.load(name)
    minimum = layout.minimum_text_size
    assert minimum >= 7, f"{name}: a minimum text size of {minimum} pt"
    ctx = _composer(layout)
    small = {style: ctx.style(style).fontSize for style in layouts.STYLE_NAMES
             if ctx.style(style).fontSize < minimum}
    small |= {what: size for what, size in _computed(ctx).items() if size < minimum}
    assert small == {}, f"{name}: below its minimum of {minimum} pt"
    tight = [style for style in layouts.STYLE_NAMES if ctx.style(style).leading < ctx.style(style).fontSize]
    assert tight == [], f"{name}: lines closer than their text is tall"


def test_the_labels_of_exercises_follow_their_layout():
    """"True"/"False", "First"/"Last", "Word"/"Meaning" are `question.label`: at least 14 pt in
    young-readers, the body's size in large print and dyslexia, 9 pt in the default."""
    sizes = {name: _composer(layouts.load(name)).style("question.label").fontSize
             for name in ("default", "young-readers", "dyslexia", "large-print-18", "large-print-24")}
    assert sizes == {"default": 9.0, "young-readers": 14.4, "dyslexia": 12.0, "large-print-18": 18.0,
                     "large-print-24": 24.0}


def _own(tmp_path, body: str) -> layouts.Layout:
    (tmp_path / "ours.yaml").write_text(body, encoding="utf-8")
    return layouts.load(str(tmp_path / "ours.yaml"))


def test_a_layout_that_sets_only_the_body_grows_every_style_with_it(tmp_path):
    default = layouts.load("default")
    ours = _own(tmp_path, "extends: default\nstyles:\n  body: {size: 14pt, leading: 20pt}\n")
    for style in layouts.STYLE_NAMES:
        before, after = default.style(style)["size"], ours.style(style)["size"]
        assert after == pytest.approx(before * 14 / 10.5, abs=0.15), style  # in step (the shares have two decimals)
    assert ours.style("question.label")["size"] == 12.0 and ours.style("key.label")["leading"] == 16.0
    assert ours.style("header")["size"] == 10.6  # 0.76em of 14 pt: the footer of a 14 pt layout, not 8 pt


def test_the_minimum_raises_every_size_under_it(tmp_path):
    ours = _own(tmp_path, "extends: default\nminimum_text_size: 13pt\nstyles:\n  key.label: {size: 9pt, leading: 1.2em}\n")
    assert ours.style("key.label")["size"] == 13.0 and ours.style("key.label")["leading"] == 15.6  # 1.2em of 13 pt
    assert ours.style("margin-notice")["size"] == 13.0 and ours.style("title")["size"] == 18.0


@pytest.mark.parametrize("styles, said", [
    ("  body: {size: 1.2em}\n", "style 'body': its size is what other sizes in em are shares of: write it in points"),
    ("  key.label: {size: 0.8 m}\n", "a length is written like '2cm', '12pt' or '0.5in', got '0.8 m'"),
    ("  key.label: {size: 20em}\n", "a share of a size is written like '0.85em' (between 0.1em and 10em), got '20em'"),
])
def test_a_size_that_cannot_be_read_is_a_located_error(tmp_path, styles, said):
    with pytest.raises(StudypackError) as raised:
        _own(tmp_path, "extends: default\nstyles:\n" + styles)
    problem = raised.value.problems[0]
    assert said in problem.message
    assert problem.location is not None and problem.location.line == 3 and problem.location.file.endswith("ours.yaml")
