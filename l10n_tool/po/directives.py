"""Where format directives are in a string, as GNU gettext's format parsers see them;
the writer must not break a line inside one (like write-po.c)."""

from __future__ import annotations

import re

_FORMAT_ORDER = ("c", "python", "python-brace")   # GNU's NFORMATS order, the kinds we parse
_PRI_MACRO = re.compile(r"<PRI[diouxX](?:8|16|32|64|LEAST(?:8|16|32|64)|FAST(?:8|16|32|64)"
                        r"|MAX|PTR)>")


def format_kind(flags) -> str | None:
    """The first format kind (in GNU's order) the flags declare, or None."""
    declared = set()
    for flag in flags:
        if flag.endswith("-format") and not flag.startswith("no-"):
            name = flag[:-7]
            if name.startswith("possible-"):
                name = name[9:]
            declared.add(name)
    for kind in _FORMAT_ORDER:
        if kind in declared:
            return kind
    return None


def protected(value: str, kind: str | None) -> list[bool] | None:
    """Per character: True inside a valid directive (not its first character)."""
    if kind is None or not value:
        return None
    if kind == "python-brace":
        return _python_brace_mask(value)
    spans = _PARSERS[kind](value)
    if not spans:
        return None
    mask = [False] * len(value)
    for start, end in spans:
        for i in range(start + 1, end + 1):
            mask[i] = True
    return mask


