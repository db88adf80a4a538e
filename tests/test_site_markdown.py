"""Markdown as Hugo, MkDocs (Material), Jekyll and Docusaurus sites write it, read from samples of
their real trees (``tests/data/sites``): what becomes a message, what never does, and how our own
build renders it."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool.build.markdown import render_article
from l10n_tool.build.templates import as_date, make_environment
from l10n_tool.cli import main
from l10n_tool.config import FrontMatterField, Project
from l10n_tool.config import default_keys
from l10n_tool.extract.markdown import Document, parse_article
from l10n_tool.markup import validate_translation
from l10n_tool.model import Segment
from l10n_tool.translations import Translations

SITES = Path(__file__).parent / "data" / "sites"
SAMPLES = sorted(p for p in SITES.rglob("*") if p.suffix in (".md", ".markdown") and p.name != "README.md")
DATES = (("date", FrontMatterField("date")),)  # these sites' pages need no title (ours do)
REGENERATE = os.environ.get("L10N_REGENERATE_GOLDEN") == "1"
SYNTAX = re.compile(
    r"\{\{|\}\}|\{%|%\}"  # template tags
    r"|\{:?\s*[.#][A-Za-z]"  # attribute lists
    r"|\[\^|^\*\["  # footnote and abbreviation syntax
    r"|^(?:!!!|\?\?\?|===|:::)"  # admonition and tab markers
    r"|^(?:import|export) "  # MDX
)


def parse(path: Path, keys=("title", "description")) -> Document:
    rel = path.relative_to(SITES).as_posix()
    return parse_article(path, rel_path=rel, slug=rel.rsplit(".", 1)[0], front_matter_keys=list(keys),
                         schema=DATES)


def parse_text(text: str) -> Document:
    return parse_article(Path("x.md"), rel_path="x.md", slug="x", front_matter_keys=["title"], data=text.encode())


def messages(document: Document) -> dict[str, tuple[str, ...]]:
    return {segment.msgid: segment.comments for segment in document.segments}


def pseudo(segment: Segment):
    """Every word uppercased: what a translation looks like, placeholders kept."""
    return segment.msgid.upper(), None


def source(segment: Segment):
    return segment.msgid, None


def sample(name: str) -> Path:
    return next(path for path in SAMPLES if path.relative_to(SITES).as_posix() == name)


# ------------------------------------------------------------------------ every sample


def test_there_is_a_sample_of_each_generator():
    folders = {path.relative_to(SITES).parts[0] for path in SAMPLES}
    assert folders == {"hugo", "mkdocs", "mkdocs-material", "jekyll", "docusaurus-redux"}
    assert all((SITES / folder / "LICENSE").is_file() for folder in folders)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(SITES).as_posix())
def test_sample_extraction_matches_golden(path):
    found = [{"msgid": s.msgid, "line": s.origin.line, "comments": list(s.comments)} for s in parse(path).segments]
    expect = path.with_name(path.name + ".expect.json")
    if REGENERATE:
        expect.write_text("[\n" + ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in found) + "\n]\n",
                          encoding="utf-8")
    assert found == json.loads(expect.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(SITES).as_posix())
def test_no_msgid_holds_another_generators_syntax(path):
    document = parse(path)
    for segment in document.segments:
        assert not SYNTAX.search(segment.msgid), (segment.origin, segment.msgid)
        assert validate_translation(segment.msgid, segment.msgid) == []
    assert not [token for token in document.tokens if token.type == "code_block"]  # nothing read as indented code


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.relative_to(SITES).as_posix())
def test_samples_render_with_every_block_translated(path):
    """No block is lost (each one renders translated) and no template syntax shows as text."""
    document = parse(path)
    html = render_article(document, pseudo, source_locale="en").html
    visible = re.sub(r"<!--.*?-->|<pre><code.*?</code></pre>|<code>.*?</code>", "", html, flags=re.S)
    assert not re.search(r"\{\{|\{%|^!!!|^===|^:::", visible, re.M), visible
    assert "<pre><code>" not in html.replace('<pre><code class="', "")  # no indented code block


# ------------------------------------------------------------- MkDocs, Material for MkDocs


def test_admonitions_collapsibles_and_tabs_are_containers_with_messages():
    document = parse(sample("mkdocs-material/reference.md"))
    found = messages(document)
    assert found["Phasellus posuere in sem ut cursus"][0] == "admonition title"
    assert found["Outer Note"][0] == found["Inner Note"][0] == "admonition title"
    assert found["Unordered list"][0] == found["Ordered list"][0] == "tab label"
    lines = [s.origin.line for s in document.segments if s.msgid.startswith("Lorem ipsum dolor sit amet, consectetur "
                                                                          "adipiscing elit. Nulla et euismod")]
    assert len(lines) >= 7  # the bodies of admonitions, nested ones and collapsibles
    html = render_article(document, pseudo, source_locale="en").html
    assert html.count('<div class="admonition note">') >= 4
    assert '<p class="admonition-title">OUTER NOTE</p>' in html
    assert '<details class="note">' in html and '<details class="note" open="">' in html
    assert '<div class="tabbed-block">\n<p class="tabbed-label">UNORDERED LIST</p>' in html
    assert "<p>LOREM IPSUM DOLOR SIT AMET, CONSECTETUR ADIPISCING ELIT. NULLA ET EUISMOD" in html


def test_footnotes_abbreviations_and_attribute_lists():
    found = messages(parse(sample("mkdocs-material/reference.md")))
    assert found["Lorem ipsum dolor sit amet, consectetur adipiscing elit."] == ("footnote",)
    assert found["Hyper Text Markup Language"] == ("abbreviation",)
    assert found["World Wide Web Consortium"] == ("abbreviation",)
    assert found["[Subscribe to our newsletter][Demo]<0/>"][1:] == ("<0/>: attribute list { .md-button }",)
    theme = messages(parse(sample("mkdocs/choosing-your-theme.md")))
    locale = next(msgid for msgid in theme if msgid.startswith("<0><1/></0><2/>: The locale"))
    assert "<2/>: attribute list { #mkdocs-locale }" in theme[locale]
    assert found["<0><1/> Jump to footnote</0>"][2] == "<1/>: icon :octicons-arrow-down-24:"
    text = "A claim[^1].\n\n## Heading {#custom-anchor}\n\n[^1]: The source of it.\n"
    html = render_article(parse_text(text), pseudo, source_locale="en").html
    assert 'A CLAIM<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>.' in html
    assert "<h2>HEADING </h2>" in html and "THE SOURCE OF IT." in html and "custom-anchor" not in html


def test_mkdocstrings_blocks_are_never_offered():
    document = parse(sample("mkdocs/api.md"))
    assert [s.msgid for s in document.segments][1:2] == [
        "NOTE: The main entry point to the API is through <0>Events</0> that are received by plugins. "
        "These events' descriptions link back to this page."]
    assert not any("mkdocs." in s.msgid or "show_root_heading" in s.msgid for s in document.segments)


# ------------------------------------------------------------------------------- Hugo


def test_shortcodes_are_placeholders_or_opaque_blocks():
    found = messages(parse(sample("hugo/x.md")))
    assert not any("x user=" in msgid or "code-toggle" in msgid for msgid in found)
    languages = parse(sample("hugo/languages.md"))
    assert not any("defaultContentLanguage =" in s.msgid for s in languages.segments)  # a code-toggle's body
    blocks = [t for t in languages.tokens if t.type == "template_block"]
    assert blocks[0].content.startswith("{{< code-toggle file=hugo >}}\ndefaultContentLanguage = 'en'")
    assert blocks[0].content.endswith("{{< /code-toggle >}}")
    scratch = messages(parse(sample("hugo/scratch.md")))  # a paired shortcode's Markdown body is read
    assert scratch["Use the <0><1/></0> method instead."][0] == "paragraph"
    inline = messages(parse_text("Since {{< new-in 0.141.0 />}} the {{% param x %}} works.\n"))
    assert inline == {"Since <0/> the <1/> works.": (
        "paragraph", "<0/>: template tag {{< new-in 0.141.0 />}}", "<1/>: template tag {{% param x %}}")}


def test_shortcodes_render_verbatim_inside_comments():
    html = render_article(parse(sample("hugo/languages.md")), pseudo, source_locale="en").html
    assert "<!--{{< code-toggle file=hugo >}}\ndefaultContentLanguage = 'en'\n" in html
    html = render_article(parse_text("Since {{< new-in 0.141.0 />}} it -- works.\n\n{{% note %}}\n"),
                          pseudo, source_locale="en").html
    assert html == "<p>SINCE <!--{{< new-in 0.141.0 />}}--> IT -- WORKS.</p>\n<!--{{% note %}}-->\n"
    assert "<!--{{ a - -> b }}-->" in render_article(parse_text("X {{ a --> b }}\n"), source,
                                                      source_locale="en").html


def test_hugo_front_matter_and_default_keys():
    assert default_keys("hugo") == ("title", "description", "summary", "linkTitle")
    assert default_keys("site") == default_keys("no-such-generator") == ("title", "description", "image_alt")
    text = "+++\ntitle = 'Quick start'\nlinkTitle = 'Start'\nweight = 3\n+++\n\nFirst {{< x >}} steps.\n"
    document = parse_article(Path("x.md"), rel_path="x.md", slug="x", front_matter_keys=default_keys("hugo"),
                             data=text.encode())
    assert [(s.msgid, s.origin.line) for s in document.segments] == [
        ("Quick start", 2), ("Start", 3), ("First <0/> steps.", 7)]
    empty = parse(sample("hugo/store-methods.md"))  # front matter of comments only
    assert empty.page.meta == {} and messages(empty)["Sets the value of the given key."] == ("definition",)


# ------------------------------------------------------------------------------ Jekyll


def test_jekyll_markdown_files_are_pages_with_their_dates(tmp_path):
    shutil.copytree(SITES / "jekyll", tmp_path / "content")
    (tmp_path / "l10n.yaml").write_text("source_locale: en\nlocales: [nl]\ncontent: content\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "-C", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pot = (tmp_path / "locales/templates/content.pot").read_text(encoding="utf-8")
    assert "#: content/_posts/2013-05-06-jekyll-1-0-0-released.markdown:9" in pot
    assert 'msgid "Jekyll 1.0.0 Released"' in pot
    post = parse(sample("jekyll/_posts/2013-05-06-jekyll-1-0-0-released.markdown"))
    assert post.page.meta["date"] == dt.datetime(2013, 5, 6, 2, 12, 52, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert as_date("2014-12-17 11:16:21 -0800") == dt.date(2014, 12, 17)


def test_a_page_without_a_date_shows_no_date(example):
    ui = Translations(("nl", "en"), {"nl": {}}, {"nl": lambda n: int(n != 1)}, "en")
    env = make_environment(Project.load(example), ui, "nl", 2026)
    template = env.from_string("[{{ format_date(none) }}|{{ format_date(jekyll) }}]")
    assert template.render(jekyll="2014-12-17 11:16:21 -0800") == "[|17 december 2014]"


def test_liquid_inside_raw_html_is_a_placeholder():
    found = messages(parse(sample("jekyll/_docs/collections.md")))
    assert found["Gather your collections <0/>"] == (
        "html block", '<0/>: template tag {%- include docs_version_badge.html version="3.7.0" -%}')
    assert "You can optionally specify a directory to store all your collections in the same place with <0/>." \
        in found
    table = parse_text('<table>\n  {% for x in site.data.rows %}\n  <tr><td><a href="{% link x.md %}">Go</a></td></tr>\n'
                       '  {% endfor %}\n</table>\n')
    assert [s.msgid for s in table.segments] == ["<0>Go</0>"]
    assert render_article(table, pseudo, source_locale="en").html == (
        '<table>\n  <!--{% for x in site.data.rows %}-->\n  <tr><td><a href="{% link x.md %}">GO</a></td></tr>\n'
        '  <!--{% endfor %}-->\n</table>\n')


# -------------------------------------------------------------------------- Docusaurus


def test_docusaurus_admonitions_and_mdx_imports():
    document = parse(sample("docusaurus-redux/tutorials-index.md"))
    found = messages(document)
    tip = next(s for s in document.segments if s.msgid.startswith("<0>We recommend starting with"))
    assert tip.comments[0] == "paragraph" and tip.origin.line == 25
    assert not any("LiteYouTubeEmbed" in msgid for msgid in found)
    html = render_article(document, pseudo, source_locale="en").html
    assert '<div class="admonition admonition-tip">\n<p><strong>WE RECOMMEND' in html
    titled = parse_text(":::info Want to Know More?\n\nRead *this*.\n\n::::note[Nested]\nInside.\n::::\n\n:::\n\nAfter.\n")
    assert [(s.msgid, s.comments[0]) for s in titled.segments] == [
        ("Want to Know More?", "admonition title"), ("Read <0>this</0>.", "paragraph"),
        ("Nested", "admonition title"), ("Inside.", "paragraph"), ("After.", "paragraph")]


# ---------------------------------------------------------------------------- raw HTML


HTML_PAGE = """\
<div align="center">
  <img src="logo.png" alt="The project logo" title='Our logo'>
  <p>Fast and <b>simple</b>, press <kbd>Ctrl</kbd>+<code>K</code>.</p>
