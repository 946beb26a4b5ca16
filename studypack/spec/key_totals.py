"""The totals an answer key gives, composed once for the PDF key and the Word key: a sheet's
marks (each tier's where a key without a tier covers a tiered sheet: "F 9, H 11"), SPaG
marks apart ("27 + 4 SPaG"), and the lines of totals for a sheet or the pack, one per tier.
Words only, with no-break spaces where a number must not part from its noun."""

from __future__ import annotations

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.fields import in_tier

TIER_NAMES = ("foundation", "higher")


def tiers(sheets, tier, say: Words = ENGLISH_WORDS) -> list[tuple[str, str | None]]:
    """(label suffix, tier) for the totals: one per tier where a key without a tier covers
    tiered sheets (whose totals differ by tier), else the key's own."""
    if tier is None and any(s.tiered for s in sheets):
        return [(" (" + say(f"tier.{t}-tier") + ")", t) for t in TIER_NAMES]
    return [("", tier)]


def marks_words(marks: int, spag: int = 0, say: Words = ENGLISH_WORDS) -> str:
    """"40 marks", or with SPaG shown apart "36 marks + 4 SPaG"."""
    words = say("marks.count", marks)  # no-break spaces: a number never parts from its noun
    return words + (" +\xa0" + say("marks.spag", spag) if spag else "")


def sheet_marks(sheet, tier, short: bool = False, say: Words = ENGLISH_WORDS) -> str:
    """A sheet's marks: one number, or each tier's where they differ ("Foundation 9, Higher 11";
    short: "F 9, H 11")."""
    if tier is None and sheet.tiered:
        return ", ".join(f"{say(f'tier.{t}-letter') if short else say(f'tier.{t}')}\xa0{sheet.total_for(t)}" for t in TIER_NAMES)
    return str(sheet.total_for(tier))


def apart(tier_letter: str, total: int, spag: int, under: bool = False, say: Words = ENGLISH_WORDS) -> str:
    """A total as the key's headings give it, SPaG apart: "F 151 + 4 SPaG", "27 + 4 SPaG", "26";
    `under`: the SPaG marks may go to the next line ("F 151 / + 4 SPaG")."""
    words = f"{tier_letter}\xa0{total - spag}" if tier_letter else str(total - spag)
    return words + (f"{' ' if under else chr(160)}+\xa0" + say("marks.spag", spag) if spag else "")


def short_marks(sheet, tier, under: bool = False, say: Words = ENGLISH_WORDS) -> str:
    """A sheet's marks in the key's summary table, in the form of its heading ("27 + 4 SPaG"; "F 9, H 11")."""
    if tier is None and sheet.tiered:
        return ", ".join(apart(say(f"tier.{t}-letter"), sheet.total_for(t), sheet.spag_for(t), under, say) for t in TIER_NAMES)
    return apart("", sheet.total_for(tier), sheet.spag_for(tier), under, say)


def heading_marks(sheet, tier, say: Words = ENGLISH_WORDS) -> str:
    """A sheet's marks for its heading in the key, SPaG apart where it has some: "48 marks + 4 SPaG"."""
    spag = sheet.spag_for(tier)
    if not spag or (tier is None and sheet.tiered):
        last = sheet.total_for(TIER_NAMES[-1] if tier is None and sheet.tiered else tier)  # the number before the noun
        return say("marks.after", last, marks=sheet_marks(sheet, tier, say=say))
    return marks_words(sheet.total_for(tier) - spag, spag, say)


def pack_totals(sheets, tier) -> list[tuple[str | None, int, int]]:
    """(tier, total with SPaG, SPaG marks) of the key's sheets, one per tier `tiers` gives."""
    return [(t, sum(s.total_for(t) for s in sheets if in_tier(s, t)), sum(s.spag_for(t) for s in sheets if in_tier(s, t)))
            for _label, t in tiers(sheets, tier)]


def summary_total(sheets, tier, under: bool = False, say: Words = ENGLISH_WORDS) -> str:
    """The summary table's total: "F 152 + 4 SPaG, H 154 + 4 SPaG"."""
    return ", ".join(apart(say(f"tier.{t}-letter") if t else "", total, spag, under, say)
                     for t, total, spag in pack_totals(sheets, tier))


def pack_lines(label: str, sheets, tier, say: Words = ENGLISH_WORDS) -> list[tuple[str, int, int]]:
    """The pack's closing totals: none where the key holds one sheet (its own total, just
    above, says the same; a board paper's key closed on three near-identical lines)."""
    return total_lines(label, sheets, tier, say) if len(sheets) > 1 else []


def total_lines(label: str, sheets, tier, say: Words = ENGLISH_WORDS) -> list[tuple[str, int, int]]:
    """("Total for the pack (Foundation tier)", marks without SPaG, SPaG marks) for each tier:
    the lines the key closes a sheet (one sheet) or the pack (all its sheets) with."""
    return [(f"{label}{suffix}", total - spag, spag)
            for (suffix, _t), (_same, total, spag) in zip(tiers(sheets, tier, say), pack_totals(sheets, tier))]


def total_words(label: str, marks: int, spag: int = 0, say: Words = ENGLISH_WORDS) -> str:
    """"Total for Section B: 32 marks + 4 SPaG"."""
    return f"{say('key.label', label=label)} {marks_words(marks, spag, say)}"
