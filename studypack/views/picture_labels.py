"""A source's picture with the words a pack prints on it (`image.labels`: a triangle's "A", a
side's "6 cm"): each set in the layout's `picture.label` style beside its point, on the side
the pack names, a clear gap from the point, so it grows with large print and never sits on
the lines it names. Labels that reach past the picture's edges widen the flowable, never the
page: where picture and labels are wider than the room, the picture is drawn smaller."""

from __future__ import annotations

from reportlab.platypus import Flowable

from studypack.media import images, text
from studypack.views import roles

GAP = 0.3  # of the label size: the clear space between a point and its label


class LabelledPicture(Flowable):
    """In a tagged PDF, picture and labels are one figure, with the picture's alt text."""

    structure = "Figure"

    def __init__(self, picture: Flowable, labels: list, ctx):
        super().__init__()
        self.picture = picture
        self.alt = getattr(picture, "alt", None)
        picture.structure = roles.INSIDE
        self.size = ctx.style("picture.label").fontSize
        self.labels = [(label, ctx.para(text.inline(label.text), "picture.label")) for label in labels]
        for _label, para in self.labels:
            para.structure = roles.INSIDE
        self.natural = (picture.drawWidth, picture.drawHeight)
        self.scale = 1.0
        self.most = 1.0  # the largest share of its own size it is drawn at (less where it `shrink`s)
        self.hAlign = getattr(picture, "hAlign", "CENTER")

    def _boxes(self, scale: float) -> list[tuple[float, float, float, float]]:
        """Each label's lower-left corner, width and height, the picture's lower-left at (0, 0)."""
        width, height = self.natural[0] * scale, self.natural[1] * scale
        gap = GAP * self.size
        out = []
        for label, para in self.labels:
            _w, h = para.wrap(1e6, 1e6)  # one line: as wide as its words
            w = max(para.getActualLineWidths0(), default=0.0)
            px, py = width * label.x / 100, height * (1 - label.y / 100)
            x, y = px - w / 2, py - h / 2
            if "left" in label.side:
                x = px - gap - w
            elif "right" in label.side:
                x = px + gap
            if "above" in label.side:
                y = py + gap
            elif "below" in label.side:
                y = py - gap - h
            out.append((x, y, w, h))
        return out

    SHRINK = 0.75  # the least share of its height the picture keeps to stay on its page (see `LabelledImage`)

    def shrink(self, over: float) -> bool:
        """Draw the picture `over` points lower (and narrower in proportion), its labels at their
        size, where it keeps at least SHRINK of its height; False, changing nothing, where it
        would shrink more."""
        height = self.natural[1] * self.scale  # as last wrapped
        if over <= 0 or height - over < self.SHRINK * height:
            return False
        self.most = self.scale * (height - over) / height
        return True

    def _extent(self, scale: float) -> tuple[float, float, float, float]:
        """left, bottom, right, top of picture and labels together."""
        width, height = self.natural[0] * scale, self.natural[1] * scale
        boxes = self._boxes(scale)
        return (min([0.0] + [b[0] for b in boxes]), min([0.0] + [b[1] for b in boxes]),
                max([width] + [b[0] + b[2] for b in boxes]), max([height] + [b[1] + b[3] for b in boxes]))

    def wrap(self, aw, ah):
        self.scale = self.most
        left, _bottom, right, _top = self._extent(self.most)
        if right - left > aw:  # the labels' room taken from the picture, never from the page
            overhang = (right - left) - self.natural[0] * self.most
            self.scale = min(self.most, max(0.2, (aw - overhang) / self.natural[0]))
        left, bottom, right, top = self._extent(self.scale)
        self.width, self.height = right - left, top - bottom
        return self.width, self.height

    def draw(self):
        left, bottom, _right, _top = self._extent(self.scale)
        width, height = self.natural[0] * self.scale, self.natural[1] * self.scale
        self.picture.drawWidth, self.picture.drawHeight = width, height
        self.picture.drawOn(self.canv, -left, -bottom)
        for (x, y, w, h), (_label, para) in zip(self._boxes(self.scale), self.labels):
            para.wrap(w + 0.01, h)
            para.drawOn(self.canv, x - left, y - bottom)


def picture(ctx, image, room: float) -> Flowable:
    """A source's picture, `room` the width of its box: enlarged as the layout says
    (`images.enlarge`), with its labels where the pack gives it any; on a tinted box, its white
    shows the tint (multiplied), as a diagram's ground is meant to be transparent."""
    made = images.flowable(ctx.root, image, room, images.greyscale(ctx.layout), images.max_height(ctx.layout),
                           images.share(ctx.layout, image))
    if ctx.layout.source.tint or ctx.layout.page.tint:  # on a tint: a diagram's white ground is no white rectangle
        made.blend = "Multiply"
    return LabelledPicture(made, image.labels, ctx) if image.labels else made
