"""Line break opportunities and column widths exactly as libunistring computes them for
GNU gettext's PO writer (UAX #14 pair table plus its few contextual rules)."""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from . import _unidata as _u

_N = _u.NAMED
BK, SP, ZW, CM, ZWJ, HL, HY, BA, RI, AL = (
    _N["BK"], _N["SP"], _N["ZW"], _N["CM"], _N["ZWJ"], _N["HL"], _N["HY"], _N["BA"],
    _N["RI"], _N["AL"])
_PAIR = [[(int(cell[0]) == 2, int(cell[1]) == 2) for cell in row.split(",")] for row in _u.PAIR]


@lru_cache(maxsize=4096)
def _class_of(cp: int) -> int:
    if cp < _u.CLASS_STARTS[0]:
        return CM
    return _u.CLASS_VALUES[bisect_right(_u.CLASS_STARTS, cp) - 1]


_ASCII_CLASS = [_class_of(c) if c else CM for c in range(128)]


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """Columns a character takes (0 for controls and combining marks, 2 for wide ones)."""
    cp = ord(ch)
    return _u.WIDTH_VALUES[bisect_right(_u.WIDTH_STARTS, cp) - 1] if cp >= _u.WIDTH_STARTS[0] else 0


def text_width(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(char_width(c) for c in text)


def break_opportunities(text: str) -> list[bool]:
    """For each character: may a new line start with it?"""
    out = [False] * len(text)
    last = BK
    seen = False          # spaces since the last non-space character
    after_zwj = False
    hl_hyphen = False     # Hebrew letter followed by a hyphen or break-after character
    ri_odd = False
    hl_direct = False     # the previous character was a Hebrew letter
    ascii_class = _ASCII_CLASS
    for i, ch in enumerate(text):
        cp = ord(ch)
        k = ascii_class[cp] if cp < 128 else _class_of(cp)
        if k == BK or k == ZW:
            last, seen, after_zwj, hl_direct = k, False, False, False
            continue
        if k == SP:
            seen, after_zwj, hl_direct = True, False, False
            continue
        combining = k == CM or k == ZWJ
        if combining and not seen and last != BK and last != ZW:
            after_zwj = k == ZWJ
            ri_odd = hl_hyphen = hl_direct = False
            continue
        kk = AL if combining else k
        if last == BK:
            ok = False
        elif combining and seen:
            ok = True
        elif last == ZW:
            ok = True
        elif after_zwj and not seen:
            ok = False
        elif hl_hyphen and not seen:
            ok = False
        elif last == RI and kk == RI and not seen:
            ok = not ri_odd
        else:
            direct, spaced = _PAIR[last][kk]
            ok = spaced if seen else direct
        out[i] = ok
        if kk == RI:
            ri_odd = (not ri_odd) if (last == RI and not seen) else True
        else:
            ri_odd = False
        hl_hyphen = (kk == HY or kk == BA) and hl_direct and not seen
        hl_direct = kk == HL
        last, seen, after_zwj = kk, False, k == ZWJ
    return out

