"""Tagged PDF (layout `tagging: {on: true}`, every shipped layout's): each document carries a structure tree a screen
reader follows, read back here from the files: the catalog's language, title and marks;
headings in order, a data table's header cells with their scope, a figure's alt text, a
formula said in words; headers, footers and page numbers drawn as artifacts, outside the
tree, and no text marked neither way. The pages look exactly as untagged ones do; the
PDF/UA checker finds nothing; a picture without `alt:` is a located warning."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from studypack.app.build import build
from studypack.content.validate import load_pack
from studypack.plan import lint

from conftest import EXAMPLE, ROOT

_spec = importlib.util.spec_from_file_location("tagtree", ROOT / "tools" / "tagtree.py")
tagtree = importlib.util.module_from_spec(_spec)
sys.modules["tagtree"] = tagtree  # its dataclasses look their module up
_spec.loader.exec_module(tagtree)

TAGGED = "extends: default\ntagging:\n  on: true\n"


@pytest.fixture(scope="module")
def tagged(tmp_path_factory) -> Path:
    """The example pack built under the default layout with tagging on."""
    out = tmp_path_factory.mktemp("tagged")
    layout = out / "tagged.yaml"
    layout.write_text(TAGGED, encoding="utf-8")
    result = build(EXAMPLE, str(layout), out, cache=False)
    return result.written[0].path.parent


def tree_of(path: Path):
    return tagtree.read(path.read_bytes())


def test_every_document_is_tagged_with_its_language_and_title_shown(tagged):
    pdfs = sorted(tagged.glob("*.pdf"))
    assert len(pdfs) == 12
    for pdf in pdfs:
        tree = tree_of(pdf)
        assert tree.root is not None, pdf.name
        assert (tree.lang, tree.marked, tree.display_title) == ("en", True, True), pdf.name
        assert tree.unmarked == [], f"{pdf.name}: text marked neither as content nor as artifact"
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-1.5"), pdf.name  # the tree packed into object streams
        assert b"/StructParents" in data or b"/ObjStm" in data


def test_headings_are_read_in_order_at_their_levels(tagged):
    tree = tree_of(tagged / "exam-paper.pdf")
    headings = [(n.role, n.text()) for n in tree.root.walk() if re.fullmatch(r"H[1-6]", n.role)]
    assert headings[-3:] == [("H1", "Paper 1: The Moscow show trials"), ("H2", "Section A: The sources"),
                             ("H2", "Section B: Extended writing")]
    texts = [n.text() for n in tree.root.walk() if n.role == "P"]
    first = next(i for i, t in enumerate(texts) if t.startswith("Give two things you can infer from Source A"))
    assert texts.index("[4 marks]", first) == first + 1  # a question's marks follow its stem


def test_a_data_table_has_header_cells_with_column_scope(tagged):
    tree = tree_of(tagged / "answer-key.pdf")
    table = next(n for n in tree.root.walk() if n.role == "Table")
    rows = [kid for kid in table.kids if isinstance(kid, tagtree.Node)]
    assert all(row.role == "TR" for row in rows)
    head = [(cell.role, cell.scope, cell.text()) for cell in rows[0].kids]
    assert head == [("TH", "Column", "Sheet"), ("TH", "Column", "Questions"), ("TH", "Column", "Marks")]
    assert {cell.role for row in rows[1:] for cell in row.kids} == {"TD"}
    assert [cell.text() for cell in rows[-1].kids][:2] == ["Total", "40"]


def test_options_are_a_list_of_lettered_items(tagged):
    tree = tree_of(tagged / "moscow-trials.pdf")
    lists = [n for n in tree.root.walk() if n.role == "L"]
    assert lists
    items = [kid for kid in lists[0].kids if isinstance(kid, tagtree.Node)]
    assert {item.role for item in items} == {"LI"}
    assert [[part.role for part in item.kids] for item in items] == [["Lbl", "LBody"]] * len(items)
    assert [item.kids[0].text() for item in items] == ["A", "B", "C", "D", "E"][:len(items)]


def test_a_picture_is_a_figure_with_the_packs_alt_text(tagged):
    figures = [n for n in tree_of(tagged / "moscow-trials.pdf").root.walk() if n.role == "Figure"]
    labelled = next(q for _path, _sheet, q in lint.questions(load_pack(EXAMPLE).pack) if q.id == "party-structure")
    assert labelled.image.alt.startswith("A pyramid cut into four levels")
    assert [f.alt for f in figures] == [labelled.image.alt]


def test_page_furniture_and_line_numbers_are_artifacts_outside_the_tree(tagged):
    tree = tree_of(tagged / "exam-paper.pdf")
    read = " ".join(n.text() for n in tree.root.walk())
    artifacts = " ".join(tree.artifacts)
    assert "Page 1 of 5" in artifacts and "Page 1 of" not in read
    assert "Question 4 continued" in artifacts and "Question 4 continued" not in read
    booklet = tree_of(tagged / "source-booklet.pdf")
    numbers = [a.strip() for a in booklet.artifacts]
    assert "5" in numbers and "10" in numbers  # a source's line numbers
    assert not re.search(r"(?:^| )5 10 15", " ".join(n.text() for n in booklet.root.walk()))


def test_a_keys_continued_line_is_an_artifact(tagged):
    tree = tree_of(tagged / "answer-key.pdf")
    continued = [a.strip() for a in tree.artifacts if "continued" in a]
    assert "Question 4 continued" in continued  # the line the key prints atop a page a question goes on to
    assert not [n.text() for n in tree.root.walk() if "continued" in n.text()]


def test_a_labelled_picture_is_one_figure_with_its_labels_inside(tmp_path):
    pytest.importorskip("ziamath")
    layout = tmp_path / "tagged.yaml"
    layout.write_text(TAGGED, encoding="utf-8")
    result = build(ROOT / "examples" / "maths", str(layout), tmp_path / "out", cache=False)
    tree = tree_of(result.written[0].path.parent / "source-booklet.pdf")
    figures = [n for n in tree.root.walk() if n.role == "Figure"]
    assert len(figures) == 1 and figures[0].alt.startswith("A right-angled triangle ABC")
    assert figures[0].text().split() == ["A", "B", "C", "6", "cm", "8", "cm", "\U0001d465"]  # the labels, within the figure (the formula's maths italic x too)
    assert not [n for n in figures[0].walk() if n.role in ("Figure", "P") and n is not figures[0]]
    assert not [n for n in tree.root.walk() if n.role == "P" and n.text() in ("A", "6 cm")]


def test_a_board_cover_and_boxed_numbers_are_tagged(tmp_path):
    layout = tmp_path / "tagged.yaml"
    layout.write_text("extends: exam\ntagging:\n  on: true\n", encoding="utf-8")
    result = build(ROOT / "examples" / "papers" / "aqa-paper-1a", str(layout), tmp_path / "out", cache=False)
    tree = tree_of(result.written[0].path.parent / "paper-1.pdf")
    assert tree.unmarked == []
    read = [(n.role, n.text()) for n in tree.root.walk() if n.role in ("H1", "H2", "P")]
    assert ("H1", "Paper 1 Section A/C: Russia, 1894–1945: Tsardom and communism") in [
        (role, " ".join(said.split())) for role, said in read]  # the cover's title, over two lines
    assert [t for r, t in read if r == "H2"][:2] == ["GCSE", "HISTORY"]
    assert [t for r, t in read if r == "H2"][3:7] == ["Materials", "Instructions", "Information", "Advice"]
    assert ("P", "0\n 1") in read  # AQA's question number in its boxes: read as text, the boxes skipped


@pytest.fixture(scope="module")
def untagged(tmp_path_factory) -> Path:
    """The example pack built under the default layout with tagging off."""
    out = tmp_path_factory.mktemp("untagged")
    layout = out / "untagged.yaml"
    layout.write_text("extends: default\ntagging:\n  on: false\n", encoding="utf-8")
    return build(EXAMPLE, str(layout), out, cache=False).written[0].path.parent


def test_tagged_pages_look_exactly_as_untagged_ones(tagged, untagged):
    plain_folder = untagged
    for name in ("exam-paper.pdf", "answer-key.pdf", "source-booklet.pdf"):
        plain, marked = (pdfium.PdfDocument(str(folder / name)) for folder in (plain_folder, tagged))
        assert len(plain) == len(marked)
        for i in range(len(plain)):
            a = plain[i].render(scale=0.5).to_pil().tobytes()
            b = marked[i].render(scale=0.5).to_pil().tobytes()
            assert a == b, f"{name} page {i + 1} draws differently when tagged"


def test_the_pdf_ua_checker_finds_nothing(tagged):
    pdfua = pytest.importorskip("pdfua")
    for pdf in sorted(tagged.glob("*.pdf")):
        report = pdfua.validate(str(pdf))
        found = [(f.rule_id, f.message) for f in report.findings if f.severity.name in ("ERROR", "WARNING")]
        assert found == [], f"{pdf.name}: {found}"


def test_a_formula_is_said_in_words(tmp_path):
    pytest.importorskip("ziamath")
    layout = tmp_path / "tagged.yaml"
    layout.write_text(TAGGED, encoding="utf-8")
    result = build(ROOT / "examples" / "maths", str(layout), tmp_path / "out", cache=False)
    sheet = result.written[0].path.parent / "fractions-and-algebra.pdf"
    tree = tree_of(sheet)
    formulas = [n.alt for n in tree.root.walk() if n.role == "Formula"]
    assert formulas[:2] == ["3 over 4 plus 2 over 5", "2 1 over 3 times 6 over 7"]
    import pikepdf  # the paragraph around a formula is read whole, the formula in words

    with pikepdf.open(sheet) as pdf:
        said = [str(o.ActualText) for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and "/ActualText" in o]
    assert "Work out 3 over 4 plus 2 over 5. Give your answer as a mixed number." in said


def test_a_tagged_document_says_the_packs_language(tmp_path):
    pytest.importorskip("ziamath")
    pack = tmp_path / "maths"
    shutil.copytree(ROOT / "examples" / "maths", pack)
    yaml = pack / "pack.yaml"
    yaml.write_text("language: fr\n" + yaml.read_text(encoding="utf-8"), encoding="utf-8")
    layout = tmp_path / "tagged.yaml"
    layout.write_text(TAGGED, encoding="utf-8")
    result = build(pack, str(layout), tmp_path / "out", cache=False)
    assert {tree_of(w.path).lang for w in result.written} == {"fr"}


def test_a_tagged_build_gives_the_same_bytes_twice(tmp_path):
    pytest.importorskip("ziamath")
    layout = tmp_path / "tagged.yaml"
    layout.write_text(TAGGED, encoding="utf-8")
    first = build(ROOT / "examples" / "maths", str(layout), tmp_path / "a", cache=False)
    second = build(ROOT / "examples" / "maths", str(layout), tmp_path / "b", cache=False)
    assert [w.path.read_bytes() for w in first.written] == [w.path.read_bytes() for w in second.written]


def test_tagged_by_default_and_untagged_when_a_layout_says_so(built, untagged):
    folder, _result = built
    data = (folder / "exam-paper.pdf").read_bytes()
    assert data.startswith(b"%PDF-1.5") and tree_of(folder / "exam-paper.pdf").root is not None
    data = (untagged / "exam-paper.pdf").read_bytes()
    assert b"/StructTreeRoot" not in data and b"BDC" not in data


def test_a_picture_without_alt_text_is_a_located_warning(pack_copy):
    yaml = pack_copy / "pack.yaml"
    text = yaml.read_text(encoding="utf-8")
    text, removed = re.subn(r"\n +alt: \"A pyramid cut[^\n]*", "", text)
    assert removed == 1
    yaml.write_text(text, encoding="utf-8")
    warnings = [w for w in lint.lint(load_pack(pack_copy)) if "alt text" in w.message]
    assert len(warnings) == 1
    line = next(i for i, row in enumerate(text.splitlines(), start=1) if "file: images/party-structure.png" in row) - 1
    assert (Path(warnings[0].location.file).name, warnings[0].location.line) == ("pack.yaml", line)
    assert "add alt:" in warnings[0].message


def test_an_alt_text_moves_no_variant(tmp_path):
    """Describing a picture changes no class-set variant: alt text is left out of the pack's seed."""
    from studypack.plan import variants

    pack = textwrap.dedent("""\
        title: T
        subject: S
        level: L
        sources:
          - letter: A
            kind: figure
            title: A triangle
            image: {file: t.png%s}
        sheets:
          - {id: s, kind: worksheet, title: S, sources: [A], questions: [{kind: short, prompt: "Why?", marks: 1, answer: "So."}]}
        """)
    seeds = []
    for alt in ("", ", alt: \"a right-angled triangle\""):
        folder = tmp_path / f"p{len(seeds)}"
        folder.mkdir()
        (folder / "pack.yaml").write_text(pack % alt, encoding="utf-8")
        shutil.copyfile(ROOT / "examples" / "maths" / "pictures" / "triangle.png", folder / "t.png")
        seeds.append(variants.pack_seed(load_pack(folder).pack))
    assert seeds[0] == seeds[1]


