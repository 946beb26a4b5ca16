"""A ReportLab Paragraph that sets each word in a face that can print it.

ReportLab draws a character its font lacks as an empty box and says nothing. After the
markup is parsed, every text fragment is split into runs (fonts.runs): a word the
style's face cannot print — a Cyrillic name under Atkinson Hyperlegible, say — is set
whole in the first fallback family that can, in the same weight and slant, so a word
never mixes two typefaces. Use it wherever user text becomes a paragraph.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _Paragraph

from .. import fonts


class Paragraph(_Paragraph):
    def draw(self):
        notes = getattr(self.canv, "_studypack_notes", None)
        if notes is not None:  # a line wider than its box (a word too long for a narrow column)
            for line in getattr(getattr(self, "blPara", None), "lines", []):
                extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
                if extra < -1:
                    words = line[1] if isinstance(line, tuple) else [getattr(w, "text", "") for w in getattr(line, "words", [])]
                    shown = " ".join(str(w) for w in words)[:40]
                    notes.append(("overflow", shown, -extra))
        super().draw()

    widows = 0  # with 3: never fewer than three lines carried to the next page (a key's explanation)

    def split(self, availWidth, availHeight):
        pieces = super().split(availWidth, availHeight)
        if self.widows and len(pieces) == 2:
            pieces = self._no_short_widow(pieces, availWidth, availHeight)
        # a bullet item carried to the next page goes on without its bullet (ReportLab gives
        # each piece the style's bullet again), and so does a carried part split once more
        for piece in pieces[1:] if self.bulletText else pieces:
            piece.bulletText = None
        return pieces

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
        fresh = frags is None  # split halves arrive with frags already sorted out
        super()._setup(text, style, bulletText, frags, cleaner)
        if fresh:
            self.frags = fallback_frags(self.frags)


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
