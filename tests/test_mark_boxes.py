"""Box reading over many boxes and box sizes: a class set scanned every way the issue lists
(turned, skewed to 10°, photographed at an angle, 150 to 600 dpi, greyscale and colour, JPEG
noise, upside down, shuffled, a page twice, a page missing), thousands of boxes marked with
ticks, crosses, dots and boxes blacked out; and large print, whose boxes are more than twice
the default's, read with a fine pen."""

from __future__ import annotations

import random
from pathlib import Path

import pypdfium2
import pytest

import scanner
from studypack.mark import read, run

CLEAR = {"": read.EMPTY_BOX, "tick": read.FILLED, "cross": read.FILLED, "fine tick": read.FILLED, "fine cross": read.FILLED}
DOUBTFUL = {"dot", "blacked"}  # never decided: the teacher looks
PENS = {"tick": scanner.Pen("tick"), "cross": scanner.Pen("cross"), "fine tick": scanner.Pen("tick", width=0.3),
        "fine cross": scanner.Pen("cross", width=0.3), "dot": scanner.Pen("dot"), "blacked": scanner.Pen("blacked")}
Box = tuple[int, str, str]  # copy, question, choice


def _many_boxes_pack(questions: int, statements: int, matching: int) -> str:
    """A quiz of many tick boxes: multiple choice of five options, true/false tables, and
    matching questions (a grid of boxes each: a row a man, a column a trial)."""
    lines = ["title: Many boxes", "subject: History", "level: Year 9", "sheets:", "  - id: quiz", "    kind: worksheet",
             "    title: Quiz", "    questions:"]
    for n in range(questions):
        lines.append(f"      - {{kind: multiple-choice, prompt: Question {n + 1}?, marks: 1, "
                     f"options: [Volga, Neva, Don, Ural, Oka], answer: {'ABCDE'[n % 5]}}}")
    for n in range(statements):
        lines += ["      - kind: true-false", f"        prompt: Table {n + 1}, true or false?", "        marks: 5",
                  "        statements:"]
        lines += [f"          - {{text: Statement {s + 1} of table {n + 1}., answer: {'true' if s % 2 else 'false'}}}"
                  for s in range(5)]
    for n in range(matching):
        lines += ["      - kind: matching", f"        prompt: Match each man to his trial ({n + 1}).", "        marks: 6",
                  "        pairs:"]
        lines += [f"          - {{left: Man {m + 1}, right: Trial {m + 1} of set {n + 1}}}" for m in range(6)]
        lines.append("        distractors: [None of them]")
    return "\n".join(lines) + "\n"


