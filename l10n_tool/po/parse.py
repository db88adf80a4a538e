"""The PO grammar, line by line (the strict reader's hot path).

Every malformed construct raises SourceError(path, line, message, column). Each entry
keeps its source text (`_raw`), the blank lines before it (`_lead`) and a fingerprint of
its fields (`_fp`) so that the writer can reproduce unchanged entries byte for byte."""

from __future__ import annotations

from ..errors import SourceError
from .literal import decode_literals
from .message import Message
from .pending import PendingEntry

_WS = " \t\f\v"
_KEYWORDS = ("msgid", "msgstr", "msgctxt", "msgid_plural")     # and msgstr[n]
_PREV_ORDER = {"msgctxt": 0, "msgid": 1, "msgid_plural": 2}
_MIXED = "inconsistent use of #~ (obsolete and active lines mixed)"
# the kinds of keyword line, each continued by its own kind of string line:
# msgid "a" by "b", #~ msgid "a" by #~ "b", #| msgid "a" (or #~| msgid "a") by #| "b"
_ACTIVE, _OBSOLETE, _PREVIOUS = "active", "obsolete", "previous"


class Entries:
    """The result of parsing: entries in file order and the text after the last one."""

    __slots__ = ("messages", "trailer", "domain")

    def __init__(self, messages: list[Message], trailer: str, domain=None):
        self.messages = messages
        self.trailer = trailer
        self.domain = domain    # (name, entries before it, its text with the lines before it)


def parse_lines(lines: list[str], sep: str, final_newline: bool, path: str,
                codec: str, has_cr: bool = True) -> Entries:
    """Parse the lines (without separators) of a PO file; with has_cr, a "\\r" ending a
    line is a CRLF line end (kept in the entries' source text)."""
    clean = [line[:-1] if line[-1:] == "\r" else line for line in lines] if has_cr else lines
    return _Parser(lines, sep, final_newline, path, codec).parse(clean)


