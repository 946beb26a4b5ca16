"""Write the parses of the faces a first build would otherwise parse (`media.fonts.PARSED_DIR`):
STIX Two Math, as the installed ziamath ships it, for the installed ReportLab. Run it after
either changes (`tests/test_fontfiles.py` says when): the old parses are removed.

Usage: python tools/parsed_faces.py [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studypack.media import fonts  # noqa: E402
from studypack.media.maths import font  # noqa: E402


def wanted() -> dict[str, bytes]:
    """File name -> the parse (marshal data) each face should have in PARSED_DIR."""
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFontFace

    fonts._write_unicode_map()
    made: dict[str, bytes] = {}
    for path in (font.path(),):
        data = Path(path).read_bytes()
        kept = fonts._kept(TTFontFace(io.BytesIO(data)))
        assert kept is not None, path
        made[f"{hashlib.sha256(data).hexdigest()[:24]}-rl{Version}-{fonts._FACE_FORMAT}.face{fonts.PARSED_SUFFIX}"] = kept
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether the parses are current")
    args = parser.parse_args()
    made = wanted()
    there = {p.name for p in fonts.PARSED_DIR.glob("*.face.*")}
    if args.check:
        stale = there ^ set(made)
        print("current" if not stale else f"not current: {sorted(stale)}")
        return 1 if stale else 0
    fonts.PARSED_DIR.mkdir(exist_ok=True)
    for name in there - set(made):
        (fonts.PARSED_DIR / name).unlink()
    for name, kept in made.items():
        (fonts.PARSED_DIR / name).write_bytes(zlib.compress(kept, 9))
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
