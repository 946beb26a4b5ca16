"""A small pack for the `serve` tests, and a wait that fails with what it last saw."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

PACK = textwrap.dedent("""\
    title: Serve test
    subject: History
    level: Ages 14-16
    sources:
      - letter: A
        title: A speech in court
        kind: primary
        origin: A prosecutor
        date: "1936"
        citation: A book
        text: The accused confessed in open court.
    sheets:
      - id: first-look
        kind: source-analysis
        title: First look
        sources: [A]
        questions:
          - {kind: short, prompt: "What does Source A say about the confession?", marks: 2, lines: 2, answer: "They confessed."}
          - {kind: short, prompt: "Why might a historian doubt the confession?", marks: 3, lines: 2, answer: "Torture.", tier: higher}
    """)
BROKEN_LINE = 18  # the line of the first question, where `marks: ten` goes

ROSTER = ("First name,Surname,Class,Candidate number,Tier\n"
          "Aoife,Brennan,10C,5101,\n"
          "Tomasz,Kowalczyk,10C,5102,higher\n"
          "Priya,Raman,10C,5103,Z\n")


def make_pack(folder: Path) -> Path:
    pack = folder / "serve-test"
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(PACK, encoding="utf-8")
    return pack


def edit(pack: Path, old: str, new: str) -> None:
    path = pack / "pack.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def wait_for(check, what: str, timeout: float = 90):
    """Call `check` until it returns something true; fail saying what was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)
