"""Render a parsed Markdown article back to HTML with every block translated.

The article's token stream (``extract.markdown.parse_article``) is rendered once with a slot
for each block (``prepare_render``); each language then fills the slots with its
translations (``render_article``). A translation is made safe by ``markup.render_inline``:
only its placeholders turn back into the source's own markup, all other text is escaped.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Callable

from markdown_it.token import Token

from ..extract.html_blocks import set_tag_attribute
from ..extract.inline import Unit
from ..extract.template_tags import set_parameter
from ..extract.markdown import MARKDOWN, Block, Document
from ..markup import InlineMarkup, MarkupError, escape_html, render_inline, validate_translation
from ..model import Segment

Translate = Callable[[Segment], "tuple[str, str | None]"]


@dataclass
class Rendered:
    """Body HTML of a translated article and how much of it fell back to the source."""

    html: str
    problems: list[tuple[Segment, str]] = field(default_factory=list)
    fallback_blocks: int = 0
    total_blocks: int = 0
    fallback_words: int = 0
    total_words: int = 0



@dataclass
class PreparedArticle:
    """An article ready to render in many languages: the HTML between its blocks rendered once.

    ``parts`` and ``slots`` alternate: static HTML, then a slot, then static HTML, and so on. A
    slot ``(False, n)`` takes block n's inline HTML, ``(True, n)`` the ``lang=`` attribute of
    block n's element (empty when the block is in the page's language).
    """

    document: Document
    tokens: list[Token]  # the article's tokens, image sources resolved
    parts: list[str]
    slots: list[tuple[bool, int]]
    source_html: dict[int, str] = field(default_factory=dict)  # block -> its source inline HTML
    markup: dict[int, dict] = field(default_factory=dict)  # block -> its placeholders' HTML


# Markdown input cannot hold NUL (markdown-it replaces it), so these markers are unambiguous.
_SLOT_RE = re.compile(' lang="\x00L([0-9]+)\x00"|\x00B([0-9]+)\x00')


def prepare_render(document: Document, resolve_src: Callable[[str], str] | None = None) -> PreparedArticle:
    """Render everything of *document* but its blocks (and their elements' ``lang``) once.

    ``resolve_src`` maps a relative image path (``images/x.svg``) to the URL the page must use.
    """
    tokens = list(document.tokens)  # tokens that change are copied first; the document stays as it was
    if resolve_src is not None:
        _resolve_images(tokens, resolve_src)
    marked = list(tokens)
    for number, block in enumerate(document.blocks):
        marked[block.index] = _inline([Token("html_inline", "", 0, content=f"\x00B{number}\x00")])
        if block.target is not None:
            marked[block.target] = _fresh(tokens[block.target])
            marked[block.target].attrSet("lang", f"\x00L{number}\x00")
    pieces = _SLOT_RE.split(MARKDOWN.renderer.render(marked, MARKDOWN.options, {}))
    slots = [(lang is not None, int(lang if lang is not None else body))
             for lang, body in zip(pieces[1::3], pieces[2::3])]
    expected = sorted([(False, n) for n in range(len(document.blocks))]
                      + [(True, n) for n, block in enumerate(document.blocks) if block.target is not None])
    if sorted(slots) != expected:
        raise RuntimeError(f"{document.page.path}: a block's element lost its place in the rendered HTML")
    return PreparedArticle(document, tokens, pieces[0::3], slots)


def render_article(
    article: Document | PreparedArticle, translate: Translate, *, source_locale: str, locale: str | None = None,
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
    for number, block in enumerate(prepared.document.blocks):
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
        if child.type == "html_inline":  # a raw <img>: only its attribute's value changes
            if attribute.attr == "alt":
                attribute_langs[attribute.child] = lang
            if text != attribute.segment.msgid:
                child.content = set_tag_attribute(child.content, attribute.attr, text)
        elif child.type == "template_inline":  # a template tag's parameter
            if text != attribute.segment.msgid:
                child.content = set_parameter(child.content, attribute.attr, text)
        elif attribute.attr == "alt":
            attribute_langs[attribute.child] = lang
            if text != attribute.segment.msgid:  # else keep the source exactly as it was
                child.children = [Token("text", "", 0, content=text)]
        elif text != attribute.segment.msgid:
            child.attrSet("title", text)
    if block.segment is None:
        _mark_images(children, attribute_langs, None, locale)
        return MARKDOWN.renderer.renderInline(children, MARKDOWN.options, {}), None
    text, lang = _count(result, block.segment, block.words, translate(block.segment), source_locale)
    if text != block.segment.msgid:
        lead, trail = block.edges
        if "<" not in text and "<" not in block.segment.msgid:  # no placeholders on either side (nor images)
            return _prefix_html(children, block.prefix) + lead + escape_html(text) + trail, lang
        problems = validate_translation(block.segment.msgid, text)
        if not problems:
            _mark_images(children, attribute_langs, lang, locale)
            try:
                markup = _markup_map(children, block.units) if block.attributes else _cached_markup(prepared, number)
                return _prefix_html(children, block.prefix) + lead + render_inline(text, markup) + trail, lang
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
    return MARKDOWN.renderer.renderInline(children, MARKDOWN.options, {}), lang


def _cached_source_html(prepared: PreparedArticle, number: int) -> str:
    """The source inline HTML of a block without attribute texts (rendered once per article)."""
    html = prepared.source_html.get(number)
    if html is None:
        children = prepared.tokens[prepared.document.blocks[number].index].children
        html = prepared.source_html[number] = MARKDOWN.renderer.renderInline(children, MARKDOWN.options, {})
    return html


def _cached_markup(prepared: PreparedArticle, number: int) -> dict:
    """``_markup_map`` of a block without attribute texts (computed once per article)."""
    markup = prepared.markup.get(number)
    if markup is None:
        block = prepared.document.blocks[number]
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
        mark = lang if lang and lang != block_lang else locale if block_lang and not lang and locale else None
        if mark and token.type == "html_inline":  # a raw <img>
            token.content = set_tag_attribute(token.content, "lang", mark)
        elif mark:
            token.attrSet("lang", mark)


def _prefix_html(children: list[Token], prefix: int) -> str:
    if not prefix:
        return ""
    return MARKDOWN.renderer.renderInline(children[:prefix], MARKDOWN.options, {}) + " "


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
                html = MARKDOWN.renderer.renderInline(children[unit.start : unit.end], MARKDOWN.options, {})
                markup[unit.number] = InlineMarkup(html, None, unit.note)
    return markup


def _html(children: list[Token], index: int) -> str:
    return MARKDOWN.renderer.renderInline(children[index : index + 1], MARKDOWN.options, {})
