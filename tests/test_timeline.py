"""The timeline drawn truly to scale, checked on its layout: dots at their dates, ticks on the
same scale, no two dots overlapping, no labels overlapping, no leader through a year's number;
large print says its list is a list; dyslexia keeps the timeline at 12 pt or more, and lists
one it cannot draw on one page."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from conftest import EXAMPLE, pdf_text
from studypack.settings import layout as layouts
from studypack.app.build import build
from studypack.base.units import MM
from studypack.content.validate import load_pack
from studypack.pdf import preflight
from studypack.views.drawing import FAR, Timeline, _crosses, when
from studypack.views.job import Job
from studypack.views.notes import TimelineFar
from studypack.kinds.sheets.timeline import view as timeline


def drawn(name: str = "default") -> Timeline:
    pack = load_pack(EXAMPLE).pack
    ctx = Job(layouts.load(name), pack, EXAMPLE).composer()
    line = next(f for f in timeline.body(pack, ctx) if isinstance(f, Timeline))
    line.wrap(ctx.text_width(), 225 * MM)
    return line


@pytest.fixture(scope="module")
def plan():
    line = drawn()
    return line, line.drawing()


def test_dots_sit_at_their_dates_with_ticks_on_the_same_scale(plan):
    line, found = plan
    ticks = {year: y for year, y, _side, _dy in found["ticks"]}
    assert sorted(ticks) == list(range(1924, 1939))
    for e in found["events"]:  # every dot between its year's tick and the next, at its share of the year
        year = int(e["t"])
        start, end = ticks[year], ticks.get(year + 1, line.y_of(year + 1))
        assert e["y"] == pytest.approx(start - (e["t"] - year) * (start - end), abs=0.01)
        assert start >= e["y"] > end
    kirov = next(e for e in found["events"] if e["t"] == when("1 December 1934"))
    assert ticks[1934] > kirov["y"] > ticks[1935]


def test_the_scale_changes_once_where_the_events_crowd_and_says_so(plan, tmp_path):
    line, found = plan
    year, times = line.change  # the example's events crowd into 1934-38 after a quiet decade
    assert 1930 <= year <= 1935 and times >= 2
    ticks = {y: at for y, at, _side, _dy in found["ticks"]}
    before = {ticks[y] - ticks[y + 1] for y in range(1924, year)}
    after = {ticks[y] - ticks[y + 1] for y in range(year, 1938)}
    assert max(before) - min(before) < 0.01 and max(after) - min(after) < 0.01  # one scale on either side
    assert min(after) / min(before) == pytest.approx(times)
    mark, side = found["change"]  # the double stroke, in the year before the change, with its '×N' beside it
    assert ticks[year - 1] > mark > ticks[year] and side is not None
    build(EXAMPLE, "default", tmp_path, jobs=2)
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}
    printed = " ".join(pdf_text(tmp_path / "show-trials" / "timeline.pdf").split())
    assert f"from {year} on" in printed and f"one year takes as much room as {words[times]} years before {year}" in printed
    assert f"\u00d7{times}" in printed


def test_the_preflight_hears_of_a_label_far_from_its_dot():
    """Every shipped layout builds the example with no preflight warning (tests/test_paper.py), so no
    label on any page of its timeline is far from its dot; here the preflight is seen to notice one."""
    line = drawn()
    one_scale = Timeline(line.events, line.font, line.gap, True, line.max_height, line.label_size)
    one_scale.wrap(line.width, 225 * MM)
    assert one_scale.farthest() > FAR  # on one scale the crowded years push labels far off
    heard = {}
    for flowable in (one_scale, line):
        canvas = Canvas(io.BytesIO())
        canvas._studypack_notes = []
        flowable.drawOn(canvas, 0, 0)
        heard[flowable] = [n for n in canvas._studypack_notes if isinstance(n, TimelineFar)]
    assert heard[one_scale] and not heard[line]
    page = preflight.PageNotes({"title": "Timeline"}, 1, 1, heard[one_scale])
    said = [p.message for p in preflight.check([page], 0, 700, "timeline.pdf")]
    assert any("the timeline's label" in m and "mm from its dot" in m for m in said)


def test_no_dots_overlap_and_every_year_has_its_number(plan):
    _line, found = plan
    r = found["radius"]
    marks = found["marks"]
    for (_low, high), (next_low, _high) in zip(marks, marks[1:]):  # (lowest y, highest y), up the page
        assert next_low - high > 2 * r  # each mark is clear of the next
    ys = [e["y"] for e in found["events"]]
    assert all(any(low - 0.01 <= y <= high + 0.01 for low, high in marks) for y in ys)
    assert all(side is not None for _year, _y, side, _dy in found["ticks"])


def test_labels_do_not_overlap_and_no_leader_crosses_a_year(plan):
    line, found = plan
    for side in (0, 1):
        boxes = sorted(((e["top"], e["top"] - e["height"]) for e in found["events"] if e["side"] == side), reverse=True)
        for (_top, bottom), (next_top, _b) in zip(boxes, boxes[1:]):
            assert next_top <= bottom
    for year, y, side, dy in found["ticks"]:
        box = line.year_box(year, y + dy, side, found["axis"])
        assert not any(_crosses(e["leader"], box) for e in found["events"]), year
    # leaders on one side never cross each other: dots and labels keep the same order
    for side in (0, 1):
        mine = [e for e in found["events"] if e["side"] == side]
        assert [e["top"] for e in mine] == sorted((e["top"] for e in mine), reverse=True)


def test_labels_sit_as_close_to_their_dots_as_the_page_allows(plan):
    _line, found = plan
    lenin = found["events"][0]  # alone at the top: its date beside its dot
    assert abs(lenin["top"] - lenin["date_height"] / 2 - lenin["y"]) < 3 * MM
    far = [abs(e["top"] - e["date_height"] / 2 - e["y"]) for e in found["events"]]
    assert sum(far) / len(far) < 8 * MM


def test_dyslexia_lists_a_timeline_it_cannot_draw_on_one_page_in_date_order():
    """At 12 pt the example's line would run over two pages at three scales (September 1936 drawn
    above August 1936): it prints as a list in date order instead, saying so, never below 12 pt."""
    pack = load_pack(EXAMPLE).pack
    ctx = Job(layouts.load("dyslexia"), pack, EXAMPLE).composer()
    found = timeline.body(pack, ctx)
    assert not any(isinstance(f, Timeline) for f in found)
    assert "as a list: too many to draw to scale on one page" in found[0].getPlainText().replace("\xa0", " ")
    cells = [cell for table in found[2:] for row in getattr(table, "_cellvalues", None) or table._content[0]._cellvalues
             for cell in row]
    paragraphs = [p for cell in cells for p in (cell if isinstance(cell, list) else [cell])]
    dates = [when(p.getPlainText()) for p in paragraphs if p.style.name == "timeline.date"]
    assert len(dates) == len(pack.timeline) and dates == sorted(dates)
    assert all(p.style.fontSize >= 12 for p in paragraphs)


def test_dyslexia_draws_a_timeline_that_fits_one_page_at_12_pt_flush_left():
    pack = load_pack(EXAMPLE).pack
    pack = pack.model_copy(update={"timeline": pack.timeline[:6]})
    ctx = Job(layouts.load("dyslexia"), pack, EXAMPLE).composer()
    line = next(f for f in timeline.body(pack, ctx) if isinstance(f, Timeline))
    assert line.label_size >= 12 and line.flush_left
    for _t, date, event in line.events:
        assert date.style.fontSize >= 12 and event.style.fontSize >= 12


def test_the_large_print_list_says_it_is_a_list_and_the_drawing_says_it_is_to_scale(tmp_path):
    build(EXAMPLE, "large-print-24", tmp_path / "lp", jobs=2)
    listed = pdf_text(tmp_path / "lp" / "show-trials-large-print-24" / "timeline.pdf")
    assert "as a list: it is not drawn to scale" in listed and "Drawn to scale" not in listed
    build(EXAMPLE, "default", tmp_path / "d", jobs=2)
    assert "Drawn to scale: each dot is at its date" in pdf_text(tmp_path / "d" / "show-trials" / "timeline.pdf")


@pytest.mark.parametrize("name", ["default", "exam"])
def test_a_year_moved_off_its_tick_never_sits_beside_another_years_dot(name):
    """A year's number pushed above or below its tick (a leader passes there) stays clear of
    the dots of other years: '1935' beside the dot of 1 December 1934 reads as its year."""
    line = drawn(name)
    found = line.drawing()
    moved = 0
    for year, y, side, dy in found["ticks"]:
        if side is None or not dy:
            continue
        moved += 1
        _l, bottom, _r, top = line.year_box(year, y + dy, side, found["axis"])
        beside = [e["date"].getPlainText() for e in found["events"] if int(e["t"]) != year and bottom <= e["y"] <= top]
        assert not beside, (name, year, beside)
    assert moved  # the example's crowded years do push some numbers off their ticks


def test_the_exam_timeline_keeps_every_label_near_its_dot():
    """In the exam layout (narrower, beside the margin notice) the crowded years 1936-38 once left
    'September 1936' some 17 mm from its dot; a larger change of scale where it brings labels
    nearer keeps every label within 12.5 mm."""
    line = drawn("exam")
    assert line.farthest() < 12.5 * MM, line.farthest() / MM


@pytest.mark.parametrize("name", ["default", "exam"])
def test_no_timeline_entry_ends_on_a_word_alone(name):
    line = drawn(name)
    side = line.drawing()["side_width"]
    checked = 0
    for _t, _date, event in line.events:
        event.wrap(side, 1e6)
        lines = event.blPara.lines
        if len(lines) > 1:
            last = lines[-1]
            words = [w.text for w in last.words] if hasattr(last, "words") else list(last[1])
            assert len(" ".join(words).split()) >= 2, (name, event.getPlainText(), words)
            checked += 1
    assert checked >= 10


def pieces(name: str, height: float | None = None) -> list[Timeline]:
    """The example's timeline as the pages of `name` hold it: split where it does not fit."""
    pack = load_pack(EXAMPLE).pack
    ctx = Job(layouts.load(name), pack, EXAMPLE).composer()
    line = next(f for f in timeline.body(pack, ctx, "Timeline") if isinstance(f, Timeline))
    return line.split(ctx.text_width(), height or ctx.text_height() - 60 * MM)  # each page wrapped as it prints


