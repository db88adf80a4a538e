"""Each kind of page a site has, rendered to text: an article in one locale, a list page (the
home page or a section's) that no article heads, and the language picker at the root (the
sitemap is ``sitemap.py``)."""

from __future__ import annotations

import functools
from typing import Callable

from markupsafe import Markup, escape

from l10n_tool.extract.markdown import Document
from l10n_tool.model import Page

from .locales import hreflang, text_direction
from .markdown import PreparedArticle, prepare_render, render_article
from .site import Site, page_folder, with_default
from .sitemap import sitemap_files
from .templates import render_template
from .tree import url_path


PageRenderer = Callable[[Site], "str | tuple[str, list[str]]"]  # text, or text and problems


def site_pages(site: Site) -> dict[str, PageRenderer]:
    """The site's pages besides articles, by path: each list page no article heads in a
    locale, the language picker, the sitemap (and its parts, on a site too large for one file)."""
    pages: dict[str, PageRenderer] = {}
    for path in site.tree.lists:
        head = site.tree.head_of(path)
        for locale in site.project.all_locales:
            if head is None or not site.is_published(site.articles[head].slug, locale):
                pages[site.file(path, locale)] = functools.partial(list_page, path=path, locale=locale)
    return {**pages, "index.html": language_picker, **sitemap_files(site)}


# -- posts ---------------------------------------------------------------------------------
def post_root(article: Page) -> str:
    """The relative path from an article's page up to the site's root."""
    return "../" * page_folder("", article.slug).count("/")


def prepare_post(document: Document) -> PreparedArticle:
    """*document* ready to render in every locale: its images point at the site's static folder."""
    root = post_root(document.page)
    return prepare_render(document, resolve_src=lambda src: f"{root}static/{src}")


def render_post(site: Site, prepared: PreparedArticle, locale: str) -> tuple[str, list[str]]:
    """The HTML of one post page in *locale*, and the translations that had to fall back."""
    article = prepared.document.page
    content = site.content[locale].subset(article.keys)
    slug = article.slug
    root = post_root(article)
    rendered = render_article(prepared, lambda segment: site.translate(content, locale, segment.key),
                              source_locale=hreflang(site.project.source_locale), locale=hreflang(locale))
    page = site.page_fields(article, locale, content) | {"body": Markup(rendered.html)}
    listed = site.tree.listed_path(site.tree.index_of(slug))
    html, problems = render_template(site.environment(locale), site.tree.template_of(slug), site.project,
                                     page=page, posts=site.list_items(listed, locale) if listed is not None else [],
                                     section=_section(slug), tag=None, canonical=site.url(site.link(slug, locale)),
                                     alternates=with_default(site, site.alternates(slug, locale, root)),
                                     switcher=site.alternates(slug, locale, root), root=root)
    return html, [f"{segment.origin}: {locale}: {message}" for segment, message in rendered.problems] + problems


def _section(slug: str | None) -> str | None:
    """The section (top folder) a page belongs to, or None for pages at the top."""
    path = url_path(slug)
    return path.split("/")[0] if path else None


# -- list pages ----------------------------------------------------------------------------
def list_page(site: Site, path: str, locale: str) -> tuple[str, list[str]]:
    """The list page at *path* (``""``: the home page) in *locale* when no article heads it
    there: its articles, those not published in *locale* linked to their source version; and
    what the build must report of it."""
    root = "../" * page_folder(locale, path).count("/")
    slug = path or None
    return render_template(site.environment(locale), site.tree.list_template(path), site.project, page=None,
                           posts=site.list_items(path, locale), section=_section(path) if path else None,
                           tag=site.tree.tag_of(path),
                           canonical=site.url(site.link(slug, locale)),
                           alternates=with_default(site, site.alternates(slug, locale, root)),
                           switcher=site.alternates(slug, locale, root), root=root)


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
        f"{_stylesheet(site)}</head>\n<body class=\"language-picker\">\n"
        f"<main>\n<h1>{escape(site.project.site_name)}</h1>\n<ul>\n{items}\n</ul>\n</main>\n"
        "</body>\n</html>\n"
    )


def _stylesheet(site: Site) -> str:
    """The picker's link to the site's stylesheet, when the static folder has ``site.css``."""
    css = site.project.static_dir / "site.css"
    return '<link rel="stylesheet" href="static/site.css">\n' if css.is_file() else ""
