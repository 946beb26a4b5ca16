"""A ReportLab Paragraph that sets each word in a face that can print it.

ReportLab draws a character its font lacks as an empty box and says nothing. After the
markup is parsed, every text fragment is split into runs (fonts.runs): a word the
style's face cannot print — a Cyrillic name under Atkinson Hyperlegible, say — is set
whole in the first fallback family that can, in the same weight and slant, so a word
never mixes two typefaces. Use it wherever user text becomes a paragraph.

Wrapping is remembered: tables, frames and keep-togethers ask a paragraph for its size at
the same width several times in a row (three wraps in four were repeats), and a repeat
with the same style and fragments returns the size the last wrap found, the line breaks
it left in place unchanged. Splitting or drawing forgets it, so a later wrap breaks afresh.

Parsing is remembered too: the same words in an equal style (an option in the sheet and
in the key, a source in its sheet and in the booklet) are parsed once, and each paragraph
gets copies of the fragments that parse made, never the same ones.
"""

from __future__ import annotations

import re
import weakref

from reportlab.lib.styles import ParagraphStyle as _ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus.paragraph import imgNormV, imgVRange
from reportlab.platypus.paraparser import ParaFrag

from studypack.media import fonts
from studypack.media.text import RUNT, letters, tie_labels, tie_runt
from studypack.media.maths import inline as maths
from studypack.views.notes import Lone, Overflow, Runt

_BREAKS = re.compile(r"[^\S\xa0]+")  # where a line may break: any white space but the no-break space
_PARSED: dict[tuple, tuple[str, list, object]] = {}  # (text, style, bullet, case) -> (cleaned text, fragments, a formula's paragraph's style)
_MOST_PARSED = 4096  # then it starts again: a class set of thousands of named copies stays small
_STYLE_KEYS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # style -> its settings, as a key


