"""How to install an optional extra, said one way everywhere: the published name for an
installed studypack, the folder for one run from a checkout (where the published name would fetch
the published package instead of adding to the one being worked on)."""

from __future__ import annotations


def install(extra: str, aside: str = "{published} (from a checkout: {local})") -> str:
    """The commands that add the extra `extra` (docx, xlsx, mark, serve, preview, rtl, cjk),
    worded by `aside` (the terminal's words for it: `base.errors.install_aside`)."""
    return aside.format(published=f"pip install 'studypack[{extra}]'", local=f"pip install '.[{extra}]'")
