"""Formulas inside a paragraph's lines.

`media.text.inline` leaves each formula of a text in the markup as `$TeX$` (`$$TeX$$` for a
display one; a dollar sign is `&#36;` there). `markers` turns those into
`<onDraw name="maths" label="TeX"/>` before ReportLab parses the markup, and after the parse
`sized` gives each such fragment the formula's box at the fragment's own font size: a width,
which ReportLab's line breaker takes as one unbreakable word (as it does an `<img>`), and a
height and vertical offset, which it takes into the line's ascent and descent. An inline
formula goes to ReportLab as a picture (`kind="img"`): ReportLab then places it, and every
word, underline, link and justifying space after it, as it places its own pictures, and hands
it to the canvas's `drawImage`, which `register` lets draw a `Placed` as a formula on the
line's baseline. A display formula, alone on its line, goes as a named callback (`draw`),
which centres it in the paragraph's width.
"""

from __future__ import annotations

import functools
import html
import re
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.abag import ABag

from studypack.media.maths.font import DEFAULT, TEXT
from studypack.media.maths.metrics import scale
from studypack.spec.maths import FormulaError

if TYPE_CHECKING:
    from studypack.media.maths.layout import Layout
    from studypack.spec.maths.formula import Formula

# The formula reader (`spec.maths.formula`) and the layout engine (`layout`, `breaking`) load
# where a paragraph first holds a formula, inside the functions that set one: every paragraph
# is drawn through this module, and a pack without formulas never needs them (start-up speed).

NAMES = ("maths", "maths-display")
DISPLAY_DEPTH = 0.3  # of the text size: the most a display formula reaches below its line's baseline
DISPLAY_BELOW = 0.4  # of the text size: clear space under it, before the words or the marks that follow
DISPLAY_ROOM = 0.7  # of the text size: clear space over a display formula, for the descenders of the line above  # the <onDraw> names media.text writes


@dataclass(frozen=True)
class Word:
    """Text glued to a formula (the comma after it, the bracket before it, the space that
    follows it), drawn with it: ReportLab would break a line between a box and its neighbours."""

    text: str
    font: str
    size: float
    colour: object

    @property
    def width(self) -> float:
        return stringWidth(self.text, self.font, self.size)


@dataclass(frozen=True)
class Placed:
    """What the callback needs: the formula set at its fragment's size, whether it is display,
    and the words glued before and after it."""

    set: Layout
    display: bool
    before: tuple[Word, ...] = ()
    after: tuple[Word, ...] = ()
    formula: Formula | None = None  # what was set, for breaking it if it is wider than its line
    lift: float = 0.0  # a display formula drawn this far above its line's baseline (see `_boxed`)
    block: tuple[float, float] | None = None  # a broken formula's line: the lines' width together, and this one's start in it

    @property
    def width(self) -> float:
        return sum(w.width for w in self.before) + self.set.width + sum(w.width for w in self.after)


@dataclass(frozen=True)
class Setting:
    """A layout's `maths.variables` and `maths.size`, as `sized` reads them."""

    upright: bool = False  # letters upright, not in maths italic
    x_height: bool = False  # scaled so the maths face's x-height is the words' face's (`scale`)


_FENCED = re.compile(r"\$\$([^$]+)\$\$|\$([^$]+)\$")
_TAGS = re.compile(r"<[^>]*>")


