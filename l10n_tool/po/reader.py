"""Strict PO/POT reader: every malformed construct is a SourceError at path:line[:col];
every entry keeps its source text so that the writer can reproduce it byte for byte."""

from __future__ import annotations

import os
import re

from ..errors import L10nError, SourceError
from .catalog import Catalog
from .decode import decode_po
from .header import POT_PLURAL_PLACEHOLDER, get_field
from .message import Message

_SIMPLE_ESCAPES = {
    "n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v",
    "\\": "\\", '"': '"', "'": "'", "?": "?",
}
_KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")
_PLURAL_KW = re.compile(r"msgstr\[([0-9]+)\]\Z")
_WS = " \t\f\v"


def read_po(path, *, display_path: str | None = None) -> Catalog:
    """Read a PO/POT file; SourceError (an L10nError) on any malformed input."""
    shown = str(display_path if display_path is not None else path)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise L10nError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    return parse_po(data, shown)


def parse_po(data: bytes, path: str = "<string>") -> Catalog:
    """Parse the bytes of a PO/POT file."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("parse_po expects bytes")
    text, charset, codec, bom = decode_po(bytes(data), path)
    catalog = _Reader(text, path, codec).read()
    catalog.charset, catalog._codec, catalog._bom = charset, codec, bom
    _check_header(catalog, text)
    return catalog


class _Reader:
    """One pass over the lines; `entry state` lives in attributes reset by `_start`."""

    def __init__(self, text: str, path: str, codec: str):
        self.path = path
        self.codec = codec
        if "\n" not in text and "\r" in text:
            self.sep = "\r"
        else:
            self.sep = "\n"
        self.lines = text.split(self.sep)
        self.final_newline = text.endswith(self.sep) or not text
        if self.final_newline:
            self.lines.pop()
        first = self.lines[0] if self.lines else ""
        self.newline = "\r\n" if self.sep == "\n" and first.endswith("\r") else self.sep
        self.catalog = Catalog(path)
        self.catalog._newline = self.newline
        self.catalog._final_newline = self.final_newline
        self.seen_active: dict = {}
        self.seen_obsolete: dict = {}
        self.entries: list[Message] = []
        self.prev_end = 0
        self._start(None)

    def error(self, lineno: int, message: str, col: int | None = None) -> SourceError:
        return SourceError(self.path, lineno, message, col)

    # --- entry state ---
    def _start(self, first_line: int | None) -> None:
        self.e_first = first_line            # index of the entry's first line
        self.e_tcomments: list[str] = []
        self.e_extracted: list[str] = []
        self.e_refs: list[str] = []
        self.e_flags: list[str] = []
        self.e_prev: dict[str, str] = {}
        self.e_fields: dict[str, str] = {}
        self.e_plural: dict[int, str] = {}
        self.e_obsolete: bool | None = None
        self.e_msgid_line = 0
        self.e_has_msgstr = False
        self.cur_kw: str | None = None         # keyword that continuation strings extend
        self.cur_parts: list[str] = []
        self.cur_prev = False                  # continuing a #| keyword
        self.cur_obsolete = False
        self.prev_kw: str | None = None

    def _commit(self) -> None:
        if self.cur_kw is None:
            return
        value = "".join(self.cur_parts) if len(self.cur_parts) != 1 else self.cur_parts[0]
        if self.cur_prev:
            self.e_prev[self.cur_kw] = value
        elif self.cur_kw.startswith("msgstr["):
            self.e_plural[int(self.cur_kw[7:-1])] = value
        else:
            self.e_fields[self.cur_kw] = value
        self.cur_kw = None
        self.cur_parts = []

    def _finish(self, end: int) -> None:
        """Close the entry whose lines are [e_first, end)."""
        self._commit()
        if self.e_first is None:
            return
        fields = self.e_fields
        if "msgid" not in fields:
            if fields:
                raise self.error(self.e_first + 1, "msgctxt without msgid")
            return  # only comments so far: they stay with the next entry
        if not self.e_has_msgstr:
            raise self.error(self.e_msgid_line, "msgid without msgstr")
        if self.e_prev and "msgid" not in self.e_prev:
            raise self.error(self.e_msgid_line, "#| msgctxt without #| msgid")
        plural = fields.get("msgid_plural")
        msg = Message(
            fields["msgid"], fields.get("msgstr", ""), fields.get("msgctxt"), plural,
            self.e_plural, self.e_tcomments, self.e_extracted, self.e_refs, self.e_flags,
            self.e_prev.get("msgctxt"), self.e_prev.get("msgid"), self.e_prev.get("msgid_plural"),
            bool(self.e_obsolete), self.e_msgid_line,
        )
        seen = self.seen_obsolete if msg.obsolete else self.seen_active
        key = (msg.msgctxt, msg.msgid)
        other = seen.get(key)
        if other is not None:
            what = "obsolete message" if msg.obsolete else "message"
            raise self.error(msg.line, f"duplicate {what} definition (first defined at line {other})")
        seen[key] = msg.line
        sep = self.sep
        raw = sep.join(self.lines[self.e_first:end])
        if end < len(self.lines) or self.final_newline:
            raw += sep
        msg._raw = raw
        lead = self.lines[self.prev_end:self.e_first]
        msg._lead = sep.join(lead) + sep if lead else ""
        msg._fp = msg.fingerprint()
        self.entries.append(msg)
        self.prev_end = end
        self._start(None)

    # --- the line loop ---
    def read(self) -> Catalog:
        lines = self.lines
        for index, line in enumerate(lines):
            if line.endswith("\r"):
                line = line[:-1]
            c = line[:1]
            if c == "#":
                self._comment(index, line)
            elif c == "m":
                self._keyword(index, line, 0, False)
            elif c == '"':
                self._continuation(index, line, 0, False)
            elif not line or line.isspace():
                if "msgid" in self.e_fields:
                    self._finish(index)
                elif self.cur_kw is not None:
                    self._commit()
            else:
                stripped = line.lstrip(_WS)
                if not stripped:
                    continue
                offset = len(line) - len(stripped)
                if stripped[0] == "#":
                    raise self.error(index + 1, "a comment must start at the beginning of the line",
                                     offset + 1)
                if stripped[0] == '"':
                    self._continuation(index, stripped, offset, False)
                elif stripped[0].isalpha():
                    self._keyword(index, stripped, offset, False)
                else:
                    raise self.error(index + 1, f"unexpected character {stripped[0]!r}", offset + 1)
        self._finish(len(lines))
        trailer = lines[self.prev_end:]
        cat = self.catalog
        if trailer:
            cat._trailer = self.sep.join(trailer) + (self.sep if self.final_newline else "")
        self._place(cat)
        return cat

    def _place(self, cat: Catalog) -> None:
        for pos, msg in enumerate(self.entries):
            if not msg.obsolete and msg.msgid == "" and msg.msgctxt is None:
                cat.header = msg
                cat._header_pos = pos
                self.entries.pop(pos)
                break
        cat.messages = self.entries

    def _comment(self, index: int, line: str) -> None:
        kind = line[1:2]
        if kind == "~":
            rest = line[2:]
            if rest[:1] == "|":
                self._previous(index, rest[1:], 3, True)
                return
            stripped = rest.lstrip(_WS)
            offset = 2 + len(rest) - len(stripped)
            if not stripped:
                return
            if stripped[0] == '"':
                self._continuation(index, stripped, offset, True)
            else:
                self._keyword(index, stripped, offset, True)
            return
        self._close_before_comment(index)
        if kind == "|":
            self._previous(index, line[2:], 2, False)
            return
        if self.cur_prev:
            self._commit()
            self.cur_prev = False
        if kind == ",":
            for flag in line[2:].split(","):
                flag = flag.strip()
                if flag:
                    self.e_flags.append(flag)
        elif kind == ".":
            text = line[2:]
            self.e_extracted.append(text[1:] if text[:1] == " " else text)
        elif kind == ":":
            self.e_refs.extend(line[2:].split())
        else:
            text = line[1:]
            self.e_tcomments.append(text[1:] if text[:1] == " " else text)

    def _close_before_comment(self, index: int) -> None:
        """A comment after keywords ends the entry (or is misplaced); then start one."""
        if self.e_fields or (self.cur_kw is not None and not self.cur_prev):
            if "msgid" in self.e_fields or self.cur_kw == "msgid" or self.e_has_msgstr:
                self._finish(index)
            else:
                raise self.error(index + 1, "comment between msgctxt and msgid")
        if self.e_first is None:
            self._start(index)

    def _previous(self, index: int, rest: str, offset: int, obsolete: bool) -> None:
        """A `#|` (or `#~|`) line: previous msgctxt/msgid/msgid_plural or a continuation."""
        if obsolete:
            self._close_before_comment(index)
        stripped = rest.lstrip(_WS)
        col = offset + len(rest) - len(stripped) + 1
        if not stripped:
            raise self.error(index + 1, "empty #| line", col)
        if stripped[0] == '"':
            if not self.cur_prev or self.cur_kw is None:
                raise self.error(index + 1, "#| string without a keyword", col)
            self.cur_parts.append(self._string(stripped, index + 1, col))
            return
        kw, value_at = _split_keyword(stripped)
        if kw not in ("msgctxt", "msgid", "msgid_plural"):
            raise self.error(index + 1, f"unknown keyword {kw!r} in #| line", col)
        self._commit()
        if kw in self.e_prev:
            raise self.error(index + 1, f"duplicate #| {kw}", col)
        order = ("msgctxt", "msgid", "msgid_plural")
        if any(order.index(k) > order.index(kw) for k in self.e_prev):
            raise self.error(index + 1, f"#| {kw} out of order", col)
        if kw == "msgid_plural" and "msgid" not in self.e_prev:
            raise self.error(index + 1, "#| msgid_plural without #| msgid", col)
        if self.e_obsolete is not None and self.e_obsolete != obsolete:
            raise self.error(index + 1, "inconsistent use of #~", col)
        value = stripped[value_at:].lstrip(_WS)
        if not value:
            raise self.error(index + 1, f"#| {kw} without a string", col)
        self.cur_kw, self.cur_prev = kw, True
        self.cur_parts = [self._string(value, index + 1, col + len(stripped) - len(value))]

    def _keyword(self, index: int, stripped: str, offset: int, obsolete: bool) -> None:
        lineno = index + 1
        col = offset + 1
        kw, value_at = _split_keyword(stripped)
        if kw not in _KEYWORDS and not _PLURAL_KW.match(kw):
            if kw.startswith("msgstr["):
                raise self.error(lineno, f"invalid plural index in {kw!r}", col)
            raise self.error(lineno, f"unknown keyword {kw!r}", col)
        value = stripped[value_at:].lstrip(_WS)
        if not value:
            raise self.error(lineno, f"keyword {kw} without its string", col)
        if self.cur_prev:
            self._commit()
            self.cur_prev = False
        self._commit()
        fields = self.e_fields
        if kw in ("msgctxt", "msgid"):
            if self.e_has_msgstr:
                self._finish(index)
            elif "msgid" in fields:
                raise self.error(self.e_msgid_line, "msgid without msgstr")
            elif kw in fields:
                raise self.error(lineno, "duplicate msgctxt", col)
            if self.e_first is None:
                self._start(index)
        elif "msgid" not in fields:
            raise self.error(lineno, f"{kw} without a preceding msgid", col)
        if self.e_obsolete is not None and self.e_obsolete != obsolete:
            raise self.error(lineno, "inconsistent use of #~ (obsolete and active lines mixed)", col)
        self.e_obsolete = obsolete
        if kw == "msgid_plural":
            if "msgid_plural" in fields:
                raise self.error(lineno, "duplicate msgid_plural", col)
            if self.e_has_msgstr:
                raise self.error(lineno, "msgid_plural after msgstr", col)
        elif kw == "msgstr":
            if self.e_has_msgstr:
                raise self.error(lineno, "duplicate msgstr", col)
            if "msgid_plural" in fields:
                raise self.error(lineno, "msgstr for a message with msgid_plural: "
                                 "use msgstr[0], msgstr[1], ...", col)
            self.e_has_msgstr = True
        elif kw.startswith("msgstr["):
            if "msgid_plural" not in fields:
                raise self.error(lineno, f"{kw} for a message without msgid_plural", col)
            n = int(kw[7:-1])
            expected = len(self.e_plural)
            if n != expected:
                raise self.error(lineno, f"msgstr[{n}] out of order: expected msgstr[{expected}]", col)
            self.e_has_msgstr = True
            kw = f"msgstr[{n}]"
        else:  # msgctxt or msgid
            if kw == "msgid":
                self.e_msgid_line = lineno
        self.cur_kw = kw
        vcol = offset + len(stripped) - len(value) + 1
        self.cur_parts = [self._string(value, lineno, vcol)]

    def _continuation(self, index: int, text: str, offset: int, obsolete: bool) -> None:
        if self.cur_kw is None or self.cur_prev:
            raise self.error(index + 1, "string without a keyword", offset + 1)
        if self.e_obsolete is not None and self.e_obsolete != obsolete:
            raise self.error(index + 1, "inconsistent use of #~ (obsolete and active lines mixed)",
                             offset + 1)
        self.cur_parts.append(self._string(text, index + 1, offset + 1))

    def _string(self, text: str, lineno: int, col: int) -> str:
        """Decode one line's string literal(s); `text` starts at the opening quote."""
        end = len(text)
        while end and text[end - 1] in _WS:
            end -= 1
        if end >= 2 and text[end - 1] == '"':
            inner = text[1:end - 1]
            if '"' not in inner and "\\" not in inner:
                return inner
        return self._string_slow(text[:end], lineno, col)

    def _string_slow(self, text: str, lineno: int, col: int) -> str:
        out: list[str] = []
        high = bytearray()
        i, n = 0, len(text)
        while True:
            if i >= n or text[i] != '"':
                raise self.error(lineno, "expected a string in double quotes", col + i)
            start = i
            i += 1
            while True:
                if i >= n:
                    raise self.error(lineno, "unterminated string", col + start)
                ch = text[i]
                if ch == '"':
                    i += 1
                    break
                if ch != "\\":
                    if high:
                        out.append(self._flush_high(high, lineno, col + i))
                    out.append(ch)
                    i += 1
                    continue
                if i + 1 >= n:
                    raise self.error(lineno, "unterminated string (backslash at end of line)", col + start)
                esc = text[i + 1]
                if esc in _SIMPLE_ESCAPES:
                    if high:
                        out.append(self._flush_high(high, lineno, col + i))
                    out.append(_SIMPLE_ESCAPES[esc])
                    i += 2
                elif esc in "01234567":
                    j = i + 1
                    while j < n and j < i + 4 and text[j] in "01234567":
                        j += 1
                    self._code(int(text[i + 1:j], 8), out, high, lineno, col + i)
                    i = j
                elif esc == "x":
                    j = i + 2
                    while j < n and text[j] in "0123456789abcdefABCDEF":
                        j += 1
                    if j == i + 2 or j - i - 2 > 2:
                        raise self.error(lineno, "invalid \\x escape sequence", col + i)
                    self._code(int(text[i + 2:j], 16), out, high, lineno, col + i)
                    i = j
                else:
                    raise self.error(lineno, f"invalid escape sequence \\{esc}", col + i)
            if high:
                out.append(self._flush_high(high, lineno, col + i))
            while i < n and text[i] in _WS:
                i += 1
            if i >= n:
                return "".join(out)
            if text[i] != '"':
                raise self.error(lineno, "unexpected text after the closing quote "
                                 "(an unescaped \" inside the string?)", col + i)

    def _code(self, value: int, out: list[str], high: bytearray, lineno: int, col: int) -> None:
        if value == 0:
            raise self.error(lineno, "NUL character (\\0) in a string", col)
        if value < 0x80:
            if high:
                out.append(self._flush_high(high, lineno, col))
            out.append(chr(value))
        else:
            high.append(value)

    def _flush_high(self, high: bytearray, lineno: int, col: int) -> str:
        try:
            text = bytes(high).decode(self.codec)
        except UnicodeDecodeError:
            raise self.error(lineno, f"escaped bytes are not valid in charset {self.codec}", col) from None
        high.clear()
        return text


