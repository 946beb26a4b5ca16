"""One public way to turn any planned document into pages: `typeset(document, job)`.

`build`, class sets and `preview` all call it. The document's kind picks its view in
`views/documents/`; `render` lays the flowables out on the layout's pages.
`typeset_all` typesets several documents in one process and lays each sheet out once: the
whole pack (pack.pdf) replays the pages already laid out for the sheets' own PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import preflight, render, text
from .errors import Problem
from .plan import Document
from .views.documents import DOCUMENTS
from .views.job import Job
from .views.toolkit import flatten


@dataclass(frozen=True)
class Typeset:
    data: bytes  # the PDF (empty when the pages went to a class-set capture)
    pages: int
    warnings: tuple[Problem, ...]  # noticed while typesetting: blocks shrunk to fit, and the like


def typeset(document: Document, job: Job, capture=None, recording: render.Recording | None = None) -> Typeset:
    """Compose and render one document; with `capture` (a class set), keep its pages as forms;
    with `recording`, note where each flowable was drawn (for `typeset_all`)."""
    starts = {id(c): len(c.warnings) for c in job.composers}
    sheets, composer = DOCUMENTS[document.kind].parts(document, job)
    notes: list = []
    data, pages = render.render([(info, flatten(parts)) for info, parts in sheets], job.layout, composer,
                                _meta(document, job), capture, notes, recording)
    return Typeset(data, pages, _found(job, starts) + _checked(document, job, composer, notes))


def typeset_all(documents: list[Document], job: Job) -> list[Typeset]:
    """Typeset `documents` in order, in this process. A sheets document made of the sheets of
    documents typeset before it (pack.pdf: every sheet document, then reference.pdf's pages)
    is not composed or laid out again: their recorded pages are drawn into it, the same
    drawing calls in the same order, so its bytes are those a fresh layout gives."""
    laid: list[tuple[tuple, render.Recording, tuple[Problem, ...]]] = []  # (parts, pages, warnings)
    out = []
    for document in documents:
        reused = _reusable(document, job, laid)
        if reused is not None:
            starts = {id(c): len(c.warnings) for c in job.composers}
            pages = [page for recording, _w in reused for page in zip(recording.pages, recording.notes)]
            notes: list = []
            composer = job.composer()
            data, count = render.render([], job.layout, composer, _meta(document, job), notes=notes, replay=pages)
            earlier = tuple(w for _r, warnings in reused for w in warnings)  # their composing (a build lists each once)
            found = earlier + _found(job, starts) + _checked(document, job, composer, notes)
            out.append(Typeset(data, count, tuple(dict.fromkeys(found))))
            continue
        recording = render.Recording() if document.kind in ("sheets", "reference") else None
        result = typeset(document, job, recording=recording)
        if recording is not None and recording.clean:
            laid.append((_parts(document, job), recording, result.warnings))
        out.append(result)
    return out


def _parts(document: Document, job: Job) -> tuple:
    """What a document prints, part by part: (sheet, tier) per sheet, then "reference"."""
    tiers = document.tiers or (job.tier,) * len(document.sheets)
    found: tuple = tuple(zip(document.sheets, tiers))
    return found + ("reference",) if document.reference else found


def _reusable(document: Document, job: Job, laid: list) -> list[tuple[render.Recording, tuple]] | None:
    """The recorded documents that, one after another, print exactly `document`'s parts, or None."""
    if document.kind != "sheets":
        return None
    wanted = _parts(document, job)
    reused, at = [], 0
    for parts, recording, warnings in laid:
        if parts and wanted[at:at + len(parts)] == parts:
            reused.append((recording, warnings))
            at += len(parts)
    return reused if reused and at == len(wanted) else None


def _meta(document: Document, job: Job) -> dict:
    pack = job.pack
    return {"title": text.plain(document.title), "author": text.plain(pack.author or ""),
            "subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}", "pack": job.pack_vars,
            "file": document.filename, "furniture": not document.key}


def _found(job: Job, starts: dict) -> tuple[Problem, ...]:
    """Warnings the job's composers gained since `starts` (composers made since count from 0)."""
    return tuple(w for c in job.composers for w in c.warnings[starts.get(id(c), 0):])


def _checked(document: Document, job: Job, composer, notes: list) -> tuple[Problem, ...]:
    """The preflight's warnings for the pages' notes (see render._decorating_canvas)."""
    seen = [preflight.PageNotes(sheet or {}, page, of, list(page_notes)) for sheet, page, of, page_notes in notes]
    return tuple(preflight.check(seen, job.layout.minimum_text_size, composer.text_height(), document.filename,
                                 job.layout.answer_lines.carried))