def markers(markup: str) -> str:
    """Paragraph markup with each `$TeX$` as the marker `sized` reads; a display formula
    between line breaks, as a line of its own. A `$...$` that is no formula stays as it is."""
    from studypack.spec.maths.formula import parse

    pieces: list[str | tuple[str, bool]] = []
    at = 0
    for match in _FENCED.finditer(markup):
        display = match.group(1) is not None
        tex = (match.group(1) if display else match.group(2)).replace("\xa0", " ")  # a tie put in by mistake
        try:
            parse(_unescape(tex), display)
        except FormulaError:
            continue
        pieces += [markup[at:match.start()], (tex.replace('"', "&quot;"), display)]
        at = match.end()
    pieces.append(markup[at:])
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if isinstance(piece, str):
            out.append(piece.lstrip(" ") if i and pieces[i - 1][1] is True else piece)
        elif not piece[1]:
            out.append(f'<onDraw name="maths" label="{piece[0]}"/>')
        else:  # display: a line of its own, without the spaces around it
            out[-1] = out[-1].rstrip(" ")
            opening = "<br/>" if _has_words("".join(out)) else ""
            closing = "<br/>" if _has_words("".join(p for p in pieces[i + 1:] if isinstance(p, str))) else ""
            out.append(f'{opening}<onDraw name="maths-display" label="{piece[0]}"/>{closing}')
    return "".join(out)


def _has_words(markup: str) -> bool:
    return bool(_TAGS.sub("", markup).strip())


def _unescape(tex: str) -> str:
    return tex.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def is_placed(frag) -> bool:
    """Whether `frag` carries a formula `sized` set (never changed once made: a parse that
    gave it can be copied for an equal paragraph)."""
    box = getattr(frag, "cbDefn", None)
    return isinstance(getattr(box, "image", None) or getattr(box, "label", None), Placed)


def has_formulas(frags: list) -> bool:
    return any(getattr(getattr(f, "cbDefn", None), "name", None) in NAMES for f in frags)


def sized(frags: list, face: str = DEFAULT, fractions: str = TEXT, setting: Setting = Setting()) -> list:
    """The fragments with each formula's marker given the formula's box at its font size, in the
    maths face `face` (inline fractions as `fractions` says, letters and size as `setting`
    says), the punctuation touching it taken in (so "$x$," never breaks before the comma)."""
    from studypack.media.maths.layout import layout
    from studypack.spec.maths.formula import parse

    out: list = []
    frags = list(frags)
    for i, frag in enumerate(frags):
        marker: Any = getattr(frag, "cbDefn", None)
        if getattr(marker, "name", None) not in NAMES or isinstance(marker.label, Placed):
            out.append(frag)
            continue
        display = marker.name == "maths-display"
        formula = parse(marker.label, display)
        size = frag.fontSize * (scale(frag.fontName, face) if setting.x_height else 1.0)
        laid = layout(formula, size, frag.textColor, _bold(frag), face, fractions, setting.upright)
        before = () if display or not out else _take(out, -1, _TRAILING)
        after = () if display or i + 1 >= len(frags) else _take(frags, i + 1, _LEADING)
        out.append(_boxed(frag, Placed(laid, display, before, after, formula)))
    return out


def _bold(frag) -> bool:
    """Whether the words the formula sits among are bold (a large-print layout's every word)."""
    from studypack.media import fonts

    described = fonts.describe(getattr(frag, "fontName", ""))
    return bool(described and described[1]) or bool(getattr(frag, "bold", 0))


def _boxed(frag, placed: Placed):
    """The fragment carrying `placed`: a display formula as a named callback, an inline one as
    a picture ReportLab places (the words, underlines and spaces after it move with it)."""
    laid = placed.set
    if placed.display:
        # ReportLab steps each line down by its own height and never by the line before's depth:
        # a display formula declares a shallow depth (the rest of it lifted above its baseline)
        # and room above it, so neither the line before nor the line after touches it
        size = frag.fontSize
        depth = min(laid.descent, DISPLAY_DEPTH * size)
        placed = replace(placed, lift=laid.descent - depth)
        below = DISPLAY_BELOW * size
        height = laid.height + DISPLAY_ROOM * size + below
        box = ABag(kind="onDraw", name="maths", label=placed, width=placed.width, height=height, valign=-depth - below)
    else:
        box = ABag(kind="img", image=placed, width=placed.width, height=laid.height, valign=-laid.descent)
    return frag.clone(cbDefn=box, text="")