def _split_keyword(text: str) -> tuple[str, int]:
    """Split `keyword "string"` into the keyword and the index where the rest starts."""
    i = 0
    n = len(text)
    while i < n and text[i] not in ' \t"\f\v':
        i += 1
    return text[:i], i


def _check_header(catalog: Catalog, text: str) -> None:
    """Validate Plural-Forms and warn about plural entries with the wrong number of forms."""
    from .plurals import parse_plural_forms

    head = catalog.header
    nplurals = 2
    if head is not None:
        value = get_field(head.msgstr, "Plural-Forms")
        if value and value != POT_PLURAL_PLACEHOLDER:
            try:
                nplurals = parse_plural_forms(value)[0]
            except ValueError as exc:
                line = head.line
                for offset, raw_line in enumerate((head._raw or "").split("\n")):
                    if "Plural-Forms" in raw_line:
                        line = head.line - _msgid_offset(head._raw) + offset
                        break
                raise SourceError(catalog.path, line, f"invalid Plural-Forms: {exc}") from None
    for msg in catalog.messages:
        if msg.msgid_plural is not None and not msg.obsolete and len(msg.msgstr_plural) != nplurals \
                and head is not None and get_field(head.msgstr, "Plural-Forms"):
            catalog.warnings.append(SourceError(
                catalog.path, msg.line,
                f"{len(msg.msgstr_plural)} plural forms, but the header says nplurals={nplurals}"))


def _msgid_offset(raw: str | None) -> int:
    """How many lines of the raw entry come before its msgid line."""
    if not raw:
        return 0
    for offset, line in enumerate(raw.split("\n")):
        if line.lstrip().startswith("msgid"):
            return offset
    return 0
