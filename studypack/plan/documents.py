"""What a build will write: which documents, of which sheets, in which tier, for whom.

Planning decides file names and which sheets go into which document; it typesets nothing
(no ReportLab here), so `check` can plan and `typeset(document)` renders each document in
one pass. Document kinds: `sheets` (one student sheet, with its cover and per-tier copies, or
the whole pack), `booklet` (sources on their own: a paper's, and the pack's unless a paper's
holds them all), `reference` (glossary and timeline pages), `key` (the answer key) and
`class-key` (a class set's answer grid and per-variant keys).
A class set's units — one laid-out copy per variant, layout and tier a roster needs — are
planned here too, so the class-set code only stamps and writes.
Each build writes into its own folder (`folder`): a build in another layout or tier than the
default goes to `<pack>-<layout>`, `<pack>-foundation` or `<pack>-<layout>-foundation`, so no
build replaces another's PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.plan import variants
from studypack.spec.fields import in_tier
from studypack.spec.sheets import BOOKLET_SUFFIX, booklet_letters, is_cover

TIERS = ("foundation", "higher")
WHOLE_PACK = "pack.pdf"  # every sheet in one file (a `sheets` document, like each sheet's own)


@dataclass(frozen=True)
class Document:
    """One PDF to write: its kind (see the module), file name, sheets (by index) and options."""

    kind: str
    filename: str
    sheets: tuple[int, ...] = ()
    title: str = ""
    reference: bool = False  # a `sheets` document that ends with the glossary and timeline pages
    booklet: tuple[str, ...] = ()  # a source booklet: these sources, nothing else
    booklet_for: str = ""  # the title of the paper the booklet goes with ("" for the pack)
    booklet_name: str = "Source Booklet"  # what the booklet is called ("Sources/Interpretations Booklet")
    # pack.pdf: the source booklets that go with its papers, each printed behind its paper
    # (after the sheet at that position in `sheets`), so the whole pack holds what its papers name
    inserts: tuple[tuple[int, tuple[str, ...], str, str], ...] = ()  # (position, letters, paper title, name)
    tiers: tuple[str | None, ...] = ()  # per sheet, the tier it prints in (empty: the build's tier)
    note: str = ""  # a key: a line under its title (the tiers a class-set key covers)
    variants: tuple = ()  # a class-set key: (name, variant pack, answers) for each variant
    variant_pages: bool = True  # a class-set key: a page of answers and mark scheme per variant

    @property
    def key(self) -> bool:
        return self.kind in ("key", "class-key")


@dataclass
class Plan:
    out_dir: Path
    tier: str | None = None
    documents: list[Document] = field(default_factory=list)

    def document(self, filename: str) -> Document:
        return next(d for d in self.documents if d.filename == filename)


def folder(name: str, layout: str | None = None, tier: str | None = None) -> str:
    """The output folder's name for a build: the pack's name, then the layout and the tier when
    they are not the defaults."""
    return "-".join(part for part in (name, layout, tier) if part)


def make(pack, name: str, out_root: Path, tier: str | None = None, layout: str | None = None,
         say: Words = ENGLISH_WORDS) -> Plan:
    """The documents of one build. `layout`: the layout's name when it is not the pack's default
    (it names the output folder, see `folder`); `say`: its words, for the documents' titles."""
    plan = Plan(Path(out_root) / folder(name, layout, tier), tier)
    shown = [i for i, sheet in enumerate(pack.sheets) if in_tier(sheet, tier)]
    covers = {pack.sheets[i].paper: i for i in shown if is_cover(pack.sheets[i])}
    order: list[int] = []
    printed: list[tuple[int, str | None]] = []  # (sheet, tier) as the whole pack prints them
    inserts: list[tuple[int, tuple[str, ...], str, str]] = []
    for i in shown:
        sheet = pack.sheets[i]
        if is_cover(sheet):  # a cover prints in front of its paper
            continue
        group = ((covers[sheet.id],) if sheet.id in covers else ()) + (i,)
        versions = _versions(pack, group, tier)
        plan.documents.append(Document("sheets", f"{sheet.id}.pdf", tuple(i for i, _t in versions), title=sheet.title,
                                       tiers=tuple(t for _i, t in versions)))
        printed += versions
        letters = booklet_letters(sheet, pack, tier)
        if letters:
            named = pack.booklet_name(sheet, say)
            plan.documents.append(Document("booklet", f"{sheet.id}{BOOKLET_SUFFIX}.pdf",
                                           title=say.alone("source.heading", name=sheet.title, title=named),
                                           booklet=tuple(letters), booklet_for=sheet.title, booklet_name=named))
            inserts.append((len(printed) - 1, tuple(letters), sheet.title, named))
        order += group
    has_reference = any(reference_parts(pack))
    if has_reference:
        plan.documents.append(Document("reference", "reference.pdf", title=reference_title(pack, say), reference=True))
    all_sources = tuple(s.letter for s in pack.sources if in_tier(s, tier))
    if all_sources and pack.pack_booklet is not False and not any(set(letters) == set(all_sources)
                                                                  for _at, letters, _t, _n in inserts):
        # a paper's own booklet that holds every source is the pack's booklet: written once
        plan.documents.append(Document("booklet", "source-booklet.pdf", title=say.alone("source.heading", name=pack.title, title=pack.booklet_name(None, say)),
                                       booklet=all_sources, booklet_name=pack.booklet_name(None, say)))
    plan.documents.append(Document("sheets", WHOLE_PACK, tuple(i for i, _t in printed), title=pack.title,
                                   reference=has_reference, tiers=tuple(t for _i, t in printed),
                                   inserts=tuple(inserts)))
    plan.documents.append(Document("key", "answer-key.pdf", tuple(order), title=say("word.key-heading", title=pack.title)))
    return plan