def lone_relation(formula: Formula) -> bool:
    """Whether `formula` is one relation or arrow and nothing else (`$=$`, `$\\ce{->}$`)."""
    from studypack.media.maths.breaking import RELATIONS

    root = formula.tree()
    children = list(root)
    while len(children) == 1 and children[0].tag.rsplit("}", 1)[-1] == "mrow":
        children = list(children[0])
    return (len(children) == 1 and children[0].tag.rsplit("}", 1)[-1] == "mo"
            and (children[0].text or "").strip() in RELATIONS)


def fitted(frags: list, width: float) -> list:
    """The fragments with each formula wider than `width` (the line's whole width) set as
    display lines, broken before relations and arrows (`breaking.broken`); the same list when
    every formula fits."""
    out: list = []
    changed = pending = False  # pending: a broken formula ended the last line; a break before more words
    for frag in frags:
        box = getattr(frag, "cbDefn", None)
        placed = getattr(box, "image", None) or getattr(box, "label", None)
        lines = None
        if isinstance(placed, Placed) and placed.formula is not None and placed.width > width:
            from studypack.media.maths.breaking import broken

            lines = broken(placed.formula, placed.set.size or frag.fontSize, frag.textColor, width, placed.set.bold,
                           placed.set.face, placed.set.upright)
        if pending and not getattr(frag, "lineBreak", False):
            out.append(_line_break(frag))
        pending = False
        if not lines:
            out.append(frag)
            continue
        changed = pending = True
        assert isinstance(placed, Placed)
        last = len(lines) - 1
        block = max(start + line.width for line, start in lines)
        for n, (line, start) in enumerate(lines):
            if out and not getattr(out[-1], "lineBreak", False):
                out.append(_line_break(frag))
            out.append(_boxed(frag, Placed(line, True, placed.before if n == 0 else (), placed.after if n == last else (),
                                           block=(block, start))))
    return out if changed else frags


def _line_break(frag):
    made = frag.clone(text="", lineBreak=True)
    made.__dict__.pop("cbDefn", None)
    return made


_TRAILING = re.compile(r"[^\s]+$")  # the end of a word touching a formula: "(", "“", "2"
# the start of one, and the space after it: ", ", "). "; a word tied to it by a no-break space
# too ("$x$. Use" before a display formula, `text.tie_runt`): ReportLab breaks after a picture
_LEADING = re.compile(r"^[^\s]*(?:\xa0[^\s]+)*\s?")


def _take(frags: list, at: int, pattern: re.Pattern) -> tuple[Word, ...]:
    """Cut the text `pattern` finds off the text fragment frags[at]; it becomes a glued Word."""
    frag = frags[at]
    text = getattr(frag, "text", None)
    if not text or getattr(frag, "cbDefn", None) is not None or getattr(frag, "lineBreak", False):
        return ()
    match = pattern.search(text)
    if match is None or not match.group():
        return ()
    frags[at] = frag.clone(text=text[:match.start()] + text[match.end():])
    return (Word(match.group(), frag.fontName, frag.fontSize, frag.textColor),)


def style_for(style):
    """The style a paragraph holding formulas is set in: lines grow to fit a tall formula
    (`autoLeading="max"`, never less than the style's leading). Justified text stays justified:
    ReportLab spaces an inline formula's line as it spaces a line holding a picture."""
    if getattr(style, "autoLeading", "") == "max":
        return style
    return style.clone(f"{style.name}+maths", autoLeading="max")


def register(canvas) -> None:
    """Let `canvas` draw formulas (each canvas that draws pages: pages, forms, replays): display
    ones by name, inline ones where ReportLab draws a picture."""
    if canvas.getNamedCB("maths") is None:
        canvas.setNamedCB("maths", draw)
    picture = canvas.drawImage
    if not getattr(picture, "draws_formulas", False):
        def draw_image(image, x, y, *args, **kwargs):
            if isinstance(image, Placed):  # y is the picture's foot, `valign` (-descent) below the baseline
                _draw_placed(canvas, image, x, y + image.set.descent)
                return (image.width, image.set.height)
            return picture(image, x, y, *args, **kwargs)

        draw_image.draws_formulas = True  # type: ignore[attr-defined]
        canvas.drawImage = draw_image


