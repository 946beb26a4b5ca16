"""Student sheets as one document: a sheet with its cover and per-tier copies, or the whole
pack (every sheet, each from a new page, a paper's source booklet behind it, then the
reference pages if the pack has any)."""

from __future__ import annotations

from studypack.plan.documents import runs
from studypack.views.sheets import SHEET_VIEWS
from studypack.views.documents import booklet, reference

KIND = "sheets"


def parts(document, job):
    pack = job.pack
    tiers = document.tiers or (job.tier,) * len(document.sheets)
    numbered = runs(pack, document.sheets, tiers)
    sheets = []
    for k, (i, tier) in enumerate(zip(document.sheets, tiers)):
        # a paper behind its cover does not ask for name and class again
        covered = frozenset(pack.sheets[document.sheets[j]].id for j in numbered
                            if j > 0 and numbered.get(j - 1) == numbered[j])
        ctx = job.composer(tier=tier).for_sheet(covered, job.tighten.get((i, tier), 0.0), job.pages.get((i, tier), 0))
        sheet = pack.sheets[i]
        sheets.append((job.sheet_vars(i, tier, numbered.get(k, "")), SHEET_VIEWS[sheet.kind].compose(sheet, pack, ctx)))
        for _at, letters, paper, name in (insert for insert in document.inserts if insert[0] == k):
            sheets.append(booklet.part(job, letters, paper, name))
    if document.reference:
        sheets.append(reference.pages(job))
    return sheets, job.composer()
