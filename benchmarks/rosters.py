"""Make test rosters of any size with names from many scripts (for the class-set benchmark)."""

from __future__ import annotations

import csv
from pathlib import Path

FIRST = ["Aoife", "Николай", "Ζωή", "Nguyễn Thị", "Zoë", "Sam", "Jean-Luc", "Ali", "Grace", "Ola", "Mateo",
         "Siobhán", "Дмитрий", "Αλέξανδρος", "Trần Văn", "Björn", "Priya", "Kwame", "Łucja", "Ömer"]
LAST = ["O'Brien", "Бухарин", "Παπαδοπούλου", "Minh Khai", "Ångström", "Smith", "de la Tour", "Khan",
        "Okafor", "Nowak", "García", "Ní Bhriain", "Иванова", "Νικολάου", "Phạm", "Søndergaard", "Patel",
        "Mensah", "Wiśniewska", "Yılmaz"]


def _form(k: int) -> str:
    """The k-th form's name: 9A to 9Z, then 10A to 10Z, and so on."""
    return f"{9 + k // 26}{chr(65 + k % 26)}"


def write(path: Path, count: int, classes: int = 0) -> Path:
    classes = classes or max(1, count // 28)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["First name", "Surname", "Form", "Candidate number"])
        for i in range(count):
            out.writerow([FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)], _form(i * classes // count),
                          f"{4000 + i}"])
    return path
