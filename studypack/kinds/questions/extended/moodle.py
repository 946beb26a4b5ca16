"""Moodle: an essay, the levels and indicative content as grader information."""

from __future__ import annotations

from studypack.export.moodle_xml import Form, essay, final_html, items_html, levels_html, paras_html

TYPE = "essay"


def form(q, exporter) -> Form:
    say = exporter.say
    info = (paras_html(q.answer, say("key.model-answer"), say) if q.answer else "") + levels_html(
        say("key.levels"), q.mark_scheme.levels, say)
    info += items_html(say("key.indicative"), q.mark_scheme.indicative, say)
    if q.mark_scheme.spag:
        info += levels_html(say("key.spag-words"), q.mark_scheme.spag, say)
    return essay(q, info, q.marks + (q.spag or 0))._replace(body=final_html(q))  # the unit asked for under the prompt
