"""The pieces of Moodle XML a question is made of: the question element, answers and their
grades, embedded-answer (cloze) gaps, essays with grader information, and the pack's inline
markup as HTML. The exporter (`moodle`) and each kind's Moodle form (`kinds/questions/<kind>/moodle.py`) use them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape
from xml.sax.saxutils import escape as xml_escape

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.media import text as markup
from studypack.export.common import marks_words, plain, without_bidi_controls
from studypack.export.equations import moodle_html
from studypack.export.moodle_text import gap_answer

# Moodle accepts only these grades for an answer (percent); the nearest is chosen for 1/n
_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5,
           11.11111, 10, 5, 0)


class Skip(Exception):
    """This question cannot go into Moodle as it is: the message says why and what to do."""


def question_xml(qtype: str, name: str, text: str, files: list[str], grade: float, extra: str) -> ET.Element:
    """One <question>, built as XML elements: its name, its text (HTML, as the text of an
    element: the XML writer escapes it), its pictures, its grade and its type's own elements
    (`extra`, written by the helpers below, read here: a fragment that is not well-formed XML
    stops the build rather than reaching Moodle)."""
    question = ET.Element("question", type=qtype)
    ET.SubElement(ET.SubElement(question, "name"), "text").text = name
    body = ET.SubElement(question, "questiontext", format="html")
    ET.SubElement(body, "text").text = text
    body.extend(ET.fromstring(f"<files>{''.join(files)}</files>"))
    if qtype != "description":
        ET.SubElement(question, "defaultgrade").text = number(grade)
    question.extend(ET.fromstring(f"<extra>{extra}</extra>"))
    return question


def category_xml(path: str, info_html: str) -> ET.Element:
    """The category a bank's questions go in, with its description."""
    question = ET.Element("question", type="category")
    ET.SubElement(ET.SubElement(question, "category"), "text").text = path
    ET.SubElement(ET.SubElement(question, "info", format="html"), "text").text = info_html
    return question


