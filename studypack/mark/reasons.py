"""Why a page, a question or a student has no mark, as a message of the catalogues: the text is
its English (what the files said before a language was chosen, and what code and tests
compare), and it keeps its message key and values, so that the files a marking writes say it
in the school's language (`said`)."""

from __future__ import annotations

from typing import Any

from studypack.io import words

JOIN = "; "


class Reason(str):
    """A reason in English that can be said in another language."""

    key: str
    n: int | None
    values: dict[str, Any]
    parts: tuple["Reason", ...]

    def __new__(cls, key: str, n: int | None = None, /, **values: Any) -> "Reason":
        reason = super().__new__(cls, words.ENGLISH_WORDS(key, n, **values))
        reason.key, reason.n, reason.values, reason.parts = key, n, values, ()
        return reason

    def __reduce__(self):  # pickled whole (its key, values and parts)
        return (_made, (self.key, self.n, self.values, self.parts))


def _made(key: str, n: int | None, values: dict[str, Any], parts: tuple[Reason, ...]) -> str:
    return joined(list(parts)) if parts else Reason(key, n, **values)


def joined(reasons: list[Reason]) -> Reason | str:
    """Several reasons as one ("absent: …; not on the class list given"); "" for none."""
    reasons = [r for r in reasons if r]
    if not reasons:
        return ""
    if len(reasons) == 1:
        return reasons[0]
    whole = str.__new__(Reason, JOIN.join(reasons))
    whole.key, whole.n, whole.values, whole.parts = "", None, {}, tuple(reasons)
    return whole


def said(why: str, say: words.Words) -> str:
    """`why` in the language of `say` (a text that is no `Reason` as it is)."""
    if not isinstance(why, Reason):
        return why
    if why.parts:
        return say.alone("mark.join").join(said(part, say) for part in why.parts)
    return say.alone(why.key, why.n, **why.values)
