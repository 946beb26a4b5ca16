"""Inline markup: `*` and `_` emphasise where CommonMark's delimiter runs would (and never
inside a word, so arithmetic and names print as written), and straight quotes become the
typographic quote their place asks for."""

from __future__ import annotations

import pytest

from studypack.media.text import inline, paragraphs, plain, typographic

LITERAL = [
    "2*3 = 6, a*b*c",
    "2*3",
    "a*b*c",
    "x_1",
    "x_1 + x_2",
    "snake_case and more_snake_case",
    "5 * 3",
    "5 * 3 * 2",
    "2**3 = 8",
    "x**2 + y**2",
    "a*(b+c)*d",
    "5*(3+2)",
    "un*matched",
    "*",
    "**",
    "* a list-like line",
    "trailing star*",
    "file_name_here.txt",
    "Name ________ Class ______",
    "Write (____) here (____)",
    "**bold**text",
]


@pytest.mark.parametrize("text", LITERAL)
def test_markers_inside_words_between_spaces_or_alone_stay_literal(text):
    assert inline(text) == text
    assert plain(text) == text


EMPHASIS = [
    ("*word*", "<i>word</i>"),
    ("**bold**", "<strong>bold</strong>"),
    ("_word_", "<i>word</i>"),
    ("__bold__", "<strong>bold</strong>"),
    ("**one**", "<strong>one</strong>"),
    ("***never***", "<i><strong>never</strong></i>"),
    ("*two words*", "<i>two words</i>"),
    # at the start and the end of the line
    ("*Start* of a line", "<i>Start</i> of a line"),
    ("end of a *line*", "end of a <i>line</i>"),
    ("**All of it**", "<strong>All of it</strong>"),
    # next to punctuation
    ("*word*.", "<i>word</i>."),
    ("*word*, then", "<i>word</i>, then"),
    ("(*word*)", "(<i>word</i>)"),
    ("[**note**]", "[<strong>note</strong>]"),
    ("**Note:** read it", "<strong>Note:</strong> read it"),
    ("*really?*", "<i>really?</i>"),
    ("*Stalin's* words", "<i>Stalin\u2019s</i> words"),
    ("_word_.", "<i>word</i>."),
    ("—*aside*—", "—<i>aside</i>—"),
    # next to quotes
    ('"*quoted*"', "\u201c<i>quoted</i>\u201d"),
    ('*"quoted"*', "<i>\u201cquoted\u201d</i>"),
    ("'*single*'", "\u2018<i>single</i>\u2019"),
    # nested bold and italics
    ("*a **b** c*", "<i>a <strong>b</strong> c</i>"),
    ("**a *b* c**", "<strong>a <i>b</i> c</strong>"),
    ("***a* b**", "<strong><i>a</i> b</strong>"),
    ("***a** b*", "<i><strong>a</strong> b</i>"),
    ("_a **b** c_", "<i>a <strong>b</strong> c</i>"),
    # an underscore inside the emphasised words
    ("_a_b_", "<i>a_b</i>"),
    ("*snake_case*", "<i>snake_case</i>"),
    ("*2*3*", "<i>2*3</i>"),
    # two in one line, and a marker with no partner beside a pair
    ("*one* and *two*", "<i>one</i> and <i>two</i>"),
    ("*one* 5 * 3", "<i>one</i> 5 * 3"),
    ("a*b is *six*", "a*b is <i>six</i>"),
    ("**bold *", "**bold *"),
]


@pytest.mark.parametrize(("text", "markup"), EMPHASIS)
def test_emphasis_where_commonmark_would(text, markup):
    assert inline(text) == markup


def test_tags_always_nest():
    for text, _ in EMPHASIS:
        stack = []
        markup = inline(text)
        for i, ch in enumerate(markup):
            if ch == "<":
                tag = markup[i + 1:markup.index(">", i)]
                if tag.startswith("/"):
                    assert stack.pop() == tag[1:], text
                else:
                    stack.append(tag)
        assert not stack, text


