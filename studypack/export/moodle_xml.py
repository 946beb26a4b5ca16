"""The pieces of Moodle XML a question is made of, built as elements (`xml.etree.ElementTree`):
the question element, answers and their grades, embedded-answer (cloze) gaps, essays with
grader information, and the pack's inline markup as HTML. The exporter (`moodle`) and each
kind's Moodle form (`kinds/questions/<kind>/moodle.py`) use them.

Moodle's own exports put HTML in CDATA sections; ElementTree has none and escapes the HTML
instead (`&lt;p&gt;`), which Moodle's importer reads the same way. No piece of XML is written as
text here, so no text of a pack (`]]>`, `<script>`, a stray `&`) can end an element early."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape
from typing import NamedTuple

from studypack.base.errors import said
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


class Form(NamedTuple):
    """A question as its kind's Moodle form has it (`form(q, exporter)`)."""
    qtype: str  # the Moodle question type
    body: str  # HTML after the prompt
    files: list[ET.Element]  # the question text's pictures (`exporter.image`)
    extra: list[ET.Element]  # the type's own elements, after the default grade
    grade: float


def element(tag: str, text: str | None = None, *children: ET.Element, **attrs: str) -> ET.Element:
    """`<tag attrs>text children</tag>`."""
    made = ET.Element(tag, attrs)
    made.text = text
    made.extend(children)
    return made


def text_element(tag: str, words: str, *children: ET.Element, **attrs: str) -> ET.Element:
    """`<tag attrs><text>words</text> children</tag>`: Moodle's way of holding any text."""
    return element(tag, None, element("text", words), *children, **attrs)


def html_element(tag: str, html_text: str, *children: ET.Element) -> ET.Element:
    """`<tag format="html"><text>HTML</text> children</tag>`: the HTML escaped by the writer."""
    return text_element(tag, html_text, *children, format="html")


def settings(**values: str | int) -> list[ET.Element]:
    """A type's plain settings, `<name>value</name>` each, in the order given."""
    return [element(name, str(value)) for name, value in values.items()]


def question_xml(form: Form, name: str, text: str) -> ET.Element:
    """One <question>: its name, its text (HTML) with its pictures, its grade and its type's own elements."""
    question = element("question", None, text_element("name", name), html_element("questiontext", text, *form.files),
                       type=form.qtype)
    if form.qtype != "description":
        question.append(element("defaultgrade", number(form.grade)))
    question.extend(form.extra)
    return question


def category_xml(path: str, info_html: str) -> ET.Element:
    """The category a bank's questions go in, with its description."""
    return element("question", None, text_element("category", path), html_element("info", info_html), type="category")


# characters XML 1.0 cannot hold, escaped or not (ElementTree would write them as they are)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def quiz_xml(questions: list[ET.Element]) -> str:
    """The whole bank: <quiz> with its questions, indented, UTF-8 declared. A character no XML
    parser takes stops the export (the loader removes control characters from a pack's text, so
    one here is a fault of the tool's, never a bank Moodle refuses)."""
    quiz = element("quiz", None, *questions)
    ET.indent(quiz, "  ")
    written = ET.tostring(quiz, encoding="unicode")
    if found := _NOT_XML.search(written):
        raise ValueError(f"U+{ord(found.group()):04X} cannot be written in a Moodle XML bank")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + written + "\n"


MATCHING_ROWS = 3  # Moodle's editing form refuses a matching question of fewer rows (it counts rows, not answers)


def subquestions(pairs: list[tuple[str, str]], choices=()) -> list[ET.Element]:
    """A matching question's rows: each (question HTML, answer) pair; then each of `choices` that
    no pair answers, as a row with no question (Moodle offers it as one more answer, as paper
    does: a distractor, False where every statement is true); then the pairs' own answers again
    until there are three rows, so a teacher can edit the question in Moodle. Moodle shows each
    answer once, so a repeated one changes nothing a student sees."""
    answers = [answer for _question, answer in pairs]
    rows = list(pairs) + [("", c) for c in dict.fromkeys(choices) if c not in answers]
    for k in range(max(0, MATCHING_ROWS - len(rows))):
        rows.append(("", answers[k % len(answers)]))
    return [html_element("subquestion", question, text_element("answer", answer)) for question, answer in rows]


def offered(pairs: list[tuple[str, str]], choices=()) -> int:
    """How many different answers a matching question offers a student (Moodle shows each once)."""
    return len(set([answer for _question, answer in pairs] + list(choices)))


def choice(single: bool) -> list[ET.Element]:
    return settings(single="true" if single else "false", shuffleanswers="true", answernumbering="ABCD")


def answer(fraction: float, html_text: str, feedback: str | None = None, plain_text: bool = False) -> ET.Element:
    """One answer with its grade (percent): HTML, or plain text (`plain_text`: a typed short answer)."""
    made = text_element("answer", html_text, fraction=number(fraction), format="plain_text" if plain_text else "html")
    if feedback:
        made.append(html_element("feedback", paras_html(feedback)))
    return made


def feedback(explanation: str | None) -> list[ET.Element]:
    """The general feedback a student sees after answering: the question's explanation, if any."""
    return [feedback_html(paras_html(explanation))] if explanation else []


def feedback_html(html_text: str) -> ET.Element:
    return html_element("generalfeedback", html_text)


def essay(q, info: str, grade: float | None = None, template: str = "") -> Form:
    """An essay: a text editor of the question's lines, `info` (HTML) for the grader, `template` in the editor."""
    lines = getattr(q, "lines", None) or 10
    extra = settings(responseformat="editor", responserequired=1, responsefieldlines=max(5, min(40, lines)),
                     attachments=0, attachmentsrequired=0)
    extra += [html_element("graderinfo", info), html_element("responsetemplate", template)]
    return Form("essay", "", [], extra, grade if grade is not None else q.marks)


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


_GAPS = {"one": "it has {gaps} gaps but {n} mark; Moodle gives each gap at least 1 mark and the question the sum: give "
                "it at least {gaps} marks to export it",
         "other": "it has {gaps} gaps but {n} marks; Moodle gives each gap at least 1 mark and the question the sum: give "
                  "it at least {gaps} marks to export it"}


def weights(marks: int, gaps: int) -> list[int]:
    """Whole marks for each gap adding up to the question's marks (Moodle's cloze grade is their
    sum), shared as evenly as possible; fewer marks than gaps cannot be shared."""
    if marks < gaps:
        raise Skip(said("term.moodle-gaps", _GAPS, marks, gaps=gaps))
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


def path_part(title: str) -> str:
    return title.replace("/", "//")  # a slash inside a category name is written twice


def short(words: str, most: int = 60) -> str:
    return words if len(words) <= most else words[: most - 1].rsplit(" ", 1)[0] + "…"


def number(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
