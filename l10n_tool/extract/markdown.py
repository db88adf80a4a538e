"""Markdown articles: parse them into blocks and extract one message per block.

A block (heading, paragraph, list item, table cell, blockquote paragraph) becomes
one Segment whose msgid replaces inline markup by numbered placeholders
(``Read <0>our guide</0> first<1/>``, see ``l10n_tool.markup``).  Image alt text and
link or image titles are Segments of their own, as are the selected front matter
keys.  The build renders the same token stream back, translated
(``l10n_tool.build.markdown``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from ..errors import SourceError
from ..markup import (
    NEAR_PLACEHOLDER_RE,
    placeholder_label,
)
from ..model import Origin, Page, Segment
from ..words import count_words
from .front_matter import read_front_matter

_WHITESPACE_RE = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")  # what is not already a single space
_HTML_OPEN_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>\Z", re.S)
_HTML_CLOSE_RE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
_VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
_PAIRED_NOTES = {"strong": "bold", "em": "italic", "s": "strikethrough"}


def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect: CommonMark, raw HTML, tables, strikethrough, task lists, front matter."""
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(tasklists_plugin)
    for name in ("normalizeLink", "normalizeLinkText", "validateLink"):  # pure, and called for every link
        setattr(md, name, functools.lru_cache(maxsize=4096)(getattr(md, name)))
    return md


MARKDOWN = markdown_parser()  # the one parser: building it costs more than parsing an article


# --------------------------------------------------------------------------- data


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


@dataclass
class AttributeText:
    """An image alt text or a link/image title inside a block: a Segment of its own."""

    child: int  # index of the image or link_open token among the inline's children
    attr: str  # "alt" or "title"
    segment: Segment
    words: int = 0  # source words of the segment


@dataclass
class Block:
    """A translatable inline token of the article and what rendering needs to know about it."""

    index: int  # position of the inline token in Article.tokens
    segment: Segment | None  # None when the block has no words (only its attributes translate)
    units: list[Unit]
    prefix: int  # leading children kept as they are (the check box of a task list item)
    target: int | None  # token that takes lang=; None: wrap the content in <span lang>
    attributes: list[AttributeText] = field(default_factory=list)
    words: int = 0  # source words of the segment


@dataclass
class Article:
    """A parsed Markdown article: its Page, translatable front matter and blocks."""

    page: Page
    front_matter: dict[str, Segment]
    tokens: list[Token]
    blocks: list[Block]
    words: tuple[int, ...] = ()  # source words of each of page.segments, counted once


# --------------------------------------------------------------------- extraction


