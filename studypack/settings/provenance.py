"""A source's provenance lines as the layout's `source.attribution` has them, composed once for
the PDF (the composer), the Word file and the Moodle bank, so the three never disagree.

`teaching`: "Primary source." with origin and date; purpose and audience; "Taken from:" and
the citation. `board`: one line of origin and date, as exam papers print it above the source.
Lines are inline markup (`text.inline`: escaped text, <strong>, <i>), which each format turns into
its own runs. Every other stimulus kind says what it is in its own words (its spec's `credit`:
"From *Great Expectations* by Charles Dickens (1861).", "Source: Environment Agency."), the
same in both forms: never "Primary source." or "Taken from:" under a poem or a chart.
"""

from __future__ import annotations

import re

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.media import text
from studypack.spec import stimuli
from studypack.spec.stimulus_base import NO_LABEL


def author_title(source) -> str | None:
    """An unlabelled source's heading of its author and title, "Charles Dickens: *Great
    Expectations*" (pack markup), where it names both (a layout's `source.author_heading`)."""
    author, title = getattr(source, "author", None), getattr(source, "title", None)
    if getattr(source, "label", None) != NO_LABEL or not author or not title:
        return None
    return f"{author.strip()}: *{title.strip()}*"


def provenance(source, attribution: str, say: Words = ENGLISH_WORDS, lead: str = "",
               author_heading: bool = False) -> list[str]:
    """The provenance lines of `source` in the `attribution` form ("teaching" or "board"); a
    stimulus of another kind, its kind's attribution. The tool's words said by `say`; `lead`,
    the layout's words before a board line (AP's "Source:"); `author_heading`, where its heading
    names its author and title (`author_title`), its credit says only the rest (no "From
    *Great Expectations* by Charles Dickens (1861)." under "Charles Dickens: *Great Expectations*")."""
    if author_heading and author_title(source) is not None:
        source = source.model_copy(update={"title": None, "author": None, "date": None})
    credit = stimuli.credit(source, say)
    if credit is not None:
        return [_line(pieces) for pieces in credit]
    dated = _dated(source.origin, source.date)
    if attribution == "board":
        return [f"{text.inline(lead)} {dated}" if lead else dated]
    kind = say("source.primary" if source.kind == "primary" else "source.secondary")
    lines = [f"<b>{kind}.</b> {dated}"]
    extra = []
    if source.purpose:
        extra.append(f"<b>{say('source.purpose')}</b> {text.inline(source.purpose)}")
    if source.audience:
        extra.append(f"<b>{say('source.audience')}</b> {text.inline(source.audience)}")
    if extra:
        lines.append(" ".join(e.rstrip(".") + "." for e in extra))
    lines.append(f"<b>{say('source.taken-from')}</b> {text.inline(source.citation)}")
    return lines


# a sentence's end inside an origin: a full stop after a word of three letters or more (not "Mr.",
# "St.", "c.") or a closing bracket or quote, then a capital
_SENTENCE_END = re.compile(r"(?:(?<=[a-z0-9]{3})|(?<=[)”’\"]))\.\s+(?=[A-Z“‘\"])")


def _dated(origin: str, date: str) -> str:
    """The origin with its date after the first sentence, the one saying who and what: "X,
    speaking in court, August 1936. His words as a website quoted them in 2013." (the date
    at the very end would seem the second sentence's)."""
    origin = origin.rstrip().rstrip(".,;")
    first, *rest = _SENTENCE_END.split(origin, maxsplit=1)
    said = f"{text.inline(first.rstrip('.,;'))}, {text.inline(date.rstrip().rstrip('.'))}."
    return " ".join([said] + [text.inline(r) + "." for r in rest])


def _line(pieces) -> str:
    """One attribution line from its pieces: the pack's inline markup, a title in italics."""
    return "".join(f"<i>{text.inline(words)}</i>" if style == "i" else text.inline(words) for style, words in pieces)
