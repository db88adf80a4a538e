"""Where each message of a Markdown article sits in its source, and how a translation goes back.

Extraction (``extract.markdown``) knows which lines a block came from (``token.map``) but not
which bytes. This module parses the body once more with the same dialect, its inline rules
instrumented to record where each link, image, code span, raw HTML tag and line break starts
and ends, and finds each block's inline text in its source lines. A block is then *placed*:
its region of the file (after list markers, quote prefixes and indentation) and the source
text behind each of its placeholders; ``rewrite.py`` writes a translation into the region.

Everything outside the regions of translated blocks stays byte for byte as it was; a block
whose translation equals its msgid is never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

from ..extract.markdown import Block, markdown_parser

_UNRECORDED_RULES = frozenset({"text", "emphasis", "strikethrough"})  # text, or markup the tokens name
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


class _Recorder:
    """A Markdown parser of the extraction's dialect whose inline rules record source spans.

    ``spans``: id(token) -> (start, end) in the text its inline token was parsed from;
    ``sources``: id(inline token) -> that text, as the core ``inline`` rule read it (the
    tasklists rule edits ``token.content`` afterwards).
    """

    def __init__(self):
        self.md = markdown_parser()
        self.spans: dict[int, tuple[int, int]] = {}
        self.sources: dict[int, str] = {}
        self._alive: list = []  # keeps recorded tokens alive, so their ids stay theirs
        ruler = self.md.inline.ruler
        for name in ruler.get_all_rules():  # every rule, a plugin's too (template tags, attribute lists...)
            if name not in _UNRECORDED_RULES:
                ruler.at(name, self._wrap(name, ruler.__rules__[ruler.__find__(name)].fn))
        core = self.md.core.ruler
        parse_inline = core.__rules__[core.__find__("inline")].fn

        def recording_inline(state):
            for token in state.tokens:
                if token.type == "inline":
                    self.sources[id(token)] = token.content
                    self._alive.append(token)
            parse_inline(state)

        core.at("inline", recording_inline)

    def parse(self, body: str) -> tuple[list[Token], dict[int, str], dict]:
        """The tokens of *body*, the source text of each inline token (by index), the env."""
        self.spans, self.sources, self._alive = {}, {}, []
        env: dict = {}
        tokens = self.md.parse(body, env)
        sources = {index: self.sources[id(token)] for index, token in enumerate(tokens) if id(token) in self.sources}
        return tokens, sources, env

    def _wrap(self, name, rule):
        def recorded(state: StateInline, silent: bool) -> bool:
            start, count = state.pos, len(state.tokens)
            ok = rule(state, silent)
            if ok and not silent:
                self._record(name, state, start, count)
            return ok

        return recorded

    def _record(self, name: str, state: StateInline, start: int, count: int) -> None:
        end, src, spans = state.pos, state.src, self.spans
        new = [t for t in state.tokens[count:] if t.type not in ("text", "text_special") and id(t) not in spans]
        self._alive.extend(new)
        for token in new:
            if name == "link":
                label_end = self.md.helpers.parseLinkLabel(state, start, True)
                spans[id(token)] = (start, start + 1) if token.nesting == 1 else (label_end, end)
            elif name == "autolink":
                spans[id(token)] = (start, start + 1) if token.nesting == 1 else (end - 1, end)
            elif token.type == "hardbreak" and name == "newline":
                first = start
                while first > 0 and src[first - 1] == " ":
                    first -= 1
                spans[id(token)] = (first, end)
            else:
                spans[id(token)] = (start, end)


_RECORDER: _Recorder | None = None


def _recorder() -> _Recorder:
    global _RECORDER
    if _RECORDER is None:
        _RECORDER = _Recorder()
    return _RECORDER


# ------------------------------------------------------------------------------- the source


class Source:
    """An article's text (decoded, line endings as in the file) and its lines' offsets."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.lines: list[str] = []  # without their line endings
        pos = 0
        for match in _LINE_RE.finditer(text):
            if match.start() == len(text) and match.start() != 0 and not match.group():
                break
            line = match.group()
            self.starts.append(pos)
            self.lines.append(line.rstrip("\r\n"))
            pos = match.end()
            if pos >= len(text):
                break

    def eol(self, line: int) -> str:
        """The line ending of *line* (0-based), or the file's first one when it has none."""
        end = self.starts[line] + len(self.lines[line])
        found = self.text[end:end + 2]
        if found.startswith("\r\n"):
            return "\r\n"
        if found[:1] in ("\r", "\n"):
            return found[:1]
        first = re.search(r"\r\n|\r|\n", self.text)
        return first.group() if first else "\n"


