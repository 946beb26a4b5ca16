"""Variants of a pack: the same questions with multiple-choice options (and, where a sheet
allows, questions) in another order, seeded from the pack and a key so a rebuild gives
the same copies. Works on the validated model only; nothing here typesets.

A question's marks and mark scheme never change; only the letter of the correct option
and, on a sheet with `shuffle: true`, the question's number do. `Answers` records both,
for the master grid and the per-variant keys.
"""

from __future__ import annotations

import hashlib
import random
import string
from dataclasses import dataclass

from studypack.spec import questions
from studypack.spec.added import SEED

LETTERS = string.ascii_uppercase


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: variant letters for any class size."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = LETTERS[rest] + out
    return out


def pack_seed(pack) -> str:
    """A fingerprint of the pack's content: a changed pack gives other orders, the same pack the same."""
    # accepted warnings are not content: accepting one must not deal other variants
    return hashlib.sha256(pack.model_dump_json(exclude={"accept"}, context=SEED).encode()).hexdigest()


@dataclass(frozen=True)
class Answer:
    """One question as printed on a variant: its number there, its number in the pack as
    written, and the correct option's letter (None for questions without options)."""

    number: int
    original: int
    correct: str | None
    marks: int
    kind: str


def index_of(name: str) -> int | None:
    """A -> 0, AA -> 26: the inverse of `letter`; None for a name that is not a variant letter."""
    if not name or any(ch not in LETTERS for ch in name):
        return None
    index = 0
    for ch in name:
        index = index * 26 + LETTERS.index(ch) + 1
    return index - 1


def _rng(*parts) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256("\0".join(map(str, parts)).encode()).digest()[:8], "big"))


def make(pack, seed: str, key: str, dealt: bool = True):
    """(variant pack, answers per sheet). `key` is the variant letter or a student's id.

    With `dealt` (variants A, B, …), the variant's place in the alphabet deals each multiple-choice question's correct
    option to a different position in each variant, as far as the options allow: the
    positions other than the original come first, in an order seeded from the pack and
    the question alone, so consecutive variants never share the correct letter and up to
    (options − 1) variants all avoid the original one. Without (a per-student order, or
    a key that is not a variant letter) the correct option goes to any position but its original one.

    Questions move only within their section (or the sheet, without sections), so the
    numbers a section covers stay the same."""
    rng = _rng(seed, key)
    sheets, answers = [], []
    deal = _Dealer(seed, index_of(key) if dealt else None)
    for sheet in pack.sheets:
        deal.sheet = sheet.id
        rows: list[Answer] = []
        first = sheet.first_number  # the sheet's number of the group's first question
        update: dict = {}
        if sheet.sections:
            sections = []
            for section in sheet.sections:
                questions = _group(section.questions, sheet.shuffle or section.shuffle, rng, first, rows, deal)
                sections.append(section.model_copy(update={"questions": questions}))
                first += len(questions)
            update["sections"] = sections
        else:
            update["questions"] = _group(sheet.questions, sheet.shuffle, rng, first, rows, deal)
        sheets.append(sheet.model_copy(update=update))
        answers.append(rows)
    return pack.model_copy(update={"sheets": sheets}), answers


class _Dealer:
    """Where the correct option of each shuffled question goes in this variant."""

    def __init__(self, seed: str, index: int | None):
        self.seed, self.index, self.sheet = seed, index, ""

    def position(self, number: int, original: int, options: int, rng: random.Random) -> int:
        """`number`: the question's number in the pack as written, the same in every variant."""
        others = [p for p in range(options) if p != original]
        if self.index is None:
            return rng.choice(others)
        _rng(self.seed, "deal", self.sheet, number).shuffle(others)
        return (others + [original])[self.index % options]


def _group(questions, shuffle: bool, rng: random.Random, first: int, rows: list, deal: _Dealer) -> list:
    order = list(range(len(questions)))
    if shuffle and len(order) > 1:
        while order == sorted(order):  # a shuffled sheet never keeps the order as written
            rng.shuffle(order)
    out = []
    for offset, original in enumerate(order):
        question, correct = _shuffle_question(questions[original], rng, deal, first + original)
        out.append(question)
        rows.append(Answer(first + offset, first + original, correct, question.marks, question.kind))
    return out


def answers_of(pack):
    """The answers of the pack as written (no shuffling)."""
    return [[Answer(n, n, questions.correct(q), q.marks, q.kind) for n, q in enumerate(s.all_questions, start=s.first_number)]
            for s in pack.sheets]


def _shuffle_question(question, rng: random.Random, deal: _Dealer, number: int):
    """A kind that can shuffle (its spec has `shuffle`) does; the rest print as written."""
    shuffle = getattr(questions.kind_of(question), "shuffle", None)
    if shuffle is None:
        return question, None
    moved = shuffle(question, rng, lambda original, count: deal.position(number, original, count, rng))
    return moved, questions.correct(moved)