</div>

<details>
<summary>Show the details</summary>

Markdown inside.

</details>

<pre>
never offered
</pre>

Inline <kbd>Alt</kbd> and <code>x</code> stay whole.
"""


def test_raw_html_text_and_image_texts_are_messages():
    document = parse_text(HTML_PAGE)
    assert [(s.msgid, s.origin.line, s.comments) for s in document.segments] == [
        ("The project logo", 2, ("image alt text", "image logo.png")),
        ("Our logo", 2, ("image title", "image logo.png")),
        ("Fast and <0>simple</0>, press <1/>+<2/>.", 3,
         ("html block", "<0>…</0>: HTML <b>", "<1/>: HTML <kbd>Ctrl</kbd>", "<2/>: HTML <code>K</code>")),
        ("Show the details", 7, ("html block",)),
        ("Markdown inside.", 9, ("paragraph",)),
        ("Inline <0/> and <1/> stay whole.", 17,
         ("paragraph", "<0/>: HTML <kbd>Alt</kbd>", "<1/>: HTML <code>x</code>")),
    ]
    html = render_article(document, pseudo, source_locale="en").html
    assert "<img src=\"logo.png\" alt=\"THE PROJECT LOGO\" title=\"OUR LOGO\">" in html
    assert "<p>FAST AND <b>SIMPLE</b>, PRESS <kbd>Ctrl</kbd>+<code>K</code>.</p>" in html
    assert "<summary>SHOW THE DETAILS</summary>" in html and "never offered" in html
    html = render_article(document, lambda s: ('<script>x</script> "' + s.msgid, "en"), source_locale="en").html
    assert "<script>" not in html and 'alt="&lt;script&gt;x&lt;/script&gt; &quot;The project logo"' in html
    assert '<span lang="en">&lt;script&gt;x&lt;/script&gt; &quot;Show the details</span>' in html
    alt_only = lambda s: ("", "en") if s.comments[0] == "image alt text" else (s.msgid.upper(), None)  # noqa: E731
    html = render_article(document, alt_only, source_locale="en").html
    assert '<img src="logo.png" alt="The project logo" title="OUR LOGO" lang="en">' in html  # its alt fell back


def test_status_counts_raw_html_text(tmp_path):
    """A page whose HTML-block text is untranslated is not reported complete."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "page.md").write_text("---\ntitle: Hello\n---\n\n" + HTML_PAGE, encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("source_locale: en\nlocales: [nl]\ncontent: content\n", encoding="utf-8")
    runner = CliRunner()
    for command in (["extract"], ["update"]):
        assert runner.invoke(main, [*command, "-C", str(tmp_path)], catch_exceptions=False).exit_code == 0
    po_path = tmp_path / "locales/nl/LC_MESSAGES/content.po"
    text = po_path.read_text(encoding="utf-8")
    for msgid in ("Hello", "Markdown inside.", "Inline <0/> and <1/> stay whole."):
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "NL {msgid}"')
    po_path.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["status", "--pages", "--format", "json", "-C", str(tmp_path)],
                           catch_exceptions=False)
    page = json.loads(result.output)["pages"][0]
    assert page["content_percent"] < 60 and page["verdict"] != "complete"


