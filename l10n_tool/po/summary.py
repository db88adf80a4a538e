"""Summary: what status and the build need of a PO file, without its Message objects.

summarize() and summary_pieces() read a file with the fast scan (po.fast) and, wherever the
scan cannot tell, with the strict reader, by themselves: either way the same Summary as
catalog_summary of the strict reader's Catalog, or the strict reader's error."""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING, Callable, Iterator

from ..errors import L10nError
from . import pieces
from .decode import read_bytes
from .fast import Scan, scan, scan_pieces
from .pieces import WholeFileNeeded

if TYPE_CHECKING:
    from .catalog import Catalog

WHOLE = 4  # a file of more than WHOLE * pieces.CHUNK bytes is scanned a piece at a time


class Summary:
    """A PO file's Language and Plural-Forms headers, its translated entries (po.states) as
    (msgctxt, msgid, msgid_plural, first form, every form or None) and its catalog_stats;
    the last two are worked out on first use."""

    __slots__ = ("locale", "plural_forms", "_translated", "_stats")

    def __init__(self, locale: str | None, plural_forms: str | None,
                 translated: list[tuple] | Callable[[], list[tuple]], stats: dict | Callable[[], dict]):
        self.locale = locale
        self.plural_forms = plural_forms
        self._translated = translated
        self._stats = stats

    @property
    def translated(self) -> list[tuple]:
        if callable(self._translated):
            self._translated = self._translated()
        return self._translated

    @property
    def stats(self) -> dict:
        if callable(self._stats):
            self._stats = self._stats()
        return self._stats


def summarize(path, shown: str | None = None) -> Summary:
    """The Summary of the PO file at *path*; errors name *shown* (by default the path)."""
    return summarize_bytes(*read_bytes(path, shown))


def summarize_bytes(data: bytes, shown: str) -> Summary:
    """summarize() of the bytes of a PO file."""
    if len(data) > WHOLE * pieces.CHUNK:  # bound the scan's working memory
        summary = _joined_pieces(data, shown)
        if summary is not None:
            return summary
    return _whole(data, shown)


def summary_pieces(path, shown: str | None = None) -> Iterator[Summary]:
    """The Summary of the PO file at *path* in pieces of whole entries, read a piece at a
    time so that the file is never held whole: the first piece has the file's Language and
    Plural-Forms, and the pieces' translated entries together are the file's. Where the
    pieces cannot vouch for the file, the rest comes from reading it whole."""
    shown = str(path) if shown is None else shown
    given = 0  # entries, active and obsolete, of the pieces given so far
    try:
        with open(path, "rb") as handle:
            for number, found in enumerate(scan_pieces(pieces.entry_pieces(handle.read), shown)):
                if number == 0 and found.header is None:
                    raise WholeFileNeeded  # a header further on would be the file's
                given += len(found.ids) + found.obsolete
                yield scan_summary(found)
    except WholeFileNeeded:
        yield _rest(path, shown, given)
    except OSError as exc:
        raise L10nError(f"{shown}: cannot read: {exc.strerror or exc}") from None


def catalog_summary(catalog: Catalog) -> Summary:
    """The Summary of a Catalog read by the strict reader."""
    from .stats import catalog_stats

    def translated() -> list[tuple]:
        return [(m.msgctxt, m.msgid, m.msgid_plural, m.strings()[0],
                 tuple(m.strings()) if m.msgid_plural is not None else None)
                for m in catalog.messages if m.translated]

    return Summary(catalog.locale, catalog.get_header("Plural-Forms"), translated,
                   lambda: catalog_stats(catalog))


def scan_summary(found: Scan) -> Summary:
    """The Summary of a scanned file (or piece of one)."""
    from .stats import stats_dict

    states = cache(found.states)
    return Summary(found.field("Language") or None, found.field("Plural-Forms"),
                   lambda: found.translated(states()),
                   lambda: stats_dict(*found.msgids_by_state(states()), found.obsolete))


def _whole(data: bytes, shown: str) -> Summary:
    found = scan(data, shown)
    if found is None:
        from .reader import parse_po

        return catalog_summary(parse_po(data, shown))
    return scan_summary(found)


def _rest(path, shown: str, given: int) -> Summary:
    """The Summary of the entries after the first *given* of the file, read whole."""
    data, shown = read_bytes(path, shown)
    if not given:
        return _whole(data, shown)
    from .catalog import Catalog
    from .reader import parse_po

    catalog = parse_po(data, shown)
    return catalog_summary(Catalog(catalog.path, catalog.header, catalog.messages[given:]))


def _joined_pieces(data: bytes, shown: str) -> Summary | None:
    """summarize_bytes() of a large file scanned a piece of whole entries at a time, so that
    the scan never holds the whole text; None when the file must be scanned whole."""
    from .stats import stats_dict

    first, entries, msgids, obsolete = None, [], ([], [], []), 0
    try:
        for found in scan_pieces(pieces.entry_pieces(io.BytesIO(data).read), shown):
            first = first or found
            states = found.states()
            entries.extend(found.translated(states))
            for total, part in zip(msgids, found.msgids_by_state(states)):
                total.extend(part)
            obsolete += found.obsolete
    except WholeFileNeeded:
        return None
    if first is None:
        return None
    return Summary(first.field("Language") or None, first.field("Plural-Forms"), entries,
                   lambda: stats_dict(*msgids, obsolete))
