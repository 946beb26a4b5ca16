"""Options that are pictures (`options: [{image: cat.png, caption: cat}, …]`) for the kinds
with tick boxes: each picture with its tick box, and words for it (its alt text, where a reader
cannot see it: in Word, Moodle and the key). Options are all words or all pictures."""

from __future__ import annotations

from pydantic import model_validator

from studypack.base.errors import said
from studypack.spec.fields import Strict, Text


class PictureOption(Strict):
    image: Text  # the picture's file, in the pack folder
    caption: Text | None = None  # printed under the picture
    alt: Text | None = None  # what it shows, for a reader who cannot see it; the caption where left out

    @model_validator(mode="after")
    def _described(self):
        if not (self.alt or self.caption):
            raise ValueError(said("term.check-picture-words", "a picture option needs words for a reader who cannot see it: "
                                  "give it alt: (what the picture shows) or a caption:"))
        return self

    @property
    def file(self) -> str:
        return self.image

    @property
    def words(self) -> str:
        """The option in words: its alt text, else its caption."""
        return self.alt or self.caption or ""


def pictured(options) -> bool:
    """Whether the options are pictures."""
    return any(isinstance(option, PictureOption) for option in options)


def words(option) -> str:
    """An option in words: its text, or a picture's alt text (or caption)."""
    return option.words if isinstance(option, PictureOption) else option


def check(options) -> list[tuple[tuple, str]]:
    """Options are all words or all pictures: a row of pictures with a sentence among them
    reads as a different question."""
    if pictured(options) and not all(isinstance(option, PictureOption) for option in options):
        return [(("options",), said("term.kind-options-mixed", "the options mix words and pictures: make every option "
                                    "a picture ({image: FILE, caption: WORDS}) or every option words"))]
    return []