@pytest.mark.parametrize("name", ["default", "exam"])
def test_no_dot_sits_on_a_year_tick(name):
    """A year's tick never runs under a dot (1929, 1930, 1935 and 23-30 January 1937 once did):
    where a dot sits on a tick, the tick breaks around it, leaving a clear gap and a stub each side."""
    broken = 0
    for piece in pieces(name):
        found = piece.drawing()
        r, axis = found["radius"], found["axis"]
        assert len(found["tick_lines"]) == len(found["ticks"])
        for strokes in found["tick_lines"]:
            assert strokes  # every year keeps a mark
            broken += len(strokes) > 1
            for x1, x2, y in strokes:
                assert x2 - x1 >= 2  # a stub long enough to see
                for low, high in found["marks"]:
                    # the nearest point of the mark (a dot, or a dot drawn long) to the stroke
                    dy = max(low - y, 0.0, y - high)
                    dx = max(x1 - axis, 0.0, axis - x2)
                    assert (dx * dx + dy * dy) ** 0.5 > r + 0.6 + 0.5 + 0.5, (name, y, (low, high))
    assert broken  # the example does have dots on ticks


def test_a_continued_page_keeps_the_scale_or_says_it_does_not():
    """Each page after the first is headed '... (continued)'; its caption says whether it keeps the
    scale of the page before, and every change of scale drawn on it is one its caption names."""
    for name, height in (("default", 100 * MM), ("default", 160 * MM), ("exam", 140 * MM)):
        found = pieces(name, height)
        assert len(found) == 2, name
        first, then = found
        assert not first.header
        heading, caption = (p.getPlainText() for p in then.header)
        assert heading == "Timeline (continued)"
        before = first.room(first.span[1] - 1e-9)
        assert then.before == pytest.approx(before)
        start = then.room(then.span[0])
        if abs(start - before) < 0.05:
            assert caption.startswith("Drawn to the same scale as the page before")
        else:
            assert "not to the scale of the page before" in caption and f"took {before / MM:.0f} mm" in caption
            assert f"one year takes {start / MM:.0f} mm" in caption
        if then.change:  # a break on this page: its caption says where and by how much
            year, times = then.change
            assert f"from {year} on" in caption and f"\u00d7{times}" in caption
            assert then.drawing()["change"] is not None
        else:
            assert then.drawing()["change"] is None and "\u00d7" not in caption


