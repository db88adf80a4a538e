"""Markdown articles: golden extraction cases, front matter errors, translated rendering."""

from __future__ import annotations

import json
import os
import pickle
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n_tool.errors import SourceError
from l10n_tool.build.markdown import prepare_render, render_article
from l10n_tool.extract.markdown import Document, markdown_parser, parse_article
from l10n_tool.markup import validate_translation
from l10n_tool.model import Segment

DATA = Path(__file__).parent / "data" / "markdown"
CASES = sorted(DATA.glob("*.md"))
KEYS = ["title", "description", "image_alt"]
REGENERATE = os.environ.get("L10N_REGENERATE_GOLDEN") == "1"


def parse(path: Path, keys=KEYS) -> Document:
    return parse_article(path, rel_path=f"posts/{path.name}", slug=f"posts/{path.stem}", front_matter_keys=keys)


def write_article(tmp_path: Path, text: str, name: str = "post.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def identity(segment: Segment):
    return segment.msgid, None


# ------------------------------------------------------------------ extraction


def test_there_are_golden_cases():
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_extraction_matches_golden(case):
    article = parse(case)
    found = [{"msgid": s.msgid, "line": s.origin.line, "comments": list(s.comments)} for s in article.segments]
    expect_path = case.with_suffix(".expect.json")
    if REGENERATE:
        lines = ",\n".join("  " + json.dumps(entry, ensure_ascii=False) for entry in found)
        expect_path.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    assert found == json.loads(expect_path.read_text(encoding="utf-8"))
    assert all(s.origin.path == f"posts/{case.name}" for s in article.segments)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_msgids_hold_no_markdown_or_html_syntax(case):
    for segment in parse(case).segments:
        assert not re.search(r"\*\*|`|\]\(|<(?!/?\d+/?>)[a-z!/]", segment.msgid), segment.msgid
        assert segment.msgid == segment.msgid.strip() and "  " not in segment.msgid and "\n" not in segment.msgid


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_msgid_is_valid_placeholder_text(case):
    for segment in parse(case).segments:
        assert validate_translation(segment.msgid, segment.msgid) == []


def test_page_and_front_matter():
    article = parse(DATA / "front_matter.md")
    page = article.page
    assert (page.slug, page.path) == ("posts/front_matter", "posts/front_matter.md")
    assert page.meta["author"] == "Dana Quill"
    assert page.meta["reading_time"] == 4
    assert page.meta["tags"] == ["sleep", "recovery"]
    assert list(article.front_matter) == ["title", "description", "image_alt"]
    assert article.front_matter["description"].origin.line == 6
    assert article.segments[: len(article.front_matter)] == tuple(article.front_matter.values())


def test_front_matter_keys_are_optional_and_selected(tmp_path):
    path = write_article(tmp_path, "---\ntitle: Only a title\nsummary: Not selected\n---\nBody text here.\n")
    article = parse(path)
    assert list(article.front_matter) == ["title"]
    assert [s.msgid for s in article.segments] == ["Only a title", "Body text here."]


def test_file_without_front_matter(tmp_path):
    article = parse(write_article(tmp_path, "Just a paragraph.\n"))
    assert article.page.meta == {} and article.front_matter == {}


def test_identical_blocks_stay_separate_segments(tmp_path):
    article = parse(write_article(tmp_path, "Drink water.\n\n- Drink water.\n"))
    assert [(s.msgid, s.origin.line) for s in article.segments] == [("Drink water.", 1), ("Drink water.", 3)]


def test_text_that_looks_like_a_placeholder_is_protected(tmp_path):
    article = parse(write_article(tmp_path, "Type \\<0> to go back.\n"))
    (segment,) = article.segments
    assert segment.msgid == "Type <0/> to go back."
    assert "<0/>: the text <0>" in segment.comments
    html = render_article(article, lambda s: ("Typ <0/> om terug te gaan.", None), source_locale="en").html
    assert html == "<p>Typ &lt;0&gt; om terug te gaan.</p>\n"


def test_crlf_and_bom_keep_line_numbers(tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes("\ufeff---\r\ntitle: Windows file\r\n---\r\n\r\nA paragraph.\r\n".encode())
    article = parse(path)
    assert [(s.msgid, s.origin.line) for s in article.segments] == [("Windows file", 2), ("A paragraph.", 5)]


# --------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("---\ntitle: fine\ndescription: [unclosed\n---\nBody.\n", 3, "bad front matter"),
        ("---\ntitle: fine\n  bad: indent\n---\nBody.\n", 3, "bad front matter"),
        ("---\n- a\n- b\n---\nBody.\n", 2, "must be a mapping"),
        ("---\njust a string\n---\nBody.\n", 2, "must be a mapping"),
        ("---\nauthor: Someone\ntitle: 2024\n---\nBody.\n", 3, "'title' must be a string"),
        ("---\ntitle:\n  - a\n  - b\n---\nBody.\n", 2, "'title' must be a string, not a list"),
        ("---\ntitle: One\nauthor: X\ntitle: Two\n---\nBody.\n", 4, "'title' appears twice"),
    ],
)
def test_bad_front_matter_reports_its_line(tmp_path, text, line, fragment):
    with pytest.raises(SourceError) as info:
        parse(write_article(tmp_path, text))
    error = info.value
    assert (error.path, error.line) == ("posts/post.md", line)
    assert fragment in error.message
    assert str(error).startswith(f"posts/post.md:{line}")


