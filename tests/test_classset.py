"""Class sets: named copies, the print-ready class set, variants with keys, access
arrangements from the roster; read back from the PDFs the way a teacher would see them."""

from __future__ import annotations

import functools
import re
import string
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from studypack.app import batch
from studypack.io import roster as rosters
from studypack.plan import variants
from studypack.commands.cli import main
from studypack.content.validate import load_pack

from conftest import EXAMPLE, ROOT, squash

ROSTER = ROOT / "examples" / "class-9b.csv"


def pages_text(path: Path) -> list[str]:
    return list(_pages_text(str(path), path.stat().st_mtime_ns))


@functools.lru_cache(maxsize=None)
def _pages_text(path: str, _stamp: int) -> tuple[str, ...]:
    """Extracting a class set takes seconds: each file is read once per test session."""
    return tuple(squash(page.extract_text() or "") for page in PdfReader(path).pages)


@pytest.fixture(scope="session")
def class_set(tmp_path_factory):
    out = tmp_path_factory.mktemp("classset")
    options = batch.Options(variants=3, separators=True, keys="per-student")
    result = batch.build(EXAMPLE, ROSTER, None, out, options)
    return out / "show-trials" / "class-9b", result


@pytest.fixture(scope="session")
def students():
    return rosters.read(ROSTER).students


def test_one_named_file_per_student(class_set, students):
    folder, result = class_set
    assert result.problems == [] and result.copies == len(students) == 12
    files = sorted(p.name for p in folder.glob("*-41[0-9][0-9].pdf"))  # surname, first name, candidate number
    assert files == sorted(f"{stem}.pdf" for stem in rosters.file_stems(students))
    assert "O'Brien-&-Sons-Aoife-4101.pdf" in files and "Бухарин-Николай-4102.pdf" in files
    assert "Smith-Sam-4106.pdf" in files and "Smith-Sam-4107.pdf" in files  # namesakes stay two
    assert len(list((folder / "keys").glob("*-key.pdf"))) == 12


@pytest.mark.parametrize("index", range(12))
def test_names_print_exactly_on_every_page(class_set, students, built, index):
    folder, _ = class_set
    student = students[index]
    stem = rosters.file_stems(students)[index]
    texts = pages_text(folder / f"{stem}.pdf")
    plain = pages_text(built[0] / "pack.pdf")
    if student.layout:  # large print: the same questions on more pages
        assert student.layout == "large-print-24" and len(texts) > 2 * len(plain) * 0.9
    elif student.tier:  # one tier's version of the tiered sheet, not both
        assert len(plain) - 4 <= len(texts) < len(plain)
    else:
        assert len(texts) == len(plain) > 10
    header = f"{student.name} · {student.group} · {student.id}"
    for number, page in enumerate(texts, start=1):
        if student.layout:  # large print: one line in the header's room, shortened, never off the page top
            assert f"{student.name[:7]}…" in page, f"page {number}"
        else:
            assert header in page, f"page {number}"
    # the Name and Class blanks on each sheet's first page are filled in
    openings = [i for i, page in enumerate(texts) if " Name Class " in page]
    assert len(openings) >= 3
    for i in openings:
        assert texts[i].replace(header, "").count(f"{student.name} {student.group}") == 1, f"page {i + 1}"
    # the cover's candidate-number boxes hold one digit each
    covers = [t for t in texts if "Candidate number" in t]
    assert covers and all(t.endswith(f"{student.name} {student.group} {' '.join(student.id)}") for t in covers)


def test_hostile_name_is_text_not_markup(class_set):
    folder, _ = class_set
    text = " ".join(pages_text(folder / "O'Brien-&-Sons-Aoife-4101.pdf"))
    assert "Aoife O'Brien & <Sons>" in text
    assert "&amp;" not in text and "&lt;" not in text


