"""A layout in the build's language: the language chosen (the pack's, else the layout's, else
the workspace's), and the layout's own texts that are the tool's English furniture ("Page {{
page }} of {{ pages }}", "Name", "Turn over ▶") said in it. A text the school wrote itself is
not one of the catalogue's `layout.*` messages and prints as written. US English prints an
A4 layout on Letter, the paper American schools have."""

from __future__ import annotations

from typing import Any

from studypack.io import words
from studypack.settings.layout import Layout

# The layout's settings that hold furniture text: (section or None, setting)
TEXTS = ((None, "marks"), ("page", "do_not_write"), ("page", "turn_over"), ("page", "blank_page"),
         ("questions", "continued"), ("questions", "facing_continues"), ("questions", "facing_continued"),
         ("cover", "time"), ("questions", "total"), ("questions", "paper_total"),
         ("header", "left"), ("header", "centre"), ("header", "right"),
         ("footer", "left"), ("footer", "centre"), ("footer", "right"))


def chosen(pack_language: str | None, layout: Layout, workspace_language: str | None) -> str | None:
    """The language of the build: the pack's, else the layout's, else the workspace's."""
    return pack_language or layout.language or workspace_language


def localised(layout: Layout, language: str | None, second: str | None = None) -> Layout:
    """`layout` in `language` (with `second` beside it on bilingual paper); unchanged where
    neither is set, so English paper stays as it always was."""
    second = second or layout.bilingual
    if language is None and second is None:
        return layout
    say = words.words(language or words.ENGLISH, second)
    english = _english_texts()
    update: dict[str, Any] = {"language": language or words.ENGLISH, "bilingual": second}
    for section, name in TEXTS:
        owner = getattr(layout, section) if section else layout
        value = _said(getattr(owner, name), english, say)
        if value != getattr(owner, name):
            if section is None:
                update[name] = value
            else:
                update[section] = update.get(section, owner).model_copy(update={name: value})
    update["name_line"] = [_said(label, english, say) for label in layout.name_line]
    update["candidate_boxes"] = [box.model_copy(update={"label": _said(box.label, english, say)})
                                 for box in layout.candidate_boxes]
    if say.catalogue.paper == "letter" and layout.page.size == "A4":
        update["page"] = update.get("page", layout.page).model_copy(update={"size": "letter"})
    done = layout.model_copy(update=update)
    done._where, done._warnings = layout._where, layout._warnings
    return done


def _english_texts() -> dict[str, str]:
    """Each English furniture text of the catalogue, to its key."""
    messages = words.catalogue(words.ENGLISH).messages
    return {str(text): key for key, text in messages.items() if key.startswith("layout.")}


def _said(value: str, english: dict[str, str], say: words.Words) -> str:
    """The text in the layout's language where it is the tool's English, else as written."""
    key = english.get(value)
    return value if key is None else say(key)
