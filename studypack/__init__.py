"""studypack: printable study packs — worksheets, source-analysis sheets, answer keys — from YAML."""

__version__ = "0.2.0"  # as pyproject.toml (tests/test_packaging.py keeps them equal)

import os as _os

# pydantic looks for plugins through package metadata on import (~20 ms); studypack uses none.
_os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# ReportLab compiles a URL pattern as it is imported (65 ms); it is compiled when first used.
from studypack.base import deferred as _deferred  # noqa: E402

_deferred.install()
