"""The other way to tag, measured: a pikepdf pass after writing that builds the structure
tree from the marked content the pages carry (open, parse every page's content stream, one
element per marked sequence, save packed into object streams). A lower bound of its cost: it
knows nothing of tables, lists or alt text, which only the views know as they draw.

Usage: python benchmarks/bench_tagging_postpass.py FOLDER_OF_TAGGED_PDFS
(build one with a layout that sets `tagging: {on: true}`; pikepdf is in the test extra).
Compare with `benchmarks/bench_tagging.py`, the cost of tagging as the pages are drawn."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pikepdf

def post(data: bytes) -> bytes:
    """`data` with a structure tree made from its marked content."""
    pdf = pikepdf.open(io.BytesIO(data))
    doc = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document))
    kids = pikepdf.Array()
    nums = pikepdf.Array()
    for i, page in enumerate(pdf.pages):
        parents = pikepdf.Array()
        for operands, op in pikepdf.parse_content_stream(page):
            if str(op) == "BDC" and "/MCID" in operands[1]:
                e = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=operands[0], P=doc,
                                                         Pg=page.obj, K=operands[1].MCID))
                kids.append(e)
                parents.append(e)
        page.obj.StructParents = i
        nums.append(i)
        nums.append(parents)
    doc.K = kids
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=doc,
                             ParentTree=pdf.make_indirect(pikepdf.Dictionary(Nums=nums))))
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, deterministic_id=True)
    return out.getvalue()

def main() -> None:
    files = sorted(Path(sys.argv[1]).glob("*.pdf"))
    datas = [f.read_bytes() for f in files]
    best, outs = float("inf"), []
    for _ in range(5):
        start = time.perf_counter()
        outs = [post(d) for d in datas]
        best = min(best, time.perf_counter() - start)
    print(f"pikepdf pass over {len(files)} PDFs: best {best:.3f} s; "
          f"bytes in {sum(map(len, datas)):,}, out {sum(map(len, outs)):,}")


if __name__ == "__main__":
    main()
