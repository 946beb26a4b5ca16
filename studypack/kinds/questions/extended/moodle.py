"""Moodle: an essay, the levels and indicative content as grader information."""

from __future__ import annotations

from studypack.export.moodle_xml import essay, final_html, items_html, levels_html, paras_html

TYPE = "essay"


def form(q, exporter):
    """(Moodle type, body after the prompt, files, the type's own XML, grade)."""
    say = exporter.say
    info = (paras_html(q.answer, say("key.model-answer"), say) if q.answer else "") + levels_html(
        say("key.levels"), q.mark_scheme.levels, say)
    info += items_html(say("key.indicative"), q.mark_scheme.indicative, say)
    if q.mark_scheme.spag:
        info += levels_html(say("key.spag-words"), q.mark_scheme.spag, say)
    qtype, _body, files, extra, grade = essay(q, info, q.marks + (q.spag or 0))
    return qtype, final_html(q), files, extra, grade  # the unit asked for under the prompt
