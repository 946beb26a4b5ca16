"""One public way to turn any planned document into pages: `typeset(document, job)`.

`build`, class sets and `preview` all call it. The document's kind picks its view in
`views/documents/`; `render` lays the flowables out on the layout's pages.
`typeset_all` typesets several documents in one process and lays each sheet out once: the
whole pack (pack.pdf) replays the pages already laid out for the sheets' own PDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from studypack.pdf import preflight, render
from studypack.media import text
from studypack.base.errors import Problem
from studypack.io import kept
from studypack.plan.documents import Document
from studypack.views.documents import DOCUMENTS
from studypack.views.flowables import AnswerLines
from studypack.views.job import Job
from studypack.views.notes import PageNotes
from studypack.views.toolkit import flatten


@dataclass(frozen=True)
class Typeset:
    data: bytes  # the PDF (empty when the pages went to a class-set capture)
    pages: int
    warnings: tuple[Problem, ...]  # noticed while typesetting: blocks shrunk to fit, and the like
    defects: tuple[preflight.Defect, ...] = ()  # what a typesetter would mark, page by page (preflight.defects)


def typeset(document: Document, job: Job, capture=None, recording: render.Recording | None = None) -> Typeset:
    """Compose and render one document; with `capture` (a class set), keep its pages as forms;
    with `recording`, note where each flowable was drawn (for `typeset_all`)."""
    starts = {id(c): len(c.warnings) for c in job.composers}

    def laid_out(capture=None, recording=None):
        for c in job.composers:  # composed again: what it noticed counts once
            del c.warnings[starts.get(id(c), 0):]
        if recording is not None:
            recording.__init__()
        sheets, composer = DOCUMENTS[document.kind].parts(document, job)
        notes: list = []
        data, pages = render.render([(info, flatten(parts)) for info, parts in sheets], job.layout, composer,
                                    _meta(document, job), capture, notes, recording)
        return data, pages, composer, notes

    if document.kind != "sheets" or document.key:
        data, pages, composer, notes = laid_out(capture, recording)
    else:
        # a class set's pages go to the capture once the layout is settled: the last layout is
        # recorded and replayed into it (drawn again, not composed and laid out again)
        kept = recording if recording is not None or capture is None else render.Recording()
        last = [laid_out(None, kept)]

        def again() -> list:
            last[0] = laid_out(None, kept)
            return last[0][3]

        if _balance(document, job, last[0][3], again):
            last[0] = laid_out(None, kept)
        _count_pages(document, job, last[0][3], again)  # leaves last[0] (and `kept`) the layout with the count it says
        if capture is not None:
            last[0] = _captured(document, job, capture, kept, last[0], starts) if kept is not None and kept.clean \
                else laid_out(capture, recording)
        data, pages, composer, notes = last[0]
    return Typeset(data, pages, _found(job, starts) + _checked(document, job, composer, notes),
                   _defects(document, job, composer, notes))


def _captured(document: Document, job: Job, capture, recording: render.Recording, last: tuple, starts: dict) -> tuple:
    """The settled layout `last` (recorded in `recording`, clean) drawn into a class set's
    `capture`: its recorded pages replayed, the same drawing calls in the same order, so the
    forms (and the pages' notes) are those laying it out again would give. A clean layout
    warned of nothing, so what the composers noticed since `starts` is the furniture's, drawn
    without the stamper: it is noticed again as the replay decorates the pages for it."""
    composer = last[2]
    notes: list = []
    for c in job.composers:
        del c.warnings[starts.get(id(c), 0):]
    _none, pages = render.render([], job.layout, composer, _meta(document, job), capture, notes,
                                 replay=list(zip(recording.pages, recording.notes)))
    return b"", pages, composer, notes


SPARSE = 0.4  # a sheet's page using less of its text area than this is worth saving
STEPS = 3     # tries, each closing the answer lines up further (to the layout's limits)


def _balance(document: Document, job: Job, notes: list, again) -> bool:
    """Where a sheet of `document` has a page holding only a little (its last question alone,
    or one short question before a long one that goes on whole), close up its answer lines (and trim those its marks give) step by step, within
    the layout's `squeeze` and `trim`, until it ends a page sooner; each try lays the
    document out again (`again`, giving its notes). Leaves `job.tighten` saying how far each
    sheet closes up; True when the document must be laid out again for it."""
    rule = job.layout.answer_lines
    if rule.squeeze >= 1 and not rule.trim:
        return False
    tiers = document.tiers or (job.tier,) * len(document.sheets)
    keys = list(zip(document.sheets, tiers))
    height = job.composer().text_height()
    base = _sheet_pages(notes)
    pending = [k for k, (count, used, lined) in zip(keys, base) if count > 1 and used < SPARSE * height
               and lined and k not in job.tighten]
    if not pending:
        return False
    before = dict(zip(keys, (count for count, _used, _lined in base)))
    for step in range(1, STEPS + 1):
        for k in pending:
            job.tighten[k] = step / STEPS
        now = dict(zip(keys, (count for count, _used, _lined in _sheet_pages(again()))))
        pending = [k for k in pending if now[k] >= before[k]]
        if not pending:
            return False  # the last layout is the one
    for k in pending:  # closing up saves no page: they print as they were
        del job.tighten[k]
    return True


def _count_pages(document: Document, job: Job, notes: list, again) -> None:
    """Where a sheet's cover says how many pages it prints on ("This document has 8 pages."),
    lay the document out again (`again`) with the count until it holds (twice at most: a
    count's digits barely move a page)."""
    if not _says_pages(job.layout.cover):
        return
    tiers = document.tiers or (job.tier,) * len(document.sheets)
    keys = list(zip(document.sheets, tiers))
    for _try in range(2):
        counts = dict(zip(keys, (count for count, _used, _lined in _sheet_pages(notes))))
        if all(job.pages.get(k) == n for k, n in counts.items()):
            return
        job.pages.update(counts)
        notes = again()


def _says_pages(cover) -> bool:
    """Whether a cover's texts say the paper's page count (`{{ pages }}`)."""
    if not cover.on:
        return False
    texts = [item if isinstance(item, str) else item.text for block in cover.blocks for item in block.items]
    return any(re.search(r"{{-?\s*pages\b", t) for t in texts)


def _sheet_pages(notes: list[PageNotes]) -> list[tuple[int, float, bool]]:
    """For each sheet in the notes, in order: its pages, how much of its emptiest page is used,
    and whether it has answer lines."""
    found: list[tuple[int, float, bool]] = []
    previous = None
    for page in notes:
        if (page.sheet or {}).get("kind") in ("source-booklet", "reference"):
            continue  # not one of the document's sheets (a paper's booklet in pack.pdf, the reference pages)
        # an insert's page ending with a whole paragraph is left short by design: closing up
        # answer lines cannot fill it (large print)
        used = float("inf") if preflight.ends_insert_paragraph(page) else page.used() or 0.0
        lined = any(issubclass(kind, AnswerLines) for kind in page.holds())
        if page.sheet is not previous or not found:
            found.append((1, used, lined))
            previous = page.sheet
        else:
            found[-1] = (found[-1][0] + 1, min(used, found[-1][1]), found[-1][2] or lined)
    return found


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
            out.append(Typeset(data, count, tuple(dict.fromkeys(found)), _defects(document, job, composer, notes)))
            continue
        recording = render.Recording() if document.kind in ("sheets", "reference", "booklet") else None
        result = typeset(document, job, recording=recording)
        if recording is not None and recording.clean:
            laid.append((_parts(document, job), recording, result.warnings))
        out.append(result)
    kept.flush()  # the formulas this job set, in one write (a forked job's process ends unannounced)
    return out


def _parts(document: Document, job: Job) -> tuple:
    """What a document prints, part by part: (sheet, tier) per sheet, a source booklet as
    ("booklet", letters, paper, name) where one goes, then "reference"."""
    if document.kind == "booklet":
        return (("booklet", document.booklet, document.booklet_for, document.booklet_name),)
    tiers = document.tiers or (job.tier,) * len(document.sheets)
    found: list = []
    for k, part in enumerate(zip(document.sheets, tiers)):
        found.append(part)
        found += [("booklet", letters, paper, name) for at, letters, paper, name in document.inserts if at == k]
    return tuple(found) + (("reference",) if document.reference else ())


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


def _defects(document: Document, job: Job, composer, notes: list[PageNotes]) -> tuple[preflight.Defect, ...]:
    """The preflight's defects of the pages (see render.render), against the layout's `minimum_rule`."""
    layout = job.layout
    return tuple(preflight.defects(notes, layout.minimum_text_size, composer.text_height(), document.filename,
                                   layout.minimum_rule, layout.answer_lines.carried, whole=not document.key,
                                   spread=layout.questions.spread and not document.key))


def _meta(document: Document, job: Job) -> dict:
    pack = job.pack
    return {"title": text.plain(document.title), "author": text.plain(pack.author or ""),
            "subject": f"{text.plain(pack.subject)}, {text.plain(pack.level)}", "pack": job.pack_vars,
            "file": document.filename, "furniture": not document.key,
            **({"lang": job.layout.language} if job.layout.language else {})}  # English paper: "en", as always


def _found(job: Job, starts: dict) -> tuple[Problem, ...]:
    """Warnings the job's composers gained since `starts` (composers made since count from 0)."""
    return tuple(w for c in job.composers for w in c.warnings[starts.get(id(c), 0):])


def _checked(document: Document, job: Job, composer, notes: list[PageNotes]) -> tuple[Problem, ...]:
    """The preflight's warnings for the pages' notes (see render.render)."""
    return tuple(preflight.check(notes, job.layout.minimum_text_size, composer.text_height(), document.filename,
                                 job.layout.answer_lines.carried))
