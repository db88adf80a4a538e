"""A translation wherever a template puts it (element text, attributes, <title>, <meta content>,
JSON-LD, <textarea>, SVG, comments): the page stays valid HTML, read back with an HTML5 parser
(lexbor), and a fallback is marked with lang or reported by the build. And HTML in a
{% trans %} block: the msgid's markup is kept, a translation may only repeat it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser

from l10n_tool import po
from l10n_tool.build import build_site
from l10n_tool.build.contexts import OPEN, SEPARATOR, CLOSE, finish
from l10n_tool.build.templates import LocalizedText, make_environment
from l10n_tool.cli import main
from l10n_tool.config import Project
from l10n_tool.translations import Translations

DATA = Path(__file__).parent / "data" / "contexts"
POST = "posts/ferry/index.html"
TERMS = '&#169; Riverside <a href="https://example.org/terms">Terms of use</a>'
SENTINELS = [chr(code) for code in range(0xFDD0, 0xFDD7)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the contexts test site (UI mostly untranslated in nl)."""
    root = tmp_path / "contexts"
    shutil.copytree(DATA, root)
    return root


def build(root: Path):
    result = build_site(Project.load(root))
    return result, root / "site"


def parse(path: Path) -> tuple[str, LexborHTMLParser]:
    text = path.read_text(encoding="utf-8")
    return text, LexborHTMLParser(text)


def set_msgstr(root: Path, msgid: str, msgstr: str, domain: str = "ui") -> None:
    path = root / f"locales/nl/LC_MESSAGES/{domain}.po"
    catalog = po.read_po(path)
    catalog.get(msgid).msgstr = msgstr
    po.write_po(catalog, path)


def tags(tree: LexborHTMLParser) -> list[str]:
    return [node.tag for node in tree.root.traverse(include_text=False)]


def texts(tree: LexborHTMLParser) -> list[str]:
    return [node.text_content for node in tree.body.traverse(include_text=True) if node.tag == "-text"]


# -- the built pages ---------------------------------------------------------------------------

def test_every_context_stays_valid_and_each_fallback_is_marked_or_reported(project):
    result, site = build(project)
    raw, page = parse(site / "nl" / POST)
    _, source = parse(site / "en" / POST)
    assert not any(char in raw for char in SENTINELS)
    # the same elements as the source page, plus the spans of fallback element text
    assert [tag for tag in tags(page) if tag != "span"] == tags(source)
    assert not any(junk in text for text in texts(page) for junk in ("<", ">", '="', "lang="))

    title = page.css_first("title")
    assert (title.text(), title.attributes.get("lang")) == ("Riverside guides", "en")
    meta = page.css_first('meta[name="description"]')
    assert meta.attributes == {"name": "description", "content": 'Guides for "new" readers & their friends',
                               "lang": "en"}
    search = page.css_first("input[type=search]")
    assert (search.attributes["placeholder"], search.attributes["aria-label"], search.attributes["lang"]) == (
        "Search guides", "Search guides", "en")
    image = page.css_first("img")
    assert (image.attributes["alt"], image.attributes["title"], image.attributes["lang"]) == (
        "A map of the town", "Town map", "en")
    note = page.css_first("textarea")
    assert (note.text(), note.attributes["placeholder"], note.attributes["lang"]) == ("Write here", "Your note", "en")
    data = json.loads(page.css_first('script[type="application/ld+json"]').text())
    assert data == {"@type": "WebSite", "name": "Riverside guides",
                    "description": 'Guides for "new" readers & their friends'}
    welcome = page.css_first(".welcome > span")
    assert (welcome.attributes, welcome.text()) == ({"lang": "en"}, "Welcome, lezer!")
    assert [span.attributes for span in page.css(".welcome span")] == [{"lang": "en"}, {"lang": "nl"}]  # the name
    more = page.css_first("a.more")
    assert more.attributes["title"] == "Read the full guide" and "lang" not in more.attributes
    assert more.css_first("span").attributes == {"lang": "en"}
    assert page.css_first("nav").attributes == {"aria-label": "Main menu"}
    assert page.css_first("nav a").text() == "Start"

    post = "content/templates/post.html: nl: "
    reported = [p for p in result.problems if p.startswith(post)]
    assert reported == [
        f"{post}<script>: 'Riverside guides' falls back to en; a <script> cannot carry lang",
        f"""{post}<script>: 'Guides for "new" readers & their friends' falls back to en; a <script> cannot carry lang""",
        f"{post}<nav aria-label>: 'Main menu' falls back to en; an attribute cannot carry lang",
        f"{post}<a title>: 'Read the full guide' falls back to en; an attribute cannot carry lang",
    ]
    index = "content/templates/index.html: nl: "
    assert f"{index}<title>: 'All guides' falls back to en; the rest of the <title> is not in en" in result.problems
    assert len(result.problems) == len(set(result.problems))  # each once, not once per page


