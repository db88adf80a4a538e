"""Assemble the localised site: pages per locale, fallbacks marked, alternates, sitemap."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import json
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup, escape

from l10n_tool.config import CONFIG_NAME, Project
from l10n_tool.errors import SourceError
from l10n_tool.extract import CACHE_DIR, ArticleSource, code_digest
from l10n_tool.extract.markdown import Article, PreparedArticle, prepare_render, render_article
from l10n_tool.extract.templates import template_files
from l10n_tool.files import StagedWrites, exclusive_lock, write_atomic
from l10n_tool.status import PageStatus, page_statuses
from l10n_tool.translations import Tables, Translations, chained, load_catalogs, load_summaries, translations_for_all

MANIFEST = ".l10n-build.json"
Progress = Callable[[str], None]


class LocalizedText(str):
    """A string that knows its language when that differs from the page's (``.lang``)."""

    lang: str | None = None

    def __new__(cls, text: str, lang: str | None = None) -> "LocalizedText":
        value = super().__new__(cls, text)
        value.lang = lang
        return value


@dataclass(frozen=True)
class Alternate:
    """One language version of a page: for hreflang links and the language switcher."""

    locale: str
    hreflang: str
    href: str
    url: str
    name: str
    current: bool


@dataclass
class BuildResult:
    """What a build wrote: counts per locale and which files changed."""

    written: list[str] = field(default_factory=list)
    rendered: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    published: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    pages: list[PageStatus] = field(default_factory=list)
    catalog_delta: bool = False  # only changed translations were read (rebuild.py)


def hreflang(locale: str) -> str:
    """BCP 47 form of a gettext locale code: ``pt_BR`` -> ``pt-BR``."""
    return locale.replace("_", "-")


@functools.lru_cache(maxsize=None)
def babel_locale(locale: str) -> Locale:
    return Locale.parse(locale.replace("-", "_"))


@functools.lru_cache(maxsize=None)
def self_name(locale: str) -> str:
    """The language's name in itself, capitalised as a menu item: ``Nederlands``."""
    name = babel_locale(locale).get_display_name(babel_locale(locale)) or locale
    return name[:1].upper() + name[1:]


def text_direction(locale: str) -> str:
    return "rtl" if babel_locale(locale).character_order == "right-to-left" else "ltr"


def lang_attr(text: object) -> Markup:
    """`` lang="en"`` for text in another language than the page, else nothing."""
    lang = getattr(text, "lang", None)
    return Markup(' lang="%s"') % lang if lang else Markup("")


def plain(value: object) -> str:
    """Text for attributes and <title>: fallback marks stripped, escaped again on output."""
    return Markup(value).striptags() if isinstance(value, Markup) else str(value)


