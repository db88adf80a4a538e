"""The PO grammar, line by line, in one tight loop (the reader's hot path).

Every malformed construct raises SourceError(path, line, message, column). Each entry
keeps its source text (`_raw`), the blank lines before it (`_lead`) and a fingerprint of
its fields (`_fp`) so that the writer can reproduce unchanged entries byte for byte."""

from __future__ import annotations

from ..errors import SourceError
from .decode import SIMPLE_ESCAPES as _SIMPLE_ESCAPES
from .message import Message

_WS = " \t\f\v"
_PREV_ORDER = {"msgctxt": 0, "msgid": 1, "msgid_plural": 2}


class Entries:
    """The result of parsing: entries in file order and the text after the last one."""

    __slots__ = ("messages", "trailer")

    def __init__(self, messages: list[Message], trailer: str):
        self.messages = messages
        self.trailer = trailer


def parse_lines(lines: list[str], sep: str, final_newline: bool, path: str,
                codec: str, has_cr: bool = True) -> Entries:
    """Parse the lines (without separators) of a PO file; with has_cr, a "\\r" ending a
    line is a CRLF line end (kept in the entries' source text)."""

    def error(lineno: int, message: str, col: int | None = None) -> SourceError:
        return SourceError(path, lineno, message, col)

    def string(text: str, lineno: int, col: int) -> str:
        """Decode the string literal(s) of one line; `text` starts at the opening quote."""
        end = len(text)
        while end and text[end - 1] in _WS:
            end -= 1
        if end >= 2 and text[end - 1] == '"':
            inner = text[1:end - 1]
            if '"' not in inner and "\\" not in inner:
                return inner
        return _decode_slow(text[:end], lineno, col, codec, error)

    entries: list[Message] = []
    token = object()        # tells this file's entries apart from other files'
    seen_active: dict = {}
    seen_obsolete: dict = {}
    prev_end = 0            # index of the line after the previous entry

    # state of the entry being read
    first = -1              # index of its first line, -1 if none yet
    tcomments: list[str] = []
    extracted: list[str] = []
    refs: list[str] = []
    flags: list[str] = []
    prev: dict[str, list[str]] = {}
    fields: dict[str, list[str]] = {}   # msgctxt / msgid / msgid_plural / msgstr -> pieces
    forms: list[list[str]] = []          # msgstr[n] pieces
    obsolete = None         # None until a keyword line says
    msgid_line = 0
    has_msgstr = False
    cur: list[str] | None = None        # pieces that a continuation line extends
    cur_prev = False        # cur belongs to a #| keyword
    cur_obsolete = False

    def finish(end: int) -> None:
        """Close the entry whose lines are [first, end)."""
        nonlocal prev_end
        if "msgid" not in fields:
            if fields:
                raise error(first + 1, "msgctxt without msgid")
            return
        if not has_msgstr:
            raise error(msgid_line, "msgid without msgstr")
        if prev and "msgid" not in prev:
            raise error(msgid_line, "#| msgctxt without #| msgid")
        get = fields.get
        ctx = get("msgctxt")
        plural = get("msgid_plural")
        msgid = fields["msgid"]
        msgstr = get("msgstr")
        msg = Message(
            msgid[0] if len(msgid) == 1 else "".join(msgid),
            ("" if msgstr is None else msgstr[0] if len(msgstr) == 1 else "".join(msgstr)),
            _join(ctx) if ctx is not None else None,
            _join(plural) if plural is not None else None,
            {i: _join(p) for i, p in enumerate(forms)} if forms else {},
            tcomments, extracted, refs, flags,
            _join(prev["msgctxt"]) if "msgctxt" in prev else None,
            _join(prev["msgid"]) if "msgid" in prev else None,
            _join(prev["msgid_plural"]) if "msgid_plural" in prev else None,
            bool(obsolete), msgid_line,
        )
        seen = seen_obsolete if msg.obsolete else seen_active
        key = (msg.msgctxt, msg.msgid)
        other = seen.get(key)
        if other is not None:
            what = "obsolete message" if msg.obsolete else "message"
            raise error(msg.line, f"duplicate {what} definition (first defined at line {other})")
        seen[key] = msg.line
        raw = sep.join(lines[first:end])
        if end < len(lines) or final_newline:
            raw += sep
        msg._raw = raw
        msg._lead = sep.join(lines[prev_end:first]) + sep if first > prev_end else ""
        msg._fp = msg.fingerprint()
        msg._pos = (token, len(entries))
        msg._after = (token, len(entries) - 1)
        entries.append(msg)
        prev_end = end

    def reset(start: int) -> None:
        nonlocal first, tcomments, extracted, refs, flags, prev, fields, forms, obsolete
        nonlocal msgid_line, has_msgstr, cur, cur_prev, cur_obsolete
        first = start
        tcomments, extracted, refs, flags = [], [], [], []
        prev, fields, forms = {}, {}, []
        obsolete = None
        msgid_line = 0
        has_msgstr = False
        cur, cur_prev, cur_obsolete = None, False, False

    def close_before_comment(index: int) -> None:
        """A comment after keywords ends the entry; then the comment starts the next."""
        if fields:
            if "msgid" in fields:
                finish(index)
                reset(index)
            else:
                raise error(index + 1, "comment between msgctxt and msgid")
        elif first < 0:
            reset(index)

    clean = [line[:-1] if line[-1:] == "\r" else line for line in lines] if has_cr else lines
    for index, line in enumerate(clean):
        c = line[:1]

        # --- continuation string: the commonest line in wrapped catalogs
        if c == '"':
            if cur is None or cur_prev or cur_obsolete:
                lineno = index + 1
                if cur is None or cur_prev:
                    raise error(lineno, "string without a keyword", 1)
                raise error(lineno, "inconsistent use of #~ (obsolete and active lines mixed)", 1)
            if line[-1] == '"' and "\\" not in line and line.count('"') == 2:
                cur.append(line[1:-1])
            else:
                cur.append(string(line, index + 1, 1))
            continue
        lineno = index + 1

        # --- comments, obsolete lines, previous strings
        if c == "#":
            kind = line[1:2]
            if kind == "~":
                rest = line[2:]
                if rest[:1] == "|":
                    close_before_comment(index)
                    body, offset, is_obsolete = rest[1:], 3, True
                else:
                    body = rest.lstrip(_WS)
                    offset = 2 + len(rest) - len(body)
                    if not body:
                        continue
                    c = body[:1]
                    if c == '"':
                        if cur is None or cur_prev:
                            raise error(lineno, "string without a keyword", offset + 1)
                        if not cur_obsolete:
                            raise error(lineno, "inconsistent use of #~ (obsolete and active lines "
                                        "mixed)", offset + 1)
                        cur.append(string(body, lineno, offset + 1))
                        continue
                    line = body
                    is_obsolete = True
                    # fall through to the keyword code below
            else:
                if kind != "|":
                    if fields or first < 0:
                        close_before_comment(index)
                    if cur_prev:
                        cur, cur_prev = None, False
                    if kind == ":":
                        refs.extend(line[2:].split())
                    elif kind == ",":
                        for flag in line[2:].split(","):
                            flag = flag.strip()
                            if flag:
                                flags.append(flag)
                    elif kind == ".":
                        text = line[2:]
                        extracted.append(text[1:] if text[:1] == " " else text)
                    else:
                        text = line[1:]
                        tcomments.append(text[1:] if text[:1] == " " else text)
                    continue
                close_before_comment(index)
                body, offset, is_obsolete = line[2:], 2, False
            if kind == "|" or line is not body:
                # a #| or #~| previous-string line
                stripped = body.lstrip(_WS)
                col = offset + len(body) - len(stripped) + 1
                if not stripped:
                    raise error(lineno, "empty #| line", col)
                if stripped[0] == '"':
                    if not cur_prev or cur is None:
                        raise error(lineno, "#| string without a keyword", col)
                    cur.append(string(stripped, lineno, col))
                    continue
                kw, at = _split_keyword(stripped)
                if kw not in _PREV_ORDER:
                    raise error(lineno, f"unknown keyword {kw!r} in #| line", col)
                if kw in prev:
                    raise error(lineno, f"duplicate #| {kw}", col)
                if any(_PREV_ORDER[k] > _PREV_ORDER[kw] for k in prev):
                    raise error(lineno, f"#| {kw} out of order", col)
                if kw == "msgid_plural" and "msgid" not in prev:
                    raise error(lineno, "#| msgid_plural without #| msgid", col)
                if obsolete is not None and obsolete != is_obsolete:
                    raise error(lineno, "inconsistent use of #~", col)
                value = stripped[at:].lstrip(_WS)
                if not value:
                    raise error(lineno, f"#| {kw} without a string", col)
                cur = prev[kw] = [string(value, lineno, col + len(stripped) - len(value))]
                cur_prev, cur_obsolete = True, is_obsolete
                continue
            offset_kw = offset
        elif c == "m":
            is_obsolete = False
            offset_kw = 0
        elif not line or line.isspace():
            if has_msgstr:
                finish(index)
                reset(-1)
            else:
                cur = None  # blank lines may separate keywords, but not a string's lines
            continue
        else:
            stripped = line.lstrip(_WS)
            offset_kw = len(line) - len(stripped)
            if stripped[0] == "#":
                raise error(lineno, "a comment must start at the beginning of the line",
                            offset_kw + 1)
            if stripped[0] == '"':
                if cur is None or cur_prev:
                    raise error(lineno, "string without a keyword", offset_kw + 1)
                if cur_obsolete:
                    raise error(lineno, "inconsistent use of #~ (obsolete and active lines mixed)",
                                offset_kw + 1)
                cur.append(string(stripped, lineno, offset_kw + 1))
                continue
            if not stripped[0].isalpha():
                raise error(lineno, f"unexpected character {stripped[0]!r}", offset_kw + 1)
            line = stripped
            is_obsolete = False

        # --- a keyword line (`line` starts at the keyword)
        col = offset_kw + 1
        if line.startswith('msgid "'):
            kw, at = "msgid", 5
        elif line.startswith('msgstr "'):
            kw, at = "msgstr", 6
        else:
            kw, at = _split_keyword(line)
        value = line[at:].lstrip(_WS)
        index_n = -1
        if kw not in ("msgid", "msgstr", "msgctxt", "msgid_plural"):
            if kw.startswith("msgstr[") and kw.endswith("]") and kw[7:-1].isdigit() \
                    and kw[7:-1].isascii():
                index_n = int(kw[7:-1])
            elif kw.startswith("msgstr["):
                raise error(lineno, f"invalid plural index in {kw!r}", col)
            else:
                raise error(lineno, f"unknown keyword {kw!r}", col)
        if not value:
            raise error(lineno, f"keyword {kw} without its string", col)
        vcol = offset_kw + len(line) - len(value) + 1
        if kw == "msgid" or kw == "msgctxt":
            if has_msgstr:
                finish(index)
                reset(index)
            elif "msgid" in fields:
                raise error(msgid_line, "msgid without msgstr")
            elif kw in fields:
                raise error(lineno, "duplicate msgctxt", col)
            elif first < 0:
                reset(index)
        elif "msgid" not in fields:
            raise error(lineno, f"{kw} without a preceding msgid", col)
        if obsolete is not None and obsolete != is_obsolete:
            raise error(lineno, "inconsistent use of #~ (obsolete and active lines mixed)", col)
        obsolete = is_obsolete
        if value[0] == '"' and value[-1] == '"' and len(value) >= 2 and "\\" not in value \
                and value.count('"') == 2:
            pieces = [value[1:-1]]
        else:
            pieces = [string(value, lineno, vcol)]
        if index_n >= 0:
            if "msgid_plural" not in fields:
                raise error(lineno, f"{kw} for a message without msgid_plural", col)
            if index_n != len(forms):
                raise error(lineno, f"msgstr[{index_n}] out of order: "
                            f"expected msgstr[{len(forms)}]", col)
            forms.append(pieces)
            has_msgstr = True
        elif kw == "msgstr":
            if has_msgstr:
                raise error(lineno, "duplicate msgstr", col)
            if "msgid_plural" in fields:
                raise error(lineno, "msgstr for a message with msgid_plural: "
                            "use msgstr[0], msgstr[1], ...", col)
            fields["msgstr"] = pieces
            has_msgstr = True
        elif kw == "msgid_plural":
            if "msgid_plural" in fields:
                raise error(lineno, "duplicate msgid_plural", col)
            if has_msgstr:
                raise error(lineno, "msgid_plural after msgstr", col)
            fields["msgid_plural"] = pieces
        else:
            fields[kw] = pieces
            if kw == "msgid":
                msgid_line = lineno
        cur, cur_prev, cur_obsolete = pieces, False, is_obsolete

    if first >= 0 or fields:
        finish(len(lines))
    trailer_lines = lines[prev_end:]
    trailer = sep.join(trailer_lines) + (sep if final_newline else "") if trailer_lines else ""
    return Entries(entries, trailer)


