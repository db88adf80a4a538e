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
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from ..errors import SourceError
from ..markup import placeholder_label
from ..model import Origin, Page, Segment
from ..words import count_words
from .front_matter import read_front_matter
from .html_blocks import html_blocks_plugin, image_source, image_texts
from .inline import Unit, inline_units, normalize_space, unicode_edges
from .site_syntax import site_syntax_plugin
from .template_tags import parameter_text, tag_name, tag_parameters


def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect: CommonMark, raw HTML, tables, strikethrough, task lists, front matter,
    footnotes, definition lists, and what site generators add (``site_syntax``, ``html_blocks``)."""
    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(tasklists_plugin)
    md.use(footnote_plugin)
    md.use(deflist_plugin)
    md.use(site_syntax_plugin)
    md.use(html_blocks_plugin)
    for name in ("normalizeLink", "normalizeLinkText", "validateLink"):  # pure, and called for every link
        setattr(md, name, functools.lru_cache(maxsize=4096)(getattr(md, name)))
    return md


MARKDOWN = markdown_parser()  # the one parser: building it costs more than parsing an article


# --------------------------------------------------------------------------- data


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

    index: int  # position of the inline token in Document.tokens
    segment: Segment | None  # None when the block has no words (only its attributes translate)
    units: list[Unit]
    prefix: int  # leading children kept as they are (the check box of a task list item)
    target: int | None  # token that takes lang=; None: wrap the content in <span lang>
    attributes: list[AttributeText] = field(default_factory=list)
    words: int = 0  # source words of the segment
    edges: tuple[str, str] = ("", "")  # Unicode spaces (U+00A0, U+3000...) at the text's edges, kept


@dataclass
class Document:
    """An article's Markdown parsed: its Page record, its messages and what rendering needs."""

    page: Page
    segments: tuple[Segment, ...]  # every message, in the order of page.keys
    front_matter: dict[str, Segment]  # translatable front matter field -> its message
    tokens: list[Token]
    blocks: list[Block]


# --------------------------------------------------------------------- extraction


def parse_article(path: Path, *, rel_path: str, slug: str, front_matter_keys: Sequence[str],
                  data: bytes | None = None, name: str | None = None, stat: tuple | None = None,
                  schema: Sequence = (), parameters: TagParameters = ()) -> Document:
    """Read and parse one article; SourceError for unreadable files and bad front matter.

    *data*, when given, is the file's content already read (it is not read again); *name* (its
    path below the content folder, default the file name) and *stat* go into its Page as given.
    *schema* is what the front matter must hold (``Project.front_matter``); *parameters* names
    the template tags' parameters that are text (``Project.shortcode_parameters``).
    """
    data = _read_bytes(Path(path), rel_path, data)
    found = read_front_matter(_decode(data, rel_path), rel_path, front_matter_keys, schema)
    tokens = MARKDOWN.parse(found.body)
    words: list[int] = []
    meta, fields = found.meta, _front_matter_segments(found.values, rel_path, words)
    blocks = _find_blocks(tokens, rel_path, dict(parameters))
    segments = (*fields.values(), *_body_segments(blocks, words))
    page = Page(name if name is not None else Path(path).name, rel_path, slug, hashlib.sha256(data).hexdigest(),
                meta, tuple(segment.key for segment in segments),
                {field: segment.key for field, segment in fields.items()}, tuple(words), stat)
    return Document(page, segments, fields, tokens, blocks)


def parse_body(page: Page, path: Path, parameters: TagParameters = ()) -> Document:
    """The Markdown of a known *page* (read from *path*) parsed again for rendering: its front
    matter is ``page.meta`` already, so it is not read, and the Document has only the body's
    messages (*parameters* as ``parse_article``'s)."""
    found = read_front_matter(_decode(_read_bytes(path, page.path), page.path), page.path, (), read=False)
    tokens = MARKDOWN.parse(found.body)
    blocks = _find_blocks(tokens, page.path, dict(parameters))
    return Document(page, tuple(_body_segments(blocks, [])), {}, tokens, blocks)


def _body_segments(blocks: list[Block], words: list[int]) -> Iterator[Segment]:
    """The messages of the body's blocks in order; *words* receives their word counts."""
    for block in blocks:
        if block.segment is not None:
            yield block.segment
            words.append(block.words)
        for attribute in block.attributes:
            yield attribute.segment
            words.append(attribute.words)


def _read_bytes(path: Path, rel_path: str, data: bytes | None = None) -> bytes:
    if data is not None:
        return data
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(rel_path, None, f"cannot read file: {exc.strerror or exc}") from None


def _decode(data: bytes, rel_path: str) -> str:
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


TagParameters = "Mapping[str, Sequence[str]] | tuple[tuple[str, tuple[str, ...]], ...]"
"""Template tag name -> its named parameters that are text (``{"figure": ["caption"]}``)."""


def _find_blocks(tokens: list[Token], rel_path: str, parameters: Mapping[str, Sequence[str]]) -> list[Block]:
    """Every inline token of the body as a Block, in document order (and each template block
    with a parameter in *parameters*)."""
    blocks = []
    containers: list[Token] = []
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            containers.append(token)
        elif token.nesting == -1:
            containers.pop()
        elif token.children is not None and (token.type == "inline" or (
                parameters and token.type == "template_block")):
            block = _make_block(tokens, index, containers, rel_path, parameters)
            if block is not None:
                blocks.append(block)
    return blocks