def test_the_source_page_carries_no_marks(project):
    _, site = build(project)
    raw, page = parse(site / "en" / POST)
    assert not any(char in raw for char in SENTINELS)
    assert [node.tag for node in page.css("[lang]")] == ["html"]
    assert page.css("span") == []


def test_a_translated_page_marks_nothing(project):
    for msgid, msgstr in {"Riverside guides": "Gidsen van de rivier", "Search guides": "Zoek in de gidsen",
                          "A map of the town": "Een kaart van de stad", "Town map": "Stadskaart"}.items():
        set_msgstr(project, msgid, msgstr)
    _, site = build(project)
    _, page = parse(site / "nl" / POST)
    assert page.css_first("title").attributes == {}
    assert page.css_first("input[type=search]").attributes == {
        "type": "search", "name": "q", "placeholder": "Zoek in de gidsen", "aria-label": "Zoek in de gidsen"}
    assert "lang" not in page.css_first("img").attributes
    assert json.loads(page.css_first("script").text())["name"] == "Gidsen van de rivier"


def test_a_void_element_with_attributes_in_two_languages_is_reported(project):
    set_msgstr(project, "Town map", "Stadskaart")
    result, site = build(project)
    _, page = parse(site / "nl" / POST)
    assert "lang" not in page.css_first("img").attributes
    assert ("content/templates/post.html: nl: <img alt>: 'A map of the town' falls back to en; "
            "an attribute cannot carry lang") in result.problems


# -- HTML in {% trans %} -----------------------------------------------------------------------

def test_trans_block_html_is_kept_and_its_translation_may_repeat_it(project):
    _, site = build(project)
    raw, page = parse(site / "nl" / POST)
    link = page.css_first("footer a")
    assert (link.text(), link.attributes) == ("Gebruiksvoorwaarden", {"href": "https://example.org/terms"})
    assert page.css_first("footer p").text() == "© Riverside Gebruiksvoorwaarden"
    _, source = parse(site / "en" / POST)
    assert source.css_first("footer p").text() == "© Riverside Terms of use"
    assert source.css_first("footer a").attributes == {"href": "https://example.org/terms"}


@pytest.mark.parametrize("translation, why", [
    ('&#169; Riverside <a href="https://example.org/terms">Voorwaarden</a><script>document.title="x"</script>',
     "adds <script>, the text inside <script>, </script>"),
    ('&#169; Riverside <a href="https://attacker.example/">Voorwaarden</a>',
     "changes an element's attributes or the text inside a <script> or <style>"),
    ('&#169; Riverside <a href="https://example.org/terms" onclick="steal()">Voorwaarden</a>',
     "changes an element's attributes or the text inside a <script> or <style>"),
    ("&#169; Riverside Voorwaarden", "drops <a>, </a>"),
])
def test_a_translation_that_changes_the_markup_falls_back_and_fails_the_check(project, translation, why):
    set_msgstr(project, TERMS, translation)
    result, site = build(project)
    _, page = parse(site / "nl" / POST)
    footer = page.css_first("footer p")
    assert footer.css_first("span").attributes == {"lang": "en"}
    assert footer.text() == "© Riverside Terms of use"
    assert [a.attributes for a in footer.css("a")] == [{"href": "https://example.org/terms"}]
    assert len(page.css("script")) == 1  # the template's JSON-LD only
    assert not any(name.startswith("on") for node in page.css("*") for name in node.attributes)
    assert (f"content/templates/post.html: nl: {TERMS!r}: the translation {why}; "
            "the source text is used instead") in result.problems

    checked = CliRunner().invoke(main, ["check", str(project / "locales/nl/LC_MESSAGES/ui.po")])
    assert checked.exit_code == 1
    assert f"error [html-tags] HTML tags differ from the source: the translation {why}" in checked.output


def test_text_of_a_translation_with_markup_is_escaped(project):
    set_msgstr(project, TERMS, '&#169; Riverside & co <a href="https://example.org/terms">Voorwaarden</a> <3')
    _, site = build(project)
    raw, page = parse(site / "nl" / POST)
    assert "Riverside &amp; co" in raw and "&lt;3" in raw
    assert page.css_first("footer p").text() == "© Riverside & co Voorwaarden <3"


