"""Markdown articles: extract one message per block, render them back translated.

A block (heading, paragraph, list item, table cell, blockquote paragraph) becomes
one Segment whose msgid replaces inline markup by numbered placeholders
(``Read <0>our guide</0> first<1/>``, see ``l10n_tool.markup``).  Image alt text and
link or image titles are Segments of their own, as are the selected front matter
keys.  Rendering reuses the same markdown-it token stream and swaps each block's
inline content for its translation, made safe by ``markup.render_inline``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple, Sequence

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from ..errors import SourceError
from ..markup import (
    NEAR_PLACEHOLDER_RE,
    InlineMarkup,
    MarkupError,
    escape_html,
    placeholder_label,
    render_inline,
    validate_translation,
)
from ..model import Origin, Page, Segment
from ..words import count_words

Translate = Callable[[Segment], "tuple[str, str | None]"]

_WHITESPACE_RE = re.compile(r"[ \t\r\n]{2,}|[\t\r\n]")  # what is not already a single space
_HTML_OPEN_RE = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?:\s[^>]*)?>\Z", re.S)
_HTML_CLOSE_RE = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>\Z")
_YAML_KEY_RE = re.compile(r"[A-Za-z_][\w-]*:(\s|$)")
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


_MD = markdown_parser()


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


@dataclass
class Rendered:
    """Body HTML of a translated article and how much of it fell back to the source."""

    html: str
    problems: list[tuple[Segment, str]] = field(default_factory=list)
    fallback_blocks: int = 0
    total_blocks: int = 0
    fallback_words: int = 0
    total_words: int = 0


# --------------------------------------------------------------------- extraction


def normalize_space(text: str) -> str:
    """Collapse runs of ASCII whitespace (soft line breaks too) to one space and strip."""
    if "  " in text or "\n" in text or "\t" in text or "\r" in text:  # else nothing to collapse
        text = _WHITESPACE_RE.sub(" ", text)
    return text.strip()


def parse_article(path: Path, *, rel_path: str, slug: str, front_matter_keys: Sequence[str],
                  data: bytes | None = None, front_matter: bool = True) -> Article:
    """Read and parse one article; SourceError for unreadable files and bad front matter.

    *data*, when given, is the file's content already read (it is not read again). Without
    *front_matter* the YAML is not read: the Article has no meta and no front matter segments
    (what rendering needs when the front matter is known already).
    """
    text = _read_text(Path(path), rel_path, data)
    tokens = _MD.parse(text)
    _check_front_matter_closed(text, tokens, rel_path)
    meta: dict = {}
    fields: dict[str, Segment] = {}
    words: list[int] = []
    if front_matter and tokens and tokens[0].type == "front_matter":
        first_line = tokens[0].map[0] + 2  # the line after the opening ---
        meta, fields = _parse_front_matter(tokens[0].content, first_line, rel_path, front_matter_keys, words)
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


def _check_front_matter_closed(text: str, tokens: list[Token], rel_path: str) -> None:
    """A file that opens front matter with --- and YAML keys but never closes it is an error."""
    if tokens and tokens[0].type == "front_matter":
        return
    lines = text.split("\n", 2)
    if len(lines) > 1 and lines[0].rstrip() == "---" and _YAML_KEY_RE.match(lines[1]):
        raise SourceError(rel_path, 1, "front matter opened with --- is never closed by a --- line")


def _parse_front_matter(text: str, first_line: int, rel_path: str, keys: Sequence[str],
                        words: list[int] | None = None):
    """Front matter as a dict, plus a Segment for each translatable key, in file order.

    libyaml (``CSafeLoader``) reads it when PyYAML has it; anything it refuses is read again
    by the pure-Python ``SafeLoader``, whose error messages (and line numbers) are reported.
    *words*, when given, receives the word count of each Segment.
    """
    loaded = None
    if _FastLoader is not None and _SIMPLE_YAML_RE.fullmatch(text) and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            loaded = _load_yaml(_FastLoader, text)
        except yaml.YAMLError:
            pass
    if loaded is None:
        loaded = _safe_load_yaml(text, first_line, rel_path)
    node, meta = loaded
    return _front_matter_fields(node, meta, first_line, rel_path, keys, words)


_FastLoader = getattr(yaml, "CSafeLoader", None)  # None when PyYAML was built without libyaml

# libyaml and PyYAML's scanner disagree on corner cases (a lone ``!`` tag, ``|-#``, tabs, NEL, BOM),
# so libyaml reads only front matter made of the plain lines articles use, where the two agree:
# ``key: value``, ``- item`` and blank lines, with values plain (no ``#``, ``:`` or flow
# characters, no indicator first), quoted without escapes but ``\"`` and ``\\``, or a flow list
# of plain words.
_NOT_PLAIN = r"\x00-\x1f\x7f-\x9f\ufeff\u2028\u2029"
_YAML_VALUE = (
    rf'"(?:[^"\\{_NOT_PLAIN}]|\\["\\])*"'
    rf"|'(?:[^'{_NOT_PLAIN}]|'')*'"
    r"|\[ *(?:\w[\w.+/-]*(?: *, *\w[\w.+/-]*)*)? *\]"
    rf"|[\w./(~+][^{_NOT_PLAIN}#:\[\]{{}},]*"
)
_YAML_LINE = rf"(?:[A-Za-z_]\w*:(?: +(?:{_YAML_VALUE}))?|(?:  )*- +(?:{_YAML_VALUE})|) *"
_SIMPLE_YAML_RE = re.compile(rf"(?:{_YAML_LINE}\n)*{_YAML_LINE}")


def _load_yaml(loader_class, text: str):
    """(root node, constructed document) of one YAML document; node None when it is empty."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else {})
    finally:
        loader.dispose()


