"""Shell completion (click's): pack folders for PACK_DIR, layout names for --layout.

Runs on every press of Tab, so it imports nothing heavy at the top: pack folders are found by
looking for pack.yaml / pack.yml, and the workspace's own layouts only load `workspace` (a
lazy import, for the speed of completing everything else).
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from studypack.base.paths import PACK_FILES, SHIPPED_LAYOUTS, pack_file

DEPTH = 3  # sources/<pack> and examples/papers/<pack> are found from the workspace root
_SKIP = {"output", "node_modules", "__pycache__"}


def pack_folders(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Folders holding a pack.yaml or pack.yml, up to DEPTH below the folder typed so far."""
    typed_dir, _, _ = incomplete.rpartition("/")
    prefix = f"{typed_dir}/" if typed_dir or incomplete.startswith("/") else ""
    base = Path(os.path.expanduser(prefix or "."))
    found = [prefix + rel for rel in _packs_under(base)]
    return [CompletionItem(path) for path in sorted(found) if path.startswith(incomplete)]


def _packs_under(base: Path, depth: int = DEPTH, rel: str = "") -> list[str]:
    found: list[str] = []
    try:
        children = sorted(p for p in base.iterdir() if p.is_dir())
    except OSError:
        return found
    for child in children:
        if child.name.startswith(".") or child.name in _SKIP:
            continue
        path = f"{rel}{child.name}"
        if any((child / name).is_file() for name in PACK_FILES):
            found.append(path)
        if depth > 1:
            found.extend(_packs_under(child, depth - 1, f"{path}/"))
    return found


def layout_names(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The shipped layouts and the workspace's own (found from the pack given, else the current
    folder); a path (with / or .yaml) is left to the shell's own file completion."""
    if "/" in incomplete or "\\" in incomplete or incomplete.startswith((".", "~")):
        return [CompletionItem(incomplete, type="file")]
    names = {p.stem for p in SHIPPED_LAYOUTS.glob("*.yaml")}
    names.update(p.stem for p in workspace_layouts(pack_given(ctx)).glob("*.yaml"))
    return [CompletionItem(name) for name in sorted(names) if name.startswith(incomplete)]


def pack_given(ctx: click.Context) -> Path:
    """The pack folder on the command line so far. Click leaves it unparsed when the line ends
    in an option still waiting for its value (`build show-trials --layout <Tab>`), so the
    words are read again from COMP_WORDS, which click's scripts set for every shell."""
    given = ctx.params.get("pack_dir")
    if given and str(given) != ".":
        return Path(given)
    line = os.environ.get("COMP_WORDS", "")
    try:
        words = shlex.split(line)
    except ValueError:  # an unclosed quote in the word being typed
        words = line.split()
    for word in words[1:]:
        if not word.startswith("-") and pack_file(Path(os.path.expanduser(word))):
            return Path(os.path.expanduser(word))
    return Path(".")


def workspace_layouts(pack_dir: Path) -> Path:
    from studypack.io.workspace import root_of  # lazy: pydantic loads only when a layout name is completed

    root, _ = root_of(pack_dir)
    return root / "layouts"