# ------------------------------------------------------------------------------ placing blocks


@dataclass
class Placed:
    """A block found in its source: *region* (absolute offsets) holds its text; *children*
    maps a child token's index to its source offsets (where the parse recorded them)."""

    block: Block
    region: tuple[int, int]
    children: dict[int, tuple[int, int]] = field(default_factory=dict)
    titles: dict[int, tuple[int, int]] = field(default_factory=dict)  # child -> its title's inner offsets
    alts: dict[int, tuple[int, int]] = field(default_factory=dict)  # image child -> its alt text's offsets
    markup: dict[int, str] = field(default_factory=dict)  # child -> what to write for it (emphasis, references)
    table: bool = False
    heading: bool = False
    quoted: bool = False  # inside quotes on its line (an admonition's title): no quote may end it
    html: bool = False  # text of a raw HTML block: written HTML-escaped, not Markdown-escaped
    references: dict[int, tuple[int, str]] = field(default_factory=dict)  # image -> (its end, its label)
    raw: set[int] = field(default_factory=set)  # raw <img> children: their alt and title are HTML attributes


@dataclass
class Located:
    """An article's blocks, placed where the source allowed; *unplaced*: indexes of the others."""

    source: Source
    tokens: list[Token]
    placed: dict[int, Placed]  # block number -> where it is
    unplaced: list[int]


def locate(blocks: list[Block], tokens: list[Token], body: str, text: str) -> Located:
    """Place each of *blocks* (extracted from *tokens*, the parse of *body*) in *text*, the
    file's text: *body* is *text* with its front matter emptied and line endings made ``\\n``,
    so both have the same lines."""
    recorder = _recorder()
    mine, sources, env = recorder.parse(body)
    source = Source(text)
    if [(t.type, t.map) for t in mine] != [(t.type, t.map) for t in tokens]:
        return Located(source, tokens, {}, list(range(len(blocks))))
    cursors: dict[int, int] = {}  # line -> where the next table cell on it may start
    placed, unplaced = {}, []
    for number, block in enumerate(blocks):
        found = _place(block, mine, sources.get(block.index), recorder, env, source, cursors)
        if found is None:
            unplaced.append(number)
        else:
            placed[number] = found
    return Located(source, tokens, placed, unplaced)


def _place(block: Block, tokens: list[Token], src: str | None, recorder: _Recorder, env: dict, source: Source,
           cursors: dict[int, int]) -> Placed | None:
    inline = tokens[block.index]
    children = inline.children or []
    if inline.meta.get("html_block"):
        return _place_html(block, inline, source)
    if src is None or inline.map is None:
        return None
    parent = tokens[block.index - 1]
    kind = "table" if parent.type in ("th_open", "td_open") else (
        "atx" if parent.type == "heading_open" and parent.markup.startswith("#") else "lines")
    columns = _columns(src, inline.map, kind, source, cursors)
    if columns is None and kind == "lines" and "\n" not in src:
        columns = _columns(src, inline.map, "title", source, cursors)
    if columns is None:
        return None

    def absolute(offset: int) -> int:
        base = 0
        for line, column, length in columns:
            if offset <= base + length:
                return source.starts[line] + column + (offset - base)
            base += length + 1
        raise IndexError(offset)

    start = 0
    if block.prefix:  # a task list item: its text starts after the check box
        box = re.match(r"\[[ xX]\][ \t]*", src)
        if box is None:
            return None
        start = box.end()
    placed = Placed(block, (absolute(start), absolute(len(src))),
                    table=kind == "table", heading=parent.type == "heading_open")
    region = placed.region
    placed.quoted = source.text[region[0] - 1:region[0]] == '"' and source.text[region[1]:region[1] + 1] == '"'
    state = None
    links: list[int] = []  # open links: a title is written in the close's ``](...)``, asked for by the open
    for index, child in enumerate(children):
        if child.type == "link_open":
            links.append(index)
        opener = links.pop() if child.type == "link_close" and links else index
        span = recorder.spans.get(id(child))
        if span is None:
            if child.type in ("em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"):
                placed.markup[index] = child.markup
            continue
        placed.children[index] = (absolute(span[0]), absolute(span[1]))
        if child.type == "html_inline":
            _raw_image_texts(placed, index, child.content, placed.children[index][0])
        opened = recorder.spans.get(id(children[opener])) if opener != index else None
        if child.type == "link_close" and opened and src[span[0]:span[1]] in ("]", "][]"):
            # a collapsed or shortcut reference: its text is its label, which a translation changes
            placed.markup[index] = "][" + " ".join(src[opened[1]:span[0]].split()) + "]"
        if child.type == "image" or (child.type == "link_close" and src.startswith("](", span[0])):
            if state is None:
                state = StateInline(src, recorder.md, env, [])
            if child.type == "image":
                label_end = recorder.md.helpers.parseLinkLabel(state, span[0] + 1, False)
                if label_end > 0:
                    placed.alts[index] = (absolute(span[0] + 2), absolute(label_end))
                    if src[label_end + 1:span[1]] in ("", "[]"):  # a shortcut or collapsed reference
                        label = " ".join(src[span[0] + 2:label_end].split())
                        placed.references[index] = (absolute(span[1]), label)
                title = _title(recorder.md, src, label_end + 1, span[1]) if label_end > 0 else None
            else:
                title = _title(recorder.md, src, span[0] + 1, span[1])
            if title is not None:
                placed.titles[opener] = (absolute(title[0]), absolute(title[1]))
    return placed