class Paragraph(_Paragraph):
    style: _ParagraphStyle  # ReportLab's, set by its constructor (and for a moment by `_underline_set_in`)
    width: float  # set by wrap

    def wrap(self, availWidth, availHeight):
        # ReportLab's Paragraph.wrap reads only the width, the style and the fragments (not the
        # height); the memo holds the objects themselves, so a replaced style, fragment list or
        # line breaking (blPara), or a size set from outside, is never mistaken for the one measured
        if self.__dict__.get("_studypack_maths"):  # a formula wider than the line: broken into display lines
            self.frags = maths.fitted(self.frags, availWidth - self.style.leftIndent - self.style.rightIndent)
        if self.__dict__.get("_studypack_tie"):
            self._untie_if_wider(availWidth)
        memo = self.__dict__.get("_studypack_wrapped")
        if (memo is not None and memo[0] == availWidth and memo[1] is self.style and memo[2] is self.frags
                and memo[3] is self.__dict__.get("blPara") and (self.__dict__.get("width"), self.__dict__.get("height")) == memo[4]):
            return memo[4]
        if "_studypack_ties" in self.__dict__:
            self._part_wide_ties(availWidth)
        size = super().wrap(availWidth, availHeight)
        self._studypack_wrapped = (availWidth, self.style, self.frags, self.__dict__.get("blPara"), size)
        return size

    def breakLines(self, width):  # noqa: N802 (ReportLab's name)
        """ReportLab's line breaking; in a paragraph with formulas, each line as tall as what it
        holds (`_measured`), no line opening with a lone relation or arrow, and a last line never
        one short formula alone."""
        lines = super().breakLines(width)
        if not self.__dict__.get("_studypack_maths") or getattr(lines, "kind", 0) != 1:
            return lines
        return self._no_relation_at_starts(self._no_lone_formula(_measured(lines), width), width)

    def _no_lone_formula(self, lines, width):
        """The lines again where the last would hold one short formula alone (a chemical equation's
        "H₂O(l)"): the last-but-one line breaks a word sooner, so the formula has a word beside
        it (tying it, as `tie_runt` ties a short last word, cannot work: ReportLab breaks before
        any box)."""
        found = getattr(lines, "lines", [])
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        if len(found) < 2 or not _lone_formula(found[-1], widths[-1]) or len(_frag_words(found[-2])) < 3:
            return lines
        n = len(found)
        widths = [widths[min(i, len(widths) - 1)] for i in range(n)]
        widths[n - 2] -= found[n - 2].extraSpace + 0.5  # the line's words, less a little: its last goes down
        again = _measured(super().breakLines(widths))
        kept = getattr(again, "lines", [])
        return again if len(kept) == n and not _lone_formula(kept[-1], widths[-1]) else _measured(super().breakLines(width))

    def _no_relation_at_starts(self, lines, width):
        """The lines again where one opens with a relation or an arrow set alone (a cloze's
        "(1) ___ H₂(g) + O₂(g) / ⟶ (2) ___ H₂O(l)": a reader takes a line that opens with an
        arrow for a new statement): the line before made a little narrower, so its last word
        goes down with the arrow ("O₂(g) ⟶"); the line may end with the arrow instead, as
        running text breaks after a relation (`docs/maths.md`)."""
        widths = list(width) if isinstance(width, (list, tuple)) else [width]
        for _ in range(3):
            found = getattr(lines, "lines", [])
            starts = [i for i, line in enumerate(found) if i and _sign_at_start(line)]
            if not starts:
                return lines
            widths = [widths[min(i, len(widths) - 1)] for i in range(len(found))] + [widths[-1]]
            for i in starts:
                if len(_frag_words(found[i - 1])) < 2:  # the word before alone on its line: nothing to gain
                    return lines
                widths[i - 1] = found[i - 1].maxWidth - found[i - 1].extraSpace - 0.5  # its last word goes down
            lines = _measured(super().breakLines(widths))
        return lines

    def _untie_if_wider(self, availWidth) -> None:
        """Part the tied last two words again where together they are wider than the line (a
        very narrow column): ReportLab would cut the pair mid-word."""
        pieces = [f for f in self.frags if "\xa0" in (getattr(f, "text", "") or "")]
        if not pieces:
            self._studypack_tie = False
            return
        frag = pieces[-1]
        room = availWidth - self.style.leftIndent - self.style.rightIndent - self.style.firstLineIndent
        if _tied_width(self.frags, frag) <= room:
            return
        at = frag.text.rfind("\xa0")
        frag.text = frag.text[:at] + " " + frag.text[at + 1:]
        self._studypack_tie = False
        self.__dict__.pop("_studypack_wrapped", None)

    def _part_wide_ties(self, availWidth) -> None:
        """Words tied by no-break spaces ("November–December 1927", a date in a narrow timeline
        label) that are wider than the line part at those spaces, rather than be cut inside a
        word by ReportLab ("…192 / 7")."""
        room = availWidth - self.style.leftIndent - self.style.rightIndent - max(self.style.firstLineIndent, 0)
        if self.widest_word() <= room + 0.01:
            return
        frags = _copies(self.__dict__.pop("_studypack_ties"))
        for frag in frags:
            words = frag.text.split(" ")
            frag.text = " ".join(w.replace("\xa0", " ") if "\xa0" in w and stringWidth(w, frag.fontName, frag.fontSize) > room
                                 else w for w in words)
        self.frags = frags
        self._studypack_tie = False
        self.__dict__.pop("_studypack_wrapped", None)

    def _balanced_wrap(self, availWidth, availHeight):
        """The narrowest width that keeps the lines as many as at `availWidth`: no heading
        ends on a runt ("A defendant at a / Moscow show / trial" becomes "A defendant / at a
        Moscow / show trial")."""
        size = Paragraph.wrap(self, availWidth, availHeight)
        lines = len(getattr(self.blPara, "lines", []))
        least = self.widest_word() + self.style.leftIndent + self.style.rightIndent
        if lines < 2 or least >= availWidth:
            return size
        # never narrower than its longest word: ReportLab would cut the word to keep the count
        # of lines ("Tim / e / s"), so the search starts at the word's width
        low, high = max(availWidth / 2, least), availWidth
        for _ in range(10):
            mid = (low + high) / 2
            Paragraph.wrap(self, mid, availHeight)
            if len(getattr(self.blPara, "lines", [])) == lines:
                high = mid
            else:
                low = mid
        width, height = Paragraph.wrap(self, high, availHeight)
        return width, height

    def widest_word(self) -> float:
        """The widest run that no line may break, in the fonts it prints in: a word, or a
        formula with the words glued to it (a no-break space joins two words into one)."""
        widest = run = 0.0
        for frag in self.frags:
            if isinstance(frag, list):  # after a wrap, ReportLab's words: [width, (frag, text), ...]
                widest = max(widest, float(frag[0]))
                continue
            box = getattr(frag, "cbDefn", None)
            if box is not None:
                run += getattr(box, "width", 0) or 0
                widest = max(widest, run)
                continue
            if getattr(frag, "lineBreak", False):
                run = 0.0
                continue
            pieces = _BREAKS.split(getattr(frag, "text", "") or "")
            for i, word in enumerate(pieces):
                run = (run if i == 0 else 0.0) + stringWidth(word, frag.fontName, frag.fontSize)
                widest = max(widest, run)
        return widest

    widows = 0  # with 3: never fewer than three lines carried to the next page (a key's explanation)
    keeps_lines = False  # True: its lines are never set again at a sentence's end (see `sentence_parts`)
    sentences = False  # True: parts only where a sentence ends, else goes on whole (a key's text: `_at_sentence`)

    def split(self, availWidth, availHeight):
        parted = self._at_sentence(availWidth, availHeight) if self.sentences else None
        if parted is not None:
            return parted
        self.__dict__.pop("_studypack_wrapped", None)
        try:
            pieces = super().split(availWidth, availHeight)
            if self.widows and len(pieces) == 2:
                pieces = self._no_short_widow(pieces, availWidth, availHeight)
            # a bullet item carried to the next page goes on without its bullet (ReportLab gives
            # each piece the style's bullet again), and so does a carried part split once more
            for piece in pieces[1:] if self.bulletText else pieces:
                piece.bulletText = None
            for piece in pieces[:-1]:  # its last line is not the paragraph's (see `runt`)
                piece._studypack_goes_on = True
            for piece in pieces[1:] if len(pieces) > 1 else []:  # its first line is not the paragraph's (see `lone`)
                piece._studypack_carried = True
            if pieces and self.__dict__.get("_studypack_carried"):
                pieces[0]._studypack_carried = True
            return pieces
        finally:  # splitting may retag this paragraph's fragments: wrap afresh after it
            self.__dict__.pop("_studypack_wrapped", None)

    def draw(self):
        notes = getattr(self.canv, "_studypack_notes", None)
        if notes is not None:  # a line wider than its box (a word too long for a narrow column)
            for line in getattr(getattr(self, "blPara", None), "lines", []):
                extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
                if extra < -1:
                    words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in getattr(line, "words", [])]
                    shown = " ".join(str(w) for w in words)[:40]
                    notes.append(Overflow(shown, -extra))
            word = self.runt()
            if word:
                notes.append(Runt(word))
            lone = self.lone()
            if lone:
                notes.append(Lone(lone, " ".join(_line_words(self.blPara.lines[0]))[:40]))
        self.__dict__.pop("_studypack_wrapped", None)
        if self._underline_set_in():
            return
        if not self.__dict__.get("_studypack_maths"):
            super().draw()
            return
        maths.register(self.canv)  # here, so every canvas that draws this (page, form, replay) can
        drop = self.first_drop()
        if not drop:
            super().draw()
            return
        self.canv.saveState()
        self.canv.translate(0, -drop)
        super().draw()
        self.canv.restoreState()

    def first_drop(self) -> float:
        """How much lower than ReportLab puts it this paragraph draws its first line (as last
        wrapped): ReportLab sets a first line's baseline one font size under the paragraph's
        top, however tall the line (its wrap counted the line's whole height); a first line
        holding a formula taller than its words is moved down to its own height, so it never
        reaches into the text above. 0 for a paragraph without formulas."""
        if not self.__dict__.get("_studypack_maths"):
            return 0.0
        lines = getattr(getattr(self, "blPara", None), "lines", [])
        first = lines[0] if lines and getattr(self.blPara, "kind", 0) == 1 else None
        if first is None:
            return 0.0
        words = getAscentDescent(self.style.fontName, first.fontSize)[0]
        if first.ascent <= max(first.fontSize, words):
            return 0.0
        # lowered to stand level with the words' ascent, a formula reached as far above the
        # paragraph's top as that ascent stands above the font size (3.7 pt in 16 pt Andika):
        # the numerator of a full-size ⅓ crossed a table's row rule. The taller the formula, the
        # less of that it keeps, none once it is taller by as much (always continuous: a formula
        # just taller than the words moves as little as before); the paragraph's wrap counted
        # the line's whole height, so it never reaches below the paragraph either
        above = max(0.0, min(words - first.fontSize, 2 * words - first.fontSize - first.ascent))
        return first.ascent - first.fontSize - above

    def _underline_set_in(self) -> bool:
        """Draw a paragraph of one underlined style (a large-print note, "<i>Draw a line…</i>")
        set in by `leftIndent` from its origin moved in instead, and say so: ReportLab draws the
        underline of such a paragraph's second and later lines without the indent, a column to
        the left of their words (its one-style path passes the line's offset, not offset and
        indent). The lines, their width and alignment are the same."""
        indent = self.style.leftIndent
        lines = getattr(getattr(self, "blPara", None), "lines", [])
        if (not indent or len(lines) < 2 or getattr(self.blPara, "kind", 1) != 0 or self.bulletText
                or not any(getattr(f, "us_lines", None) for f in self.frags)):
            return False
        style, width = self.style, self.width
        self.style = _ParagraphStyle("set-in", parent=style, leftIndent=0)
        self.width = width - indent
        self.canv.saveState()
        self.canv.translate(indent, 0)
        try:
            super().draw()
        finally:
            self.canv.restoreState()
            self.style, self.width = style, width
        return True

    def runt(self) -> str:
        """The last line's word where it stands alone: one word of at most `RUNT` characters
        under a line of several (as last wrapped); "" otherwise, or where the paragraph goes on
        in a piece on the next page."""
        lines = getattr(getattr(self, "blPara", None), "lines", [])
        if len(lines) < 2 or self.__dict__.get("_studypack_goes_on"):
            return ""
        last, before = (_line_words(line) for line in lines[-2:][::-1])
        last = [word for word in last if letters(word)]  # "power. […]": the cut mark is no word
        return last[0] if len(last) == 1 and letters(last[0]) <= RUNT and len(before) > 1 else ""

    def lone(self) -> str:
        """"foot" where this is a paragraph's first line alone, the rest overleaf; "top" where it
        is a paragraph's last line alone, the rest on the page before; "" otherwise."""
        lines = getattr(getattr(self, "blPara", None), "lines", [])
        if len(lines) != 1:
            return ""
        if self.__dict__.get("_studypack_goes_on"):
            return "foot"
        return "top" if self.__dict__.get("_studypack_carried") else ""

    def _at_sentence(self, availWidth, availHeight) -> list | None:
        """Parted after the latest sentence that ends within `availHeight`, two lines at least on
        this page and `widows` (two at least) overleaf; else [] (it goes on whole: a short
        paragraph is never cut) where the page is not a fresh one (the frame's top, or only a
        "continued" line above it); None (split as any paragraph) where it holds no sentence end
        it can part at, or a fresh page cannot hold even its first part. A question kept together
        that splits it says whether its page is a fresh one (`_studypack_fresh`)."""
        frame = getattr(self, "_frame", None)
        fresh = self.__dict__.pop("_studypack_fresh", None)  # said by a question kept together (`keeping`)
        if fresh is None:
            fresh = frame is None or getattr(frame, "_atTop", True) or self.__dict__.get("_studypack_opens_page")
        parts = self.sentence_parts()
        if parts is None:
            return None
        goes_on = max(2, self.widows)
        for before, after in parts:
            height = before.wrap(availWidth, availHeight)[1]
            if height <= availHeight and _lines(before) >= 2 and _lines(after, availWidth) >= goes_on:
                for piece in (before, after):
                    piece.sentences, piece.widows = True, self.widows
                return [before, after]
        return None if fresh else []

    def sentence_parts(self):
        """This paragraph parted after each of its sentences but the last, the latest first: pairs
        (before, after) of paragraphs in its style, the first ending a page's text where a
        sentence ends (a large-print source set as an insert), the second going on overleaf.
        None where its words are not its own markup (a piece of a split), it holds a formula, a
        bullet or a line break, or it `keeps_lines` (a text whose anchors' line numbers were
        counted from its lines as set whole: `views.anchors`)."""
        markup = self.__dict__.get("_studypack_markup")
        if not isinstance(markup, str) or "$" in markup or "<br" in markup or self.keeps_lines \
                or (self.bulletText and not self.sentences):
            return None
        return (self._parted(markup, end) for end in reversed(sentence_ends(markup, clauses=self.sentences)))

    def _parted(self, markup: str, end: int) -> tuple["Paragraph", "Paragraph"]:
        before = type(self)(markup[:end], self.style, bulletText=self.bulletText)  # a bullet item's first part keeps it
        after = type(self)(markup[end:].lstrip(), self.style)
        after.bulletText = None  # a bullet item's rest goes on without a bullet (ReportLab gives it the style's)
        before._studypack_goes_on = True  # its last line is not the paragraph's (see `runt`)
        after._studypack_carried = True
        if self.__dict__.get("_studypack_carried"):
            before._studypack_carried = True
        return before, after

    def _no_short_widow(self, pieces, availWidth, availHeight):
        """Move lines down so at least `widows` go on, where at least two stay; else a list item
        goes on whole and other text splits as it was."""
        kept = len(pieces[0].blPara.lines)
        pieces[1].wrap(availWidth, 1e6)
        carried = len(pieces[1].blPara.lines)
        short = self.widows - carried
        if short <= 0:
            return pieces
        if kept - short < 2:  # a short list item goes on whole; an explanation stays with its answer
            return [] if self.bulletText else pieces
        self.wrap(availWidth, availHeight)
        moved = super().split(availWidth, availHeight - short * self.style.leading)
        if len(moved) != 2:
            return pieces
        for piece in moved:
            piece.widows = self.widows
        return moved

    def _setup(self, text, style, bulletText, frags, cleaner):
        if frags is not None:  # split halves arrive with frags already sorted out
            super()._setup(text, style, bulletText, frags, cleaner)
            self._studypack_maths = maths.has_formulas(self.frags)
            return
        if isinstance(text, str):  # no one-word last line: the last two words move down together
            # ReportLab breaks a line at a narrow no-break space (French before ";"): it is set
            # as a no-break space, which never parts the sign from its word
            text = text.replace("\u202f", "\xa0")
            # a separating dot ends a line with the word before it, never starts one ("· opposition")
            text = text.replace(" \u00b7 ", "\xa0\u00b7 ")
            self._studypack_markup = text  # the words as written, to part at a sentence's end
            labelled = tie_labels(text)  # "Site 5", "Figure 1": never parted at a line's end
            tied = tie_runt(labelled)
            self._studypack_tie = tied != labelled
            text = tied
        if isinstance(text, str) and getattr(style, "studypack_underline", False):
            text = underlined(text)
        if isinstance(text, str) and "$" in text:  # formulas, as media.text writes them
            text = maths.markers(text)
        key = _parse_key(text, style, bulletText, self.caseSensitive, cleaner)
        known = _PARSED.get(key) if key is not None else None
        if known is not None:  # what ReportLab's _setup (and `maths.sized`) set, as a fresh parse would
            self.text, self.frags, self.style, self.bulletText, self.debug = known[0], _copies(known[1]), known[2] or style, bulletText, 0
            if known[2] is not None:
                self._studypack_maths = True
            self._keep_ties()
            return
        super()._setup(text, style, bulletText, frags, cleaner)
        self.frags = fallback_frags(self.frags)
        if maths.has_formulas(self.frags):  # $...$ in the text: each formula set at its words' size
            # the layout's maths face and inline fractions, which `views.styles` gives every style
            face, fractions = getattr(style, "mathsFont", maths.DEFAULT), getattr(style, "mathsFractions", maths.TEXT)
            setting = maths.Setting(getattr(style, "mathsVariables", "italic") == "upright", getattr(style, "mathsSize", "words") == "x-height")
            self.frags, self.style = maths.sized(self.frags, face, fractions, setting), maths.style_for(self.style)
            self._studypack_maths = True
        self._keep_ties()
        self._remember(key, text, style, bulletText)

    def _remember(self, key: tuple | None, text, style, bullet) -> None:
        """Keep the parse for the next paragraph of the same text and style, only where it gave
        text fragments and formulas set by `maths.sized` (a formula's paragraph, drawn in its
        sheet, the key and each composing pass, was parsed and sized afresh every time: a
        tenth of a build of 200 formulas), and left the style (a formula's paragraph: the
        style `maths.style_for` made of it) and bullet as given: no <para> attributes, <img>,
        <seq> or bullet markup."""
        formulas = bool(self.__dict__.get("_studypack_maths"))
        if (key is None or self.bulletText is not bullet or not self.frags or (self.style is not style and not formulas)
                or not all(type(f) is ParaFrag and (getattr(f, "cbDefn", None) is None or maths.is_placed(f))
                           for f in self.frags)
                or "<seq" in text.lower()):  # a numbering tag: its number comes from a counter
            return
        if len(_PARSED) >= _MOST_PARSED:
            _PARSED.clear()
        _PARSED[key] = (self.text, _copies(self.frags), self.style if formulas else None)


    def _keep_ties(self) -> None:
        """Keep the fragments as parsed where no-break spaces tie words (see `_part_wide_ties`):
        a first wrap may turn them into ReportLab's words."""
        if "\xa0" in (self.text or "") and all(type(f) is ParaFrag and getattr(f, "cbDefn", None) is None
                                                 for f in self.frags):
            self.__dict__["_studypack_ties"] = _copies(self.frags)


