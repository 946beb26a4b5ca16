"""Moodle: each left item matched to its right one; distractors as answers with no question.
Fewer than three answers to choose from (two pairs, no distractor) is warned at the question:
the last match is then given away, and Moodle's editing form wants three."""

from __future__ import annotations

from studypack.base.errors import said
from studypack.export.common import plain
from studypack.export.moodle_xml import MATCHING_ROWS, Form, inline_html, offered, settings, subquestions

TYPE = "matching"


def form(q, exporter) -> Form:
    heads = f"<p>{inline_html(q.headings[0])} → {inline_html(q.headings[1])}</p>" if q.headings else ""
    pairs = [(inline_html(p.left), plain(p.right)) for p in q.pairs]
    distractors = [plain(d) for d in q.distractors]
    if (count := offered(pairs, distractors)) < MATCHING_ROWS:
        exporter.warn(said("term.moodle-matching", "it offers Moodle {count} answers to match; Moodle's matching wants "
                           "{rows} (the export repeats one so the question can be edited, but a student gets the last "
                           "match free): add a `distractors:` entry", count=count, rows=MATCHING_ROWS),
                      ("distractors",) if q.distractors else ("pairs",))
    return Form("matching", heads, [], settings(shuffleanswers="true") + subquestions(pairs, distractors), q.marks)
