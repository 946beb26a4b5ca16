"""Layout templates print only documented values (text, numbers, lists of those): nothing a
template writes can reach a Python object, whose printed form (an address) would differ from
build to build, and nesting is bounded before Jinja2's recursive parser sees it."""

from __future__ import annotations

import pytest

from studypack.media import text
from studypack.settings.layout import BAND_VARIABLES as SAMPLE_VARIABLES


def render(source: str) -> str:
    return text.render_template(text.compile_template(source), SAMPLE_VARIABLES)


@pytest.mark.parametrize("source", [
    "{{ pack.items }}", "{{ pack.get }}", "{{ pack.keys }}", "{{ pack.title.upper }}", "{{ pack.title.format }}",
    "{{ page.real }}", "{{ page.bit_length }}", "{{ pack }}", "{{ student }}", "{{ (1, pack) }}",
    "{{ pack['items'] }}", "{{ pack.title['upper'] }}", "{{ [pack] }}", "{{ pack.title.__class__ }}",
    "{% if pack.get %}x{% endif %}{{ pack.get }}",
])
def test_objects_and_methods_are_errors(source):
    with pytest.raises(text.TemplateProblem):
        render(source)


@pytest.mark.parametrize("source, printed", [
    ("{{ pack.title }}", SAMPLE_VARIABLES["pack"]["title"]),
    ("{{ pack.title|upper }}", SAMPLE_VARIABLES["pack"]["title"].upper()),
    ("{{ pack['title'][:3] }}", SAMPLE_VARIABLES["pack"]["title"][:3]),
    ("{{ page }} of {{ pages }}", f"{SAMPLE_VARIABLES['page']} of {SAMPLE_VARIABLES['pages']}"),
    ("{{ ((((page)))) }}", str(SAMPLE_VARIABLES["page"])),
])
def test_documented_values_print(source, printed):
    assert render(source) == printed


@pytest.mark.parametrize("opening, closing", [("(", ")"), ("[", "]"), ("{", "}")])
def test_deep_nesting_is_refused_before_parsing(opening, closing):
    source = "{{ " + opening * 150 + ("1" if opening == "(" else "") + closing * 150 + " }}"
    assert len(source) <= text.MAX_TEMPLATE
    with pytest.raises(text.TemplateProblem, match="nested more than 16 deep"):
        text.compile_template(source)


@pytest.mark.parametrize("title, shown", [("Maths 5*3 = 15", "Maths 5*3 = 15"), ("*Pravda* on **trial**", "Pravda on trial"),
                                          ("A \\* star", "A * star"), ("Rock & <roll>", "Rock & <roll>")])
def test_header_values_keep_a_lone_star(title, shown):
    """`plain` is what headers print: the markers the body would pair up go, nothing else."""
    assert text.plain(title) == shown


def test_a_lone_star_prints_in_the_header(tmp_path):
    from conftest import pdf_text
    from studypack.app.build import build
    from test_robust import small_pack, write_pack

    pack = write_pack(tmp_path / "maths", small_pack(title="Maths 5*3 = 15"))
    build(pack, None, tmp_path / "out")
    assert "Maths 5*3 = 15" in pdf_text(tmp_path / "out" / "maths" / "s1.pdf")
