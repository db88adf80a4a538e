"""The project's store in ``.l10n-cache/``: best-effort pickles, every one under one key.

Extraction keeps its article summaries, POT entries, template strings and the layout of
``content.pot`` here, and the build its state (``build/state.py``). Every record is stored
under ``store_key(project)``: the tool's code and the settings records depend on, so a record
made by other code or for other settings is never read. A record that is missing, stale,
corrupt or unwritable only makes the next run slower. Large caches are sharded by a hash of
each entry's name, so changing one entry rewrites one small file instead of one big one.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import zlib
from pathlib import Path

from l10n_tool import __version__
from l10n_tool.config import Project
from l10n_tool.files import write_atomic
from l10n_tool.perf import paused_gc

CACHE_DIR = ".l10n-cache"
FORMAT = 1  # of every record; a change makes the whole store stale

SHARDS = 64  # files per sharded cache; a power of two


@functools.lru_cache(maxsize=1)
def code_digest() -> bytes:
    """The tool's own source: caches and page fingerprints made by other code are not reused."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def store_key(project: Project) -> tuple:
    """The key of every record in *project*'s store: what records depend on besides their inputs."""
    return (FORMAT, code_digest(), project.content, tuple(project.front_matter_keys), project.front_matter,
            project.shortcode_parameters, project.templates, project.catalogs, tuple(project.locales))


class Store:
    """*project*'s ``.l10n-cache/``: single records and sharded caches, all under ``store_key``."""

    def __init__(self, project: Project):
        self.root = project.root
        self.key = store_key(project)

    def path(self, name: str) -> Path:
        return self.root / CACHE_DIR / name

    def load(self, name: str):
        """The record saved as *name* (``build/state.pickle``), or None."""
        return load_pickle(self.path(name), self.key)

    def save(self, name: str, value: object) -> str | None:
        """Best effort, as ``save_pickle``."""
        return save_pickle(self.path(name), self.key, value)

    def shards(self, folder: str) -> "ShardedCache":
        return ShardedCache(self.root, folder, self.key)


def load_pickle(path: Path, key: object):
    """What ``save_pickle`` stored under *key*, or None (missing, stale or unreadable)."""
    try:
        with path.open("rb") as handle, paused_gc():  # unpickling allocates many containers
            stored_key, value = pickle.load(handle)
        return value if stored_key == key else None
    except Exception:  # a corrupt pickle can raise nearly anything: it is only a cache
        return None


def save_pickle(path: Path, key: object, value: object) -> str | None:
    """Best effort: a cache that cannot be written is only slower next time. Returns why it
    was not written (``path: reason``), or None."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except Exception as exc:
        return f"{path}: cannot write: {exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)
    return None


_FORMER_FILES = ("articles.pickle", "templates.pickle")  # one-file caches of earlier versions


def prepare_cache_folder(root: Path) -> Path:
    """``.l10n-cache/`` of a project, with the ``.gitignore`` that keeps it out of git."""
    folder = root / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.is_file():
            ignore.write_text("*\n", encoding="utf-8")
        for name in _FORMER_FILES:
            (folder / name).unlink(missing_ok=True)
    except OSError:
        pass
    return folder


def shard_of(name: str) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogatepass")) & (SHARDS - 1)


@functools.lru_cache(maxsize=1)
def shards_of(names: frozenset[str]) -> frozenset[int]:
    """The shards *names* map to (computed once for the caches that share one set of names)."""
    return frozenset(map(shard_of, names))


class ShardedCache:
    """name -> record, in ``SHARDS`` pickles under ``.l10n-cache/<folder>/``, loaded on first use.

    ``put`` marks the entry's shard for writing; ``save`` writes the marked shards and, given
    every *current* name, drops the records of other names and the shard files none maps to.
    """

    def __init__(self, root: Path, folder: str, key: object):
        self.root = root
        self.folder = root / CACHE_DIR / folder
        self.key = key
        self.shards: dict[int, dict] = {}
        self.dirty: set[int] = set()

    def _shard(self, index: int) -> dict:
        shard = self.shards.get(index)
        if shard is None:
            loaded = load_pickle(self._path(index), self.key)
            shard = self.shards[index] = loaded if isinstance(loaded, dict) else {}
        return shard

    def _path(self, index: int) -> Path:
        return self.folder / f"{index:02x}.pickle"

    def get(self, name: str):
        return self._shard(shard_of(name)).get(name)

    def everything(self) -> dict:
        """Every record, name -> record: all shards loaded (cheaper than ``get`` for most names)."""
        merged = {}
        for index in range(SHARDS):
            merged.update(self._shard(index))
        return merged

    def put(self, name: str, record, *, dirty: bool = True) -> None:
        """Store *record*; ``dirty=False`` keeps it in memory unless the shard is written anyway."""
        index = shard_of(name)
        self._shard(index)[name] = record
        if dirty:
            self.dirty.add(index)

    def write_shard(self, index: int, records: dict) -> None:
        """Make *records* (name -> record, each name of shard *index*) that whole shard and write
        it now, keeping nothing in memory: to replace a whole cache one shard at a time. An empty
        shard is written too (see ``complete``); OSError when it cannot be (not best effort)."""
        if not self.folder.is_dir():  # once per cache, not once per shard
            prepare_cache_folder(self.root)
            self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self._path(index), pickle.dumps((self.key, records), protocol=pickle.HIGHEST_PROTOCOL),
                     durable=False)
        self.shards.pop(index, None)
        self.dirty.discard(index)

    def complete(self) -> bool:
        """Whether every shard file exists: true of a cache written shard by shard (``write_shard``)
        unless a file was lost since, when a missing name no longer means "no record"."""
        return all(self._path(index).is_file() for index in range(SHARDS))

    def save(self, current: frozenset[str] | None = None) -> None:
        if current is not None:
            for index, shard in self.shards.items():
                gone = [name for name in shard if name not in current]
                for name in gone:
                    del shard[name]
                if gone:
                    self.dirty.add(index)
        if self.dirty:
            prepare_cache_folder(self.root)
        for index in sorted(self.dirty):
            shard = self.shards[index]
            if shard:
                save_pickle(self._path(index), self.key, shard)
            else:
                self._remove(index)
        self.dirty.clear()
        if current is not None:
            self._remove_unused(shards_of(frozenset(current)))

    def _remove_unused(self, used: frozenset[int]) -> None:
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        wanted = {self._path(index).name for index in used}
        for name in names:
            if name.endswith(".pickle") and name not in wanted:
                self._remove_file(self.folder / name)

    def _remove(self, index: int) -> None:
        self._remove_file(self._path(index))

    @staticmethod
    def _remove_file(path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass
