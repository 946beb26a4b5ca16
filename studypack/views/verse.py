"""Verse in a box: a stanza of lines, each kept as written, numbered by the poem's own lines.

A long verse line wraps under a hanging indent and is not counted, so "line 10" is the same
verse line in every layout; the numbers print in the box's gutter beside each numbered line's
first printed line. A stanza after the first brings its gap above it (a page break inside
a poem drops it). It behaves as a paragraph to the source box that holds it: it tells its
printed lines (`blPara.lines`, for the box's count of lines kept on each side of a page break)
and splits between verse lines, never inside one.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from reportlab.platypus import Flowable


class Stanza(Flowable):
    def __init__(self, lines: list[tuple[int, Any]], *, number_every: int, number_style,
                 gutter: float, space_before: float):
        super().__init__()
        self.lines = lines  # (verse line number, its paragraph)
        self.number_every, self.number_style, self.gutter = number_every, number_style, gutter
        self.space_before = space_before
        self.style = lines[0][1].style
        self.width = self.height = 0.0
        self._heights: list[float] = []

    def wrap(self, aw, ah):
        self.width = aw
        self._heights = [para.wrap(aw, 1e6)[1] for _n, para in self.lines]
        self.height = self.space_before + sum(self._heights)
        printed = sum(len(para.blPara.lines) for _n, para in self.lines)
        self.blPara = SimpleNamespace(lines=[None] * printed)
        return aw, self.height

    def split(self, aw, ah):
        """The verse lines that fit in `ah` and the rest, or [] where none (or all) fit."""
        self.wrap(aw, ah)
        room, taken = ah - self.space_before, 0
        for height in self._heights:
            if height > room:
                break
            room -= height
            taken += 1
        if taken == 0 or taken == len(self.lines):
            return []
        return [self._with(self.lines[:taken], self.space_before), self._with(self.lines[taken:], 0.0)]

    def _with(self, lines, space_before: float) -> "Stanza":
        return Stanza(lines, number_every=self.number_every, number_style=self.number_style,
                      gutter=self.gutter, space_before=space_before)

    def draw(self):
        c, style = self.canv, self.number_style
        y = self.height - self.space_before
        for (number, para), height in zip(self.lines, self._heights):
            y -= height
            para.drawOn(c, 0, y)
            if self.number_every and number % self.number_every == 0:
                c.setFont(style.fontName, style.fontSize)
                c.setFillColor(style.textColor)
                c.drawRightString(-self.gutter * 0.4, y + height - para.style.fontSize, str(number))