def _python(s: str) -> list[tuple[int, int]]:
    """%-directives as gettext 0.21's Python parser accepts them; parsing stops at the
    first invalid one (and named and unnamed arguments may not mix)."""
    spans = []
    named = unnamed = 0
    i, n = 0, len(s)
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        name = False
        if i < n and s[i] == "(":
            depth = 0
            i += 1
            while i < n:
                if s[i] == "(":
                    depth += 1
                elif s[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= n:
                return spans
            i += 1
            name = True
        while i < n and s[i] in "-+ #0":
            i += 1
        if i < n and s[i] == "*":
            i += 1
            if named:
                return spans
            unnamed += 1
        else:
            while i < n and "0" <= s[i] <= "9":
                i += 1
        if i < n and s[i] == ".":
            i += 1
            if i < n and s[i] == "*":
                i += 1
                if named:
                    return spans
                unnamed += 1
            else:
                while i < n and "0" <= s[i] <= "9":
                    i += 1
        if i < n and s[i] in "hlL":
            i += 1
        if i >= n or s[i] not in "%csriduoxXeEfgG":
            return spans
        if name:
            if unnamed:
                return spans
            named += 1
        elif s[i] != "%":
            if named:
                return spans
            unnamed += 1
        spans.append((start, i))
        i += 1
    return spans


def _c(s: str) -> list[tuple[int, int]]:
    """printf directives; parsing stops at the first invalid one or where numbered
    (%1$s) and unnumbered (%s) arguments start to mix, as gettext's parser does."""
    spans = []
    numbered = unnumbered = 0
    i, n = 0, len(s)

    def arg_number(i: int) -> tuple[int, int]:
        j = i
        while j < n and "0" <= s[j] <= "9":
            j += 1
        if j > i and j < n and s[j] == "$":
            return int(s[i:j]), j + 1
        return 0, i

    while i < n:
        if s[i] != "%":
            i += 1
            continue
        start = i
        i += 1
        number, i = arg_number(i)
        if number == 0 and i > start + 1:
            return spans
        while i < n and s[i] in "-+ #0'I":
            i += 1
        for _ in range(2):  # width, then precision
            if i < n and s[i] == "*":
                i += 1
                star, i = arg_number(i)
                if star:
                    if unnumbered:
                        return spans
                    numbered += 1
                else:
                    if numbered:
                        return spans
                    unnumbered += 1
            else:
                while i < n and "0" <= s[i] <= "9":
                    i += 1
            if _ == 0:
                if i < n and s[i] == ".":
                    i += 1
                else:
                    break
        while i < n and s[i] in "hlLqjzZt":
            i += 1
        if i < n and s[i] == "<":
            macro = _PRI_MACRO.match(s, i)
            if macro is None:
                return spans
            i = macro.end() - 1
        elif i >= n or s[i] not in "diouxXeEfFgGaAcspnCSm%":
            return spans
        if s[i] not in "%m":
            if number:
                if unnumbered:
                    return spans
                numbered += 1
            else:
                if numbered:
                    return spans
                unnumbered += 1
        spans.append((start, i))
        i += 1
    return spans


def _python_brace_mask(value: str) -> list[bool] | None:
    """gettext 0.21 records python-brace directive marks relative to each directive's
    own start, so they all land at the beginning of the string: bytes 1..E are kept
    together, E being the nearest recorded end (nothing if that is an error mark)."""
    ends: list[int] = []
    errors: list[int] = []
    found = False
    data = value.encode("utf-8")
    i, n = 0, len(data)
    while i < n:
        if data[i] != 0x7B:  # "{"
            i += 1
            continue
        if i + 1 < n and data[i + 1] == 0x7B:
            i += 2
            continue
        end, error = _brace_field(data, i, True)
        if end < 0:
            errors.append(error)
            break
        found = True
        ends.append(end - i)
        i = end + 1
    if not found:
        return None
    first_end = min(ends)
    if errors and min(errors) <= first_end:
        return None
    mask = [False] * len(value)
    pos = 0
    for k, ch in enumerate(value):
        if 1 <= pos <= first_end:
            mask[k] = True
        elif pos > first_end:
            break
        pos += len(ch.encode("utf-8"))
    return mask


def _field_name(s: bytes, i: int, numeric: bool) -> int:
    n = len(s)
    if i < n and (s[i] == 0x5F or 0x61 <= s[i] <= 0x7A or 0x41 <= s[i] <= 0x5A):
        i += 1
        while i < n and (s[i] == 0x5F or 0x61 <= s[i] <= 0x7A or 0x41 <= s[i] <= 0x5A
                         or 0x30 <= s[i] <= 0x39):
            i += 1
        return i
    if numeric and i < n and 0x30 <= s[i] <= 0x39:
        while i < n and 0x30 <= s[i] <= 0x39:
            i += 1
        return i
    return -1


def _brace_field(s: bytes, start: int, toplevel: bool) -> tuple[int, int]:
    """(index of the closing brace, -1) for a valid field at `start`, else
    (-1, error offset relative to the directive that failed)."""
    n = len(s)
    i = _field_name(s, start + 1, True)
    if i < 0:
        return -1, 1
    while i < n and s[i] in (0x2E, 0x5B):  # "." "["
        if s[i] == 0x2E:
            j = _field_name(s, i + 1, False)
            if j < 0:
                return -1, i + 1 - start
            i = j
        else:
            j = _field_name(s, i + 1, True)
            if j < 0:
                return -1, i + 1 - start
            if j >= n or s[j] != 0x5D:
                return -1, j - start
            i = j + 1
    if i < n and s[i] == 0x3A:  # ":"
        if not toplevel:
            return -1, i - start
        i += 1
        if i < n and s[i] == 0x7B:
            end, error = _brace_field(s, i, False)
            if end < 0:
                return -1, error
            i = end + 1
        else:
            if i >= n:
                return -1, i - start
            if i + 1 < n and s[i + 1] in b"<>=^":
                i += 2
            elif s[i] in b"<>=^":
                i += 1
            if i < n and s[i] in b"+- ":
                i += 1
            if i < n and s[i] == 0x23:
                i += 1
            if i < n and s[i] == 0x30:
                i += 1
            while i < n and 0x30 <= s[i] <= 0x39:
                i += 1
            if i < n and s[i] == 0x2E and i + 1 < n and 0x30 <= s[i + 1] <= 0x39:
                i += 1
                while i < n and 0x30 <= s[i] <= 0x39:
                    i += 1
            if i < n and s[i] in b"bcdoxXneEfFgG%":
                i += 1
    if i < n and s[i] == 0x7D:
        return i, -1
    return -1, i - start


_PARSERS = {"python": _python, "c": _c}
