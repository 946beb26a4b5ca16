"""Moodle XML question banks: one file per question sheet, `<sheet id>.moodle.xml`, to import
in Moodle's question bank (Import → Moodle XML format).

Each sheet is a category `<pack title>/<sheet title>`; its sources come first as
description items; each question is the Moodle type nearest to it (the mapping is
`TYPES`, documented in docs/beyond-paper.md), its grade its marks, its answers the key's.
Pictures travel inside the file (base64). A question Moodle cannot hold is left out with a
warning at the line it was written on.
"""

from __future__ import annotations

import base64
import hashlib
import re
import string
from html import escape
from xml.sax.saxutils import escape as xml_escape

from studypack.media import text as markup
from studypack.base.errors import Problem
from studypack.spec.questions import categorise, cloze, multiple_choice, multiple_select, table as table_kind
from studypack.spec.sheets import is_cover
from studypack.export.common import Exported, marks_words, numbered, picture, plain, source_words

SUFFIX = ".moodle.xml"
TYPES = {  # studypack kind -> Moodle question type
    "multiple-choice": "multichoice", "multiple-select": "multichoice", "true-false": "truefalse or matching",
    "cloze": "cloze", "matching": "matching", "ordering": "ordering", "short": "shortanswer or essay",
    "extended": "essay", "inferences": "essay", "table": "essay", "labelling": "cloze",
    "parts": "one question per part",
}
# Moodle accepts only these grades for an answer (percent); the nearest is chosen for 1/n
_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5,
           11.11111, 10, 5, 0)
_CLOZE_SPECIAL = re.compile(r'([\\}#~/"{])')


class Skip(Exception):
    """This question cannot go into Moodle as it is: the message says why and what to do."""


def export(loaded, plan) -> Exported:
    pack = loaded.pack
    done = Exported()
    seen: set[int] = set()
    for doc in plan.documents:
        if doc.kind != "sheets" or doc.filename == "pack.pdf":
            continue
        for s in doc.sheets:
            sheet = pack.sheets[s]
            if s in seen or is_cover(sheet) or not sheet.all_questions:
                continue
            seen.add(s)
            bank = _Bank(loaded, s, plan.tier)
            target = plan.out_dir / f"{sheet.id}{SUFFIX}"
            done.files[target] = bank.xml().encode("utf-8")
            done.questions[target] = bank.count
            done.warnings += bank.warnings
    return done


