"""Moodle: a short answer of a few words is matched; a longer one is an essay with the key as grader information."""

from __future__ import annotations

from studypack.export.common import plain
from studypack.export.moodle_text import shortanswer
from studypack.export.moodle_xml import (Form, answer, essay, final_html, is_word, items_html, paras_html, points_html,
                                         settings)

TYPE = "shortanswer or essay"


def form(q, exporter) -> Form:
    word = plain(q.answer)
    if not q.points and q.mark_scheme is None and is_word(word):
        return Form("shortanswer", final_html(q), [],
                    settings(usecase=0) + [answer(100, shortanswer(word), plain_text=True)], q.marks)
    say = exporter.say
    info = (paras_html(q.answer, say("key.answer"), say) + items_html(say("key.creditable"), q.points, say)
            + points_html(q.mark_scheme, q.marks, say))
    return essay(q, info)._replace(body=final_html(q))  # the unit asked for under the prompt
