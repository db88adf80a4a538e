"""PO string literals decoded in full: escapes, several literals on one line, exact error columns.

The strict reader (``parse.py``) takes a plain literal without escapes itself; everything
else comes here."""

from __future__ import annotations

from .decode import SIMPLE_ESCAPES as _SIMPLE_ESCAPES

_WS = " \t\f\v"


def decode_literals(text: str, lineno: int, col: int, codec: str, error) -> str:
    """The text of one line's string literal(s) (*text* starts at the first quote): escapes
    decoded, bytes above 0x7F in *codec*, errors at their exact column through *error*."""
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