class Site:
    """One build of a project: the data every page needs, loaded once."""

    def __init__(self, project: Project, articles: list[ArticleSource], ui: dict[str, Translations],
                 content: dict[str, Translations], statuses: list[PageStatus], year: int):
        self.project = project
        self.articles = articles
        self.ui = ui
        self.content = content  # only translation tables: content catalogs are large
        self.statuses = statuses
        self._published = {(s.page, s.locale) for s in statuses if s.published}
        self.year = year
        self._environments: dict[str, Environment] = {}
        self._ui_digests: dict[str, str] = {}
        self._base_digest = _inputs_digest(project, year)

    @classmethod
    def load(cls, project: Project, articles: list[ArticleSource], content: Tables) -> "Site":
        """The site of *articles* with the project's UI catalogs and the *content* tables."""
        ui = translations_for_all(project, "ui", load_summaries(project, "ui"))
        translations = chained(project, content)
        statuses = page_statuses(project, articles, ui, translations, project.locales)
        return cls(project, articles, ui, translations, statuses, site_year(articles))

    # -- publishing ----------------------------------------------------------------------
    def is_published(self, slug: str, locale: str) -> bool:
        return locale == self.project.source_locale or (slug, locale) in self._published

    def is_listed(self, slug: str, locale: str) -> bool:
        """Listed on the locale's index: published, or linked to its source (not `none`)."""
        return self.is_published(slug, locale) or self.project.policy(locale).fallback != "none"

    # -- urls ----------------------------------------------------------------------------
    def url(self, path: str) -> str:
        """Absolute URL of a site path (``nl/posts/x/``), root-relative without base_url."""
        return f"{self.project.base_url}/{path}"

    @staticmethod
    def page_path(locale: str, slug: str | None = None) -> str:
        return f"{locale}/{slug}/" if slug else f"{locale}/"

    def alternates(self, slug: str | None, current: str, root: str) -> list[Alternate]:
        """The published versions of a page (or of the locale index when *slug* is None)."""
        versions = []
        for locale in self.project.all_locales:
            if slug is not None and not self.is_published(slug, locale):
                continue
            path = self.page_path(locale, slug)
            versions.append(Alternate(locale=locale, hreflang=hreflang(locale), href=root + path,
                                      url=self.url(path), name=self_name(locale),
                                      current=locale == current))
        return versions

    # -- rendering -----------------------------------------------------------------------
    def environment(self, locale: str) -> Environment:
        """A Jinja2 environment whose gettext speaks *locale* and escapes every translation."""
        if locale not in self._environments:
            self._environments[locale] = self._make_environment(locale)
        return self._environments[locale]

    def _make_environment(self, locale: str) -> Environment:
        env = Environment(
            loader=FileSystemLoader(str(self.project.templates_dir)),
            autoescape=True,
            undefined=StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # templates do not change during a build: no stat per page
        )
        ui = self.ui[locale]

        @functools.lru_cache(maxsize=None)  # the catalogs do not change during a build either
        def mark(method: str, *args) -> Markup:
            lookup = getattr(ui, method)(*args)
            text = escape(lookup.text)
            if lookup.locale == locale:
                return text
            return Markup('<span lang="%s">') % hreflang(lookup.locale) + text + Markup("</span>")

        @functools.lru_cache(maxsize=4096)
        def date_text(value: dt.date, format: str) -> str:
            return format_date(value, format=format, locale=babel_locale(locale))

        env.newstyle_gettext = True  # type: ignore[attr-defined]
        env.globals.update(_gettext_functions(mark))
        env.filters["plain"] = plain
        env.globals.update(
            lang_attr=lang_attr,
            format_date=lambda value, format="long": date_text(_as_date(value), format),
            format_number=lambda value: format_decimal(value, locale=babel_locale(locale)),
            locale=locale,
            html_lang=hreflang(locale),
            source_lang=hreflang(self.project.source_locale),
            dir=text_direction(locale),
            site_name=self.project.site_name,
            year=self.year,
        )
        return env

    def page_fields(self, article: ArticleSource, locale: str, content: Translations) -> dict:
        """The template fields of *article* in *locale* (no body): front matter translated."""
        meta = article.meta
        fields = {name: LocalizedText(*self._translate(content, locale, key))
                  for name, key in article.field_keys.items()}
        return {
            "slug": article.slug,
            "title": fields.get("title", LocalizedText(str(meta.get("title", article.slug)))),
            "description": fields.get("description", LocalizedText(str(meta.get("description", "")))),
            "image_alt": fields.get("image_alt", LocalizedText(str(meta.get("image_alt", "")))),
            "author": meta.get("author", ""),
            "date": _as_date(meta.get("date")),
            "reading_time": int(meta.get("reading_time", 1)),
            "image": meta.get("image"),
            "tags": meta.get("tags") or [],
            "rating": int(meta.get("rating", 0)),
            "rating_count": int(meta.get("rating_count", 0)),
        }

    @staticmethod
    def _translate(content: Translations, locale: str, key: tuple) -> tuple[str, str | None]:
        """The text of message *key* (context, msgid) and its lang when it fell back."""
        lookup = content.gettext(key[1], key[0])
        return lookup.text, (None if lookup.locale == locale else hreflang(lookup.locale))

    @staticmethod
    def root(source: ArticleSource) -> str:
        """The relative path from a post page up to the site's root."""
        return "../" * (source.slug.count("/") + 2)

    def prepare_post(self, parsed: Article, source: ArticleSource) -> PreparedArticle:
        """*parsed* ready to render in every locale: its images point at the site's static folder."""
        root = self.root(source)
        return prepare_render(parsed, resolve_src=lambda src: f"{root}static/{src}")

    def render_post(self, prepared: PreparedArticle, source: ArticleSource, locale: str) -> tuple[str, list[str]]:
        """The HTML of one post page in *locale*, and the translations that had to fall back."""
        content = self.content[locale]
        slug = source.slug
        root = self.root(source)
        rendered = render_article(prepared, lambda segment: self._translate(content, locale, segment.key),
                                  source_locale=hreflang(self.project.source_locale), locale=hreflang(locale))
        page = self.page_fields(source, locale, content) | {"body": Markup(rendered.html)}
        html = _render(self.environment(locale), "post.html", self.project, page=page,
                       canonical=self.url(self.page_path(locale, slug)),
                       alternates=_with_default(self, self.alternates(slug, locale, root)),
                       switcher=self.alternates(slug, locale, root), root=root)
        problems = [f"{segment.origin}: {locale}: {message}" for segment, message in rendered.problems]
        return html, problems

    # -- fingerprints --------------------------------------------------------------------
    def post_fingerprint(self, source: ArticleSource, locale: str) -> str:
        """Everything a post page's bytes depend on; equal fingerprints, equal pages."""
        digest = hashlib.sha256(self._base_digest + self._ui_digest(locale).encode())
        texts = [locale, source.digest]
        # each message: (the locale it is in, msgstr), or ("", msgid) for the source text
        for (_, msgid), found in zip(source.keys, self.content[locale].find_all(source.keys)):
            texts.extend(("", msgid) if found is None else (found[2], found[0]))
        digest.update("\0".join(texts).encode("utf-8", "surrogatepass"))
        published = [code for code in self.project.all_locales if self.is_published(source.slug, code)]
        digest.update(repr(published).encode())
        return digest.hexdigest()

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


def _gettext_functions(mark: Callable[..., Markup]) -> dict[str, Callable[..., Markup]]:
    """Jinja2's new-style gettext functions (the text is always %-formatted with the call's
    variables) without its per-call context plumbing; *mark(method, *args)* gives the escaped
    text of ``Translations.gettext`` or ``.ngettext``."""

    @functools.lru_cache(maxsize=None)
    def constant(string: str) -> Markup:
        return mark("gettext", string) % {}

    def gettext(string: str, **variables) -> Markup:
        return mark("gettext", string) % variables if variables else constant(string)

    def pgettext(context: str, string: str, **variables) -> Markup:
        variables.setdefault("context", context)
        return mark("gettext", string, context) % variables

    def ngettext(singular: str, plural: str, num: int, **variables) -> Markup:
        variables.setdefault("num", num)
        return mark("ngettext", singular, plural, num) % variables

    def npgettext(context: str, singular: str, plural: str, num: int, **variables) -> Markup:
        variables.setdefault("context", context)
        variables.setdefault("num", num)
        return mark("ngettext", singular, plural, num, context) % variables

    return {"_": gettext, "gettext": gettext, "pgettext": pgettext, "ngettext": ngettext, "npgettext": npgettext}


def build_site(project: Project, *, clean: bool = False, progress: Progress | None = None,
               jobs: int | None = None) -> BuildResult:
    """Build every published page of every locale into the project's output folder.

    Only pages whose inputs changed since the last build are rendered again (their
    fingerprints are kept in the output's manifest); *clean* renders everything. Files are
    replaced only when their bytes change, and files of earlier builds that this one no
    longer produces are removed, all after every page rendered. Two builds of a project
    wait for each other (their pages and build state would mix).
    """
    with exclusive_lock(project.root / CACHE_DIR / "build.lock"):
        return _build(project, clean=clean, progress=progress, jobs=jobs)


def _build(project: Project, *, clean: bool, progress: Progress | None, jobs: int | None) -> BuildResult:
    from l10n_tool import rebuild

    if not clean:
        result = rebuild.build_changed_translations(project, progress=progress, jobs=jobs)
        if result is not None:
            return result
    snapshot = rebuild.Snapshot.take(project, jobs)
    articles = snapshot.sources
    site = Site.load(project, articles, snapshot.content)
    out = project.output_dir
    previous = _read_manifest(out)
    result = BuildResult(pages=site.statuses)
    fingerprints: dict[str, str] = {}
    todo: dict[int, list[str]] = {}
    for index, article in enumerate(articles):
        slug = article.slug
        for locale in project.all_locales:
            if not site.is_published(slug, locale):
                result.skipped.setdefault(locale, []).append(slug)
                continue
            result.published.setdefault(locale, []).append(slug)
            path = f"{locale}/{slug}/index.html"
            fingerprints[path] = site.post_fingerprint(article, locale)
            if clean or previous.get(path) != fingerprints[path] or not (out / path).is_file():
                todo.setdefault(index, []).append(locale)
            else:
                result.unchanged += 1

    with rebuild.saving_state(project, site, snapshot):
        _write_site(site, todo, fingerprints, previous, result, jobs=jobs, progress=progress)
    return result


