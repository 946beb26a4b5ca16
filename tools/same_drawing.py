"""Proof that tagging moved nothing on paper: every page of every golden case draws the same
operators before and after, once the marked-content operators tagging adds (`BDC`, `BMC`,
`EMC`) are left out. Forms a page paints (a class set's pages) are compared the same way,
by name, as are the pages' count and sizes.

Usage:
    python tools/same_drawing.py --build OUT [--tree REPO]   # every golden case built into OUT
                                                              # (with the code of REPO, default this one)
    python tools/same_drawing.py OLD NEW                      # compare two such folders

For example, the golden cases before and after a change that turns tagging on:
    python tools/same_drawing.py --build /tmp/before --tree ../main
    python tools/same_drawing.py --build /tmp/after
    python tools/same_drawing.py /tmp/before /tmp/after
Read with pikepdf (the test extra's PDF/UA checker brings it)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
MARKS = frozenset({"BDC", "BMC", "EMC"})


def build(out: Path, tree: Path) -> None:
    """Every golden case built into `out` with the code of the repository `tree`."""
    spec = importlib.util.spec_from_file_location("golden_of_tree", tree / "tools" / "golden.py")
    golden = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(tree / "tools"))
    os.environ["PYTHONPATH"] = str(tree)
    os.environ["STUDYPACK_RESIDENT"] = "0"  # each build its own process, with this tree's code
    spec.loader.exec_module(golden)
    golden.build_all(out)


def drawing(stream_owner) -> list[str]:
    """The operators a page or form draws, marked-content operators left out, as text."""
    out = []
    for instruction in pikepdf.parse_content_stream(stream_owner):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            out.append(repr(bytes(instruction.iimage.read_bytes())))
            continue
        if str(instruction.operator) in MARKS:
            continue
        out.append(pikepdf.unparse_content_stream([instruction]).decode("latin-1"))
    return out


def forms(owner) -> dict[str, object]:
    """The forms a page or form names in its resources, by name."""
    resources = owner.get("/Resources", {})
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    return {str(name): xobjects[name] for name in xobjects.keys() if xobjects[name].get("/Subtype") == "/Form"}


def compare_pdf(old: Path, new: Path) -> list[str]:
    """What draws differently between two PDFs (empty: every page the same)."""
    problems: list[str] = []
    with pikepdf.open(old) as a, pikepdf.open(new) as b:
        if len(a.pages) != len(b.pages):
            return [f"{len(a.pages)} pages before, {len(b.pages)} after"]
        seen: set[tuple[str, str]] = set()
        for number, (pa, pb) in enumerate(zip(a.pages, b.pages), start=1):
            if [float(v) for v in pa.mediabox] != [float(v) for v in pb.mediabox]:
                problems.append(f"page {number}: its size")
            if drawing(pa) != drawing(pb):
                problems.append(f"page {number}: its operators")
            problems += _compare_forms(forms(pa.obj), forms(pb.obj), f"page {number}", seen)
    return problems


def _compare_forms(fa: dict, fb: dict, where: str, seen: set) -> list[str]:
    problems = []
    if sorted(fa) != sorted(fb):
        return [f"{where}: the forms it paints"]
    for name in sorted(fa):
        key = (str(fa[name].objgen), str(fb[name].objgen))
        if key in seen:
            continue
        seen.add(key)
        if drawing(fa[name]) != drawing(fb[name]):
            problems.append(f"{where}: form {name}")
        problems += _compare_forms(forms(fa[name]), forms(fb[name]), f"{where}, form {name}", seen)
    return problems


def compare(old_root: Path, new_root: Path) -> int:
    olds = {p.relative_to(old_root) for p in old_root.rglob("*.pdf")}
    news = {p.relative_to(new_root) for p in new_root.rglob("*.pdf")}
    failed = 0
    for missing in sorted(olds ^ news):
        print(f"{missing}: only {'before' if missing in olds else 'after'}")
        failed += 1
    pages = 0
    for relative in sorted(olds & news):
        problems = compare_pdf(old_root / relative, new_root / relative)
        with pikepdf.open(new_root / relative) as pdf:
            pages += len(pdf.pages)
        if problems:
            failed += 1
            print(f"{relative}: " + "; ".join(problems[:5]) + (f" … ({len(problems)})" if len(problems) > 5 else ""))
    print(f"{len(olds & news)} PDFs, {pages} pages compared: {failed} differ in what they draw")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="OLD NEW: two folders of built golden cases")
    parser.add_argument("--build", type=Path, metavar="OUT", help="build every golden case into OUT")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the repository whose code builds (with --build)")
    args = parser.parse_args()
    if args.build:
        build(args.build, args.tree.resolve())
        return 0
    if len(args.folders) != 2:
        parser.error("give OLD and NEW folders, or --build OUT")
    return compare(*args.folders)


if __name__ == "__main__":
    sys.exit(main())
