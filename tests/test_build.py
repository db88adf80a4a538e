"""The built example site: lang, hreflang, fallback marks, escaping, determinism."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from l10n_tool import po
from l10n_tool.build import build_site
from l10n_tool.config import Project

CLINIC = "posts/sleep-well-again"
HAY_FEVER = "posts/hay-fever-season"
APPOINTMENT = "posts/making-the-most-of-your-appointment"


def html(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


@pytest.fixture
def built(example):
    project = Project.load(example)
    result = build_site(project)
    return project, result, example / "site"


def set_translation(po_path: Path, msgid_start: str, msgstr: str) -> str:
    """Set the msgstr of the first message whose msgid starts with *msgid_start*; its msgid."""
    catalog = po.read_po(po_path)
    message = next(m for m in catalog.active() if m.msgid.startswith(msgid_start))
    message.msgstr = msgstr
    po.write_po(catalog, po_path)
    return message.msgid


def test_every_page_declares_its_locale(built):
    _, _, site = built
    pages = sorted(site.glob("*/**/index.html"))
    assert len(pages) >= 8
    for page in pages:
        locale = page.relative_to(site).parts[0]
        assert html(page).css_first("html").attributes["lang"] == locale, page
        assert html(page).css_first("html").attributes["dir"] == "ltr"


def test_partly_translated_clinic_post_is_not_published_in_dutch(built):
    _, result, site = built
    assert CLINIC in result.skipped["nl"]
    assert not (site / "nl" / CLINIC / "index.html").exists()
    index = html(site / "nl/index.html")
    link = index.css_first(f'a[href="../en/{CLINIC}/"]')
    assert link is not None and link.attributes["hreflang"] == "en" and link.attributes["lang"] == "en"
    assert "lang" not in link.parent.attributes  # the date beside it is formatted in Dutch
    english = html(site / "en" / CLINIC / "index.html")
    assert [a.attributes["hreflang"] for a in english.css('link[rel="alternate"]')] == ["en"]
    assert [a.text() for a in english.css(".language-switcher li")] == ["English"]


def test_published_page_marks_fallback_blocks_and_alternates(built):
    _, _, site = built
    page = html(site / "nl" / HAY_FEVER / "index.html")
    fallback = page.css(".post-body [lang]")
    assert fallback, "the hay fever post has untranslated blocks that fall back to English"
    assert {node.attributes["lang"] for node in fallback} == {"en"}
    hreflangs = {a.attributes["hreflang"]: a.attributes["href"] for a in page.css('link[rel="alternate"]')}
    assert set(hreflangs) == {"en", "nl", "x-default"}
    assert hreflangs["nl"] == f"https://lindenhof.example.org/nl/{HAY_FEVER}/"
    switcher = {a.text(): a.attributes["href"] for a in page.css(".language-switcher a")}
    assert switcher == {"English": f"../../../en/{HAY_FEVER}/"}
    assert page.css_first(".language-switcher [aria-current]").text() == "Nederlands"


def test_ui_dates_and_plurals_are_localised(built):
    _, _, site = built
    dutch = html(site / "nl" / HAY_FEVER / "index.html")
    assert dutch.css_first(".comments h2").text() == "Opmerkingen"
    assert "februari" in dutch.css_first(".byline time").text()
    german = html(site / "de" / APPOINTMENT / "index.html")
    assert "Januar" in german.css_first(".byline time").text()
    assert re.search(r"\d+ Min", german.css_first(".byline").text())


def test_missing_ui_translation_falls_back_with_lang(example):
    po_path = example / "locales/nl/LC_MESSAGES/ui.po"
    set_translation(po_path, "No comments yet", "")
    build_site(Project.load(example))
    page = html(example / "site/nl" / HAY_FEVER / "index.html")
    span = page.css_first('.comments span[lang="en"]')
    assert span is not None and span.text() == "No comments yet"
    for node in page.css("[alt], [placeholder], [aria-label], [content]"):
        assert "<span" not in str(node.attributes)


def test_translated_markup_is_escaped(example):
    po_path = example / "locales/nl/LC_MESSAGES/content.po"
    set_translation(po_path, "Know your season", '<script>alert(1)</script><img src=x onerror=alert(1)>')
    catalog = po.read_po(po_path)
    with_markup = next(m for m in catalog.active() if "<0>" in m.msgid and m.translated
                       and any("hay-fever" in r for r in m.references))
    set_translation(po_path, with_markup.msgid, '<0><script>alert(3)</script></0> javascript:x')
    ui_path = example / "locales/nl/LC_MESSAGES/ui.po"
    set_translation(ui_path, "No comments yet", "<script>alert(2)</script>")
    build_site(Project.load(example))
    text = (example / "site/nl" / HAY_FEVER / "index.html").read_text(encoding="utf-8")
    page = LexborHTMLParser(text)
    assert page.css("script") == []
    assert not any("onerror" in node.attributes for node in page.css("*"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in text


def test_second_build_writes_nothing_and_is_byte_identical(example):
    project = Project.load(example)
    build_site(project)
    before = {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()}
    second = build_site(project)
    assert second.written == []
    assert {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()} == before


def test_unpublished_page_is_removed_from_an_earlier_build(example):
    project = Project.load(example)
    build_site(project)
    assert (example / "site/nl" / HAY_FEVER / "index.html").exists()
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish_threshold: 80", "publish_threshold: 100"),
                      encoding="utf-8")
    result = build_site(Project.load(example))
    assert f"nl/{HAY_FEVER}/index.html" in result.removed
    assert not (example / "site/nl" / HAY_FEVER).exists()


def test_language_picker_and_sitemap(built):
    _, _, site = built
    picker = html(site / "index.html")
    assert [(a.text(), a.attributes["lang"]) for a in picker.css("li a")] == [
        ("English", "en"), ("Nederlands", "nl"), ("Deutsch", "de")]
    assert picker.css("script") == [] and "http" not in (site / "index.html").read_text()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://lindenhof.example.org/nl/{HAY_FEVER}/</loc>" in sitemap
    assert 'hreflang="x-default"' in sitemap
    assert f"/nl/{CLINIC}/" not in sitemap


def pages_written(result) -> list[str]:
    return sorted(path for path in result.written if path.endswith("index.html") and "/posts/" in path)


def test_editing_one_translation_rerenders_only_its_page(example):
    project = Project.load(example)
    build_site(project)
    set_translation(example / "locales/nl/LC_MESSAGES/content.po", "Know your season", "Ken uw seizoen")
    result = build_site(Project.load(example))
    assert pages_written(result) == [f"nl/{HAY_FEVER}/index.html"]
    assert "Ken uw seizoen" in (example / "site/nl" / HAY_FEVER / "index.html").read_text(encoding="utf-8")


def test_editing_one_article_rerenders_only_its_versions(example):
    project = Project.load(example)
    build_site(project)
    article = example / "content/posts/making-the-most-of-your-appointment.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more English sentence.\n", encoding="utf-8")
    result = build_site(Project.load(example))
    assert pages_written(result) == [f"{locale}/{APPOINTMENT}/index.html" for locale in ("de", "en", "nl")]


def test_clean_renders_everything_and_rewrites_nothing_identical(example):
    project = Project.load(example)
    build_site(project)
    result = build_site(project, clean=True)
    assert result.rendered == 7 and result.written == []


def test_parallel_build_is_byte_identical(example, monkeypatch, tmp_path):
    render = importlib.import_module("l10n_tool.build.render")  # l10n_tool.build is the API function

    serial = build_site(Project.load(example), jobs=1)
    before = {p.relative_to(example): p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()}
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    parallel = build_site(Project.load(example), clean=True, jobs=2)
    after = {p.relative_to(example): p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()}
    assert parallel.rendered == serial.rendered == 7 and parallel.written == [] and after == before


def test_fallback_chain_resolves_per_message_and_rtl_pages(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "locales: [nl, de]", "locales: [nl, de, nl-BE, ar]\nfallbacks: {nl-BE: [nl]}"), encoding="utf-8")
    template = po.read_po(example / "locales/templates/ui.pot")
    flemish = po.merge(None, template, locale="nl-BE")
    flemish.get("Comments").msgstr = "Reacties"
    (example / "locales/nl_BE/LC_MESSAGES").mkdir(parents=True)
    po.write_po(flemish, example / "locales/nl_BE/LC_MESSAGES/ui.po")

    result = build_site(Project.load(example))
    assert HAY_FEVER in result.published["nl-BE"]  # content resolved through nl
    page = html(example / "site/nl-BE" / HAY_FEVER / "index.html")
    assert page.css_first("html").attributes["lang"] == "nl-BE"
    assert page.css_first(".comments h2").text() == "Reacties"  # its own catalog
    no_comments = page.css_first(".comments p span")
    assert (no_comments.text(), no_comments.attributes["lang"]) == ("Nog geen opmerkingen", "nl")  # from nl
    arabic = html(example / "site/ar/index.html")
    assert arabic.css_first("html").attributes["dir"] == "rtl"
    assert arabic.css_first(".language-switcher [aria-current]").text() == "العربية"


def test_gettext_functions_format_like_jinjas_new_style_gettext():
    """The build's own gettext callables (no per-call context plumbing) keep Jinja2's new-style
    semantics: always %-formatted (``%%`` becomes ``%``), escaped, num/context defaults."""
    from jinja2 import Environment
    from markupsafe import Markup, escape

    from l10n_tool.build.templates import gettext_functions as _gettext_functions

    def text(method, *args):
        if method == "ngettext":
            singular, plural, n = args[:3]
            return singular if n == 1 else plural
        return args[0]

    template = (
        '{{ _("100%% <sure>") }}|{{ gettext("Hi %(name)s", name="<b>") }}|{{ pgettext("menu", "In %(context)s") }}|'
        '{{ ngettext("%(num)d day", "%(num)d days", 3) }}|{{ npgettext("ctx", "%(num)d %(context)s", "x", 1) }}|'
        '{% trans who="<i>" %}By {{ who }} 100%{% endtrans %}|'
        '{% trans count=2 %}{{ count }} item{% pluralize %}{{ count }} items{% endtrans %}'
    )
    def mark(method, *args):  # what the build's mark() gives: the translation, escaped
        return Markup(escape(text(method, *args)))

    jinja = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    jinja.install_gettext_callables(lambda s: mark("gettext", s), lambda s, p, n: mark("ngettext", s, p, n),
                                    newstyle=True, pgettext=lambda c, s: mark("gettext", s, c),
                                    npgettext=lambda c, s, p, n: mark("ngettext", s, p, n, c))
    ours = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    ours.newstyle_gettext = True
    ours.globals.update(_gettext_functions(mark))
    expected = jinja.from_string(template).render()
    assert ours.from_string(template).render() == expected
    assert expected == "100% &lt;sure&gt;|Hi &lt;b&gt;|In menu|3 days|1 ctx|By &lt;i&gt; 100%|2 items"
