"""Compile a catalog to a GNU .mo file, leaving out what msgfmt leaves out."""

from __future__ import annotations

import struct
import sys
from itertools import accumulate, compress
from typing import TYPE_CHECKING

from .states import is_compiled

if TYPE_CHECKING:
    from .catalog import Catalog
    from .fast import Scan


def _hash(key: bytes) -> int:
    """The hashpjw function GNU gettext uses for the .mo hash table (on the msgid)."""
    h = 0
    for byte in key:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        if h >= 0x10000000:
            h = (h ^ ((h & 0xF0000000) >> 24)) & 0x0FFFFFFF
    return h


def _hashes(keys: list[bytes]) -> list[int]:
    """_hash of every key, computed for many keys at once: each key is a 64-bit lane of one
    Python integer, and every step of hashpjw is a few whole-integer operations (shift, add,
    and, xor) over all lanes whose key is that long. Keys are taken longest first, in
    chunks, so the lanes still running are always the low ones."""
    n = len(keys)
    order = sorted(range(n), key=lambda i: -len(keys[i]))
    result = bytearray(8 * n)
    top = int.from_bytes(b"\0\0\0\xf0\0\0\0\0" * min(n, _CHUNK), "little")
    low = int.from_bytes(b"\xff\xff\xff\x0f\0\0\0\0" * min(n, _CHUNK), "little")
    for first in range(0, n, _CHUNK):
        chunk = [keys[i] for i in order[first:first + _CHUNK]]
        lengths = [len(k) for k in chunk]
        width = lengths[0]
        rows = b"".join([k.ljust(width, b"\0") for k in chunk])  # byte p of key i at i*width+p
        h = 0
        running = len(chunk)
        pos = 0
        while True:
            still = running
            while still and lengths[still - 1] <= pos:
                still -= 1
            if still < running:  # keys of length pos are done: move their lanes out
                done = h >> (64 * still)
                result[8 * (first + still):8 * (first + running)] = \
                    done.to_bytes(8 * (running - still), "little")
                h &= (1 << (64 * still)) - 1
                running = still
                if not running:
                    break
            lanes = bytearray(8 * running)
            lanes[::8] = rows[pos:pos + running * width:width]
            x = (h << 4) + int.from_bytes(lanes, "little")
            h = (x ^ ((x & top) >> 24)) & low
            pos += 1
    if sys.byteorder == "little":
        values = memoryview(result).cast("Q").tolist()
    else:  # pragma: no cover - big-endian hosts
        values = [int.from_bytes(result[i:i + 8], "little") for i in range(0, 8 * n, 8)]
    hashes = [0] * n
    for index, value in zip(order, values):
        hashes[index] = value
    return hashes


_CHUNK = 1024   # keys per chunk: bounds the padded copy of the keys


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


def header_value(msgstr: str) -> str:
    """The header as msgfmt (0.20+) writes it: without POT-Creation-Date, so that builds
    are reproducible."""
    return "\n".join(line for line in msgstr.split("\n")
                     if not line.startswith("POT-Creation-Date:"))


def message_key(msgctxt: str | None, msgid: str, msgid_plural: str | None, codec: str) -> bytes:
    """A message's .mo key: msgctxt EOT msgid NUL msgid_plural, of the parts it has."""
    key = msgid.encode(codec)
    if msgid_plural is not None:
        key += b"\0" + msgid_plural.encode(codec)
    if msgctxt is not None:
        key = msgctxt.encode(codec) + b"\x04" + key
    return key


def compile_entries(catalog: Catalog) -> list[tuple[bytes, bytes]]:
    """(key, value) pairs msgfmt would write: the header and the messages po.states calls
    compiled, in file order (build_mo sorts them)."""
    codec = catalog._codec
    pairs: list[tuple[bytes, bytes]] = []
    if catalog.header is not None:
        pairs.append((b"", header_value(catalog.header.msgstr).encode(codec)))
    for msg in catalog.messages:
        forms = msg.strings()
        if msg.obsolete or not is_compiled(msg.fuzzy, forms):
            continue
        pairs.append((message_key(msg.msgctxt, msg.msgid, msg.msgid_plural, codec),
                      b"\0".join(form.encode(codec) for form in forms)))
    return pairs


