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


# ------------------------------------------------------------------ every page a build can reach

@pytest.mark.parametrize("footer, message", [
    ("{{ 100 // (page - 2) }}% done", "on page 2 of a 2-page document"),
    ("{{ 1 // (pages - 37) }}", "on page 1 of a 37-page document"),
    ("{{ 10 // (pages - page) }}", "on page 1 of a 1-page document"),
    ("{% if page > 999 %}{{ 1 // 0 }}{% endif %}", "on page 1000 of a 1000-page document"),
])
def test_a_footer_that_fails_on_some_page_fails_the_layout_at_its_line(tmp_path, footer, message):
    from studypack.base.errors import StudypackError
    from studypack.settings import layout as layouts

    (tmp_path / "mine.yaml").write_text(f"extends: default\nfooter:\n  right: \"{footer}\"\n", encoding="utf-8")
    with pytest.raises(StudypackError) as caught:
        layouts.load(str(tmp_path / "mine.yaml"))
    [problem] = caught.value.problems
    assert problem.location.line == 3 and f"footer.right: template error: integer division or modulo by zero {message}" \
        in problem.message


@pytest.mark.parametrize("footer", ["Page {{ page }} of {{ pages }}", "{% if page < pages %}Turn over{% endif %}",
                                    "{{ (100 * page) // pages }}% through"])
def test_a_footer_that_prints_on_every_page_passes(tmp_path, footer):
    from studypack.settings import layout as layouts

    (tmp_path / "mine.yaml").write_text(f"extends: default\nfooter:\n  right: \"{footer}\"\n", encoding="utf-8")
    assert layouts.load(str(tmp_path / "mine.yaml")).footer.right == footer


def test_only_a_template_that_computes_with_the_page_is_tried_on_many_pages():
    assert not text.computes_with("Page {{ page }} of {{ pages }}", {"page", "pages"})
    assert text.computes_with("{% if page == pages %}End{% endif %}", {"page", "pages"})
    assert text.computes_with("{{ page|string }}", {"page", "pages"})
    assert not text.computes_with("{{ pack.title|upper }}", {"page", "pages"})