def _draw_placed(canvas, placed: Placed, x: float, baseline: float) -> None:
    end = _words(canvas, placed.before, x, baseline)
    with _formula_element(canvas, placed):
        placed.set.draw(canvas, end, baseline)
    _words(canvas, placed.after, end + placed.set.width, baseline)


def _formula_element(canvas, placed: Placed):
    """Where the canvas tags its document (`pdf.tagging`), a `Formula` element with the
    formula in words as its alt text; elsewhere nothing."""
    tagger = getattr(canvas, "tagger", None)
    if tagger is None or placed.formula is None:
        return nullcontext()
    return tagger.element("Formula", Alt=placed.formula.spoken())


@functools.lru_cache(maxsize=4096)
def spoken_text(markup: str) -> str:
    """A paragraph's words (its markup, formulas as `markers` left them) with each formula
    said in words: what a screen reader reads for it in a tagged PDF (its `ActualText`), as
    ReportLab draws a line's formulas before its words. Said once per process: a paragraph
    is drawn in its sheet and again in pack.pdf, each time asking for its element's words."""
    from studypack.spec.maths.formula import parse

    def said(match: re.Match) -> str:
        tex = _unescape(match.group(2))
        try:
            return f" {parse(tex, bool(match.group(1))).spoken()} "
        except FormulaError:
            return tex

    words = _TAGS.sub("", _MARKER.sub(said, markup))
    return _BEFORE_STOP.sub(r"\1", " ".join(html.unescape(words).split()))


_BEFORE_STOP = re.compile(r" ([.,;:!?)])")
_MARKER = re.compile(r'<onDraw name="maths(-display)?" label="([^"]*)"\s*/>')


def draw(canvas, kind: str, label: object) -> None:
    """ReportLab's callback as it reaches a formula in a line: draw it and its glued words on the
    baseline after the words before it (display: centred in the paragraph's width), and move
    the line past it."""
    info = canvas._curr_tx_info
    tx, xs, y = info["tx"], info["xs"], info["cur_y"]
    if isinstance(label, str):  # in a paragraph `sized` never saw (a plain ReportLab Paragraph)
        label = _unsized(label, tx._fontsize or xs.style.fontSize, xs.textColor)
    if not isinstance(label, Placed):
        return
    line, shift = getattr(tx, "_studypack_maths", (None, 0.0))
    if line != y:  # a new line: ReportLab's own x counts none of this line's formulas yet
        shift = 0.0
    x = info["cur_x"] + shift
    if label.display:
        room = xs.paraWidth - xs.leftIndent - xs.style.rightIndent
        block, start = label.block or (label.width, 0.0)  # a broken formula's lines centred together
        x = xs.leftIndent + max(room - block, 0.0) / 2 + start
    end = _words(canvas, label.before, x, y)
    with _formula_element(canvas, label):
        label.set.draw(canvas, end, y + label.lift)
    end = _words(canvas, label.after, end + label.set.width, y)
    tx._studypack_maths = (y, end - info["cur_x"])
    tx.setXPos(end - tx._x0)


def _unsized(tex: str, size: float, colour: object) -> Placed | None:
    """A formula whose paragraph made no room for it (its words were not set by
    `views.paragraph.Paragraph`): drawn at the text's size all the same, the rest of its line
    moved along, so it is never lost; that line may then run past its right edge."""
    from studypack.media.maths.layout import layout
    from studypack.spec.maths.formula import parse

    try:
        return Placed(layout(parse(tex), size, colour), False)
    except FormulaError:
        return None


def _words(canvas, words: tuple[Word, ...], x: float, y: float) -> float:
    """Draw glued words from x on the baseline y; where they end."""
    for word in words:
        canvas.saveState()
        canvas.setFillColor(word.colour)
        canvas.setFont(word.font, word.size)
        canvas.drawString(x, y, word.text)
        canvas.restoreState()
        x += word.width
    return x
