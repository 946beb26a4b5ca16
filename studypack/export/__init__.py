"""Exports beyond paper: the planned documents as Word files, the question sheets as Moodle
question banks. `build --format docx|moodle` calls `export`; the files are written like the
PDFs (`output.write_all`, all or nothing) into the same folder, beside them.

Exporters read the typed pack (spec) and the plan, never the views or ReportLab.
Word needs the optional python-docx (`pip install 'studypack[docx]'`), loaded only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, StudypackError
from ..plan import Plan

FORMATS = ("pdf", "docx", "moodle")
WHOLE_PACK = "pack.pdf"  # the whole pack in one file: a PDF only (the sheets' own files cover it in Word)


@dataclass
class Exported:
    files: dict[Path, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    questions: dict[Path, int] = field(default_factory=dict)  # Moodle: questions in each file


def export(fmt: str, loaded, layout, plan: Plan) -> Exported:
    """Every file of a `fmt` build, in memory; nothing is written here."""
    if fmt == "docx":
        return _word(loaded, layout, plan)
    if fmt == "moodle":
        from . import moodle  # here: a PDF build never needs it

        return moodle.export(loaded, plan)
    raise ValueError(f"unknown export format {fmt!r}")


def _word(loaded, layout, plan: Plan) -> Exported:
    try:
        from . import word  # here: python-docx is an optional extra, loaded only for Word builds
    except ImportError as exc:
        if getattr(exc, "name", "") not in ("docx", "lxml"):
            raise
        raise StudypackError("Word export needs python-docx: pip install 'studypack[docx]' (nothing was written)") from None
    rule = layout.answer_lines

    def lines_for(question) -> int:
        if getattr(question, "lines", None) is not None:
            return question.lines
        return max(rule.minimum, min(rule.maximum, int(question.marks * rule.per_mark + 0.5)))

    done = Exported()
    for doc in plan.documents:
        if doc.filename == WHOLE_PACK:
            continue
        target = plan.out_dir / (Path(doc.filename).stem + ".docx")
        done.files[target] = word.document(doc, loaded.pack, loaded.root, plan.tier, lines_for)
    return done
