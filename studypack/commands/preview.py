"""`studypack preview`: PNG pictures of pages, for a quick look or a learning platform.

Only the document asked for is typeset, in memory (the real output is left alone), and
its pages are drawn with pypdfium2, the optional `preview` extra: a wheel
with no system dependencies, so it works the same on school laptops and CI.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from studypack.plan import documents as planning
from studypack.app.build import prepare, typeset_one
from studypack.base.errors import Problem, StudypackError, display_path, install_aside, os_reason, said
from studypack.base.messages import suggest
from studypack.base.extras import install


def preview(pack_dir: Path, sheet_id: str | None = None, page: int | None = None,
            out_dir: Path | None = None, layout_name: str | None = None, dpi: int = 100) -> list[Path]:
    pypdfium2 = pdfium()
    prepared = prepare(pack_dir, layout_name)
    loaded = prepared.loaded
    plan = planning.make(loaded.pack, loaded.name, Path("output"))
    names = [d.filename[:-4] for d in plan.documents]
    ids = [sheet.id for sheet in loaded.pack.sheets]
    if sheet_id is not None and sheet_id not in names:
        raise StudypackError(Problem(said("term.preview-no-sheet", "no sheet '{id}' in the pack{suggestion}; documents: "
                                          "{names}", id=sheet_id, suggestion=suggest(sheet_id, ids), names=", ".join(names))))
    name = sheet_id or "pack"
    out_dir = Path(out_dir) if out_dir is not None else Path("output") / loaded.name / "preview"
    document = plan.documents[names.index(name)]
    data = typeset_one(prepared, plan, document).data  # a build's document comes from the cache
    pdf = pypdfium2.PdfDocument(data)
    try:
        count = len(pdf)
        if page is not None and page > count:
            raise StudypackError(Problem(said("term.preview-no-page", {"one": "{name}.pdf has {n} page; there is no page {page}",
                                                                       "other": "{name}.pdf has {n} pages; there is no page "
                                                                                "{page}"}, count, name=name, page=page)))
        pages = [page] if page else list(range(1, count + 1))
        written = []
        partial = None
        if out_dir.exists() and not out_dir.is_dir():
            raise StudypackError(Problem(said("term.preview-out-file", "{folder} is a file, not a folder: choose a folder for "
                                              "the pictures with --out", folder=display_path(out_dir))))
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            for number in pages:
                image = picture(pdf, number, dpi)
                target = out_dir / f"{name}-page-{number}.png"
                partial = target.with_suffix(".png.part")
                image.save(partial, format="PNG", optimize=True)
                _pause()
                partial.replace(target)
                partial = None
                written.append(target)
        except OSError as exc:  # --out at a file, a read-only folder, a full disk
            raise StudypackError(Problem(said(
                "term.preview-cannot-write", "cannot write pictures to {folder}: {reason}; choose another folder with "
                "--out{before}", folder=display_path(out_dir), reason=os_reason(exc),
                before=said("term.preview-before", " ({n} written before the error)", len(written)) if written else ""))) \
                from None
        finally:  # an error, Ctrl-C or SIGTERM: no half-written picture stays
            if partial is not None:
                partial.unlink(missing_ok=True)
    finally:
        pdf.close()
    return written


def _pause() -> None:
    """For tests only, as in output.py: STUDYPACK_TEST_PAUSE=<seconds> sleeps while a picture is
    half-written, so a test can interrupt the command then."""
    delay = os.environ.get("STUDYPACK_TEST_PAUSE")
    if delay:
        time.sleep(float(delay))


def pdfium():
    """pypdfium2, imported when pages are drawn (an optional extra, so imported lazily)."""
    try:
        import pypdfium2
    except ImportError:
        raise StudypackError(Problem(said("term.preview-needs", "previews need the pypdfium2 package: {install}",
                                          install=install("preview", install_aside())))) from None
    return pypdfium2


def picture(pdf, number: int, dpi: int):
    """Page `number` (from 1) of an open pypdfium2 document as a Pillow image."""
    return pdf[number - 1].render(scale=dpi / 72).to_pil()
