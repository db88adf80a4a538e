"""The placeholder language of content messages: ``<0>…</0>`` and ``<1/>``.

Inline markup of a source block (bold, links, code, images, ...) is replaced by
numbered placeholders in its msgid.  A translation may move placeholders around
but must keep each exactly once, with the same kind and the same nesting; when it
is rendered, only the placeholders turn back into the source's own markup and all
other text is HTML-escaped, so a translation can never add an element.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, NamedTuple

from .placeholders import NUMBER as _NUMBER

PLACEHOLDER_RE = re.compile(rf"<(?:(?P<open>{_NUMBER})|/(?P<close>{_NUMBER})|(?P<void>{_NUMBER})/)>")
"""Matches ``<N>``, ``</N>`` and ``<N/>`` exactly (no spaces, no leading zeros)."""

NEAR_PLACEHOLDER_RE = re.compile(r"<\s*/?\s*[0-9]+\s*/?\s*>")
"""Matches text that looks like a placeholder; anything it finds that is not one is malformed."""

PYTHON_FORMAT_RE = re.compile(
    r"%(?:\(([\w.]+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([diouxXeEfFgGcrsa%])")
"""A %-directive of python-format: group 1 its name (``%(num)d``), group 2 its conversion."""


class MarkupError(ValueError):
    """A text whose placeholders are malformed, unbalanced or unknown."""


class Piece(NamedTuple):
    """One token of a placeholder text: kind is ``text``, ``open``, ``close`` or ``void``."""

    kind: str
    value: str | int


@dataclass(frozen=True)
class InlineMarkup:
    """The source markup behind placeholder N.

    ``open`` is the HTML emitted for ``<N>`` (or for ``<N/>`` when ``close`` is None),
    ``close`` the HTML for ``</N>``; ``note`` explains it to translators.
    """

    open: str
    close: str | None = None
    note: str = ""

    @property
    def void(self) -> bool:
        return self.close is None


def placeholder_label(number: int, void: bool) -> str:
    """How placeholder ``number`` is written: ``<0>…</0>`` or ``<0/>``."""
    return f"<{number}/>" if void else f"<{number}>…</{number}>"


def parse_placeholders(text: str) -> list[Piece]:
    """Split ``text`` into text and placeholder pieces; raise MarkupError if malformed or unbalanced."""
    pieces: list[Piece] = []
    stack: list[int] = []
    pos = 0
    for match in NEAR_PLACEHOLDER_RE.finditer(text):
        exact = PLACEHOLDER_RE.fullmatch(match.group())
        if exact is None:
            raise MarkupError(f"malformed placeholder {match.group()!r}")
        if match.start() > pos:
            pieces.append(Piece("text", text[pos : match.start()]))
        pos = match.end()
        if exact.group("open") is not None:
            number = int(exact.group("open"))
            stack.append(number)
            pieces.append(Piece("open", number))
        elif exact.group("close") is not None:
            number = int(exact.group("close"))
            if not stack:
                raise MarkupError(f"</{number}> closes nothing")
            if stack[-1] != number:
                raise MarkupError(f"</{number}> found where </{stack[-1]}> was expected")
            stack.pop()
            pieces.append(Piece("close", number))
        else:
            pieces.append(Piece("void", int(exact.group("void"))))
    if pos < len(text):
        pieces.append(Piece("text", text[pos:]))
    if stack:
        raise MarkupError(f"<{stack[-1]}> is never closed")
    return pieces


@dataclass(frozen=True)
class _Use:
    void: bool
    parent: int | None


def _uses(pieces: Iterable[Piece]) -> dict[int, list[_Use]]:
    """Every use of each placeholder number, with its kind and enclosing placeholder."""
    uses: dict[int, list[_Use]] = {}
    stack: list[int] = []
    for piece in pieces:
        if piece.kind == "open":
            uses.setdefault(piece.value, []).append(_Use(False, stack[-1] if stack else None))
            stack.append(piece.value)
        elif piece.kind == "close":
            stack.pop()
        elif piece.kind == "void":
            uses.setdefault(piece.value, []).append(_Use(True, stack[-1] if stack else None))
    return uses


def _parents(uses: list[_Use]) -> list[int]:
    return [-1 if use.parent is None else use.parent for use in uses]


def validate_translation(source: str, translation: str) -> list[str]:
    """Problems of ``translation`` against ``source``'s placeholders; ``[]`` when it is fine.

    A source that is not valid placeholder text (an alt text or front matter value such
    as ``Press <0> to stop``) is plain text: it has no placeholders to keep.
    """
    found = PLACEHOLDER_RE.findall(translation)
    if found == PLACEHOLDER_RE.findall(source) and len(NEAR_PLACEHOLDER_RE.findall(translation)) == len(found):
        return []  # the source's placeholders, in its order, nothing malformed: same structure
    try:
        source_uses = _uses(parse_placeholders(source))
    except MarkupError:
        return []
    try:
        target_uses = _uses(parse_placeholders(translation))
    except MarkupError as exc:
        return [str(exc)]
    problems = []
    for number, uses in sorted(source_uses.items()):
        expected = uses[0]
        label = placeholder_label(number, expected.void)
        found = target_uses.get(number)
        if not found:
            problems.append(f"missing placeholder {label}")
            continue
        if len(found) != len(uses):
            times = f"placeholder {label} used {len(found)} times"
            problems.append(times if len(uses) == 1 else f"{times}, the source has {len(uses)}")
        if {use.void for use in found} - {use.void for use in uses}:
            problems.append(f"placeholder {placeholder_label(number, not expected.void)} should be {label}")
        elif len(found) == len(uses) and sorted(_parents(found)) != sorted(_parents(uses)):
            where = "outside any placeholder" if expected.parent is None else f"inside <{expected.parent}>"
            problems.append(f"placeholder {label} must be {where}")
    for number in sorted(set(target_uses) - set(source_uses)):
        problems.append(f"unknown placeholder {placeholder_label(number, target_uses[number][0].void)}")
    return problems


def escape_html(text: str) -> str:
    """Escape text for HTML content and double-quoted attributes (as markdown-it does)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_inline(translation: str, markup: Mapping[int, InlineMarkup]) -> str:
    """Safe HTML for ``translation``: escaped text, placeholders mapped to ``markup``.

    Raises MarkupError for malformed or unbalanced placeholders, unknown numbers and
    a placeholder used with the wrong kind.
    """
    out = []
    for piece in parse_placeholders(translation):
        if piece.kind == "text":
            out.append(escape_html(piece.value))
            continue
        item = markup.get(piece.value)
        if item is None:
            raise MarkupError(f"unknown placeholder <{piece.value}>")
        if item.void != (piece.kind == "void"):
            raise MarkupError(f"placeholder <{piece.value}> should be {placeholder_label(piece.value, item.void)}")
        out.append(item.close if piece.kind == "close" else item.open)
    return "".join(out)
