"""A full build's content translations, kept out of memory: each locale's usable msgstrs are
written to one file of UTF-8 text and read back with ``os.pread`` when a page needs them.

A site with a dozen locales has a dozen copies of its text; holding them in the build's
process (and in every render worker it forks) would make memory grow with the locales. The
process holds only where each message's text is (*bounds*); the file is unlinked once open,
so nothing is left behind, and forked workers read it through the inherited descriptor.
"""

from __future__ import annotations

import os
from array import array
from itertools import accumulate
from pathlib import Path

from l10n_tool.files import atomic_file

Entry = tuple  # (msgstr, plural forms or None, locale), as in translations.Translations
MERGE_GAP = 4096  # bytes between two wanted texts that are read along rather than skipped


def write_texts(path: Path, texts: list[str | None]) -> array:
    """Write *texts* (None: no translation) to *path*; the bounds of text i, ``[i]:[i + 1]``."""
    encoded = [text.encode("utf-8", "surrogatepass") if text else b"" for text in texts]
    bounds = array("Q", [0])
    bounds.extend(accumulate(map(len, encoded)))
    with atomic_file(path, durable=False) as handle:
        handle.writelines(encoded)
    return bounds


class PackedTable:
    """(msgctxt, msgid) -> Entry of one locale, the msgstrs in a file (``write_texts``). Plural
    entries are few and kept in memory (*extras*: index -> Entry). *position* (key -> index) is
    shared by every locale's table."""

    def __init__(self, position: dict, path: Path, bounds: array, extras: dict[int, Entry], locale: str):
        self.position, self.bounds, self.extras, self.locale = position, bounds, extras, locale
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        os.unlink(path)  # the descriptor keeps the text; nothing stays in the folder

    def __del__(self) -> None:
        fd = getattr(self, "_fd", None)
        if fd is not None:
            os.close(fd)

    def get(self, key: tuple, default=None) -> Entry | None:
        return self.get_many([key])[0] or default

    def get_many(self, keys: list) -> list[Entry | None]:
        """The entry of each key, or None; nearby texts are read together, in one read."""
        found: list = [None] * len(keys)
        wanted = []  # (start, end, index in keys)
        bounds, extras, position = self.bounds, self.extras, self.position
        for number, key in enumerate(keys):
            index = position.get(key)
            if index is None:
                continue
            if extras and index in extras:
                found[number] = extras[index]
            elif bounds[index] != bounds[index + 1]:
                wanted.append((bounds[index], bounds[index + 1], number))
        wanted.sort()
        run = 0
        while run < len(wanted):
            last = run
            while last + 1 < len(wanted) and wanted[last + 1][0] - wanted[last][1] <= MERGE_GAP:
                last += 1
            first = wanted[run][0]
            data = os.pread(self._fd, wanted[last][1] - first, first)  # sorted, never overlapping
            for start, end, number in wanted[run:last + 1]:
                found[number] = (data[start - first:end - first].decode("utf-8", "surrogatepass"), None, self.locale)
            run = last + 1
        return found

    def items(self):
        keys = list(self.position)
        return ((key, entry) for key, entry in zip(keys, self.get_many(keys)) if entry is not None)

    def __eq__(self, other) -> bool:
        return isinstance(other, PackedTable) and dict(self.items()) == dict(other.items())

    __hash__ = None
