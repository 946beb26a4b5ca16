"""Paths named inside a pack must stay inside the pack folder."""

from __future__ import annotations

from pathlib import Path

from .errors import StudypackError, display_path


def inside(folder: Path, name: str) -> Path:
    """The file `name` in `folder`, refused if absolute or if it leads outside (../, symlinks)."""
    if not name or Path(name).is_absolute() or name.startswith(("/", "\\")) or ":" in name[:3]:
        raise StudypackError(f"'{name}' must be a path inside the pack folder, not an absolute path")
    root = Path(folder).resolve()
    target = (Path(folder) / name).resolve()
    if target != root and root not in target.parents:
        shown = display_path(folder)
        where = "the pack folder" if shown == "." else shown
        raise StudypackError(f"'{name}' leads outside the pack folder: keep the file inside {where}")
    return target