def underlined(markup: str) -> str:
    """Emphasis (`<i>`) and the pack's own bold (`<strong>`, from `**`) also underlined, for a
    layout whose `emphasis` is `underline`: its italics print bold (see `fonts.Variant`) and
    its text is all bold, which would hide both. The views' own bold labels (`<b>`) are not."""
    return _EMPHASIS_OPEN.sub(r"\g<0><u>", _EMPHASIS_CLOSE.sub(r"</u>\g<0>", markup))


_EMPHASIS_OPEN = re.compile(r"<(?:i|strong)>", re.IGNORECASE)
_EMPHASIS_CLOSE = re.compile(r"</(?:i|strong)>", re.IGNORECASE)

FORMULA_RUNT = 0.3  # of the line: a formula this narrow alone on a paragraph's last line is a runt


_SENTENCE_END = re.compile(r"(?:[.!?\u2026]|\[\u2026\])[\u201d\u2019\"')\]]*(?=\s+[\u201c\u2018\"'(\[]?[A-Z0-9])")
_CLAUSE_END = re.compile(r"(?:(?:[.!?\u2026]|\[\u2026\])[\u201d\u2019\"')\]]*(?=\s+[\u201c\u2018\"'(\[]?[A-Z0-9])"
                         r"|;[\u201d\u2019\"')\]]*(?=\s+\S))")
