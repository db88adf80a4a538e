"""Compile a catalog to a GNU .mo file, leaving out what msgfmt leaves out."""

from __future__ import annotations

import struct

from .catalog import Catalog
from .writer import write_bytes


def _hash(key: bytes) -> int:
    """The hashpjw function GNU gettext uses for the .mo hash table (on the msgid)."""
    h = 0
    for byte in key:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        if h >= 0x10000000:
            h = (h ^ ((h & 0xF0000000) >> 24)) & 0x0FFFFFFF
    return h


NUMPY_FROM = 300_000   # key bytes; below this, importing numpy costs more than it saves


def _hashes(keys: list[bytes]) -> list[int]:
    """hashpjw of every key; vectorised with numpy for large catalogs if it is installed."""
    if sum(map(len, keys)) < NUMPY_FROM:
        return [_hash(k) for k in keys]
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy is optional
        return [_hash(k) for k in keys]
    if not keys:
        return []
    order = sorted(range(len(keys)), key=lambda i: -len(keys[i]))
    lengths = np.array([len(keys[i]) for i in order], dtype=np.int64)
    buf = np.frombuffer(b"".join(keys[i] for i in order), dtype=np.uint8).astype(np.uint64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    h = np.zeros(len(keys), dtype=np.uint64)
    active = len(keys)
    for pos in range(int(lengths[0]) if len(lengths) else 0):
        while active and lengths[active - 1] <= pos:
            active -= 1
        part = h[:active]
        part = ((part << np.uint64(4)) + buf[starts[:active] + pos]) & np.uint64(0xFFFFFFFF)
        top = part & np.uint64(0xF0000000)
        part = (part ^ (top >> np.uint64(24))) & ~top & np.uint64(0xFFFFFFFF)
        h[:active] = part
    out = [0] * len(keys)
    for rank, i in enumerate(order):
        out[i] = int(h[rank])
    return out


def _is_prime(candidate: int) -> bool:
    """gettext's own test (it calls 3 composite, which changes small table sizes)."""
    divn = 3
    sq = divn * divn
    while sq < candidate and candidate % divn != 0:
        divn += 1
        sq += 4 * divn
        divn += 1
    return candidate % divn != 0


def _table_size(count: int) -> int:
    """msgfmt's hash table size: the next "prime" after count * 4 / 3, at least 3."""
    size = (count * 4) // 3 | 1
    while not _is_prime(size):
        size += 2
    return max(size, 3)


def compile_entries(catalog: Catalog) -> list[tuple[bytes, bytes]]:
    """(key, value) pairs msgfmt would write: the header and translated messages."""
    codec = catalog._codec
    pairs: list[tuple[bytes, bytes]] = []
    if catalog.header is not None:
        # like msgfmt (0.20+), leave POT-Creation-Date out for reproducible builds
        head = "\n".join(line for line in catalog.header.msgstr.split("\n")
                         if not line.startswith("POT-Creation-Date:"))
        pairs.append((b"", head.encode(codec)))
    for msg in catalog.messages:
        if msg.obsolete or "fuzzy" in msg.flags:
            continue
        if msg.msgid_plural is not None:
            forms = msg.strings()
            if not forms or not forms[0]:
                continue  # msgfmt skips a message whose first form is empty
            key = msg.msgid.encode(codec) + b"\0" + msg.msgid_plural.encode(codec)
            value = b"\0".join(f.encode(codec) for f in forms)
        else:
            if not msg.msgstr:
                continue
            key = msg.msgid.encode(codec)
            value = msg.msgstr.encode(codec)
        if msg.msgctxt is not None:
            key = msg.msgctxt.encode(codec) + b"\x04" + key
        pairs.append((key, value))
    pairs.sort(key=lambda kv: kv[0])
    return pairs


def compile_mo(catalog: Catalog, *, hash_table: bool = True) -> bytes:
    """GNU .mo bytes: fuzzy, untranslated (empty first form) and obsolete entries left
    out like msgfmt; the header is kept even when it is marked fuzzy (as msgfmt does)."""
    pairs = compile_entries(catalog)
    count = len(pairs)
    hsize = _table_size(count) if hash_table else 0
    header_size = 7 * 4
    orig_off = header_size
    trans_off = orig_off + count * 8
    hash_off = trans_off + count * 8
    data_off = hash_off + hsize * 4
    originals = bytearray()
    translations = bytearray()
    otable, ttable = [], []
    for key, _ in pairs:
        otable.append((len(key), data_off + len(originals)))
        originals += key + b"\0"
    tstart = data_off + len(originals)
    for _, value in pairs:
        ttable.append((len(value), tstart + len(translations)))
        translations += value + b"\0"
    out = bytearray(struct.pack("<7I", 0x950412DE, 0, count, orig_off, trans_off, hsize, hash_off))
    for length, offset in otable:
        out += struct.pack("<2I", length, offset)
    for length, offset in ttable:
        out += struct.pack("<2I", length, offset)
    if hsize:
        table = [0] * hsize
        hashes = _hashes([key.split(b"\0", 1)[0] for key, _ in pairs])  # msgid: a C string
        for index, h in enumerate(hashes):
            slot = h % hsize
            step = 1 + (h % (hsize - 2))
            while table[slot]:
                slot += step
                if slot >= hsize:
                    slot -= hsize
            table[slot] = index + 1
        out += struct.pack(f"<{hsize}I", *table)
    out += originals
    out += translations
    return bytes(out)


def write_mo(catalog: Catalog, path, *, hash_table: bool = True) -> bool:
    """Compile and write atomically if the bytes differ; True if written. Without the hash
    table (like msgfmt --no-hash) compiling a large catalog is much faster; Python's gettext
    ignores the table and GNU libintl falls back to a binary search."""
    return write_bytes(path, compile_mo(catalog, hash_table=hash_table))