# ------------------------------------------------------------------------ Unicode edges


def test_unicode_spaces_at_a_blocks_edges_survive_translation():
    document = parse_text("\u00a0\u00a0Indented with no-break spaces.\u3000\n\n&nbsp;After an entity.\n")
    assert [s.msgid for s in document.segments] == ["Indented with no-break spaces.", "After an entity."]
    html = render_article(document, lambda s: ("Vertaald.", None), source_locale="en").html
    assert html == "<p>\u00a0\u00a0Vertaald.\u3000</p>\n<p>\u00a0Vertaald.</p>\n"
    assert render_article(document, source, source_locale="en").html == (
        "<p>\u00a0\u00a0Indented with no-break spaces.\u3000</p>\n<p>\u00a0After an entity.</p>\n")
    heading = parse_text("# \u3000見出し\u00a0 ##\n")
    assert heading.segments[0].msgid == "見出し"
    assert render_article(heading, lambda s: ("Kop", None), source_locale="en").html == "<h1>\u3000Kop\u00a0</h1>\n"


# ----------------------------------------------------------- shortcode parameters as text


FIGURE_POST = """\
+++
title = "A walk by the river"
+++

Morning light on the water {{< figure src="river.jpg" caption="The river at dawn" >}}.

{{< figure src="bridge.jpg"
    caption="The \\"old\\" bridge" alt="A stone bridge" >}}
"""


