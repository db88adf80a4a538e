"""The site of one build: its articles, translations and page statuses, what is published where,
and each page's fingerprint (everything its bytes depend on)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass

from jinja2 import Environment, UndefinedError

from l10n_tool.config import CONFIG_NAME, Project
from l10n_tool.errors import SourceError
from l10n_tool.cache import code_digest
from l10n_tool.model import Page
from l10n_tool.extract.templates import template_files
from l10n_tool.status import PageStatus
from l10n_tool.translations import Translations, load_catalogs

from .locales import hreflang, self_name
from .templates import LocalizedText, make_environment
from .tree import INDEX_NAMES, PageTree, folder_lists, page_date, tag_slug, url_path

_SEGMENT_RE = re.compile(r"(?!\.)[\w.-]{1,200}")


def page_folder(locale: str, slug: str | None = None) -> str:
    """Where a page lives in the site: ``pt-BR/posts/x/``, ``pt-BR/posts/`` for ``posts/index``
    or the section ``posts``, ``pt-BR/`` for the home page (``index``, or None); the locale in
    BCP 47 spelling, as its ``lang`` is."""
    path, folder = url_path(slug), hreflang(locale)
    return f"{folder}/{path}/" if path else f"{folder}/"


def page_file(locale: str, slug: str | None = None) -> str:
    """The file a page is written to: ``nl/posts/x/index.html``."""
    return page_folder(locale, slug) + "index.html"


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: for hreflang links and the language switcher."""

    locale: str
    hreflang: str
    href: str
    url: str
    name: str
    current: bool


