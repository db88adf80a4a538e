"""PO string escaping and line wrapping the way GNU gettext writes them (width 79)."""

from __future__ import annotations

from .directives import protected

PAGE_WIDTH = 79

_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
    "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v",
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = frozenset(_ESCAPES)


def escape(text: str) -> str:
    """C-style escapes for a PO string literal (without the quotes)."""
    if _NEEDS_ESCAPE.isdisjoint(text):
        return text
    return text.translate(_ESCAPE_TABLE)


def _portions(value: str) -> list[str]:
    """Split after each newline; an empty value is one empty portion."""
    if "\n" not in value:
        return [value]
    parts = value.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1])
    return out


def _escaped_portion(portion: str, protect: list[bool] | None) -> tuple[str, list[bool]]:
    """The escaped text and, per character, whether a break before it is forbidden
    (inside an escape sequence or a format directive, and before a final \\n)."""
    esc = escape(portion)
    if protect is None and len(esc) == len(portion):
        forbid = [False] * len(esc)
    elif len(esc) == len(portion):
        forbid = list(protect)
    else:
        forbid = [False] * len(esc)
        i = 0
        for k, ch in enumerate(portion):
            if protect is not None and protect[k]:
                forbid[i] = True
            if ch in _NEEDS_ESCAPE:
                forbid[i + 1] = True
                i += 2
            else:
                i += 1
    if portion.endswith("\n"):
        forbid[len(esc) - 2] = True
    return esc, forbid


_MANDATORY = frozenset("\x85\u2028\u2029")


def _text_width(text: str) -> int:
    from .linebreak import text_width

    return text_width(text)


def _line_breaks(esc: str, forbid: list[bool], width: int, startcol: int) -> list[int]:
    """Positions where a new line starts, chosen like libunistring's u8_width_linebreaks:
    greedy, breaking before the piece that overflows."""
    if esc.isprintable():
        stand_in = esc if esc.isascii() else _ascii_stand_ins(esc)
        if stand_in is not None:
            return _ascii_line_breaks(stand_in, forbid, width, startcol)
    from .linebreak import break_opportunities, char_width

    possible = break_opportunities(esc)
    breaks: list[int] = []
    last_p = -1
    last_column = startcol
    piece_width = 0
    ascii_text = esc.isascii()
    for i, ch in enumerate(esc):
        opp = possible[i] and not forbid[i]
        mandatory = not ascii_text and ch in _MANDATORY and not forbid[i]
        if opp or mandatory:
            if last_p >= 0 and last_column + piece_width > width:
                breaks.append(last_p)
                last_column = 0
        if mandatory:
            last_p, last_column, piece_width = -1, 0, 0
            continue
        if opp:
            last_p = i
            last_column += piece_width
            piece_width = 0
        piece_width += (1 if " " <= ch < "\x7f" else 0) if ascii_text else char_width(ch)
    if last_p >= 0 and last_column + piece_width > width:
        breaks.append(last_p)
    return breaks


_STAND_INS: dict[int, str] = {}  # non-ASCII character -> ASCII one that breaks and counts alike
_NO_STAND_IN: set[str] = set()


def _ascii_stand_ins(esc: str) -> str | None:
    """*esc* with each non-ASCII character replaced by a printable ASCII one of the same
    line-break class and width (``é`` by a letter, ``“`` by a quote), so that the ASCII path
    finds the same breaks; None when a character has no such stand-in (``—``, wide ones)."""
    text = esc.translate(_STAND_INS)
    if text.isascii():
        return text
    from .linebreak import _ASCII_CLASS, _class_of, char_width

    for ch in set(text):
        if ch.isascii() or ord(ch) in _STAND_INS:
            continue
        if ch in _NO_STAND_IN:
            return None
        kind = _class_of(ord(ch))
        ascii_like = next((chr(c) for c in range(0x21, 0x7f) if _ASCII_CLASS[c] == kind), None)
        if ascii_like is None or char_width(ch) != 1:
            _NO_STAND_IN.add(ch)
            return None
        _STAND_INS[ord(ch)] = ascii_like
    return esc.translate(_STAND_INS)


def _ascii_line_breaks(esc: str, forbid: list[bool], width: int, startcol: int) -> list[int]:
    """The same greedy choice for printable ASCII (one column per character), looking
    only near each line's end: a line starting at `a` breaks at its last opportunity
    within the width, or at its first one beyond if it has none inside."""
    from .linebreak import _ASCII_CLASS as classes, _PAIR as pair

    n = len(esc)
    breaks: list[int] = []

    def opportunity(i: int) -> bool:
        ch = esc[i]
        if ch == " " or forbid[i]:
            return False
        j = i - 1
        while j >= 0 and esc[j] == " ":
            j -= 1
        if j < 0:
            return False
        direct, spaced = pair[classes[ord(esc[j])]][classes[ord(ch)]]
        return spaced if j < i - 1 else direct

    a, column = 0, startcol
    while True:
        limit = a + width - column
        if n <= limit:
            return breaks
        b = limit
        while b > a and not opportunity(b):
            b -= 1
        if b <= a:
            b = max(limit + 1, a + 1)
            while b < n and not opportunity(b):
                b += 1
            if b >= n:
                return breaks
        breaks.append(b)
        a, column = b, 0


def format_string(keyword: str, value: str, prefix: str = "", wrap: bool = True,
                  width: int = PAGE_WIDTH, fmt: str | None = None) -> list[str]:
    """The lines (without newlines) of `prefix keyword "value"` as GNU gettext writes them;
    `fmt` names the format kind (python, c, python-brace) whose directives stay whole."""
    portions = _portions(value)
    # fast path: one short portion fits on the keyword line
    if len(portions) == 1:
        esc = escape(value)
        if len(prefix) + len(keyword) + len(esc) + 3 <= width and (
                esc.isascii() or len(prefix) + len(keyword) + _text_width(esc) + 3 <= width) \
                and not _MANDATORY.intersection(esc):
            return [f'{prefix}{keyword} "{esc}"']
    line_width = (width if wrap else 10 ** 9) - 1 - (len(prefix) + 1)
    lines: list[str] = []
    first = True
    mask = protected(value, fmt)
    offset = 0
    for index, portion in enumerate(portions):
        protect = mask[offset:offset + len(portion)] if mask is not None else None
        offset += len(portion)
        esc, forbid = _escaped_portion(portion, protect)
        if first:
            startcol = len(prefix) + len(keyword) + 1 + 1 - (len(prefix) + 1)
            breaks = _line_breaks(esc, forbid, line_width, startcol)
            if esc and (index + 1 < len(portions) or startcol > line_width or breaks):
                lines.append(f'{prefix}{keyword} ""')
                first = False
            else:
                lines.extend(_join(f'{prefix}{keyword} "', esc, breaks, prefix))
                first = False
                continue
        breaks = _line_breaks(esc, forbid, line_width, 0)
        lines.extend(_join(f'{prefix}"', esc, breaks, prefix))
    return lines


def _join(start: str, esc: str, breaks: list[int], prefix: str) -> list[str]:
    if not breaks:
        return [f'{start}{esc}"']
    out = []
    prev = 0
    for b in breaks:
        out.append(f'{start}{esc[prev:b]}"')
        start = f'{prefix}"'
        prev = b
    out.append(f'{start}{esc[prev:]}"')
    return out