_ENTITY = re.compile(r"&#?\w+;$")  # "&amp;": its semicolon ends no clause
_NOT_ENDS = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|No|vs|cf|e\.g|i\.e))\.$")
_TAG = re.compile(r"<(/?)[A-Za-z][^>]*?(/?)>")


def sentence_ends(markup: str, clauses: bool = False) -> list[int]:
    """Where each sentence of `markup` but the last ends (after its stop and any closing quote or
    bracket), outside any tag: not after an initial ("J. Stalin") or a title ("Dr. Smith");
    with `clauses` (a key's text), after a semicolon too, where a reader pauses as at a stop."""
    found = []
    pattern = _CLAUSE_END if clauses else _SENTENCE_END
    for match in pattern.finditer(markup):
        end = match.end()
        head = markup[:end]
        if _NOT_ENDS.search(head[:match.start() + 1]) or head.rfind("<") > head.rfind(">") \
                or _ENTITY.search(head[:match.start() + 1]):
            continue
        depth = sum(-1 if close else 0 if alone else 1 for close, alone in _TAG.findall(head))
        if depth == 0:
            found.append(end)
    return found


def _lines(para: "Paragraph", width: float | None = None) -> int:
    """`para`'s lines as last wrapped, or wrapped at `width`."""
    if width is not None:
        para.wrap(width, 1e6)
    return len(getattr(getattr(para, "blPara", None), "lines", []))


def _frag_words(line) -> list:
    """The words of one line ReportLab broke from fragments: each formula, and each word of text."""
    words: list = []
    for frag in getattr(line, "words", []):
        if getattr(frag, "cbDefn", None) is not None:
            words.append(frag)
        else:
            words += (getattr(frag, "text", "") or "").split()
    return words


def _sign_at_start(line) -> bool:
    """Whether a wrapped line opens with a formula of one relation or arrow (`$\\ce{->}$`)."""
    words = _frag_words(line)
    placed = getattr(getattr(words[0], "cbDefn", None), "image", None) if words else None
    return isinstance(placed, maths.Placed) and placed.formula is not None and maths.lone_relation(placed.formula)


def _lone_formula(line, width: float) -> bool:
    """Whether `line` holds one formula and nothing else, narrower than `FORMULA_RUNT` of `width`."""
    words = _frag_words(line)
    box = getattr(words[0], "cbDefn", None) if len(words) == 1 else None
    return box is not None and (getattr(box, "width", 0) or 0) < FORMULA_RUNT * width


def _line_words(line) -> list[str]:
    """The words of one wrapped line (a no-break space parts two words: they print as two)."""
    words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in getattr(line, "words", [])]
    return " ".join(str(w) for w in words).split()


def fallback_frags(frags: list) -> list:
    out = []
    for frag in frags:
        content = getattr(frag, "text", None)
        if not content or getattr(frag, "cbDefn", None) is not None:
            out.append(frag)
            continue
        pieces = fonts.runs(content, frag.fontName)
        if len(pieces) == 1 and pieces[0][1] == frag.fontName:
            out.append(frag)
            continue
        for segment, face in pieces:
            out.append(frag.clone(text=segment, fontName=face))
    return out


