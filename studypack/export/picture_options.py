"""Options that are pictures (`spec.picture_options`) in Word and Moodle: each picture with
its alt text, then its tick box, letter and caption (Word); each answer of a Moodle
multichoice question the picture itself, its file carried in the answer, and its caption."""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET

from studypack.export.common import inline_runs, picture, plain
from studypack.export.equations import add_run
from studypack.export.moodle_xml import answer, inline_html

WIDTH = 25  # percent of the text width: four pictures to a row, as on the page


def word_options(doc, options, correct: set[int], note: str = "") -> None:
    """Each picture (described by its alt text), then its tick box, letter and caption; the key ticks the right ones."""
    if note:
        doc.words(note, "Question Text")
    for i, option in enumerate(options):
        letter = string.ascii_uppercase[i]
        doc.image(picture(doc.root, option.file, WIDTH), plain(option.words))
        p = doc.doc.add_paragraph(style="Option")
        doc.tick(p, doc.key and i in correct, doc.say("word.tick-box", letter=letter))
        p.add_run(f"  {letter}  ").bold = True
        for run in inline_runs(option.caption) if option.caption else []:
            add_run(p, run, (run.bold or (doc.key and i in correct)) or None, run.italic or None, upright=doc.upright)
        if doc.key and i in correct:
            p.add_run(f"  ({doc.say('key.correct-answer')})")


def moodle_answers(exporter, options, fractions: list[float]) -> list[ET.Element]:
    """The answers of a multichoice question, each a picture (with its alt text) and its caption,
    the picture's file carried in the answer."""
    out = []
    for option, fraction in zip(options, fractions):
        img, file = exporter.image(option.file, WIDTH, (), plain(option.words))
        made = answer(fraction, img + (f"<p>{inline_html(option.caption)}</p>" if option.caption else ""))
        made.append(file)
        out.append(made)
    return out
