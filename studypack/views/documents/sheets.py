"""Student sheets as one document: a sheet with its cover and per-tier copies, or the whole
pack (every sheet, each from a new page, then the reference pages if the pack has any)."""

from __future__ import annotations

from ...plan import runs
from ..sheets import SHEET_VIEWS
from . import reference

KIND = "sheets"


def parts(document, job):
    pack = job.pack
    tiers = document.tiers or (job.tier,) * len(document.sheets)
    numbered = runs(pack, document.sheets, tiers)
    sheets = []
    for k, (i, tier) in enumerate(zip(document.sheets, tiers)):
        ctx = job.composer(tier=tier)
        # a paper behind its cover does not ask for name and class again
        ctx.covered = frozenset(pack.sheets[document.sheets[j]].id for j in numbered
                                if j > 0 and numbered.get(j - 1) == numbered[j])
        sheet = pack.sheets[i]
        ctx.tighten = job.tighten.get((i, tier), 0.0)
        sheets.append((job.sheet_vars(i, tier, numbered.get(k, "")), SHEET_VIEWS[sheet.kind].compose(sheet, pack, ctx)))
        ctx.covered, ctx.tighten = frozenset(), 0.0
    if document.reference:
        sheets.append(reference.pages(job))
    return sheets, job.composer()