@pytest.mark.slow
@pytest.mark.parametrize("example", sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "pack.yaml").exists()))
def test_every_subject_example_is_tagged_and_passes_the_checker(tmp_path, example):
    pdfua = pytest.importorskip("pdfua")
    layout = tmp_path / "tagged.yaml"
    layout.write_text(TAGGED, encoding="utf-8")
    result = build(ROOT / "examples" / example, str(layout), tmp_path / "out", cache=False)
    for written in result.written:
        tree = tree_of(written.path)
        assert tree.root is not None and tree.unmarked == [], written.path.name
        found = [(f.rule_id, f.message) for f in pdfua.validate(str(written.path)).findings
                 if f.severity.name in ("ERROR", "WARNING")]
        assert found == [], f"{example}/{written.path.name}: {found}"


@pytest.fixture(scope="module")
def tagged_class_set(tmp_path_factory) -> Path:
    """A tagged class set of the example pack: two variants, separators, per-student keys."""
    from studypack.app import batch

    out = tmp_path_factory.mktemp("tagged-class")
    layout = out / "tagged.yaml"
    layout.write_text(TAGGED, encoding="utf-8")
    roster = out / "class-9b.csv"  # every copy in the tagged layout (the example gives one student large print)
    roster.write_text((ROOT / "examples" / "class-9b.csv").read_text(encoding="utf-8-sig").replace(",large-print-24,", ",,"),
                      encoding="utf-8")
    options = batch.Options(variants=2, separators=True, keys="per-student")
    return batch.build(EXAMPLE, roster, str(layout), out, options).out_dir


