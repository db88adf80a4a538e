"""Turn the bytes of a PO file into text using its declared charset (or a UTF-8 BOM)."""

from __future__ import annotations

import codecs
import re

from ..errors import L10nError, SourceError

_BOM = b"\xef\xbb\xbf"
_ASCII_BYTES = bytes(range(1, 128))
_ASCII = _ASCII_BYTES.decode("ascii")
# the header entry: msgid "" directly followed by msgstr, then its string lines
_HEADER = re.compile(rb'(?m)^msgid[ \t]+""[ \t]*\r?\n[ \t]*msgstr[ \t]+"')
_CHARSET = re.compile(rb"charset=([^\s\"\\;]+)", re.IGNORECASE)
# the one-character escapes of PO strings (octal and \x escapes aside)
SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    "\\": "\\", '"': '"', "'": "'", "?": "?",
}


def _header_charset(data: bytes) -> tuple[str | None, int]:
    """The charset named in the header entry and its 1-based line (0 if none)."""
    for match in _HEADER.finditer(data):
        before = data.rfind(b"\n", 0, max(match.start() - 1, 0))
        prev_line = data[before + 1:match.start()].strip()
        if prev_line.startswith(b"msgctxt") or prev_line.startswith(b'"'):
            continue  # msgid "" of a message with a context, or a continuation
        pos = match.end() - 1  # the opening quote of the msgstr string
        first = True
        while pos < len(data):
            nl = data.find(b"\n", pos)
            stop = len(data) if nl < 0 else nl
            segment = data[pos:stop]
            if not first and not segment.lstrip().startswith(b'"'):
                break
            found = _CHARSET.search(segment)
            if found:
                return found.group(1).decode("ascii", "replace"), data.count(b"\n", 0, pos) + 1
            first = False
            if nl < 0:
                break
            pos = nl + 1
        return None, 0
    return None, 0


def _codec_for(charset: str, path: str, line: int) -> str:
    if charset.upper() == "CHARSET":
        return "utf-8"  # the placeholder xgettext leaves in templates
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError, TypeError):
        raise SourceError(path, line, f"unknown charset {charset!r} in Content-Type") from None
    if not getattr(info, "_is_text_encoding", True):
        raise SourceError(path, line, f"{charset!r} is not a character set")
    try:
        ascii_ok = (_ASCII.encode(info.name) == _ASCII_BYTES
                    and _ASCII_BYTES.decode(info.name) == _ASCII)
    except Exception:  # any codec failure means: not usable for a PO file
        ascii_ok = False
    if not ascii_ok:
        raise SourceError(path, line, f"charset {charset!r} is not ASCII-compatible; "
                          "PO files need one that is")
    return info.name


def declared_codec(data: bytes, path: str) -> tuple[str | None, int, str, bool]:
    """(charset as declared or None, its line, the Python codec that reads the file, whether
    it starts with a BOM), or SourceError: how decode_po will decode *data*."""
    bom = data.startswith(_BOM)
    charset, line = _header_charset(data[len(_BOM):] if bom else data)
    if bom:
        if charset and charset.upper() != "CHARSET" \
                and _codec_for(charset, path, line) != "utf-8":
            raise SourceError(path, line, f"the file starts with a UTF-8 byte order mark "
                              f"but declares charset {charset}")
        return charset, line, "utf-8", True
    return charset, line, (_codec_for(charset, path, line) if charset else "utf-8"), False


def decode_po(data: bytes, path: str) -> tuple[str, str, str, bool]:
    """(text, charset as declared, Python codec, had_bom) or SourceError."""
    charset, line, codec, bom = declared_codec(data, path)
    if bom:
        data = data[len(_BOM):]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        name = charset or "UTF-8 (no charset declared)"
        raise SourceError(path, bad_line, f"bytes not valid in charset {name}", col) from None
    except (UnicodeError, LookupError) as exc:
        raise SourceError(path, line, f"cannot decode with charset {charset}: {exc}") from None
    if "\x00" in text:
        pos = text.index("\x00")
        raise SourceError(path, text.count("\n", 0, pos) + 1, "NUL byte in file")
    return text, charset or "UTF-8", codec, bom


class MislabelledCharset(SourceError):
    """A warning: the header names a one-byte charset (ISO-8859-1, cp1252, ...) but the
    text is UTF-8, so every non-ASCII letter reads as two or three others (``é`` as ``Ã©``)
    and no msgid with one matches its template any more."""


def mislabelled_utf8(data: bytes, codec: str, path: str) -> MislabelledCharset | None:
    """The warning for *data* read as *codec* when it is UTF-8 with non-ASCII text, else None."""
    if codec == "utf-8" or codecs.lookup(codec).name.startswith("utf") or data.isascii():
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.isascii() or len(text.encode(codec, "replace")) == len(data):
        return None  # nothing multi-byte, or a codec in which the bytes mean the same
    charset, line = _header_charset(data)
    sample = next(ch for ch in text if not ch.isascii())
    return MislabelledCharset(path, line or None, f"the header says charset={charset} but the text is UTF-8 "
                              f"({sample!r} reads as {sample.encode('utf-8').decode(codec, 'replace')!r}): "
                              "msgids with such letters no longer match the template; say charset=UTF-8")


def read_bytes(path, display_path: str | None = None) -> tuple[bytes, str]:
    """The bytes of a PO file and the name its errors show (*display_path* or the path)."""
    shown = str(display_path if display_path is not None else path)
    try:
        with open(path, "rb") as handle:
            return handle.read(), shown
    except OSError as exc:
        raise L10nError(f"{shown}: cannot read: {exc.strerror or exc}") from None
