"""One article translated into one locale: its source bytes with only the translated spans
replaced (``spans.py`` for the body, ``front_matter.py`` for the front matter), and which of
its blocks show the source language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..extract.front_matter import read_front_matter
from ..extract.markdown import Block, parse_article
from ..model import Segment
from .front_matter import Edit, add_key, front_matter_format, value_edit
from .rewrite import Unplaceable, render_block
from .spans import Located, locate

# (segment) -> (text, lang): lang None when in the locale itself, else the locale it is in
Translate = Callable[[Segment], "tuple[str, str | None]"]


@dataclass(frozen=True)
class Fallback:
    """A block of a written page that is not in the page's locale."""

    where: str  # path:line
    lang: str  # the locale its text is in
    marked: bool  # whether the written file says so (a mark the generator keeps)
    reason: str = ""  # why a translation was not used, when there was one


@dataclass
class Written:
    """A translated article: its bytes, and the blocks that are not in its locale."""

    data: bytes
    fallbacks: list[Fallback] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# how a fallback block says its language: (heading suffix, line after a paragraph) or html
MARKS = {
    "attributes-mkdocs": (' {{ lang="{lang}" }}', '{{: lang="{lang}" }}'),
    "attributes-kramdown": (None, '{{: lang="{lang}"}}'),
    "attributes-goldmark": (' {{lang="{lang}"}}', '{{lang="{lang}"}}'),
}


@dataclass
class Prepared:
    """An article read, parsed and located once, for writing in any number of locales."""

    bom: bool
    document: object  # extract.markdown.Document
    located: Located


def prepare_article(path: Path, rel_path: str, slug: str, front_matter_keys, schema) -> Prepared:
    """Read and parse the article at *path* and place its blocks in its source."""
    data = path.read_bytes()
    text = data.decode("utf-8-sig")
    document = parse_article(path, rel_path=rel_path, slug=slug, front_matter_keys=front_matter_keys,
                             data=data, schema=schema)
    body = read_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"), rel_path, (), read=False).body
    return Prepared(data.startswith(b"\xef\xbb\xbf"), document, locate(document.blocks, document.tokens, body, text))


def translate_article(prepared: Prepared, translate: Translate, *, source_locale: str, mark: str | None,
                      set_lang: str | None = None) -> Written:
    """The *prepared* article in the locale *translate* gives. *mark*: how a fallback block is
    marked (a ``MARKS`` key, ``html`` or None); *set_lang*: a ``lang`` front matter value to set
    (jekyll-polyglot)."""
    located, document = prepared.located, prepared.document
    written = Written(b"")
    edits: list[Edit] = []
    edits.extend(_front_matter_edits(located, document, translate, written, set_lang, source_locale))
    edits.extend(_body_edits(located, document.blocks, translate, written, mark, source_locale))
    out = _apply(located.source.text, edits)
    written.data = (b"\xef\xbb\xbf" if prepared.bom else b"") + out.encode("utf-8")
    return written


def _front_matter_edits(located: Located, document, translate: Translate, written: Written,
                        set_lang: str | None, source_locale: str) -> list[Edit]:
    source = located.source
    kind = front_matter_format(source.text)
    edits = []
    end_line = _front_matter_end(source.lines, kind)
    for key, segment in document.front_matter.items():
        text, lang = translate(segment)
        if lang is not None or text == segment.msgid:
            if lang is not None:
                written.fallbacks.append(Fallback(str(segment.origin), lang, False))
            continue
        edit = value_edit(source.text, source.starts, source.lines, kind, segment.origin.line, key, text, end_line)
        if edit.problem:
            written.problems.append(f"{segment.origin}: front matter {key!r}: {edit.problem}; the source is kept")
            written.fallbacks.append(Fallback(str(segment.origin), source_locale, False, edit.problem))
            continue
        edits.append(edit)
    if set_lang is not None:
        eol = source.eol(0) if source.lines else "\n"
        edits.append(add_key(source.text, source.lines, source.starts, kind, "lang", set_lang, eol))
    return edits


