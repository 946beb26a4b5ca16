"""One public way to turn any planned document into pages: `typeset(document, job)`.

`build`, class sets and `preview` all call it. The document's kind picks its view in
`views/documents/`; `render` lays the flowables out on the layout's pages.
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


def typeset(document: Document, job: Job, capture=None) -> Typeset:
    """Compose and render one document; with `capture` (a class set), keep its pages as forms."""
    pack = job.pack
    starts = {id(c): len(c.warnings) for c in job.composers}
    sheets, composer = DOCUMENTS[document.kind].parts(document, job)
    meta = {"title": text.plain(document.title), "author": text.plain(pack.author or ""),
            "subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}", "pack": job.pack_vars,
            "file": document.filename, "furniture": not document.key}
    notes: list = []
    data, pages = render.render([(info, flatten(parts)) for info, parts in sheets], job.layout, composer, meta,
                                capture, notes)
    found = tuple(w for c in job.composers for w in c.warnings[starts.get(id(c), 0):])
    seen = [preflight.PageNotes(sheet or {}, page, of, list(page_notes)) for sheet, page, of, page_notes in notes]
    checked = preflight.check(seen, job.layout.minimum_text_size, composer.text_height(), document.filename)
    return Typeset(data, pages, found + tuple(checked))
