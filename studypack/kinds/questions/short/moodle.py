"""Moodle: a short answer of a few words is matched; a longer one is an essay with the key as grader information."""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from studypack.export.common import plain
from studypack.export.moodle_text import shortanswer
from studypack.export.moodle_xml import answer, essay, final_html, is_word, items_html, paras_html, points_html

TYPE = "shortanswer or essay"


def form(q, exporter):
    """(Moodle type, body after the prompt, files, the type's own XML, grade)."""
    word = plain(q.answer)
    if not q.points and q.mark_scheme is None and is_word(word):
        return ("shortanswer", final_html(q), [], "    <usecase>0</usecase>\n" + answer(100, xml_escape(shortanswer(word)), plain_text=True),
                q.marks)
    say = exporter.say
    info = (paras_html(q.answer, say("key.answer"), say) + items_html(say("key.creditable"), q.points, say)
            + points_html(q.mark_scheme, q.marks, say))
    qtype, _body, files, extra, grade = essay(q, info)
    return qtype, final_html(q), files, extra, grade  # the unit asked for under the prompt