def test_unclosed_front_matter_is_an_error(tmp_path):
    with pytest.raises(SourceError) as info:
        parse(write_article(tmp_path, "---\ntitle: Never closed\n\nBody text.\n"))
    assert info.value.line == 1 and "never closed" in info.value.message


def test_leading_rule_is_not_front_matter(tmp_path):
    article = parse(write_article(tmp_path, "---\n\nA paragraph after a rule.\n"))
    assert [s.msgid for s in article.segments] == ["A paragraph after a rule."]


def test_untranslated_keys_may_have_any_type(tmp_path):
    article = parse(write_article(tmp_path, "---\ntitle: Fine\ndate: 2024-01-02\nrating: [1, 2]\n---\nBody.\n"))
    assert list(article.front_matter) == ["title"]


def test_invalid_utf8_reports_its_line(tmp_path):
    path = tmp_path / "post.md"
    path.write_bytes(b"Line one.\n\nLine \xff three.\n")
    with pytest.raises(SourceError) as info:
        parse(path)
    assert (info.value.line, info.value.message) == (3, "not valid UTF-8")


def test_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError) as info:
        parse(tmp_path / "gone.md")
    assert info.value.path == "posts/gone.md"


# ------------------------------------------------------------------ rendering


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_identity_translation_renders_like_markdown_it(case):
    rendered = render_article(parse(case), identity, source_locale="en")
    assert rendered.html == markdown_parser().render(case.read_text(encoding="utf-8"))
    assert rendered.problems == [] and rendered.fallback_blocks == 0


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_placeholders_map_back_to_the_same_html(case):
    """Rendering each msgid through its placeholders gives the source HTML (up to whitespace)."""

    def through_placeholders(segment):
        return segment.msgid + " ", None

    rendered = render_article(parse(case), through_placeholders, source_locale="en")
    expected = markdown_parser().render(case.read_text(encoding="utf-8"))
    assert re.sub(r"\s+", "", rendered.html) == re.sub(r"\s+", "", expected)
    assert rendered.problems == []


def test_reordered_placeholders_render_correctly(tmp_path):
    path = write_article(tmp_path, "Read [the leaflet](leaflet.pdf) and run `l10n build` **today**.\n")
    article = parse(path)
    (segment,) = article.segments
    assert segment.msgid == "Read <0>the leaflet</0> and run <1/> <2>today</2>."
    rendered = render_article(
        article, lambda s: ("<2>Vandaag</2> <1/> uitvoeren en <0>de folder</0> lezen.", None), source_locale="en"
    )
    assert rendered.html == (
        "<p><strong>Vandaag</strong> <code>l10n build</code> uitvoeren en "
        '<a href="leaflet.pdf">de folder</a> lezen.</p>\n'
    )
    assert rendered.problems == [] and rendered.fallback_blocks == 0


class _Elements(HTMLParser):
    """Element names with attribute names, and values of the attributes translations may not touch."""

    def __init__(self):
        super().__init__()
        self.elements: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        kept = tuple(sorted((name, value if name not in ("alt", "title") else "") for name, value in attrs if name != "lang"))
        self.elements[(tag, kept)] += 1

    handle_startendtag = handle_starttag


def elements(html: str) -> Counter:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "<a href=\"javascript:alert(1)\">klik</a>",
    "</p><iframe src=//evil.example></iframe>",
]


