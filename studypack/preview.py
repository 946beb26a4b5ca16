"""`studypack preview`: PNG pictures of pages, for a quick look or a learning platform.

The pack is built into a temporary folder (the real output is left alone) and the pages
are drawn with pypdfium2, an optional extra (`pip install 'studypack[preview]'`): a wheel
with no system dependencies, so it works the same on school laptops and CI.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .errors import Problem, StudypackError
from .validate import load_pack


def preview(pack_dir: Path, sheet_id: str | None = None, page: int | None = None,
            out_dir: Path | None = None, layout_name: str | None = None, dpi: int = 100) -> list[Path]:
    try:
        import pypdfium2
    except ImportError:
        raise StudypackError(Problem("preview needs the pypdfium2 package: "
                                     "pip install 'studypack[preview]' (or pip install pypdfium2)")) from None
    from .build import build

    loaded = load_pack(pack_dir)
    ids = [sheet.id for sheet in loaded.pack.sheets]
    if sheet_id is not None and sheet_id not in ids + ["answer-key", "reference"]:
        from .validate import suggest

        raise StudypackError(Problem(f"no sheet '{sheet_id}' in the pack{suggest(sheet_id, ids)}; "
                                     f"sheets: {', '.join(ids)}, answer-key"))
    name = sheet_id or "pack"
    out_dir = Path(out_dir) if out_dir is not None else Path("output") / loaded.name / "preview"
    with tempfile.TemporaryDirectory() as tmp:
        build(pack_dir, layout_name, Path(tmp))
        pdf_path = Path(tmp) / loaded.name / f"{name}.pdf"
        if not pdf_path.is_file():
            raise StudypackError(Problem(f"this build writes no {name}.pdf"))
        pdf = pypdfium2.PdfDocument(str(pdf_path))
        try:
            count = len(pdf)
            if page is not None and page > count:
                raise StudypackError(Problem(f"{name}.pdf has {count} page{'s' if count != 1 else ''}; "
                                             f"there is no page {page}"))
            pages = [page] if page else list(range(1, count + 1))
            out_dir.mkdir(parents=True, exist_ok=True)
            written = []
            for number in pages:
                image = pdf[number - 1].render(scale=dpi / 72).to_pil()
                target = out_dir / f"{name}-page-{number}.png"
                partial = target.with_suffix(".png.part")
                image.save(partial, format="PNG", optimize=True)
                partial.replace(target)
                written.append(target)
        finally:
            pdf.close()
    return written



