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
    return hashlib.sha256(pack.model_dump_json().encode()).hexdigest()


@dataclass(frozen=True)
class Answer:
    """One question as printed on a variant: its number there, its number in the pack as
    written, and the correct option's letter (None for questions without options)."""

    number: int
    original: int
    correct: str | None
    marks: int
    kind: str


def make(pack, seed: str, key: str):
    """(variant pack, answers per sheet). `key` is the variant letter or a student's id.

    Questions move only within their section (or the sheet, without sections), so the
    numbers a section covers stay the same."""
    rng = random.Random(int.from_bytes(hashlib.sha256(f"{seed}\0{key}".encode()).digest()[:8], "big"))
    sheets, answers = [], []
    for sheet in pack.sheets:
        rows: list[Answer] = []
        first = 1  # the sheet's number of the group's first question
        update: dict = {}
        if sheet.sections:
            sections = []
            for section in sheet.sections:
                questions = _group(section.questions, sheet.shuffle or section.shuffle, rng, first, rows)
                sections.append(section.model_copy(update={"questions": questions}))
                first += len(questions)
            update["sections"] = sections
        else:
            update["questions"] = _group(sheet.questions, sheet.shuffle, rng, first, rows)
        sheets.append(sheet.model_copy(update=update))
        answers.append(rows)
    return pack.model_copy(update={"sheets": sheets}), answers


def _group(questions, shuffle: bool, rng: random.Random, first: int, rows: list) -> list:
    order = list(range(len(questions)))
    if shuffle:
        rng.shuffle(order)
    out = []
    for offset, original in enumerate(order):
        question, correct = _shuffle_question(questions[original], rng)
        out.append(question)
        rows.append(Answer(first + offset, first + original, correct, question.marks, question.kind))
    return out


def answers_of(pack):
    """The answers of the pack as written (no shuffling)."""
    return [[Answer(n, n, _correct(q), q.marks, q.kind) for n, q in enumerate(s.all_questions, start=1)]
            for s in pack.sheets]


def _correct(question) -> str | None:
    if question.kind == "multiple-choice":
        return question.answer.strip().upper()
    return None


def _shuffle_question(question, rng: random.Random):
    if question.kind != "multiple-choice":
        return question, None
    correct = LETTERS.index(question.answer.strip().upper())
    order = list(range(len(question.options)))
    if getattr(question, "shuffle", True):
        rng.shuffle(order)
    options = [question.options[i] for i in order]
    answer = LETTERS[order.index(correct)]
    return question.model_copy(update={"options": options, "answer": answer}), answer
