"""Candidate boxes, as on the front of an exam paper: a label over a writing box, or over
a row of digit boxes (centre and candidate numbers), two fields to a row."""

from __future__ import annotations

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from studypack.media import text
from studypack.io.columns import field_for_label
from studypack.views.paragraph import Paragraph
from studypack.base.units import MM



class CandidateBoxes(Flowable):
    def __init__(self, fields, label_style):
        super().__init__()
        self.fields, self.style = fields, label_style
        self.box = max(9 * MM, label_style.fontSize * 1.8)  # tall enough to write in at any print size
        self.gap = 6 * MM

    def _rows(self):
        per_row = 1 if self.style.fontSize >= 20 else 2  # large print: one field a row
        return [self.fields[i:i + per_row] for i in range(0, len(self.fields), per_row)]

    def _cell(self, aw: float, count: int) -> float:
        return (aw - self.gap * (count - 1)) / count

    def wrap(self, aw, ah):
        self.width = aw
        self._layout = []
        height = 3 * MM  # clear of the title block above
        for row in self._rows():
            cell = self._cell(aw, len(row))
            labels = [Paragraph(text.literal(f.label), self.style) for f in row]
            label_h = max(p.wrap(cell, 1e6)[1] for p in labels)
            self._layout.append((row, labels, cell, label_h))
            height += label_h + 1.5 * MM + self.box + 4 * MM
        self.height = height + 2 * MM
        return aw, self.height

    def draw(self):
        c = self.canv
        c.setStrokeColor(HexColor("#000000"))
        c.setLineWidth(0.8)
        y = self.height - 3 * MM
        for row, labels, cell, label_h in self._layout:
            x = 0.0
            for field, label in zip(row, labels):
                label.drawOn(c, x, y - label_h)
                top = y - label_h - 1.5 * MM
                detail = field_for_label(field.label)  # a class set writes the student's own here
                if field.digits:
                    side = min(self.box, cell / field.digits)
                    for k in range(field.digits):
                        c.rect(x + k * side, top - self.box, side, self.box, stroke=1, fill=0)
                        self._record(detail, x + k * side, top - self.box, side, k, field.digits)
                else:
                    c.rect(x, top - self.box, cell, self.box, stroke=1, fill=0)
                    self._record(detail, x, top - self.box, cell, None, 1)
                x += cell + self.gap
            y -= label_h + 1.5 * MM + self.box + 4 * MM

    def _record(self, detail, x, y, width, part, parts) -> None:
        """On a class-set page, where the stamper writes this student's detail (see StudentField)."""
        fields = getattr(self.canv, "_studypack_fields", None)
        if fields is None or detail is None:
            return
        ax, ay = self.canv.absolutePosition(x, y)
        fields.append({"field": detail, "x": ax, "y": ay, "width": width, "part": part, "parts": parts,
                       "font": self.style.fontName, "size": min(self.style.fontSize * 1.2, self.box * 0.6),
                       "least": getattr(self.canv, "_studypack_least", 0)})