def test_the_check_accepts_a_translation_that_repeats_the_markup(project):
    checked = CliRunner().invoke(main, ["check", str(project / "locales/nl/LC_MESSAGES/ui.po")])
    assert "html-tags" not in checked.output


# -- one template, rendered and finished -------------------------------------------------------

def render(project: Path, source: str, translated: dict[str, str] | None = None, **context) -> tuple[str, list[str]]:
    """*source* rendered for nl with *translated* as its only UI translations, then finished."""
    table = {(None, msgid): (msgstr, None, "nl") for msgid, msgstr in (translated or {}).items()}
    ui = Translations(("nl", "en"), {"nl": table}, {"nl": lambda n: int(n != 1)}, "en")
    env = make_environment(Project.load(project), ui, "nl", 2026)
    return finish(env.from_string(source).render(**context), "nl", env.l10n_notes)


def test_plain_and_lang_attr_keep_working(project):
    html, problems = render(project, '<input placeholder="{{ _("Find") |plain }}">'
                                     '<p{{ lang_attr(title) }}>{{ title }}</p><p{{ lang_attr(other) }}>{{ other }}</p>',
                            title=LocalizedText("Ferry", "en"), other=LocalizedText("Veer"))
    assert html == '<input placeholder="Find" lang="en"><p lang="en">Ferry</p><p>Veer</p>'
    assert problems == []
    html, _ = render(project, '<input placeholder="{{ _("A <b>bold</b> find")|plain }}">', {"A <b>bold</b> find": "Een <b>vette</b> vondst"})
    assert html == '<input placeholder="Een vette vondst">'


def test_markup_in_an_attribute_becomes_text(project):
    html, _ = render(project, '<img alt="{{ _("The <b>\\"best\\"</b> view") }}">',
                     {'The <b>"best"</b> view': 'Het <b>"mooiste"</b> uitzicht'})
    assert html == '<img alt="Het &#34;mooiste&#34; uitzicht">'
    assert LexborHTMLParser(html).css_first("img").attributes == {"alt": 'Het "mooiste" uitzicht'}


def test_an_unquoted_attribute_is_quoted(project):
    html, problems = render(project, "<input placeholder={{ _('Find a guide') }}>")
    assert html == '<input placeholder="Find a guide" lang="en">' and problems == []


def test_a_title_with_other_text_is_reported_and_a_whole_fallback_marked(project):
    html, problems = render(project, "<title>{{ _('Guides') }} | Riverside</title>")
    assert html == "<title>Guides | Riverside</title>"
    assert problems == ["<title>: 'Guides' falls back to en; the rest of the <title> is not in en"]
    html, problems = render(project, "<title>{{ _('Guides') }} | 2026</title>")
    assert (html, problems) == ('<title lang="en">Guides | 2026</title>', [])


def test_svg_and_comments_get_text(project):
    html, problems = render(project, "<svg><title>{{ _('Map') }}</title><text>{{ _('North') }}</text></svg>"
                                     "<!-- {{ _('Note -->') }} --><p>{{ _('Hi') }}</p>")
    assert html == "<svg><title>Map</title><text>North</text></svg><!-- Note --&gt; --><p><span lang=\"en\">Hi</span></p>"
    assert problems == [f"<svg> or <math> text: {text!r} falls back to en; SVG and MathML text is not marked"
                        for text in ("Map", "North")]
    assert [n.tag for n in LexborHTMLParser(html).body.traverse(include_text=False)] == [
        "body", "svg", "title", "text", "-comment", "p", "span"]


def test_tojson_gives_the_text_of_a_translation(project):
    html, problems = render(project, "<script>var labels = {{ {'next': _('Next & last'), 'back': _('Back')}|tojson }};</script>",
                            {"Back": "Terug"})
    assert html == '<script>var labels = {"back": "Terug", "next": "Next \\u0026 last"};</script>'
    assert problems == ["<script>: 'Next & last' falls back to en; a <script> cannot carry lang"]


def test_marks_from_catalogs_or_articles_are_dropped(project):
    forged = f"{OPEN}de{SEPARATOR}x{CLOSE}"
    html, problems = render(project, "<p>{{ _('Search') }} {{ text }}</p><p title='{{ stray }}'>{{ _('Go') }}</p>",
                            {"Search": f"Zoe{CLOSE}ken{OPEN}", "Go": f"Ga{SEPARATOR}"},
                            text=f"<b>{forged}</b>", stray=f"a{CLOSE}b{OPEN}")
    assert html == '<p>Zoeken &lt;b&gt;<span lang="de">x</span>&lt;/b&gt;</p><p title=\'ab\'>Ga</p>'
    assert problems == []
