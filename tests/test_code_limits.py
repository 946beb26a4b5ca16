"""Every function in studypack/ stays readable: at most 60 lines and a complexity of 25
(`python tools/code_stats.py --check`, which this runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_no_function_is_longer_than_60_lines_or_more_complex_than_25():
    pytest.importorskip("radon", reason="radon (the dev extra: pip install '.[dev]') measures complexity")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "code_stats.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, f"split these into well-named steps:\n{result.stdout}{result.stderr}"
