"""Compile a catalog to a GNU .mo file, leaving out what msgfmt leaves out."""

from __future__ import annotations

import struct

from .catalog import Catalog
from .writer import write_bytes


def _hash(key: bytes) -> int:
    """The hashpjw function GNU gettext uses for the .mo hash table."""
    h = 0
    for byte in key:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h = (h ^ (g >> 24)) & 0xFFFFFFFF
            h &= ~g & 0xFFFFFFFF
    return h


def _is_prime(n: int) -> bool:
    if n < 4:
        return n > 1
    if n % 2 == 0:
        return False
    f = 3
    while f * f <= n:
        if n % f == 0:
            return False
        f += 2
    return True


def _table_size(count: int) -> int:
    size = max(3, (count * 4) // 3)
    if size % 2 == 0:
        size += 1
    while not _is_prime(size):
        size += 2
    return size


def compile_entries(catalog: Catalog) -> list[tuple[bytes, bytes]]:
    """(key, value) pairs msgfmt would write: the header and translated messages."""
    codec = catalog._codec
    pairs: list[tuple[bytes, bytes]] = []
    if catalog.header is not None:
        pairs.append((b"", catalog.header.msgstr.encode(codec)))
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
        for index, (key, _) in enumerate(pairs):
            h = _hash(key.split(b"\0", 1)[0])  # msgid only, as for a C string
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


def write_mo(catalog: Catalog, path) -> bool:
    """Compile and write atomically if the bytes differ; True if written."""
    return write_bytes(path, compile_mo(catalog))
