"""POT templates: one entry per (context, msgid), references merged in first-seen order.

An article's own entries are formatted once, when it is parsed, and cached as bytes
(``ArticleEntries``); ``content.pot`` is then those bytes joined, and only an entry whose key
occurs in more than one article is formatted again, from the merged fields of every article
that has it. The bytes are exactly what po.writer.format_po would write for ``template_catalog``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import time
from array import array
from pathlib import Path
from typing import Iterable, NamedTuple, Sequence

from .. import __version__
from ..model import Segment
from .catalog import Catalog
from .message import Message
from .wrap import format_string
from .writer import comment_lines, format_message, reference_lines

Key = tuple  # (msgctxt or None, msgid)


class Fields(NamedTuple):
    """What the occurrences of one key contribute to its entry, merged in order."""

    plural: str | None
    references: tuple[str, ...]
    comments: tuple[str, ...]
    flags: tuple[str, ...]


def fold(groups: Iterable[tuple[Key, Fields]]) -> dict[Key, Fields]:
    """Merge fields per key in first-seen order, as ``template_catalog`` merges segments."""
    merged: dict[Key, Fields] = {}
    for key, fields in groups:
        known = merged.get(key)
        if known is None:
            merged[key] = Fields(fields.plural, tuple(fields.references), tuple(fields.comments), tuple(fields.flags))
        else:
            merged[key] = Fields(known.plural if known.plural or not fields.plural else fields.plural,
                                 _union(known.references, fields.references), _union(known.comments, fields.comments),
                                 _union(known.flags, fields.flags))
    return merged


def _union(known: tuple, values: Iterable[str]) -> tuple:
    """*known*, then each of *values* not in it yet."""
    out = list(known)
    for value in values:
        if value not in out:
            out.append(value)
    return tuple(out)


def segment_fields(segments: Iterable[Segment]) -> dict[Key, Fields]:
    return fold(((s.context, s.msgid), Fields(s.plural, (str(s.origin),), s.comments, s.flags)) for s in segments)


def message(key: Key, fields: Fields) -> Message:
    context, msgid = key
    return Message(
        msgid=msgid,
        msgctxt=context,
        msgid_plural=fields.plural,
        msgstr_plural={0: "", 1: ""} if fields.plural else {},
        references=list(fields.references),
        extracted_comments=list(fields.comments),
        flags=list(fields.flags),
    )


def entry_bytes(key: Key, fields: Fields) -> bytes:
    """One entry as it follows the one before it in a template: a blank line, then its lines."""
    return ("\n" + "\n".join(entry_lines(key, fields)) + "\n").encode("utf-8")


def entry_lines(key: Key, fields: Fields) -> list[str]:
    """``format_message(message(key, fields))``; an entry without flags or plural (every
    article's) is written directly: comments, references, msgctxt, msgid and an empty msgstr."""
    if fields.flags or fields.plural is not None:
        return format_message(message(key, fields))
    context, msgid = key
    lines = comment_lines("#.", fields.comments)
    if fields.references:
        lines.extend(reference_lines(fields.references))
    if context is not None:
        lines.extend(format_string("msgctxt", context))
    lines.extend(format_string("msgid", msgid))
    lines.append('msgstr ""')
    return lines


def template_catalog(segments: Iterable[Segment], *, project: str) -> Catalog:
    """A POT catalog: one message per (context, msgid), references merged, first-seen order."""
    messages = [message(key, fields) for key, fields in segment_fields(segments).items()]
    return Catalog(header=template_header(project), messages=messages)


class ArticleEntries(NamedTuple):
    """One article's part of ``content.pot``, cached with the article's digest, stat and path.

    ``text`` is its entries' bytes one after the other and ``ends`` where each ends; ``hashes``
    a 64-bit hash of each entry's key, to find keys that other articles have too cheaply;
    ``fields`` the pickled (key, Fields) of each, one after the other (``field_ends``), read
    only for those.
    """

    digest: str
    stat: tuple | None
    path: str
    text: bytes
    ends: bytes  # array("I")
    hashes: bytes  # array("Q")
    fields: bytes
    field_ends: bytes  # array("I")


class EntryIndex(NamedTuple):
    """What assembling ``content.pot`` needs of every article before it needs its entries."""

    digest: str
    stat: tuple | None
    path: str
    hashes: bytes  # array("Q"), as in ArticleEntries


def entry_index(entries: ArticleEntries) -> EntryIndex:
    return EntryIndex(entries.digest, entries.stat, entries.path, entries.hashes)


def key_hash(key: Key) -> int:
    context, msgid = key
    text = msgid if context is None else f"{context}\x04{msgid}"
    flag = b"\0" if context is None else b"\1"
    return int.from_bytes(hashlib.blake2b(flag + text.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")


def article_entries(digest: str, stat: tuple | None, path: str, segments: Sequence[Segment]) -> ArticleEntries:
    merged = segment_fields(segments)
    parts = [entry_bytes(key, fields) for key, fields in merged.items()]
    fields = [pickle.dumps((key, tuple(value)), protocol=pickle.HIGHEST_PROTOCOL) for key, value in merged.items()]
    hashes = array("Q", [key_hash(key) for key in merged])
    return ArticleEntries(digest, stat, path, b"".join(parts), _ends(parts), hashes.tobytes(),
                          b"".join(fields), _ends(fields))


def _ends(parts: list[bytes]) -> bytes:
    ends = array("I")
    end = 0
    for part in parts:
        end += len(part)
        ends.append(end)
    return ends.tobytes()


# ------------------------------------------------------------------------ the file


_CREATION_DATE_RE = re.compile(rb'^"POT-Creation-Date: ([^"\\]*)\\n"', re.M)


def template_bytes(project: str, parts: list[bytes], path: Path) -> tuple[bytes, bool]:
    """The template's bytes and whether they differ from *path*'s.

    The old date is kept when nothing else changed (Sphinx's rule). The old file is read whole
    only when its size says it may be equal.
    """
    catalog = Catalog(header=template_header(project))
    date = catalog.get_header("POT-Creation-Date")
    data = b"".join([_header_bytes(catalog), *parts])
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(4096)
            rest = None

            def old_bytes() -> bytes:
                nonlocal rest
                if rest is None:
                    rest = handle.read()
                return head + rest

            found = _CREATION_DATE_RE.search(head)
            if found and found.group(1).decode("utf-8", "replace") != date:
                current = len(_header_bytes(catalog))
                catalog.set_header("POT-Creation-Date", found.group(1).decode("utf-8", "replace"))
                header = _header_bytes(catalog)
                if size == len(header) + len(data) - current and head.startswith(header[:len(head)]):
                    old = old_bytes()
                    if old.startswith(header) and old.endswith(memoryview(data)[current:]):  # memcmp, no copy
                        return old, False
            return data, size != len(data) or old_bytes() != data
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return data, True


def _header_bytes(catalog: Catalog) -> bytes:
    return ("\n".join(format_message(catalog.header)) + "\n").encode("utf-8")


def template_header(project: str) -> Message:
    """The header of a POT file, dated by ``SOURCE_DATE_EPOCH`` when it is set."""
    fields = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", creation_date()),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Generated-By", f"l10n_tool {__version__}"),
    ]
    return Message(msgid="", msgstr="".join(f"{k}: {v}\n" for k, v in fields),
                      flags=["fuzzy"])


def creation_date() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` for reproducible builds, in gettext's format (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.strip().isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))
