"""Cloze (gap-fill): running text with numbered gaps, written `[[answer]]` (or
`[[answer|also accept]]`); an optional word bank, with distractors, in a shuffled order."""

from __future__ import annotations

import re
from typing import Literal

from studypack.base.errors import said
from studypack.spec.fields import QuestionBase, Text, shuffled

KIND = "cloze"
GAP = re.compile(r"\[\[(.*?)\]\]")


class Model(QuestionBase):
    kind: Literal["cloze"]
    text: Text
    word_bank: bool = False
    distractors: list[Text] = []


def gaps(q: Model) -> list[list[str]]:
    """Each gap's accepted answers, the first being the one the key prints."""
    return [[a.strip() for a in m.group(1).split("|")] for m in GAP.finditer(q.text)]


def bank(q: Model) -> list[str]:
    """The word bank in its printed order: every first answer once, plus the distractors."""
    words: list[str] = []
    for accepted in gaps(q):
        if accepted[0] not in words:
            words.append(accepted[0])
    words += [d for d in q.distractors if d not in words]
    return [words[i] for i in shuffled(words, q.id or q.prompt, q.text)]


def check(q: Model) -> list[tuple[tuple, str]]:
    found = gaps(q)
    if not found:
        return [(("text",), said("term.kind-cloze-no-gaps", "a cloze text needs gaps: write each missing word as [[word]]"))]
    if any(not a for accepted in found for a in accepted):
        return [(("text",), said("term.kind-cloze-empty", "a gap is empty: write the missing word inside [[ ]]"))]
    if q.distractors and not q.word_bank:
        return [(("distractors",), said("term.kind-cloze-distractors", "distractors are only printed in a word bank: add 'word_bank: true'"))]
    if "[[" in GAP.sub("", q.text) or "]]" in GAP.sub("", q.text):
        return [(("text",), said("term.kind-cloze-open", "a gap is not closed: write each missing word as [[word]]"))]
    return []
