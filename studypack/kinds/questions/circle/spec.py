"""Circle the answer: a row of words (or short phrases) to circle, one or more of them right.
For younger readers, where a tick box and a letter are one step too many ("Circle the odd one
out", "Circle the word that fits the sentence")."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from studypack.base.errors import said
from studypack.base.messages import suggest
from studypack.spec.fields import QuestionBase, Text
from studypack.io.words import ENGLISH_WORDS, Words
from studypack.spec.instructions import count_cues, unsaid

KIND = "circle"
KEYED = True  # its answers are required: the key is never empty


class Model(QuestionBase):
    kind: Literal["circle"]
    options: list[Text] = Field(min_length=2, max_length=12)  # printed in the written order, in a row (or rows)
    answers: list[Text] = Field(min_length=1)  # the options to circle, written as in `options`
    explanation: Text | None = None
    shuffle: bool = True  # false keeps the written order in class-set variants


def _same(words: str) -> str:
    return " ".join(words.split()).casefold()


def circled(q: Model) -> set[int]:
    """Where in `options` the options to circle are."""
    options = [_same(o) for o in q.options]
    return {options.index(_same(a)) for a in q.answers if _same(a) in options}


def check(q: Model) -> list[tuple[tuple, str]]:
    problems: list[tuple[tuple, str]] = []
    options = [_same(o) for o in q.options]
    if len(set(options)) != len(options):
        problems.append((("options",), said("term.kind-circle-option-twice", "the same option is written twice: each word to "
                                               "circle once")))
    for i, answer in enumerate(q.answers):
        if _same(answer) not in options:
            problems.append((("answers", i), said("term.kind-circle-not-option", "'{answer}' is not one of the options{suggestion}: "
                                                  "write each answer exactly as in 'options:'", answer=answer,
                                                  suggestion=suggest(answer, q.options))))
    given = [_same(a) for a in q.answers]
    if len(set(given)) != len(given):
        problems.append((("answers",), said("term.kind-circle-answer-twice", "the same answer is given twice")))
    elif not problems and len(set(given)) >= len(options):
        problems.append((("answers",), said("term.kind-circle-all", "every option is to be circled: leave at least one that is not")))
    return problems


def instruction(q: Model, say: Words = ENGLISH_WORDS) -> str | None:
    """"Circle two." under the prompt when more than one is right (one is what a reader expects)."""
    n = len(q.answers)
    return None if n == 1 else say("question.circle", count=say(f"number.{n}") if n in _COUNT else str(n))


def cues(q: Model) -> tuple[str, ...]:
    """The words by which a prompt already says the instruction ("Circle **two** words")."""
    return count_cues("circle", len(q.answers))


def note(q: Model, say: Words = ENGLISH_WORDS) -> str | None:
    """The instruction printed under the prompt, unless the prompt says it."""
    return unsaid(q.prompt, instruction(q, say), cues(q))


_COUNT = {2: "two", 3: "three", 4: "four", 5: "five"}


def shuffle(q: Model, rng, position) -> Model:
    """This question in a class-set variant: the options in another order (the answers are the
    words themselves, so they stay); `shuffle: false` keeps the written order."""
    if not q.shuffle:
        return q
    order = list(range(len(q.options)))
    while order == sorted(order):
        rng.shuffle(order)
    return q.model_copy(update={"options": [q.options[i] for i in order]})