def _scan(folder: Path, data: dict, out: Path, rng: random.Random, weights: dict[str, float], page_kinds) -> dict[Box, str]:
    """Every page with a code of class-set.pdf marked with pens and scanned into `out`
    (`page_kinds(index, rng)`: the dpi and how the scanner treats that page), then shuffled,
    one page dropped and one scanned twice, part as photos and part as a scanner's PDF.
    Returns what the pen did to each box of a page that was scanned."""
    pdf = pypdfium2.PdfDocument(str(folder / "class-set.pdf"))
    pens: dict[Box, str] = {}
    pages: list[tuple[list[Box], bytes]] = []
    for index, (copy, number) in enumerate(scanner.copy_pages(data)):
        if not copy:
            continue  # a blank back: the marking tests read those
        dpi, how = page_kinds(len(pages), rng)
        image = scanner.render(pdf, index, dpi)
        page = data["units"][data["copies"][copy - 1]["unit"]]["pages"][number - 1]
        boxes = []
        for box in page["boxes"]:
            kind = rng.choices(list(weights), list(weights.values()))[0]
            boxes.append((copy, box["question"], box["choice"]))
            pens[boxes[-1]] = kind
            if kind:
                scanner.draw(image, box["rect"], PENS[kind], dpi, page["size"][1], rng)
        pages.append((boxes, scanner.degrade(image, rng, **how)))
    for box in pages.pop(len(pages) // 2)[0]:  # a page missing
        del pens[box]
    pages.append(pages[1])  # a page scanned twice
    rng.shuffle(pages)
    photos = len(pages) * 2 // 3
    for i, (_boxes, jpeg) in enumerate(pages[:photos]):
        (out / f"photo-{i:03d}.jpg").write_bytes(jpeg)
    scanner.scanner_pdf(out / "scanner.pdf", [jpeg for _boxes, jpeg in pages[photos:]])
    return pens


def _every_way(index: int, rng: random.Random) -> tuple[int, dict]:
    """A page as a scanner or phone might return it: each of the issue's troubles on some pages."""
    dpi = 600 if index % 40 == 7 else 300 if index % 10 == 3 else rng.choice([150, 200])
    how = {"angle": rng.choice([-10.0, 10.0]) if index % 5 == 0 else rng.uniform(-10, 10),
           "upside_down": index % 9 == 4, "warp": rng.uniform(0, 0.04) if index % 3 else 0.0,
           "blur": rng.uniform(0, 0.7), "noise": rng.uniform(0, 9), "quality": rng.randint(55, 90),
           "background": rng.choice([255, 70]), "colour": index % 2 == 1}
    return dpi, how


def _compare(marked: run.Marked, pens: dict[Box, str]) -> tuple[int, list, list]:
    """(clear boxes, clear boxes read wrong, doubtful boxes decided): what the reader made of the pen's boxes."""
    clear, wrong, decided = 0, [], []
    for (copy, question, choice), pen in pens.items():
        reading = marked.readings[copy][(question, choice)]
        if pen in DOUBTFUL:
            if reading.state != read.UNCERTAIN:
                decided.append((copy, question, choice, pen, reading))
        else:
            clear += 1
            if reading.state != CLEAR[pen]:
                wrong.append((copy, question, choice, pen, reading, marked.where[(copy, question, choice)]))
    return clear, wrong, decided


@pytest.mark.slow  # 84 pages scanned and read: about 30 s of processor time, 550 MB at most
def test_five_thousand_boxes_scanned_every_way(tmp_path):
    folder = scanner.class_set(tmp_path / "built", 14, text=_many_boxes_pack(questions=5, statements=2, matching=8))
    data = scanner.marking_map(folder)
    scans = tmp_path / "scans"
    scans.mkdir()
    weights = {"": 8, "tick": 3, "cross": 2, "fine tick": 1, "fine cross": 1, "dot": 0.4, "blacked": 0.3}
    pens = _scan(folder, data, scans, random.Random(2028), weights, _every_way)
    marked = run.read_scans([scans], data)
    whys = [log.why for log in marked.log]
    assert sum("scanned twice" in why for why in whys) == 1 and all(w == "" or "scanned twice" in w for w in whys), [w for w in whys if w]
    clear, wrong, decided = _compare(marked, pens)
    assert clear + len([p for p in pens.values() if p in DOUBTFUL]) >= 5000 and clear >= 4500
    assert len(wrong) <= 0.001 * clear, f"{len(wrong)} of {clear} clear boxes read wrong: {wrong}"
    assert decided == []
    assert sum(p in DOUBTFUL for p in pens.values()) >= 50  # enough doubtful boxes to mean something


@pytest.mark.slow  # a large-print class set scanned: about twenty seconds
@pytest.mark.parametrize("layout", ["large-print-24", "large-print-36"])
def test_large_print_boxes_take_a_fine_pen(layout, tmp_path):
    """A fine pen's tick is a small share of a large box: decided all the same; a dot is still the teacher's."""
    folder = scanner.class_set(tmp_path / "built", 3, layout=layout)
    data = scanner.marking_map(folder)
    side = data["units"][0]["pages"][0]["boxes"][0]["rect"][2]
    assert side > 2 * read.REFERENCE  # large boxes indeed
    scans = tmp_path / "scans"
    scans.mkdir()
    weights = {"": 3, "fine tick": 2, "fine cross": 2, "tick": 1, "dot": 1}

    def gentle(_index: int, rng: random.Random) -> tuple[int, dict]:
        return rng.choice([150, 200]), {"angle": rng.uniform(-5, 5), "blur": 0.4, "noise": 5, "quality": 75}
    pens = _scan(folder, data, scans, random.Random(24), weights, gentle)
    marked = run.read_scans([scans], data)
    clear, wrong, decided = _compare(marked, pens)
    assert clear >= 40 and wrong == [] and decided == []
    fine = [marked.readings[c][(q, ch)].ink for (c, q, ch), pen in pens.items() if pen.startswith("fine")]
    assert min(fine) < read.TICKED  # as a share of the box, under the default box's threshold


def test_thresholds_follow_the_box_size():
    large = read.REFERENCE * 9.74 / 4.26  # large-print-24's box
    assert read.state(0.12) == read.UNCERTAIN and read.state(0.12, large) == read.FILLED  # a fine cross
    assert read.state(0.03) == read.EMPTY_BOX and read.state(0.03, large) == read.UNCERTAIN  # a dot is as large in either
    assert read.state(0.005, large) == read.EMPTY_BOX
    assert read.state(0.8, large) == read.UNCERTAIN  # blacked out, whatever the size
    assert read.state(0.3, read.REFERENCE * 0.9) == read.FILLED