def test_shortcode_parameters_named_in_l10n_yaml_are_messages(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "shortcode_parameters: {figure: [caption, alt]}\n",
                      encoding="utf-8")
    (example / "content/posts/river.md").write_text(FIGURE_POST, encoding="utf-8")
    runner = CliRunner()
    for command in (["extract"], ["update", "--locale", "nl"]):
        result = runner.invoke(main, [*command, "-C", str(example)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    pot = (example / "locales/templates/content.pot").read_text(encoding="utf-8")
    assert '#. figure caption\n#: content/posts/river.md:5\nmsgid "The river at dawn"' in pot
    assert '#. figure caption\n#: content/posts/river.md:8\nmsgid "The \\"old\\" bridge"' in pot
    assert '#. figure alt\n#: content/posts/river.md:8\nmsgid "A stone bridge"' in pot
    assert "river.jpg" not in pot.split("river.md:5")[1].split("\n\n")[0]
    catalog = example / "locales/nl/LC_MESSAGES/content.po"
    text = catalog.read_text(encoding="utf-8")
    for msgid, msgstr in [("A walk by the river", "Een wandeling langs de rivier"),
                          ("Morning light on the water <0/>.", "Ochtendlicht op het water <0/>."),
                          ("The river at dawn", "De rivier bij dageraad"),
                          ('The \\"old\\" bridge', 'De \\"oude\\" brug'), ("A stone bridge", "Een stenen brug")]:
        text = text.replace(f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    catalog.write_text(text, encoding="utf-8")
    result = runner.invoke(main, ["build", "-C", str(example)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = (example / "site/nl/posts/river/index.html").read_text(encoding="utf-8")
    assert '<!--{{< figure src="river.jpg" caption="De rivier bij dageraad" >}}-->' in page
    assert '<!--{{< figure src="bridge.jpg"\n    caption="De \\"oude\\" brug" alt="Een stenen brug" >}}-->' in page


def test_shortcode_parameters_setting_is_checked(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "shortcode_parameters: {figure: caption}\n",
                      encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "-C", str(example)])
    assert result.exit_code == 2
    assert "l10n.yaml:14: shortcode_parameters.figure: expected a list of parameter names, got 'caption'" in result.output


def test_display_math_is_never_offered():
    document = parse_text("Euler said\n\n$$\ne^{i\\pi} + 1 = 0\n$$\n\n\\[\n\\frac{a}{b} < c\n\\]\n\nand more.\n")
    assert [s.msgid for s in document.segments] == ["Euler said", "and more."]
    html = render_article(document, pseudo, source_locale="en").html
    assert '<div class="math">$$\ne^{i\\pi} + 1 = 0\n$$</div>\n<div class="math">\\[\n\\frac{a}{b} &lt; c\n\\]</div>' in html


def test_a_definition_without_a_term_is_read_as_one():
    document = parse(sample("mkdocs-material/options.md"))
    first = document.segments[1]
    assert first.msgid.startswith("<0/> This option specifies whether the plugin is enabled when building your "
                                  "project. If you want to switch the plugin off")
    assert first.comments[:2] == ("definition", "<0/>: HTML <!-- md:default `true` -->")
    html = render_article(document, pseudo, source_locale="en").html
    assert '<dl>\n<dd>\n<p><!-- md:default `true` --> THIS OPTION' in html
    assert '<pre><code class="language-yaml">plugins:\n  - git-revision-date-localized:\n      enabled:' in html


def test_another_generators_pages_need_only_a_readable_date():
    from l10n_tool.errors import SourceError
    from l10n_tool.config import default_schema
    text = "---\nauthor: {name: Parker}\ndate: '2013-05-06 02:12:52 +0200'\n---\n\nHello.\n"
    for target in ("hugo", "mkdocs", "jekyll", "docusaurus"):
        page = parse_article(Path("x.md"), rel_path="x.md", slug="x", front_matter_keys=default_keys(target),
                             data=text.encode(), schema=default_schema(target)).page
        assert page.meta["date"] == dt.datetime(2013, 5, 6, 2, 12, 52, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with pytest.raises(SourceError, match="front matter key 'title' is required"):
        parse_article(Path("x.md"), rel_path="x.md", slug="x", front_matter_keys=default_keys("site"),
                      data=text.encode(), schema=default_schema("site"))


def test_page_suffixes_choose_the_page_files(tmp_path):
    (tmp_path / "content").mkdir()
    for name in ("a.md", "b.markdown", "c.mdx", "d.txt"):
        (tmp_path / "content" / name).write_text(f"Page {name}.\n", encoding="utf-8")
    config = tmp_path / "l10n.yaml"
    runner = CliRunner()
    for setting, found in [("", ["a.md", "b.markdown"]), ("page_suffixes: [.mdx, .md]\n", ["a.md", "c.mdx"])]:
        config.write_text("source_locale: en\nlocales: [nl]\ncontent: content\n" + setting, encoding="utf-8")
        assert runner.invoke(main, ["extract", "-C", str(tmp_path)], catch_exceptions=False).exit_code == 0
        pot = (tmp_path / "locales/templates/content.pot").read_text(encoding="utf-8")
        assert re.findall(r'msgid "Page (.*)\."', pot) == found
    config.write_text("source_locale: en\ncontent: content\npage_suffixes: [md]\n", encoding="utf-8")
    result = runner.invoke(main, ["extract", "-C", str(tmp_path)])
    assert result.exit_code == 2 and "l10n.yaml:3: page_suffixes[0]: expected a file suffix such as .md" in result.output
