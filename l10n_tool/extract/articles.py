"""Every article's Page record (``model.Page``), parsed only when it changed.

Each article's Page (path, slug, digest, front matter, message keys and word counts) is cached
per article in ``.l10n-cache/articles/``; extraction also caches its
formatted POT entries in ``.l10n-cache/entries/`` (``pot.ArticleEntries``) with a small index of
them in ``.l10n-cache/pot/`` (``pot.EntryIndex``). A file whose size,
times and inode are those recorded is not even read again (git's stat check; a file changed
less than ``RACY_NS`` before it was recorded is always read). Changed articles are parsed in
forked processes on every core when there are many of them.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from l10n_tool.config import Project
from l10n_tool.errors import SourceError
from l10n_tool.cache import SHARDS, ShardedCache, Store
from l10n_tool.model import Page
from l10n_tool.parallel import fork_map

Progress = Callable[[str], None]

PARALLEL_FROM = 48  # changed articles before parsing them in a process pool pays for its start-up
CHUNK = 16  # articles per task sent to a worker
RACY_NS = 100_000_000  # a file changed this recently may change again with the same stat
RACY_COARSE_NS = 3_000_000_000  # ... on a file system with whole-second times


# -------------------------------------------------------------------------- finding files


class Found(NamedTuple):
    name: str  # path below the content folder, POSIX
    symlink: bool
    stat: tuple | None


def find_articles(project: Project) -> list[Found]:
    """Every page below the content folder (a name ending in one of ``page_suffixes``: ``.md``,
    ``.markdown``), as ``rglob`` finds them, in sorted path
    order, but for those in the project's other folders (templates, static files, catalogs,
    output) when they lie inside it."""
    folder = project.content_dir
    skip = project.inside_content()
    suffixes = tuple(project.page_suffixes)
    found: list[Found] = []
    if not folder.is_dir():
        return found

    def visit(path: str, prefix: str) -> None:
        try:
            with os.scandir(path) as scan:
                entries = list(scan)
        except PermissionError:
            return
        for entry in entries:
            name = entry.name
            if project.target != "site" and project.is_target_output(prefix + name):
                continue  # a translation a generator target wrote (l10n_tool.targets)
            if name.endswith(suffixes):
                try:
                    st = entry.stat()
                    stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                except OSError:
                    stat = None
                symlink = _is_symlink(entry)
                if symlink:
                    project.refuse_external_link(Path(entry.path))
                found.append(Found(prefix + name, symlink, stat))
            try:
                subfolder = entry.is_dir(follow_symlinks=False)
            except OSError:
                subfolder = False
            if subfolder and prefix + name not in skip:
                visit(entry.path, prefix + name + "/")

    visit(str(folder), "")
    found.sort(key=lambda item: item.name.split("/"))
    return found


def _is_symlink(entry: os.DirEntry) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True


def trusted_stat(stat: tuple | None, now_ns: int) -> tuple | None:
    """*stat* if the file cannot still change within the same timestamps, else None."""
    if stat is None:
        return None
    newest = max(stat[1], stat[2])
    margin = RACY_NS if newest % 1_000_000_000 else RACY_COARSE_NS
    return stat if newest < now_ns - margin else None


# ------------------------------------------------------------------------------ loading


class Loaded(NamedTuple):
    pages: list[Page] | None  # without *entries*
    entries: list | None  # with *entries*: pot.EntryIndex of each article
    names: list[str] | None = None  # with *entries*: each article's path below the content folder
    full: Callable[[int], object] | None = None  # with *entries*: article i's pot.ArticleEntries


class _FullEntries:
    """Each article's full ``pot.ArticleEntries``: parsed this run, else cached, else parsed now."""

    def __init__(self, project: Project, found: list, indexes: list, fresh: dict, cache: ShardedCache):
        self.project, self.found, self.indexes, self.fresh, self.cache = project, found, indexes, fresh, cache

    def __call__(self, index: int):
        name = self.found[index].name
        entries = self.fresh.get(name) or self.cache.get(name)
        if entries is None or entries.digest != self.indexes[index].digest or entries.path != self.indexes[index].path:
            entries = self._parse(index)
        return entries

    def _parse(self, index: int):
        """The cached entries were lost: parse the article again (as it was when indexed) and keep them."""
        from l10n_tool.extract import article_slug

        item, record = self.found[index], self.indexes[index]
        folder = self.project.content_dir
        task = (index, item.name, str(folder / item.name), record.path,
                article_slug(self.project, folder / item.name), record.stat, None)
        result = _as_error(parse_one(task, *_reading(self.project)))
        if isinstance(result, SourceError):
            raise result
        self.fresh[item.name] = result[1]
        self.cache.put(item.name, result[1])
        return result[1]

    def save(self) -> None:
        self.cache.save()


