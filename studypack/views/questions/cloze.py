"""How a gap-fill (cloze) question prints: an optional word bank, then the text with numbered
gaps of one length (so the length gives nothing away); the key prints the answers in bold."""

from __future__ import annotations

import re

from ... import text
from ...spec.questions.cloze import GAP, bank, gaps

KIND = "cloze"


def student(q, ctx) -> list:
    parts = [ctx.word_bank(bank(q))] if q.word_bank else []
    parts.append(_running_text(ctx, q.text, [a[0] for a in gaps(q)], show=False))
    return parts


def key(q, ctx) -> list:
    parts = [_running_text(ctx, q.text, [a[0] for a in gaps(q)], show=True)]
    also = [f"gap {i}: also accept {', '.join(a[1:])}" for i, a in enumerate(gaps(q), start=1) if len(a) > 1]
    if also:
        parts.append(ctx.key_list("Also accept", also))
    if q.word_bank and q.distractors:
        parts.append(ctx.key_text("Distractors in the word bank", ", ".join(q.distractors)))
    return parts


def _running_text(ctx, user_text: str, answers: list[str], show: bool) -> list:
    width = max(10, min(22, max(len(a) for a in answers) + 3))
    counter = iter(range(1, len(answers) + 1))

    def fill(match: re.Match) -> str:
        n = next(counter)
        if show:  # a no-break space between the gap's number and its answer: "(1) 1 December", never "(1)1 December"
            return f"<super><font size=\"{ctx.small(7)}\">({n})</font></super>\xa0<u><b>{match.group(1).split('|')[0].strip()}</b></u>"
        # a solid rule (underlined no-break spaces), never dashes: letter-spaced layouts part underscores
        return f"<super><font size=\"{ctx.small(7)}\">({n})</font></super><u>{chr(0xa0) * (width * 2)}</u>"

    out = []
    for paragraph in text.paragraphs(user_text):
        out.append(ctx.para(GAP.sub(fill, paragraph), "question.option",
                            leftIndent=ctx.number_width, spaceBefore=3,
                            leading=max(22, ctx.style("question.option").fontSize * 1.9)))
    return out
