"""Plan a build: which pages exist, which of them must be rendered again, and what the site
holds afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .output import static_files
from .pages import PageRenderer, site_pages
from .site import Site, page_file


@dataclass
class Plan:
    """What a build renders and writes."""

    todo: dict[int, list[str]]  # article index (in site.articles) -> the locales to render it in
    files: dict[str, str]  # every file the site holds afterwards -> its fingerprint ("" but for posts)
    pages: dict[str, PageRenderer]  # the site pages to render: path -> renderer (``site_pages``)
    static: dict[str, Path]  # static files to copy: path in the site -> source


def plan_pages(site: Site, complete: bool, previous: dict[str, str], *, clean: bool) -> Plan:
    """The plan for *site*: every published post of its articles whose fingerprint differs from
    the last build's (*previous*: path -> fingerprint) or whose file is gone, or every one when
    *clean*. When the site is *complete* (all articles) the site pages and static files are
    made too; else they, and the other articles' pages, stay as the last build left them."""
    out = site.project.output_dir
    files = {} if complete else dict(previous)
    todo: dict[int, list[str]] = {}
    for index, article in enumerate(site.articles):
        for locale in site.project.all_locales:
            if not site.is_published(article.slug, locale):
                continue
            path = page_file(locale, article.slug)
            files[path] = site.post_fingerprint(article, locale)
            if clean or previous.get(path) != files[path] or not (out / path).is_file():
                todo.setdefault(index, []).append(locale)
    pages: dict[str, PageRenderer] = {}
    static: dict[str, Path] = {}
    if complete:
        pages = site_pages(site)
        folder = site.project.static_dir
        static = {f"static/{p.relative_to(folder).as_posix()}": p for p in static_files(folder)}
        files.update(dict.fromkeys([*pages, *static], ""))
    return Plan(todo, files, pages, static)


def publication(site: Site, slugs: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(locale -> published pages, locale -> pages not published) of every article (*slugs*)."""
    published: dict[str, list[str]] = {site.project.source_locale: list(slugs)}
    skipped: dict[str, list[str]] = {}
    for row in site.statuses:
        (published if row.published else skipped).setdefault(row.locale, []).append(row.page)
    return published, skipped
