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
import xml.etree.ElementTree as ET
from html import escape

from studypack.base import registry
from studypack.base.errors import Problem, said
from studypack.kinds.stimuli.table.spec import numeric_columns
from studypack.spec import stimuli
from studypack.spec.sheets import is_cover
from studypack.export.common import Exported, cited, numbered, picture, plain, stimulus_blocks, stimulus_heading
from studypack.export.moodle_text import outside_gaps
from studypack.export.moodle_xml import (Form, Skip, category_xml, element, inline_html, paras_html, path_part,
                                         question_xml, quiz_xml, short, tags)
from studypack.settings.provenance import provenance

SUFFIX = ".moodle.xml"


def types() -> dict[str, str]:
    """{studypack kind: the Moodle question type it goes in as}, from each kind's `TYPE`."""
    found = {}
    for name, kind in registry.kinds("questions").items():
        form = kind.form("moodle")
        found[name] = getattr(form, "TYPE", None) or f"none ({registry.unsupported(form)})"
    return found


def export(loaded, plan, layout) -> Exported:
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
            bank = _Bank(loaded, s, plan.tier, layout)
            target = plan.out_dir / f"{sheet.id}{SUFFIX}"
            done.files[target] = bank.xml().encode("utf-8")
            done.questions[target] = bank.count
            done.warnings += bank.warnings
    return done


class _Bank:
    def __init__(self, loaded, s: int, tier, layout):
        self.loaded, self.pack, self.root, self.tier, self.layout = loaded, loaded.pack, loaded.root, tier, layout
        self.say = layout.say  # the tool's words in the layout's language
        self.sheet = self.pack.sheets[s]
        self.s = s
        self.items: list[ET.Element] = []
        self.warnings: list[Problem] = []
        self.count = 0
        self.at: tuple[str, tuple] = ("", ())  # the question being exported: its label and key path

    def xml(self) -> str:
        pack, sheet = self.pack, self.sheet
        category = f"$course$/top/{path_part(plain(pack.title))}/{path_part(plain(sheet.title))}"
        self.items.append(category_xml(category, paras_html(sheet.instructions_for(self.tier) or "")))
        for letter in sheet.sources:
            source = pack.source(letter)
            if self.tier is None or source.tier in (None, self.tier):
                self.description(source)
        for item in numbered(pack, self.s, self.tier):
            self.question(str(item.number), item.question, item.path)
        return quiz_xml(self.items)

    def warn(self, why: str, within: tuple = ()) -> None:
        """A warning about the question being exported, at its line (or at `within`, a key path inside it)."""
        label, path = self.at
        self.warnings.append(Problem(said("term.moodle-warning", "question {label} of sheet '{sheet}' in the Moodle export: "
                                          "{why}", label=label, sheet=self.sheet.id, why=why),
                                     self.loaded.locate(path + within)))

    # ------------------------------------------------------------------ pieces
    def description(self, source) -> None:
        heading = stimulus_heading(source, self.say, self.layout.source.author_heading)
        parts = [f"<h3>{inline_html(heading)}</h3>"]
        parts += [f"<p><em>{tags(line)}</em></p>" for line in provenance(
            source, self.layout.source.attribution, self.say, self.layout.source.provenance_lead, self.layout.source.author_heading)]
        files = []
        if source.image:
            img, file = self.image(source.image.file, source.image.width, (),
                                   plain(source.image.caption or heading), source.image.labels)
            parts.append(img)
            files.append(file)
            if source.image.caption:
                parts.append(paras_html(source.image.caption))
        if source.text:
            parts.append(f"<blockquote>{_text_html(source)}</blockquote>")
        if getattr(source, "rows", None):
            parts.append(_table_html(source))
        if source.glossary:
            glossed = self.say.glossed((f"<strong>{inline_html(w)}</strong>", inline_html(g)) for w, g in source.glossary.items())
            parts.append(f"<p>{escape(self.say('source.glossary'))} {glossed}</p>")
        if source.note:
            parts.append(paras_html(source.note))
        self.items.append(question_xml(Form("description", "", files, [], 0), plain(heading), "".join(parts)))

    def image(self, file: str, width: float, points, alt: str, labels=()) -> tuple[str, ET.Element]:
        """A picture as the HTML that shows it and the <file> that carries it (base64), named by its content."""
        done = picture(self.root, file, width, points, labels)
        kind = "png" if done.data.startswith(b"\x89PNG") else "jpg"
        name = f"{hashlib.sha256(done.data).hexdigest()[:12]}.{kind}"
        tag = (f'<p><img src="@@PLUGINFILE@@/{name}" alt="{escape(alt)}" width="{round(done.width_pt * 4 / 3)}" '
               f'height="{round(done.height_pt * 4 / 3)}"></p>')
        return tag, element("file", base64.b64encode(done.data).decode("ascii"), name=name, path="/", encoding="base64")

    def question(self, label: str, q, path: tuple, stem: str = "") -> None:
        """One question as its kind's Moodle form has it; a kind that goes in as several questions
        (`split`) adds each; one Moodle cannot hold is left out with a located warning."""
        q = cited(q, self.pack, self.say)
        form = registry.form_of("questions", q.kind, "moodle")
        why = registry.unsupported(form)
        if form is not None and hasattr(form, "split"):
            for sub_label, sub, sub_path, sub_stem in form.split(q, label):
                self.question(sub_label, sub, path + sub_path, stem + sub_stem)
            return
        name = f"{label}. {short(plain(q.prompt))}" + (f" ({self.say(f'tier.{q.tier}-tier')})" if getattr(q, "tier", None) else "")
        try:
            if form is None or why:
                raise Skip(said("term.moodle-no-form", "a {kind} question has no Moodle form: {why}", kind=q.kind, why=why))
            self.at = (label, path)
            made: Form = form.form(q, self)
        except Skip as exc:
            self.warnings.append(Problem(said("term.moodle-left-out", "question {label} of sheet '{sheet}' is left out of "
                                              "the Moodle export: {why}", label=label, sheet=self.sheet.id, why=exc),
                                         self.loaded.locate(path)))
            return
        words = stem + paras_html(q.prompt)
        if made.qtype == "cloze":  # text that looks like a gap in the question's own words must not become one
            words = outside_gaps(words)
        self.items.append(question_xml(made, name, words + made.body))
        self.count += 1


def _text_html(source) -> str:
    """A stimulus's text: a poem's stanzas as paragraphs of lines (indentation kept), prose as paragraphs."""
    blocks = stimulus_blocks(source)
    if not stimuli.verse(source):
        return paras_html(blocks[0])
    stanzas: list[list[str]] = [[]]
    for block in blocks:
        if block:
            indent = len(block) - len(block.lstrip("\xa0"))
            stanzas[-1].append("&#160;" * indent + inline_html(block))
        else:
            stanzas.append([])
    return "".join(f"<p>{'<br>'.join(lines)}</p>" for lines in stanzas)


def _table_html(table) -> str:
    """A table stimulus as an HTML table: headers with their units, numbers right-aligned."""
    numbers = numeric_columns(table)
    head = "".join(f"<th>{inline_html(h)}{f' ({inline_html(u)})' if u else ''}</th>" for h, u in table.headers())
    rows = "".join("<tr>" + "".join(f'<td style="text-align:right">{inline_html(c)}</td>' if numbers[k]
                                    else f"<td>{inline_html(c)}</td>" for k, c in enumerate(row)) + "</tr>"
                   for row in table.rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
