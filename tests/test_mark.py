"""Marking a class set from the scanner: a real class set built with --marking, its pages
rendered, marked with a pen, turned, warped, blurred, noised and JPEG-compressed (tests/scanner.py),
shuffled, one dropped and one scanned twice; then read back and marked, and every box, mark
and total checked against what the pen did and the copy's variant key."""

from __future__ import annotations

import csv
import io
import random

import numpy as np
import pypdfium2
import pytest
from click.testing import CliRunner
from PIL import Image

import scanner
from studypack.app import batch
from studypack.app import marking as marking_map
from studypack.base.errors import StudypackError
from studypack.commands.cli import main
from studypack.mark import align, run, scans
from studypack.pdf import readback

STUDENTS = 8
# what a pen does to a question, and how often: the boxes it ticks follow from it
SCENARIOS = [("right", 5), ("wrong", 3), ("blank", 2), ("dot", 1), ("too many", 1), ("blacked", 1), ("pencil", 1)]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = scanner.class_set(tmp_path_factory.mktemp("marking"), STUDENTS)
    return folder, scanner.marking_map(folder)


def _plan(entry: dict, rng: random.Random) -> dict[str, str]:
    """The pen kind on each choice of one question (\"\" for none)."""
    scenario = rng.choices([s for s, _w in SCENARIOS], [w for _s, w in SCENARIOS])[0]
    pens = {c: "" for c in entry["choices"]}
    for group, choices in sorted(entry["groups"].items()):
        right = [c for c in choices if c in entry["correct"]]
        wrong = [c for c in choices if c not in entry["correct"]]
        if scenario in ("right", "pencil"):
            for c in right:
                pens[c] = rng.choice(["tick", "cross"]) if scenario == "right" else "pencil"
        elif scenario == "wrong":
            pens[rng.choice(wrong)] = "tick"
            for c in right[1:]:
                pens[c] = "tick"
        elif scenario == "too many":
            for c in right + [rng.choice(wrong)]:
                pens[c] = "tick"
    if scenario == "dot":
        pens[rng.choice(entry["choices"])] = "dot"
    elif scenario == "blacked":
        pens[rng.choice(entry["choices"])] = "blacked"
    return pens


STATE = {"": "empty", "tick": "filled", "cross": "filled", "pencil": "filled", "dot": "uncertain", "blacked": "uncertain"}
PENS = {"tick": scanner.Pen("tick"), "cross": scanner.Pen("cross"), "pencil": scanner.Pen("tick", ink=120),
        "dot": scanner.Pen("dot"), "blacked": scanner.Pen("blacked")}