def test_fonts_embedded_in_copies(class_set):
    folder, _ = class_set
    reader = PdfReader(str(folder / "Παπαδοπούλου-Ζωή-4103.pdf"))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts and all("/FontFile2" in fonts[name].get_object()["/FontDescriptor"] for name in fonts)


def test_class_set_duplex_and_separators(class_set, students):
    folder, result = class_set
    texts = pages_text(folder / "class-set.pdf")
    assert texts[0].startswith("Class 9B") and "12 copies" in texts[0]
    assert texts[1] == "This page is intentionally blank"
    starts = [i for i, t in enumerate(texts) if t.startswith("The road to the show trials History")]
    assert len(starts) == 12
    assert all(i % 2 == 0 for i in starts)  # 0-based even: page 3, 21, ... a front side
    for start, student in zip(starts, students):
        assert student.name in texts[start]


def test_duplex_padding_for_odd_copies(tmp_path):
    pack = tmp_path / "tiny"
    pack.mkdir()
    (pack / "pack.yaml").write_text(textwrap.dedent("""\
        title: Tiny
        subject: History
        level: Year 9
        sheets:
          - id: one
            kind: worksheet
            title: One page
            questions:
              - {kind: multiple-choice, prompt: Which?, marks: 1, options: [First, Second, Third], answer: C}
              - {kind: multiple-choice, prompt: Then?, marks: 1, options: [Up, Down], answer: A, shuffle: false}
        """), encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("Name,Class\nAnn Lee,9A\nBo Ray,9A\nCy Dee,9B\n", encoding="utf-8")
    result = batch.build(pack, roster, None, tmp_path / "out", batch.Options(variants=2))
    texts = pages_text(tmp_path / "out" / "tiny" / "r" / "class-set.pdf")
    assert len(texts) == 6
    assert [t == "This page is intentionally blank" for t in texts] == [False, True] * 3
    assert ["Ann Lee" in texts[0], "Bo Ray" in texts[2], "Cy Dee" in texts[4]] == [True] * 3
    assert result.pages == 3
    assert "Variant A" in texts[0] and "Variant B" in texts[2] and "Variant A" in texts[4]
    # `shuffle: false` keeps the written order in every variant
    assert all(t.index("Up") < t.index("Down") for t in (texts[0], texts[2]))


@pytest.mark.slow  # a whole class set built twice (the golden hashes hold its bytes too)
def test_rebuild_gives_the_same_bytes(class_set, tmp_path):
    folder, _ = class_set
    batch.build(EXAMPLE, ROSTER, None, tmp_path, batch.Options(variants=3, separators=True, keys="per-student"))
    again = tmp_path / "show-trials" / "class-9b"
    for name in ("class-set.pdf", "answer-key.pdf", "Бухарин-Николай-4102.pdf", "keys/Ångström-Müller-Zoë-4105-key.pdf"):
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


def _options_order(page_text: str, options: list[str]) -> list[int]:
    return sorted(range(len(options)), key=lambda i: page_text.index(squash(options[i])))


def test_each_variant_key_matches_its_sheets(class_set, students):
    folder, _ = class_set
    pack = load_pack(EXAMPLE).pack
    seed = variants.pack_seed(pack)
    key_pages = pages_text(folder / "answer-key.pdf")
    grid = key_pages[0]
    assert grid.startswith(squash(pack.title)) and "Answer grid" in grid
    stems = rosters.file_stems(students)
    for index, name in enumerate("ABC"):
        variant_pack, answers = variants.make(pack, seed, name)
        page = next(p for p in key_pages if p.startswith(f"Variant {name}: answers"))
        # variants are dealt A, B, C in roster order; take a copy without a tier, so every question prints
        pick = next(i for i in range(index, len(students), 3) if not students[i].tier)
        copy = [" ".join(pages_text(folder / f"{stems[pick]}.pdf"))]
        assert f"Variant {name}" in copy[0]
        checked = 0
        for sheet, original, rows in zip(variant_pack.sheets, pack.sheets, answers):
            for question, answer in zip(sheet.all_questions, rows):
                if question.kind != "multiple-choice":
                    continue
                source = original.all_questions[answer.original - 1]
                letter = string.ascii_uppercase.index(question.answer)
                # the key's option is the same text as the pack's correct answer
                assert question.options[letter] == source.options[string.ascii_uppercase.index(source.answer)]
                assert answer.correct == question.answer
                assert f"{answer.number} {question.answer} {squash(question.options[letter])}" in page
                # and the student's sheet shows the options in this variant's order
                shown = next(t for t in copy if squash(question.prompt) in t)
                after = shown[shown.index(squash(question.prompt)) + len(squash(question.prompt)):]
                assert _options_order(after, question.options) == list(range(len(question.options)))
                checked += 1
        assert checked >= 8
        assert f"{name} " + " ".join(a.correct or "–" for a in answers[0]) in grid


def test_class_set_key_letters_are_those_of_printed_papers(class_set):
    """The mark scheme comes per variant, in that variant's letters, under its variant's name;
    the pack's own letters (no paper has them) appear nowhere; the tiers covered are named."""
    folder, _ = class_set
    pack = load_pack(EXAMPLE).pack
    seed = variants.pack_seed(pack)
    key_pages = pages_text(folder / "answer-key.pdf")
    assert "This key covers the foundation and higher tiers" in key_pages[0]
    mc = [(s, q) for s, sheet in enumerate(pack.sheets) for q, question in enumerate(sheet.all_questions)
          if question.kind == "multiple-choice"]
    for name in "ABC":
        variant_pack, _answers = variants.make(pack, seed, name)
        mine = " ".join(p for p in key_pages if f"Variant {name}: answers and mark scheme" in p)
        assert f"Variant {name}: mark scheme" in mine
        for s, q in mc:
            question = variant_pack.sheets[s].all_questions[q]
            right = question.options[string.ascii_uppercase.index(question.answer)]
            assert f"{question.answer} {squash(right)} (correct answer)" in mine, (name, right)
    whole = " ".join(key_pages)
    kirov = pack.sheets[0].questions[0]
    assert kirov.answer == "A" and "A Sergei Kirov (correct answer)" not in whole
    shared = " ".join(p for p in key_pages if "Mark scheme: all variants" in p)
    assert "quick checks" not in shared and "The road to the show trials" not in shared  # its lists shuffle too


def test_variants_differ_and_are_seeded():
    pack = load_pack(EXAMPLE).pack
    seed = variants.pack_seed(pack)
    a1, _ = variants.make(pack, seed, "A")
    a2, _ = variants.make(pack, seed, "A")
    b, _ = variants.make(pack, seed, "B")
    assert a1 == a2 and a1 != b
    assert [q.marks for s in b.sheets for q in s.questions] == [q.marks for s in pack.sheets for q in s.questions]
    assert [variants.letter(i) for i in (0, 1, 25, 26)] == ["A", "B", "Z", "AA"]


def _dealt(count: int) -> list[list[str]]:
    """Per shuffled multiple-choice question (in pack order): its correct letter in each of `count` variants."""
    pack = load_pack(EXAMPLE).pack
    seed = variants.pack_seed(pack)
    made = [variants.make(pack, seed, variants.letter(i))[1] for i in range(count)]
    out = []
    for s, sheet in enumerate(pack.sheets):
        for q, question in enumerate(sheet.all_questions):
            if question.kind == "multiple-choice" and question.shuffle:
                out.append([answers[s][q].correct for answers in made])
    return out


def test_variants_deal_the_correct_option_to_different_letters():
    two = _dealt(2)
    assert len(two) >= 8 and all(a != b for a, b in two), two
    four = _dealt(4)
    assert all(len(set(letters)) == 4 for letters in four), four
    # and never the pack's own letter in variant A, so a familiar key cannot mark a paper
    pack = load_pack(EXAMPLE).pack
    originals = [q.answer for s in pack.sheets for q in s.all_questions if q.kind == "multiple-choice" and q.shuffle]
    assert all(letters[0] != original for letters, original in zip(four, originals))


def test_class_set_grid_has_no_letter_shared_by_neighbouring_variants(class_set):
    folder, _ = class_set
    grid = pages_text(folder / "answer-key.pdf")[0]
    # the first sheet's table reads: Variant Q1 … Q9, then a row per variant (its letter, nine cells)
    cells = grid[grid.index("Q9 ") + 3:grid.index(" 2. ")].split()
    rows = {row[0]: row[1:] for row in (cells[i:i + 10] for i in range(0, 30, 10))}
    assert sorted(rows) == ["A", "B", "C"] and sum(x != "–" for x in rows["A"]) == 5, rows
    for first, second in ("AB", "BC"):
        assert all(x != y for x, y in zip(rows[first], rows[second]) if x != "–"), rows


def test_per_student_shuffle_never_keeps_the_written_letter():
    pack = load_pack(EXAMPLE).pack
    seed = variants.pack_seed(pack)
    originals = variants.answers_of(pack)
    for student in ("1001#1", "1002#1", "Ann Lee#1"):
        _p, answers = variants.make(pack, seed, student, dealt=False)
        for mine, written, sheet in zip(answers, originals, pack.sheets):
            for a, w, q in zip(mine, written, sheet.all_questions):
                if q.kind == "multiple-choice" and q.shuffle:
                    assert a.correct != w.correct


def test_shuffle_false_keeps_the_options_in_every_variant(pack_copy):
    source = (pack_copy / "pack.yaml").read_text(encoding="utf-8")
    at = source.index("      - id: kirov\n        kind: multiple-choice\n")
    head, rest = source[:at], source[at:]
    rest = rest.replace("kind: multiple-choice\n", "kind: multiple-choice\n        shuffle: false\n", 1)
    (pack_copy / "pack.yaml").write_text(head + rest, encoding="utf-8")
    pack = load_pack(pack_copy).pack
    kirov = pack.sheets[0].questions[0]
    assert kirov.shuffle is False
    for name in "ABCD":
        variant, answers = variants.make(pack, variants.pack_seed(pack), name)
        assert variant.sheets[0].questions[0].options == kirov.options and answers[0][0].correct == kirov.answer


def test_cli_reports_bad_rows_and_builds_the_rest(tmp_path):
    roster = tmp_path / "9c.csv"
    roster.write_text("Forename,Surname,Form,Layout,Tier\nAnn,Lee,9C,,\n,,9C,,\nBo,Ray,9C,no-such-layout,\n"
                      "Cy,Dee,9C,,expert\nDi,Fox,9C,,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--roster", str(roster), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert any(re.search(r"9c.csv:3: no name in this row .*; row left out", l) for l in lines)
    assert any(re.search(r"9c.csv:4: layout 'no-such-layout': no layout named 'no-such-layout'.*row left out", l) for l in lines)
    assert "9c.csv:5: tier 'expert': write foundation or higher (or F or H), or leave it empty; row left out" \
        in [l.rsplit("/", 1)[-1] for l in lines]
    assert "2 copies" in result.output and "3 roster rows were left out" in result.output
    built = sorted(p.name for p in (tmp_path / "o" / "show-trials" / "9c").glob("*.pdf"))
    assert built == ["Fox-Di.pdf", "Lee-Ann.pdf", "answer-key.pdf", "class-set.pdf"]


def test_cli_refuses_roster_options_without_roster():
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--variants", "2"])
    assert result.exit_code == 2
    assert "need --roster" in result.output


def test_plain_build_leaves_personal_slots_empty(built):
    out, _ = built
    text = squash(PdfReader(str(out / "pack.pdf")).pages[0].extract_text())
    assert "Variant" not in text and " · · " not in text


TINY = textwrap.dedent("""\
    title: Tiny
    subject: History
    level: Year 9
    sheets:
      - id: one
        kind: worksheet
        title: One page
        shuffle: true
        questions:
          - {kind: multiple-choice, prompt: Which river?, marks: 1, options: [Volga, Neva, Don, Ural], answer: B}
          - {kind: multiple-choice, prompt: Which city?, marks: 1, options: [Kyiv, Minsk, Riga, Baku, Oslo], answer: E}
          - {kind: short, prompt: Why?, marks: 2, answer: Because.}
    """)


@pytest.fixture
def tiny(tmp_path):
    pack = tmp_path / "tiny"
    pack.mkdir()
    (pack / "pack.yaml").write_text(TINY, encoding="utf-8")
    return pack


def _letter_of(page: str, option: str) -> str:
    match = re.search(r"\b([A-E]) " + re.escape(option) + r"\b", page)
    assert match, (option, page)
    return match.group(1)


def test_shuffle_gives_each_student_an_order_and_a_matching_key(tiny, tmp_path):
    roster = tmp_path / "r.csv"
    names = ["Ann Lee", "Ann Lee", "Bo Ray", "Cy Dee", "Di Fox", "Ed Poe"]
    roster.write_text("Name\n" + "\n".join(names) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    batch.build(tiny, roster, None, out, batch.Options(shuffle=True, keys="per-student"))
    folder = out / "tiny" / "r"
    orders = []
    for stem in rosters.file_stems(rosters.read(roster).students):
        copy = " ".join(pages_text(folder / f"{stem}.pdf"))
        key = " ".join(pages_text(folder / "keys" / f"{stem}-key.pdf"))
        assert "Variant" not in copy
        order = []
        for prompt, right in (("Which river?", "Neva"), ("Which city?", "Oslo")):
            assert f"{right} (correct answer)" in key
            assert _letter_of(copy, right) == _letter_of(key, right)  # the key ticks what this sheet letters
            order.append(_letter_of(copy, right))
        orders.append((copy.index("Which river?") < copy.index("Which city?"), tuple(order)))
    assert len(set(orders)) > 2  # students get different orders, namesakes included
    assert orders[0] != orders[1]
    grid = pages_text(folder / "answer-key.pdf")[0]
    assert "Ann Lee" in grid and "Ed Poe" in grid
    whole = " ".join(pages_text(folder / "answer-key.pdf"))
    assert "which no student's paper uses" in whole  # the shared key says its letters are the pack's own


def test_layout_column_gives_a_student_another_layout(tiny, tmp_path):
    (tmp_path / "a5-big.yaml").write_text("extends: default\npage: {size: A5}\n"
                                          "styles:\n  body: {size: 16pt, leading: 21pt}\n", encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text(f"Name,Layout\nAnn Lee,\nBo Ray,{tmp_path / 'a5-big.yaml'}\nCy Dee,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = batch.build(tiny, roster, None, out, batch.Options(variants=2))
    assert result.problems == []
    folder = out / "tiny" / "r"
    big = PdfReader(str(folder / "Bo-Ray.pdf")).pages[0]
    assert [round(float(v)) for v in big.mediabox[2:]] == [420, 595]
    reader = PdfReader(str(folder / "class-set.pdf"))
    sizes = [tuple(round(float(v)) for v in page.mediabox[2:]) for page in reader.pages]
    assert (595, 842) in sizes and (420, 595) in sizes
    text = pages_text(folder / "Bo-Ray.pdf")[0]
    assert "Bo Ray" in text and "Variant B" in text and "[1 mark]" in text


def test_unprintable_name_is_a_located_warning(tiny, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAnn Lee\n𓂀 Lee\n", encoding="utf-8")  # no font has hieroglyphs
    result = batch.build(tiny, roster, None, tmp_path / "out", batch.Options())
    assert [str(w).split(": ", 1)[0].rsplit("/", 1)[-1] for w in result.warnings] == ["r.csv:3"]
    assert "cannot print 𓂀 (U+13080) in this name" in str(result.warnings[0])
    assert "they would print as nothing" in str(result.warnings[0])  # the default face: no box, the letter left out


def test_tier_column_gives_that_tier_with_the_same_numbers(class_set, students):
    folder, _ = class_set
    stems = rosters.file_stems(students)
    by_tier = {}
    for student, stem in zip(students, stems):
        by_tier.setdefault(student.tier.lower()[:1], " ".join(pages_text(folder / f"{stem}.pdf")))
    foundation, higher, untiered = by_tier["f"], by_tier["h"], by_tier[""]
    assert "Foundation tier" in foundation and "Higher tier" not in foundation
    assert "Higher tier" in higher and "Foundation tier" not in higher
    # a copy without a tier gets the tiered sheet in both versions, and every other sheet once
    assert untiered.count("Total: 9 marks · Foundation tier") == 1 and untiered.count("Total: 11 marks · Higher tier") == 1
    assert "Total: 26 marks · " not in untiered
    marks = lambda t: re.findall(r"\[(\d+) marks?\]", t)  # noqa: E731
    assert len(marks(foundation)) <= len(marks(untiered)) and len(marks(higher)) <= len(marks(untiered))


def test_check_reads_a_roster_and_writes_nothing(tmp_path):
    roster = tmp_path / "9d.csv"
    roster.write_text("Name,Form,Tier\nAnn Lee,9D,\nBo Ray,9D,expert\nCy Dee,9E,H\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(EXAMPLE), "--roster", str(roster)])
    assert result.exit_code == 1
    lines = [line.rsplit("/", 1)[-1] for line in result.output.splitlines()]
    assert lines == ["9d.csv:3: tier 'expert': write foundation or higher (or F or H), or leave it empty; row left out",
                     "9d.csv: 2 students in 2 classes (9D, 9E) ready to build; 1 row would be left out"]
    assert list(tmp_path.iterdir()) == [roster]


def test_a_very_long_name_prints_whole(tiny, tmp_path):
    name = "Maria-Josefina Anastasia Konstantina de los Santos y Villalobos-Hernández-Papadopoulou-Ivanova"
    roster = tmp_path / "r.csv"
    roster.write_text(f"Name,Class\n{name},9B\n", encoding="utf-8")
    batch.build(tiny, roster, None, tmp_path / "out", batch.Options())
    [copy] = (tmp_path / "out" / "tiny" / "r").glob("Maria-*.pdf")
    assert len(copy.name.encode()) < 120
    page = pages_text(copy)[0]
    assert page.count(name) == 2  # the header and the Name blank, every word, in order


def test_a_row_left_out_of_the_roster_renames_no_one_and_its_copy_is_removed_and_reported(tiny, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAnn Lee\nBo Ray\nCy Dee\n", encoding="utf-8")
    folder = tmp_path / "out" / "tiny" / "r"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    batch.build(tiny, roster, None, tmp_path / "out", batch.Options(keys="per-student"))
    before = {p.name: p.read_bytes() for p in folder.glob("*-*.pdf") if p.name not in ("class-set.pdf", "answer-key.pdf")}
    assert sorted(before) == ["Ann-Lee.pdf", "Bo-Ray.pdf", "Cy-Dee.pdf"]
    roster.write_text("Name\nAnn Lee\nCy Dee\n", encoding="utf-8")
    result = batch.build(tiny, roster, None, tmp_path / "out", batch.Options(keys="per-student"))
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == [
        "Ann-Lee.pdf", "Cy-Dee.pdf", "answer-key.pdf", "class-set.pdf", "keys", "notes.txt"]
    assert sorted(p.name for p in (folder / "keys").glob("*.pdf")) == ["Ann-Lee-key.pdf", "Cy-Dee-key.pdf"]
    assert (folder / "Cy-Dee.pdf").read_bytes() == before["Cy-Dee.pdf"]  # the same file, the same bytes
    assert result.removed == ["Bo-Ray.pdf", "keys/Bo-Ray-key.pdf"] and result.kept == []


def test_while_a_row_is_left_out_no_earlier_copy_is_removed(tmp_path):
    roster = tmp_path / "9c.csv"
    roster.write_text("Forename,Surname,Tier\nAnn,Lee,\nBo,Ray,\nCy,Dee,\n", encoding="utf-8")
    out = tmp_path / "o"
    assert CliRunner().invoke(main, ["build", str(EXAMPLE), "--roster", str(roster), "--out", str(out)]).exit_code == 0
    folder = out / "show-trials" / "9c"
    ray = (folder / "Ray-Bo.pdf").read_bytes()
    # Bo's row is mistyped (left out, still in the class), Cy has left: neither copy goes until the roster is whole
    roster.write_text("Forename,Surname,Tier\nAnn,Lee,\nBo,Ray,expert\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--roster", str(roster), "--out", str(out)])
    assert result.exit_code == 1
    assert (folder / "Ray-Bo.pdf").read_bytes() == ray and (folder / "Dee-Cy.pdf").is_file()
    assert ("kept 2 copies of the last build that this one did not write, as rows were left out (their students' "
            "last copies): Dee-Cy.pdf, Ray-Bo.pdf; they are removed by the first build with no row left out") in result.output
    assert "removed" not in result.output.replace("they are removed", "")
    roster.write_text("Forename,Surname,Tier\nAnn,Lee,\nBo,Ray,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--roster", str(roster), "--out", str(out)])
    assert result.exit_code == 0
    assert "removed 1 copy no longer on the roster: Dee-Cy.pdf" in result.output.splitlines()
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["Lee-Ann.pdf", "Ray-Bo.pdf", "answer-key.pdf", "class-set.pdf"]


def test_switching_to_the_class_set_only_says_the_copies_went(tiny, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAnn Lee\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(tiny), "--roster", str(roster), "--out", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["build", str(tiny), "--roster", str(roster), "--out", str(out),
                                       "--write", "copies"])
    assert "removed class-set.pdf: this build does not write it" in result.output.splitlines()


def test_writing_the_class_set_only_keeps_the_copies_of_students_still_on_the_roster(tiny, tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("Name\nAnn Lee\nBo Ray\nCy Dee\n", encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(tiny), "--roster", str(roster), "--out", str(out)]).exit_code == 0
    folder = out / tiny.name / "r"
    before = {p.name: p.read_bytes() for p in folder.glob("*.pdf")}
    assert sorted(before) == ["Ann-Lee.pdf", "Bo-Ray.pdf", "Cy-Dee.pdf", "answer-key.pdf", "class-set.pdf"]
    result = CliRunner().invoke(main, ["build", str(tiny), "--roster", str(roster), "--out", str(out),
                                       "--write", "class-set"])
    assert result.exit_code == 0, result.output
    assert "removed" not in result.output
    assert "left 3 copies of students on the roster as the last build wrote them (--write class-set writes none)" \
        in result.output.splitlines()
    assert {n: (folder / n).read_bytes() for n in ("Ann-Lee.pdf", "Bo-Ray.pdf", "Cy-Dee.pdf")} == {
        n: before[n] for n in ("Ann-Lee.pdf", "Bo-Ray.pdf", "Cy-Dee.pdf")}
    roster.write_text("Name\nAnn Lee\nCy Dee\n", encoding="utf-8")  # Bo has left: only his copy goes
    result = CliRunner().invoke(main, ["build", str(tiny), "--roster", str(roster), "--out", str(out),
                                       "--write", "class-set"])
    assert "removed 1 copy no longer on the roster: Bo-Ray.pdf" in result.output.splitlines()
    assert sorted(p.name for p in folder.glob("*.pdf")) == ["Ann-Lee.pdf", "Cy-Dee.pdf", "answer-key.pdf", "class-set.pdf"]


def test_multiple_select_matching_and_ordering_shuffle_per_variant_with_their_keys(class_set):
    """Each variant prints these kinds in its own order, never the pack's, and its mark scheme
    gives the letters of its own paper, which name the same content as the pack's answers."""
    from studypack.kinds.questions.matching import spec as matching
    from studypack.kinds.questions.multiple_select import spec as multiple_select
    from studypack.kinds.questions.ordering import spec as ordering

    folder, _ = class_set
    pack = load_pack(EXAMPLE).pack
    seed = variants.pack_seed(pack)
    key_pages = pages_text(folder / "answer-key.pdf")
    kinds = ("multiple-select", "matching", "ordering")
    written = {q.kind: q for s in pack.sheets for q in s.all_questions if q.kind in kinds}
    printed = {}
    for name in "ABC":
        variant_pack, _answers = variants.make(pack, seed, name)
        mine = " ".join(p for p in key_pages if f"Variant {name}: answers and mark scheme" in p)
        found = {q.kind: q for s in variant_pack.sheets for q in s.all_questions if q.kind in kinds}
        assert set(found) == set(kinds)
        select, match, order = found["multiple-select"], found["matching"], found["ordering"]
        # the same right answers, by content
        right = {select.options[string.ascii_uppercase.index(a)] for a in select.answers}
        pack_select = written["multiple-select"]
        assert right == {pack_select.options[string.ascii_uppercase.index(a)] for a in pack_select.answers}
        column = matching.right_column(match)
        assert [column[string.ascii_uppercase.index(a)] for a in matching.answers(match)] == [p.right for p in match.pairs]
        assert sorted(p.left for p in match.pairs) == sorted(p.left for p in written["matching"].pairs)
        shown = ordering.printed(order)
        assert [shown[string.ascii_uppercase.index(a)] for a in ordering.answer(order)] == order.items
        # never the pack's own order
        assert select.options != pack_select.options
        assert column != matching.right_column(written["matching"])
        assert shown != ordering.printed(written["ordering"])
        # the variant's key gives its own letters
        for index in multiple_select.correct_indexes(select):
            assert f"{string.ascii_uppercase[index]} {squash(select.options[index])} (correct answer)" in mine
        assert "Answer: " + ", ".join(f"{i} {a}" for i, a in enumerate(matching.answers(match), start=1)) in mine
        assert "Answer: " + ", ".join(ordering.answer(order)) in mine
        printed[name] = (select.options, column, shown)
    assert len(set(map(repr, printed.values()))) == 3  # every variant differs from the others


def test_copies_renamed_for_an_ascii_file_system_are_warned_once_each(tiny, tmp_path, monkeypatch):
    roster = tmp_path / "r.csv"
    roster.write_text("First name,Surname,Student ID\nMaría,García,4101\nИван,Петров,4102\nAnn,Lee,4103\n", encoding="utf-8")
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "ascii")  # a POSIX locale: LANG=C
    result = batch.build(tiny, roster, None, tmp_path / "out", batch.Options())
    folder = tmp_path / "out" / "tiny" / "r"
    assert sorted(p.name for p in folder.glob("*-41*.pdf")) == ["Garcia-Maria-4101.pdf", "Lee-Ann-4103.pdf",
                                                                 "student-4102.pdf"]
    renamed = [str(w).split("r.csv:", 1)[1] for w in result.warnings if "file names cannot hold" in str(w)]
    assert renamed == [
        "2: María García's copy is named Garcia-Maria-4101.pdf: this system's file names cannot hold every letter of "
        "the name (they are ascii); build under a UTF-8 locale (such as LANG=C.UTF-8) to name the copy as the name is "
        "written",
        "3: Иван Петров's copy is named student-4102.pdf: this system's file names cannot hold every letter of the "
        "name (they are ascii); build under a UTF-8 locale (such as LANG=C.UTF-8) to name the copy as the name is "
        "written"]
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "utf-8")
    assert not [w for w in batch.check(tiny, roster)[2] if "file names cannot hold" in str(w)]