def reference_parts(pack) -> tuple[bool, bool]:
    """(glossary, timeline): which of the two the pack has but places on no sheet of its own;
    those print as the reference pages (reference.pdf, and the end of pack.pdf)."""
    kinds = {sheet.kind for sheet in pack.sheets}
    return bool(pack.glossary) and "glossary" not in kinds, bool(pack.timeline) and "timeline" not in kinds


def reference_title(pack, say: Words = ENGLISH_WORDS) -> str:
    words, line = reference_parts(pack)
    return say("reference.both") if words and line else say("reference.glossary") if words else say("reference.timeline")


def _versions(pack, group: tuple[int, ...], tier: str | None) -> list[tuple[int, str | None]]:
    """A build without a tier prints a tiered sheet (and its cover) once per tier,
    Foundation then Higher, each with its own questions, help and total, numbered 1, 2, 3… for its students;
    one key serves both, giving each tier's number where they differ."""
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
        if is_cover(cover) and cover.paper == pack.sheets[after].id:
            out[k] = out[k + 1] = f"{cover.paper}/{tiers[k] or ''}"
    return out


# ---------------------------------------------------------------------- class sets

TIER_NAMES = {"foundation": "foundation", "f": "foundation", "higher": "higher", "h": "higher"}


def tier_named(value: str) -> str:
    """A roster's tier column: foundation / higher (or F / H); "" for empty or unknown."""
    return TIER_NAMES.get(value.strip().lower(), "") if value else ""


@dataclass(frozen=True)
class Unit:
    """What one laid-out copy depends on: the variant, the layout, the tier."""

    variant: str
    layout: str
    tier: str


@dataclass
class ClassSet:
    """Who gets which copy: a unit per student, each needed unit's pack, and the class key."""

    units: list[Unit]  # one per student, in roster order
    packs: dict[str, object]  # variant name ("" for the pack as written) -> that variant's pack
    key: Document  # the class-set answer key
    pack: object = None  # the pack the copies print: the whole pack, or only the sheets chosen
    sheets: tuple[str, ...] = ()  # the sheets chosen (`--sheets`); empty: the whole pack

    @property
    def needed(self) -> list[Unit]:
        return list(dict.fromkeys(self.units))


def choosable(pack) -> list[str]:
    """The sheet ids a class set can be limited to: every sheet but a paper's cover, which
    comes with its paper."""
    return [sheet.id for sheet in pack.sheets if not is_cover(sheet)]


