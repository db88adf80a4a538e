"""A block's inline content as numbered units: the placeholders of its message.

Markdown inline tokens (emphasis, links, code, images, raw HTML) become open/close pairs and
void units numbered in order of appearance, which the message shows as ``<0>…</0>`` and
``<1/>`` (``l10n_tool.markup`` is the grammar). Raw HTML tags that do not pair up, and text
that merely looks like a placeholder, become void units.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown_it.token import Token

from ..markup import NEAR_PLACEHOLDER_RE

_WHITESPACE_RE = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")  # what is not already a single space
_HTML_OPEN_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>\Z", re.S)
_HTML_CLOSE_RE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
_VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_PAIRED_NOTES = {"strong": "bold", "em": "italic", "s": "strikethrough"}


def normalize_space(text: str) -> str:
    """Collapse runs of ASCII whitespace (soft line breaks too) to one space and strip."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:  # else nothing to collapse
        text = _WHITESPACE_RE.sub(" ", text)
    return text.strip()


def unicode_edges(text: str) -> tuple[str, str]:
    """The spaces other than ASCII's (U+00A0, U+3000...) that ``normalize_space`` strips from the
    start and the end of *text*: kept around a translation, not shown to translators."""
    stripped = text.strip()
    if len(stripped) == len(text.strip(" \t\r\n")):
        return "", ""
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return (lead.translate(_ASCII_SPACE), trail.translate(_ASCII_SPACE)) if stripped else ("", "")


_ASCII_SPACE = str.maketrans("", "", " \t\r\n")


class Unit(NamedTuple):
    """One piece of a block's inline content.

    kind ``text`` (``text`` set), ``open``/``close`` (children ``start`` and ``end`` are the
    pair's open and close tokens) or ``void`` (children ``start:end``, or ``text`` for a
    literal that looks like a placeholder).  ``number`` is the placeholder number.
    """

    kind: str
    start: int = -1
    end: int = -1
    text: str = ""
    number: int = -1
    note: str = ""


def inline_units(children: list[Token], prefix: int) -> tuple[list[Unit], str]:
    """The numbered units of an inline token's *children* (from *prefix* on) and the block's
    source text with placeholders written out, not yet whitespace-normalised."""
    if len(children) == prefix + 1 and children[prefix].type == "text" and "<" not in children[prefix].content:
        text = children[prefix].content  # the most common block, plain text: nothing to pair or number
        return ([Unit("text", prefix, prefix + 1, text=text)] if text else []), text
    return _number_units(_pair_units(_scan_units(children, prefix)))


def _scan_units(children: list[Token], prefix: int) -> list[Unit]:
    """Children as text, open/close candidates and void units, before pairing."""
    units: list[Unit] = []
    i = prefix
    while i < len(children):
        child = children[i]
        kind = child.type
        if kind == "text":
            units.extend(_text_units(child.content, i))
        elif kind == "softbreak":
            units.append(Unit("text", i, i + 1, text=" "))
        elif kind == "link_open" and child.markup == "autolink":
            end = _matching_close(children, i)
            units.append(Unit("void", i, end + 1, note=f"link {child.attrs.get('href', '')}"))
            i = end
        elif kind == "html_inline" and _opaque_html(child.content):
            end = _html_close(children, i, _opaque_html(child.content))
            units.append(Unit("void", i, end + 1, note=f"HTML {_shorten(_inline_html(children[i:end + 1]))}"))
            i = end
        elif kind == "html_inline":
            units.append(_html_unit(child, i))
        elif child.nesting == 1:
            units.append(Unit("open", i, note=_open_note(child)))
        elif child.nesting == -1:
            units.append(Unit("close", i))
        else:
            units.append(Unit("void", i, i + 1, note=_void_note(child)))
        i += 1
    return units


def _text_units(text: str, child: int) -> list[Unit]:
    """Plain text; anything that looks like a placeholder becomes a literal void unit."""
    if "<" not in text:  # nothing can look like a placeholder
        return [Unit("text", child, child + 1, text=text)] if text else []
    units = []
    pos = 0
    for match in NEAR_PLACEHOLDER_RE.finditer(text):
        if match.start() > pos:
            units.append(Unit("text", child, child + 1, text=text[pos : match.start()]))
        units.append(Unit("void", child, child + 1, text=match.group(), note=f"the text {match.group()}"))
        pos = match.end()
    if pos < len(text):
        units.append(Unit("text", child, child + 1, text=text[pos:]))
    return units


