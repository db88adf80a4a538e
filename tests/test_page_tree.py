"""Any content tree: nested pages, folder pages, sections, list order, templates per page."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser

from l10n_tool import po
from l10n_tool.api import extract, update
from l10n_tool.build import build_site
from l10n_tool.cli import main
from l10n_tool.config import Project
from l10n_tool.errors import MissingPageTemplates, SourceError
from l10n_tool.extract.articles import RACY_NS

BASE = """<!DOCTYPE html>
<html lang="{{ html_lang }}" dir="{{ dir }}"><head><meta charset="utf-8"><title>{% block title %}{% endblock %}</title>
{% for a in alternates %}<link rel="alternate" hreflang="{{ a.hreflang }}" href="{{ a.url }}">{% endfor %}</head>
<body>{% block main %}{% endblock %}</body></html>
"""
POST = """{% extends "base.html" %}{% block title %}{{ page.title|plain }}{% endblock %}
{% block main %}<article class="post"><h1>{{ page.title }}</h1>{{ page.body }}</article>{% endblock %}
"""
LIST = """{% extends "base.html" %}{% block title %}{{ _("Pages") }}{% endblock %}
{% block main %}{% if page %}<h1 class="head">{{ page.title }}</h1>{{ page.body }}{% endif %}
<ul class="list">{% for item in posts %}<li><a href="{{ item.href }}">{{ item.title }}</a></li>{% endfor %}</ul>{% endblock %}
"""
PLAIN = """{% extends "base.html" %}{% block title %}{{ page.title|plain }}{% endblock %}
{% block main %}<div class="plain-page">{{ page.body }}</div>{% endblock %}
"""


def article(title: str, date: str | None = None, extra: str = "") -> str:
    when = f"date: {date}\n" if date else ""
    return f"---\ntitle: {title}\n{when}{extra}---\n\nSome text about {title.lower()}.\n"


@pytest.fixture
def tree_site(tmp_path: Path) -> Path:
    tmp_path = tmp_path / "tree"
    tmp_path.mkdir()
    (tmp_path / "l10n.yaml").write_text(
        "source_locale: en\nlocales: [nl]\nsite_name: Tree\nsections: {guides: {template: plain.html}}\n",
        encoding="utf-8")
    templates = tmp_path / "content/templates"
    templates.mkdir(parents=True)
    for name, text in {"base.html": BASE, "post.html": POST, "index.html": LIST, "section.html": LIST,
                       "plain.html": PLAIN}.items():
        (templates / name).write_text(text, encoding="utf-8")
    pages = {
        "posts/older.md": article("Zebra crossings", "2025-01-05"),
        "posts/newer.md": article("Apples", "2026-02-01"),
        "posts/same-day-b.md": article("Beta", "2025-06-01"),
        "posts/same-day-a.md": article("Alpha", "2025-06-01"),
        "posts/_index.md": article("All our posts"),
        "guides/setup/install.md": article("Installing"),
        "about.md": article("About us", extra="template: plain.html\n"),
        "templates/not-a-page.md": article("Not a page"),
    }
    for name, text in pages.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def test_every_markdown_file_is_a_page_at_the_url_its_path_gives(tree_site):
    result = build_site(Project.load(tree_site))
    site = tree_site / "site"
    assert sorted(result.published["en"]) == ["about", "guides/setup/install", "posts/_index", "posts/newer",
                                              "posts/older", "posts/same-day-a", "posts/same-day-b"]
    for path in ("en/guides/setup/install/index.html", "en/about/index.html", "en/posts/newer/index.html"):
        assert (site / path).is_file(), path
    assert not (site / "en/templates").exists()  # the templates folder is not content
    install = parse(site / "en/guides/setup/install/index.html")
    assert install.css_first("div.plain-page") is not None  # the section's template (l10n.yaml)
    assert parse(site / "en/about/index.html").css_first("div.plain-page") is not None  # its own template:
    assert parse(site / "en/posts/newer/index.html").css_first("article.post") is not None  # the default


def test_list_pages_are_sorted_by_date_then_title(tree_site):
    build_site(Project.load(tree_site))
    site = tree_site / "site"
    home = [a.text() for a in parse(site / "en/index.html").css("ul.list a")]
    assert home == ["Apples", "Alpha", "Beta", "Zebra crossings"]  # dated pages only, newest first
    section = parse(site / "en/posts/index.html")
    assert section.css_first("h1.head").text() == "All our posts"  # posts/_index.md heads the list
    assert [a.text() for a in section.css("ul.list a")] == ["Apples", "Alpha", "Beta", "Zebra crossings"]
    assert [a.attributes["href"] for a in section.css("ul.list a")][0] == "../../en/posts/newer/"
    # the section without an index page and without a head: a generated list of its pages
    guides = parse(site / "en/guides/index.html")
    assert guides.css_first("h1.head") is None
    assert [a.text() for a in guides.css("ul.list a")] == ["Installing"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/en/guides/</loc>" in sitemap and sitemap.count("/en/posts/</loc>") == 1


def test_two_files_at_one_url_are_an_error_naming_both(tree_site):
    (tree_site / "content/posts.md").write_text(article("Clash"), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        build_site(Project.load(tree_site))
    assert "content/posts/_index.md" in str(error.value) and "content/posts.md" in str(error.value)


def test_missing_templates_are_one_error_naming_each_and_why(tree_site):
    (tree_site / "content/templates/plain.html").unlink()
    (tree_site / "content/templates/section.html").unlink()
    with pytest.raises(MissingPageTemplates) as error:
        build_site(Project.load(tree_site))
    assert set(error.value.missing) == {"plain.html", "section.html"}
    assert error.value.missing["plain.html"] == ["content/about.md:3", "content/guides/setup/install.md"]
    result = CliRunner().invoke(main, ["build", "-C", str(tree_site)])
    assert result.exit_code == 2
    assert "missing page templates: plain.html (for content/about.md:3, content/guides/setup/install.md)" \
        in result.output
    assert "section.html (for content/posts/_index.md)" in result.output


def test_a_template_name_cannot_leave_the_templates_folder(tree_site):
    (tree_site / "content/about.md").write_text(article("About", extra="template: ../../l10n.yaml\n"),
                                                encoding="utf-8")
    with pytest.raises(SourceError, match="content/about.md:3: template: '../../l10n.yaml' is not a file name"):
        build_site(Project.load(tree_site))


def test_the_language_picker_links_a_stylesheet_only_when_there_is_one(tree_site, example):
    build_site(Project.load(tree_site))
    assert "stylesheet" not in (tree_site / "site/index.html").read_text(encoding="utf-8")
    build_site(Project.load(example))
    assert 'href="static/site.css"' in (example / "site/index.html").read_text(encoding="utf-8")


def test_sections_setting_is_validated(tree_site):
    config = tree_site / "l10n.yaml"
    config.write_text("source_locale: en\nlocales: [nl]\nsections: {posts: {layout: x.html}}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-C", str(tree_site)])
    assert result.exit_code == 2 and "l10n.yaml:3: sections.posts: expected a mapping with the key 'template'" \
        in result.output.replace(str(tree_site) + "/", "")


def test_an_example_copy_without_the_content_setting_still_builds(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("content: content\n", ""), encoding="utf-8")
    shutil.rmtree(example / "site", ignore_errors=True)
    result = build_site(Project.load(example))
    assert "posts/sleep-well-again" in result.published["en"]


def test_a_template_runtime_error_names_the_template_and_line(tree_site, monkeypatch):
    (tree_site / "content/templates/post.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>{% endblock %}\n', encoding="utf-8")
    monkeypatch.chdir(tree_site)  # the project as most people run it: l10n build in its folder
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.output.startswith("content/templates/post.html:3: template error: ")
    assert "has no attribute 'titel'" in result.output


def test_a_page_can_exist_in_some_locales_only(tree_site):
    (tree_site / "content/posts/english-only.md").write_text(
        article("Parking at the old site", "2026-03-01", extra="locales: [en]\n"), encoding="utf-8")
    config = tree_site / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "publish_threshold: 0\n", encoding="utf-8")
    (tree_site / "content/posts/dutch-only.md").write_text(
        article("Alleen in het Nederlands", "2026-03-02", extra="locales: [nl]\n"), encoding="utf-8")
    project = Project.load(tree_site)
    result = build_site(project)
    site = tree_site / "site"
    assert (site / "en/posts/english-only/index.html").is_file()
    assert not (site / "nl/posts/english-only").exists()  # neither the page nor a link to its source
    nl_home = [a.attributes["href"] for a in parse(site / "nl/index.html").css("ul.list a")]
    assert not any("english-only" in href for href in nl_home)
    assert not (site / "en/posts/dutch-only").exists()
    assert not any("dutch-only" in a.attributes["href"] for a in parse(site / "en/index.html").css("ul.list a"))
    assert [row.locale for row in result.pages if row.page == "posts/english-only"] == []
    assert "posts/english-only" not in result.skipped.get("nl", [])
    assert (site / "nl/posts/dutch-only/index.html").is_file() and (site / "nl/posts/newer/index.html").is_file()
    english = parse(site / "en/posts/english-only/index.html")
    assert [a.attributes["hreflang"] for a in english.css('link[rel="alternate"]')] == ["en"]  # itself only
    both = parse(site / "en/posts/newer/index.html")
    assert [a.attributes["hreflang"] for a in both.css('link[rel="alternate"]')] == ["en", "nl", "x-default"]


def test_a_page_naming_an_unknown_locale_is_an_error(tree_site):
    (tree_site / "content/about.md").write_text(article("About", extra="locales: [en, fr]\n"), encoding="utf-8")
    with pytest.raises(SourceError, match="content/about.md:3: front matter key 'locales': 'fr' is not one of"):
        build_site(Project.load(tree_site))


TAG = """{% extends "base.html" %}{% block title %}{{ tag }}{% endblock %}
{% block main %}<h1 class="tag">{{ tag }}</h1>
<ul class="list">{% for item in posts %}<li><a href="{{ item.href }}">{{ item.title }}</a></li>{% endfor %}</ul>{% endblock %}
"""


def test_tag_pages_list_the_pages_with_each_tag_when_there_is_a_tag_template(tree_site):
    build_site(Project.load(tree_site))
    assert not (tree_site / "site/en/tags").exists()  # no tag.html: no tag pages
    (tree_site / "content/templates/tag.html").write_text(TAG, encoding="utf-8")
    (tree_site / "content/templates/post.html").write_text(POST.replace(
        "{{ page.body }}", '{{ page.body }}{% for t in page.tags %}<a class="tag" href="{{ root }}{{ locale }}/tags/'
        '{{ t|tag_slug }}/">{{ t }}</a>{% endfor %}'), encoding="utf-8")
    for name, tags in (("posts/older.md", "[Hay Fever, Spring]"), ("posts/newer.md", "[hay fever]"),
                       ("about.md", "[Été]")):
        path = tree_site / "content" / name
        path.write_text(path.read_text(encoding="utf-8").replace("---\n\n", f"tags: {tags}\n---\n\n", 1),
                        encoding="utf-8")
    build_site(Project.load(tree_site))
    site = tree_site / "site"
    hay = parse(site / "en/tags/hay-fever/index.html")
    assert hay.css_first("h1.tag").text() == "hay fever"  # as the first page by path (posts/newer.md) writes it
    assert [a.text() for a in hay.css("ul.list a")] == ["Apples", "Zebra crossings"]  # newest first
    assert [a.text() for a in parse(site / "en/tags/été/index.html").css("ul.list a")] == ["About us"]
    assert (site / "nl/tags/spring/index.html").is_file()
    link = parse(site / "en/posts/older/index.html").css_first("a.tag")
    assert link.attributes["href"] == "../../../en/tags/hay-fever/"
    assert "/en/tags/spring/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_content_folder_where_the_tag_pages_go_is_an_error(tree_site):
    (tree_site / "content/templates/tag.html").write_text(TAG, encoding="utf-8")
    (tree_site / "content/tags").mkdir()
    (tree_site / "content/tags/list.md").write_text(article("Our tags"), encoding="utf-8")
    with pytest.raises(SourceError, match="content/tags/list.md: is where the tag pages go"):
        build_site(Project.load(tree_site))


def test_a_translated_slug_gives_the_page_a_localised_url(tree_site):
    config = tree_site / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "publish_threshold: 0\n"
                      "front_matter_keys: [title, slug]\n", encoding="utf-8")
    (tree_site / "content/about.md").write_text(article("About us", extra="slug: about-the-practice\n"),
                                                encoding="utf-8")
    (tree_site / "content/posts/bad.md").write_text(article("Bad slug", "2024-01-01", extra="slug: kept\n"),
                                                    encoding="utf-8")
    project = Project.load(tree_site)
    extract(project)
    update(project)
    catalog_path = project.catalog_path("nl", "content")
    catalog = po.read_po(catalog_path)
    for message in catalog.active():
        message.msgstr = {"about-the-practice": "over-de-praktijk", "kept": "../../escape"}.get(message.msgid, "")
    po.write_po(catalog, catalog_path)
    result = build_site(Project.load(tree_site))
    site = tree_site / "site"
    assert (site / "en/about-the-practice/index.html").is_file() and not (site / "en/about").exists()
    dutch = site / "nl/over-de-praktijk/index.html"
    assert dutch.is_file()
    alternates = {a.attributes["hreflang"]: a.attributes["href"]
                  for a in parse(site / "en/about-the-practice/index.html").css('link[rel="alternate"]')}
    assert alternates["nl"] == "/nl/over-de-praktijk/" and alternates["en"] == "/en/about-the-practice/"
    assert "/nl/over-de-praktijk/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    # a translated slug that is not one URL segment keeps the source's, and the build says so
    assert (site / "nl/posts/kept/index.html").is_file() and not (site / "escape").exists()
    assert any("slug '../../escape' is not one URL segment" in p for p in result.problems)


def _with_nav(tree_site: Path, target: str = "about") -> None:
    """A base template whose every page links to *target* through page_path."""
    base = tree_site / "content/templates/base.html"
    base.write_text(BASE.replace("<body>", f'<body><a class="nav" href="/{{{{ page_path({target!r}) }}}}">x</a>'),
                    encoding="utf-8")


def _nav_of(path: Path) -> str:
    return parse(path).css_first("a.nav").attributes["href"]


def test_page_path_links_follow_a_translated_slug_in_full_and_quick_builds(tree_site):
    config = tree_site / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "publish_threshold: 0\n"
                      "front_matter_keys: [title, slug]\n", encoding="utf-8")
    (tree_site / "content/about.md").write_text(article("About us", extra="slug: about-the-practice\n"),
                                                encoding="utf-8")
    _with_nav(tree_site)
    project = Project.load(tree_site)
    extract(project)
    update(project)
    catalog_path = project.catalog_path("nl", "content")

    def translate(slug: str, text: str) -> None:
        catalog = po.read_po(catalog_path)
        for message in catalog.active():
            message.msgstr = {"about-the-practice": slug, "Some text about apples.": text}.get(message.msgid, "")
        po.write_po(catalog, catalog_path)

    translate("over-ons", "Iets over appels.")
    build_site(Project.load(tree_site))
    newer = tree_site / "site/nl/posts/newer/index.html"
    assert _nav_of(newer) == "/nl/over-ons/"
    assert _nav_of(tree_site / "site/en/posts/newer/index.html") == "/en/about-the-practice/"
    translate("over-de-praktijk", "Iets over appels.")  # only another page's slug changed
    time.sleep(RACY_NS / 1e9 * 1.5)  # files this fresh are not trusted by their stat: no quick path
    build_site(Project.load(tree_site))
    assert _nav_of(newer) == "/nl/over-de-praktijk/"
    translate("over-de-praktijk", "Wat over appels.")  # a body edit: the quick path renders one page
    result = build_site(Project.load(tree_site))
    assert result.catalog_delta and result.written == ["nl/posts/newer/index.html"]
    assert _nav_of(newer) == "/nl/over-de-praktijk/" and "Wat over appels." in newer.read_text(encoding="utf-8")


def test_page_path_names_sections_and_falls_back_to_the_source_version(tree_site):
    _with_nav(tree_site, "guides")
    build_site(Project.load(tree_site))
    assert _nav_of(tree_site / "site/nl/index.html") == "/nl/guides/"
    _with_nav(tree_site, "posts/older")  # untranslated: below the threshold in nl
    build_site(Project.load(tree_site))
    assert _nav_of(tree_site / "site/nl/index.html") == "/en/posts/older/"


def test_page_path_to_no_page_is_a_template_error_at_its_line(tree_site):
    _with_nav(tree_site, "abuot")
    with pytest.raises(SourceError, match=r"content/templates/base.html:4: .*page_path: no page 'abuot'"):
        build_site(Project.load(tree_site))
