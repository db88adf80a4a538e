"""A full build's inputs: every article, the UI catalogs, and of each content catalog the
translations the articles use, read in an order that lets the next build trust file stats.

Each content catalog is read a piece of whole entries at a time and its bytes are copied as
the build state's copy while it is read (``state.py``), so that the next build can tell which
entries a translator changed (``changes.py``).
"""

from __future__ import annotations

import shutil
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Callable

from l10n_tool.config import Project
from l10n_tool.extract import load_articles
from l10n_tool.extract.articles import find_articles, trusted_stat
from l10n_tool.files import atomic_file, file_stat
from l10n_tool.parallel import fork_map
from l10n_tool.po import summary_pieces
from l10n_tool.status import page_statuses
from l10n_tool.translations import (Tables, chained, load_summaries, plural_function, rejected_report, usable_content,
                                    usable_tables)

from . import state
from .packed import PackedTable, write_texts
from .site import Site, site_year

PARALLEL_FROM = 16 << 20  # bytes of content catalogs before reading them in parallel pays
COPY_BUFFER = 1 << 20


class Snapshot:
    """What a full build reads, in an order that lets the next build trust stats: article stats,
    then the articles, then each content catalog with its stat (its bytes staged as the next
    state's copy). Of the catalogs only the translations the articles use are kept."""

    def __init__(self, articles: list, pages: list, content: Tables, plural_forms: dict, stats: dict):
        self.articles = articles  # (name, trusted stat or None) of every article
        self.pages = pages  # Page of every article, in the same order
        self.content = content  # the usable translations the articles use, per content catalog
        self.plural_forms = plural_forms  # locale -> the content catalog's Plural-Forms or None
        self.stats = stats  # locale -> trusted stat of the content catalog or None

    @classmethod
    def take(cls, project: Project, jobs: int | None = None) -> "Snapshot":
        now = time.time_ns()
        articles = [(item.name, trusted_stat(item.stat, now)) for item in find_articles(project)]
        pages = load_articles(project)
        keys = list(dict.fromkeys(key for page in pages for key in page.keys))
        tasks = []
        for locale in project.locales:
            path = project.catalog_path(locale, "content")
            tasks.append((locale, path, project.relative(path), state.folder(project), now))
        size = sum((file_stat(task[1]) or (0,))[0] for task in tasks)
        read = dict(zip(project.locales, fork_map(_read_catalog, tasks, keys, jobs=jobs,
                                                  parallel=size > PARALLEL_FROM)))
        position = {key: index for index, key in enumerate(keys)}
        tables = {locale: PackedTable(position, *packed, locale)
                  for locale, (packed, _, _) in read.items() if packed is not None}
        return cls(articles, pages,
                   Tables(tables, {locale: plural_function(read[locale][1]) for locale in tables}),
                   {locale: forms for locale, (_, forms, _) in read.items()},
                   {locale: stat for locale, (_, _, stat) in read.items()})


def _read_catalog(wanted: list, task: tuple) -> tuple[tuple | None, str | None, tuple | None]:
    """((texts file, bounds, plural entries) of the usable translations of the *wanted* keys,
    Plural-Forms, trusted stat) of one content catalog, its bytes staged as the next state's
    copy; (None, None, None) when it does not exist. The caller makes the PackedTable with its
    own key positions, so the articles and every table share one copy of each message key."""
    locale, path, shown, folder, now = task
    stat = file_stat(path)
    if stat is None:
        return None, None, None
    position = {key: index for index, key in enumerate(wanted)}
    texts: list = [None] * len(wanted)
    extras: dict = {}

    def keep(translated: list[tuple]) -> None:
        for context, msgid, plural, msgstr, forms in translated:
            index = position.get((context, msgid))
            if index is not None and usable_content(msgid, plural, forms or (msgstr,)):
                if forms:
                    extras[index] = (msgstr, forms, locale)
                else:
                    texts[index] = msgstr

    plural_forms = _read_in_pieces(path, shown, keep)
    _stage_copy(state.copy_path(folder, locale, staged=True), path)
    texts_file = state.texts_path(folder, locale)
    bounds = write_texts(texts_file, texts)
    return (texts_file, bounds, extras), plural_forms, (trusted_stat(stat, now) if file_stat(path) == stat else None)


def _read_in_pieces(path: Path, shown: str, keep: Callable[[list[tuple]], None]) -> str | None:
    """The catalog's Plural-Forms; its translated entries go to *keep* a piece of the file at
    a time (po.summary_pieces), so that the whole file is never held."""
    plural_forms = None
    for number, piece in enumerate(summary_pieces(path, shown)):
        if number == 0:
            plural_forms = piece.plural_forms
        keep(piece.translated)
    return plural_forms


def _stage_copy(copy: Path, path: Path) -> None:
    """Copy the content catalog as the next state's (the stats taken around the reading and
    this copy tell whether it can be trusted)."""
    try:
        with open(path, "rb") as source, atomic_file(copy, durable=False) as target:
            shutil.copyfileobj(source, target, COPY_BUFFER)
    except OSError:
        pass  # without a copy the next build is a full one


class FullInputs:
    """Everything a full build renders from; the build state is saved from it."""

    complete = True  # every article's pages are planned, and the site pages and static files

    def __init__(self, project: Project, jobs: int | None = None):
        snapshot = Snapshot.take(project, jobs)
        articles = snapshot.pages
        ui_tables = usable_tables("ui", load_summaries(project, "ui"))
        ui = chained(project, ui_tables)
        content = chained(project, snapshot.content)
        statuses = page_statuses(project, articles, ui, content, project.locales)
        self.snapshot = snapshot
        self.site = Site(project, articles, ui, content, statuses, site_year(articles))
        self.site.tree.check_templates()
        self.site.problems.extend(rejected_report(project, ui_tables.rejected))
        self.slugs = [article.slug for article in articles]

    def recording(self) -> AbstractContextManager:
        """Around rendering and writing: the build state is saved once they succeeded (the block
        gets a list that holds, after it, why it could not be)."""
        return state.saving_full(self.site, self.snapshot)