class Site:
    """One build of a project: the data every page needs, loaded once.

    *articles* are the articles whose pages this build renders: every one, or in a quick
    build only those that a changed translation touches. *statuses* cover every page; a quick
    build also hands over the last full build's *whole* site: every article's slug and where
    each localized one lives (``localized``), which its translation changes cannot alter.
    """

    def __init__(self, project: Project, articles: list[Page], ui: dict[str, Translations],
                 content: dict[str, Translations], statuses: list[PageStatus], year: int,
                 whole: tuple[list[str], dict] | None = None):
        self.project = project
        self.articles = articles
        self.ui = ui
        self.content = content  # only translation tables: content catalogs are large
        self.statuses = statuses
        self.tree = PageTree(project, articles)
        self._published = {(s.page, s.locale) for s in statuses if s.published}
        self._absent = {(a.slug, locale) for a in articles if "locales" in a.meta
                        for locale in set(project.all_locales) - set(project.page_locales(a))}
        self.year = year
        self.problems: list[str] = []  # what the build must report of the site as a whole
        slugs, self.localized = whole if whole is not None else ([a.slug for a in articles], self._localized_paths())
        paths = [url_path(slug) for slug in slugs]
        self._lists = {*folder_lists(project, paths), *self.tree.lists}  # tag pages: in full builds
        self._linkable = {*paths, *self._lists}  # what page_path may name
        self._environments: dict[str, Environment] = {}
        self._ui_digests: dict[str, str] = {}
        # templates may link to any page (page_path): which pages exist where is an input of all
        self._base_digest = hashlib.sha256(inputs_digest(project, year) + repr(
            (sorted(self._published), sorted(self.localized.items()))).encode()).digest()

    # -- publishing ----------------------------------------------------------------------
    def is_published(self, slug: str, locale: str) -> bool:
        if (slug, locale) in self._absent:  # front matter locales: the page is not in this one
            return False
        return locale == self.project.source_locale or (slug, locale) in self._published

    def exists(self, slug: str | None, locale: str) -> bool:
        """Whether the site has the page at *slug*'s URL in *locale*: a published article, or a
        list page (the home page and sections' pages exist in every locale)."""
        return slug is None or url_path(slug) in self._lists or self.is_published(slug, locale)

    def is_listed(self, slug: str, locale: str) -> bool:
        """Listed on the locale's index: published, or linked to its source (not `none`)."""
        if (slug, locale) in self._absent:
            return False
        return self.is_published(slug, locale) or self.project.policy(locale).fallback != "none"

    # -- urls ----------------------------------------------------------------------------
    def folder(self, slug: str | None, locale: str) -> str:
        """Where page *slug* (an article's, or a list page's path) lives in *locale*: its front
        matter ``slug`` (translated when ``slug`` is a translatable key) names its last part."""
        return page_folder(locale, self.localized.get((slug, locale), slug))

    def link(self, slug: str | None, locale: str) -> str:
        """``folder`` as a URL path: a character a path may not hold (``what?``, ``h#sh``,
        ``a b``, ``100%``) percent-encoded; letters of any script kept (an IRI, as HTML takes it)."""
        return url_quote(self.folder(slug, locale))

    def page_path(self, slug: str, locale: str) -> str:
        """For templates: the site path of page *slug* (``posts``, ``opening-hours``) in *locale*,
        or of its source version where *locale* has none; an unknown page is a template error."""
        if url_path(slug) not in self._linkable:
            raise UndefinedError(f"page_path: no page {slug!r} (a page's path below content without .md, "
                                 "or a section)")
        return self.link(slug, locale if self.exists(slug, locale) else self.project.source_locale)

    def file(self, slug: str | None, locale: str) -> str:
        return self.folder(slug, locale) + "index.html"

    def _localized_paths(self) -> dict[tuple[str, str], str]:
        """(article slug, locale) -> the slug its URL uses there, for articles whose front matter
        names a ``slug``. A translation that is not one URL segment, or that takes another page's
        URL, falls back to the source's and is reported."""
        found: dict[tuple[str, str], str] = {}
        source = self.project.source_locale
        for article in self.articles:
            if "slug" not in article.meta:
                continue
            base = str(article.meta["slug"])
            if not is_url_segment(base):
                raise SourceError(article.path, self.project.front_matter_line(article, "slug"),
                                  f"slug: {base!r} is not one URL segment "
                                  "(letters, digits, - . _; no / and not index)")
            key = article.field_keys.get("slug")
            parent = url_path(article.slug).rpartition("/")[0]
            for locale in self.project.all_locales:
                text = base
                if key is not None and locale != source:
                    translated, lang = self.translate(self.content[locale], locale, key)
                    if lang is None and translated != base:
                        if is_url_segment(translated):
                            text = translated
                        else:
                            self.problems.append(f"{article.path}: {locale}: slug {translated!r} is not one URL "
                                                 f"segment; the page keeps {base!r}")
                found[(article.slug, locale)] = f"{parent}/{text}" if parent else text
        return self._without_clashes(found)

    def _without_clashes(self, found: dict[tuple[str, str], str]) -> dict[tuple[str, str], str]:
        """*found* but for slugs that would put two pages at one URL of a locale (each keeps its
        own path then, reported)."""
        taken: dict[tuple[str, str], str] = {}
        for article in self.articles:
            for locale in self.project.all_locales:
                path = url_path(found.get((article.slug, locale), article.slug))
                if (path, locale) in taken and taken[(path, locale)] != article.slug:
                    self.problems.append(f"{article.path}: {locale}: its slug gives /{path}/, the URL of "
                                         f"{taken[(path, locale)]}; the page keeps its own path")
                    found.pop((article.slug, locale), None)
                    path = url_path(article.slug)
                taken.setdefault((path, locale), article.slug)
        return found

    def url(self, path: str) -> str:
        """Absolute URL of a site path (``nl/posts/x/``), root-relative without base_url."""
        return f"{self.project.base_url}/{path}"

    def alternates(self, slug: str | None, current: str, root: str) -> list[Alternate]:
        """The versions of a page the site has (of the home page when *slug* is None)."""
        versions = []
        for locale in self.project.all_locales:
            if not self.exists(slug, locale):
                continue
            path = self.link(slug, locale)
            versions.append(Alternate(locale=locale, hreflang=hreflang(locale), href=root + path,
                                      url=self.url(path), name=self_name(locale),
                                      current=locale == current))
        return versions

    # -- page data -----------------------------------------------------------------------
    def environment(self, locale: str) -> Environment:
        """The Jinja2 environment of *locale* (made once per build)."""
        if locale not in self._environments:
            environment = make_environment(self.project, self.ui[locale], locale, self.year)
            environment.filters["tag_slug"] = tag_slug  # a tag page's URL: {{ root }}{{ locale }}/tags/{{ t|tag_slug }}/
            environment.globals["page_path"] = functools.partial(self.page_path, locale=locale)
            self._environments[locale] = environment
        return self._environments[locale]

    def page_fields(self, article: Page, locale: str, content: Translations) -> dict:
        """The template fields of *article* in *locale* (no body): front matter translated."""
        meta = article.meta
        fields = {name: LocalizedText(*self.translate(content, locale, key))
                  for name, key in article.field_keys.items()}
        return {
            **fields,  # every translatable front matter key, translated (title, description, ...)
            "meta": meta,  # the front matter as written, for keys a template reads as they are
            "slug": article.slug,
            "title": fields.get("title", LocalizedText(str(meta.get("title", article.slug)))),
            "description": fields.get("description", LocalizedText(str(meta.get("description", "")))),
            "image_alt": fields.get("image_alt", LocalizedText(str(meta.get("image_alt", "")))),
            "author": meta.get("author", ""),
            "date": page_date(article),
            "reading_time": int(meta.get("reading_time", 1)),
            "image": meta.get("image"),
            "tags": meta.get("tags") or [],
            "rating": int(meta.get("rating", 0)),
            "rating_count": int(meta.get("rating_count", 0)),
        }

    @staticmethod
    def translate(content: Translations, locale: str, key: tuple) -> tuple[str, str | None]:
        """The text of message *key* (context, msgid) and its lang when it fell back."""
        lookup = content.gettext(key[1], key[0])
        return lookup.text, (None if lookup.locale == locale else hreflang(lookup.locale))

    # -- fingerprints --------------------------------------------------------------------
    def post_fingerprint(self, source: Page, locale: str) -> str:
        """Everything a post page's bytes depend on; equal fingerprints, equal pages."""
        digest = hashlib.sha256(self._base_digest + self._ui_digest(locale).encode())
        texts = [locale, source.digest]
        # each message: (the locale it is in, msgstr), or ("", msgid) for the source text
        for (_, msgid), found in zip(source.keys, self.content[locale].find_all(source.keys)):
            texts.extend(("", msgid) if found is None else (found[2], found[0]))
        digest.update("\0".join(texts).encode("utf-8", "surrogatepass"))
        published = [code for code in self.project.all_locales if self.is_published(source.slug, code)]
        digest.update(repr(published).encode())
        listed = self.tree.listed_path(self.tree.index_of(source.slug))
        if listed is not None:  # a list page's head: what it lists too
            digest.update(repr(self.list_items(listed, locale)).encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    # -- list pages ----------------------------------------------------------------------
    def list_items(self, path: str, locale: str) -> list[dict]:
        """The entries of the list page at *path* in *locale*: each listed article's title,
        description, date and link, to the source version when it is not published here."""
        source = self.project.source_locale
        items = []
        root = "../" * self.folder(path, locale).count("/")
        for index in self.tree.members(path):
            article = self.articles[index]
            if self.is_published(article.slug, locale):
                version = locale
            elif self.is_listed(article.slug, locale) and self.is_published(article.slug, source):
                version = source
            else:
                continue
            fields = self.page_fields(article, version, self.content[version].subset(article.field_keys.values()))
            items.append(_list_item(article.slug, locale, fields, version, root + self.link(article.slug, version)))
        return items

    def ui_texts(self, locale: str) -> dict[str, str]:
        """Static UI text a page of *locale* shows -> the language it is in (for the audit)."""
        texts: dict[str, str] = {}
        for context, msgid in self._static_ui_keys:
            lookup = self.ui[locale].gettext(msgid, context)
            texts[" ".join(lookup.text.split())] = hreflang(lookup.locale)
        return texts

    @functools.cached_property
    def _static_ui_keys(self) -> list[tuple]:
        """The UI catalogs' messages without plural or placeholders, in a stable order."""
        catalogs = load_catalogs(self.project, "ui")
        keys = {m.key for catalog in catalogs.values() if catalog for m in catalog.active()
                if not m.msgid_plural and "%" not in m.msgid}
        return sorted(keys, key=repr)

    def _ui_digest(self, locale: str) -> str:
        if locale not in self._ui_digests:
            table = sorted(repr(item) for item in self.ui[locale].items())
            self._ui_digests[locale] = hashlib.sha256(repr(table).encode()).hexdigest()
        return self._ui_digests[locale]


_PATH_SAFE = "/-._~!$&'()*+,;=:@"  # RFC 3986 pchar (and /) of ASCII


def url_quote(path: str) -> str:
    """*path* with each ASCII character a URL path may not hold percent-encoded (UTF-8)."""
    return "".join(ch if ch.isalnum() or ch in _PATH_SAFE or not ch.isascii()
                   else "".join(f"%{byte:02X}" for byte in ch.encode("utf-8")) for ch in path)


def is_url_segment(text: str) -> bool:
    """Whether *text* can be the last part of a page's URL: letters and digits of any script,
    ``-``, ``.`` and ``_``, not starting with ``.``, and not a folder's page name."""
    return bool(_SEGMENT_RE.fullmatch(text)) and text not in INDEX_NAMES


def with_default(site: "Site", alternates: list[Alternate]) -> list[Alternate]:
    """hreflang alternates plus ``x-default`` pointing at the source version."""
    if len(alternates) < 2:
        return alternates
    source = next(a for a in alternates if a.locale == site.project.source_locale)
    return alternates + [Alternate(source.locale, "x-default", source.href, source.url, source.name, False)]


def _list_item(slug: str, locale: str, page: dict, version: str, href: str) -> dict:
    """An entry of a list page; *version* is the locale the link leads to."""
    other = None if version == locale else hreflang(version)
    return {
        "title": page["title"] if other is None else LocalizedText(page["title"], other),
        "description": page["description"] if other is None else LocalizedText(page["description"], other),
        "date": page["date"],
        "href": href,
        "hreflang": other,
        "slug": slug,
    }


def site_year(articles: list[Page]) -> int:
    """The year of the newest dated article (the footer's copyright year)."""
    dates = [date for date in map(page_date, articles) if date is not None]
    return max(dates).year if dates else dt.date.today().year


def inputs_digest(project: Project, year: int) -> bytes:
    """What every page depends on: the tool's code, configuration, templates, site year."""
    digest = hashlib.sha256(code_digest() + f"\0{year}\0".encode())
    digest.update((project.root / CONFIG_NAME).read_bytes())
    for path in template_files(project.templates_dir, project.jinja.suffixes):
        digest.update(path.relative_to(project.templates_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()
