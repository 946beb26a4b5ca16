"""What a document's view composes with: the pack, its layout and folder, the build's tier,
one composer per (student or key, tier), and the variables header and footer templates see."""

from __future__ import annotations

from pathlib import Path

from studypack.media import text
from studypack.settings.layout import Layout
from studypack.views.composer import Composer

_BUILD_TIER = object()  # "the tier this job was made for"


class Job:
    def __init__(self, layout: Layout, pack, root: Path, tier: str | None = None):
        self.layout, self.pack, self.root, self.tier = layout, pack, root, tier
        self._composers: dict[tuple[bool, str | None], Composer] = {}
        self._sheet_vars = [sheet_vars(sheet, tier) for sheet in pack.sheets]
        self.pack_vars = pack_vars(pack, tier)
        # (sheet index, tier) -> how far its answer lines close up and lose lines (see Composer.for_sheet):
        # set by the typesetter where that ends the sheet a page sooner
        self.tighten: dict[tuple[int, str | None], float] = {}
        # (sheet index, tier) -> the pages it printed on: set by the typesetter where its cover says it
        self.pages: dict[tuple[int, str | None], int] = {}

    def composer(self, key: bool = False, tier=_BUILD_TIER) -> Composer:
        """The composer for the student sheets (or the key) printed in `tier`: a tiered sheet in
        an untiered build prints once per tier, each with its own composer."""
        tier = self.tier if tier is _BUILD_TIER else tier
        if (key, tier) not in self._composers:
            self._composers[(key, tier)] = Composer(self.layout, self.pack, self.root, key=key, tier=tier)
        return self._composers[(key, tier)]

    @property
    def composers(self) -> list[Composer]:
        return list(self._composers.values())

    def sheet_vars(self, i: int, tier: str | None, run: str) -> dict:
        """What the header of sheet `i` sees; `run` names a cover and its paper numbered as one."""
        if tier == self.tier and not run:
            return self._sheet_vars[i]
        found = {**sheet_vars(self.pack.sheets[i], tier), "run": run}
        if tier != self.tier:  # one of a tiered sheet's versions: the header says which
            said = self.layout.say(f"tier.{tier}-tier") if tier else " tier"
            found["title"] = f"{found['title']} ({said})"
        return found


def pack_vars(pack, tier: str | None = None) -> dict:
    return {"title": text.plain(pack.title), "subtitle": text.plain(pack.subtitle or ""),
            "subject": text.plain(pack.subject), "level": text.plain(pack.level),
            "author": text.plain(pack.author or ""), "total": pack.total_for(tier)}


def sheet_vars(sheet, tier: str | None = None) -> dict:
    return {"id": sheet.id, "title": text.plain(sheet.title), "kind": sheet.kind, "total": sheet.total_for(tier)}
