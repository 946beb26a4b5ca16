"""Moodle: one statement as Moodle's true/false; several as a matching question, each to True or False."""

from __future__ import annotations

from studypack.export.moodle_xml import Form, answer, feedback_html, inline_html, settings, subquestions

TYPE = "truefalse or matching"


def form(q, exporter) -> Form:
    if len(q.statements) == 1:
        st = q.statements[0]
        answers = [answer(100 if st.answer else 0, "true", st.explanation),
                   answer(0 if st.answer else 100, "false", st.explanation)]
        return Form("truefalse", f"<p>{inline_html(st.text)}</p>", [], answers, q.marks)
    true, false = exporter.say("question.true"), exporter.say("question.false")
    pairs = subquestions([(inline_html(st.text), true if st.answer else false) for st in q.statements],
                         [true, false])  # both offered, as the paper's two columns are
    why = "".join(f"<li>{inline_html(st.text)} {true if st.answer else false}"
                  + (f": {inline_html(st.explanation)}" if st.explanation else "") + "</li>" for st in q.statements)
    return Form("matching", "", [], settings(shuffleanswers="false") + pairs + [feedback_html(f"<ul>{why}</ul>")], q.marks)
