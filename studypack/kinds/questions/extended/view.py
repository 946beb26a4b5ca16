"""How an extended (levels-marked) question prints: ruled lines that may run onto the next
page; the key gives the levels table (or IB markbands), indicative content (grouped or not), the SPaG
bands printed as SPaG, a model answer; marking notes come after (composer)."""

from __future__ import annotations


def student(q, ctx) -> list:
    per_mark = ctx.layout.answer_lines.extended_per_mark  # exam boards: 3-4 lines a mark for an essay
    need = 0
    if per_mark:
        need = int((q.marks + (q.spag or 0)) * per_mark + 0.5)
        if need > ctx.line_count(q):
            q = q.model_copy(update={"lines": need})
    return ctx.answer_space(q, floor=need)  # ruled lines unless its `space:` names another kind


def key(q, ctx) -> list:
    parts = [ctx.levels(q.mark_scheme.levels)]
    if q.mark_scheme.spag:
        parts.append(ctx.keep(ctx.key_text(ctx.say("key.spag-long"), ctx.say("key.spag-marks", q.spag))
                              + [ctx.levels(q.mark_scheme.spag, spag=True)]))
    if q.mark_scheme.indicative:
        parts.append(ctx.points(ctx.say("key.indicative"), q.mark_scheme.indicative))
    if q.answer:
        parts.append(ctx.key_text(ctx.say("key.model-answer"), q.answer))
    return parts