def unknown_sheets(pack, ids) -> list[str]:
    """The ids in `ids` that are not a choosable sheet of the pack."""
    known = set(choosable(pack))
    return [i for i in ids if i not in known]


def chosen_order(pack, ids) -> tuple[str, ...]:
    """The chosen ids once each, in the pack's order (so `b,a` and `a,b` are one choice)."""
    wanted = set(ids)
    return tuple(i for i in choosable(pack) if i in wanted)


def _kept(pack, ids) -> list[int]:
    """The positions of the chosen sheets and of the covers of chosen papers."""
    wanted = set(ids)
    return [i for i, sheet in enumerate(pack.sheets)
            if sheet.id in wanted or (is_cover(sheet) and sheet.paper in wanted)]


def only_sheets(pack, ids):
    """The pack with only the sheets chosen (and their covers): its totals, key and headers
    then speak of those sheets alone."""
    kept = _kept(pack, ids)
    return pack.model_copy(update={"sheets": [pack.sheets[i] for i in kept]})


def class_set(pack, students, count: int = 0, shuffle: bool = False, tier: str | None = None,
              sheets: tuple[str, ...] = (), say: Words = ENGLISH_WORDS) -> ClassSet:
    """Deal copies: `count` lettered variants in roster order, or (`shuffle`) one order per
    student; a student's own layout and tier from their roster row, else the build's tier.
    With `sheets`, only those sheets print; variants are dealt from the whole pack first, so a
    student's sheet is the same in a set of chosen sheets as in the whole pack's."""
    units: list[Unit] = []
    seen: dict[str, int] = {}
    count = count if count > 1 else 0
    for i, student in enumerate(students):
        if shuffle:  # one order per student; namesakes without ids still differ
            seen[student.key] = seen.get(student.key, 0) + 1
            variant = f"{student.key}#{seen[student.key]}"
        elif count:
            variant = variants.letter(i % count)
        else:
            variant = ""
        units.append(Unit(variant, student.layout or "", tier_named(student.tier) or tier or ""))
    seed = variants.pack_seed(pack)
    made = {u.variant: (variants.make(pack, seed, u.variant, dealt=not shuffle)
                        if u.variant else (pack, variants.answers_of(pack))) for u in dict.fromkeys(units)}
    if sheets:
        kept = _kept(pack, sheets)
        made = {name: (only_sheets(made_pack, sheets), [answers[i] for i in kept])
                for name, (made_pack, answers) in made.items()}
        pack = only_sheets(pack, sheets)
    if shuffle:  # the grid names students, in roster order
        by_name = {student.name: made[unit.variant] for student, unit in zip(students, units)}
    else:
        by_name = {name: value for name, value in made.items() if name}
    named = [(name, *value) for name, value in by_name.items()]
    key_tier, covers = _key_tier(units)
    key = Document("class-key", "answer-key.pdf", make(pack, "", Path("."), key_tier).document("answer-key.pdf").sheets,
                   title=say("word.key-heading", title=pack.title), tiers=(key_tier,), note=covers,
                   variants=tuple(named), variant_pages=not shuffle)
    return ClassSet(units, {name: value[0] for name, value in made.items()}, key, pack, tuple(sheets))


def _key_tier(units: list[Unit]) -> tuple[str | None, str]:
    """The tier the class set's key is composed for, and a line saying which tiers it covers.
    A class mixing tiers (or any untiered copy) gets every question, each one-tier
    question marked with its tier and its number on each tier's paper where they differ."""
    tiers = sorted({u.tier for u in units})
    if tiers == [""]:
        return None, ""
    if len(tiers) == 1:
        return tiers[0], f"This key covers the {tiers[0]} tier, the tier of every copy in this class set."
    named = " and ".join(t for t in TIERS if t in tiers)
    extra = " and copies printed with both tiers' questions" if "" in tiers else ""
    return None, (f"This key covers the {named} tiers{extra}: questions for one tier only are marked "
                  "with their tier, and F and H give a question's number on each tier's paper where they differ.")
