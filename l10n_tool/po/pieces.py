"""A large PO file cut into pieces of whole entries, at blank lines that certainly end one
entry and start the next, so that a reader never needs to hold more than a piece."""

from __future__ import annotations

from typing import Callable, Iterator

CHUNK = 8 << 20  # bytes of a large file read at a time: a scan's working memory is a few times this
_ENTRY_START = (b"#", b"msgctxt ", b"msgid ")


class WholeFileNeeded(Exception):
    """A piece of a large file cannot be read alone (an error, a message in two pieces, a
    header out of place): the file must be read whole, strictly if need be."""


def _line_before(data: bytes, blank: int) -> bytes:
    """The line that ends where the blank line at *blank* (the index of its first \\n) starts."""
    return data[data.rfind(b"\n", 0, blank) + 1:blank]


def is_entry_boundary(data: bytes, blank: int) -> bool:
    """Whether the blank line at *blank* certainly ends one entry and starts the next: the
    line before it is a string (no comment of the next entry), the line after it starts one."""
    before = _line_before(data, blank)
    ends_entry = before.startswith(b"#~ ") or (before.startswith((b"msgstr", b'"')) and before.endswith(b'"'))
    after = data[blank + 2:blank + 10]
    return ends_entry and (after.startswith(_ENTRY_START) or blank + 2 >= len(data))


def entry_pieces(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """What ``read(n)`` gives, cut into pieces of about CHUNK bytes of whole entries: each
    piece but the last ends with a blank line that certainly ends one entry and starts the
    next, so that no more than a piece is ever held. (A file without such blank lines, CRLF
    ones say, comes whole, read in growing blocks so that joining them stays linear.)"""
    rest = b""
    while True:
        block = read(max(CHUNK, len(rest)))
        data = rest + block if rest else block
        if not block:
            if data:
                yield data
            return
        cut = _last_boundary(data)
        if cut is None:
            rest = data
        else:
            yield data[:cut]
            rest = data[cut:]


def _last_boundary(data: bytes) -> int | None:
    """Where a piece of *data* can end: after its last blank line that certainly ends an
    entry, with enough bytes after it to tell; None when there is none yet."""
    end = len(data) - 10  # is_entry_boundary looks at the 8 bytes after the blank line
    while True:
        blank = data.rfind(b"\n\n", 0, end)
        if blank < 0:
            return None
        if is_entry_boundary(data, blank):
            return blank + 2
        end = blank + 1
