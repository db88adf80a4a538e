"""``content.pot`` assembled again after a change, copying what did not change from the last one.

The body of ``content.pot`` is each article's part in path order: its entries' cached bytes,
except that an entry whose key is in several articles is written once, where it is first seen,
with the merged fields of all of them (``pot.fold``). Extraction records how it put the file
together (``Layout``): each article's name, digest, path and key hashes, where its part ends,
and the fields of every key whose hash is in several articles. Next time, an article that did
not change and shares no key hash with one that changed (or was added or removed) gives the
same part again, copied from the file; only the others are assembled from their entries. The
file is trusted only while it has the size, times and inode recorded with the layout.
"""

from __future__ import annotations

import pickle
import sys
from array import array
from bisect import bisect_right
from collections import Counter
from itertools import accumulate
from pathlib import Path
from typing import Callable, NamedTuple

from l10n_tool.po.pot import ArticleEntries, Fields, entry_bytes, fold
from l10n_tool.files import file_stat

Occurrence = tuple  # (article name, key, pickled Fields)


class Layout(NamedTuple):
    """How one ``content.pot`` was put together."""

    stat: tuple  # (size, mtime_ns, ctime_ns, inode) of the file it describes
    body: int  # where the first entry starts in that file
    names: tuple  # each article's path below the content folder, in order
    digests: tuple
    paths: tuple
    counts: bytes  # array("I"): how many keys each article has
    hashes: bytes  # array("Q"): every article's key hashes, one article after the other
    ends: bytes  # array("Q"): where each article's part ends, counted from body
    shared: dict  # key hash found in several articles -> its Occurrences, in article order


class Assembled(NamedTuple):
    parts: list  # bytes-like pieces of the body, in order
    count: int  # messages in it
    layout: Layout  # without stat and body (known once the file is written)


def old_body(path: Path, layout: Layout | None) -> memoryview | None:
    """The body of the file *layout* describes, if *path* is still that file."""
    if layout is None or file_stat(path) != layout.stat:
        return None
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    ends = memoryview(layout.ends).cast("Q")
    if len(data) != layout.body + (ends[-1] if len(ends) else 0):
        return None
    return memoryview(data)[layout.body:]


def assemble(names: list[str], indexes: list, full: Callable[[int], ArticleEntries],
             old: Layout | None, body: memoryview | None) -> Assembled:
    """The body's parts for articles *names* (``pot.EntryIndex`` each), copying from *body* what it can.

    ``full(i)`` gives article i's ``ArticleEntries``; it is asked only for articles not copied.
    """
    hashes = [memoryview(index.hashes).cast("Q") for index in indexes]
    kept = _unchanged(names, indexes, old) if body is not None else {}
    if kept:
        affected, occurrences = _incremental_occurrences(names, hashes, kept, old)
        redo = {i for i in range(len(names)) if i not in kept}
        for h in affected:
            redo.update(occurrences.get(h, ()))
    else:
        occurrences = _all_occurrences(hashes)
        affected, redo = set(occurrences), set(range(len(names)))
    groups = _Groups(names, hashes, occurrences, full, redo, old.shared if old else {})
    parts: list = []
    ends = array("Q")
    old_ends = memoryview(old.ends).cast("Q") if kept else None
    i = 0
    while i < len(names):
        if i in redo:
            pieces = _article_parts(i, full(i), hashes[i], occurrences, groups)
            parts.extend(pieces)
            ends.append((ends[-1] if ends else 0) + sum(map(len, pieces)))
            i += 1
            continue
        last = i  # copy a run of articles whose old parts follow each other in one piece
        while last + 1 < len(names) and last + 1 not in redo and kept.get(last + 1) == kept[last] + 1:
            last += 1
        first, stop = kept[i], old_ends[kept[last]]
        start = old_ends[first - 1] if first else 0
        parts.append(body[start:stop])
        shift = (ends[-1] if ends else 0) - start
        ends.extend(old_ends[j] + shift for j in range(first, kept[last] + 1))
        i = last + 1
    shared = groups.shared(affected)
    count = sum(map(len, hashes)) - groups.duplicates(shared)
    layout = Layout(None, 0, tuple(names), tuple(index.digest for index in indexes),
                    tuple(index.path for index in indexes), array("I", map(len, hashes)).tobytes(),
                    b"".join(index.hashes for index in indexes), ends.tobytes(), shared)
    return Assembled(parts, count, layout)


def _unchanged(names: list[str], indexes: list, old: Layout | None) -> dict[int, int]:
    """Article number -> its number in *old*, for the articles *old* has with the same digest and path."""
    if old is None:
        return {}
    where = {name: j for j, name in enumerate(old.names)}
    kept = {}
    for i, (name, index) in enumerate(zip(names, indexes)):
        j = where.get(name)
        if j is not None and old.digests[j] == index.digest and old.paths[j] == index.path:
            kept[i] = j
    return kept


def _all_occurrences(hashes: list) -> dict[int, list[int]]:
    """Key hash -> the articles that have it, for every hash in more than one article."""
    counts = Counter()
    for values in hashes:
        counts.update(values)
    repeated = {value for value, count in counts.items() if count > 1}
    occurrences: dict[int, list[int]] = {}
    for i, values in enumerate(hashes):
        if not repeated.isdisjoint(values):
            for value in repeated.intersection(values):
                occurrences.setdefault(value, []).append(i)
    return occurrences