def quiz_xml(questions: list[ET.Element]) -> str:
    """The whole bank: <quiz> with its questions, indented, UTF-8 declared."""
    quiz = ET.Element("quiz")
    quiz.extend(questions)
    ET.indent(quiz, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


MATCHING_ROWS = 3  # Moodle's editing form refuses a matching question of fewer rows (it counts rows, not answers)


def subquestions(pairs: list[tuple[str, str]], choices=()) -> str:
    """A matching question's rows: each (question HTML, answer) pair; then each of `choices` that
    no pair answers, as a row with no question (Moodle offers it as one more answer, as paper
    does: a distractor, False where every statement is true); then the pairs' own answers again
    until there are three rows, so a teacher can edit the question in Moodle. Moodle shows each
    answer once, so a repeated one changes nothing a student sees."""
    answers = [answer for _question, answer in pairs]
    rows = list(pairs) + [("", c) for c in dict.fromkeys(choices) if c not in answers]
    for k in range(max(0, MATCHING_ROWS - len(rows))):
        rows.append(("", answers[k % len(answers)]))
    return "".join(f'    <subquestion format="html"><text>{cdata(question) if question else ""}</text>'
                   f"<answer><text>{xml_escape(answer)}</text></answer></subquestion>\n" for question, answer in rows)


def choice(single: bool) -> str:
    return (f"    <single>{'true' if single else 'false'}</single>\n    <shuffleanswers>true</shuffleanswers>\n"
            "    <answernumbering>ABCD</answernumbering>\n")


def answer(fraction: float, html_text: str, feedback: str | None = None, plain_text: bool = False) -> str:
    fmt = ' format="plain_text"' if plain_text else ' format="html"'
    body = html_text if plain_text else cdata(html_text)
    extra = f'<feedback format="html"><text>{cdata(paras_html(feedback))}</text></feedback>' if feedback else ""
    return f'    <answer fraction="{number(fraction)}"{fmt}><text>{body}</text>{extra}</answer>\n'


def feedback(explanation: str | None) -> str:
    return feedback_html(paras_html(explanation)) if explanation else ""


def feedback_html(html_text: str) -> str:
    return f'    <generalfeedback format="html"><text>{cdata(html_text)}</text></generalfeedback>\n'


def essay(q, info: str, grade: float | None = None, template: str = "") -> tuple:
    lines = getattr(q, "lines", None) or 10
    extra = ("    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n"
             f"    <responsefieldlines>{max(5, min(40, lines))}</responsefieldlines>\n"
             "    <attachments>0</attachments>\n    <attachmentsrequired>0</attachmentsrequired>\n"
             f'    <graderinfo format="html"><text>{cdata(info)}</text></graderinfo>\n'
             f'    <responsetemplate format="html"><text>{cdata(template)}</text></responsetemplate>\n')
    return "essay", "", [], extra, grade if grade is not None else q.marks


def embedded(weight: int, accepted: list[str], bank: list[str]) -> str:
    """One gap in Moodle's embedded-answers (cloze) syntax: {weight:SHORTANSWER:=a~=b} typed,
    or {weight:MULTICHOICE:=a~b~c} chosen from the word bank; each answer written so Moodle
    reads it back as it is (`moodle_text.gap_answer`)."""
    if bank:  # the bank's own (shuffled) order, so the right word is not always first
        choices = [("=" if w in accepted else "") + gap_answer(typed_form(w), typed=False) for w in bank]
        if accepted[0] not in bank:
            choices.insert(0, "=" + gap_answer(typed_form(accepted[0]), typed=False))
        return "{" + f"{weight}:MULTICHOICE:" + "~".join(choices) + "}"
    return "{" + f"{weight}:SHORTANSWER:" + "~".join(f"={gap_answer(typed_form(a), typed=True)}" for a in accepted) + "}"


_TYPED = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\xa0": " "})


def typed_form(answer: str) -> str:
    """A gap's answer as a student types it: straight quotes and plain spaces, not the
    typographic ones the printed page uses."""
    return plain(answer).translate(_TYPED)


def weights(marks: int, gaps: int) -> list[int]:
    """Whole marks for each gap adding up to the question's marks (Moodle's cloze grade is their
    sum), shared as evenly as possible; fewer marks than gaps cannot be shared."""
    if marks < gaps:
        raise Skip(f"it has {gaps} gaps but {marks} mark{'s' if marks != 1 else ''}; Moodle gives each gap at least "
                   f"1 mark and the question the sum: give it at least {gaps} marks to export it")
    base, extra = divmod(marks, gaps)
    return [base + (1 if i < extra else 0) for i in range(gaps)]


def grade(percent: float) -> float:
    return min(_GRADES, key=lambda g: abs(g - percent))


def is_word(answer: str) -> bool:
    """A key Moodle can mark by matching: one to three words, no sentence."""
    return bool(answer) and len(answer.split()) <= 3 and not re.search(r"[.;:!?]", answer.rstrip("."))


def paras_html(user_text: str | None, label: str = "", say: Words = ENGLISH_WORDS) -> str:
    if not user_text:
        return ""
    paras = markup.paragraphs(without_bidi_controls(user_text)[0])
    out = [tags(p) for p in paras]
    if label and out:
        out[0] = f"<strong>{escape(say('key.label', label=label))}</strong> {out[0]}"
    return "".join(f"<p>{p}</p>" for p in out)


def final_html(q) -> str:
    """A question's `final:` line ("speed = ________ m/s") after its prompt: Moodle has no
    working space, so the label and unit say what to give and in which unit."""
    final = getattr(q, "final", None)
    if final is None:
        return ""
    unit = f" {inline_html(final.unit)}" if final.unit else ""
    return f"<p>{inline_html(final.label)} ________{unit}</p>"


def inline_html(user_text: str) -> str:
    return tags(markup.inline(" ".join(without_bidi_controls(user_text)[0].split())))


def tags(reportlab_markup: str) -> str:
    """ReportLab's <b>/<i> as HTML's <strong>/<em>, each formula between MathJax's delimiters
    (`equations.moodle_html`); the text is already escaped."""
    return (moodle_html(reportlab_markup).replace("<b>", "<strong>").replace("</b>", "</strong>")
            .replace("<i>", "<em>").replace("</i>", "</em>"))


def items_html(label: str, items, say: Words = ENGLISH_WORDS) -> str:
    if not items:
        return ""
    return f"<p><strong>{escape(say('key.label', label=label))}</strong></p><ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in items) + "</ul>"


def levels_html(title: str, levels, say: Words = ENGLISH_WORDS) -> str:
    rows = "".join(f"<tr><td>{escape(say('key.level-n', level=lv.level)).replace(chr(160), ' ')}</td><td>{lv.marks[0]}{'–' + str(lv.marks[1]) if lv.marks[1] != lv.marks[0] else ''}"
                   f"</td><td>{inline_html(lv.descriptor)}</td></tr>" for lv in levels)
    return (f"<p><strong>{escape(say('key.label', label=title))}</strong></p><table border=\"1\"><tr>"
            f"<th>{escape(say('key.level'))}</th><th>{escape(say('key.marks'))}</th>"
            f"<th>{escape(say('key.descriptor'))}</th></tr>{rows}</table>")


def points_html(scheme, marks: int, say: Words = ENGLISH_WORDS) -> str:
    if scheme is None:
        return f"<p><strong>{escape(say('key.label', label=say('key.marks')))}</strong> {escape(marks_words(marks, None, say))}</p>"
    top = scheme.up_to or marks
    said = say("key.point-scheme", top, each=say("marks.plain", scheme.each), credit=escape(plain(scheme.credit)))
    return f"<p><strong>{escape(say('key.label', label=say('key.mark-scheme')))}</strong> {said}</p>"


def cdata(html_text: str) -> str:
    return "<![CDATA[" + html_text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def path_part(title: str) -> str:
    return title.replace("/", "//")  # a slash inside a category name is written twice


def short(words: str, most: int = 60) -> str:
    return words if len(words) <= most else words[: most - 1].rsplit(" ", 1)[0] + "…"


def number(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