def _checked(pdf: Path) -> list:
    pdfua = pytest.importorskip("pdfua")
    return [(f.rule_id, f.message) for f in pdfua.validate(str(pdf)).findings if f.severity.name in ("ERROR", "WARNING")]


def test_a_students_copy_carries_the_packs_tree_with_their_details_in_place(tagged_class_set, tagged):
    """A copy's pages are shared forms; its tree reaches their marked content through them,
    and the student's name is a paragraph right after the Name label it is written beside."""
    copy = tree_of(tagged_class_set / "Smith-Sam-4106.pdf")
    assert (copy.lang, copy.marked, copy.display_title, copy.unmarked) == ("en", True, True, [])
    part = copy.root.kids[0].kids[0]
    assert part.role == "Part"
    read = [(n.role, n.text()) for n in part.walk() if n is not part and n.role in ("H1", "H2", "P", "TH", "Figure")]
    at = read.index(("P", "Name"))
    assert read[at + 1] == ("P", "Sam Smith")
    assert read[at + 2:at + 4] == [("P", "Class"), ("P", "9B")]
    # the copy reads as the plain pack does, its details added
    pack = tree_of(tagged / "pack.pdf")
    headings = [n.text() for n in pack.root.walk() if n.role == "H1"]
    assert [n.text() for n in part.walk() if n.role == "H1"][:len(headings)] == headings[:len(headings)]
    figures = [n for n in part.walk() if n.role == "Figure"]
    assert figures and all(f.alt for f in figures)
    assert any(n.role == "TH" and n.scope == "Column" for n in part.walk())
    assert not any("Sam Smith" in a for a in copy.unmarked)


