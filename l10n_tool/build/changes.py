"""Which inputs changed since the last build, and what the unchanged ones give.

When articles, templates, UI catalogs, static files and configuration are untouched and each
changed content catalog differs only inside entries whose messages stay the same
(``po.delta``: a translator's edit), the build need not read everything again: the build state
(``state.py``) gives every page's status and the translations of each article, and only the
articles using a changed translation are planned and rendered. Anything else (a message added
or removed, a changed title, a page crossing the publish threshold, a file the state does not
vouch for) gives None, and the build reads everything (``inputs.FullInputs``).
"""

from __future__ import annotations

import contextlib
import os
import time
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Iterator, NamedTuple

from l10n_tool.config import Project
from l10n_tool.extract.articles import find_articles, trusted_stat
from l10n_tool.cache import ShardedCache
from l10n_tool.files import file_stat
from l10n_tool.po.delta import changed_entries
from l10n_tool.status import PageStatus, page_statuses
from l10n_tool.translations import Translations, load_summaries, plural_function, translations_for_all, \
    usable_content, usable_table

from . import state
from .site import Site
from .tree import url_path


class Changes(NamedTuple):
    translations: dict  # locale -> {key: usable translation or None} of the changed messages
    copies: dict  # locale -> (new bytes or None if the same, stat) of each catalog whose stat changed


class QuickInputs:
    """The inputs of a build after translations changed: only the articles that use them."""

    complete = False  # site pages and static files are as the last build left them

    def __init__(self, site: Site, last: state.State, changes: Changes, loaded: dict, records: ShardedCache):
        self.site = site
        self.slugs = last.slugs
        self._last, self._changes, self._loaded, self._records = last, changes, loaded, records

    def recording(self) -> AbstractContextManager:
        """Around rendering and writing: the state is brought up to date once they succeeded;
        the block gets a list that holds, after it, why the state could not be saved."""
        return self._saving()

    @contextlib.contextmanager
    def _saving(self) -> Iterator[list[str]]:
        notes: list[str] = []
        yield notes
        failed = state.save_quick(self.site.project, self._last, self._records, self._loaded, self._changes.copies,
                                  self.site.statuses)
        if failed:
            notes.append(f"{failed}; {state.NOT_SAVED}")


def quick_inputs(project: Project, files: dict[str, str]) -> QuickInputs | None:
    """The inputs of a build that only changed translations need, or None when the state cannot
    vouch for everything else. *files* are the last build's (the output's manifest)."""
    last = state.load(project)
    if last is None or not _unchanged_sources(project, last, files):
        return None
    changes = _catalog_changes(project, last)
    if changes is None:
        return None
    keys, records = state.tables(project)
    loaded = _changed_articles(changes, keys, records)
    if loaded is None:
        return None
    articles = [article for article, _ in loaded.values()]
    ui = translations_for_all(project, "ui", load_summaries(project, "ui"))
    content = _translations(project, last, loaded)
    statuses = _statuses(project, last, articles, ui, content)
    if statuses is None:
        return None
    site = Site(project, articles, ui, content, statuses, last.year, (last.slugs, last.localized))
    return QuickInputs(site, last, changes, loaded, records)


def _unchanged_sources(project: Project, last: state.State, files: dict[str, str]) -> bool:
    """Whether articles, templates, UI catalogs, static files, configuration and the output are
    as the last build left them."""
    if [(item.name, item.stat) for item in find_articles(project)] != last.articles \
            or None in (stat for _, stat in last.articles):
        return False
    if state.signature(project, last.year) != last.signature:
        return False
    return bool(files) and _all_files(project.output_dir, files)


def _all_files(folder: Path, names) -> bool:
    """Whether every one of *names* (relative paths) is a file in *folder*."""
    isfile, prefix = os.path.isfile, f"{folder}{os.sep}"
    return all(isfile(prefix + name) for name in names)


def _catalog_changes(project: Project, last: state.State) -> Changes | None:
    state_folder = state.folder(project)
    now = time.time_ns()
    translations, copies = {}, {}
    for locale in project.locales:
        path, copy = project.catalog_path(locale, "content"), state.copy_path(state_folder, locale)
        stat = file_stat(path)
        if stat is None:
            if last.catalogs.get(locale) is None and not copy.is_file():
                continue  # there was no catalog and there is none
            return None
        if stat == last.catalogs.get(locale):
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


def _changed_articles(changes: Changes, keys: ShardedCache, records: ShardedCache) -> dict | None:
    """Name -> (article, its translations with the changes applied) of each article using a
    changed message; None when a changed message is a title or description (the list pages
    change too), an article at the top uses one, or the state lost a record."""
    if not (keys.complete() and records.complete()):
        return None  # a lost shard would hide the pages that use a changed message
    names = sorted({name for changed in changes.translations.values() for _, msgid in changed
                    for name in keys.get(msgid) or ()})
    loaded = {name: records.get(name) for name in names}
    if None in loaded.values():
        return None
    for article, values in loaded.values():
        if "/" not in url_path(article.slug):
            return None  # a page at the top may head a list page, which lists every article
        fields = set(article.field_keys.values())
        for locale, changed in changes.translations.items():
            if not fields.isdisjoint(changed):
                return None
            values[locale] = tuple(changed.get(key, value) for key, value in zip(article.keys, values[locale]))
    return loaded


def _translations(project: Project, last: state.State, loaded: dict) -> dict[str, Translations]:
    """Content translations of every locale, holding only the loaded articles' messages."""
    tables: dict[str, dict] = {locale: {} for locale in project.locales}
    for article, values in loaded.values():
        for locale in project.locales:
            tables[locale].update((key, value) for key, value in zip(article.keys, values[locale]) if value is not None)
    plurals = {locale: plural_function(forms) for locale, forms in last.plural_forms.items()}
    return {locale: Translations(project.fallback_chain(locale), tables, plurals, project.source_locale)
            for locale in project.all_locales}


def _statuses(project: Project, last: state.State, articles: list, ui: dict, content: dict) -> list | None:
    """Every page's status: the state's, with the loaded articles' computed again; None when a
    page would appear or disappear (indexes, sitemap and alternates change)."""
    statuses = [PageStatus(*row) for row in last.statuses]
    position = {(row.page, row.locale): index for index, row in enumerate(statuses)}
    for row in page_statuses(project, articles, ui, content, project.locales):
        index = position[(row.page, row.locale)]
        if statuses[index].published != row.published:
            return None
        statuses[index] = row
    return statuses
