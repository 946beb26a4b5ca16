"""Class sets of chosen sheets (`build --roster … --sheets a,b`), and roster settings of the
workspace that wait for a roster; read back from the PDFs."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from studypack.app import batch
from studypack.commands.cli import main
from studypack.content.validate import load_pack
from studypack.plan import documents as planning

from conftest import EXAMPLE, ROOT, squash

ROSTER = ROOT / "examples" / "class-9b.csv"
CHOSEN = ("why-public", "court-statements")  # written out of the pack's order


def texts(path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The whole pack's class set and one of two chosen sheets, with variants, in one output folder."""
    out = tmp_path_factory.mktemp("sheets")
    whole = batch.build(EXAMPLE, ROSTER, None, out, batch.Options(variants=2))
    before = {p.name: p.read_bytes() for p in whole.out_dir.glob("*.pdf")}
    chosen = batch.build(EXAMPLE, ROSTER, None, out, batch.Options(variants=2, sheets=CHOSEN))
    return whole, chosen, before


def test_chosen_sheets_go_to_their_own_folder_beside_the_whole_pack(both):
    whole, chosen, before = both
    assert whole.out_dir.name == "class-9b"
    assert chosen.out_dir.name == "class-9b--court-statements+why-public"  # the pack's order
    assert chosen.out_dir.parent == whole.out_dir.parent
    assert {p.name: p.read_bytes() for p in whole.out_dir.glob("*.pdf")} == before  # the whole pack's set untouched
    assert chosen.sheets == ("court-statements", "why-public") and chosen.copies == 12


def test_a_copy_holds_only_the_chosen_sheets_as_the_whole_pack_prints_them(both):
    whole, chosen, _before = both
    pack = load_pack(EXAMPLE).pack
    titles = {s.id: squash(s.title) for s in pack.sheets}
    for name in ("Smith-Sam-4106.pdf", "Nowak-Ola-4111.pdf"):  # variants A and B
        mine, full = texts(chosen.out_dir / name), texts(whole.out_dir / name)
        text = " ".join(mine)
        assert titles["court-statements"] in text and titles["why-public"] in text
        # (the glossary sheet's title is one word, 'Glossary', which the sources' own glossary notes print too)
        assert all(titles[other] not in text for other in titles if other not in CHOSEN + ("glossary",))
        assert all(page in full for page in mine[1:])  # the same pages, the same variant, as in the whole pack's copy
    assert len(texts(chosen.out_dir / "class-set.pdf")) < len(texts(whole.out_dir / "class-set.pdf")) / 2


def test_the_class_key_covers_only_the_chosen_sheets(both):
    whole, chosen, _before = both
    key = " ".join(texts(chosen.out_dir / "answer-key.pdf"))
    full = " ".join(texts(whole.out_dir / "answer-key.pdf"))
    assert "1. Confessions in court" in key and "2. Why were the trials held in public?" in key
    for other in ("Later accounts on the web", "The three Moscow trials: quick checks"):
        assert other in full and other not in key, other
    info = PdfReader(str(chosen.out_dir / "class-set.pdf")).metadata
    assert info.title.endswith("class set (class-9b; sheets court-statements, why-public)")


def test_a_wrong_sheet_id_is_located_and_lists_the_sheets(tmp_path):
    result = CliRunner().invoke(main, ["build", str(EXAMPLE), "--roster", str(ROSTER), "--sheets", "why-public,court-statementz",
                                       "--out", str(tmp_path)])
    assert result.exit_code == 2
    ids = ", ".join(planning.choosable(load_pack(EXAMPLE).pack))
    line = result.output.splitlines()[0]
    assert line.endswith(f"pack.yaml:26: --sheets: no sheet 'court-statementz' in this pack (did you mean "
                         f"'court-statements'?); its sheets are {ids}")
    assert not list(tmp_path.iterdir())  # nothing written
    empty = CliRunner().invoke(main, ["build", str(EXAMPLE), "--roster", str(ROSTER), "--sheets", " , ", "--out", str(tmp_path)])
    assert empty.exit_code == 2 and "--sheets: give sheet ids separated by commas" in empty.output


def test_a_paper_brings_its_cover_and_a_cover_alone_is_not_a_choice():
    pack = load_pack(EXAMPLE).pack
    cover = next(s for s in pack.sheets if s.kind == "cover")
    assert cover.id not in planning.choosable(pack) and planning.unknown_sheets(pack, [cover.id]) == [cover.id]
    kept = planning.only_sheets(pack, [cover.paper])
    assert [s.id for s in kept.sheets] == [cover.id, cover.paper]
    assert kept.total == pack.sheets[[s.id for s in pack.sheets].index(cover.paper)].total


def test_sheets_need_a_roster_but_studypack_yaml_roster_settings_wait_for_one(tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "sources" / "show-trials")
    (tmp_path / "studypack.yaml").write_text("columns: {first: Vorname, last: Nachname, class: Klasse}\n", encoding="utf-8")
    plain = CliRunner().invoke(main, ["build", str(tmp_path / "sources" / "show-trials")])
    assert plain.exit_code == 0, plain.output
    assert (tmp_path / "output" / "show-trials" / "pack.pdf").is_file()
    for given in (["--sheets", "why-public"], ["--columns", "first=Vorname"], ["--variants", "2"]):
        refused = CliRunner().invoke(main, ["build", str(tmp_path / "sources" / "show-trials"), *given])
        assert refused.exit_code == 2 and "need --roster FILE.csv" in refused.output, given
    roster = tmp_path / "klasse.csv"
    roster.write_text("Vorname,Nachname,Klasse\nAnna,Weber,9A\n", encoding="utf-8")
    with_roster = CliRunner().invoke(main, ["build", str(tmp_path / "sources" / "show-trials"), "--roster", str(roster),
                                            "--sheets", "why-public", "--write", "class-set"])
    assert with_roster.exit_code == 0, with_roster.output  # the workspace's columns: read the German headers
    text = " ".join(texts(tmp_path / "output" / "show-trials" / "klasse--why-public" / "class-set.pdf"))
    assert "Anna Weber" in text and "9A" in text
