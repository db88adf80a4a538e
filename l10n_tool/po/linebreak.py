"""Line break opportunities in an escaped PO string (a subset of Unicode UAX #14
as libunistring applies it; break before the returned True positions)."""

from __future__ import annotations


def break_opportunities(text: str) -> list[bool]:
    """For each character: may a line start with it?"""
    out = [False] * len(text)
    prev_space = False
    for i, ch in enumerate(text):
        if ch == " ":
            prev_space = True
            continue
        if prev_space and i > 0:
            out[i] = True
        prev_space = False
    return out
