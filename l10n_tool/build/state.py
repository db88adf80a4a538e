"""The build state in ``.l10n-cache/build/``: what the last build was made from, so that the next
one can tell which inputs changed (``changes.py``).

It holds ``state.pickle`` (the signature of everything but articles and content catalogs; every
article's stat; every content catalog's stat; each page's status), a copy of each content
catalog's bytes, and two sharded tables: msgid -> the articles that use a message with it, and
article -> its summary and its messages' usable translations in each catalog. Every part is
stored under the store's one key (``cache.store_key``); ``state.pickle`` is written last and only after the build
succeeded, so a failed build leaves no state to trust and the next build is a full one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NamedTuple

from l10n_tool.config import Project
from l10n_tool.errors import L10nError
from l10n_tool.cache import SHARDS, ShardedCache, Store, shard_of
from l10n_tool.files import file_stat, write_atomic
from l10n_tool.parallel import Background, can_fork
from l10n_tool.status import PageStatus
from l10n_tool.translations import get_many

from .output import static_files
from .site import Site, inputs_digest

if TYPE_CHECKING:
    from .inputs import Snapshot

FOLDER = "build"
STATE = f"{FOLDER}/state.pickle"
FORK_WRITER_FROM = 200  # articles before writing their tables in a process of its own pays


class State(NamedTuple):
    """What the last full or quick build was made from, and the status of every page."""

    signature: bytes  # code, configuration, templates, UI catalogs, static files, year
    articles: list  # (name, stat) of every article in path order; a None stat is not vouched for
    catalogs: dict  # locale -> stat of its content catalog when copied (None: not vouched for)
    plural_forms: dict  # locale -> the content catalog's Plural-Forms header
    slugs: list  # every article's slug, in path order
    localized: dict  # (article slug, locale) -> the slug its URL uses there (Site.localized)
    statuses: list  # PageStatus fields of every page and target locale, as tuples (quick to pickle)
    year: int


def folder(project: Project) -> Path:
    return Store(project).path(FOLDER)


def copy_path(state_folder: Path, locale: str, staged: bool = False) -> Path:
    """The state's copy of a locale's content catalog (*staged*: the next state's, being written)."""
    return state_folder / f"{locale}.content.po{'.new' if staged else ''}"


def texts_path(state_folder: Path, locale: str) -> Path:
    """Where a full build's reader leaves a locale's content translations (``packed.py``)."""
    return state_folder / f"{locale}.content.texts"


def signature(project: Project, year: int) -> bytes:
    """Everything but articles and content catalogs that a page depends on."""
    digest = hashlib.sha256(inputs_digest(project, year))
    for locale in project.locales:
        path = project.catalog_path(locale, "ui")
        digest.update(f"\0{locale}\0".encode() + (path.read_bytes() if path.is_file() else b"-"))
    for path in static_files(project.static_dir):
        digest.update(f"\0{path}\0{file_stat(path)}".encode())
    digest.update(f"\0{project.output_dir.resolve()}".encode())
    return digest.digest()


def rows(statuses: list[PageStatus]) -> list[tuple]:
    return [(s.page, s.locale, s.ui_percent, s.content_percent, s.verdict, s.published, s.path) for s in statuses]


def load(project: Project) -> State | None:
    """The last build's state, or None."""
    found = Store(project).load(STATE)
    return found if isinstance(found, State) else None


def save(project: Project, state: State) -> str | None:
    """Best effort: why it could not be saved, or None."""
    return Store(project).save(STATE, state)


def tables(project: Project) -> tuple[ShardedCache, ShardedCache]:
    """(msgid -> names of the articles using it, article name -> (Page, translations))."""
    store = Store(project)
    return store.shards(f"{FOLDER}/keys"), store.shards(f"{FOLDER}/articles")


# -- after a full build -------------------------------------------------------------------
@contextlib.contextmanager
def saving_full(site: Site, snapshot: Snapshot) -> Iterator[list[str]]:
    """Remember what the full build in the ``with`` block is made from, once it succeeds (best
    effort: without a state the next build is full). The block gets a list that holds, after
    it, why the state could not be saved (warnings: the site is complete all the same).

    The per-article tables are written meanwhile, by a forked process where there is one, while
    the pages render. The old state is forgotten first, so tables written for a build that fails
    are never trusted.
    """
    project = site.project
    notes: list[str] = []
    with contextlib.suppress(OSError):
        Store(project).path(STATE).unlink(missing_ok=True)
    writer = Background(_save_tables, site, snapshot) if len(site.articles) >= FORK_WRITER_FROM and can_fork() \
        else None
    written = True
    try:
        yield notes
    finally:
        if writer is not None:
            written = writer.join()  # also when the build failed: no writer outlives the build's lock
    if writer is None:
        try:
            _save_tables(site, snapshot)
        except (OSError, L10nError) as exc:
            notes.append(f"{_reason(exc)}; {NOT_SAVED}")
            return
    if not written:
        notes.append(f"{Store(project).path(FOLDER)}: the build's tables could not be written; {NOT_SAVED}")
        return
    failed = _save_state(site, snapshot)
    if failed:
        notes.append(f"{failed}; {NOT_SAVED}")


NOT_SAVED = "the site is complete; the build state was not saved, so the next build is a full one"


def _reason(exc: Exception) -> str:
    return f"{exc.filename}: cannot write: {exc.strerror}" if isinstance(exc, OSError) and exc.filename \
        else str(exc)


def _save_tables(site: Site, snapshot: Snapshot) -> None:
    """Each article's summary and translations, and msgid -> the articles using it."""
    project = site.project
    found = [(locale, snapshot.content.tables.get(locale, {})) for locale in project.locales]
    users, articles = tables(project)
    names = [name for name, _ in snapshot.articles]
    for index, group in _by_shard(zip(names, site.articles)):
        articles.write_shard(index, {name: (article, {locale: tuple(get_many(table, list(article.keys)))
                                                      for locale, table in found})
                                     for name, article in group})
    used: dict[str, list[str]] = {}
    for name, article in zip(names, site.articles):
        for msgid in {msgid for _, msgid in article.keys}:
            used.setdefault(msgid, []).append(name)
    for index, group in _by_shard(used.items()):
        users.write_shard(index, dict(group))


def _save_state(site: Site, snapshot: Snapshot) -> str | None:
    """The catalog copies and ``state.pickle``, which makes the tables trusted: written last.
    Returns why ``state.pickle`` could not be written, or None."""
    project = site.project
    state_folder = folder(project)
    if [name for name, _ in snapshot.articles] != [article.name for article in site.articles]:
        return None  # articles came or went while building
    for locale in project.locales:
        staged, copy = copy_path(state_folder, locale, staged=True), copy_path(state_folder, locale)
        try:
            if locale in snapshot.content.tables:
                os.replace(staged, copy)
            else:
                copy.unlink(missing_ok=True)
        except OSError:
            snapshot.stats[locale] = None
            with contextlib.suppress(OSError):
                copy.unlink(missing_ok=True)  # a copy of an older catalog, not of what this build read
    return save(project, State(signature(project, site.year), snapshot.articles, snapshot.stats,
                               snapshot.plural_forms, [article.slug for article in site.articles], site.localized,
                               rows(site.statuses), site.year))


def _by_shard(items) -> Iterator[tuple[int, list]]:
    """(shard, its (name, value) pairs) of every shard of a ShardedCache, empty ones too."""
    groups: list[list] = [[] for _ in range(SHARDS)]
    for name, value in items:
        groups[shard_of(name)].append((name, value))
    return enumerate(groups)


# -- after a quick build ------------------------------------------------------------------
def save_quick(project: Project, state: State, records: ShardedCache, loaded: dict, copies: dict,
               statuses: list[PageStatus]) -> str | None:
    """The state after a quick build: the rendered articles' translations (*loaded*: name ->
    (article, translations)), the changed catalogs' copies (*copies*: locale -> (new bytes or
    None if the same, stat)) and every page's status. Best effort: returns why ``state.pickle``
    could not be saved, or None (a catalog copy that cannot be written is only not vouched for)."""
    for name, record in loaded.items():
        records.put(name, record)
    records.save()
    stats = dict(state.catalogs)
    for locale, (data, stat) in copies.items():
        try:
            if data is not None:
                write_atomic(copy_path(folder(project), locale), data, durable=False, differs=True)
            stats[locale] = stat
        except (OSError, L10nError):
            stats[locale] = None
    return save(project, state._replace(catalogs=stats, statuses=rows(statuses)))
