"""What a class list's column headers mean: the spellings of each student detail's header
('Forename', 'Candidate number'), and the detail a printed label asks for. Apart from the
roster's reading (csv, workbooks, code pages), so a page that prints a name box needs none of it."""

from __future__ import annotations

import re
import unicodedata

# field -> header spellings (compared after `header_key`: lower case, single spaces, no punctuation)
ALIASES: dict[str, tuple[str, ...]] = {
    "first": ("first name", "firstname", "forename", "forenames", "given name", "given names", "first names",
              "preferred forename", "preferred first name", "legal forename", "legal first name", "vorname",
              "prenom", "first", "other names"),
    "last": ("surname", "last name", "lastname", "family name", "legal surname", "preferred surname",
             "legal last name", "nachname", "nom", "last", "candidate surname"),
    "name": ("full name", "name", "student name", "pupil name", "student", "pupil", "candidate name",
             "fullname"),
    "class": ("class", "form", "tutor group", "reg group", "registration group", "set", "teaching group",
              "group", "form group", "class name", "homeroom", "klasse"),
    "id": ("id", "candidate number", "candidate no", "candidate", "student number", "student id", "student no",
           "upn", "admission number", "adno", "exam number", "pupil id", "pupil number"),
    "layout": ("layout", "access layout", "print layout", "large print"),
    "tier": ("tier", "entry tier", "paper tier"),
    "language": ("language", "name language", "language of name", "home language", "first language", "langue",
                 "sprache", "idioma", "iaith"),
}
FIELDS = tuple(ALIASES)


def header_key(header: str) -> str:
    """'Forename(s)', 'FIRST_NAME', ' Given-Name ' -> 'forename', 'first name', 'given name'."""
    value = unicodedata.normalize("NFKD", header.replace("\ufeff", "")).lower()
    value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = re.sub(r"\(s\)", "s", value)
    value = re.sub(r"[_\-./#:()\[\]]+", " ", value)
    return " ".join(value.split())


def field_for_label(label: str) -> str | None:
    """Which student detail a printed label asks for: 'Name' -> name, 'Candidate number' -> id."""
    normal = header_key(label)
    for name, spellings in ALIASES.items():
        if name not in ("layout", "tier", "language") and normal in spellings:
            return name
    return None