@pytest.mark.parametrize("attack", ATTACKS)
@pytest.mark.parametrize("case", ["inline", "images", "lists", "table", "html_inline"])
def test_hostile_translations_add_no_element(case, attack):
    path = DATA / f"{case}.md"

    def hostile(segment):
        # keep the placeholders valid so the hostile text is really rendered
        placeholders = "".join(re.findall(r"</?\d+/?>", segment.msgid))
        return f"{attack} {placeholders} {attack}", None

    rendered = render_article(parse(path), hostile, source_locale="en")
    assert elements(rendered.html) == elements(markdown_parser().render(path.read_text(encoding="utf-8")))
    assert rendered.problems == []
    assert "<script" not in rendered.html and "<iframe" not in rendered.html and "<img src=x" not in rendered.html


def test_hostile_text_shows_as_text(tmp_path):
    article = parse(write_article(tmp_path, 'A [link](a.html "Link title") here.\n\n![Alt text](a.png)\n'))

    def translate(segment):
        if "<0>" in segment.msgid:
            return '<script>alert(1)</script> "x" <0>y</0>', None
        return '"><img src=x onerror=alert(1)>', None

    html = render_article(article, translate, source_locale="en").html
    escaped = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert html == (
        f'<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; <a href="a.html" title="{escaped}">y</a></p>\n'
        f'<p><img src="a.png" alt="{escaped}" /></p>\n'
    )


@pytest.mark.parametrize(
    "translation",
    ["Lees de folder.", "Lees <0>de folder</0> <1/> <2/>.", "Lees <0>de folder.", "Lees <0/>.", "Lees < 0>folder</0>."],
)
def test_invalid_translation_falls_back_with_lang(tmp_path, translation):
    article = parse(write_article(tmp_path, "## Read [the leaflet](leaflet.pdf) <br>\n\nSecond block.\n"))
    rendered = render_article(article, lambda s: (translation, None) if "<0>" in s.msgid else ("Tweede blok.", None),
                              source_locale="en")
    assert rendered.html == '<h2 lang="en">Read <a href="leaflet.pdf">the leaflet</a> <br></h2>\n<p>Tweede blok.</p>\n'
    ((segment, problem),) = rendered.problems
    assert segment.msgid == "Read <0>the leaflet</0> <1/>"
    assert "the source text is used instead" in problem
    assert (rendered.fallback_blocks, rendered.total_blocks) == (1, 2)
    assert (rendered.fallback_words, rendered.total_words) == (3, 5)


LANG_SOURCE = """# Title here

Para with ![a picture of a cat](cat.png) inside.

- tight item
- item with child
  - child item

| Head | Other |
|------|-------|
| cell | more |

> quoted words

![standalone picture](dog.png)
"""


def test_fallback_blocks_carry_lang_on_their_element(tmp_path):
    article = parse(write_article(tmp_path, LANG_SOURCE))
    rendered = render_article(article, lambda s: (s.msgid, "en"), source_locale="en")
    html = rendered.html
    for fragment in [
        '<h1 lang="en">Title here</h1>',
        '<p lang="en">Para with <img src="cat.png" alt="a picture of a cat" /> inside.</p>',
        '<li lang="en">tight item</li>',
        '<li><span lang="en">item with child</span>',
        '<li lang="en">child item</li>',
        '<th lang="en">Head</th>',
        '<td lang="en">more</td>',
        '<blockquote>\n<p lang="en">quoted words</p>',
        '<p><img src="dog.png" alt="standalone picture" lang="en" /></p>',
    ]:
        assert fragment in html
    assert rendered.fallback_blocks == rendered.total_blocks == 12


def test_empty_translation_falls_back_to_source(tmp_path):
    article = parse(write_article(tmp_path, "Some text.\n"))
    rendered = render_article(article, lambda s: ("  ", None), source_locale="en")
    assert rendered.html == '<p lang="en">Some text.</p>\n'
    assert (rendered.fallback_blocks, rendered.total_blocks) == (1, 1)


def test_fallback_locale_from_a_chain_is_named(tmp_path):
    article = parse(write_article(tmp_path, "# Title here\n\nTranslated text.\n"))
    rendered = render_article(
        article, lambda s: ("Titel hier", "nl") if s.msgid == "Title here" else ("Vertaald.", None), source_locale="en"
    )
    assert rendered.html == '<h1 lang="nl">Titel hier</h1>\n<p>Vertaald.</p>\n'