def test_a_continued_page_that_fits_on_the_scale_before_keeps_it():
    """Where the years left fit the page on the scale the page before ended on, the distances mean the
    same on both pages: one year takes the same room at the foot of one and the head of the next."""
    kept = 0
    for name, height in (("default", 160 * MM), ("exam", 120 * MM)):
        first, then = pieces(name, height)
        if then.fixed is not None:
            kept += 1
            assert then.room(then.span[0]) == pytest.approx(first.room(first.span[1] - 1e-9))
            ticks = [y for _year, y, _s, _dy in then.drawing()["ticks"]]
            gaps = [a - b for a, b in zip(ticks, ticks[1:])]
            assert gaps[0] == pytest.approx(first.room(first.span[1] - 1e-9))
    assert kept


def _line_starts(path, page: int) -> list[tuple[float, float]]:
    """(left, right) of each line of text in the left half of a page, from its first entry to above its footer."""
    import re
    import subprocess
    out = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    width, height = (float(v) for v in re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out).groups())
    lines = re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">\s*<word[^>]*>([^<]*)', out)
    first = next(float(b) for _a, b, _c, word in lines if word == "21")  # the first entry: 21 January 1924
    return [(float(a), float(c)) for a, b, c, _w in lines if float(c) < width / 2 - 20 and first - 0.5 <= float(b) < height - 50]


@pytest.mark.parametrize("name,flush_left", [("default", False)])
def test_left_hand_entries_follow_the_layouts_alignment(tmp_path, name, flush_left):
    """Dyslexia asks for everything left aligned: its left-hand entries start at one edge (no ragged
    left; its example timeline is a list, see above, a short one drawn flush left); other layouts set
    them flush right against their leaders."""
    build(EXAMPLE, name, tmp_path, jobs=2)
    folder = "show-trials" if name == "default" else f"show-trials-{name}"
    lines = _line_starts(tmp_path / folder / "timeline.pdf", 1)
    assert len(lines) > 10
    lefts, rights = {round(a) for a, _b in lines}, {round(b) for _a, b in lines}
    if flush_left:
        assert max(lefts) - min(lefts) <= 1 and len(rights) > 5
    else:
        assert max(rights) - min(rights) <= 1 and len(lefts) > 5
