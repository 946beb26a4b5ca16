"""What the Word and Moodle exporters share: the pack's inline markup as styled runs,
each question with its number and the place it was written, marks in words, and pictures
as the same prepared JPEG the PDF embeds (numbered callouts drawn on for labelling)."""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studypack.io.words import ENGLISH_WORDS, Words
from studypack.media import fonts, images, text
from studypack.export.equations import FORMULA, formula, plain_markup
from studypack.spec.maths import Formula
from studypack.base.errors import Problem, said
from studypack.base.walk import strings
from studypack.base.paths import inside
from studypack.settings.provenance import author_title
from studypack.spec import stimuli
from studypack.spec.stimulus_base import ANCHOR, CITATION, resolve, without_anchors

_TAG = re.compile(r"</?(?:[bi]|strong)>")
# right-to-left and left-to-right overrides, embeddings and isolates: they reorder what a reader sees
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
PICTURE_WIDTH_PT = 453.0  # the text width of an A4 page with 2.5 cm margins: pictures are sized for it


@dataclass
class Exported:
    """The files of a Word or Moodle build, in memory, and what was noticed making them."""

    files: dict[Path, bytes] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    questions: dict[Path, int] = field(default_factory=dict)  # Moodle: questions in each file


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with one look: words, or a formula (`text` then its plain form)."""

    text: str
    bold: bool = False
    italic: bool = False
    formula: Formula | None = None
    emphasis: bool = False  # the pack's own **bold** or *emphasis* (not a label's <b>): underlined in large print


def runs(markup: str) -> list[Run]:
    """One paragraph of `text.inline` output (<strong> or <b>, <i>, escaped text) as runs."""
    out: list[Run] = []
    bold = italic = strong = False
    pos = 0
    for match in _TAG.finditer(markup):
        if match.start() > pos:
            out += _pieces(markup[pos:match.start()], bold or strong, italic, strong or italic)
        tag = match.group()
        name, opening = tag[1:-1].lstrip("/"), not tag.startswith("</")
        if name == "strong":
            strong = opening
        elif name == "b":
            bold = opening
        else:
            italic = opening
        pos = match.end()
    if pos < len(markup):
        out += _pieces(markup[pos:], bold or strong, italic, strong or italic)
    return out


def _pieces(markup: str, bold: bool, italic: bool, emphasis: bool = False) -> list[Run]:
    """Escaped markup without tags as runs of words and formulas."""
    out: list[Run] = []
    pos = 0
    for match in FORMULA.finditer(markup):
        if match.start() > pos:
            out.append(Run(_words(markup[pos:match.start()]), bold, italic, emphasis=emphasis))
        found = formula(match)
        out.append(Run(found.source, bold, italic, found, emphasis))
        pos = match.end()
    if pos < len(markup):
        out.append(Run(_words(markup[pos:]), bold, italic, emphasis=emphasis))
    return out


def _words(markup: str) -> str:
    return BIDI_CONTROLS.sub("", html.unescape(markup))


def runs_of(words: str, bold: bool = False) -> list[Run]:
    """Literal words (no markup) as runs."""
    return [Run(words, bold=bold)] if words else []


def inline_runs(user_text: str) -> list[Run]:
    """A one-line text field (inline markup) as runs."""
    return runs(text.inline(user_text))


def joined_runs(user_texts, between: str = " · ") -> list[Run]:
    """Several one-line texts (inline markup) as one paragraph's runs with `between` them: a
    word bank, the answers circled; a formula in any of them stays a formula."""
    out: list[Run] = []
    for i, user_text in enumerate(user_texts):
        out += (runs_of(between) if i else []) + inline_runs(user_text)
    return out


def paragraphs(user_text: str) -> list[list[Run]]:
    """A text field (inline markup, blank lines between paragraphs) as paragraphs of runs."""
    return [runs(p) for p in text.paragraphs(without_bidi_controls(user_text)[0])]


def plain(user_text: str) -> str:
    """The words a reader sees, markup removed, each formula as the TeX it was typed as (no `$`):
    for names, alt text and typed answers, where an equation cannot go."""
    marked = " ".join(without_bidi_controls(user_text)[0].split())
    return html.unescape(plain_markup(_TAG.sub("", text.inline(marked)))).strip()


def without_bidi_controls(user_text: str) -> tuple[str, bool]:
    """The text with its bidirectional override and isolate controls removed, and whether it
    had any: in Word and Moodle they reorder the letters a reader sees ("Pick \u202eevil\u202c"
    reads "Pick live"), while the PDF prints the letters in the order they were typed."""
    cleaned = BIDI_CONTROLS.sub("", user_text)
    return cleaned, cleaned != user_text


def bidi_warnings(loaded) -> list[Problem]:
    """A located warning for each text holding bidirectional controls, which the Word and
    Moodle files leave out."""
    return [Problem(said("term.export-bidi", "this text holds a right-to-left or left-to-right override (an invisible "
                         "control character): it is left out of the Word and Moodle files, where it would reorder the "
                         "letters a reader sees; delete it from the text"), loaded.locate(path))
            for path, value in strings(loaded.pack.model_dump(), keys=True) if BIDI_CONTROLS.search(value)]


def marks_words(marks: int, spag: int | None = None, say: Words = ENGLISH_WORDS) -> str:
    """"[4 marks]", "[1 mark]", "[16 marks + 4 SPaG]": as the default layout prints them."""
    label = say("marks.plain", marks)
    return f"[{label}{' + ' + say('marks.label-spag', spag) if spag else ''}]"


@dataclass(frozen=True)
class Numbered:
    """A question as a sheet prints it: its number, its section, where it was written."""

    number: int
    section: object
    question: Any  # one of the question kinds' models
    path: tuple  # key path into the pack, for `LoadedPack.locate`


def numbered(pack, s: int, tier: str | None) -> list[Numbered]:
    """The questions of sheet `s` printed in `tier`, numbered through the sheet."""
    sheet = pack.sheets[s]
    paths = {}
    for section, k, questions in sheet.groups():
        base = ("sheets", s) + (("sections", k) if section is not None else ())
        for i, question in enumerate(questions):
            paths[id(question)] = base + ("questions", i)
    return [Numbered(n, section, q, paths[id(q)]) for n, section, q in sheet.numbered(tier)]


def source_heading(source, say: Words = ENGLISH_WORDS) -> str:
    """"Source A: its title" (markup kept for the caller's runs)."""
    return say.alone("source.heading", name=f"{say('noun.source', 1)} {source.letter}", title=source.title)


def picture(root, file: str, width_percent: float, points=(), labels=()) -> images.Prepared:
    """A pack picture through the PDF's pipeline (EXIF-turned, flattened, JPEG), `width_percent`
    of the text width; with `points` ((x %, y %) each), numbered callouts drawn on it; with
    `labels` (a source picture's `image.labels`), its words drawn beside their points."""
    done = images.prepare(inside(root, file), PICTURE_WIDTH_PT * width_percent / 100)
    if labels:
        return _labelled(done, labels)
    if not points:
        return done
    return images.Prepared(_callouts(done.data, points), done.width_pt, done.height_pt, done.pixels,
                           done.original, done.warnings)


LABEL_SIZE = 11  # pt on the page: a picture's words in Word and Moodle, as the default layout's text


def _labelled(done: images.Prepared, labels) -> images.Prepared:
    """The picture with its words drawn beside their points, as the PDF sets them (the same
    sides and gap), on a white margin wide enough for those beyond its edges."""
    from PIL import Image, ImageDraw, ImageFont  # here: only pictures with labels need it

    img = Image.open(io.BytesIO(done.data)).convert("RGB")
    per_pt = img.width / done.width_pt
    size = round(LABEL_SIZE * per_pt)
    font = ImageFont.truetype(io.BytesIO(fonts.face_bytes("noto-sans")), size)  # the default layout's face
    gap = 0.3 * size
    placed = []
    for label in labels:
        words = text.plain(label.text).replace("$", "")
        left, top, right, bottom = font.getbbox(words)
        w, h = right - left, bottom - top
        px, py = img.width * label.x / 100, img.height * label.y / 100
        x = px - gap - w if "left" in label.side else px + gap if "right" in label.side else px - w / 2
        y = py - gap - h if "above" in label.side else py + gap if "below" in label.side else py - h / 2
        placed.append((x, y, w, h, words, left, top))
    pad_left = max([0.0] + [-x for x, *_ in placed])
    pad_top = max([0.0] + [-y for _x, y, *_ in placed])
    wide = max([float(img.width)] + [x + w for x, _y, w, *_ in placed]) + pad_left
    high = max([float(img.height)] + [y + h for _x, y, _w, h, *_ in placed]) + pad_top
    canvas = Image.new("RGB", (round(wide), round(high)), "white")
    canvas.paste(img, (round(pad_left), round(pad_top)))
    draw = ImageDraw.Draw(canvas)
    for x, y, _w, _h, words, left, top in placed:
        draw.text((x + pad_left - left, y + pad_top - top), words, fill="black", font=font)
    out = io.BytesIO()
    canvas.save(out, "PNG", optimize=True)
    scale = canvas.width / img.width
    return images.Prepared(out.getvalue(), done.width_pt * scale, done.height_pt * canvas.height / img.height,
                           canvas.size, done.original, done.warnings)


def _callouts(jpeg: bytes, points) -> bytes:
    """Numbered white discs with a black ring at each point, as the PDF draws them."""
    from PIL import Image, ImageDraw, ImageFont  # here: only labelling questions need it

    img = Image.open(io.BytesIO(jpeg)).convert("RGB")
    draw = ImageDraw.Draw(img)
    radius = max(9, round(min(img.size) * 0.035))
    try:
        font = ImageFont.load_default(size=round(radius * 1.2))
    except TypeError:  # Pillow before 10.1: one small bitmap font
        font = ImageFont.load_default()
    for n, (x, y) in enumerate(points, start=1):
        cx, cy = img.width * x / 100, img.height * y / 100
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill="white", outline="black",
                     width=max(2, radius // 6))
        draw.text((cx, cy), str(n), fill="black", font=font, anchor="mm")
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def stimulus_heading(source, say: Words = ENGLISH_WORDS, author_heading: bool = False) -> str:
    """A stimulus's heading in Word and Moodle: a historical source's as it always was, another
    kind's name (and title, for a figure, a table, a case study), or its title where `label: none`
    (its author and title with the layout's `source.author_heading`, as the PDF prints it)."""
    if stimuli.historical(source):
        return source_heading(source, say)
    name = source.printed_name_in(say)
    if not name and author_heading and author_title(source):
        return author_title(source) or ""
    title = getattr(source, "title", None) if stimuli.titled(source) or not name else None
    return say.alone("source.heading", name=name, title=title) if name and title else name or title or ""


def stimulus_blocks(source) -> list[str]:
    """Its text as the exports print it, one block of inline markup each: a poem's verse lines
    one by one (indentation as no-break spaces, an empty block between stanzas), other texts
    by paragraph; anchors left out."""
    if not source.text:
        return []
    if not stimuli.verse(source):
        return [without_anchors(source.text)]
    blocks: list[str] = []
    for verse in stimuli.kind_of(source).stanzas(source.text):
        if blocks:
            blocks.append("")
        blocks += ["\xa0" * (len(line) - len(line.lstrip(" "))) + without_anchors(line).strip() for line in verse]
    return blocks


def cited(question, pack, say: Words = ENGLISH_WORDS):
    """The question with its anchored line citations as words the exports can print: a poem's
    lines by number ("lines 9–14", as on paper); a prose text's, which only the PDF numbers, by
    their words ('the lines from "The shape of the…" to "…freckled and sickly."')."""
    if "{line" not in question.model_dump_json(include={"prompt", "parts"}):
        return question
    numbers: dict[str, tuple[int, int]] = {}
    for source in pack.sources:
        if stimuli.verse(source) and source.text:
            numbers.update(stimuli.kind_of(source).anchor_lines(source.text))
    update: dict = {}
    if getattr(question, "prompt", None):
        update["prompt"] = _quoted(resolve(question.prompt, numbers, say), pack, say)
    if getattr(question, "parts", None):
        update["parts"] = [cited(part, pack, say) for part in question.parts]
    return question.model_copy(update=update)


def _quoted(words: str, pack, say: Words = ENGLISH_WORDS) -> str:
    """Citations of prose anchors as the words they mark."""
    marks = _marked_words(pack)

    def said(match) -> str:
        first, last = match.group(2), match.group(3)
        opening = " ".join(marks.get(first, ("", ""))[0].split()[:4])
        if not last:
            return say("word.line-beginning", opening=opening)
        closing = " ".join(marks.get(last, ("", ""))[1].split()[-3:])
        return say("word.lines-from", opening=opening, closing=closing)
    return CITATION.sub(said, words)


def _marked_words(pack) -> dict[str, tuple[str, str]]:
    """Each anchor's words: (those after it, those before it) in the text that marks it."""
    found = {}
    for source in pack.sources:
        pieces = ANCHOR.split(source.text or "")  # words, an anchor's name, words, …
        for k in range(1, len(pieces), 2):
            found[pieces[k]] = ("".join(pieces[k + 1::2]), "".join(pieces[0:k:2]))
    return found
