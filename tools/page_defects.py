"""What a typesetter would mark on a pack's proofs, counted by kind: split, sparse, lone, runt, hairline.

Typesets the pack's pack.pdf and answer-key.pdf (nothing is written, no cache is used) and
prints, per document, its pages and the preflight's defects by kind (`pdf/preflight.defects`),
then the total; `--pages` lists every defect with its page.

Usage:
    python tools/page_defects.py sources/show-trials --layout large-print-24
    python tools/page_defects.py sources/show-trials --layout dyslexia --pages
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from studypack.app import build  # noqa: E402  (the repository's own package, from a tool)
from studypack.base.errors import StudypackError  # noqa: E402
from studypack.pdf import preflight  # noqa: E402
from studypack.pdf.typeset import Typeset, typeset  # noqa: E402
from studypack.plan import documents as planning  # noqa: E402
from studypack.views.job import Job  # noqa: E402

DOCUMENTS = ("pack.pdf", "answer-key.pdf")


def measure(pack_dir: Path, layout: str | None = None, files: tuple[str, ...] = DOCUMENTS) -> dict[str, Typeset]:
    """Each of `files` of the pack's build, typeset afresh, by file name."""
    prepared = build.prepare(pack_dir, layout)
    plan = planning.make(prepared.loaded.pack, prepared.loaded.name, ROOT / "output", None, prepared.label)
    found = {}
    for name in files:
        job = Job(prepared.layout, prepared.loaded.pack, prepared.loaded.root)
        found[name] = typeset(plan.document(name), job)
    return found


def counts(result: Typeset) -> dict[str, int]:
    """A document's defects by kind (every kind, zero where there are none)."""
    return {kind: sum(1 for d in result.defects if d.kind == kind) for kind in preflight.KINDS}


def table(results: dict[str, Typeset]) -> list[str]:
    """The counts as a Markdown table: a row per document and a total."""
    head = ["document", "pages", *preflight.KINDS, "total"]
    rows = [head, ["---", "--:", *["--:"] * (len(preflight.KINDS) + 1)]]
    totals = dict.fromkeys(preflight.KINDS, 0)
    for name, result in results.items():
        by_kind = counts(result)
        totals = {k: totals[k] + by_kind[k] for k in totals}
        rows.append([name, str(result.pages), *map(str, by_kind.values()), str(sum(by_kind.values()))])
    pages = sum(r.pages for r in results.values())
    rows.append(["all", str(pages), *map(str, totals.values()), str(sum(totals.values()))])
    return ["| " + " | ".join(row) + " |" for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", type=Path)
    parser.add_argument("--layout", default=None)
    parser.add_argument("--pages", action="store_true", help="list every defect with its page")
    args = parser.parse_args(argv)
    try:
        results = measure(args.pack, args.layout)
    except StudypackError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        return 1
    print(f"{args.pack} in {args.layout or 'its default layout'}:")
    print("\n".join(table(results)))
    if args.pages:
        for result in results.values():
            for d in result.defects:
                print(f"{d.file} p{d.page} {d.kind}: {d.said}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