def normalize_space(text: str) -> str:
    """Collapse runs of ASCII whitespace (soft line breaks too) to one space and strip."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:  # else nothing to collapse
        text = _WHITESPACE_RE.sub(" ", text)
    return text.strip()


def parse_article(path: Path, *, rel_path: str, slug: str, front_matter_keys: Sequence[str],
                  data: bytes | None = None, front_matter: bool = True, schema: Sequence = ()) -> Article:
    """Read and parse one article; SourceError for unreadable files and bad front matter.

    *data*, when given, is the file's content already read (it is not read again). Without
    *front_matter* the front matter is not read: the Article has no meta and no front matter
    segments (what rendering needs when the front matter is known already). *schema* is what
    the front matter must hold (``Project.front_matter``).
    """
    text = _read_text(Path(path), rel_path, data)
    found = read_front_matter(text, rel_path, front_matter_keys, schema, read=front_matter)
    tokens = MARKDOWN.parse(found.body)
    words: list[int] = []
    meta, fields = found.meta, _front_matter_segments(found.values, rel_path, words)
    blocks = _find_blocks(tokens, rel_path)
    segments = list(fields.values())
    for block in blocks:
        if block.segment is not None:
            segments.append(block.segment)
            words.append(block.words)
        for attribute in block.attributes:
            segments.append(attribute.segment)
            words.append(attribute.words)
    page = Page(slug=slug, path=rel_path, meta=meta, segments=tuple(segments))
    return Article(page=page, front_matter=fields, tokens=tokens, blocks=blocks, words=tuple(words))


def _read_text(path: Path, rel_path: str, data: bytes | None = None) -> str:
    try:
        if data is None:
            data = path.read_bytes()
    except OSError as exc:
        raise SourceError(rel_path, None, f"cannot read file: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(rel_path, line, "not valid UTF-8") from None


def _front_matter_segments(values: list[tuple[str, int, str]], rel_path: str,
                           words: list[int]) -> dict[str, Segment]:
    """A Segment for each translatable (key, line, value) with words, in file order; *words*
    receives the word count of each Segment."""
    segments: dict[str, Segment] = {}
    for key, line, value in values:
        msgid = normalize_space(value)
        count = count_words(msgid)
        if count:
            segments[key] = Segment(msgid, Origin(rel_path, line), comments=(f"front matter: {key}",))
            words.append(count)
    return segments


def _find_blocks(tokens: list[Token], rel_path: str) -> list[Block]:
    """Every inline token of the body as a Block, in document order."""
    blocks = []
    containers: list[Token] = []
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            containers.append(token)
        elif token.nesting == -1:
            containers.pop()
        elif token.type == "inline" and token.children is not None:
            block = _make_block(tokens, index, containers, rel_path)
            if block is not None:
                blocks.append(block)
    return blocks


def _make_block(tokens: list[Token], index: int, containers: list[Token], rel_path: str) -> Block | None:
    inline = tokens[index]
    children = inline.children
    parent = containers[-1] if containers else None
    kind = _block_kind(parent, containers)
    prefix = 1 if kind == "check-mark list item" and _is_checkbox(children[:1]) else 0
    units, source = _units(children, prefix)
    line = inline.map[0] + 1 if inline.map else (parent.map[0] + 1 if parent and parent.map else 1)
    msgid = normalize_space(source)
    segment = None
    words = count_words(msgid)
    if words:
        comments = (kind,) + tuple(
            f"{placeholder_label(u.number, u.kind == 'void')}: {u.note}" for u in units if u.kind in ("open", "void")
        )
        segment = Segment(msgid, Origin(rel_path, line), comments=comments)
    attributes = _attribute_texts(children, rel_path, line)
    if segment is None and not attributes:
        return None
    return Block(index, segment, units, prefix, _lang_target(tokens, index), attributes, words)


def _block_kind(parent: Token | None, containers: list[Token]) -> str:
    if parent is None:
        return "paragraph"
    if parent.type == "heading_open":
        return f"heading {parent.tag}"
    if parent.type == "th_open":
        return "table header cell"
    if parent.type == "td_open":
        return "table cell"
    for container in reversed(containers):
        if container.type == "list_item_open":
            if "task-list-item" in str(container.attrs.get("class", "")).split():
                return "check-mark list item"
            return "list item"
        if container.type == "blockquote_open":
            return "blockquote"
    return "paragraph"


def _is_checkbox(children: list[Token]) -> bool:
    return bool(children) and children[0].type == "html_inline" and "task-list-item-checkbox" in children[0].content


def _lang_target(tokens: list[Token], index: int) -> int | None:
    """The token that takes ``lang=`` for this block, or None to wrap its content in a span."""
    opener = tokens[index - 1]
    if not (opener.type == "paragraph_open" and opener.hidden):
        return index - 1
    # a tight list item: its <p> is not rendered, so mark the <li> if the text is all it holds
    item = index - 2
    if tokens[item].type == "list_item_open" and tokens[index + 2].type == "list_item_close":
        return item
    return None


def _units(children: list[Token], prefix: int) -> tuple[list[Unit], str]:
    """The block's numbered units and its source text (see ``_number_units``)."""
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


def _attribute_texts(children: list[Token], rel_path: str, line: int) -> list[AttributeText]:
    """Image alt texts and link/image titles, each with the line it sits on."""
    found = []
    for i, child in enumerate(children):
        kind = child.type
        if kind == "softbreak" or kind == "hardbreak":
            line += 1
        elif kind == "image":
            src = child.attrs.get("src", "")
            alt = normalize_space(MARKDOWN.renderer.renderInlineAsText(child.children or [], MARKDOWN.options, {}))
            words = count_words(alt)
            if words:
                found.append(AttributeText(i, "alt", Segment(alt, Origin(rel_path, line),
                                                             comments=("image alt text", f"image {src}")), words))
            title = _title(child)
            words = count_words(title)
            if words:
                found.append(AttributeText(i, "title", Segment(title, Origin(rel_path, line),
                                                               comments=("image title", f"image {src}")), words))
        elif kind == "link_open" and "title" in child.attrs:
            title = _title(child)
            words = count_words(title)
            if words:
                href = child.attrs.get("href", "")
                found.append(AttributeText(i, "title", Segment(title, Origin(rel_path, line),
                                                               comments=("link title", f"link to {href}")), words))
    return found


def _title(token: Token) -> str:
    return normalize_space(str(token.attrs.get("title", "")))