def _safe_load_yaml(text: str, first_line: int, rel_path: str):
    """``_load_yaml`` with the pure-Python loader; errors become SourceErrors with file:line."""
    try:
        return _load_yaml(yaml.SafeLoader, text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line - 1
        column = mark.column + 1 if mark else None
        message = ": ".join(part for part in (exc.context, exc.problem) if part)
        raise SourceError(rel_path, line, f"bad front matter: {message}", column) from None
    except yaml.YAMLError as exc:
        raise SourceError(rel_path, first_line - 1, f"bad front matter: {exc}") from None


def _front_matter_fields(node, meta, first_line: int, rel_path: str, keys: Sequence[str],
                         words: list[int] | None):
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(
            rel_path, first_line, f"front matter must be a mapping of keys to values, not {_yaml_kind(meta)}"
        )
    wanted = set(keys)
    segments: dict[str, Segment] = {}
    seen: set = set()
    for key_node, value_node in node.value if node is not None else ():
        key = key_node.value
        line = first_line + key_node.start_mark.line
        if key in seen:
            raise SourceError(rel_path, line, f"front matter key {key!r} appears twice")
        seen.add(key)
        if key not in wanted:
            continue
        value = meta[key]
        if value is None:
            continue
        if not isinstance(value, str):
            raise SourceError(rel_path, line, f"front matter key {key!r} must be a string, not {_yaml_kind(value)}")
        msgid = normalize_space(value)
        count = count_words(msgid)
        if count:
            segments[key] = Segment(msgid, Origin(rel_path, line), comments=(f"front matter: {key}",))
            if words is not None:
                words.append(count)
    return meta, segments


def _yaml_kind(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


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
            alt = normalize_space(_MD.renderer.renderInlineAsText(child.children or [], _MD.options, {}))
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


# ----------------------------------------------------------------------- rendering


@dataclass
class PreparedArticle:
    """An article ready to render in many languages: the HTML between its blocks rendered once.

    ``parts`` and ``slots`` alternate: static HTML, then a slot, then static HTML, and so on. A
    slot ``(False, n)`` takes block n's inline HTML, ``(True, n)`` the ``lang=`` attribute of
    block n's element (empty when the block is in the page's language).
    """

    article: Article
    tokens: list[Token]  # the article's tokens, image sources resolved
    parts: list[str]
    slots: list[tuple[bool, int]]
    source_html: dict[int, str] = field(default_factory=dict)  # block -> its source inline HTML
    markup: dict[int, dict] = field(default_factory=dict)  # block -> its placeholders' HTML


# Markdown input cannot hold NUL (markdown-it replaces it), so these markers are unambiguous.
_SLOT_RE = re.compile(' lang="\x00L([0-9]+)\x00"|\x00B([0-9]+)\x00')


def prepare_render(article: Article, resolve_src: Callable[[str], str] | None = None) -> PreparedArticle:
    """Render everything of *article* but its blocks (and their elements' ``lang``) once.

    ``resolve_src`` maps a relative image path (``images/x.svg``) to the URL the page must use.
    """
    tokens = list(article.tokens)  # tokens that change are copied first; the article stays as it was
    if resolve_src is not None:
        _resolve_images(tokens, resolve_src)
    marked = list(tokens)
    for number, block in enumerate(article.blocks):
        marked[block.index] = _inline([Token("html_inline", "", 0, content=f"\x00B{number}\x00")])
        if block.target is not None:
            marked[block.target] = _fresh(tokens[block.target])
            marked[block.target].attrSet("lang", f"\x00L{number}\x00")
    pieces = _SLOT_RE.split(_MD.renderer.render(marked, _MD.options, {}))
    slots = [(lang is not None, int(lang if lang is not None else body))
             for lang, body in zip(pieces[1::3], pieces[2::3])]
    expected = sorted([(False, n) for n in range(len(article.blocks))]
                      + [(True, n) for n, block in enumerate(article.blocks) if block.target is not None])
    if sorted(slots) != expected:
        raise RuntimeError(f"{article.page.path}: a block's element lost its place in the rendered HTML")
    return PreparedArticle(article, tokens, pieces[0::3], slots)


def render_article(
    article: Article | PreparedArticle, translate: Translate, *, source_locale: str, locale: str | None = None,
    resolve_src: Callable[[str], str] | None = None,
) -> Rendered:
    """Body HTML with every block translated by ``translate(segment) -> (text, lang)``.

    ``lang`` is None when the text is in the page's locale, else the locale it is in
    (a fallback); that block's element gets ``lang=``.  A translation whose placeholders
    do not match its source is replaced by the source text, marked ``source_locale``,
    and reported in ``problems``.  ``locale``, when given, re-marks an image whose alt
    text is translated inside a block that fell back.  *article* may be prepared once
    (``prepare_render``) for many languages; else ``resolve_src`` is as there.
    """
    prepared = article if isinstance(article, PreparedArticle) else prepare_render(article, resolve_src)
    result = Rendered(html="")
    bodies, langs = [], []
    for number, block in enumerate(prepared.article.blocks):
        html, lang = _block_html(prepared, number, block, translate, source_locale, locale, result)
        if lang and block.target is None:
            html, lang = f'<span lang="{escape_html(lang)}">{html}</span>', None
        bodies.append(html)
        langs.append(f' lang="{escape_html(lang)}"' if lang else "")
    out = [prepared.parts[0]]
    for (is_lang, number), part in zip(prepared.slots, prepared.parts[1:]):
        out.append(langs[number] if is_lang else bodies[number])
        out.append(part)
    result.html = "".join(out)
    return result


def _block_html(prepared: PreparedArticle, number: int, block: Block, translate: Translate, source_locale: str,
                locale: str | None, result: Rendered) -> tuple[str, str | None]:
    """One block's inline HTML in the page, and the lang of its text (None: the page's)."""
    children = prepared.tokens[block.index].children
    attribute_langs = {}
    if block.attributes:
        children = list(children)  # only the attributes' children change: they are copied first
    for attribute in block.attributes:
        text, lang = _count(result, attribute.segment, attribute.words, translate(attribute.segment), source_locale)
        child = children[attribute.child] = _fresh(children[attribute.child])
        if attribute.attr == "alt":
            attribute_langs[attribute.child] = lang
            if text != attribute.segment.msgid:  # else keep the source exactly as it was
                child.children = [Token("text", "", 0, content=text)]
        elif text != attribute.segment.msgid:
            child.attrSet("title", text)
    if block.segment is None:
        _mark_images(children, attribute_langs, None, locale)
        return _MD.renderer.renderInline(children, _MD.options, {}), None
    text, lang = _count(result, block.segment, block.words, translate(block.segment), source_locale)
    if text != block.segment.msgid:
        if "<" not in text and "<" not in block.segment.msgid:  # no placeholders on either side (nor images)
            return _prefix_html(children, block.prefix) + escape_html(text), lang
        problems = validate_translation(block.segment.msgid, text)
        if not problems:
            _mark_images(children, attribute_langs, lang, locale)
            try:
                markup = _markup_map(children, block.units) if block.attributes else _cached_markup(prepared, number)
                return _prefix_html(children, block.prefix) + render_inline(text, markup), lang
            except MarkupError as exc:
                problems = [str(exc)]
        result.problems.append((block.segment, "; ".join(problems) + "; the source text is used instead"))
        if lang is None:
            result.fallback_blocks += 1
            result.fallback_words += block.words
        lang = source_locale
    if not block.attributes:
        return _cached_source_html(prepared, number), lang
    _mark_images(children, attribute_langs, lang, locale)
    return _MD.renderer.renderInline(children, _MD.options, {}), lang


def _cached_source_html(prepared: PreparedArticle, number: int) -> str:
    """The source inline HTML of a block without attribute texts (rendered once per article)."""
    html = prepared.source_html.get(number)
    if html is None:
        children = prepared.tokens[prepared.article.blocks[number].index].children
        html = prepared.source_html[number] = _MD.renderer.renderInline(children, _MD.options, {})
    return html


def _cached_markup(prepared: PreparedArticle, number: int) -> dict:
    """``_markup_map`` of a block without attribute texts (computed once per article)."""
    markup = prepared.markup.get(number)
    if markup is None:
        block = prepared.article.blocks[number]
        markup = prepared.markup[number] = _markup_map(prepared.tokens[block.index].children, block.units)
    return markup


def _inline(children: list[Token]) -> Token:
    """A new inline token for rendered output: the renderer reads nothing of it but its children."""
    return Token("inline", "", 0, children=children)


_ABSOLUTE_URL_RE = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|#)")


def _resolve_images(tokens: list[Token], resolve_src: Callable[[str], str]) -> None:
    """Point relative image sources at their published place (copying the tokens it changes)."""
    for index, token in enumerate(tokens):
        if token.type != "inline" or not any(
                c.type == "image" and not _ABSOLUTE_URL_RE.match(str(c.attrs.get("src", "")))
                for c in token.children or ()):
            continue
        token = tokens[index] = _fresh(token)
        token.children = [_fresh(child) for child in token.children]
        for child in token.children:
            src = str(child.attrs.get("src", ""))
            if child.type == "image" and not _ABSOLUTE_URL_RE.match(src):
                child.attrSet("src", resolve_src(src))


_TOKEN_FIELDS = tuple(f.name for f in dataclasses.fields(Token) if f.init)


def _fresh(token: Token) -> Token:
    """A copy of ``token`` whose attributes can be changed without touching the original.

    What ``token.copy(attrs=...)`` makes, without ``dataclasses.replace``'s per-call field checks.
    """
    values = {name: getattr(token, name) for name in _TOKEN_FIELDS}
    values["attrs"] = dict(token.attrs)
    return Token(**values)


def _count(result: Rendered, segment: Segment, words: int, translated, source_locale: str) -> tuple[str, str | None]:
    """Tally one block of *words* source words; an empty translation counts as none and gives the source."""
    text, lang = translated
    if not text or not text.strip():
        text, lang = segment.msgid, lang or source_locale
    result.total_blocks += 1
    result.total_words += words
    if lang:
        result.fallback_blocks += 1
        result.fallback_words += words
    return text, lang


def _mark_images(children, attribute_langs: dict, block_lang: str | None, locale: str | None) -> None:
    """lang= on an image whose alt text is in another language than the text around it."""
    for child, lang in attribute_langs.items():
        token = children[child]
        token.attrs.pop("lang", None)
        if lang and lang != block_lang:
            token.attrSet("lang", lang)
        elif block_lang and not lang and locale:
            token.attrSet("lang", locale)


def _prefix_html(children: list[Token], prefix: int) -> str:
    if not prefix:
        return ""
    return _MD.renderer.renderInline(children[:prefix], _MD.options, {}) + " "


def _markup_map(children: list[Token], units: list[Unit]) -> dict[int, InlineMarkup]:
    """Placeholder number -> the source's HTML for it, rendered from the (translated) tokens."""
    markup = {}
    for unit in units:
        if unit.kind == "open":
            markup[unit.number] = InlineMarkup(_html(children, unit.start), _html(children, unit.end), unit.note)
        elif unit.kind == "void":
            if unit.text:
                markup[unit.number] = InlineMarkup(escape_html(unit.text), None, unit.note)
            else:
                html = _MD.renderer.renderInline(children[unit.start : unit.end], _MD.options, {})
                markup[unit.number] = InlineMarkup(html, None, unit.note)
    return markup


def _html(children: list[Token], index: int) -> str:
    return _MD.renderer.renderInline(children[index : index + 1], _MD.options, {})
