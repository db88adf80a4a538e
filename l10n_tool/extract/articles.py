"""Article summaries: what status and build need of every article, parsed only when it changed.

Each article is summarised as plain data (digest, path, slug, front matter, message keys and
word counts) and cached per article in ``.l10n-cache/articles/``; extraction also caches its
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
from l10n_tool.parallel import fork_map

Progress = Callable[[str], None]
Key = tuple  # (msgctxt or None, msgid): a message's identity in a catalog

PARALLEL_FROM = 48  # changed articles before parsing them in a process pool pays for its start-up
CHUNK = 16  # articles per task sent to a worker
RACY_NS = 100_000_000  # a file changed this recently may change again with the same stat
RACY_COARSE_NS = 3_000_000_000  # ... on a file system with whole-second times


class ArticleSource:
    """An article as extraction, status and build see it, without its Markdown tokens.

    Plain data, cached by content hash: an unchanged article is never parsed again;
    ``parse()`` gives the full Article when a page must be rendered.
    """

    __slots__ = ("slug", "path", "digest", "meta", "keys", "field_keys", "words", "_base", "_name")

    def __init__(self, slug: str, path: str, digest: str, meta: dict, keys: tuple, field_keys: dict,
                 words: tuple, base: Path, name: str):
        self.slug = slug  # posts/x: the page's identity in URLs and reports
        self.path = path  # project-relative POSIX path, as in references
        self.digest = digest  # sha256 of the file's bytes
        self.meta = meta  # the front matter
        self.keys = keys  # every message of the article, in order
        self.field_keys = field_keys  # translatable front matter field -> its message key
        self.words = words  # source words of each message, in the same order
        self._base = base
        self._name = name

    @property
    def file(self) -> Path:
        return self._base / self._name

    def weighted_keys(self) -> list[tuple[Key, int]]:
        """Each message's key with its source word count, for status percentages."""
        return list(zip(self.keys, self.words))

    def parse_body(self, project: Project):
        """The article's Markdown parsed for rendering; its front matter is ``meta`` already."""
        from l10n_tool.extract.markdown import parse_article

        return parse_article(self.file, rel_path=self.path, slug=self.slug,
                             front_matter_keys=project.front_matter_keys, front_matter=False)

    def _fields(self) -> tuple:
        return (self.slug, self.path, self.digest, self.meta, self.keys, self.field_keys, self.words, self.file)

    def __eq__(self, other) -> bool:
        return isinstance(other, ArticleSource) and self._fields() == other._fields()

    __hash__ = None

    def __repr__(self) -> str:
        return f"ArticleSource(slug={self.slug!r}, path={self.path!r}, digest={self.digest[:12]!r}, " \
               f"messages={len(self.keys)})"


class Summary(NamedTuple):
    """The cached record of one article (``ArticleSource`` without its location)."""

    digest: str
    stat: tuple | None  # (size, mtime_ns, ctime_ns, inode) when it can be trusted
    path: str
    slug: str
    meta: dict
    keys: tuple
    field_keys: dict
    words: tuple


# -------------------------------------------------------------------------- finding files


class Found(NamedTuple):
    name: str  # path below the content folder, POSIX
    symlink: bool
    stat: tuple | None


def find_articles(folder: Path) -> list[Found]:
    """Every ``*.md`` below *folder* as ``folder.rglob("*.md")`` finds them, in sorted path order."""
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
            if name.endswith(".md"):
                try:
                    st = entry.stat()
                    stat = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                except OSError:
                    stat = None
                found.append(Found(prefix + name, _is_symlink(entry), stat))
            try:
                subfolder = entry.is_dir(follow_symlinks=False)
            except OSError:
                subfolder = False
            if subfolder:
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
    sources: list[ArticleSource] | None  # without *entries*
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
        task = (index, str(folder / item.name), record.path, article_slug(self.project, folder / item.name),
                record.stat, None)
        result = _as_error(parse_one(task, tuple(self.project.front_matter_keys), self.project.front_matter))
        if isinstance(result, SourceError):
            raise result
        self.fresh[item.name] = result[1]
        self.cache.put(item.name, result[1])
        return result[1]

    def save(self) -> None:
        self.cache.save()