def test_every_class_set_file_passes_the_checker(tagged_class_set):
    pdfs = sorted(tagged_class_set.glob("*.pdf")) + sorted((tagged_class_set / "keys").glob("*.pdf"))
    assert len(pdfs) > 20
    for pdf in pdfs:
        tree = tree_of(pdf)
        assert tree.root is not None and tree.unmarked == [], pdf.name
        assert _checked(pdf) == [], pdf.name


def test_the_class_set_has_a_part_per_copy_and_each_units_tree_once(tagged_class_set, students_of_9b):
    tree = tree_of(tagged_class_set / "class-set.pdf")
    parts = tree.root.kids[0].kids
    assert [p.role for p in parts] == ["Part"] * len(students_of_9b)
    with_tree = [p for p in parts if any(n.role == "H1" for n in p.walk())]
    assert 2 <= len(with_tree) < len(parts)  # each unit (variant, tier) once, at its first copy
    for part in parts:  # every copy's name is read in its part
        assert any(n.role == "P" and n.text() for n in part.walk())
    assert "This page is intentionally blank" in " ".join(tree.artifacts)  # blank backs and separators


@pytest.fixture(scope="module")
def students_of_9b():
    from studypack.io import roster as rosters
    return rosters.read(ROOT / "examples" / "class-9b.csv").students