class _Bank:
    def __init__(self, loaded, s: int, tier):
        self.loaded, self.pack, self.root, self.tier = loaded, loaded.pack, loaded.root, tier
        self.sheet = self.pack.sheets[s]
        self.s = s
        self.items: list[str] = []
        self.warnings: list[Problem] = []
        self.count = 0

    def xml(self) -> str:
        pack, sheet = self.pack, self.sheet
        category = f"$course$/top/{_path_part(plain(pack.title))}/{_path_part(plain(sheet.title))}"
        self.items.append(f'  <question type="category">\n    <category><text>{xml_escape(category)}</text></category>\n'
                          f'    <info format="html"><text>{_cdata(_html(sheet.instructions_for(self.tier) or ""))}</text></info>\n'
                          "  </question>")
        for letter in sheet.sources:
            source = pack.source(letter)
            if self.tier is None or source.tier in (None, self.tier):
                self.description(source)
        for item in numbered(pack, self.s, self.tier):
            q = item.question
            if q.kind == "parts":
                for i, part in enumerate(q.parts):
                    stem = _html(q.prompt) if q.prompt else ""
                    self.question(f"{item.number}({string.ascii_lowercase[i]})", part, item.path + ("parts", i), stem)
            else:
                self.question(str(item.number), q, item.path)
        body = "\n".join(self.items)
        return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}\n</quiz>\n'

    # ------------------------------------------------------------------ pieces
    def description(self, source) -> None:
        words = source_words(source)
        parts = [f"<h3>{_inline(words['heading'])}</h3>"]
        parts += [f"<p><em>{_inline(words[k])}</em></p>" for k in ("provenance", "purpose", "citation") if k in words]
        files = []
        if source.image:
            img, file = self.image(source.image.file, source.image.width, (),
                                   plain(source.image.caption or words["heading"]))
            parts.append(img)
            files.append(file)
            if source.image.caption:
                parts.append(_html(source.image.caption))
        if source.text:
            parts.append(f"<blockquote>{_html(source.text)}</blockquote>")
        if source.glossary:
            glossed = "; ".join(f"<strong>{_inline(w)}</strong>: {_inline(g)}" for w, g in source.glossary.items())
            parts.append(f"<p>Glossary: {glossed}</p>")
        if source.note:
            parts.append(_html(source.note))
        self.items.append(_question("description", plain(words["heading"]), "".join(parts), files, 0, ""))

    def image(self, file: str, width: float, points, alt: str) -> tuple[str, str]:
        done = picture(self.root, file, width, points)
        kind = "png" if done.data.startswith(b"\x89PNG") else "jpg"
        name = f"{hashlib.sha256(done.data).hexdigest()[:12]}.{kind}"
        tag = (f'<p><img src="@@PLUGINFILE@@/{name}" alt="{escape(alt)}" width="{round(done.width_pt * 4 / 3)}" '
               f'height="{round(done.height_pt * 4 / 3)}"></p>')
        data = base64.b64encode(done.data).decode("ascii")
        return tag, f'<file name="{name}" path="/" encoding="base64">{data}</file>'

    def question(self, label: str, q, path: tuple, stem: str = "") -> None:
        name = f"{label}. {_short(plain(q.prompt))}" + (f" ({q.tier.capitalize()} tier)" if getattr(q, "tier", None) else "")
        try:
            form = getattr(self, "q_" + q.kind.replace("-", "_"), None)
            if form is None:
                raise Skip(f"a {q.kind} question has no Moodle form yet")
            qtype, body, files, extra, grade = form(q)
        except Skip as exc:
            where = self.loaded.locate(path)
            self.warnings.append(Problem(f"question {label} of sheet '{self.sheet.id}' is left out of the Moodle "
                                         f"export: {exc}", where))
            return
        text = stem + _html(q.prompt) + body
        self.items.append(_question(qtype, name, text, files, grade, extra))
        self.count += 1

    # ------------------------------------------------------------------ kinds
    def q_multiple_choice(self, q):
        right = multiple_choice.correct_index(q)
        answers = "".join(_answer(100 if i == right else 0, _inline(o)) for i, o in enumerate(q.options))
        return "multichoice", "", [], _choice(True) + answers + _feedback(q.explanation), q.marks

    def q_multiple_select(self, q):
        right = multiple_select.correct_indexes(q)
        each = _grade(100 / len(right))
        answers = "".join(_answer(each if i in right else -each, _inline(o)) for i, o in enumerate(q.options))
        note = f"<p><em>{escape(multiple_select.instruction(q))}</em></p>"
        return "multichoice", note, [], _choice(False) + answers + _feedback(q.explanation), q.marks

    def q_true_false(self, q):
        if len(q.statements) == 1:
            st = q.statements[0]
            answers = (_answer(100 if st.answer else 0, "true", st.explanation) +
                       _answer(0 if st.answer else 100, "false", st.explanation))
            return "truefalse", f"<p>{_inline(st.text)}</p>", [], answers, q.marks
        pairs = "".join(f'    <subquestion format="html"><text>{_cdata(_inline(st.text))}</text>'
                        f'<answer><text>{"True" if st.answer else "False"}</text></answer></subquestion>\n'
                        for st in q.statements)
        why = "".join(f"<li>{_inline(st.text)} {'True' if st.answer else 'False'}"
                      + (f": {_inline(st.explanation)}" if st.explanation else "") + "</li>" for st in q.statements)
        return "matching", "", [], "    <shuffleanswers>false</shuffleanswers>\n" + pairs + _feedback_html(f"<ul>{why}</ul>"), q.marks

    def q_matching(self, q):
        heads = f"<p>{escape(plain(q.headings[0]))} → {escape(plain(q.headings[1]))}</p>" if q.headings else ""
        pairs = "".join(f'    <subquestion format="html"><text>{_cdata(_inline(p.left))}</text>'
                        f"<answer><text>{xml_escape(plain(p.right))}</text></answer></subquestion>\n" for p in q.pairs)
        pairs += "".join(f'    <subquestion format="html"><text></text><answer><text>{xml_escape(plain(d))}</text></answer>'
                         "</subquestion>\n" for d in q.distractors)
        return "matching", heads, [], "    <shuffleanswers>true</shuffleanswers>\n" + pairs, q.marks

    def q_categorise(self, q):
        """Each item matched to its group (Moodle's matching lets several items share an answer)."""
        pairs = "".join(f'    <subquestion format="html"><text>{_cdata(_inline(item.text))}</text>'
                        f"<answer><text>{xml_escape(plain(item.group))}</text></answer></subquestion>\n"
                        for item in categorise.printed(q))
        return "matching", "", [], "    <shuffleanswers>true</shuffleanswers>\n" + pairs + _feedback(q.explanation), q.marks

    def q_ordering(self, q):
        items = "".join(f'    <answer fraction="{i}" format="html"><text>{_cdata(_inline(item))}</text></answer>\n'
                        for i, item in enumerate(q.items, start=1))
        extra = ("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n"
                 f"    <selectcount>{len(q.items)}</selectcount>\n    <gradingtype>ABSOLUTE_POSITION</gradingtype>\n"
                 "    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n" + items
                 + _feedback(q.explanation))
        note = f"<p><em>{escape(plain(q.first))} at the top, {escape(plain(q.last))} at the bottom.</em></p>"
        return "ordering", note, [], extra, q.marks

    def q_cloze(self, q):
        gaps = cloze.gaps(q)
        weights = _weights(q.marks, len(gaps))
        bank = cloze.bank(q) if q.word_bank else []
        pieces = iter(_embedded(w, accepted, bank) for w, accepted in zip(weights, gaps))
        body = re.sub("\x00", lambda _m: next(pieces), _html(cloze.GAP.sub("\x00", q.text)))
        return "cloze", body, [], "", q.marks

    def q_labelling(self, q):
        weights = _weights(q.marks, len(q.labels))
        bank = sorted(plain(lb.answer) for lb in q.labels) if q.word_bank else []
        img, file = self.image(q.image.file, q.image.width, [(lb.x, lb.y) for lb in q.labels],
                               plain(q.image.caption or q.prompt) + f" ({len(q.labels)} numbered points)")
        caption = _html(q.image.caption) if q.image.caption else ""
        rows = "".join(f"<li>{i}: {_embedded(w, [plain(lb.answer)], bank)}</li>"
                       for i, (w, lb) in enumerate(zip(weights, q.labels), start=1))
        return "cloze", img + caption + f"<ol style=\"list-style:none\">{rows}</ol>", [file], "", q.marks

    def q_short(self, q):
        word = plain(q.answer)
        if not q.points and q.mark_scheme is None and _is_word(word):
            return ("shortanswer", "", [], "    <usecase>0</usecase>\n" + _answer(100, xml_escape(word), plain_text=True),
                    q.marks)
        info = _html(q.answer, "Answer") + _list("Creditable points", q.points) + _points(q.mark_scheme, q.marks)
        return _essay(q, info)

    def q_extended(self, q):
        info = (_html(q.answer, "Model answer") if q.answer else "") + _levels("Levels", q.mark_scheme.levels)
        info += _list("Indicative content", q.mark_scheme.indicative)
        if q.mark_scheme.spag:
            info += _levels("Spelling, punctuation and grammar", q.mark_scheme.spag)
        return _essay(q, info, q.marks + (q.spag or 0))

    def q_inferences(self, q):
        examples = "".join(f"<tr><td>{_inline(a.inference)}</td><td>{_inline(a.detail)}</td></tr>" for a in q.answers)
        info = ("<p><strong>Example answers:</strong></p><table border=\"1\"><tr><th>Inference</th><th>Detail</th></tr>"
                f"{examples}</table>" + _points(q.mark_scheme, q.marks))
        template = "".join(f"<p>Inference {i}:</p><p>Detail that tells me this:</p>" for i in range(1, q.count + 1))
        return _essay(q, info, template=template)

    def q_table(self, q):
        def grid(show: bool) -> str:
            head = "".join(f"<th>{escape(plain(c))}</th>" for c in q.columns)
            rows = "".join("<tr>" + "".join(f"<td>{_inline(v) if k != 'blank' else '&nbsp;'}</td>" for k, v in row) + "</tr>"
                           for row in table_kind.cells(q, show))
            return f'<table border="1"><tr>{head}</tr>{rows}</table>'

        return _essay(q, "<p><strong>Answers:</strong></p>" + grid(True) + _points(q.mark_scheme, q.marks),
                      template=grid(False))