def _incremental_occurrences(names: list[str], hashes: list, kept: dict[int, int], old: Layout):
    """(affected hashes, occurrences): the hashes of every article added, removed or changed since
    *old*, and the articles that have each of them; plus the repeated hashes *old* knew of."""
    old_hashes = memoryview(old.hashes).cast("Q")
    starts = [0, *accumulate(memoryview(old.counts).cast("I"))]
    now = {j: i for i, j in kept.items()}
    changed = [i for i in range(len(names)) if i not in kept]
    number = {name: i for i, name in enumerate(names)}
    left: set[int] = set()  # hashes of the articles' old versions
    for j in range(len(old.names)):
        if j not in now:
            left.update(old_hashes[starts[j]:starts[j + 1]])
    added: dict[int, list[int]] = {}  # hash -> the changed articles that have it
    for i in changed:
        for value in hashes[i]:
            added.setdefault(value, []).append(i)
    affected = left | added.keys()
    unknown = [value for value in added if value not in left and value not in old.shared]
    holders = _holders(old.hashes, unknown, starts)  # new in a changed article: one unchanged one may have it
    occurrences: dict[int, list[int]] = {}
    for value in affected:
        if value in old.shared:  # every article that had it is known
            found = [number[name] for name, _, _ in old.shared[value] if number.get(name) in kept]
        else:  # in at most one old article: a changed one, or one found above
            found = [now[j] for j in holders.get(value, ()) if j in now]
        occurrences[value] = sorted(found + added.get(value, []))
    for value, shared in old.shared.items():
        if value not in affected:
            occurrences[value] = [number[name] for name, _, _ in shared]
    return affected, occurrences


def _holders(data: bytes, values: list[int], starts: list[int]) -> dict[int, list[int]]:
    """Hash -> the articles whose hashes in *data* (array("Q") bytes) include it, for *values*."""
    found: dict[int, list[int]] = {}
    if len(values) > 16:  # one pass over all of them
        wanted = set(values)
        for at, value in enumerate(memoryview(data).cast("Q")):
            if value in wanted:
                found.setdefault(value, []).append(bisect_right(starts, at) - 1)
        return found
    for value in values:  # a byte search for each
        pattern = value.to_bytes(8, sys.byteorder)
        at = data.find(pattern)
        while at != -1:
            if at % 8 == 0:
                found.setdefault(value, []).append(bisect_right(starts, at // 8) - 1)
            at = data.find(pattern, at + 1)
    return found


class _Groups:
    """The Occurrences of repeated key hashes, read from the articles being assembled or the old layout."""

    def __init__(self, names, hashes, occurrences, full, redo, old_shared):
        self.names, self.hashes, self.occurrences = names, hashes, occurrences
        self.full, self.redo, self.old_shared = full, redo, old_shared
        self._found: dict[int, list[Occurrence]] = {}

    def of(self, value: int) -> list[Occurrence]:
        found = self._found.get(value)
        if found is None:
            found = self._found[value] = [self._occurrence(i, value) for i in self.occurrences[value]]
        return found

    def _occurrence(self, i: int, value: int) -> Occurrence:
        name = self.names[i]
        if i not in self.redo:  # unchanged, and so is every article with this hash: as recorded
            return next(found for found in self.old_shared[value] if found[0] == name)
        entries = self.full(i)
        number = list(self.hashes[i]).index(value)
        ends = memoryview(entries.field_ends).cast("I")
        data = entries.fields[ends[number - 1] if number else 0:ends[number]]
        return (name, pickle.loads(data)[0], data)

    def shared(self, affected: set[int]) -> dict[int, list[Occurrence]]:
        """The new layout's record: every hash in several articles with its Occurrences."""
        return {value: (self.old_shared[value] if value not in affected else self.of(value))
                for value, found in sorted(self.occurrences.items()) if len(found) > 1}

    @staticmethod
    def duplicates(shared: dict[int, list[Occurrence]]) -> int:
        """Occurrences beyond the first of each key: entries that are not written."""
        return sum(len(found) - len({key for _, key, _ in found}) for found in shared.values())


def _article_parts(i: int, entries: ArticleEntries, hashes, occurrences: dict, groups: _Groups) -> list:
    """Article i's part: its entries' bytes, a shared key merged where first seen and left out after."""
    if occurrences.keys().isdisjoint(hashes):
        return [entries.text]
    text = memoryview(entries.text)
    parts = []
    start = 0
    for number, end in enumerate(memoryview(entries.ends).cast("I")):
        found = occurrences.get(hashes[number])
        if found is not None and len(found) > 1:
            merged = _shared_entry(groups.of(hashes[number]), groups.names[i])
            if merged is not None:
                if merged:
                    parts.append(merged)
                start = end
                continue
        parts.append(text[start:end])
        start = end
    return parts


def _shared_entry(found: list[Occurrence], name: str) -> bytes | None:
    """The merged entry if article *name* sees its key first, b"" if another one does, None if the
    key is in no other article (only its hash is)."""
    key = next(key for owner, key, _ in found if owner == name)
    same = [(key, Fields(*pickle.loads(data)[1])) for _, other, data in found if other == key]
    if len(same) < 2:
        return None
    first = next(owner for owner, other, _ in found if other == key)
    return entry_bytes(key, fold(same)[key]) if first == name else b""
