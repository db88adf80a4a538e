"""The quick path of ``l10n build``: when only translations in content catalogs changed since
the last build, read just the changed entries and render just the pages that use them.

A full build leaves its state in ``.l10n-cache/build/``: what it was built from (a digest of
the code, configuration, templates, UI catalogs and static files; every article's stat; every
content catalog's stat and a copy of its bytes), each page's status, and two sharded tables:
msgid -> the articles that use a message with it, and article -> its summary and its messages' usable
translations in each catalog. The next build compares: when articles, templates, UI and
configuration are untouched and each changed content catalog differs only inside entries
whose messages stay the same (``po.delta``), the pages using a changed translation are
rendered again from those tables. Anything else (a message added or removed, a changed title,
a page crossing the publish threshold, a file the state does not vouch for) returns None and
the caller builds in full, which reads everything strictly and writes a new state.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing as mp
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from l10n_tool.config import Project
from l10n_tool.extract import load_articles
from l10n_tool.extract.articles import trusted_stat, find_articles
from l10n_tool.extract.cache import CACHE_DIR, SHARDS, ShardedCache, code_digest, load_pickle, save_pickle, shard_of
from l10n_tool.files import StagedWrites, atomic_file, file_stat, write_atomic
from l10n_tool.po import summary_pieces
from l10n_tool.po.delta import changed_entries
from l10n_tool.status import PageStatus, page_statuses
from l10n_tool.translations import (Tables, Translations, load_summaries, plural_function, translations_for_all,
                                    usable_content, usable_table)

FORMAT = 2  # of the state
FOLDER = "build"
Progress = Callable[[str], None]


class State(NamedTuple):
    """What the last full or quick build was made from, and the status of every page."""

    signature: bytes  # code, configuration, templates, UI catalogs, static files, year
    articles: list  # (name, stat) of every article in path order; a None stat is not vouched for
    catalogs: dict  # locale -> stat of its content catalog when copied (None: not vouched for)
    plural_forms: dict  # locale -> the content catalog's Plural-Forms header
    slugs: list  # every article's slug, in path order
    statuses: list  # PageStatus fields of every page and target locale, as tuples (quick to pickle)
    year: int


# -------------------------------------------------------------------------- snapshots


class Snapshot:
    """What a full build reads, in an order that lets the next build trust stats: article stats,
    then the articles, then each content catalog with its stat (its bytes staged as the next
    state's copy). Of the catalogs only the translations the articles use are kept."""

    def __init__(self, articles: list, sources: list, content: Tables, plural_forms: dict, stats: dict):
        self.articles = articles  # (name, trusted stat or None) of every article
        self.sources = sources  # ArticleSource of every article, in the same order
        self.content = content  # the usable translations the articles use, per content catalog
        self.plural_forms = plural_forms  # locale -> the content catalog's Plural-Forms or None
        self.stats = stats  # locale -> trusted stat of the content catalog or None

    @classmethod
    def take(cls, project: Project, jobs: int | None = None) -> "Snapshot":
        global _wanted
        now = time.time_ns()
        articles = [(item.name, trusted_stat(item.stat, now)) for item in find_articles(project.content_dir)]
        sources = load_articles(project)
        keys = list(dict.fromkeys(key for source in sources for key in source.keys))
        tasks = []
        for locale in project.locales:
            path = project.catalog_path(locale, "content")
            tasks.append((locale, path, project.relative(path), _folder(project), now))
        jobs = min(jobs or os.cpu_count() or 1, len(tasks))
        size = sum((file_stat(task[1]) or (0,))[0] for task in tasks)
        _wanted = keys  # inherited by the forked readers
        try:
            if jobs > 1 and size > PARALLEL_FROM and "fork" in mp.get_all_start_methods():
                with ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork")) as pool:
                    read = dict(zip(project.locales, pool.map(_read_catalog, tasks)))
            else:
                read = {task[0]: _read_catalog(task) for task in tasks}
        finally:
            _wanted = []
        tables = {locale: {key: value for key, value in zip(keys, values) if value is not None}
                  for locale, (values, _, _) in read.items() if values is not None}
        return cls(articles, sources,
                   Tables(tables, {locale: plural_function(read[locale][1]) for locale in tables}),
                   {locale: forms for locale, (_, forms, _) in read.items()},
                   {locale: stat for locale, (_, _, stat) in read.items()})


PARALLEL_FROM = 16 << 20  # bytes of content catalogs before reading them in parallel pays
_wanted: list = []  # the message keys the articles use, in a stable order (see Snapshot.take)


def _read_catalog(task: tuple) -> tuple[list | None, str | None, tuple | None]:
    """(usable translation or None of each wanted key, Plural-Forms, trusted stat) of one content
    catalog, its bytes staged as the next state's copy; (None, None, None) when it does not exist.

    Only translations come back, in the order of the keys: the caller pairs them with its own
    key objects, so the articles and every catalog's table share one copy of each message.
    """
    locale, path, shown, folder, now = task
    stat = file_stat(path)
    if stat is None:
        return None, None, None
    position = {key: index for index, key in enumerate(_wanted)}
    values: list = [None] * len(_wanted)

    def keep(translated: list[tuple]) -> None:
        for context, msgid, plural, msgstr, forms in translated:
            index = position.get((context, msgid))
            if index is not None and usable_content(msgid, plural, forms or (msgstr,)):
                values[index] = (msgstr, forms, locale)

    plural_forms = _read_in_pieces(path, shown, keep)
    _stage_copy(folder, locale, path)
    return values, plural_forms, (trusted_stat(stat, now) if file_stat(path) == stat else None)


def _read_in_pieces(path: Path, shown: str, keep: Callable[[list[tuple]], None]) -> str | None:
    """The catalog's Plural-Forms; its translated entries go to *keep* a piece of the file at
    a time (po.summary_pieces), so that the whole file is never held."""
    plural_forms = None
    for number, piece in enumerate(summary_pieces(path, shown)):
        if number == 0:
            plural_forms = piece.plural_forms
        keep(piece.translated)
    return plural_forms


def _folder(project: Project) -> Path:
    return project.root / CACHE_DIR / FOLDER


def _copy_path(folder: Path, locale: str, staged: bool = False) -> Path:
    return folder / f"{locale}.content.po{'.new' if staged else ''}"


def _stage_copy(folder: Path, locale: str, path: Path) -> None:
    """Copy the content catalog as the next state's (the stats taken around the reading and
    this copy tell whether it can be trusted)."""
    try:
        with open(path, "rb") as source, atomic_file(_copy_path(folder, locale, staged=True), durable=False) as copy:
            shutil.copyfileobj(source, copy, COPY_BUFFER)
    except OSError:
        pass  # without a copy the next build is a full one


COPY_BUFFER = 1 << 20


def signature(project: Project, year: int) -> bytes:
    """Everything but articles and content catalogs that a page depends on."""
    from l10n_tool.build import _inputs_digest, _static_files

    digest = hashlib.sha256(_inputs_digest(project, year))
    for locale in project.locales:
        path = project.catalog_path(locale, "ui")
        digest.update(f"\0{locale}\0".encode() + (path.read_bytes() if path.is_file() else b"-"))
    for path in _static_files(project.static_dir):
        digest.update(f"\0{path}\0{file_stat(path)}".encode())
    digest.update(f"\0{project.output_dir.resolve()}".encode())
    return digest.digest()


def _settings(project: Project) -> tuple:
    return (FORMAT, code_digest(), tuple(project.front_matter_keys), project.content, tuple(project.locales))


def _rows(statuses: list[PageStatus]) -> list[tuple]:
    return [(s.page, s.locale, s.ui_percent, s.content_percent, s.verdict, s.published, s.path) for s in statuses]


def _all_files(folder: Path, names) -> bool:
    """Whether every one of *names* (relative paths) is a file in *folder*."""
    isfile, prefix = os.path.isfile, f"{folder}{os.sep}"
    return all(isfile(prefix + name) for name in names)


@contextlib.contextmanager
def saving_state(project: Project, site, snapshot: Snapshot) -> Iterator[None]:
    """Remember what the full build in the ``with`` block is made from, once it succeeds (best
    effort: without a state the next build is full).

    The per-article tables are written meanwhile, by a forked process where there is one, while
    the pages render. The old state is forgotten first, so tables written for a build that fails
    are never trusted.
    """
    folder = _folder(project)
    with contextlib.suppress(OSError):
        (folder / "state.pickle").unlink(missing_ok=True)
    writer = None
    if len(site.articles) >= FORK_WRITER_FROM and "fork" in mp.get_all_start_methods():
        writer = mp.get_context("fork").Process(target=_save_tables, args=(project, site, snapshot))
        writer.start()
    try:
        yield
    finally:
        if writer is not None:
            writer.join()  # also when the build failed: no writer outlives the build's lock
    if writer is None:
        try:
            _save_tables(project, site, snapshot)
        except OSError:
            return
    elif writer.exitcode != 0:
        return  # a table could not be written
    _save_state(project, site, snapshot)


FORK_WRITER_FROM = 200  # articles before writing their tables in a process of its own pays


def _save_tables(project: Project, site, snapshot: Snapshot) -> None:
    """Each article's summary and translations, and msgid -> the articles using it."""
    settings = _settings(project)
    tables = [(locale, snapshot.content.tables.get(locale, {}).get) for locale in project.locales]
    articles = ShardedCache(project.root, f"{FOLDER}/articles", settings)
    users = ShardedCache(project.root, f"{FOLDER}/keys", settings)
    for index, group in _by_shard(zip((name for name, _ in snapshot.articles), site.articles)):
        articles.write_shard(index, {name: (article, {locale: tuple(map(find, article.keys)) for locale, find in tables})
                                     for name, article in group})
    used: dict[str, list[str]] = {}
    for (name, _), article in zip(snapshot.articles, site.articles):
        for msgid in {msgid for _, msgid in article.keys}:
            used.setdefault(msgid, []).append(name)
    for index, group in _by_shard(used.items()):
        users.write_shard(index, dict(group))


def _save_state(project: Project, site, snapshot: Snapshot) -> None:
    """The catalog copies and ``state.pickle``, which makes the tables trusted: written last."""
    folder = _folder(project)
    if [project.content_dir / name for name, _ in snapshot.articles] != [article.file for article in site.articles]:
        return  # articles came or went while building
    for locale in project.locales:
        staged, copy = _copy_path(folder, locale, staged=True), _copy_path(folder, locale)
        try:
            if locale in snapshot.content.tables:
                os.replace(staged, copy)
            else:
                copy.unlink(missing_ok=True)
        except OSError:
            snapshot.stats[locale] = None
            with contextlib.suppress(OSError):
                copy.unlink(missing_ok=True)  # a copy of an older catalog, not of what this build read
    state = State(signature(project, site.year), snapshot.articles, snapshot.stats, snapshot.plural_forms,
                  [article.slug for article in site.articles], _rows(site.statuses), site.year)
    save_pickle(folder / "state.pickle", _settings(project), state)


def _by_shard(items) -> Iterator[tuple[int, list]]:
    """(shard, its (name, value) pairs) of every shard of a ShardedCache, empty ones too."""
    groups: list[list] = [[] for _ in range(SHARDS)]
    for name, value in items:
        groups[shard_of(name)].append((name, value))
    return enumerate(groups)


# --------------------------------------------------------------------------- the quick path


class Changes(NamedTuple):
    translations: dict  # locale -> {key: usable translation or None} of the changed messages
    copies: dict  # locale -> (new bytes or None if the same, stat) of each catalog whose stat changed


def _catalog_changes(project: Project, state: State) -> Changes | None:
    folder = _folder(project)
    now = time.time_ns()
    translations, copies = {}, {}
    for locale in project.locales:
        path, copy = project.catalog_path(locale, "content"), _copy_path(folder, locale)
        stat = file_stat(path)
        if stat is None:
            if state.catalogs.get(locale) is None and not copy.is_file():
                continue  # there was no catalog and there is none
            return None
        if stat == state.catalogs.get(locale):
            continue
        try:
            new, old = path.read_bytes(), copy.read_bytes()
        except OSError:
            return None
        found = changed_entries(old, new)
        if found is None:
            return None
        before, after = (usable_table(summary, locale, usable_content) for summary in found)
        changed = {key: after.get(key) for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        if changed:
            translations[locale] = changed
        copies[locale] = (new if new != old else None, trusted_stat(stat, now) if file_stat(path) == stat else None)
    return Changes(translations, copies)


def build_changed_translations(project: Project, *, progress: Progress | None = None,
                               jobs: int | None = None):
    """The BuildResult of rendering only what changed translations touch, or None when the
    state cannot vouch for everything else (the caller then builds in full)."""
    from l10n_tool.build import (BuildResult, Site, read_manifest, render_posts, write_manifest, _write)

    folder = _folder(project)
    settings = _settings(project)
    state = load_pickle(folder / "state.pickle", settings)
    if not isinstance(state, State):
        return None
    if [(item.name, item.stat) for item in find_articles(project.content_dir)] != state.articles \
            or None in (stat for _, stat in state.articles):
        return None
    if signature(project, state.year) != state.signature:
        return None
    out = project.output_dir
    manifest = read_manifest(out)
    files = dict(manifest.get("files", {}))
    if not files or not _all_files(out, files):
        return None
    changes = _catalog_changes(project, state)
    if changes is None:
        return None

    keys = ShardedCache(project.root, f"{FOLDER}/keys", settings)
    records = ShardedCache(project.root, f"{FOLDER}/articles", settings)
    if not (keys.complete() and records.complete()):
        return None  # a lost shard would hide the pages that use a changed message
    names = sorted({name for changed in changes.translations.values() for _, msgid in changed
                    for name in keys.get(msgid) or ()})
    loaded = [records.get(name) for name in names]
    if None in loaded:
        return None
    articles = [article for article, _ in loaded]
    for article, values in loaded:
        fields = set(article.field_keys.values())
        for locale, changed in changes.translations.items():
            if not fields.isdisjoint(changed):
                return None  # a title or description: the locale indexes change too
            values[locale] = tuple(changed.get(key, value) for key, value in zip(article.keys, values[locale]))

    tables = {locale: {} for locale in project.locales}
    for article, values in loaded:
        for locale in project.locales:
            tables[locale].update((key, value) for key, value in zip(article.keys, values[locale]) if value is not None)
    plurals = {locale: plural_function(forms) for locale, forms in state.plural_forms.items()}
    content = {locale: Translations(project.fallback_chain(locale), tables, plurals, project.source_locale)
               for locale in project.all_locales}
    ui = translations_for_all(project, "ui", load_summaries(project, "ui"))
    statuses = [PageStatus(*row) for row in state.statuses]
    position = {(row.page, row.locale): index for index, row in enumerate(statuses)}
    for row in page_statuses(project, articles, ui, content, project.locales):
        index = position[(row.page, row.locale)]
        if statuses[index].published != row.published:
            return None  # the page appears or disappears: indexes, sitemap and alternates change
        statuses[index] = row

    site = Site(project, articles, ui, content, statuses, state.year)
    todo: dict[int, list[str]] = {}
    for index, article in enumerate(articles):
        for locale in project.locales:
            path = f"{locale}/{article.slug}/index.html"
            if site.is_published(article.slug, locale):
                fingerprint = site.post_fingerprint(article, locale)
                if files.get(path) != fingerprint:
                    files[path] = fingerprint
                    todo.setdefault(index, []).append(locale)

    result = BuildResult(pages=statuses, catalog_delta=True)
    with StagedWrites(out) as staged:
        for path, html, problems in render_posts(site, todo, jobs=jobs, progress=progress):
            result.rendered += 1
            result.problems.extend(problems)
            _write(staged, path, html.encode("utf-8"), result)
    result.unchanged = len(files) - len(result.written)
    for slug in state.slugs:
        result.published.setdefault(project.source_locale, []).append(slug)
    for row in statuses:
        (result.published if row.published else result.skipped).setdefault(row.locale, []).append(row.page)
    if todo:
        write_manifest(out, {**manifest, "files": files})
    for (article, values), name in zip(loaded, names):
        records.put(name, (article, values))
    records.save()
    stats = dict(state.catalogs)
    for locale, (data, stat) in changes.copies.items():
        try:
            if data is not None:
                write_atomic(_copy_path(folder, locale), data, durable=False, differs=True)
            stats[locale] = stat
        except OSError:
            stats[locale] = None
    save_pickle(folder / "state.pickle", settings, state._replace(catalogs=stats, statuses=_rows(statuses)))
    return result
