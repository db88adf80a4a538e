"""What a %-formatted translation may do with its source's directives.

A UI message is always %-formatted with the template's variables (Jinja2's new-style
gettext), so a translation that formats differently from its msgid fails, or worse, at build
time: ``%(site)d`` where the source has ``%(site)s`` gets text, ``%(num)c`` a number out of
range, ``%(year)20000000d`` writes 20 MB. Directives are read here as Python reads them
(names in balanced parentheses, flags, width, precision, length modifier, conversion), and a
translation may only use its source's names, each with a conversion of the source's kind (or
``s``, ``r``, ``a``, which take anything), without ``*`` and with widths and precisions of at
most ``MAX_WIDTH`` (or the source's own); ``%o``, ``%x``, ``%X`` and ``%c`` only where the
source has them (Jinja2's escaped text formats none of them). ``problems`` is the one rule: ``l10n check`` reports
it (python-format) and the build falls back to the source text where it finds anything.
"""

from __future__ import annotations

from typing import NamedTuple

MAX_WIDTH = 100  # a width or precision above this (and above the source's) is refused

_KINDS = {**dict.fromkeys("diuoxX", "number"), **dict.fromkeys("eEfFgG", "decimal number"),
          "c": "character", **dict.fromkeys("sra", "any")}
_FLAGS = "-+ #0"
_ESCAPED_FAILS = "oxXc"  # what Markup's % (every UI message in a page) cannot do with a value


class Directive(NamedTuple):
    """One %-directive: its name (None when unnamed), width and precision (None, a number or
    ``*``), conversion, and the text it was written as."""

    name: str | None
    width: int | str | None
    precision: int | str | None
    conversion: str
    text: str

    @property
    def kind(self) -> str:
        return _KINDS[self.conversion]


def directives(text: str) -> list[Directive]:
    """Every %-directive of *text* but ``%%``, as Python's %-operator reads them; ValueError
    (saying where) for one Python cannot read."""
    found: list[Directive] = []
    i, end = 0, len(text)
    while True:
        i = text.find("%", i)
        if i < 0:
            return found
        start, i = i, i + 1
        name = None
        if i < end and text[i] == "(":
            depth, j = 1, i + 1
            while j < end and depth:
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            if depth:
                raise ValueError(f"unclosed %( at character {start + 1}")
            name, i = text[i + 1:j - 1], j
        while i < end and text[i] in _FLAGS:
            i += 1
        width, i = _number(text, i)
        precision = None
        if i < end and text[i] == ".":
            precision, i = _number(text, i + 1)
            precision = 0 if precision is None else precision
        while i < end and text[i] in "hlL":
            i += 1
        if i >= end:
            raise ValueError(f"incomplete % directive at character {start + 1}")
        conversion = text[i]
        i += 1
        if conversion == "%" and name is None and width is None and precision is None:
            continue
        if conversion not in _KINDS:
            raise ValueError(f"unknown conversion %{conversion} at character {start + 1}")
        found.append(Directive(name, width, precision, conversion, text[start:i]))


def _number(text: str, i: int) -> tuple[int | str | None, int]:
    """A width or precision at *i*: digits, ``*`` or nothing; and where it ends."""
    if i < len(text) and text[i] == "*":
        return "*", i + 1
    j = i
    while j < len(text) and text[j] in "0123456789":
        j += 1
    return (int(text[i:j]) if j > i else None), j


def problems(sources: tuple[str, ...], translation: str) -> list[str]:
    """What keeps *translation* from %-formatting as its *sources* (msgid, msgid_plural) do;
    empty when it is safe to format with the variables the sources name."""
    try:
        given = [d for source in sources if source for d in directives(source)]
    except ValueError:
        return []  # the source itself does not format: the template's problem, not the translation's
    try:
        used = directives(translation)
    except ValueError as exc:
        return [str(exc)]
    found: list[str] = []
    for directive in used:
        same = [d for d in given if d.name == directive.name]
        if directive.name is None and not any(d.conversion == directive.conversion for d in same):
            found.append(f"{directive.text} is not in the source (only named directives are)")
        elif not same:
            found.append(f"{directive.text}: the source has no %({directive.name})")
        elif "*" in (directive.width, directive.precision):
            found.append(f"{directive.text}: a * width or precision takes no named value")
        elif directive.kind != "any" and all(d.kind != directive.kind for d in same):
            found.append(f"{directive.text} formats a {directive.kind}, the source's {same[0].text} "
                         f"{'may be any text' if same[0].kind == 'any' else 'a ' + same[0].kind}")
        elif directive.conversion in _ESCAPED_FAILS and all(d.conversion != directive.conversion for d in same):
            found.append(f"{directive.text}: %{directive.conversion} cannot format a template's value "
                         f"(escaped text takes d, i, u, e, f, g, s, r, a), the source has {same[0].text}")
        else:
            for what in ("width", "precision"):
                value = getattr(directive, what)
                limit = max([MAX_WIDTH] + [getattr(d, what) or 0 for d in same if getattr(d, what) != "*"])
                if value is not None and value > limit:
                    found.append(f"{directive.text}: {what} {value} is over {limit}")
    return found
