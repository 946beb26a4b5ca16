"""How each stimulus kind prints: the `view` module of each kind's folder (`studypack/kinds/stimuli/`).

A view module defines `box(s, ctx, opens)`, returning the stimulus's flowables (its box and the
space after it), and `lines(s, ctx)`: {anchor: (line from the word after it, line from the word
before it)} as that layout numbers the text, for prompts that cite lines by anchor.
"""

from __future__ import annotations

from types import ModuleType

from studypack.base import registry
from studypack.spec import stimuli

VIEWS: dict[str, ModuleType] = registry.modules("stimuli", "view")


def view_of(stimulus) -> ModuleType:
    return VIEWS[stimuli.kind_of(stimulus).KIND]