# ---------------------------------------------------------------------- XML and HTML helpers

def _question(qtype: str, name: str, text: str, files: list[str], grade: float, extra: str) -> str:
    files_xml = "".join(f"\n      {f}" for f in files)
    out = [f'  <question type="{qtype}">', f"    <name><text>{xml_escape(name)}</text></name>",
           f'    <questiontext format="html">\n      <text>{_cdata(text)}</text>{files_xml}\n    </questiontext>']
    if qtype != "description":
        out.append(f"    <defaultgrade>{_number(grade)}</defaultgrade>")
    if extra:
        out.append(extra.rstrip("\n"))
    out.append("  </question>")
    return "\n".join(out)


def _choice(single: bool) -> str:
    return (f"    <single>{'true' if single else 'false'}</single>\n    <shuffleanswers>true</shuffleanswers>\n"
            "    <answernumbering>ABCD</answernumbering>\n")


def _answer(fraction: float, html_text: str, feedback: str | None = None, plain_text: bool = False) -> str:
    fmt = ' format="plain_text"' if plain_text else ' format="html"'
    body = html_text if plain_text else _cdata(html_text)
    extra = f'<feedback format="html"><text>{_cdata(_html(feedback))}</text></feedback>' if feedback else ""
    return f'    <answer fraction="{_number(fraction)}"{fmt}><text>{body}</text>{extra}</answer>\n'


