"""Which exercise each flowable belongs to, for the preflight: a question or a source, and
the part of it the flowable is (its stem, options, boxes, table …).

The composer marks a question's or a source's flowables as it makes them; the document
template gives the mark on to the pieces a page break cuts them into (`adopt`) and notes on
each page the parts placed there (`notes.Piece`), with whether the part says it goes on
("Question 4 continued", "Source B (continued)"): so the preflight can say which exercise
runs over a page without saying so, read from what the view made, never guessed from ink."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Iterable

from reportlab.platypus import Flowable, KeepTogether

from studypack.views.split_state import Carry


@dataclass(frozen=True, eq=False)
class Exercise:
    """A question or a source: `key` tells it from every other in the document; `name` is how a
    reader says it ("Question 4", "Source B"); `carry`, where given (a key's question, a parts
    question's in any document), what a page it goes on to prints first when nothing of it there
    says so ("Question 4 continued"); `stems`: it says so over a sub-question's stem too (a parts
    question's shared stem is on the page before, and "(c)" alone does not say whose part it is);
    `within`: the question a sub-question is part of (a key's "4(c)", an exercise of its own)."""

    key: str
    name: str
    carry: Carry = Carry()
    stems: bool = False
    within: "Exercise | None" = None


def going_on(here: "Exercise | None", before: "Exercise | None", stem: bool, labelled: bool = False) -> "Exercise | None":
    """The exercise whose "continued" line a page's first flowable, of `here`, goes under where the
    page before ends with `before`'s (the same exercise, or another part of the same question);
    `stem`: the flowable is a sub-question's stem; `labelled`: it prints its own line where it
    goes on (a part's answer lines, "Question 4(c) continued"). None where nothing need be said."""
    if here is None or before is None:
        return None
    if here is before and here.stems:  # a student's parts question: its part's own line says more
        return None if labelled else here
    if here is before:
        return None if stem else here
    whole = here.within
    if whole is not None and whole.stems and whole in (before, before.within):
        return whole  # the next part of a parts question: "Question 4 continued" over "4(c)"
    return None


_OWNERS: "weakref.WeakKeyDictionary[Flowable, Exercise]" = weakref.WeakKeyDictionary()
_CONTINUED: "weakref.WeakSet[Flowable]" = weakref.WeakSet()
_PARTS: "weakref.WeakKeyDictionary[Flowable, str]" = weakref.WeakKeyDictionary()
_APART: "weakref.WeakSet[Flowable]" = weakref.WeakSet()
LABEL = "continued line"  # the part a line saying the exercise goes on is (see `announces`)
FACING = "facing-page line"  # … a line saying it goes on over a spread, on the facing page (see `faces`)
_NONE = Exercise("", "")  # a flowable kept with an exercise that is not part of it (a section heading)


def mark(flowables: Iterable[Flowable], exercise: Exercise, skip: Iterable[Flowable] = ()) -> None:
    """Give `exercise` to `flowables` and those kept together inside them, but `skip` (what
    leads into it without being part of it); a flowable already marked keeps its mark."""
    for flowable in skip:
        _set(flowable, _NONE)
    for flowable in _walk(flowables):
        _set(flowable, exercise)


def apart(flowable: Flowable) -> Flowable:
    """`flowable`, part of no exercise even where a break places it among one's pieces (a page
    left blank before a question set across a spread)."""
    _APART.add(flowable)
    return flowable


def is_apart(flowable) -> bool:
    try:
        return flowable in _APART
    except TypeError:
        return False


def adopt(flowable: Flowable, exercise: Exercise | None) -> None:
    """A piece cut from a flowable of `exercise` belongs to it too (unless marked already)."""
    if exercise is not None:
        _set(flowable, exercise)


def owner(flowable) -> Exercise | None:
    """The exercise `flowable` is part of (a container's: its first marked content's), or None."""
    try:
        found = _OWNERS.get(flowable)
    except TypeError:
        return None
    if found is None:
        for inner in getattr(flowable, "_content", None) or ():
            found = owner(inner)
            if found is not None:
                break
    return None if found is _NONE else found


def announces(flowable: Flowable) -> Flowable:
    """`flowable`, a line of its own that says the exercise goes on ("Question 4 continued"):
    in a tagged PDF a running head, which a reader skips."""
    _CONTINUED.add(flowable)
    flowable.structure = "Artifact"
    return named(flowable, LABEL)


def faces(flowable: Flowable, heads: bool) -> Flowable:
    """`flowable`, a line saying the exercise goes on over a spread: over its right-hand part
    where it `heads` it (it says the exercise continues, as `announces`), else at the foot of
    its left-hand part; in a tagged PDF a running head."""
    if heads:
        _CONTINUED.add(flowable)
    flowable.structure = "Artifact"
    return named(flowable, FACING)


def says_continued(flowable) -> bool:
    """Whether `flowable`, as placed, tells the reader its exercise goes on from the page before."""
    try:
        if flowable in _CONTINUED:
            return True
    except TypeError:
        return False
    said = getattr(flowable, "says_continued", None)
    if callable(said) and said():
        return True
    return any(says_continued(f) for f in (getattr(flowable, "_content", None) or ())[:1])


def named(flowable: Flowable, what: str) -> Flowable:
    """`flowable`, saying what part it is (`part`) where its class does not ("explanation")."""
    _PARTS[flowable] = what
    return flowable


def part(flowable) -> str:
    """What the part is, in a typesetter's words (as `named`, its class's `PART`, or its class's name)."""
    try:
        said = _PARTS.get(flowable)
    except TypeError:
        said = None
    if said:
        return said
    named = getattr(type(flowable), "PART", None)
    if named:
        return named
    inner = getattr(flowable, "_content", None)
    if inner:
        return part(inner[0])
    return type(flowable).__name__.lower()


def _set(flowable, exercise: Exercise) -> None:
    try:
        _OWNERS.setdefault(flowable, exercise)
    except TypeError:  # not a flowable that can be looked up
        pass


def _walk(flowables: Iterable[Flowable]):
    for flowable in flowables:
        yield flowable
        if isinstance(flowable, KeepTogether) or hasattr(flowable, "_content"):
            yield from _walk(getattr(flowable, "_content", None) or ())
