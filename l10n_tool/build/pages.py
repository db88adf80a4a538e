"""Each kind of page a site has, rendered to text: a post in one locale, a locale's index and
the language picker at the root (the sitemap is ``sitemap.py``)."""

from __future__ import annotations

import functools
from typing import Callable

from markupsafe import Markup, escape

from l10n_tool.extract import ArticleSource
from l10n_tool.extract.markdown import Article

from .locales import hreflang, text_direction
from .markdown import PreparedArticle, prepare_render, render_article
from .site import Site, page_file, page_folder, with_default
from .sitemap import sitemap_files
from .templates import LocalizedText, render_template


PageRenderer = Callable[[Site], "str | tuple[str, list[str]]"]  # text, or text and problems


def site_pages(site: Site) -> dict[str, PageRenderer]:
    """The site's pages besides posts, by path: each locale's index, the language picker, the
    sitemap (and its parts, on a site too large for one file)."""
    pages: dict[str, PageRenderer] = {
        page_file(locale): functools.partial(locale_index, locale=locale) for locale in site.project.all_locales}
    return {**pages, "index.html": language_picker, **sitemap_files(site)}


# -- posts ---------------------------------------------------------------------------------
def post_root(source: ArticleSource) -> str:
    """The relative path from a post page up to the site's root."""
    return "../" * (source.slug.count("/") + 2)


def prepare_post(parsed: Article, source: ArticleSource) -> PreparedArticle:
    """*parsed* ready to render in every locale: its images point at the site's static folder."""
    root = post_root(source)
    return prepare_render(parsed, resolve_src=lambda src: f"{root}static/{src}")


def render_post(site: Site, prepared: PreparedArticle, source: ArticleSource, locale: str) -> tuple[str, list[str]]:
    """The HTML of one post page in *locale*, and the translations that had to fall back."""
    content = site.content[locale].subset(source.keys)
    slug = source.slug
    root = post_root(source)
    rendered = render_article(prepared, lambda segment: site.translate(content, locale, segment.key),
                              source_locale=hreflang(site.project.source_locale), locale=hreflang(locale))
    page = site.page_fields(source, locale, content) | {"body": Markup(rendered.html)}
    html, problems = render_template(site.environment(locale), "post.html", site.project, page=page,
                                     canonical=site.url(page_folder(locale, slug)),
                                     alternates=with_default(site, site.alternates(slug, locale, root)),
                                     switcher=site.alternates(slug, locale, root), root=root)
    return html, [f"{segment.origin}: {locale}: {message}" for segment, message in rendered.problems] + problems


# -- indexes -------------------------------------------------------------------------------
def locale_index(site: Site, locale: str) -> tuple[str, list[str]]:
    """``site/<locale>/index.html``: the locale's articles, unpublished ones linked to the
    source; and what the build must report of it."""
    source = site.project.source_locale
    listed = []
    for article in site.articles:
        slug = article.slug
        if site.is_published(slug, locale):
            version = locale
        elif site.is_listed(slug, locale):
            version = source
        else:
            continue
        fields = site.page_fields(article, version, site.content[version].subset(article.field_keys.values()))
        listed.append(_index_item(slug, locale, fields, version))
    root = "../"
    return render_template(site.environment(locale), "index.html", site.project, posts=listed,
                           canonical=site.url(page_folder(locale)),
                           alternates=with_default(site, site.alternates(None, locale, root)),
                           switcher=site.alternates(None, locale, root), root=root)


def _index_item(slug: str, locale: str, page: dict, version: str) -> dict:
    """An entry of a locale's article list; *version* is the locale the link leads to."""
    other = None if version == locale else hreflang(version)
    return {
        "title": page["title"] if other is None else LocalizedText(page["title"], other),
        "description": page["description"] if other is None else LocalizedText(page["description"], other),
        "date": page["date"],
        "href": f"../{page_folder(version, slug)}",
        "hreflang": other,
    }


def language_picker(site: Site) -> str:
    """``site/index.html``: each language named in itself; no scripts, no external assets."""
    items = "\n".join(
        f'<li><a href="{a.href}" hreflang="{a.hreflang}" lang="{a.hreflang}">{escape(a.name)}</a></li>'
        for a in site.alternates(None, "", ""))
    source = hreflang(site.project.source_locale)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{source}" dir="{text_direction(site.project.source_locale)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(site.project.site_name)}</title>\n"
        '<link rel="stylesheet" href="static/site.css">\n</head>\n<body class="language-picker">\n'
        f"<main>\n<h1>{escape(site.project.site_name)}</h1>\n<ul>\n{items}\n</ul>\n</main>\n"
        "</body>\n</html>\n"
    )