def _copies(frags: list) -> list:
    return [frag.clone() for frag in frags]


def _parse_key(text, style, bullet, case, cleaner) -> tuple | None:
    """What a parse depends on: the text, every setting of the style (by value: the composers
    of a build make equal styles of their own), the bullet, case sensitivity and the cleaner.
    None when one cannot be a key."""
    if not isinstance(text, str) or not (bullet is None or isinstance(bullet, str)):
        return None
    settings = _STYLE_KEYS.get(style)
    if settings is None:
        try:
            settings = tuple(sorted((name, _frozen(value)) for name, value in style.__dict__.items() if name != "parent"))
            hash(settings)
        except TypeError:
            return None
        _STYLE_KEYS[style] = settings
    return (text, settings, bullet, case, cleaner)


def _frozen(value):
    """A style setting as part of a key: with its type (CMYK black equals RGB black, but
    prints otherwise), lists as tuples."""
    if isinstance(value, list):
        return ("list", tuple(_frozen(v) for v in value))
    return (type(value).__name__, value)


class Heading(Paragraph):
    """A table's heading cell, its lines balanced (see `Paragraph._balanced_wrap`)."""

    def wrap(self, availWidth, availHeight):
        return self._balanced_wrap(availWidth, availHeight)


class Abreast(Flowable):
    """A question's number or marks on the baseline of its prompt's first line, where a
    formula taller than the words moves that line down (`Paragraph.first_drop`): a full-size
    fraction in the stem's first line left "1" and "[2 marks]" standing above its words.
    `prompt`: the stem's paragraphs; `whole`: the marks cell, which stands beside a one-line
    prompt's line (beside a longer prompt, at its foot, as the table places it). Drawn as the
    cell it holds where nothing moves."""

    def __init__(self, cell, prompt: list, whole: bool = False):
        super().__init__()
        self.cell, self.prompt, self.whole = cell, prompt, whole
        self._inner = 0.0

    def _beside(self) -> bool:
        first = self.prompt[0] if self.prompt else None
        lines = getattr(getattr(first, "blPara", None), "lines", [])
        return self.whole and len(self.prompt) == 1 and len(lines) == 1 and self._drop() > 0

    def _drop(self) -> float:
        first = self.prompt[0] if self.prompt else None
        return first.first_drop() if isinstance(first, Paragraph) else 0.0

    def wrap(self, aw, ah):
        self.width, self._inner = self.cell.wrap(aw, ah)
        self.height = max(self._inner, self.prompt[0].height) if self._beside() else self._inner
        return self.width, self.height

    def _offset(self) -> float:
        """Where the cell's foot goes, up from this box's foot."""
        if self._beside():  # the marks on the line's baseline: the prompt's top less its font size and drop
            first = self.prompt[0]
            size = first.blPara.lines[0].fontSize
            own = getattr(getattr(self.cell, "style", None), "fontSize", size)
            return self.height - size - self._drop() - (self._inner - own)
        return 0.0 if self.whole else -self._drop()

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802 (ReportLab's name)
        # the cell drawn where the table would have drawn it, moved: the same drawing where nothing moves
        self.cell.drawOn(canvas, x, y + self._offset(), _sW)

    def draw(self):
        self.cell.drawOn(self.canv, 0, self._offset())

def _measured(lines):
    """ReportLab's lines, each as tall as what it holds: a line that starts with a formula (a
    picture to ReportLab) was given the line before's height, not the formula's (its breaker
    measures a picture opening a line and drops the result), so a full-size fraction wrapped
    to the start of a line reached into the line above."""
    for line in getattr(lines, "lines", []):
        words = getattr(line, "words", None)
        if not words or not _picture(words[0]):
            continue
        ascent, descent = 0.0, 0.0
        for word in words:
            if _picture(word):
                low, high = imgVRange(imgNormV(word.cbDefn.height, word.fontSize), word.cbDefn.valign, word.fontSize)
            else:
                high, low = getAscentDescent(word.fontName, word.fontSize)
            ascent, descent = max(ascent, high), min(descent, low)
        line.ascent, line.descent = ascent, descent
    return lines


def _picture(frag) -> bool:
    """Whether ReportLab measures `frag` as a picture: a box of its own width and height (an
    inline formula, or a display one)."""
    box = getattr(frag, "cbDefn", None)
    return bool(getattr(box, "width", 0)) and hasattr(box, "height")


def _tied_width(frags, frag) -> float:
    """The width of the tied pair whose no-break space is in `frag`, each piece in its own font:
    the word before the tie may be in another fragment ("<b>Mean depth</b> (m)": "depth" bold,
    " (m)" plain)."""
    at = frag.text.rfind("\xa0")
    after = frag.text[at:].split(" ")[0]
    width = stringWidth(after, frag.fontName, frag.fontSize)
    before = frag.text[:at]
    k = next(i for i, f in enumerate(frags) if f is frag)
    while True:
        start = before.rfind(" ") + 1
        width += stringWidth(before[start:], frag.fontName, frag.fontSize)
        if start > 0 or k == 0:
            return width
        k -= 1
        frag = frags[k]
        before = getattr(frag, "text", "") or ""
