"""Word: the shared prompt, then each part as its own question, 3(a), 3(b) …"""

from __future__ import annotations

import string


def split(q, label: str) -> list[tuple[str, object, tuple]]:
    """(label, part, key path within the question) for each part."""
    return [(f"{label}({string.ascii_lowercase[i]})", part, ("parts", i)) for i, part in enumerate(q.parts)]