def _matching_close(children: list[Token], start: int) -> int:
    depth = 0
    for i in range(start, len(children)):
        depth += children[i].nesting
        if depth == 0:
            return i
    return len(children) - 1


_OPAQUE_RE = re.compile(r"<(code|kbd|samp|pre)(?:\s[^>]*)?>\Z", re.I)


def _opaque_html(content: str) -> str:
    """The name of a raw HTML element whose text is never offered (``<code>``, ``<kbd>``...), or ""."""
    match = _OPAQUE_RE.match(content)
    return match.group(1).lower() if match else ""


def _html_close(children: list[Token], start: int, name: str) -> int:
    """The child closing the raw HTML element *name* opened at *start*, else *start* itself."""
    close = re.compile(rf"</{name}\s*>\Z", re.I)
    for i in range(start + 1, len(children)):
        if children[i].type == "html_inline" and close.match(children[i].content):
            return i
    return start


def _inline_html(children: list[Token]) -> str:
    return "".join(child.content for child in children)


def _html_unit(child: Token, i: int) -> Unit:
    content = child.content
    opening = _HTML_OPEN_RE.match(content)
    if opening and not content.rstrip().endswith("/>") and opening.group(1).lower() not in _VOID_ELEMENTS:
        return Unit("open", i, text=opening.group(1).lower(), note=f"HTML {_shorten(content)}")
    closing = _HTML_CLOSE_RE.match(content)
    if closing:
        return Unit("close", i, text=closing.group(1).lower(), note=f"HTML {_shorten(content)}")
    return Unit("void", i, i + 1, note=f"HTML {_shorten(content)}")


def _shorten(text: str, limit: int = 60) -> str:
    text = normalize_space(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _open_note(token: Token) -> str:
    if token.type == "link_open":
        return f"link to {token.attrs.get('href', '')}"
    return _PAIRED_NOTES.get(token.tag, token.tag or token.type)


def _void_note(token: Token) -> str:
    if token.type == "code_inline":
        return f"code `{token.content}`"
    if token.type == "image":
        return f"image {token.attrs.get('src', '')}"
    if token.type == "hardbreak":
        return "line break"
    if token.type == "template_inline":
        return f"template tag {_shorten(token.content)}"
    if token.type == "emoji":
        return f"icon {token.content}"
    if token.type == "attr_list":
        return f"attribute list {token.content}"
    if token.type == "footnote_ref":
        return f"footnote {token.meta.get('label', '')}"
    return token.tag or token.type


def _pair_units(units: list[Unit]) -> list[Unit]:
    """Match opens with closes; raw HTML tags that do not pair up become void units (in place)."""
    stack: list[int] = []  # positions in units of pending opens
    for pos, unit in enumerate(units):
        if unit.kind == "open":
            stack.append(pos)
        elif unit.kind == "close":
            html_name = unit.text
            while stack and not _closes(units[stack[-1]], unit):
                if html_name and not units[stack[-1]].text:
                    break  # an HTML close cannot end a Markdown open: it is stray
                _make_void(units, stack.pop())
            if stack and _closes(units[stack[-1]], unit):
                open_pos = stack.pop()
                start = units[open_pos]
                units[pos] = Unit("close", unit.start, start.start)
                units[open_pos] = Unit("open", start.start, unit.start, note=start.note)
            else:
                _make_void(units, pos)
    for pos in stack:
        _make_void(units, pos)
    return units


def _closes(start: Unit, end: Unit) -> bool:
    return start.text == end.text


def _make_void(units: list[Unit], pos: int) -> None:
    unit = units[pos]
    units[pos] = Unit("void", unit.start, unit.start + 1, note=unit.note)


def _number_units(units: list[Unit]) -> tuple[list[Unit], str]:
    """Number opens and voids in order of appearance; closes take their open's number.

    Also gives the block's source text, placeholders written out (not yet normalised).
    """
    numbered = []
    source = []
    by_open_child: dict[int, int] = {}
    next_number = 0
    for unit in units:
        kind = unit.kind
        if kind == "text":
            numbered.append(unit)
            source.append(unit.text)
            continue
        if kind == "close":
            number = by_open_child[unit.end]
            source.append(f"</{number}>")
        else:
            number = next_number
            next_number += 1
            if kind == "open":
                by_open_child[unit.start] = number
                source.append(f"<{number}>")
            else:
                source.append(f"<{number}/>")
        numbered.append(Unit(kind, unit.start, unit.end, unit.text, number, unit.note))
    return numbered, "".join(source)