def test_a_booklet_imposed_two_up_is_tagged_in_reading_order(tmp_path, tagged):
    """Two pages share a sheet side, in fold order; the tree still reads page 1, 2, 3 …"""
    layout = tmp_path / "booklet.yaml"
    layout.write_text("extends: compact-booklet\ntagging:\n  on: true\n", encoding="utf-8")
    result = build(EXAMPLE, str(layout), tmp_path / "out", cache=False)
    folder = result.written[0].path.parent
    for name in ("exam-paper.pdf", "source-booklet.pdf"):
        booklet, flat = tree_of(folder / name), tree_of(tagged / name)
        assert booklet.unmarked == [] and _checked(folder / name) == [], name
        words = [n.text() for n in booklet.root.walk() if n.role in ("H1", "H2", "TH")]
        assert words == [n.text() for n in flat.root.walk() if n.role in ("H1", "H2", "TH")], name


NAMES_PACK = """\
title: Names
subject: History
level: Year 9
sheets:
  - id: quiz
    kind: worksheet
    title: Quiz
    questions:
      - kind: short
        prompt: Why were the trials public?
        marks: 2
        answer: To frighten the party.
"""


def test_a_name_in_its_own_language_is_a_span_with_that_language(tmp_path):
    """The class list's `language` column: the name's element in the tree carries it, in the
    student's own PDF (a Span in the name's place) and in the class set (the copy's details)."""
    from studypack.app import batch

    pack = tmp_path / "names"
    pack.mkdir()
    (pack / "pack.yaml").write_text(NAMES_PACK, encoding="utf-8")
    roster = tmp_path / "9b.csv"
    roster.write_text("Name,Class,Language\nSiân Llywelyn,9B,cy\nSam Smith,9B,\nZofia Wiśniewska,9B,pl\n",
                      encoding="utf-8")
    out_dir = batch.build(pack, roster, None, tmp_path / "out", batch.Options()).out_dir
    own = tree_of(next(out_dir.glob("Si*Llywelyn.pdf")))
    assert own.lang == "en" and own.unmarked == []
    spans = [(n.role, n.lang, n.text()) for n in own.root.walk() if n.lang and n.role != "Part"]
    assert spans == [("Span", "cy", "Siân Llywelyn")]
    read = [(n.role, n.text()) for n in own.root.walk() if n.role in ("P", "Span")]
    at = read.index(("P", "Name"))
    assert read[at + 1:at + 3] == [("P", "Siân Llywelyn"), ("Span", "Siân Llywelyn")]  # the name's place, then its Span
    plain = tree_of(out_dir / "Sam-Smith.pdf")
    assert [n for n in plain.root.walk() if n.lang and n.role != "Part"] == []
    whole = tree_of(out_dir / "class-set.pdf")
    named = {(n.lang, n.text()) for n in whole.root.walk() if n.lang and n.role != "Part"}
    assert named == {("cy", "Siân Llywelyn"), ("pl", "Zofia Wiśniewska")}
    assert _checked(next(out_dir.glob("Si*Llywelyn.pdf"))) == [] and _checked(out_dir / "class-set.pdf") == []
