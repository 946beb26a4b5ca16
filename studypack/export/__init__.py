"""Exports beyond paper: the planned documents as Word files, the question sheets as Moodle
question banks. `build --format docx|moodle` calls `export`; the files are written like the
PDFs (`output.write_all`, all or nothing) into the same folder, beside them.

Exporters read the typed pack (spec) and the plan, never the views or ReportLab. Each question
kind's Word and Moodle forms are in its folder (`studypack/kinds/questions/<kind>/word.py`,
`moodle.py`); a kind without one says why, and the export warns where it is written.
Word needs the optional python-docx (the `docx` extra), loaded only when asked for.
"""

from __future__ import annotations

from pathlib import Path

from studypack.base.errors import StudypackError, install_aside, said
from studypack.plan.documents import Plan
from studypack.export import moodle
from studypack.export.common import Exported, bidi_warnings
from studypack.base.extras import install

FORMATS = ("pdf", "docx", "moodle")
WHOLE_PACK = "pack.pdf"  # the whole pack in one file: a PDF only (the sheets' own files cover it in Word)


def export(fmt: str, loaded, layout, plan: Plan, word_template: Path | None = None) -> Exported:
    """Every file of a `fmt` build, in memory; nothing is written here. `word_template`: a
    reference .docx whose styles, page, header and footer the Word files use."""
    if fmt == "docx":
        done = _word(loaded, layout, plan, word_template)
    elif fmt == "moodle":
        done = moodle.export(loaded, plan, layout)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    done.warnings = bidi_warnings(loaded) + done.warnings
    return done


def _word(loaded, layout, plan: Plan, template: Path | None) -> Exported:
    try:
        from studypack.export import word  # here: python-docx is an optional extra, loaded only for Word builds
    except ImportError as exc:
        if getattr(exc, "name", "") not in ("docx", "lxml"):
            raise
        raise StudypackError(said("term.word-needs-docx", "Word export needs python-docx: {install}; nothing was written",
                                  install=install("docx", install_aside()))) from None
    if template is not None:
        word.check_template(template)
    done = Exported()
    for doc in plan.documents:
        if doc.filename == WHOLE_PACK:
            continue
        target = plan.out_dir / (Path(doc.filename).stem + ".docx")
        done.files[target], warnings = word.document(doc, loaded, layout, plan.tier, layout.answer_lines.count, template)
        done.warnings += [w for w in warnings if w not in done.warnings]  # the same question in two documents: once
    return done