def _feedback(explanation: str | None) -> str:
    return _feedback_html(_html(explanation)) if explanation else ""


def _feedback_html(html_text: str) -> str:
    return f'    <generalfeedback format="html"><text>{_cdata(html_text)}</text></generalfeedback>\n'


def _essay(q, info: str, grade: float | None = None, template: str = "") -> tuple:
    lines = getattr(q, "lines", None) or 10
    extra = ("    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n"
             f"    <responsefieldlines>{max(5, min(40, lines))}</responsefieldlines>\n"
             "    <attachments>0</attachments>\n    <attachmentsrequired>0</attachmentsrequired>\n"
             f'    <graderinfo format="html"><text>{_cdata(info)}</text></graderinfo>\n'
             f'    <responsetemplate format="html"><text>{_cdata(template)}</text></responsetemplate>\n')
    return "essay", "", [], extra, grade if grade is not None else q.marks


def _embedded(weight: int, accepted: list[str], bank: list[str]) -> str:
    """One gap in Moodle's embedded-answers (cloze) syntax: {weight:SHORTANSWER:=a~=b} typed,
    or {weight:MULTICHOICE:=a~b~c} chosen from the word bank."""
    if bank:  # the bank's own (shuffled) order, so the right word is not always first
        choices = [("=" if w in accepted else "") + _cloze_escape(w) for w in bank]
        if accepted[0] not in bank:
            choices.insert(0, "=" + _cloze_escape(accepted[0]))
        return "{" + f"{weight}:MULTICHOICE:" + "~".join(choices) + "}"
    return "{" + f"{weight}:SHORTANSWER:" + "~".join(f"={_cloze_escape(a)}" for a in accepted) + "}"


