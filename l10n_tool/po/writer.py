"""Lossless PO writer: unchanged entries keep their source text, changed or new ones
are formatted exactly as GNU gettext formats them."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from ..errors import L10nError
from ..files import write_atomic
from .catalog import Catalog
from .message import Message
from .directives import format_kind
from .wrap import PAGE_WIDTH, format_string

_FLAG_LAST = ("range:", "wrap", "no-wrap")


def _ordered_flags(flags: list[str]) -> list[str]:
    """fuzzy first, then format flags, then range/wrap flags, as GNU writes them."""
    first = [f for f in flags if f == "fuzzy"]
    last = [f for f in flags if f != "fuzzy" and f.startswith(_FLAG_LAST)]
    middle = [f for f in flags if f != "fuzzy" and not f.startswith(_FLAG_LAST)]
    out: list[str] = []
    for f in first + middle + last:
        if f not in out:
            out.append(f)
    return out


def reference_lines(refs: Sequence[str], width: int = PAGE_WIDTH) -> list[str]:
    """The ``#:`` lines of an entry's references, as many on a line as fit in *width*."""
    lines: list[str] = []
    line = "#:"
    for ref in refs:
        if len(line) > 2 and len(line) + 1 + len(ref) > width:
            lines.append(line)
            line = "#:"
        line += " " + ref
    lines.append(line)
    return lines


def comment_lines(mark: str, comments: Sequence[str]) -> list[str]:
    """``#`` (translator) or ``#.`` (extracted) comment lines; a comment with newlines becomes several."""
    return [f"{mark} {text}" if text else mark for comment in comments for text in comment.split("\n")]


def format_message(msg: Message) -> list[str]:
    """The lines of one entry in GNU gettext's layout (no trailing newline)."""
    lines = comment_lines("#", msg.translator_comments) + comment_lines("#.", msg.extracted_comments)
    if msg.references:
        lines.extend(reference_lines(msg.references))
    flags = msg.flags
    if "fuzzy" in flags and not (msg.strings() or [""])[0]:
        # GNU never writes fuzzy on an untranslated entry
        flags = [f for f in flags if f != "fuzzy"]
    if flags:
        lines.append("#, " + ", ".join(_ordered_flags(flags)))
    wrap = "no-wrap" not in msg.flags
    fmt = format_kind(msg.flags)
    prefix = "#~ " if msg.obsolete else ""
    prev_prefix = "#~| " if msg.obsolete else "#| "
    if msg.previous_msgctxt is not None and msg.previous_msgid is not None:
        lines.extend(format_string("msgctxt", msg.previous_msgctxt, prev_prefix, wrap, fmt=fmt))
    if msg.previous_msgid is not None:
        lines.extend(format_string("msgid", msg.previous_msgid, prev_prefix, wrap, fmt=fmt))
    if msg.previous_msgid_plural is not None:
        lines.extend(format_string("msgid_plural", msg.previous_msgid_plural, prev_prefix,
                                   wrap, fmt=fmt))
    if msg.msgctxt is not None:
        lines.extend(format_string("msgctxt", msg.msgctxt, prefix, wrap, fmt=fmt))
    lines.extend(format_string("msgid", msg.msgid, prefix, wrap, fmt=fmt))
    if msg.msgid_plural is not None:
        lines.extend(format_string("msgid_plural", msg.msgid_plural, prefix, wrap, fmt=fmt))
        forms = msg.msgstr_plural or {0: ""}
        for index in sorted(forms):
            lines.extend(format_string(f"msgstr[{index}]", forms[index], prefix, wrap, fmt=fmt))
    else:
        lines.extend(format_string("msgstr", msg.msgstr, prefix, wrap, fmt=fmt))
    return lines


def _entries(catalog: Catalog) -> list[Message]:
    entries = list(catalog.messages)
    if catalog.header is not None:
        pos = min(max(catalog._header_pos, 0), len(entries))
        entries.insert(pos, catalog.header)
    return entries


def format_text(catalog: Catalog, fresh: list[str] | None = None) -> str:
    """The catalog as text (before encoding). An entry keeps the blank lines it had
    before it while it still follows the same entry; otherwise entries get one. Each entry
    formatted anew (not its source text) is also appended to *fresh*, if given."""
    nl = catalog._newline
    out: list[str] = []
    entries = _entries(catalog)
    last = len(entries) - 1
    prev_pos = None
    for i, msg in enumerate(entries):
        if catalog.domain is not None and i == catalog._domain_pos:
            out.append(_domain_text(catalog, i))
        same_place = msg._after is not None and msg._after == (
            prev_pos if prev_pos is not None else (msg._after[0], -1))
        if same_place:
            out.append(msg._lead)
        elif i > 0:
            out.append(msg._lead or nl)
        raw = msg._raw
        if raw is not None and msg._fp is not None and msg._fp == msg.fingerprint():
            out.append(raw)
            if i != last and not raw.endswith(("\n", "\r")):
                out.append(nl)
        else:
            entry = nl.join(format_message(msg))
            out.append(entry)
            out.append(nl)
            if fresh is not None:
                fresh.append(entry)
        prev_pos = msg._pos if msg._pos is not None else ("new", i)
    if catalog.domain is not None and catalog._domain_pos >= len(entries):
        out.append(_domain_text(catalog, len(entries)))
    if catalog._trailer:
        out.append(catalog._trailer)
    text = "".join(out)
    if not catalog._final_newline and text.endswith(nl):
        text = text[: -len(nl)]
    return text


