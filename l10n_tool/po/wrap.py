"""PO string escaping and line wrapping the way GNU gettext writes them (width 79)."""

from __future__ import annotations

import re

from .directives import protected

PAGE_WIDTH = 79

_ESCAPES = {
    "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r",
    "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v",
}
_NEEDS_ESCAPE = frozenset(_ESCAPES)


def escape(text: str) -> str:
    """C-style escapes for a PO string literal (without the quotes)."""
    if text.isprintable() and '"' not in text and "\\" not in text:  # the other escaped ones are controls
        return text
    for char, replacement in _ESCAPES.items():  # the backslash first
        if char in text:
            text = text.replace(char, replacement)
    return text


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


_STAND_INS: dict[str, str] = {}  # non-ASCII character -> ASCII one that breaks and counts alike
_NO_STAND_IN: set[str] = set()
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")


def _ascii_stand_ins(esc: str) -> str | None:
    """*esc* with each non-ASCII character replaced by a printable ASCII one of the same
    line-break class and width (``é`` by a letter, ``“`` by a quote), so that the ASCII path
    finds the same breaks; None when a character has no such stand-in (``—``, wide ones)."""
    for ch in set(_NON_ASCII_RE.findall(esc)):  # a few distinct ones, replaced at C speed
        stand_in = _STAND_INS.get(ch) or _find_stand_in(ch)
        if stand_in is None:
            return None
        esc = esc.replace(ch, stand_in)
    return esc


def _find_stand_in(ch: str) -> str | None:
    """The ASCII stand-in of *ch* (remembered), or None when it has none."""
    from .linebreak import _ASCII_CLASS, _class_of, char_width

    if ch in _NO_STAND_IN:
        return None
    kind = _class_of(ord(ch))
    ascii_like = next((chr(c) for c in range(0x21, 0x7f) if _ASCII_CLASS[c] == kind), None)
    if ascii_like is None or char_width(ch) != 1:
        _NO_STAND_IN.add(ch)
        return None
    _STAND_INS[ch] = ascii_like
    return ascii_like


def _ascii_line_breaks(esc: str, forbid: list[bool], width: int, startcol: int) -> list[int]:
    """The same greedy choice for printable ASCII (one column per character), looking
    only near each line's end: a line starting at `a` breaks at its last opportunity
    within the width, or at its first one beyond if it has none inside."""
    n = len(esc)
    breaks: list[int] = []
    a, column = 0, startcol
    while True:
        limit = a + width - column
        if n <= limit:
            return breaks
        b = limit
        while b > a and not _ascii_opportunity(esc, forbid, b):
            b -= 1
        if b <= a:
            b = max(limit + 1, a + 1)
            while b < n and not _ascii_opportunity(esc, forbid, b):
                b += 1
            if b >= n:
                return breaks
        breaks.append(b)
        a, column = b, 0


def _ascii_opportunity(esc: str, forbid: list[bool], i: int) -> bool:
    """May a line start at ``esc[i]`` (``i`` > 0)? The pair table, looked up by characters."""
    ch = esc[i]
    if ch == " " or forbid[i]:
        return False
    before = esc[i - 1]
    if before != " ":
        return before + ch in _DIRECT_PAIRS
    j = i - 2
    while j >= 0 and esc[j] == " ":
        j -= 1
    return j >= 0 and esc[j] + ch in _SPACED_PAIRS


def _ascii_pairs(spaced: bool) -> frozenset[str]:
    """Every two printable non-space ASCII characters between which a line may break,
    directly adjacent or (*spaced*) with spaces between them."""
    from .linebreak import _ASCII_CLASS as classes, _PAIR as pair

    chars = [chr(c) for c in range(0x21, 0x7F)]
    return frozenset(x + y for x in chars for y in chars if pair[classes[ord(x)]][classes[ord(y)]][spaced])


_DIRECT_PAIRS = _ascii_pairs(False)
_SPACED_PAIRS = _ascii_pairs(True)


def format_string(keyword: str, value: str, prefix: str = "", wrap: bool = True,
                  width: int = PAGE_WIDTH, fmt: str | None = None) -> list[str]:
    """The lines (without newlines) of `prefix keyword "value"` as GNU gettext writes them;
    `fmt` names the format kind (python, c, python-brace) whose directives stay whole."""
    portions = _portions(value)
    # fast path: one short portion fits on the keyword line
    if len(portions) == 1:
        esc = escape(value)
        room = width - 3 - len(prefix) - len(keyword)
        if len(esc) <= room and (esc.isascii() or (_text_width(esc) <= room and _MANDATORY.isdisjoint(esc))):
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
        breaks = _line_breaks(esc, forbid, line_width, 0)
        if first:
            first = False
            if _fits_keyword_line(esc, forbid, breaks, index + 1 == len(portions), len(keyword) + 1, line_width):
                lines.append(f'{prefix}{keyword} "{esc}"')
                continue
            lines.append(f'{prefix}{keyword} ""')
        lines.extend(_join(f'{prefix}"', esc, breaks, prefix))
    return lines


def _fits_keyword_line(esc: str, forbid: list[bool], breaks: list[int], last: bool, startcol: int,
                       width: int) -> bool:
    """Does the first portion stay whole on the keyword line, after ``keyword "``?

    *breaks* are its breaks on a line of its own: when there are any, there are more on the
    keyword line (greedy breaking starts a line no later when the line starts further right).
    """
    return not esc or (last and startcol <= width and not breaks
                       and not _line_breaks(esc, forbid, width, startcol))


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