def _join(pieces: list[str]) -> str:
    return pieces[0] if len(pieces) == 1 else "".join(pieces)


def _split_keyword(text: str) -> tuple[str, int]:
    """Split `keyword "string"` into the keyword and the index where the rest starts."""
    i = 0
    n = len(text)
    while i < n and text[i] not in ' \t"\f\v':
        i += 1
    return text[:i], i


def _decode_slow(text: str, lineno: int, col: int, codec: str, error) -> str:
    """Full decoding with escapes, several literals on a line and exact error columns."""
    out: list[str] = []
    high = bytearray()

    def flush(at: int) -> None:
        try:
            out.append(bytes(high).decode(codec))
        except UnicodeDecodeError:
            raise error(lineno, f"escaped bytes are not valid in charset {codec}", at) from None
        high.clear()

    i, n = 0, len(text)
    while True:
        if i >= n or text[i] != '"':
            raise error(lineno, "expected a string in double quotes", col + i)
        start = i
        i += 1
        while True:
            if i >= n:
                raise error(lineno, "unterminated string", col + start)
            ch = text[i]
            if ch == '"':
                i += 1
                break
            if ch != "\\":
                if high:
                    flush(col + i)
                out.append(ch)
                i += 1
                continue
            if i + 1 >= n:
                raise error(lineno, "unterminated string (backslash at end of line)", col + start)
            esc = text[i + 1]
            if esc in _SIMPLE_ESCAPES:
                if high:
                    flush(col + i)
                out.append(_SIMPLE_ESCAPES[esc])
                i += 2
                continue
            if esc in "01234567":
                j = i + 1
                while j < n and j < i + 4 and text[j] in "01234567":
                    j += 1
                value = int(text[i + 1:j], 8)
            elif esc == "x":
                j = i + 2
                while j < n and text[j] in "0123456789abcdefABCDEF":
                    j += 1
                if j == i + 2 or j - i - 2 > 2:
                    raise error(lineno, "invalid \\x escape sequence", col + i)
                value = int(text[i + 2:j], 16)
            else:
                raise error(lineno, f"invalid escape sequence \\{esc}", col + i)
            if value == 0:
                raise error(lineno, "NUL character (\\0) in a string", col + i)
            if value < 0x80:
                if high:
                    flush(col + i)
                out.append(chr(value))
            else:
                high.append(value)
            i = j
        if high:
            flush(col + i)
        while i < n and text[i] in _WS:
            i += 1
        if i >= n:
            return "".join(out)
        if text[i] != '"':
            raise error(lineno, "unexpected text after the closing quote "
                        "(an unescaped \" inside the string?)", col + i)
