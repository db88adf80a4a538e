"""The placeholder language: parsing, validation, safe rendering, word counts."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n_tool.markup import (
    PLACEHOLDER_RE,
    InlineMarkup,
    MarkupError,
    Piece,
    parse_placeholders,
    render_inline,
    validate_translation,
)
from l10n_tool.words import count_words

LINK = InlineMarkup('<a href="https://example.org/care">', "</a>", "link to https://example.org/care")
BOLD = InlineMarkup("<strong>", "</strong>", "bold")
CODE = InlineMarkup("<code>l10n build</code>", None, "code `l10n build`")
MARKUP = {0: LINK, 1: BOLD, 2: CODE}


@pytest.mark.parametrize("text", ["<0>", "</0>", "<0/>", "<12>", "</12>", "<12/>"])
def test_placeholder_re_matches_the_three_forms(text):
    assert PLACEHOLDER_RE.fullmatch(text)


@pytest.mark.parametrize("text", ["<01>", "</0/>", "< 0>", "<0 />", "<a>", "<-1>", "<>"])
def test_placeholder_re_rejects_near_misses(text):
    assert not PLACEHOLDER_RE.fullmatch(text)


def test_parse_placeholders_splits_text_and_markup():
    assert parse_placeholders("Read <0>the <1>whole</1> leaflet</0><2/>!") == [
        Piece("text", "Read "),
        Piece("open", 0),
        Piece("text", "the "),
        Piece("open", 1),
        Piece("text", "whole"),
        Piece("close", 1),
        Piece("text", " leaflet"),
        Piece("close", 0),
        Piece("void", 2),
        Piece("text", "!"),
    ]


def test_parse_placeholders_leaves_other_angle_brackets_as_text():
    assert parse_placeholders("a < b and I <3 tea <b>bold</b>") == [Piece("text", "a < b and I <3 tea <b>bold</b>")]


@pytest.mark.parametrize(
    "text",
    ["<0>never closed", "closed </0> early", "<0><1>crossed</0></1>", "<0>x</1>", "a < 0> b", "<0 >x</0>", "<1 />"],
)
def test_parse_placeholders_rejects_unbalanced_or_malformed(text):
    with pytest.raises(MarkupError):
        parse_placeholders(text)


def test_markup_error_is_a_value_error():
    assert issubclass(MarkupError, ValueError)


SOURCE = "Read <0>our <1>short</1> guide</0> and run <2/>."


@pytest.mark.parametrize(
    "translation",
    [
        SOURCE,
        "Lees <0>onze <1>korte</1> gids</0> en voer <2/> uit.",
        "Voer <2/> uit, lees dan <0>de <1>korte</1> gids</0>.",
    ],
)
def test_validate_translation_accepts_moved_placeholders(translation):
    assert validate_translation(SOURCE, translation) == []


@pytest.mark.parametrize(
    "translation, fragment",
    [
        ("Lees <0>onze gids</0> en voer <2/> uit.", "missing placeholder <1>…</1>"),
        ("Lees <0>onze <1>korte</1> gids</0>.", "missing placeholder <2/>"),
        ("Lees <0>onze <1>korte</1> gids</0> <2/> <3/>.", "unknown placeholder <3/>"),
        ("Lees <0>onze <1>korte</1> gids</0> <2/> <2/>.", "placeholder <2/> used 2 times"),
        ("<0>a</0> <0>b</0> <1>c</1> <2/>", "placeholder <0>…</0> used 2 times"),
        ("Lees <0/> <1>korte</1> <2/>.", "placeholder <0/> should be <0>…</0>"),
        ("Lees <0>onze gids</0> <1>kort</1> <2/>.", "placeholder <1>…</1> must be inside <0>"),
        ("<2>x</2> <0>a <1>b</1></0>", "placeholder <2>…</2> should be <2/>"),
        ("Lees <0>onze <1>gids</0></1> <2/>.", "</0> found where </1> was expected"),
        ("Lees <0>onze <1>gids</1> <2/>.", "<0> is never closed"),
    ],
)
def test_validate_translation_names_each_problem(translation, fragment):
    problems = validate_translation(SOURCE, translation)
    assert any(fragment in problem for problem in problems), problems


def test_validate_translation_requires_same_outer_placement():
    problems = validate_translation("<0>a</0> <1>b</1>", "<0>a <1>b</1></0>")
    assert problems == ["placeholder <1>…</1> must be outside any placeholder"]


def test_validate_translation_plain_text_with_tags_is_fine():
    assert validate_translation("Closed today", "<b>Vandaag</b> gesloten") == []


def test_validate_translation_source_without_valid_placeholders_is_plain_text():
    assert validate_translation("Press <0> to stop", "Druk op <0> om te stoppen") == []


def test_render_inline_maps_placeholders_and_escapes_text():
    html = render_inline('Voer <2/> uit & lees <0>"de" <1>gids</1></0> <b>nu</b>', MARKUP)
    assert html == (
        'Voer <code>l10n build</code> uit &amp; lees <a href="https://example.org/care">'
        "&quot;de&quot; <strong>gids</strong></a> &lt;b&gt;nu&lt;/b&gt;"
    )


@pytest.mark.parametrize(
    "translation",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "javascript:alert(1)"],
)
def test_render_inline_never_emits_foreign_markup(translation):
    html = render_inline(f"<0>{translation}</0>", MARKUP)
    assert _start_tags(html) == ["a"]
    assert "<script" not in html and "<img" not in html and "<svg" not in html


@pytest.mark.parametrize("translation", ["<7>x</7>", "<2>x</2>", "<0/>", "<0>open", "< 1>"])
def test_render_inline_rejects_invalid_placeholders(translation):
    with pytest.raises(MarkupError):
        render_inline(translation, MARKUP)


@pytest.mark.parametrize(
    "text, words",
    [
        ("", 0),
        ("Rest the ankle", 3),
        ("Read <0>our guide</0> first<1/>", 4),
        ("un<0>believ</0>able", 1),
        ("one<0/>two", 2),
        ("Written by %(author)s", 2),
        ("%d min read", 2),
        ("Hello {name}, you have {0} messages", 4),
        ("100% sure", 1),
        ("42 3.14 — !!!", 0),
        ("Walk-in until noon, don't wait.", 5),
        ("v2 release", 2),
        ("日本語の文章", 6),
    ],
)
def test_count_words(text, words):
    assert count_words(text) == words


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)


def _start_tags(html: str) -> list[str]:
    collector = _TagCollector()
    collector.feed(html)
    collector.close()
    return collector.tags


_TRICKY = st.text(alphabet=st.sampled_from(list("<>/0123 ab=\"'&;x")), max_size=40)


@given(_TRICKY)
def test_render_inline_output_only_has_the_source_markup(translation):
    try:
        html = render_inline(translation, MARKUP)
    except MarkupError:
        return
    allowed = {"a", "strong", "code"}
    assert set(_start_tags(html)) <= allowed


@given(_TRICKY)
def test_valid_translations_render(translation):
    source = "<0>a <1>b</1></0> <2/>"
    if validate_translation(source, translation) == []:
        html = render_inline(translation, MARKUP)
        assert _start_tags(html).count("a") == 1
        assert _start_tags(html).count("strong") == 1
