"""What a build will write: one PDF per student sheet, the whole pack, and the answer key.

Planning decides file names and which sheets go into which document; it typesets
nothing, so `check` can plan without ReportLab and the builder renders in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One PDF to write: its file name, its sheets (by index), and whether it is the key."""

    filename: str
    sheets: tuple[int, ...]
    key: bool = False
    title: str = ""
    reference: bool = False  # ends with the glossary and timeline pages


@dataclass
class Plan:
    out_dir: Path
    documents: list[Document] = field(default_factory=list)


RESERVED = ("pack", "answer-key", "reference")


def make(pack, name: str, out_root: Path) -> Plan:
    plan = Plan(Path(out_root) / name)
    has_reference = bool(pack.glossary or pack.timeline)
    for i, sheet in enumerate(pack.sheets):
        plan.documents.append(Document(f"{sheet.id}.pdf", (i,), title=sheet.title))
    if has_reference:
        plan.documents.append(Document("reference.pdf", (), title="Glossary and timeline", reference=True))
    plan.documents.append(Document("pack.pdf", tuple(range(len(pack.sheets))), title=pack.title,
                                   reference=has_reference))
    plan.documents.append(Document("answer-key.pdf", tuple(range(len(pack.sheets))), key=True,
                                   title=f"{pack.title}: answer key"))
    return plan