def _scan_pairs(found: Scan) -> list[tuple[bytes, bytes]] | None:
    """compile_entries' pairs of a scanned file (po.fast), the header last; None when two
    keys are equal, which only a raw \\x04 in a msgid can do: then their order in the .mo
    is the file's, which compile_entries keeps."""
    from .fast import decoded, each, encode_all

    codec = found.codec
    simple_ids: list[str] = []
    simple_strs: list[str] = []
    other = []
    compiled = each(is_compiled, found.fuzzy(), found.filled_forms())
    for ctx, msgid, plural, msgstr, forms in compress(
            zip(found.ctxs, found.ids, found.plurals, found.msgstrs, found.forms), compiled):
        if ctx is None and forms is None:  # most messages: encoded together
            simple_ids.append(msgid)
            simple_strs.append(msgstr)
        else:
            other.append((ctx, msgid, plural, msgstr, forms))
    pairs = list(zip(encode_all(simple_ids, codec), encode_all(decoded(simple_strs), codec)))
    for ctx, msgid, plural, msgstr, forms in other:
        key = message_key(ctx, msgid, None if plural is None else decoded([plural])[0], codec)
        texts = decoded([msgstr] if forms is None else forms)
        pairs.append((key, b"\0".join(text.encode(codec) for text in texts)))
    if found.header is not None:
        pairs.append((b"", header_value(found.header).encode(codec)))
    if len({key for key, _ in pairs}) != len(pairs):
        return None
    return pairs


def build_mo(pairs: list[tuple[bytes, bytes]], *, hash_table: bool = True) -> bytes:
    """GNU .mo bytes of (key, value) pairs, sorted here like msgfmt sorts them."""
    pairs = sorted(pairs, key=lambda kv: kv[0])
    count = len(pairs)
    hsize = _table_size(count) if hash_table else 0
    keys = [key for key, _ in pairs]
    values = [value for _, value in pairs]
    orig_off = 7 * 4
    trans_off = orig_off + count * 8
    hash_off = trans_off + count * 8
    data_off = hash_off + hsize * 4
    originals = b"\0".join(keys) + b"\0" if count else b""
    translations = b"\0".join(values) + b"\0" if count else b""
    table: list[int] = []
    for strings, start in ((keys, data_off), (values, data_off + len(originals))):
        lengths = [len(s) for s in strings]
        table += [x for pair in zip(lengths, accumulate([n + 1 for n in lengths], initial=start))
                  for x in pair]
    out = [struct.pack("<7I", 0x950412DE, 0, count, orig_off, trans_off, hsize, hash_off),
           struct.pack(f"<{len(table)}I", *table)]
    if hsize:
        slots = [0] * hsize
        hashes = _hashes([key.split(b"\0", 1)[0] for key in keys])  # msgid: a C string
        for index, h in enumerate(hashes, 1):
            slot = h % hsize
            if slots[slot]:
                step = 1 + (h % (hsize - 2))
                while slots[slot]:
                    slot += step
                    if slot >= hsize:
                        slot -= hsize
            slots[slot] = index
        out.append(struct.pack(f"<{hsize}I", *slots))
    out += (originals, translations)
    return b"".join(out)


def compile_mo(catalog: Catalog, *, hash_table: bool = True) -> bytes:
    """GNU .mo bytes: fuzzy, untranslated (empty first form) and obsolete entries left
    out like msgfmt; the header is kept even when it is marked fuzzy (as msgfmt does)."""
    return build_mo(compile_entries(catalog), hash_table=hash_table)


def write_mo(catalog: Catalog, path, *, hash_table: bool = True) -> bool:
    """Compile and write atomically if the bytes differ; True if written. Without the hash
    table (like msgfmt --no-hash) compiling a large catalog is much faster; Python's gettext
    ignores the table and GNU libintl falls back to a binary search."""
    from .writer import write_bytes

    return write_bytes(path, compile_mo(catalog, hash_table=hash_table))


def compile_bytes(data: bytes, shown: str, *, hash_table: bool = True) -> bytes:
    """compile_mo(parse_po(data, shown)), read by the fast scan where the file allows."""
    from .fast import scan

    found = scan(data, shown)
    pairs = None if found is None else _scan_pairs(found)
    if pairs is None:
        from .reader import parse_po

        pairs = compile_entries(parse_po(data, shown))
    return build_mo(pairs, hash_table=hash_table)


def compile_file(path, output, shown: str | None = None) -> bool:
    """Compile the PO file *path* to *output* (written atomically, only if the bytes
    differ), like write_mo(read_po(path), output); True if written. Errors name *shown*."""
    from ..files import write_atomic
    from .decode import read_bytes

    return write_atomic(output, compile_bytes(*read_bytes(path, shown)))
