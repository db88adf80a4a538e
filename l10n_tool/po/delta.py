"""What changed between two versions of a PO file, read only around the bytes that differ.

A translator's edit touches a few entries of a large catalog. The bytes that differ lie
between the two versions' longest common prefix and suffix (found by comparing blocks, then
halving); that span, widened to whole entries, is scanned in both versions (po.fast) and
compared. ``changed_entries`` gives up (None) whenever it cannot be sure, and the caller then
reads the whole file with the strict reader, which reports any error with its line:

- the file is not UTF-8 without carriage returns, or the span reaches the header;
- the span cannot be cut at lines that certainly end one entry and start the next;
- the scan cannot read either side;
- the span's messages differ as a set: entries added, removed, renamed or duplicated.
"""

from __future__ import annotations

import re

from ..errors import L10nError
from .fast import scan_text
from .pieces import is_entry_boundary
from .summary import Summary, scan_summary

BLOCK = 1 << 20  # bytes compared at a time before halving
MAX_TRIES = 64  # blank lines tried on each side before giving up
_UTF8_HEADER = re.compile(rb'^"Content-Type: text/plain; charset=UTF-8\\n"$', re.M | re.I)


def common_prefix(a: bytes, b: bytes) -> int:
    """Length of the longest common prefix of *a* and *b*."""
    n = min(len(a), len(b))
    lo = hi = 0
    while lo < n:
        hi = min(lo + BLOCK, n)
        if a[lo:hi] != b[lo:hi]:
            break
        lo = hi
    else:
        return n
    while hi - lo > 1:  # a[:lo] == b[:lo] and a[lo:hi] != b[lo:hi]
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo


def common_suffix(a: bytes, b: bytes, limit: int) -> int:
    """Length of the longest common suffix of *a* and *b*, at most *limit*."""
    la, lb = len(a), len(b)
    lo = hi = 0
    while lo < limit:
        hi = min(lo + BLOCK, limit)
        if a[la - hi:la - lo] != b[lb - hi:lb - lo]:
            break
        lo = hi
    else:
        return limit
    while hi - lo > 1:  # the last lo bytes are equal, the last hi are not
        mid = (lo + hi) // 2
        if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
            lo = mid
        else:
            hi = mid
    return lo


def _start(old: bytes, new: bytes, prefix: int) -> int | None:
    """Where the entry holding the first changed byte starts (the same in both versions)."""
    end = prefix
    for _ in range(MAX_TRIES):
        blank = new.rfind(b"\n\n", 0, end)
        if blank <= 0:
            return None
        if is_entry_boundary(old, blank) and is_entry_boundary(new, blank):
            return blank + 2
        end = blank + 1
    return None


def _end(old: bytes, new: bytes, suffix: int) -> tuple[int, int] | None:
    """Where the entry holding the last changed byte ends, in *old* and in *new*."""
    start = len(new) - suffix
    shift = len(old) - len(new)
    for _ in range(MAX_TRIES):
        blank = new.find(b"\n\n", start)
        if blank < 0:
            return len(old), len(new)
        if is_entry_boundary(old, blank + shift) and is_entry_boundary(new, blank):
            return blank + 1 + shift, blank + 1
        start = blank + 1
    return None


def _scan(region: bytes):
    try:
        return scan_text(region.decode("utf-8"), "utf-8")
    except (UnicodeDecodeError, L10nError):
        return None


def changed_entries(old: bytes, new: bytes) -> tuple[Summary, Summary] | None:
    """Summaries of the entries that differ, in *old* and in *new* (the same messages in
    both); two empty ones when the bytes are equal; None when only a full read can tell."""
    if not (_UTF8_HEADER.search(old[:4096]) and _UTF8_HEADER.search(new[:4096])) \
            or old.startswith(b"\xef\xbb\xbf") or b"\r" in new[:4096]:
        return None
    prefix = common_prefix(old, new)
    if prefix == len(old) == len(new):
        return Summary(None, None, [], {}), Summary(None, None, [], {})
    suffix = common_suffix(old, new, min(len(old), len(new)) - prefix)
    start = _start(old, new, prefix)
    ends = _end(old, new, suffix)
    if start is None or ends is None:
        return None
    old_region, new_region = old[start:ends[0]], new[start:ends[1]]
    if b"\r" in new_region or b"\r" in old_region:
        return None
    before, after = _scan(old_region), _scan(new_region)
    if before is None or after is None or before.header is not None or after.header is not None:
        return None
    if sorted(zip(before.ctxs, before.ids), key=repr) != sorted(zip(after.ctxs, after.ids), key=repr):
        return None
    return scan_summary(before), scan_summary(after)
