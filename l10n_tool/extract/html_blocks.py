"""The text of raw HTML blocks as blocks of their own.

An ``html_block`` token (``<div align="center">…</div>``, ``<details><summary>…``,
``<figure>``, ``<p align=center>``) is split into its markup, kept as ``html_block`` pieces, and
the runs of text between block-level tags, each made an ``inline`` token whose children are
text and ``html_inline`` tags: the same shape as a Markdown paragraph's, so its inline tags
become placeholders and its ``<img alt title>`` attribute texts (``extract.markdown``). Text
inside ``<pre>``, ``<script>``, ``<style>``, ``<textarea>``, ``<svg>`` and ``<math>`` is never
offered; ``<code>``, ``<kbd>`` and ``<samp>`` inside a run are one placeholder each, and so is
a template tag (``{% if x %}``, ``{{ page.title }}``). Each new inline token has
``meta["html_block"]``, and ``meta["span"]``: the (start, end) offsets of its text in the parsed
body (``FrontMatter.body``), unless the block sits in a list or blockquote, whose markers are
not its text.
"""

from __future__ import annotations

import re
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from ..markup import escape_html
from ..words import count_words
from .inline import normalize_space
from .template_tags import TAG_RE, template_comment

_ATTRIBUTE = r"""\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{\{.*?\}\}|\{[^{}]*\}|[^\s"'=<>`]+))?"""  # {JSX} too
_PIECE_RE = re.compile(
    rf"(?P<template>{TAG_RE.pattern})"  # a template tag: one placeholder
    rf"|<!--.*?-->|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>"  # comments, declarations
    rf"|<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:{_ATTRIBUTE})*\s*/?>"  # an opening tag
    rf"|</(?P<close>[A-Za-z][A-Za-z0-9-]*)\s*>", re.S)
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo big br cite data del dfn em font i img ins mark q s small span strike strong sub sup "
    "time tt u wbr code kbd samp var".split())
OPAQUE_INLINE = frozenset({"code", "kbd", "samp"})
"""Inline elements whose text is never offered: one placeholder each."""
OPAQUE_BLOCKS = frozenset({"pre", "script", "style", "textarea", "svg", "math", "template"})


def _pieces(html: str):
    """(kind, start, end, name) of each piece: ``text``, ``template``, ``tag`` (inline) or
    ``block`` (every other tag, comment or declaration)."""
    pos = 0
    for match in _PIECE_RE.finditer(html):
        if match.start() > pos:
            yield "text", pos, match.start(), ""
        if match.group("template"):
            yield "template", match.start(), match.end(), ""
        else:
            name = (match.group("name") or match.group("close") or "").lower()
            yield ("tag" if name in INLINE_TAGS else "block"), match.start(), match.end(), name
        pos = match.end()
    if pos < len(html):
        yield "text", pos, len(html), ""


def _skip_to_close(html: str, name: str, start: int) -> int:
    """The end of the element *name* opened before *start* (its closing tag), else the end."""
    close = re.compile(rf"</{name}\s*>", re.I).search(html, start)
    return close.end() if close else len(html)


def _runs(html: str) -> list[tuple[int, int]]:
    """(start, end) of each run of text and inline tags between block-level markup."""
    runs, start, pos = [], None, 0
    for kind, begin, end, name in _pieces(html):
        if begin < pos:
            continue  # inside an element skipped whole
        opening = html[begin + 1:begin + 2] != "/"
        if kind == "block":
            if start is not None:
                runs.append((start, begin))
                start = None
            pos = _skip_to_close(html, name, end) if name in OPAQUE_BLOCKS and opening else end
            continue
        if start is None:
            start = begin
        pos = _skip_to_close(html, name, end) if kind == "tag" and name in OPAQUE_INLINE and opening else end
    if start is not None:
        runs.append((start, len(html)))
    return runs


def _children(html: str) -> list[Token]:
    """Text and tag tokens of one run (an opaque inline element is one tag token)."""
    children: list[Token] = []
    pos = 0
    for kind, begin, end, name in _pieces(html):
        if begin < pos:
            continue
        if kind == "text":
            children.append(Token("text", "", 0, content=unescape(html[begin:end])))
            pos = end
            continue
        if kind == "template":
            children.append(Token("template_inline", "", 0, content=html[begin:end]))
            pos = end
            continue
        if name in OPAQUE_INLINE and html[begin + 1:begin + 2] != "/":
            end = _skip_to_close(html, name, end)
        children.append(Token("html_inline", "", 0, content=html[begin:end]))
        pos = end
    return children


