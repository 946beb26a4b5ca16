"""ReportLab's URL pattern (and PyYAML's unprintable characters) are compiled when first used, not as imported, and
match exactly as the patterns compiled the usual way; Pillow, which ReportLab imports, loads
only when a picture is used."""

from __future__ import annotations

import re
import subprocess
import sys

_PROBE = r"""
import re, sys
import studypack
real_compile = re.compile
import reportlab.platypus.paragraph as paragraph
assert re.compile is real_compile, "re.compile is put back after the import"
assert paragraph.uri_pat.__class__.__name__ == "_Pattern", type(paragraph.uri_pat)
assert paragraph.uri_pat._made is None, "not compiled at import"
print(paragraph._uri_split_pairs("https://example.com/a/b"))
assert isinstance(paragraph.uri_pat._made, re.Pattern), "compiled on first use"
print(paragraph.uri_pat.pattern)
"""

_PILLOW = r"""
import sys
import studypack
import reportlab.platypus, reportlab.lib.utils as utils
image = sys.modules["PIL.Image"]
assert type(image).__name__ == "_LazyModule", type(image)
assert utils.haveImages
from PIL import Image
assert Image is image
picture = Image.new("RGB", (3, 2))  # the first name read loads it
assert type(image).__name__ == "module" and utils._isPILImage(picture)
print(utils.ImageReader(picture).getSize())
"""


def test_the_url_pattern_is_compiled_on_first_use_and_matches_the_same():
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    pairs, pattern = done.stdout.splitlines()[:2]
    assert pairs == str([("https://example.com/a/", "b"), ("https://example.com/", "a/b"),
                         ("https://", "example.com/a/b")])
    compiled = re.compile(pattern, re.I)  # as ReportLab compiles it
    from reportlab.platypus import paragraph

    for uri in ("https://example.com/a/b", "HTTP://Ünïcode.example/x?y#z", "not a url", "ftp://10.0.0.1:21/f",
                "http://[::1]/p", "localhost", "mailto:someone@example.com"):
        assert bool(compiled.match(uri)) == bool(paragraph.uri_pat.match(uri)), uri


def test_pillow_loads_only_when_a_picture_is_used():
    done = subprocess.run([sys.executable, "-c", _PILLOW], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(3, 2)"


_PLUGINS = r"""
import sys
import studypack
import pydantic
from pydantic.plugin import _loader
assert "importlib.metadata" not in sys.modules, "loaded with pydantic's plugin loader"
assert list(_loader.get_plugins()) == []  # plugins off: nothing looked up
import importlib.metadata
assert type(sys.modules["importlib.metadata"]).__name__ == "module" and importlib.metadata.entry_points
assert _loader.entry_points(group="console_scripts") == importlib.metadata.entry_points(group="console_scripts")
print("ok")
"""


def test_pydantics_plugin_loader_imports_package_metadata_only_when_it_looks_plugins_up():
    done = subprocess.run([sys.executable, "-c", _PLUGINS], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


_CONVERTER = r"""
import sys
import studypack
from studypack.spec.maths import parse
formula = parse(r"\frac{1}{2} + \text{R&D}")
assert "<mfrac><mn>1</mn><mn>2</mn></mfrac>" in formula.mathml
assert "importlib.metadata" not in sys.modules, "loaded with latex2mathml"
assert "ssl" not in sys.modules and "http.client" not in sys.modules, "loaded with saxutils' urllib.request"
import latex2mathml, importlib.metadata, urllib.request
assert latex2mathml.__version__ == importlib.metadata.version("latex2mathml")
assert urllib.request.urlopen and "ssl" in sys.modules  # the lazy module loads when used
print("ok")
"""


def test_reading_a_formula_loads_neither_package_metadata_nor_urllib_request():
    done = subprocess.run([sys.executable, "-c", _CONVERTER], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


_PLAIN_BUILD = r"""
import sys
from pathlib import Path
from studypack.app import build

out = Path(sys.argv[2])
build.build(Path(sys.argv[1]), out_root=out, jobs=1, cache=False)
assert sorted(p.name for p in out.rglob("*.pdf")), "the pack was built"
loaded = [name for name in ("studypack.spec.maths.formula", "studypack.media.maths.layout",
                            "studypack.media.maths.geometry", "studypack.media.maths.breaking") if name in sys.modules]
from studypack.spec.profile import Paper
print(" ".join(loaded) or "-", Paper.__pydantic_complete__)
"""


def _pack(folder, prompt: str):
    folder.mkdir()
    (folder / "pack.yaml").write_text(
        "title: Rates\nsubject: Chemistry\nlevel: GCSE\nsheets:\n  - id: rates\n    kind: worksheet\n"
        f"    title: Rates\n    questions:\n      - id: q1\n        kind: short\n        prompt: '{prompt}'\n"
        "        marks: 2\n        lines: 2\n        answer: 'It doubles.'\n", encoding="utf-8")
    return folder


def test_a_build_without_formulas_or_a_profile_never_loads_the_formula_reader_nor_the_layout_engine(tmp_path):
    """The formula reader, ziamath's layout and a board profile's paper schema load only for a
    pack that needs them (start-up speed: a plain build and every class set pays for them otherwise)."""
    seen = {}
    for name, prompt in (("plain", "What happens to the rate when the temperature rises?"),
                         ("formula", "What happens to the rate $r = k[A]^2$ when $[A]$ doubles?")):
        done = subprocess.run([sys.executable, "-c", _PLAIN_BUILD, str(_pack(tmp_path / name, prompt)),
                               str(tmp_path / f"out-{name}")], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        seen[name] = done.stdout.split()
    assert seen["plain"] == ["-", "False"]
    assert seen["formula"][:3] == ["studypack.spec.maths.formula", "studypack.media.maths.layout",
                                   "studypack.media.maths.geometry"], seen["formula"]


_YAML = r"""
import re, sys
import studypack
real_compile = re.compile
import yaml
from yaml.reader import Reader, ReaderError
assert re.compile is real_compile, "re.compile is put back after the import"
assert type(Reader.NON_PRINTABLE).__name__ == "_Pattern" and Reader.NON_PRINTABLE._made is None, "not compiled at import"
assert yaml.load("a: b\n", Loader=yaml.SafeLoader) == {"a": "b"}  # PyYAML's own reader: the pattern compiled
assert isinstance(Reader.NON_PRINTABLE._made, re.Pattern)
try:
    yaml.load("a: b\x07\n", Loader=yaml.SafeLoader)
except ReaderError as exc:
    print("#x0007" in str(exc))
print(Reader.NON_PRINTABLE.pattern == real_compile(Reader.NON_PRINTABLE.pattern).pattern)
"""


def test_pyyamls_unprintable_pattern_is_compiled_on_first_use_and_still_refuses_control_characters():
    done = subprocess.run([sys.executable, "-c", _YAML], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True"]


_TEXTSPLIT = r"""
import re, sys
import studypack
real_compile = re.compile
import reportlab.platypus  # imports textsplit, which imports ReportLab's utilities (both hooked)
from reportlab.lib import textsplit
assert re.compile is real_compile, "re.compile is put back after the nested imports"
assert type(textsplit.rx).__name__ == "_Pattern" and textsplit.rx._made is None, "not compiled at import"
print(textsplit.rx.sub(r"[\1]", "ab日本c"))
assert isinstance(textsplit.rx._made, re.Pattern)
"""


def test_reportlabs_cjk_pattern_is_compiled_on_first_use_and_matches_the_same():
    done = subprocess.run([sys.executable, "-c", _TEXTSPLIT], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ab[日][本]c"
