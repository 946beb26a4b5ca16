"""How to install an optional extra, said one way everywhere: the published name for an
installed studypack, the folder for one run from a checkout (where the published name would fetch
the published package instead of adding to the one being worked on)."""

from __future__ import annotations


def install(extra: str) -> str:
    """The commands that add the extra `extra` (docx, xlsx, mark, serve, preview, rtl, cjk)."""
    return f"pip install 'studypack[{extra}]' (from a checkout: pip install '.[{extra}]')"
