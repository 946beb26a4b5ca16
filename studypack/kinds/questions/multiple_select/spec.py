"""Multiple select ("tick two"): lettered options with tick boxes, several of them right;
options may be pictures (`spec.picture_options`)."""

from __future__ import annotations

import string
from typing import Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.spec import picture_options
from studypack.spec.fields import QuestionBase, Text
from studypack.spec.picture_options import PictureOption
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.instructions import count_cues, unsaid

KIND = "multiple-select"
_COUNT = {2: "two", 3: "three", 4: "four", 5: "five"}


class Model(QuestionBase):
    kind: Literal["multiple-select"]
    options: list[Text | PictureOption] = Field(min_length=3, max_length=26)
    answers: list[Text] = Field(min_length=2)
    explanation: Text | None = None
    shuffle: bool = True  # false keeps the options in the written order in class-set variants


def correct_indexes(q: Model) -> set[int]:
    return {string.ascii_uppercase.index(a.strip().upper()) for a in q.answers}


def boxes(q: Model) -> list[tuple[str, str, bool, str]]:
    """The tick boxes a scanner reads, in print order: (group, choice, correct, the option as
    written); as many right as `answers`."""
    right = correct_indexes(q)
    return [("", string.ascii_uppercase[i], i in right, picture_options.words(option)) for i, option in enumerate(q.options)]


def check(q: Model) -> list[tuple[tuple, str]]:
    letters = string.ascii_uppercase[: len(q.options)]
    problems: list[tuple[tuple, str]] = []
    given = [a.strip().upper() for a in q.answers]
    for i, letter in enumerate(given):
        if len(letter) != 1 or letter not in letters:
            problems.append((("answers", i), said("term.kind-ms-answer", "each answer is the letter of one option, {first} "
                                                  "to {last}, got '{answer}'", first=letters[0], last=letters[-1],
                                                  answer=q.answers[i])))
    if len(set(given)) != len(given):
        problems.append((("answers",), said("term.kind-ms-twice", "the same letter is given twice in answers")))
    elif not problems and len(given) >= len(q.options):
        problems.append((("answers",), said("term.kind-ms-all", "every option is marked correct: leave at least one "
                                            "wrong option")))
    return problems + picture_options.check(q.options)


def instruction(q: Model, say: Words = ENGLISH_WORDS) -> str:
    n = len(q.answers)
    return say("question.tick", count=say(f"number.{n}") if n in _COUNT else str(n))


def cues(q: Model) -> tuple[str, ...]:
    """The words by which a prompt already says the instruction ("Tick **two**")."""
    return count_cues("tick", len(q.answers))


def note(q: Model, say: Words = ENGLISH_WORDS) -> str | None:
    """The instruction printed under the prompt, unless the prompt says it."""
    return unsaid(q.prompt, instruction(q, say), cues(q))


def shuffle(q: Model, rng, position) -> Model:
    """This question in a class-set variant: the options in another order (never the written
    one) and the answers' letters moved with them; `shuffle: false` keeps them."""
    order = list(range(len(q.options)))
    if q.shuffle:
        while order == sorted(order):
            rng.shuffle(order)
    right = correct_indexes(q)
    letters = sorted(string.ascii_uppercase[order.index(i)] for i in right)
    return q.model_copy(update={"options": [q.options[i] for i in order], "answers": letters})
