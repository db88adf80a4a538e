"""HTML in a UI message (``{% trans %}&#169; <a href="…">…</a>{% endtrans %}``): the template
author's markup in the msgid is trusted; a translation may repeat exactly its elements and
attributes, and everything else in it is text.

A msgid with no tag, comment or character reference is text, and so is its translation: both
are escaped whole. A msgid with markup is HTML and shown as written; its translation must have
the same sequence of tags (same names, same attributes and values, in the same order; text
inside ``<script>`` and ``<style>`` the same too), and then each of its tags is replaced by the
msgid's own and its text is escaped (character references kept). A translation that differs
is not shown (``message_html`` gives the source text and says why)."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from typing import NamedTuple

from markupsafe import Markup, escape

# tags, comments, declarations as an HTML5 tokenizer sees them in a fragment's data state
_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<[!?][^>]*>?"
    r"|</?[A-Za-z][^\s/>]*(?:[\s/]*[^\s/>=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]*))?)*[\s/]*>",
    re.S)
_NAME_RE = re.compile(r"</?([A-Za-z][^\s/>]*)")
_ATTR_RE = re.compile(r"([^\s/>=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]*)))?")
_REFERENCE_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_RAW_TEXT = ("script", "style")
_ESCAPES = {"<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "&": "&amp;"}
_TEXT_RE = re.compile(r"[<>\"']|&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


class Tag(NamedTuple):
    """One piece of markup: where it is, its raw text and what a translation must repeat of it."""

    start: int
    end: int
    raw: str
    key: tuple


def tags(text: str) -> list[Tag]:
    """The markup of *text* in order; the text inside a ``<script>`` or ``<style>`` counts as
    markup too (a translation may not change what runs)."""
    found: list[Tag] = []
    match = _TOKEN_RE.search(text)
    while match:
        found.append(Tag(match.start(), match.end(), match.group(), _key(match.group())))
        position = match.end()
        if found[-1].key[0] == "start" and found[-1].key[1] in _RAW_TEXT:
            close = re.compile(f"</{found[-1].key[1]}", re.I).search(text, position)
            end = close.start() if close else len(text)
            found.append(Tag(position, end, text[position:end], ("text", found[-1].key[1], text[position:end])))
            position = end
        match = _TOKEN_RE.search(text, position)
    return found


def _key(raw: str) -> tuple:
    """What identifies a tag: kind, lower-case name, attributes (names lower-case, values
    decoded), or a comment's or declaration's text."""
    if raw.startswith("<!--"):
        return ("comment", raw)
    if raw[1] in "!?":
        return ("declaration", raw)
    name = _NAME_RE.match(raw).group(1).lower()
    if raw.startswith("</"):
        return ("end", name)
    attributes = tuple((m.group(1).lower(), unescape(next((v for v in m.group(2, 3, 4) if v is not None), "")))
                       for m in _ATTR_RE.finditer(raw, _NAME_RE.match(raw).end()) if m.group(1) != "/")
    return ("start", name, attributes)


def is_html(source: str) -> bool:
    """A message with a tag, comment or character reference in its source is HTML."""
    return bool(_TOKEN_RE.search(source) or _REFERENCE_RE.search(source))


def markup_difference(source: str, translation: str) -> str | None:
    """How *translation*'s markup differs from *source*'s (None: the same)."""
    expected, actual = [t.key for t in tags(source)], [t.key for t in tags(translation)]
    if expected == actual:
        return None
    shown = Counter(_shown(key) for key in actual)
    shown.subtract(_shown(key) for key in expected)
    order = list(dict.fromkeys(_shown(key) for key in actual + expected))  # as they come
    added = [name for name in order if shown[name] > 0]
    dropped = [name for name in order if shown[name] < 0]
    parts = [f"adds {', '.join(added)}" if added else "", f"drops {', '.join(dropped)}" if dropped else ""]
    detail = "; ".join(part for part in parts if part)
    if detail:
        return detail
    if Counter(expected) == Counter(actual):
        return "puts the elements in another order"
    return "changes an element's attributes or the text inside a <script> or <style>"


def _shown(key: tuple) -> str:
    if key[0] in ("start", "end"):
        return f"<{'/' if key[0] == 'end' else ''}{key[1]}>"
    return f"the text inside <{key[1]}>" if key[0] == "text" else f"a {key[0]}"


def escape_text(text: str) -> str:
    """*text* as HTML text: ``<``, ``>``, quotes and a bare ``&`` escaped, character references kept."""
    return _TEXT_RE.sub(lambda m: _ESCAPES[m.group()], text)


def message_html(text: str, sources: tuple[str, ...], translated: bool) -> tuple[Markup, str | None]:
    """The HTML of a UI message's *text* (a translation when *translated*, else one of its
    *sources*: msgid, plural), and why a translation could not be shown (then the HTML is
    its first source's)."""
    if not any(is_html(source) for source in sources):
        return escape(text), None
    if not translated:
        return Markup(text), None
    given = tags(text)
    keys = [t.key for t in given]
    for source in sources:
        expected = tags(source)
        if [t.key for t in expected] == keys:
            return Markup(_with_tags(text, given, expected)), None
    difference = markup_difference(sources[0], text)
    return Markup(sources[0]), f"the translation {difference}; the source text is used instead"


def _with_tags(text: str, given: list[Tag], expected: list[Tag]) -> str:
    """*text* with each of its tags replaced by the source's and its other text escaped."""
    out, position = [], 0
    for mine, theirs in zip(given, expected):
        out.append(escape_text(text[position:mine.start]) + theirs.raw)
        position = mine.end
    out.append(escape_text(text[position:]))
    return "".join(out)