_TYPED = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\xa0": " "})


def _cloze_escape(answer: str) -> str:
    """A gap's answer as a student types it: straight quotes and plain spaces, not the
    typographic ones the printed page uses."""
    return _CLOZE_SPECIAL.sub(r"\\\1", escape(plain(answer).translate(_TYPED), quote=False))


def _weights(marks: int, gaps: int) -> list[int]:
    """Whole marks for each gap adding up to the question's marks (Moodle's cloze grade is their
    sum), shared as evenly as possible; fewer marks than gaps cannot be shared."""
    if marks < gaps:
        raise Skip(f"it has {gaps} gaps but {marks} mark{'s' if marks != 1 else ''}; Moodle gives each gap at least "
                   f"1 mark and the question the sum: give it at least {gaps} marks to export it")
    base, extra = divmod(marks, gaps)
    return [base + (1 if i < extra else 0) for i in range(gaps)]


def _grade(percent: float) -> float:
    return min(_GRADES, key=lambda g: abs(g - percent))


def _is_word(answer: str) -> bool:
    """A key Moodle can mark by matching: one to three words, no sentence."""
    return bool(answer) and len(answer.split()) <= 3 and not re.search(r"[.;:!?]", answer.rstrip("."))


def _html(user_text: str | None, label: str = "") -> str:
    if not user_text:
        return ""
    paras = markup.paragraphs(user_text)
    out = [_tags(p) for p in paras]
    if label and out:
        out[0] = f"<strong>{escape(label)}:</strong> {out[0]}"
    return "".join(f"<p>{p}</p>" for p in out)


def _inline(user_text: str) -> str:
    return _tags(markup.inline(" ".join(user_text.split())))


def _tags(reportlab_markup: str) -> str:
    """ReportLab's <b>/<i> as HTML's <strong>/<em>; the text is already escaped."""
    return (reportlab_markup.replace("<b>", "<strong>").replace("</b>", "</strong>")
            .replace("<i>", "<em>").replace("</i>", "</em>"))


def _list(label: str, items) -> str:
    if not items:
        return ""
    return f"<p><strong>{escape(label)}:</strong></p><ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>"


def _levels(title: str, levels) -> str:
    rows = "".join(f"<tr><td>Level {lv.level}</td><td>{lv.marks[0]}{'–' + str(lv.marks[1]) if lv.marks[1] != lv.marks[0] else ''}"
                   f"</td><td>{_inline(lv.descriptor)}</td></tr>" for lv in levels)
    return (f"<p><strong>{escape(title)}:</strong></p><table border=\"1\"><tr><th>Level</th><th>Marks</th>"
            f"<th>Descriptor</th></tr>{rows}</table>")


def _points(scheme, marks: int) -> str:
    if scheme is None:
        return f"<p><strong>Marks:</strong> {escape(marks_words(marks))}</p>"
    top = scheme.up_to or marks
    return (f"<p><strong>Mark scheme:</strong> {scheme.each} mark{'s' if scheme.each != 1 else ''} for each "
            f"{escape(plain(scheme.credit))}, up to {top} mark{'s' if top != 1 else ''}.</p>")


def _cdata(html_text: str) -> str:
    return "<![CDATA[" + html_text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _path_part(title: str) -> str:
    return title.replace("/", "//")  # a slash inside a category name is written twice


def _short(words: str, most: int = 60) -> str:
    return words if len(words) <= most else words[: most - 1].rsplit(" ", 1)[0] + "…"


def _number(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
