"""A translation written back into its block's region of the source (``spans.py`` placed it):
its text escaped as Markdown (or HTML, inside raw HTML) so that it cannot add markup, each
placeholder replaced by the source's own bytes."""

from __future__ import annotations

import re

from ..extract.inline import Unit
from ..markup import MarkupError, parse_placeholders
from .spans import Located, Placed


_ENTITY_RE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START_RE = re.compile(r"(?:[#>+=-]|[0-9]+[.)])")
_MARKDOWN_PUNCT = {"\\": "\\\\", "`": "\\`", "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]",
                   "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
_PUNCT_RE = re.compile(r"[\\`*_\[\]<>{}]|~~")


def escape_markdown(text: str, *, first: bool = False, table: bool = False, heading_end: bool = False) -> str:
    """*text* (a translation's text, never markup) as Markdown that reads as exactly that text
    in CommonMark, Python-Markdown, Goldmark, kramdown and MDX: its punctuation escaped,
    ``<``, ``{`` and ``}`` as character references (no HTML, shortcode, Liquid or JSX can
    start), whitespace runs as one space. *first*: it opens a line (no block may start);
    *table*: inside a table cell; *heading_end*: it ends an ATX heading."""
    text = re.sub(r"[ \t\r\n]+", " ", text)  # ASCII whitespace, as extraction collapses it
    text = _ENTITY_RE.sub("&amp;", text)
    text = _PUNCT_RE.sub(lambda m: "&#126;~" if m.group() == "~~" else _MARKDOWN_PUNCT[m.group()], text)
    if table:
        text = text.replace("|", "\\|")
    if first:
        match = _BLOCK_START_RE.match(text)
        if match:
            written = match.group()
            text = (written[:-1] + "\\" + written[-1] + text[match.end():]) if written[-1] in ".)#-+=" \
                else "&gt;" + text[1:] if written == ">" else text
    if heading_end and text.endswith("#"):
        text = text[:-1] + "\\#"
    return text


_HTML_PUNCT_RE = re.compile(r"[{}\[\]*_`\\]")


def escape_html_text(text: str) -> str:
    """A translation's text inside raw HTML: character references for ``&<>``, the braces of
    template tags and Markdown's punctuation (kramdown and Python-Markdown read Markdown inside
    ``markdown="1"``); whitespace runs as one space."""
    text = re.sub(r"[ \t\r\n]+", " ", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _HTML_PUNCT_RE.sub(lambda match: f"&#{ord(match.group())};", text)


def escape_title(text: str, delimiter: str) -> str:
    """A translated link or image title inside its source's delimiters (``"``, ``'`` or ``(``)."""
    text = re.sub(r"[ \t\r\n]+", " ", text).replace("\\", "\\\\")
    for special in ("()" if delimiter == "(" else delimiter):
        text = text.replace(special, "\\" + special)
    return text


class Unplaceable(Exception):
    """A translation that cannot be written where its block is (a placeholder without source)."""


def render_block(located: Located, placed: Placed, translation: str | None,
                 attributes: dict[tuple[int, str], str]) -> str | None:
    """The new text of *placed*'s region: *translation* (None: the source text) with the
    placeholders' source markup, image alt texts and titles in *attributes* ((child, ``alt``
    or ``title``) -> text) replaced. None: nothing changes. Raises Unplaceable."""
    text = located.source.text
    subs = _attribute_subs(located, placed, attributes)
    start, end = placed.region
    if translation is None:
        if not subs:
            return None
        return _with_subs(text, start, end, subs)
    units = {unit.number: unit for unit in placed.block.units if unit.kind in ("open", "void")}
    closes = {unit.number: unit for unit in placed.block.units if unit.kind == "close"}
    out = []
    try:
        pieces = parse_placeholders(translation)
    except MarkupError as exc:
        raise Unplaceable(str(exc)) from None
    pieces = _trim_at_placeholders(pieces)
    lead, trail = getattr(placed.block, "edges", ("", ""))
    out.append(lead)
    for position, piece in enumerate(pieces):
        if piece.kind == "text" and placed.html:
            out.append(escape_html_text(piece.value))
            continue
        if piece.kind == "text":
            written = escape_markdown(piece.value, first=position == 0, table=placed.table,
                                      heading_end=placed.heading and position == len(pieces) - 1)
            out.append(written.replace('"', "&quot;") if placed.quoted else written)
            continue
        unit = closes.get(piece.value) if piece.kind == "close" else units.get(piece.value)
        if unit is None:
            raise Unplaceable(f"unknown placeholder {piece.value}")
        out.append(_unit_source(located, placed, unit, subs))
    out.append(trail)
    return "".join(out)


def _trim_at_placeholders(pieces: list) -> list:
    """Strip the translation's outer whitespace (the region has none)."""
    if pieces and pieces[0].kind == "text":
        pieces[0] = pieces[0]._replace(value=pieces[0].value.lstrip(" \t\r\n"))
    if pieces and pieces[-1].kind == "text":
        pieces[-1] = pieces[-1]._replace(value=pieces[-1].value.rstrip(" \t\r\n"))
    return [piece for piece in pieces if piece.kind != "text" or piece.value]


def _unit_source(located: Located, placed: Placed, unit: Unit, subs) -> str:
    """The source bytes of one placeholder: its tag's markup, or the whole void element."""
    if unit.kind == "void" and unit.text:
        return unit.text
    if unit.kind == "close":
        first = last = unit.start
    elif unit.kind == "open":
        first = last = unit.start
    else:
        first, last = unit.start, unit.end - 1
    if first == last and first in placed.markup:  # emphasis, or a reference link's close
        return placed.markup[first]
    if first not in placed.children or last not in placed.children:
        raise Unplaceable(f"no source for placeholder {unit.number}")
    return _with_subs(located.source.text, placed.children[first][0], placed.children[last][1], subs)


def _attribute_subs(located: Located, placed: Placed, attributes: dict[tuple[int, str], str]):
    subs = []
    text = located.source.text
    for (child, attr), value in attributes.items():
        where = (placed.alts if attr == "alt" else placed.titles).get(child)
        if where is None:
            raise Unplaceable(f"no source for the {attr} of child {child}")
        if child in placed.raw:  # an attribute of a raw <img>, in its quotes
            quote = text[where[0] - 1]
            value = escape_html_text(value).replace(quote, "&quot;" if quote == '"' else "&#39;")
            subs.append((where[0], where[1], value))
        elif attr == "alt" and child in placed.references:  # the alt text is its label: name it
            end, label = placed.references[child]
            subs.append((where[0], end, escape_markdown(value) + "][" + label + "]"))
        elif attr == "alt":
            subs.append((where[0], where[1], escape_markdown(value)))
        else:
            subs.append((where[0], where[1], escape_title(value, text[where[0] - 1])))
    return sorted(subs)


def _with_subs(text: str, start: int, end: int, subs) -> str:
    out, pos = [], start
    for first, last, new in subs:
        if first >= start and last <= end:
            out.append(text[pos:first])
            out.append(new)
            pos = last
    out.append(text[pos:end])
    return "".join(out)