def _place_html(block: Block, inline: Token, source: Source) -> Placed | None:
    """A run of text in a raw HTML block (``extract.html_blocks``): where its ``meta["span"]``
    (offsets in the parsed body) is in the file, and each raw tag's place in it."""
    span = inline.meta.get("span")
    if span is None or inline.map is None:
        return None
    line = inline.map[0]
    if line >= len(source.lines):
        return None
    run = inline.content
    text = source.text
    start = source.starts[line] + source.lines[line].find(run.split("\n", 1)[0])
    if text[start:start + len(run)] != run:
        return None  # e.g. a CRLF file's multi-line run
    placed = Placed(block, (start, start + len(run)), html=True)
    cursor = 0
    for index, child in enumerate(inline.children or ()):
        if child.type != "html_inline":
            continue
        found = run.find(child.content, cursor)
        if found < 0:
            return None
        placed.children[index] = (start + found, start + found + len(child.content))
        _raw_image_texts(placed, index, child.content, start + found)
        cursor = found + len(child.content)
    return placed


_RAW_IMAGE_TEXT_RE = re.compile(r"""\s(alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


def _raw_image_texts(placed: Placed, index: int, tag: str, offset: int) -> None:
    """The alt and title values of a raw ``<img>`` tag starting at *offset*."""
    if tag[:4].lower() != "<img":
        return
    for match in _RAW_IMAGE_TEXT_RE.finditer(tag):
        group = 2 if match.group(2) is not None else 3
        where = (offset + match.start(group), offset + match.end(group))
        (placed.alts if match.group(1).lower() == "alt" else placed.titles)[index] = where
        placed.raw.add(index)


def _columns(src: str, line_map, kind: str, source: Source, cursors: dict[int, int]):
    """(line, column, length) of each line of *src* in the source, or None when not found."""
    first, end = line_map
    parts = src.split("\n")
    if kind == "lines" and len(parts) > end - first:
        return None
    found = []
    for i, part in enumerate(parts):
        line = first + i
        if line >= len(source.lines):
            return None
        text = source.lines[line]
        if kind == "lines":
            stop = len(text)
            if i == len(parts) - 1:
                while stop > 0 and text[stop - 1].isspace():  # the block's text was stripped
                    stop -= 1
            column = stop - len(part)
            if column < 0 or text[column:stop] != part:
                return None
        elif kind == "title":  # a line of its own markup around one text (``!!! note "Title"``)
            column = text.rfind(part)
            if column < 0:
                return None
        elif kind == "atx":
            hashes = re.match(r"[^#]*#+", text)
            column = text.find(part, hashes.end() if hashes else 0)
            if column < 0:
                return None
        else:
            cursor = cursors.get(line, 0)
            column = text.find(part, cursor)
            gap = text[cursor:column].rstrip(" \t")  # earlier cells without words, then this cell's pipe
            if column < 0 or (gap.strip() and not gap.endswith("|")):
                return None
            cursors[line] = column + len(part)
        found.append((line, column, len(part)))
    return found


def _title(md, src: str, pos: int, end: int) -> tuple[int, int] | None:
    """The offsets of the title text inside ``(dest "title")`` starting at *pos* (the ``(``)."""
    if pos >= end or src[pos] != "(":
        return None
    pos += 1
    while pos < end and src[pos] in " \t\n":
        pos += 1
    dest = md.helpers.parseLinkDestination(src, pos, end)
    if dest.ok:
        pos = dest.pos
    while pos < end and src[pos] in " \t\n":
        pos += 1
    if pos >= end or src[pos] not in "\"'(":
        return None
    title = md.helpers.parseLinkTitle(src, pos, end)
    if not title.ok:
        return None
    return pos + 1, title.pos - 1


# ------------------------------------------------------------------------------- writing back