_IMG_ATTR_RE = re.compile(r"""\s(alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def image_texts(tag: str) -> list[tuple[str, str]]:
    """(attribute, text) of the alt and title of a raw ``<img>`` tag, entities decoded."""
    return [(match.group(1).lower(), normalize_space(unescape(match.group(2) if match.group(2) is not None
                                                              else match.group(3))))
            for match in _IMG_ATTR_RE.finditer(tag)]


def image_source(tag: str) -> str:
    """The ``src`` of a raw ``<img>`` tag, as written."""
    match = re.search(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", tag, re.I)
    return next((group for group in match.groups() if group is not None), "") if match else ""


def set_tag_attribute(tag: str, name: str, value: str) -> str:
    """*tag* with attribute *name* set to *value* (escaped): replaced where it is, else added
    before the tag's end."""
    match = re.search(rf"""\s{name}\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)""", tag, re.I)
    written = f' {name}="{escape_html(value)}"'
    if match:
        return tag[:match.start()] + written + tag[match.end():]
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:end].rstrip() + written + tag[end:]


def _worth_a_block(children: list[Token]) -> bool:
    """Words in the run's text, or an image with an alt or title text."""
    text = " ".join(child.content for child in children if child.type == "text")
    return bool(count_words(text)) or any(
        child.type == "html_inline" and child.content[:4].lower() == "<img"
        and any(count_words(value) for _, value in image_texts(child.content)) for child in children)


def split_html_blocks(state: StateCore) -> None:
    """Core rule (after ``inline``): each html_block with readable text split into pieces."""
    tokens = state.tokens
    if not any(token.type == "html_block" for token in tokens):
        return
    line_starts = [0] + [match.end() for match in re.finditer("\n", state.src)]
    out: list[Token] = []
    for token in tokens:
        if token.type != "html_block" or not token.map:
            out.append(token)
            continue
        out.extend(_split(token, state.src, line_starts) or [_html_piece(token, token.content)])
    state.tokens = out


def _split(token: Token, source: str, line_starts: list[int]) -> list[Token]:
    """*token*'s markup pieces and text runs in order; [] when no run is worth a block."""
    html = token.content
    base = line_starts[token.map[0]] if token.map[0] < len(line_starts) else 0
    exact = source[base:base + len(html)] == html  # else nested in a container: no span
    pieces: list[Token] = []
    pos = 0
    for start, end in _runs(html):
        lead = len(html[start:end]) - len(html[start:end].lstrip(" \t\n"))
        trail = len(html[start:end]) - len(html[start:end].rstrip(" \t\n"))
        start, end = start + lead, end - trail
        if start >= end:
            continue
        children = _children(html[start:end])
        if not _worth_a_block(children):
            continue
        if start > pos:
            pieces.append(_html_piece(token, html[pos:start]))
        line = token.map[0] + html.count("\n", 0, start)
        meta = {"html_block": True, **({"span": (base + start, base + end)} if exact else {})}
        pieces.append(Token("inline", "", 0, content=html[start:end], children=children, meta=meta,
                            map=[line, line + 1 + html.count("\n", start, end)]))
        pos = end
    if not pieces:
        return []
    if pos < len(html):
        pieces.append(_html_piece(token, html[pos:]))
    return pieces


def _html_piece(token: Token, content: str) -> Token:
    """A piece of *token*'s markup; a template tag between its tags is rendered as a comment
    (``meta["source"]`` keeps the piece as written)."""
    if "{" in content:
        rendered = "".join(template_comment(content[begin:end]) if kind == "template" else content[begin:end]
                           for kind, begin, end, _ in _pieces(content))
        if rendered != content:
            return Token("html_block", "", 0, content=rendered, map=token.map, block=True, meta={"source": content})
    return Token("html_block", "", 0, content=content, map=token.map, block=True)


def html_blocks_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "split_html_blocks", split_html_blocks)