def _domain_text(catalog: Catalog, i: int) -> str:
    """The `domain "name"` line as read, or as msgmerge writes it (after a blank line)."""
    if catalog._domain_text is not None:
        return catalog._domain_text
    nl = catalog._newline
    return (nl if i else "") + format_string("domain", catalog.domain, "", True)[0] + nl


def format_po(catalog: Catalog) -> bytes:
    """The bytes of the catalog: identical to the source for unchanged entries."""
    return _encode(catalog, format_text(catalog))


def _encode(catalog: Catalog, text: str) -> bytes:
    if "\x00" in text:
        raise L10nError(f"{catalog.path or '<catalog>'}: a message contains a NUL character, "
                        "which PO files cannot hold")
    try:
        data = text.encode(catalog._codec)
    except UnicodeEncodeError as exc:
        raise L10nError(f"{catalog.path or '<catalog>'}: cannot write {text[exc.start:exc.end]!r} "
                        f"in the catalog's charset {catalog.charset}") from None
    if catalog._bom:
        data = b"\xef\xbb\xbf" + data
    return data


def write_bytes(path, data: bytes) -> bool:
    """Atomically and durably replace `path` with `data` unless it already holds exactly that."""
    return write_atomic(Path(path), data)


def write_po(catalog: Catalog, path, *, ignore_fields=()) -> bool:
    """Write atomically, only if the bytes differ; True if written. With ignore_fields
    (e.g. ("POT-Creation-Date",)) a file that differs only in those header fields is kept.
    Bytes the strict reader would reject are never written: L10nError, the file untouched."""
    fresh: list[str] = []
    text = format_text(catalog, fresh)
    data = _encode(catalog, text)
    try:
        with open(path, "rb") as handle:
            old_data = handle.read()
    except FileNotFoundError:
        old_data = None
    except OSError as exc:
        raise L10nError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if old_data == data:
        return False
    if old_data is not None and _only_fields_differ(catalog, old_data, ignore_fields):
        return False
    check_written(catalog, data, str(path), text, fresh)
    return write_atomic(Path(path), data, differs=True)


def check_written(catalog: Catalog, data: bytes, shown: str, text: str, fresh: list[str]) -> None:
    """L10nError unless the strict reader accepts the catalog's *data* (its *text* encoded):
    the header must declare the catalog's codec (so the bytes read back as that text), and
    the fast scan must vouch for the text, else it is parsed strictly. Where the catalog
    vouches for the entries written from their source text (_vouched), only those in *fresh*
    (formatted anew by format_text) are scanned."""
    from ..errors import SourceError
    from .decode import declared_codec
    from .fast import scan_text
    from .reader import parse_po

    try:
        charset, _, declared, _ = declared_codec(data, shown)
        if declared != catalog._codec:
            raise L10nError(f"{shown}: not written: its bytes do not read back as written "
                            f"in the charset its header declares ({charset or 'UTF-8'})")
        scanned = ("\n\n".join(fresh) + "\n" if fresh else "") if _vouched(catalog, text) else text
        if scanned and scan_text(scanned, catalog._codec) is None:
            parse_po(data, shown)
    except SourceError as exc:
        raise L10nError(f"{shown}: not written, the result would not read back: {exc}") from None


def _vouched(catalog: Catalog, text: str) -> bool:
    """Whether the strict reader accepts *text* once it accepts its entries formatted anew
    on their own. The others are source text it read as one whole entry each (`_raw` comes
    from nowhere else), read alike wherever they stand: each begins with a comment or keyword
    line, where the reader starts an entry afresh, and ends with its last string line, followed
    by a blank line or by what followed it in its file (`_lead`: blank or empty `#~` lines,
    kept only before the entry it came before), and text after the last entry is what the
    reader read after one. Across entries the reader wants one active and one obsolete entry
    a key, checked here, and a valid Plural-Forms in the header, which it checked when it read
    a header's source text and the scan checks in a header formatted anew. Left to the whole
    check: a `domain` line (the scan does not read one) and a CR anywhere (a CR-only file
    with one LF line in it would be read as one long line)."""
    if catalog.domain is not None or "\r" in text:
        return False
    active = [m.key for m in catalog.messages if not m.obsolete]
    if catalog.header is not None:
        active.append(catalog.header.key)
    obsolete = [m.key for m in catalog.messages if m.obsolete]
    return len(set(active)) == len(active) and len(set(obsolete)) == len(obsolete)


def only_fields_differ(catalog: Catalog, path, names) -> bool:
    """Whether the file at *path* holds the catalog but for the named header fields."""
    try:
        with open(path, "rb") as handle:
            return _only_fields_differ(catalog, handle.read(), names)
    except OSError:
        return False


def _only_fields_differ(catalog: Catalog, old_data: bytes, names) -> bool:
    return bool(names) and catalog.header is not None \
        and _format_with_old_fields(catalog, old_data, names) == old_data


def _format_with_old_fields(catalog: Catalog, old_data: bytes, names) -> bytes | None:
    """The catalog's bytes with the named header fields taken from the old file."""
    from .header import get_field, set_field
    from .reader import parse_po
    try:
        old = parse_po(old_data, catalog.path or "<old>")
    except L10nError:
        return None
    if old.header is None:
        return None
    header = catalog.header
    patched = header.copy()
    for name in names:
        value = get_field(old.header.msgstr, name)
        if value is not None and get_field(patched.msgstr, name) is not None:
            patched.msgstr = set_field(patched.msgstr, name, value)
    if patched.fingerprint() == old.header.fingerprint():
        patched._raw, patched._fp, patched._lead = old.header._raw, old.header._fp, old.header._lead
    catalog.header = patched
    try:
        return format_po(catalog)
    finally:
        catalog.header = header
