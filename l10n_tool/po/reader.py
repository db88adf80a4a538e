"""Strict PO/POT reader: bytes -> Catalog, or a SourceError at path:line[:col]."""

from __future__ import annotations

import re

from ..errors import SourceError
from .catalog import Catalog
from .decode import decode_po, mislabelled_utf8, read_bytes
from .header import POT_PLURAL_PLACEHOLDER, get_field
from .parse import parse_lines
from ..perf import paused_gc


def read_po(path, *, display_path: str | None = None) -> Catalog:
    """Read a PO/POT file; SourceError (an L10nError) on any malformed input."""
    return parse_po(*read_bytes(path, display_path))


def parse_po(data: bytes, path: str = "<string>") -> Catalog:
    """Parse the bytes of a PO/POT file."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("parse_po expects bytes")
    text, charset, codec, bom = decode_po(bytes(data), path)
    sep = "\r" if "\n" not in text and "\r" in text else "\n"
    lines = text.split(sep)
    final_newline = text.endswith(sep) or not text
    if final_newline:
        lines.pop()
    with paused_gc():
        parsed = parse_lines(lines, sep, final_newline, path, codec,
                             has_cr=sep == "\n" and "\r" in text)
    catalog = Catalog(path)
    catalog.charset, catalog._codec, catalog._bom = charset, codec, bom
    catalog._newline = "\r\n" if sep == "\n" and lines and lines[0].endswith("\r") else sep
    catalog._final_newline = final_newline
    catalog._trailer = parsed.trailer
    messages = parsed.messages
    for pos, msg in enumerate(messages):
        if msg.msgid == "" and msg.msgctxt is None and not msg.obsolete:
            catalog.header = messages.pop(pos)
            catalog._header_pos = pos
            break
    catalog.messages = messages
    if parsed.domain is not None:
        catalog.domain, catalog._domain_pos, catalog._domain_text = parsed.domain
    _check_header(catalog)
    mislabelled = mislabelled_utf8(bytes(data), codec, path)
    if mislabelled is not None:
        catalog.warnings.insert(0, mislabelled)
    return catalog


def _check_header(catalog: Catalog) -> None:
    """Validate Plural-Forms; warn about plural entries with another number of forms."""
    from .plurals import parse_plural_forms

    head = catalog.header
    if head is None:
        return
    value = get_field(head.msgstr, "Plural-Forms")
    if not value or value == POT_PLURAL_PLACEHOLDER:
        return
    try:
        nplurals = parse_plural_forms(value)[0]
    except ValueError as exc:
        raise SourceError(catalog.path, _field_line(head, "Plural-Forms"),
                          f"invalid Plural-Forms: {exc}") from None
    for msg in catalog.messages:
        if msg.msgid_plural is not None and not msg.obsolete and len(msg.msgstr_plural) != nplurals:
            catalog.warnings.append(SourceError(
                catalog.path, msg.line,
                f"{len(msg.msgstr_plural)} plural forms, but the header says nplurals={nplurals}"))


_LINE_END = re.compile(r"\r\n|\r|\n")  # as a PO file's lines end: LF, CRLF or CR alone


def _field_line(head, name: str) -> int:
    """The file line of a header field, found in the header's source text."""
    raw = _LINE_END.split(head._raw or "")
    msgid_at = next((i for i, text in enumerate(raw) if text.lstrip().startswith("msgid")), 0)
    for offset, text in enumerate(raw):
        if name in text and offset > msgid_at:
            return head.line - msgid_at + offset
    return head.line