def _front_matter_end(lines: list[str], kind: str | None) -> int:
    """The 0-based line that closes the front matter block (0 without one)."""
    if kind is None:
        return 0
    closing = {"yaml": r"(?: {0,3}-{3,}|\.\.\.)[ \t]*", "toml": r"\+\+\+[ \t]*", "json": r"\}[ \t]*"}[kind]
    for index in range(1, len(lines)):
        if re.fullmatch(closing, lines[index]):
            return index
    return len(lines)


def _body_edits(located: Located, blocks: list[Block], translate: Translate, written: Written,
                mark: str | None, source_locale: str) -> list[Edit]:
    edits = []
    for number, block in enumerate(blocks):
        placed = located.placed.get(number)
        translation, lang = (None, None)
        reason = ""
        if block.segment is not None:
            text, lang = translate(block.segment)
            translation = None if text == block.segment.msgid else text
        attributes = {}
        for attribute in block.attributes:
            text, attribute_lang = translate(attribute.segment)
            if text != attribute.segment.msgid:
                attributes[(attribute.child, attribute.attr)] = text
            elif attribute_lang is not None and block.segment is None:
                lang = lang or attribute_lang
        if placed is not None:  # a title or alt text written where the source cannot take it keeps the source's
            for child, attr in [key for key in attributes if key[0] not in (placed.alts if key[1] == "alt"
                                                                          else placed.titles)]:
                del attributes[(child, attr)]
                written.problems.append(f"{_where(block)}: the {attr} text of a reference is written in its "
                                        "definition; the source's is kept")
        if translation is not None or attributes:
            if placed is None:
                reason = "its place in the source was not found"
            else:
                try:
                    new = render_block(located, placed, translation, attributes)
                except Unplaceable as exc:
                    reason = str(exc)
                else:
                    if new is not None:
                        edits.append(Edit(placed.region[0], placed.region[1], new))
            if reason:
                lang = lang or source_locale
                written.problems.append(f"{_where(block)}: {reason}; the source text is kept")
        if lang is None:
            continue
        marks = _mark(located, block, placed, lang, mark) if mark and placed is not None else []
        edits.extend(marks)
        marked = bool(marks)
        written.fallbacks.append(Fallback(_where(block), lang, marked, reason))
    return edits


def _where(block: Block) -> str:
    segment = block.segment or block.attributes[0].segment
    return str(segment.origin)


def _mark(located: Located, block: Block, placed, lang: str, mark: str) -> list[Edit]:
    """Edits that mark a top-level paragraph or heading as being in *lang* ([] when the block
    is not one, or the mark cannot go on it)."""
    opener = located.tokens[block.index - 1]
    if opener.level != 0 or opener.type not in ("paragraph_open", "heading_open") or opener.map is None:
        return []
    source = located.source
    first, last = opener.map[0], opener.map[1] - 1
    eol = source.eol(last)
    line_end = source.starts[last] + len(source.lines[last])
    if mark == "html":  # blank lines inside: Markdown stays Markdown in MDX and after an HTML block
        return [Edit(source.starts[first], source.starts[first], f'<div lang="{lang}">{eol}{eol}'),
                Edit(line_end, line_end, f"{eol}{eol}</div>")]
    heading, after = MARKS[mark]
    if opener.type == "heading_open" and not opener.markup.startswith("#"):
        return []  # a setext heading: its underline is its last line
    if opener.type == "heading_open" and heading is not None:
        return [Edit(placed.region[1], placed.region[1], heading.format(lang=lang))]
    return [Edit(line_end, line_end, eol + after.format(lang=lang))]


def _apply(text: str, edits: list[Edit]) -> str:
    """*text* with *edits* made; an insertion at an offset goes before a replacement starting there."""
    out, pos = [], 0
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        if edit.start < pos:
            raise RuntimeError("overlapping edits")  # distinct blocks never overlap
        out.append(text[pos:edit.start])
        out.append(edit.new)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)