def _write_site(site: Site, todo: dict[int, list[str]], fingerprints: dict[str, str], previous: dict[str, str],
                result: BuildResult, *, jobs: int | None, progress: Progress | None) -> None:
    """Render the posts in *todo* and the site pages, copy the static files, remove what earlier
    builds wrote and this one does not, and write the manifest."""
    project, out = site.project, site.project.output_dir
    pages = site_pages(project)
    with StagedWrites(out) as staged:  # nothing reaches the output unless every page rendered
        for path, html, problems in render_posts(site, todo, jobs=jobs, progress=progress, pages=list(pages)):
            if path not in pages:
                result.rendered += 1
                result.problems.extend(problems)
            _write(staged, path, html.encode("utf-8"), result)
        static = {f"static/{p.relative_to(project.static_dir).as_posix()}": p
                  for p in _static_files(project.static_dir)}
        for path, source in static.items():
            _write(staged, path, source.read_bytes(), result)
    produced = set(fingerprints) | set(pages) | set(static)
    result.removed = _remove_stale(out, previous, produced)
    manifest = {
        "version": 1,
        "files": {path: fingerprints.get(path, "") for path in sorted(produced)},
        "ui_texts": {locale: site.ui_texts(locale) for locale in project.all_locales},
    }
    write_manifest(out, manifest)


def write_manifest(out: Path, manifest: dict) -> None:
    write_atomic(out / MANIFEST, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode(),
                 durable=False)


def site_year(articles: list[ArticleSource]) -> int:
    """The year of the newest article (the footer's copyright year)."""
    return max((_as_date(a.meta.get("date"), a.path).year for a in articles), default=dt.date.today().year)


def _write(staged: StagedWrites, path: str, data: bytes, result: BuildResult) -> None:
    if staged.write(path, data):
        result.written.append(path)
    else:
        result.unchanged += 1


# -- rendering posts, in parallel when it pays -------------------------------------------------
PARALLEL_FROM = 24  # articles to render before a process pool is worth its start-up
RENDER_CHUNK = 32  # articles a worker renders per message: their pages are held until it is sent
_worker_site: Site | None = None


def site_pages(project: Project) -> dict[str, Callable[[Site], str]]:
    """The site's pages besides posts, by path: each locale's index, the language picker, the sitemap."""
    pages: dict[str, Callable[[Site], str]] = {
        f"{locale}/index.html": functools.partial(locale_index, locale=locale) for locale in project.all_locales}
    return {**pages, "index.html": language_picker, "sitemap.xml": sitemap}


