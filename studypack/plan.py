"""What a build will write: one PDF per student sheet, source booklets, the whole pack,
the reference pages and the answer key.

Planning decides file names and which sheets go into which document; it typesets
nothing, so `check` can plan without ReportLab and the builder renders in one pass.
A tiered build (`--tier foundation`) writes into its own folder, `<pack>-foundation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TIERS = ("foundation", "higher")


@dataclass(frozen=True)
class Document:
    """One PDF to write: its file name, its sheets (by index), and whether it is the key."""

    filename: str
    sheets: tuple[int, ...]
    key: bool = False
    title: str = ""
    reference: bool = False  # ends with the glossary and timeline pages
    booklet: tuple[str, ...] = ()  # a source booklet: these sources, nothing else
    booklet_for: str = ""  # the title of the paper the booklet goes with ("" for the pack)
    tiers: tuple[str | None, ...] = ()  # per sheet, the tier it prints in (empty: the build's tier)


@dataclass
class Plan:
    out_dir: Path
    tier: str | None = None
    documents: list[Document] = field(default_factory=list)


RESERVED = ("pack", "answer-key", "reference", "source-booklet")
BOOKLET_SUFFIX = "-sources"


def make(pack, name: str, out_root: Path, tier: str | None = None) -> Plan:
    from .model import in_tier
    from .sheets import booklet_letters, reference

    plan = Plan(Path(out_root) / (f"{name}-{tier}" if tier else name), tier)
    shown = [i for i, sheet in enumerate(pack.sheets) if in_tier(sheet, tier)]
    covers = {pack.sheets[i].paper: i for i in shown if pack.sheets[i].kind == "cover"}
    order: list[int] = []
    printed: list[tuple[int, str | None]] = []  # (sheet, tier) as the whole pack prints them
    for i in shown:
        sheet = pack.sheets[i]
        if sheet.kind == "cover":
            continue
        group = ((covers[sheet.id],) if sheet.id in covers else ()) + (i,)
        versions = _versions(pack, group, tier)
        plan.documents.append(Document(f"{sheet.id}.pdf", tuple(i for i, _t in versions), title=sheet.title,
                                       tiers=tuple(t for _i, t in versions)))
        printed += versions
        letters = booklet_letters(sheet, pack, tier)
        if letters:
            plan.documents.append(Document(f"{sheet.id}{BOOKLET_SUFFIX}.pdf", (), title=f"{sheet.title}: Source Booklet",
                                           booklet=tuple(letters), booklet_for=sheet.title))
        order += group
    has_reference = reference.wanted(pack)
    if has_reference:
        plan.documents.append(Document("reference.pdf", (), title=reference.title(pack), reference=True))
    all_sources = tuple(s.letter for s in pack.sources if in_tier(s, tier))
    if all_sources:
        plan.documents.append(Document("source-booklet.pdf", (), title=f"{pack.title}: Source Booklet",
                                       booklet=all_sources))
    plan.documents.append(Document("pack.pdf", tuple(i for i, _t in printed), title=pack.title,
                                   reference=has_reference, tiers=tuple(t for _i, t in printed)))
    plan.documents.append(Document("answer-key.pdf", tuple(order), key=True,
                                   title=f"{pack.title}: answer key"))
    return plan


def _versions(pack, group: tuple[int, ...], tier: str | None) -> list[tuple[int, str | None]]:
    """A build without a tier prints a tiered sheet (and its cover) once per tier,
    Foundation then Higher, each with its own questions, help and total; one key serves both,
    as numbers and marks are the same in each tier."""
    sheet = pack.sheets[group[-1]]
    if tier is None and (sheet.tiered or any(pack.source(letter).tier for letter in sheet.sources)):
        return [(i, t) for t in TIERS for i in group]
    return [(i, tier) for i in group]


def runs(pack, sheets, tiers=()) -> dict[int, str]:
    """Sheets numbered as one: a cover and the paper right behind it share one "Page N of M"
    (the cover is page 1, as on exam boards' papers, where the total counts the cover).
    {position in `sheets`: a run name} for each such cover and paper."""
    tiers = tuple(tiers) or (None,) * len(sheets)
    out: dict[int, str] = {}
    for k, (here, after) in enumerate(zip(sheets, sheets[1:])):
        cover = pack.sheets[here]
        if cover.kind == "cover" and cover.paper == pack.sheets[after].id:
            out[k] = out[k + 1] = f"{cover.paper}/{tiers[k] or ''}"
    return out
