"""Plan a build: which pages exist, which of them must be rendered again, and what the site
holds afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n_tool import po
from l10n_tool.extract.markdown import parse_article
from l10n_tool.status import required_percent

from .output import static_files
from .pages import PageRenderer, site_pages
from .site import Site


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
            path = site.file(article.slug, locale)
            files[path] = site.post_fingerprint(article, locale)
            if clean or previous.get(path) != files[path] or not (out / path).is_file():
                todo.setdefault(index, []).append(locale)
    pages: dict[str, PageRenderer] = {}
    static: dict[str, Path] = {}
    if complete:
        pages = site_pages(site)
        folder = site.project.static_dir
        static = {f"static/{p.relative_to(folder).as_posix()}": p for p in static_files(folder)}
        for path in static.values():
            if path.is_symlink():
                site.project.refuse_external_link(path)
        files.update(dict.fromkeys([*pages, *static], ""))
    return Plan(todo, files, pages, static)


def publication(site: Site, slugs: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(locale -> published pages, locale -> pages not published) of every article (*slugs*)."""
    published: dict[str, list[str]] = {site.project.source_locale: list(slugs)}
    skipped: dict[str, list[str]] = {}
    for row in site.statuses:
        (published if row.published else skipped).setdefault(row.locale, []).append(row.page)
    return published, skipped


SHOWN = 3  # messages a withdrawal names before "and N more"
_CAUSES = ("fuzzy", "unusable", "untranslated")  # the likeliest cause of a drop first


@dataclass(frozen=True)
class Withdrawal:
    """A page the last build published in a locale and this one does not (its address now
    leads nowhere). *missing*: its messages without a usable translation, as (``path:line``,
    state, msgid), fuzzy ones first, then unusable ones (markup placeholders that differ from
    the source), then untranslated ones, each in source order."""

    page: str
    locale: str
    folder: str  # where it was in the site: nl/posts/x/
    percent: float  # of its words translated
    required: float  # the percentage it needs to be published
    missing: tuple[tuple[str, str, str], ...]

    def __str__(self) -> str:
        lines = [f"{self.folder}: withdrawn: {self.percent:.1f}% of its words translated, below the "
                 f"{self.required:g}% it needs; the last build published it"]
        for where, state, msgid in self.missing[:SHOWN]:
            text = " ".join(msgid.split())
            lines.append(f"  {where}: {state}: {text if len(text) <= 60 else text[:57] + '...'}")
        if len(self.missing) > SHOWN:
            lines.append(f"  and {len(self.missing) - SHOWN} more without a usable translation")
        return "\n".join(lines)


def withdrawals(site: Site, previous: dict[str, str]) -> list[Withdrawal]:
    """The pages of *site* that the last build (*previous*: its files) published and this one
    does not, in page then locale order. Rare, so each affected locale's content catalog is
    read strictly here, to tell a fuzzy message from an untranslated one."""
    project = site.project
    gone = [row for row in site.statuses if not row.published and site.file(row.page, row.locale) in previous]
    articles = {article.slug: article for article in site.articles}
    catalogs: dict[str, po.Catalog | None] = {}
    found = []
    for row in sorted(gone, key=lambda row: (row.page, project.locales.index(row.locale))):
        if row.locale not in catalogs:
            path = project.catalog_path(row.locale, "content")
            catalogs[row.locale] = po.read_po(path, display_path=project.relative(path)) if path.is_file() else None
        article = articles.get(row.page)
        missing = _missing(site, article, row.locale, catalogs[row.locale]) if article is not None else ()
        policy = project.policy(row.locale)
        found.append(Withdrawal(row.page, row.locale, site.folder(row.page, row.locale), row.content_percent,
                                required_percent(policy.threshold, policy.fallback), missing))
    return found


def _missing(site: Site, article, locale: str, catalog: po.Catalog | None) -> tuple:
    """(``path:line``, state, msgid) of each of *article*'s messages that *locale* shows in the
    source language, the likeliest causes first."""
    parsed = parse_article(site.project.content_dir / article.name, rel_path=article.path, slug=article.slug,
                           front_matter_keys=site.project.front_matter_keys,
                           parameters=site.project.shortcode_parameters)
    first: dict = {}
    for segment in parsed.segments:
        first.setdefault(segment.key, segment)
    segments = list(first.values())
    found = site.content[locale].find_all(segment.key for segment in segments)
    missing = [(str(segment.origin), _state(catalog, segment.key), segment.msgid)
               for segment, entry in zip(segments, found) if entry is None]
    return tuple(sorted(missing, key=lambda item: _CAUSES.index(item[1])))


def _state(catalog: po.Catalog | None, key: tuple) -> str:
    """Why a message has no usable translation in its locale's own catalog."""
    message = catalog.get(key[1], key[0]) if catalog is not None else None
    if message is None or not message.strings()[0]:
        return "untranslated"
    return "fuzzy" if message.fuzzy else "unusable"  # translated, but not safe to show
