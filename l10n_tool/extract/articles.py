"""Article summaries: what status and build need of every article, parsed only when it changed.

Each article is summarised as plain data (digest, path, slug, front matter, message keys and
word counts) and cached per article in ``.l10n-cache/articles/``; extraction also caches its
formatted POT entries in ``.l10n-cache/pot/`` (see ``pot.ArticleEntries``). A file whose size,
times and inode are those recorded is not even read again (git's stat check; a file changed
less than ``RACY_NS`` before it was recorded is always read). Changed articles are parsed in
forked processes on every core when there are many of them.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from l10n_tool.config import Project
from l10n_tool.errors import SourceError
from l10n_tool.extract.cache import ShardedCache, code_digest

Progress = Callable[[str], None]
Key = tuple  # (msgctxt or None, msgid): a message's identity in a catalog

FORMAT = 1  # of the cached records
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

    def parse(self, project: Project):
        from l10n_tool.extract.markdown import parse_article

        return parse_article(self.file, rel_path=self.path, slug=self.slug,
                             front_matter_keys=project.front_matter_keys)

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
                subfolder = entry.is_dir() and not entry.is_symlink()
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


def _trusted(stat: tuple | None, now_ns: int) -> tuple | None:
    """*stat* if the file cannot still change within the same timestamps, else None."""
    if stat is None:
        return None
    newest = max(stat[1], stat[2])
    margin = RACY_NS if newest % 1_000_000_000 else RACY_COARSE_NS
    return stat if newest < now_ns - margin else None


# ------------------------------------------------------------------------------ loading


class Loaded(NamedTuple):
    sources: list[ArticleSource] | None  # without *entries*
    entries: list | None  # with *entries*: pot.ArticleEntries of each article


def load(project: Project, progress: Progress | None = None, *, entries: bool = False,
         jobs: int | None = None) -> Loaded:
    """Every article's summary, or with *entries* its POT entries, parsing only what changed.

    Summaries and entries are cached apart (build and status need only the first, extraction
    only the second); an article parsed for one refreshes its record in the other too. The
    first article (in path order) that fails to parse raises its SourceError, after every
    other article's results were cached.
    """
    from l10n_tool.extract import article_slug

    now_ns = time.time_ns()
    folder = project.content_dir
    found = find_articles(folder)
    settings = (FORMAT, code_digest(), tuple(project.front_matter_keys), project.content)
    summaries = ShardedCache(project.root, "articles", settings)
    pot = ShardedCache(project.root, "pot", settings)
    wanted, other = (pot, summaries) if entries else (summaries, pot)
    prefix = _relative_prefix(project)
    records: list = []
    todo: list[tuple] = []
    for index, item in enumerate(found):
        path = folder / item.name if item.symlink or prefix is None else None
        rel = project.relative(path) if path is not None else prefix + item.name
        record = wanted.get(item.name)
        data = None
        if record is not None and record.path == rel:
            if item.stat is None or record.stat != item.stat:
                data = _read(folder, item.name)
                if data is not None and hashlib.sha256(data).hexdigest() == record.digest:
                    trusted = _trusted(item.stat, now_ns)
                    if trusted != record.stat:
                        record = record._replace(stat=trusted)
                        wanted.put(item.name, record, dirty=False)
                else:
                    record = None
        else:
            record = None
        records.append(record)
        if record is None:
            slug = article_slug(project, folder / item.name)
            todo.append((index, str(folder / item.name), rel, slug, _trusted(item.stat, now_ns), data))

    error = None
    for task, result in zip(todo, parse_all(project, todo, jobs)):
        if progress:
            progress(task[2])
        if isinstance(result, SourceError):
            error = error or result
            continue
        name = found[task[0]].name
        summary, article_entries = result
        records[task[0]] = article_entries if entries else summary
        summaries.put(name, summary)
        pot.put(name, article_entries)
    current = {item.name for item in found}
    wanted.save(current)
    other.save(current)  # the shards it loaded
    if error is not None:
        raise error
    if entries:
        return Loaded(None, records)
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


def _read(folder: Path, name: str) -> bytes | None:
    try:
        with open(os.path.join(folder, name), "rb") as handle:
            return handle.read()
    except OSError:
        return None


# ------------------------------------------------------------------------------ parsing


_worker_keys: tuple | None = None  # front matter keys, for forked workers


def parse_all(project: Project, todo: list[tuple], jobs: int | None) -> Iterator:
    """Per task, in order: (Summary, ArticleEntries), or the SourceError it raised."""
    global _worker_keys
    keys = tuple(project.front_matter_keys)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(todo) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods():
        chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
        _worker_keys = keys
        gc.freeze()  # what the parent holds stays shared with the workers instead of being copied
        try:
            with ProcessPoolExecutor(jobs, mp_context=mp.get_context("fork")) as pool:
                for results in pool.map(_parse_chunk, chunks):
                    yield from (_as_error(result) for result in results)
        finally:
            _worker_keys = None
            gc.unfreeze()
    else:
        for task in todo:
            yield _as_error(parse_one(task, keys))


def _parse_chunk(tasks: list[tuple]) -> list:
    return [parse_one(task, _worker_keys) for task in tasks]


def _as_error(result):
    if result[0] == "error":
        return SourceError(*result[1:])
    return result


def parse_one(task: tuple, front_matter_keys: tuple):
    """Parse one article: (Summary, ArticleEntries), or ("error", path, line, message, column)."""
    from l10n_tool.extract.markdown import parse_article
    from l10n_tool.extract.pot import article_entries

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
                                data=data)
    except SourceError as exc:
        return ("error", exc.path, exc.line, exc.message, exc.column)
    segments = article.page.segments
    summary = Summary(digest, stat, rel, slug, article.page.meta, tuple(segment.key for segment in segments),
                      {name: segment.key for name, segment in article.front_matter.items()}, article.words)
    return summary, article_entries(digest, stat, rel, segments)