def render_posts(site: Site, todo: dict[int, list[str]], *, jobs: int | None, progress: Progress | None,
                 pages: list[str] = ()) -> Iterator[tuple[str, str, list[str]]]:
    """(path, html, problems) of every post in *todo* (article index -> locales), then of the
    *pages* named (``site_pages``). In parallel, the pages start first: they are the largest
    tasks, and the posts, which come back in order, do not wait for them."""
    global _worker_site
    jobs = jobs or os.cpu_count() or 1
    posts = sorted(todo.items())
    if jobs > 1 and len(posts) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        _worker_site = site  # inherited by the forked workers
        gc.freeze()  # the site's objects stay shared with the workers instead of being copied
        try:
            with ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork")) as pool:
                started = [pool.submit(_render_task, path) for path in pages]
                chunk = max(1, min(RENDER_CHUNK, len(posts) // (jobs * 8)))
                for rendered in pool.map(_render_task, posts, chunksize=chunk):
                    yield from _reported(rendered, progress)
                for future in started:
                    yield from _reported(future.result(), progress)
        finally:
            _worker_site = None
            gc.unfreeze()
    else:
        for task in [*posts, *pages]:
            yield from _reported(_render_task(task, site), progress)


def _render_task(task: tuple[int, list[str]] | str, site: Site | None = None) -> list[tuple[str, str, list[str]]]:
    """Parse one article once and render it for each of its locales; or render a site page (by path)."""
    site = site or _worker_site
    if isinstance(task, str):
        return [(task, site_pages(site.project)[task](site), [])]
    index, locales = task
    source = site.articles[index]
    prepared = site.prepare_post(source.parse_body(site.project), source)
    pages = []
    for locale in locales:
        html, problems = site.render_post(prepared, source, locale)
        pages.append((f"{locale}/{source.slug}/index.html", html, problems))
    return pages


def _reported(pages, progress: Progress | None):
    for page in pages:
        if progress:
            progress(page[0])
        yield page


def locale_index(site: Site, locale: str) -> str:
    """``site/<locale>/index.html``: the locale's articles, unpublished ones linked to the source."""
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
        fields = site.page_fields(article, version, site.content[version])
        listed.append(_index_item(site, slug, locale, fields, version))
    root = "../"
    return _render(site.environment(locale), "index.html", site.project, posts=listed,
                   canonical=site.url(site.page_path(locale)),
                   alternates=_with_default(site, site.alternates(None, locale, root)),
                   switcher=site.alternates(None, locale, root), root=root)


def _index_item(site: Site, slug: str, locale: str, page: dict, version: str) -> dict:
    """An entry of a locale's article list; *version* is the locale the link leads to."""
    other = None if version == locale else hreflang(version)
    return {
        "title": page["title"] if other is None else LocalizedText(page["title"], other),
        "description": page["description"] if other is None else LocalizedText(page["description"], other),
        "date": page["date"],
        "href": f"../{site.page_path(version, slug)}",
        "hreflang": other,
    }


def _with_default(site: Site, alternates: list[Alternate]) -> list[Alternate]:
    """hreflang alternates plus ``x-default`` pointing at the source version."""
    if len(alternates) < 2:
        return alternates
    source = next(a for a in alternates if a.locale == site.project.source_locale)
    return alternates + [Alternate(source.locale, "x-default", source.href, source.url, source.name, False)]


def _render(env: Environment, name: str, project: Project, **context) -> str:
    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        raise _template_error(exc, project) from None


def _template_error(exc: TemplateError, project: Project) -> SourceError:
    """Locate a template error: the innermost traceback frame inside the templates folder."""
    folder = str(project.templates_dir.resolve())
    path, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.startswith(folder):
            path, line = filename, tb.tb_lineno
        tb = tb.tb_next
    shown = project.relative(Path(path)) if path else project.templates
    return SourceError(shown, line, f"template error: {exc.message or exc}")


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


def sitemap(site: Site) -> str:
    """``sitemap.xml`` with ``xhtml:link`` alternates for every published version."""
    entries = []
    slugs: list[str | None] = [None, *(a.slug for a in site.articles)]
    for slug in slugs:
        versions = site.alternates(slug, "", "")
        for version in versions:
            links = "".join(
                f'\n    <xhtml:link rel="alternate" hreflang="{a.hreflang}" href="{escape(a.url)}"/>'
                for a in _with_default(site, versions)) if len(versions) > 1 else ""
            entries.append(f"  <url>\n    <loc>{escape(version.url)}</loc>{links}\n  </url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n")


def _static_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def read_manifest(out: Path) -> dict:
    """The previous build's manifest: files (path -> fingerprint) and ui_texts per locale."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if data.get("version") == 1 and isinstance(data.get("files"), dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def _read_manifest(out: Path) -> dict[str, str]:
    """Path -> fingerprint of what the previous build wrote (empty if unknown)."""
    return dict(read_manifest(out).get("files", {}))


def _remove_stale(out: Path, previous: dict[str, str], produced: set[str]) -> list[str]:
    """Delete files an earlier build wrote that this build no longer produces."""
    removed = []
    root = out.resolve()
    for relative in sorted(set(previous) - produced):
        path = (out / relative).resolve()
        if root in path.parents and path.is_file():
            path.unlink()
            removed.append(relative)
            _prune_empty(path.parent, root)
    return removed


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _inputs_digest(project: Project, year: int) -> bytes:
    """What every page depends on: the tool's code, configuration, templates, site year."""
    digest = hashlib.sha256(code_digest() + f"\0{year}\0".encode())
    digest.update((project.root / CONFIG_NAME).read_bytes())
    for path in template_files(project.templates_dir):
        digest.update(path.relative_to(project.templates_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def _as_date(value: object, where: str = "front matter") -> dt.date:
    """A front matter date; a bad one is an error naming the article."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise SourceError(where, None, f"date: {value!r} is not an ISO date (YYYY-MM-DD)") from None
    return dt.date(1970, 1, 1)