def load(project: Project, progress: Progress | None = None, *, entries: bool = False,
         jobs: int | None = None, keep: bool = True) -> Loaded:
    """Every article's Page, or with *entries* its POT entries, parsing only what changed.

    Pages and entries are cached apart (build and status need only the first, extraction
    only the second); an article parsed for one refreshes its record in the other too. Entries
    come as a small index of each article (digest, stat, path, key hashes; ``pot.EntryIndex``)
    and, through ``Loaded.full``, its full entries, loaded only for the articles asked for.
    The first article (in path order) that fails to parse raises its SourceError, after every
    other article's results were cached. Without *keep* the caches are read but never written.
    """
    from l10n_tool.po.pot import entry_index

    now_ns = time.time_ns()
    folder = project.content_dir
    found = find_articles(project)
    store = Store(project)
    pages, indexes, full = store.shards("articles"), store.shards("pot"), store.shards("entries")
    wanted = indexes if entries else pages
    prefix = _relative_prefix(project)
    records: list = []
    todo: list[tuple] = []
    known = wanted.everything() if len(found) > SHARDS else None
    for index, item in enumerate(found):
        path = folder / item.name if item.symlink or prefix is None else None
        rel = project.relative(path) if path is not None else prefix + item.name
        record = known.get(item.name) if known is not None else wanted.get(item.name)
        data = None
        if record is not None and record.path == rel:
            if item.stat is None or record.stat != item.stat:
                data = _read(folder, item.name)
                if data is not None and hashlib.sha256(data).hexdigest() == record.digest:
                    trusted = trusted_stat(item.stat, now_ns)
                    if trusted != record.stat:
                        record = record._replace(stat=trusted)
                        wanted.put(item.name, record, dirty=False)
                else:
                    record = None
        else:
            record = None
        records.append(record)
        if record is None:
            slug = _without_suffix(item.name)  # article_slug, without pathlib
            todo.append((index, item.name, str(folder / item.name), rel, slug, trusted_stat(item.stat, now_ns), data))

    error = None
    fresh = {}
    for task, result in zip(todo, parse_all(project, todo, jobs)):
        if progress:
            progress(task[3])
        if isinstance(result, SourceError):
            error = error or result
            continue
        name = found[task[0]].name
        page, article_entries = result
        records[task[0]] = entry_index(article_entries) if entries else page
        pages.put(name, page)
        indexes.put(name, entry_index(article_entries))
        full.put(name, article_entries)
        fresh[name] = article_entries
    current = frozenset(item.name for item in found)
    for cache in (pages, indexes, full) if keep else ():
        cache.save(current)  # deleted files' records leave the shards loaded; other shards keep them
    if error is not None:
        raise error
    if entries:
        return Loaded(None, records, [item.name for item in found], _FullEntries(project, found, records, fresh, full))
    return Loaded(records, None)


def _relative_prefix(project: Project) -> str | None:
    """``project.relative(content_dir / name)`` is this + name when no symlink is involved below
    the content folder; None: ask ``project.relative`` for every file."""
    folder = project.content_dir
    try:
        resolved = folder.resolve()
        try:
            inside = resolved.relative_to(project.root.resolve()).as_posix()
        except ValueError:
            inside = None
    except (OSError, RuntimeError):
        return None
    if inside is None:
        return None if folder.as_posix().endswith("/") else folder.as_posix() + "/"
    return "" if inside == "." else inside + "/"


def _without_suffix(name: str) -> str:
    """``PurePath(name).with_suffix("").as_posix()`` for a clean relative POSIX *name* ending in
    a suffix (``.md``, ``.markdown``)."""
    suffix = name[name.rfind("."):]
    return name if name == suffix or name.endswith("/" + suffix) else name[:-len(suffix)]


def _read(folder: Path, name: str) -> bytes | None:
    try:
        with open(os.path.join(folder, name), "rb") as handle:
            return handle.read()
    except OSError:
        return None


# ------------------------------------------------------------------------------ parsing


def parse_all(project: Project, todo: list[tuple], jobs: int | None) -> Iterator:
    """Per task, in order: (Page, ArticleEntries), or the SourceError it raised."""
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    for results in fork_map(_parse_chunk, chunks, _reading(project), jobs=jobs,
                            parallel=len(todo) >= PARALLEL_FROM):
        yield from (_as_error(result) for result in results)


def _reading(project: Project) -> tuple:
    """What parsing an article needs of *project*: ``parse_one``'s arguments after the task."""
    return tuple(project.front_matter_keys), project.front_matter, project.shortcode_parameters


def _parse_chunk(reading: tuple, tasks: list[tuple]) -> list:
    return [parse_one(task, *reading) for task in tasks]


def _as_error(result):
    if result[0] == "error":
        return SourceError(*result[1:])
    return result


def parse_one(task: tuple, front_matter_keys: tuple, schema: tuple = (), parameters: tuple = ()):
    """Parse one article: (Page, ArticleEntries), or ("error", path, line, message, column)."""
    from l10n_tool.extract.markdown import parse_article
    from l10n_tool.po.pot import article_entries

    _, name, file, rel, slug, stat, data = task
    try:
        document = parse_article(Path(file), rel_path=rel, slug=slug, front_matter_keys=front_matter_keys,
                                 data=data, name=name, stat=stat, schema=schema, parameters=parameters)
    except SourceError as exc:
        return ("error", exc.path, exc.line, exc.message, exc.column)
    page = document.page
    return page, article_entries(page.digest, stat, rel, document.segments)