def load(project: Project, progress: Progress | None = None, *, entries: bool = False,
         jobs: int | None = None, keep: bool = True) -> Loaded:
    """Every article's summary, or with *entries* its POT entries, parsing only what changed.

    Summaries and entries are cached apart (build and status need only the first, extraction
    only the second); an article parsed for one refreshes its record in the other too. Entries
    come as a small index of each article (digest, stat, path, key hashes; ``pot.EntryIndex``)
    and, through ``Loaded.full``, its full entries, loaded only for the articles asked for.
    The first article (in path order) that fails to parse raises its SourceError, after every
    other article's results were cached. Without *keep* the caches are read but never written.
    """
    from l10n_tool.po.pot import entry_index

    now_ns = time.time_ns()
    folder = project.content_dir
    found = find_articles(folder)
    store = Store(project)
    summaries, indexes, full = store.shards("articles"), store.shards("pot"), store.shards("entries")
    wanted = indexes if entries else summaries
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
            slug = f"{folder.name}/{_without_suffix(item.name)}"  # article_slug, without pathlib
            todo.append((index, str(folder / item.name), rel, slug, trusted_stat(item.stat, now_ns), data))

    error = None
    fresh = {}
    for task, result in zip(todo, parse_all(project, todo, jobs)):
        if progress:
            progress(task[2])
        if isinstance(result, SourceError):
            error = error or result
            continue
        name = found[task[0]].name
        summary, article_entries = result
        records[task[0]] = entry_index(article_entries) if entries else summary
        summaries.put(name, summary)
        indexes.put(name, entry_index(article_entries))
        full.put(name, article_entries)
        fresh[name] = article_entries
    current = frozenset(item.name for item in found)
    for cache in (summaries, indexes, full) if keep else ():
        cache.save(current)  # deleted files' records leave the shards loaded; other shards keep them
    if error is not None:
        raise error
    if entries:
        return Loaded(None, records, [item.name for item in found], _FullEntries(project, found, records, fresh, full))
    sources = [ArticleSource(r.slug, r.path, r.digest, r.meta, r.keys, r.field_keys, r.words, folder, item.name)
               for r, item in zip(records, found)]
    return Loaded(sources, None)


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
    """``PurePath(name).with_suffix("").as_posix()`` for a clean relative POSIX *name* ending in ``.md``."""
    return name if name == ".md" or name.endswith("/.md") else name[:-3]


def _read(folder: Path, name: str) -> bytes | None:
    try:
        with open(os.path.join(folder, name), "rb") as handle:
            return handle.read()
    except OSError:
        return None


# ------------------------------------------------------------------------------ parsing


def parse_all(project: Project, todo: list[tuple], jobs: int | None) -> Iterator:
    """Per task, in order: (Summary, ArticleEntries), or the SourceError it raised."""
    chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
    for results in fork_map(_parse_chunk, chunks, (tuple(project.front_matter_keys), project.front_matter), jobs=jobs,
                            parallel=len(todo) >= PARALLEL_FROM):
        yield from (_as_error(result) for result in results)


def _parse_chunk(front_matter: tuple, tasks: list[tuple]) -> list:
    return [parse_one(task, *front_matter) for task in tasks]


def _as_error(result):
    if result[0] == "error":
        return SourceError(*result[1:])
    return result


def parse_one(task: tuple, front_matter_keys: tuple, schema: tuple = ()):
    """Parse one article: (Summary, ArticleEntries), or ("error", path, line, message, column)."""
    from l10n_tool.extract.markdown import parse_article
    from l10n_tool.po.pot import article_entries

    _, file, rel, slug, stat, data = task
    try:
        if data is None:
            try:
                with open(file, "rb") as handle:
                    data = handle.read()
            except OSError as exc:
                raise SourceError(rel, None, f"cannot read file: {exc.strerror or exc}") from None
        digest = hashlib.sha256(data).hexdigest()
        article = parse_article(Path(file), rel_path=rel, slug=slug, front_matter_keys=front_matter_keys,
                                data=data, schema=schema)
    except SourceError as exc:
        return ("error", exc.path, exc.line, exc.message, exc.column)
    segments = article.page.segments
    summary = Summary(digest, stat, rel, slug, article.page.meta, tuple(segment.key for segment in segments),
                      {name: segment.key for name, segment in article.front_matter.items()}, article.words)
    return summary, article_entries(digest, stat, rel, segments)
