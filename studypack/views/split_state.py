"""The keep/split policy's state, as explicit objects rather than flags patched onto
ReportLab's flowables: the part a flowable plays in keeping a question together (`Role`),
what its parts carried to a new page print over them (`Carry`), and where the question it
is in stands when it splits (`Standing`)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable


@dataclass(frozen=True)
class Role:
    """What a flowable is to the question it is in."""

    lead: bool = False   # it introduces the answer space (word bank, note, events over boxes): kept with it
    whole: bool = False  # never split between pages (an option list, a word bank)


_PLAIN = Role()
_ROLES: "weakref.WeakKeyDictionary[Flowable, Role]" = weakref.WeakKeyDictionary()


def given(flowable: Flowable, **role: bool) -> Flowable:
    """`flowable`, its role given (`lead=True`, `whole=True`) on top of any it had."""
    _ROLES[flowable] = replace(role_of(flowable), **role)
    return flowable


def role_of(flowable) -> Role:
    """The role given to `flowable`, or the one its class declares (`ROLE`), else none."""
    try:
        found = _ROLES.get(flowable)
    except TypeError:  # not a flowable that can be looked up (a string in a cell)
        found = None
    return found if found is not None else getattr(type(flowable), "ROLE", _PLAIN)


def leads(flowable) -> bool:
    """Whether `flowable` leads into its question's answer space (see `toolkit.lead_in`)."""
    return role_of(flowable).lead


def whole(flowable) -> bool:
    """Whether `flowable` never splits between pages, staying with what it serves."""
    return role_of(flowable).whole


@dataclass(frozen=True)
class Carry:
    """What the part of a question carried to a new page prints over it ("Question 2
    continued"), in `style`; nothing where either is missing."""

    label: str = ""
    style: ParagraphStyle | None = None

    @property
    def shown(self) -> bool:
        return bool(self.label) and self.style is not None


class CarriedText:
    """Running text that goes on overleaf under its question's "continued" label (a gap-fill's
    passage): the composer gives it its `Carry`, and the class reads it when it splits."""

    carry: Carry = Carry()

    def carried_as(self, carry: Carry) -> None:
        self.carry = carry


@dataclass(frozen=True)
class Standing:
    """Where the question a flowable is in stands as it splits."""

    page_start: bool = False  # it starts a page: the flowable has nowhere better to go
    cornered: bool = False  # nor where it goes on under its "continued" line alone, or carries rows with an answer's "Why:"
    explained: bool = False  # the rows it carries go on with the "Why:" under them, never alone: one may go


ANYWHERE = Standing()


@dataclass(frozen=True)
class Spread:
    """A paper printed double-sided (large print, `questions.spread`): an exercise taller than a
    page but not than two starts a left-hand (even) page, its two parts facing each other, the
    first ending with `continues` ("(continues on the facing page →)"), the second headed with
    `continued` ("Question 4 (continued from the facing page)"), or `short` ("Question 4
    continued") where that line would take a second one the facing page has no room for; one
    that would start a right-hand page starts the next, this one saying `blank` ("BLANK PAGE")."""

    continues: Carry
    continued: Carry
    short: Carry = Carry()
    blank: Carry = Carry()