def _expected_mark(entry: dict, pens: dict[str, str], read: dict) -> str:
    """The mark a teacher gives from the pen marks and the key: '?' where a teacher must look
    (a light pencil tick the reader left to the teacher, too)."""
    states = {c: read[c].state if p == "pencil" else STATE[p] for c, p in pens.items()}
    if "uncertain" in states.values():
        return "?"
    for choices in entry["groups"].values():
        if sum(states[c] == "filled" for c in choices) > sum(c in entry["correct"] for c in choices):
            return "?"
    right = sum(states[c] == "filled" for c in entry["correct"])
    return str(entry["marks"] * right // len(entry["correct"]))


@pytest.fixture(scope="module")
def scanned(built, tmp_path_factory):
    """The class set scanned: photos and a scanner's PDF, in shuffled order, one page dropped,
    one scanned twice, one upside down; with what the pen did to every box."""
    folder, data = built
    rng = random.Random(28)
    out = tmp_path_factory.mktemp("scans")
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    pens: dict[tuple[int, str], dict[str, str]] = {}
    pages: list[tuple[tuple[int, int], bytes]] = []
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        dpi = rng.choice([150, 200, 300])
        image = scanner.render(pdf, index, dpi)
        if copy:
            unit = data["units"][data["copies"][copy - 1]["unit"]]
            page = unit["pages"][number - 1]
            on_page = {b["question"] for b in page["boxes"]}
            for entry in unit["questions"]:
                if entry["question"] in on_page:
                    plan = pens.setdefault((copy, entry["question"]), _plan(entry, rng))
                    for box in page["boxes"]:
                        if box["question"] == entry["question"] and plan[box["choice"]]:
                            scanner.draw(image, box["rect"], PENS[plan[box["choice"]]], dpi, page["size"][1], rng)
        jpeg = scanner.degrade(image, rng, rng.uniform(-10, 10), upside_down=index == 2, warp=rng.uniform(0, 0.04),
                               blur=rng.uniform(0, 0.7), noise=rng.uniform(0, 9), quality=rng.randint(55, 90),
                               background=rng.choice([255, 70]))
        pages.append(((copy, number), jpeg))
    dropped = pages.pop(5)
    pages.append(pages[3])  # scanned twice
    rng.shuffle(pages)
    files = []
    for i, (_where, jpeg) in enumerate(pages[:6]):
        files.append(out / f"photo-{i:02d}.jpg")
        files[-1].write_bytes(jpeg)
    scanner.scanner_pdf(out / "scanner.pdf", [jpeg for _where, jpeg in pages[6:]])
    files.append(out / "scanner.pdf")
    return out, pens, dropped[0], pages[3][0]


@pytest.fixture(scope="module")
def marked(built, scanned):
    _folder, data = built
    out, _pens, _dropped, _twice = scanned
    return run.read_scans([out], data)


def test_every_page_carries_its_code_and_four_squares(built):
    folder, data = built
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    page = data["units"][0]["pages"][0]
    pixels = np.asarray(scanner.render(pdf, 0, 200))
    codes = align.codes(pixels)
    assert [c.text for c in codes] == [f"SP1/{data['build']}/1/A/-/1"]
    for x, y, side in page["corners"]:  # a filled square where the map says
        left, top = int((x + side / 2) * 200 / 72), int((page["size"][1] - y - side / 2) * 200 / 72)
        assert pixels[top - 5:top + 5, left - 5:left + 5].max() < 100
    for box in page["boxes"]:  # the map's rectangle is the printed square: border dark, inside white
        x, y, w, h = box["rect"]
        left, top = (x * 200 / 72), ((page["size"][1] - y - h) * 200 / 72)
        side = w * 200 / 72
        inside = pixels[int(top + side * 0.2):int(top + side * 0.8), int(left + side * 0.2):int(left + side * 0.8)]
        assert inside.min() > 200, box
        assert pixels[int(top + side / 2), int(left) - 1:int(left) + 2].min() < 128, box


def test_the_map_holds_each_variants_key(built):
    _folder, data = built
    first = {e["question"]: e for e in data["units"][0]["questions"]}
    assert first["quiz:1"]["kind"] == "multiple-choice" and len(first["quiz:1"]["correct"]) == 1
    assert first["quiz:3"]["kind"] == "multiple-select" and len(first["quiz:3"]["correct"]) == 2
    assert first["quiz:4"]["groups"] == {"1": ["1 True", "1 False"], "2": ["2 True", "2 False"], "3": ["3 True", "3 False"]}
    assert first["quiz:4"]["correct"] == ["1 True", "2 False", "3 True"]
    assert "quiz:5" not in first  # the short answer is the teacher's
    second = {e["question"]: e for e in data["units"][1]["questions"]}
    assert any(first[q]["correct"] != second[q]["correct"] for q in first)  # variant B's options in another order
    assert [c["copy"] for c in data["copies"]] == list(range(1, STUDENTS + 1))


@pytest.mark.slow  # a class scanned: about half a minute
def test_every_clear_box_is_read_right_and_every_doubtful_one_flagged(built, scanned, marked):
    _folder, data = built
    _out, pens, dropped, _twice = scanned
    checked = 0
    for (copy, question), plan in pens.items():
        readings = marked.readings.get(copy, {})
        for choice, pen in plan.items():
            reading = readings.get((question, choice))
            if reading is None:
                continue  # its page was the one dropped
            if pen == "pencil":  # a light pencil tick: ticked, or left to the teacher, never empty
                assert reading.state in ("filled", "uncertain"), (copy, question, choice, reading)
                continue
            assert reading.state == STATE[pen], (copy, question, choice, pen, reading)
            checked += 1
    assert checked >= 150


@pytest.mark.slow  # a class scanned: about half a minute
def test_marks_and_totals_are_the_variant_keys(built, scanned, marked, tmp_path):
    _folder, data = built
    _out, pens, dropped, _twice = scanned
    from studypack.mark import report
    report.write(marked, tmp_path, force=False)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "marks.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == STUDENTS
    dropped_questions = {b["question"] for b in _page(data, *dropped)["boxes"]} if dropped[0] else set()
    for copy, row in enumerate(rows, start=1):
        unit = data["units"][data["copies"][copy - 1]["unit"]]
        total, waiting = 0, 0
        for entry in unit["questions"]:
            if copy == dropped[0] and entry["question"] in dropped_questions:
                want = "?"
            else:
                readings = {c: marked.readings[copy][(entry["question"], c)] for c in entry["choices"]}
                want = _expected_mark(entry, pens[(copy, entry["question"])], readings)
            assert row[f"quiz Q{entry['label']}"] == want, (copy, entry["question"], pens.get((copy, entry["question"])))
            total += int(want) if want != "?" else 0
            waiting += want == "?"
        assert (row["Total"], row["To review"], row["Student"]) == (str(total), str(waiting), f"Student {copy:02d}")
        assert row["Out of"] == "9"


@pytest.mark.slow  # a class scanned: about half a minute
def test_pages_list_says_what_became_of_each(built, scanned, marked):
    _folder, data = built
    _out, _pens, _dropped, twice = scanned
    whys = [log.why for log in marked.log]
    assert sum("scanned twice" in why for why in whys) == 1
    blank_backs = sum(1 for copy, _n in scanner.copy_pages(data) if not copy)
    assert sum(why == run.BLANK_PAGE for why in whys) == blank_backs
    assert all(why in ("", run.BLANK_PAGE) or "scanned twice" in why for why in whys), whys


def test_two_ticks_where_one_is_allowed_is_for_the_teacher():
    from studypack.mark import score
    entry = {"choices": ["A", "B", "C"], "groups": {"": ["A", "B", "C"]}, "correct": ["B"], "marks": 1}
    assert score.question(entry, {"A": "filled", "B": "filled", "C": "empty"}).why == "2 boxes ticked where 1 allowed"
    assert score.question(entry, {"A": "empty", "B": "filled", "C": "empty"}).mark == 1
    assert score.question(entry, {"A": "empty", "B": "uncertain", "C": "empty"}).mark is None
    tick_two = {"choices": list("ABCD"), "groups": {"": list("ABCD")}, "correct": ["A", "C"], "marks": 2}
    assert score.question(tick_two, {"A": "filled", "B": "filled", "C": "empty", "D": "empty"}).mark == 1


@pytest.mark.slow  # a class scanned: about half a minute
def test_the_command_writes_once_and_the_same_bytes_again(built, scanned, tmp_path):
    folder, _data = built
    out_scans = scanned[0]
    runner = CliRunner()
    args = ["mark", str(out_scans), "--map", str(folder / "marking-map.json"), "--out", str(tmp_path / "m")]
    first = runner.invoke(main, args)
    assert first.exit_code == 1, first.output  # written, with questions to review
    assert "to review by hand" in first.output and "Traceback" not in first.output
    before = {p.relative_to(tmp_path / "m"): p.read_bytes() for p in sorted((tmp_path / "m").rglob("*")) if p.is_file()}
    assert any(str(p).startswith("review/") and str(p).endswith(".png") for p in before)
    again = runner.invoke(main, args)
    assert again.exit_code == 2 and "already holds marks.csv" in again.output and "--force" in again.output
    forced = runner.invoke(main, args + ["--force"])
    assert forced.exit_code == 1
    after = {p.relative_to(tmp_path / "m"): p.read_bytes() for p in sorted((tmp_path / "m").rglob("*")) if p.is_file()}
    assert after == before


def test_a_missing_map_is_a_message_not_a_traceback(tmp_path):
    scan = tmp_path / "a.png"
    Image.new("L", (50, 50), 255).save(scan)
    result = CliRunner().invoke(main, ["mark", str(scan)])
    assert result.exit_code == 2
    assert "no marking map here" in result.output and "--marking" in result.output and "Traceback" not in result.output


def test_an_unreadable_scan_is_listed_not_fatal(built, tmp_path):
    _folder, data = built
    (tmp_path / "broken.jpg").write_bytes(b"not a picture")
    marked = run.read_scans([tmp_path / "broken.jpg"], data)
    assert [(log.file.endswith("broken.jpg"), log.page, log.why) for log in marked.log] == [
        (True, 1, "cannot be read as a picture or PDF")]


def test_a_picture_in_a_pdf_said_to_be_huge_is_read_in_bounded_memory(built, tmp_path):
    """A phone's photo put in a PDF at a low resolution makes a page metres wide: rendered at
    the scanner's 200 dpi it would be 390 million pixels; it is read from at most 16 million."""
    folder, data = built
    page = scanner.render(pypdfium2.PdfDocument(str(folder / "class-set.pdf")), 0, 200)
    page.save(tmp_path / "huge.pdf", resolution=20)  # 1654 pixels said to be 83 inches
    [scan] = list(scans.pages(tmp_path / "huge.pdf", "huge.pdf"))
    assert 1600 ** 2 < scan.pixels.size < scans.MOST_PIXELS * 1.01  # (a side rounded up to a whole pixel)
    [log] = run.read_scans([tmp_path / "huge.pdf"], data).log
    assert (log.copy, log.number, log.why) == (1, 1, "")


def test_a_layout_without_room_for_the_code_is_an_error_at_its_line(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(scanner.PACK, encoding="utf-8")
    (pack / "narrow.yaml").write_text("extends: default\npage:\n  margins: {left: 12mm}\n", encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAnn Lee\n", encoding="utf-8")
    with pytest.raises(StudypackError) as caught:
        batch.build(pack, roster, str(pack / "narrow.yaml"), tmp_path / "out", batch.Options(marking=True))
    message = str(caught.value.problems[0])
    assert "do not fit in the left margin (12 mm)" in message and "marking.code" in message


def test_without_marking_no_map_and_no_code(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(scanner.PACK, encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAnn Lee\n", encoding="utf-8")
    batch.build(pack, roster, None, tmp_path / "out", batch.Options())
    folder = tmp_path / "out" / "pack" / "r"
    assert not (folder / marking_map.FILE).exists()
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    page = scanner.render(pdf, 0, 200)
    assert align.codes(np.asarray(page)) == []
    page.save(tmp_path / "unmarked.png")  # marked against a map, it is a page from elsewhere: listed, not read
    data = {"build": "0000000000", "copies": [], "units": []}
    [log] = run.read_scans([tmp_path / "unmarked.png"], data).log
    assert log.copy is None and log.why.startswith("no studypack QR code found (a page from elsewhere")


def test_a_page_of_another_build_is_listed_not_read(built):
    folder, data = built
    other = dict(data, build="ABCDEF0123")
    marked = run.read_scans([folder / "Student-01-5001.pdf"], other)
    pages = len(data["units"][data["copies"][0]["unit"]]["pages"])
    assert [log.why for log in marked.log] == [f"a page of another build ({data['build']}; this map is ABCDEF0123)"] * pages
    assert marked.readings == {}


def test_the_reader_and_the_printer_agree_on_the_format():
    assert align.PREFIX == readback.PREFIX
    assert run.MAP_FORMAT == marking_map.FORMAT


def _page(data: dict, copy: int, number: int) -> dict:
    return data["units"][data["copies"][copy - 1]["unit"]]["pages"][number - 1]


@pytest.mark.slow  # fourteen class sets
@pytest.mark.parametrize("layout", ["default", "compact", "exam", "letter", "dyslexia", "large-print-24", "large-print-36",
                                    "young-readers"])
def test_the_code_and_squares_touch_nothing_else_on_the_page(layout, tmp_path):
    """Built with and without marking, each page differs only inside the squares and the code,
    and nothing was printed where they go."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(scanner.PACK, encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("Name,Class\nAnn Lee,9X\n", encoding="utf-8")
    renders = {}
    for marking in (False, True):
        out = tmp_path / f"out{marking}"
        batch.build(pack, roster, layout, out, batch.Options(marking=marking, write="copies"))
        [copy] = out.glob("*/r/Ann-Lee.pdf")
        pdf = pypdfium2.PdfDocument(str(copy))
        renders[marking] = [np.asarray(scanner.render(pdf, i, 72)).astype(int) for i in range(len(pdf))]
    data = scanner.marking_map(next((tmp_path / "outTrue").glob("*/r")))
    pages = data["units"][0]["pages"]
    assert len(renders[True]) == len(renders[False]) == len(pages)
    for plain, marked, page in zip(renders[False], renders[True], pages):
        height = page["size"][1]
        ours = np.zeros(plain.shape, bool)
        x, y, side = page["code"]
        for left, bottom, size in page["corners"] + [[x, y, side]]:
            ours[max(0, int(height - bottom - size) - 1):int(height - bottom) + 2, max(0, int(left) - 1):int(left + size) + 2] = True
        paper = plain[0, 0]  # white, or the layout's tint
        assert (plain[ours] >= paper - 3).all(), f"{layout}: something is printed where the code or a square goes"
        assert (np.abs(plain - marked)[~ours] <= 1).all(), f"{layout}: marking moved something else"
        assert (marked[ours] < 100).sum() > 0


@pytest.mark.slow  # a class scanned: about half a minute
def test_item_analysis_is_the_class_marks_by_question_and_option(built, marked, tmp_path):
    from studypack.mark import report
    report.write(marked, tmp_path, force=False)
    marks = list(csv.DictReader(io.StringIO((tmp_path / "marks.csv").read_text(encoding="utf-8-sig"))))
    items = {row["Question"]: row for row in
             csv.DictReader(io.StringIO((tmp_path / "item-analysis.csv").read_text(encoding="utf-8-sig")))}
    assert list(items) == ["quiz Q1", "quiz Q2", "quiz Q3", "quiz Q4", "quiz Q6", "quiz Q7"]
    for heading, row in items.items():
        decided = [int(r[heading]) for r in marks if r[heading] not in ("", "?")]
        assert row["Copies marked"] == str(len(decided))
        if decided:
            assert row["Facility"] == f"{sum(decided) / (int(row['Marks']) * len(decided)):.2f}"
    ticks = items["quiz Q1"]["Ticks per option"]  # by the option as written, whatever letter a variant gave it
    assert sorted(part.split(":")[0] for part in ticks.split("; ")) == ["Don", "Neva (right)", "Ural", "Volga"]
    counted = sum(1 for copy in marked.data["copies"] for (q, c), r in marked.readings.get(copy["copy"], {}).items()
                  if q == "quiz:1" and r.state == "filled")
    assert sum(int(part.rsplit(": ", 1)[1]) for part in ticks.split("; ")) == counted
