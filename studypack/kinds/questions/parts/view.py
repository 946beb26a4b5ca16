"""How a question with sub-questions prints: the shared stem (if any), then each part as
1(a), 1(b) … with its own stem, marks and body, each part's start kept with its answer space."""

from __future__ import annotations

from reportlab.platypus import Spacer

from studypack.views import exercises
from studypack.views.toolkit import keep_with_stem


def question(ctx, number: int, q, opening: list) -> list:
    gap = ctx.question_gap()
    out: list = []
    whole = ctx.question_exercise(number, q)  # its parts overleaf say whose they are ("Question 4 continued")
    lead = [ctx.stem(number, q, marks=False), Spacer(1, gap * 0.5)] if q.prompt else []
    lead = opening + [Spacer(1, gap)] + lead if opening else lead
    if ctx.key and q.tier:
        lead = lead + [ctx.note(ctx.say(f"tier.{q.tier}-only"))]
    for i, part in enumerate(q.parts):
        label = ctx.part_label(number, i, opens=not q.prompt)
        head, tail = keep_with_stem(ctx.labelled(ctx.body(part), ctx.part_label(number, i, printed=False)))
        block = lead + [ctx.stem(label, part)] + head
        lead = []
        done = [Spacer(1, gap), ctx.keep(block)] + tail
        if ctx.key:  # what of a part goes on overleaf says which part ("Question 05.2 continued")
            exercises.mark(done, ctx.part_exercise(ctx.part_label(number, i, printed=False), whole), skip=opening)
        out += done
    return out


def student(q, ctx) -> list:
    """Nothing of its own: `question` prints the shared stem, then each part as a question."""
    return []


def key(q, ctx) -> list:
    return []