def test_translated_alt_inside_fallback_block_gets_page_locale(tmp_path):
    article = parse(write_article(tmp_path, "Para with ![a picture of a cat](cat.png) inside.\n"))

    def translate(segment):
        return ("een foto van een kat", None) if segment.msgid.startswith("a picture") else (segment.msgid, "en")

    html = render_article(article, translate, source_locale="en", locale="nl").html
    assert html == '<p lang="en">Para with <img src="cat.png" alt="een foto van een kat" lang="nl" /> inside.</p>\n'


def test_check_mark_items_keep_their_box(tmp_path):
    article = parse(write_article(tmp_path, "- [x] Book a visit\n- [ ] Bring the **card**\n"))
    rendered = render_article(
        article,
        lambda s: ({"Book a visit": "Afspraak maken"}.get(s.msgid, "Neem de <0>pas</0> mee"), None),
        source_locale="en",
    )
    assert rendered.html == (
        '<ul class="contains-task-list">\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" checked="checked" disabled="disabled"'
        ' type="checkbox"> Afspraak maken</li>\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'
        " Neem de <strong>pas</strong> mee</li>\n"
        "</ul>\n"
    )


def test_rendering_does_not_change_the_article_and_is_deterministic():
    article = parse(DATA / "inline.md")
    first = render_article(article, lambda s: (s.msgid.upper(), None), source_locale="en").html
    render_article(article, lambda s: ("X", "en"), source_locale="en")
    again = render_article(article, lambda s: (s.msgid.upper(), None), source_locale="en").html
    assert first == again
    assert render_article(article, identity, source_locale="en").html == markdown_parser().render(
        (DATA / "inline.md").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_one_prepared_article_renders_every_language_as_a_fresh_one(case):
    """The HTML around the blocks is rendered once (prepare_render) and reused per language."""
    article = parse(case)
    prepared = prepare_render(article)
    translations = [identity, lambda s: (s.msgid.upper(), None), lambda s: (s.msgid, "en"),
                    lambda s: ("X <0>y</0>", None), lambda s: (s.msgid[::-1], "de")]
    for translate in translations * 2:
        fresh = render_article(article, translate, source_locale="en", locale="nl")
        again = render_article(prepared, translate, source_locale="en", locale="nl")
        assert (again.html, again.problems, again.fallback_words) == (fresh.html, fresh.problems, fresh.fallback_words)


def test_source_text_cannot_pose_as_a_block_slot(tmp_path):
    """NUL and look-alike markers in an article stay text; every block still lands in its place."""
    text = 'A \x00B0\x00 word.\n\n<p lang="\x00L0\x00">raw</p>\n\nSecond block.\n'
    article = parse(write_article(tmp_path, text))
    html = render_article(article, lambda s: (f"[{s.msgid}]", "de"), source_locale="en").html
    assert "\x00" not in html
    assert html.count("[") == 3 and '<p lang="de">[Second block.]</p>' in html
    assert '<p lang="\ufffdL0\ufffd"><span lang="de">[raw]</span></p>' in html  # raw HTML text is a block too


def test_article_pickles_for_parallel_builds():
    article = parse(DATA / "images.md")
    copy = pickle.loads(pickle.dumps(article))
    assert render_article(copy, identity, source_locale="en").html == render_article(
        article, identity, source_locale="en"
    ).html


# ------------------------------------------------------------ property checks

_PIECES = st.sampled_from(
    ["word", "two words", "**", "*", "_", "`", "~~", "[", "](u.html)", '](u.html "Tip text")', "![", "](p.png)",
     "<b>", "</b>", "<br>", "<0>", "</1>", "<2/>", "&amp;", "\\", "\n", "\n\n", "  \n", "- ", "1. ", "> ", "# ",
     "| a | b |\n|---|---|\n| c | d |\n", "- [x] ", "```\ncode\n```\n", " ", "!", "42"]
)


@settings(max_examples=int(os.environ.get("L10N_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=25))
def test_any_markdown_round_trips(tmp_path, pieces):
    text = "".join(pieces) + "\n"
    path = write_article(tmp_path, text)
    article = parse(path, keys=[])
    for segment in article.segments:
        assert validate_translation(segment.msgid, segment.msgid) == []
    expected = markdown_parser().render(text)
    assert render_article(article, identity, source_locale="en").html == expected
    through = render_article(article, lambda s: (s.msgid + " ", None), source_locale="en")
    assert through.problems == []
    assert re.sub(r"\s+", "", through.html) == re.sub(r"\s+", "", expected)