def _make_block(tokens: list[Token], index: int, containers: list[Token], rel_path: str,
                parameters: Mapping[str, Sequence[str]]) -> Block | None:
    inline = tokens[index]
    children = inline.children
    parent = containers[-1] if containers else None
    kind = "html block" if "html_block" in inline.meta else _block_kind(parent, containers)
    prefix = 1 if kind == "check-mark list item" and _is_checkbox(children[:1]) else 0
    units, source = inline_units(children, prefix)
    line = inline.map[0] + 1 if inline.map else (parent.map[0] + 1 if parent and parent.map else 1)
    msgid = normalize_space(source)
    segment = None
    words = count_words(msgid)
    edges = unicode_edges(source) if words else ("", "")
    if words:
        comments = (kind,) + tuple(
            f"{placeholder_label(u.number, u.kind == 'void')}: {u.note}" for u in units if u.kind in ("open", "void")
        )
        segment = Segment(msgid, Origin(rel_path, line), comments=comments)
    attributes = _attribute_texts(children, rel_path, line, parameters)
    if segment is None and not attributes:
        return None
    target = None if inline.type == "template_block" else _lang_target(tokens, index)
    return Block(index, segment, units, prefix, target, attributes, words, edges)


def _block_kind(parent: Token | None, containers: list[Token]) -> str:
    if parent is None:
        return "paragraph"
    if parent.type == "heading_open":
        return f"heading {parent.tag}"
    if parent.type == "th_open":
        return "table header cell"
    if parent.type == "td_open":
        return "table cell"
    if parent.type in _KINDS:
        return parent.meta.get("kind") or _KINDS[parent.type]
    for container in reversed(containers):
        if container.type == "list_item_open":
            if "task-list-item" in str(container.attrs.get("class", "")).split():
                return "check-mark list item"
            return "list item"
        if container.type == "blockquote_open":
            return "blockquote"
        if container.type in _CONTAINER_KINDS:
            return _CONTAINER_KINDS[container.type]
    return "paragraph"


_KINDS = {"admonition_title_open": "admonition title", "dt_open": "definition term",
          "abbreviation_open": "abbreviation"}
_CONTAINER_KINDS = {"footnote_open": "footnote", "dd_open": "definition"}


def _is_checkbox(children: list[Token]) -> bool:
    return bool(children) and children[0].type == "html_inline" and "task-list-item-checkbox" in children[0].content


def _lang_target(tokens: list[Token], index: int) -> int | None:
    """The token that takes ``lang=`` for this block, or None to wrap its content in a span."""
    opener = tokens[index - 1]
    if opener.nesting != 1:  # text of a raw HTML block: no element of ours to mark
        return None
    if not (opener.type == "paragraph_open" and opener.hidden):
        return index - 1
    # a tight list item: its <p> is not rendered, so mark the <li> if the text is all it holds
    item = index - 2
    if tokens[item].type == "list_item_open" and tokens[index + 2].type == "list_item_close":
        return item
    return None


def _attribute_texts(children: list[Token], rel_path: str, line: int,
                     parameters: Mapping[str, Sequence[str]] = {}) -> list[AttributeText]:
    """Image alt texts, link/image titles and the template tags' text parameters, each with the
    line it sits on."""
    found = []
    for i, child in enumerate(children):
        kind = child.type
        if kind == "softbreak" or kind == "hardbreak":
            line += 1
        elif kind == "template_inline" and parameters:
            found.extend(_parameter_texts(i, child.content, rel_path, line, parameters))
            line += child.content.count("\n")
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
        elif kind == "html_inline" and child.content[:4].lower() == "<img":
            src = image_source(child.content)
            for attr, text in image_texts(child.content):
                words = count_words(text)
                if words:
                    found.append(AttributeText(i, attr, Segment(text, Origin(rel_path, line), comments=(
                        f"image {'alt text' if attr == 'alt' else 'title'}", f"image {src}")), words))
        elif kind == "link_open" and "title" in child.attrs:
            title = _title(child)
            words = count_words(title)
            if words:
                href = child.attrs.get("href", "")
                found.append(AttributeText(i, "title", Segment(title, Origin(rel_path, line),
                                                               comments=("link title", f"link to {href}")), words))
    return found


def _parameter_texts(child: int, tag: str, rel_path: str, line: int,
                     parameters: Mapping[str, Sequence[str]]) -> Iterator[AttributeText]:
    """The parameters of template *tag* that *parameters* names for its tag, as messages."""
    name = tag_name(tag)[1]
    wanted = parameters.get(name, ())
    for parameter, start, end in tag_parameters(tag) if wanted else ():
        text = normalize_space(parameter_text(tag, start, end))
        words = count_words(text)
        if parameter in wanted and words:
            where = Origin(rel_path, line + tag.count("\n", 0, start))
            yield AttributeText(child, parameter, Segment(text, where, comments=(f"{name} {parameter}",)), words)


def _title(token: Token) -> str:
    return normalize_space(str(token.attrs.get("title", "")))