class _Parser:
    """One file's parse: the entries so far, the entry being read and the string pieces
    that the next string line continues. Each method reads one kind of line."""

    __slots__ = ("lines", "sep", "final_newline", "path", "codec", "token", "entries",
                 "seen_active", "seen_obsolete", "prev_end", "entry", "pieces", "pieces_kind",
                 "domain")

    def __init__(self, lines: list[str], sep: str, final_newline: bool, path: str, codec: str):
        self.lines, self.sep, self.final_newline = lines, sep, final_newline
        self.path, self.codec = path, codec
        self.token = object()           # tells this file's entries apart from other files'
        self.entries: list[Message] = []
        self.seen_active: dict = {}     # (msgctxt, msgid) -> line of its first definition
        self.seen_obsolete: dict = {}
        self.prev_end = 0               # index of the line after the previous entry
        self.entry = PendingEntry()
        self.pieces: list[str] | None = None   # the pieces a string line would continue
        self.pieces_kind = _ACTIVE      # the kind of keyword line they started on
        self.domain = None              # a `domain "name"` directive, as Entries holds it

    def parse(self, clean: list[str]) -> Entries:
        """Read the lines (line ends removed) and return the entries."""
        for index, line in enumerate(clean):
            c = line[:1]
            if c == '"':    # a continuation string: the commonest line in wrapped catalogs
                pieces = self.pieces
                if pieces is not None and self.pieces_kind == _ACTIVE and line[-1] == '"' \
                        and "\\" not in line and line.count('"') == 2:
                    pieces.append(line[1:-1])
                else:
                    self._continue(line, index + 1, 1, _ACTIVE)
            elif c == "m":
                self._keyword(index, line, 0, False)
            elif c == "#":
                self._comment(index, line)
            elif not line or line.isspace():    # a blank line ends a complete entry
                if self.entry.has_msgstr:
                    self._finish(index)
                else:   # it may separate keywords, but not the lines of one string
                    self.pieces = None
            else:
                self._indented(index, line)
        if self.entry.fields:     # comments alone at the end are part of the trailer
            self._finish(len(self.lines))
        rest = self.lines[self.prev_end:]
        trailer = self.sep.join(rest) + (self.sep if self.final_newline else "") if rest else ""
        return Entries(self.entries, trailer, self.domain)

    # --- one method for each kind of line

    def _continue(self, text: str, lineno: int, col: int, kind: str) -> None:
        """A string line (`text` starts at its quote) that continues a `kind` keyword line."""
        pieces = self.pieces
        if pieces is None or self.pieces_kind != kind:
            if kind == _PREVIOUS:
                raise self._error(lineno, "#| string without a keyword", col)
            if pieces is None or self.pieces_kind == _PREVIOUS:
                raise self._error(lineno, "string without a keyword", col)
            raise self._error(lineno, _MIXED, col)
        pieces.append(self._string(text, lineno, col))

    def _comment(self, index: int, line: str) -> None:
        """A line starting with #: a comment, a #| previous string or a #~ obsolete line."""
        kind = line[1:2]
        if kind == "~":
            self._obsolete(index, line[2:])
            return
        if kind == "|":
            self._close_before_comment(index)
            self._previous(index + 1, line[2:], 2, False)
            return
        entry = self.entry
        if entry.fields or entry.first < 0:     # else the comment only adds to the entry
            self._close_before_comment(index)
            entry = self.entry
        if self.pieces_kind == _PREVIOUS:
            self.pieces = None
        if kind == ":":
            entry.references.extend(line[2:].split())
        elif kind == ",":
            for flag in line[2:].split(","):
                flag = flag.strip()
                if flag:
                    entry.flags.append(flag)
        elif kind == ".":
            text = line[2:]
            entry.extracted_comments.append(text[1:] if text[:1] == " " else text)
        else:
            text = line[1:]
            entry.translator_comments.append(text[1:] if text[:1] == " " else text)

    def _obsolete(self, index: int, rest: str) -> None:
        """A #~ line (`rest` follows the #~): an obsolete keyword, string or #| line."""
        if rest[:1] == "|":
            self._close_before_comment(index)
            self._previous(index + 1, rest[1:], 3, True)
            return
        body = rest.lstrip(_WS)
        if not body:
            return
        offset = 2 + len(rest) - len(body)
        if body[0] == '"':
            self._continue(body, index + 1, offset + 1, _OBSOLETE)
        else:
            self._keyword(index, body, offset, True)

    def _previous(self, lineno: int, body: str, offset: int, obsolete: bool) -> None:
        """A #| (or #~|) line: a previous msgctxt, msgid or msgid_plural, or its string;
        `body` follows the marker, `offset` columns into the line."""
        stripped = body.lstrip(_WS)
        col = offset + len(body) - len(stripped) + 1
        if not stripped:
            raise self._error(lineno, "empty #| line", col)
        if stripped[0] == '"':
            self._continue(stripped, lineno, col, _PREVIOUS)
            return
        kw, at = _split_keyword(stripped)
        entry = self.entry
        prev = entry.previous
        if kw not in _PREV_ORDER:
            raise self._error(lineno, f"unknown keyword {kw!r} in #| line", col)
        if kw in prev:
            raise self._error(lineno, f"duplicate #| {kw}", col)
        if any(_PREV_ORDER[k] > _PREV_ORDER[kw] for k in prev):
            raise self._error(lineno, f"#| {kw} out of order", col)
        if kw == "msgid_plural" and "msgid" not in prev:
            raise self._error(lineno, "#| msgid_plural without #| msgid", col)
        if entry.obsolete is not None and entry.obsolete != obsolete:
            raise self._error(lineno, "inconsistent use of #~", col)
        value = stripped[at:].lstrip(_WS)
        if not value:
            raise self._error(lineno, f"#| {kw} without a string", col)
        self.pieces = prev[kw] = [self._string(value, lineno, col + len(stripped) - len(value))]
        self.pieces_kind = _PREVIOUS

    def _indented(self, index: int, line: str) -> None:
        """A line that starts with white space: a keyword or a string line, indented."""
        stripped = line.lstrip(_WS)
        offset = len(line) - len(stripped)
        c = stripped[0]
        if c == "#":
            raise self._error(index + 1, "a comment must start at the beginning of the line",
                              offset + 1)
        if c == '"':
            self._continue(stripped, index + 1, offset + 1, _ACTIVE)
        elif not c.isalpha():
            raise self._error(index + 1, f"unexpected character {c!r}", offset + 1)
        else:
            self._keyword(index, stripped, offset, False)

    def _keyword(self, index: int, line: str, offset: int, obsolete: bool) -> None:
        """A keyword line; `line` starts at the keyword, `offset` columns into the line."""
        lineno, col = index + 1, offset + 1
        if line.startswith('msgid "'):
            kw, at = "msgid", 5
        elif line.startswith('msgstr "'):
            kw, at = "msgstr", 6
        else:
            kw, at = _split_keyword(line)
            if kw == "domain" and not obsolete:
                self._domain(index, line[at:].lstrip(_WS), col)
                return
        form = -1 if kw in _KEYWORDS else self._plural_index(kw, lineno, col)
        value = line[at:].lstrip(_WS)
        if not value:
            raise self._error(lineno, f"keyword {kw} without its string", col)
        entry = self.entry
        if kw == "msgid" or kw == "msgctxt":
            if entry.fields or entry.first < 0:     # else only comments came before it
                self._before_msgid(index, kw, col)
                entry = self.entry
        elif "msgid" not in entry.fields:
            raise self._error(lineno, f"{kw} without a preceding msgid", col)
        if entry.obsolete is not None and entry.obsolete != obsolete:
            raise self._error(lineno, _MIXED, col)
        entry.obsolete = obsolete
        if value[0] == '"' and value[-1] == '"' and len(value) >= 2 and "\\" not in value \
                and value.count('"') == 2:
            pieces = [value[1:-1]]
        else:
            pieces = [self._string(value, lineno, offset + len(line) - len(value) + 1)]
        if form >= 0:
            self._add_form(kw, form, pieces, lineno, col)
        elif kw == "msgstr":
            if entry.has_msgstr:
                raise self._error(lineno, "duplicate msgstr", col)
            if "msgid_plural" in entry.fields:
                raise self._error(lineno, "msgstr for a message with msgid_plural: "
                                  "use msgstr[0], msgstr[1], ...", col)
            entry.fields["msgstr"] = pieces
            entry.msgstr_line = lineno
            entry.has_msgstr = True
        elif kw == "msgid_plural":
            if "msgid_plural" in entry.fields:
                raise self._error(lineno, "duplicate msgid_plural", col)
            if entry.has_msgstr:
                raise self._error(lineno, "msgid_plural after msgstr", col)
            entry.fields["msgid_plural"] = pieces
        else:
            entry.fields[kw] = pieces
            if kw == "msgid":
                entry.msgid_line = lineno
        self.pieces, self.pieces_kind = pieces, (_OBSOLETE if obsolete else _ACTIVE)

    def _domain(self, index: int, value: str, col: int) -> None:
        """A `domain "name"` directive: between entries, once a file."""
        lineno = index + 1
        if self.entry.has_msgstr:
            self._finish(index)
        if "msgid" in self.entry.fields:
            raise self._error(self.entry.msgid_line, "msgid without msgstr")
        if self.entry.fields or self.entry.first >= 0:
            raise self._error(lineno, "domain directive inside an entry", col)
        if self.domain is not None:
            raise self._error(lineno, "a second domain directive: one domain a file is "
                              "supported", col)
        if not value:
            raise self._error(lineno, "keyword domain without its string", col)
        name = self._string(value, lineno, col + 7)
        if not name:
            raise self._error(lineno, "empty domain name", col)
        text = self.sep.join(self.lines[self.prev_end:index + 1]) + self.sep
        self.domain = (name, len(self.entries), text)
        self.prev_end = index + 1
        self.pieces = None

    # --- the parts of a keyword line

    def _plural_index(self, kw: str, lineno: int, col: int) -> int:
        """n of a msgstr[n] keyword; any other keyword is an error."""
        if kw.startswith("msgstr[") and kw.endswith("]") and kw[7:-1].isdigit() \
                and kw[7:-1].isascii():
            return int(kw[7:-1])
        if kw.startswith("msgstr["):
            raise self._error(lineno, f"invalid plural index in {kw!r}", col)
        raise self._error(lineno, f"unknown keyword {kw!r}", col)

    def _before_msgid(self, index: int, kw: str, col: int) -> None:
        """A msgid or msgctxt after keywords, or on an entry's first line: it ends a complete
        entry, begins one if none has begun, else it must be the msgid after a msgctxt."""
        entry = self.entry
        if entry.has_msgstr:
            self._finish(index)
            self.entry.first = index
        elif "msgid" in entry.fields:
            raise self._error(entry.msgid_line, "msgid without msgstr")
        elif kw in entry.fields:
            raise self._error(index + 1, "duplicate msgctxt", col)
        elif entry.first < 0:
            entry.first = index

    def _add_form(self, kw: str, form: int, pieces: list[str], lineno: int, col: int) -> None:
        """Store msgstr[form]: the forms of a plural message, counted from 0."""
        entry = self.entry
        if "msgid_plural" not in entry.fields:
            raise self._error(lineno, f"{kw} for a message without msgid_plural", col)
        if form != len(entry.forms):
            raise self._error(lineno, f"msgstr[{form}] out of order: "
                              f"expected msgstr[{len(entry.forms)}]", col)
        entry.forms.append(pieces)
        if not entry.has_msgstr:
            entry.msgstr_line = lineno
        entry.has_msgstr = True

    # --- entries

    def _close_before_comment(self, index: int) -> None:
        """A comment after keywords ends the entry; then the comment starts the next."""
        entry = self.entry
        if entry.fields:
            if "msgid" in entry.fields:
                self._finish(index)
                self.entry.first = index
            else:
                raise self._error(index + 1, "comment between msgctxt and msgid")
        elif entry.first < 0:
            entry.first = index

    def _finish(self, end: int) -> None:
        """Check the entry whose lines are [first, end), add its Message and begin the
        next entry (its first line still to come)."""
        entry = self.entry
        if "msgid" not in entry.fields:
            raise self._error(entry.first + 1, "msgctxt without msgid")
        if not entry.has_msgstr:
            raise self._error(entry.msgid_line, "msgid without msgstr")
        if entry.previous and "msgid" not in entry.previous:
            raise self._error(entry.msgid_line, "#| msgctxt without #| msgid")
        msg = entry.message()
        seen = self.seen_obsolete if msg.obsolete else self.seen_active
        key = (msg.msgctxt, msg.msgid)
        other = seen.get(key)
        if other is not None:  # the lines msgfmt names: this msgid, the first one's msgstr
            what = "obsolete message" if msg.obsolete else "message"
            raise self._error(msg.line,
                              f"duplicate {what} definition (first defined at line {other})")
        seen[key] = entry.msgstr_line
        lines, sep, first, entries = self.lines, self.sep, entry.first, self.entries
        raw = sep.join(lines[first:end])
        if end < len(lines) or self.final_newline:
            raw += sep
        msg._raw = raw
        msg._lead = sep.join(lines[self.prev_end:first]) + sep if first > self.prev_end else ""
        msg._fp = msg.fingerprint()
        msg._pos = (self.token, len(entries))
        msg._after = (self.token, len(entries) - 1)
        entries.append(msg)
        self.prev_end = end
        self.entry = PendingEntry()
        self.pieces = None

    # --- strings

    def _string(self, text: str, lineno: int, col: int) -> str:
        """Decode the string literal(s) of one line; `text` starts at the opening quote."""
        end = len(text)
        while end and text[end - 1] in _WS:
            end -= 1
        if end >= 2 and text[end - 1] == '"':
            inner = text[1:end - 1]
            if '"' not in inner and "\\" not in inner:
                return inner
        return decode_literals(text[:end], lineno, col, self.codec, self._error)

    def _error(self, lineno: int, message: str, col: int | None = None) -> SourceError:
        return SourceError(self.path, lineno, message, col)


def _split_keyword(text: str) -> tuple[str, int]:
    """Split `keyword "string"` into the keyword and the index where the rest starts."""
    i = 0
    n = len(text)
    while i < n and text[i] not in ' \t"\f\v':
        i += 1
    return text[:i], i