@pytest.mark.parametrize(("text", "markup"), [
    (r"\*not italic\*", "*not italic*"),
    (r"5 \* 3", "5 * 3"),
    (r"\_x\_", "_x_"),
    (r"\\", "\\"),
    (r"\**bold**", "*<i>bold</i>*"),  # one star left to open: italics, as in CommonMark
    (r"\a", "\\a"),
])
def test_a_backslash_makes_a_marker_literal(text, markup):
    assert inline(text) == markup


def test_everything_else_is_escaped():
    assert inline("a < b & *c* > d") == "a &lt; b &amp; <i>c</i> &gt; d"
    assert inline("<b>not markup</b>") == "&lt;b&gt;not markup&lt;/b&gt;"


def test_plain_drops_the_markup_it_pairs_and_keeps_the_rest():
    assert plain("*Darkness* at **Noon**, 2*3") == "Darkness at Noon, 2*3"
    assert plain("x_1 and _this_") == "x_1 and this"


QUOTES = [
    ('name="x"', "name=\u201cx\u201d"),
    ('="x"', "=\u201cx\u201d"),
    ('("x")', "(\u201cx\u201d)"),
    ('["x"]', "[\u201cx\u201d]"),
    ("('x')", "(\u2018x\u2019)"),
    ('—"x"', "—\u201cx\u201d"),
    ('–"x"', "–\u201cx\u201d"),
    ('he said "x"', "he said \u201cx\u201d"),
    ('"x"', "\u201cx\u201d"),
    ('"Start" of it', "\u201cStart\u201d of it"),
    ('the end"', "the end\u201d"),
    ("'90s", "\u201990s"),
    ("the '90s and '30s", "the \u201990s and \u201930s"),
    ("rock 'n' roll", "rock \u2019n\u2019 roll"),
    ("don't", "don\u2019t"),
    ("the soldiers' letters", "the soldiers\u2019 letters"),
    ("\"she said 'no'\"", "\u201cshe said \u2018no\u2019\u201d"),
    ("\"'hello' she said\"", "\u201c\u2018hello\u2019 she said\u201d"),
    ("'\"x\" he wrote'", "\u2018\u201cx\u201d he wrote\u2019"),
    ('x = "y"', "x = \u201cy\u201d"),
]


@pytest.mark.parametrize(("text", "printed"), QUOTES)
def test_quotes_open_or_close_by_what_comes_before(text, printed):
    assert typographic(text) == printed


def test_a_source_keeps_its_own_quotes():
    """A source's text is set with quotes=False: its straight quotes are its own."""
    assert typographic('name="x" rock \'n\' roll', quotes=False) == 'name="x" rock \'n\' roll'
    assert paragraphs('He wrote "no" and *meant* it', quotes=False) == ['He wrote "no" and <i>meant</i> it']


def test_quotes_and_emphasis_together():
    assert inline('*"Never"*, he said') == "<i>\u201cNever\u201d</i>, he said"
    assert inline("__'x'__") == "<strong>\u2018x\u2019</strong>"


def test_random_marker_soup_always_nests_and_keeps_every_letter():
    """Markers anywhere, in any number: the tags nest, and only markers ever go."""
    import random

    rng = random.Random(7)
    for _ in range(3000):
        value = "".join(rng.choice("**__ ab.(x)2\"'") for _ in range(rng.randint(1, 24)))
        markup = inline(value)
        stack = []
        for piece in markup.split("<")[1:]:
            tag = piece[:piece.index(">")]
            if tag.startswith("/"):
                assert stack and stack.pop() == tag[1:], (value, markup)
            else:
                stack.append(tag)
        assert not stack, (value, markup)
        letters = [ch for ch in plain(value) if ch.isalnum()]
        assert letters == [ch for ch in value if ch.isalnum()], (value, markup)
