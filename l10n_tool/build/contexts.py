"""A translation's language, wherever a template puts it.

The build's gettext cannot know where its text will land, so it wraps every translation in
markers that say which language it is in (``marked``). ``finish`` makes one pass over the
rendered page, reading it as an HTML5 tokenizer does, and turns each marker into what its
place allows:

- element text: the text, in ``<span lang="…">`` when its language is not the page's;
- an attribute value: plain text, escaped for the attribute; when the element is void
  (``<input>``, ``<img>``, ``<meta>``…) and all the text of its attributes fell back to one
  language, the element gets ``lang``; otherwise the fallback is reported;
- ``<title>``, ``<textarea>`` (RCDATA): plain text; ``lang`` on the element when all of its
  text fell back to one language, else reported;
- ``<script>``, ``<style>``: the text as the template made it (use ``|tojson`` for JSON: it
  keeps the markers out of the JSON's escapes), fallbacks reported;
- SVG and MathML text, comments: plain text (fallbacks in SVG and MathML reported).

The markers are Unicode noncharacters (U+FDD0 to U+FDD6), which are never valid in an HTML
page; any that reach ``finish`` unpaired, from a catalog or an article, are dropped.
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import NamedTuple, Union

from markupsafe import Markup, escape

OPEN, SEPARATOR, CLOSE = "\ufdd0", "\ufdd1", "\ufdd2"
_SLOT, _SLOT_END = "\ufdd3", "\ufdd4"  # a marker's place in the page while it is read
NOTE, NOTE_END = "\ufdd5", "\ufdd6"  # a note for the build's report, by number
SENTINELS_RE = re.compile("[\ufdd0-\ufdd6]")
_NOTE_RE = re.compile(f"{NOTE}([0-9]+){NOTE_END}")
_MARKS = (OPEN, SEPARATOR, CLOSE, _SLOT, _SLOT_END, NOTE, NOTE_END)
_FLAT_RE = re.compile(f"{OPEN}(?:([A-Za-z]{{2,8}}(?:-[A-Za-z0-9]{{1,8}})*){SEPARATOR})?([^{OPEN}-{NOTE_END}]*){CLOSE}")
_NOT_PLAIN_RE = re.compile("[<>\"']")
_LANG_HEAD_RE = re.compile(f"([A-Za-z]{{2,8}}(?:-[A-Za-z0-9]{{1,8}})*){SEPARATOR}")

_TOKEN_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<[!?][^>]*+(?:>|\Z)"
    r"|<(/?)([A-Za-z][^\s/>\ufdd3]*+)((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>"
    f"|{_SLOT}([0-9]+){_SLOT_END}", re.S)
# what needs no second look, in one match: text and tags that are neither special (comments,
# raw text, RCDATA, SVG and MathML) nor hold a marked translation
_GAP_RE = re.compile(
    r"(?:[^<\ufdd3]++"
    r"|<(?![!?]|/?(?i:script|style|title|textarea|svg|math)[\s/>])[A-Za-z/](?:[^>\"'\ufdd3]++|\"[^\"\ufdd3]*+\"|'[^'\ufdd3]*+')*+>"
    r"|<(?![A-Za-z/!?]))*+")
_ATTR_RE = re.compile(r"([^\s/>=]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+)))?")
_TAG_OR_COMMENT_RE = re.compile(r"<!--.*?(?:-->|\Z)|<[^>]*>", re.S)
_CLOSE_RE = {name: re.compile(f"</{name}[\\s/>]", re.I) for name in ("script", "style", "title", "textarea")}
_SLOT_RE = re.compile(f"{_SLOT}([0-9]+){_SLOT_END}")

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
RCDATA = frozenset(("title", "textarea"))
RAW_TEXT = frozenset(("script", "style"))
FOREIGN = frozenset(("svg", "math"))
TEXT_ATTRIBUTES = frozenset((
    "alt", "title", "placeholder", "label", "content", "value", "summary", "abbr",
    "aria-label", "aria-description", "aria-roledescription", "aria-placeholder", "aria-valuetext",
))
"""Attributes that hold words a reader sees or hears: they decide whether an element's text
is all in one language."""


def marked(html: Markup, lang: str) -> Markup:
    """*html* (a translation) marked as written in *lang*."""
    return Markup(f"{OPEN}{lang}{SEPARATOR}{html}{CLOSE}")


def note(number: int) -> Markup:
    """A mark that puts note *number* of the page's notes into its report, wherever it lands."""
    return Markup(f"{NOTE}{number}{NOTE_END}")


class Region(NamedTuple):
    """A marked translation: its language (None for a marker of unknown origin) and its pieces."""

    lang: str | None
    pieces: list["Piece"]


Piece = Union[str, Region]
Texts = list[tuple[str, Union[str, None]]]  # (plain text, its language; None: not a translation)


def finish(html: str, page_lang: str, notes: list[str] = ()) -> tuple[str, list[str]]:
    """*html* with every marker turned into what its place allows, and what the report must
    say: *notes* the page carries and fallbacks that could not be marked."""
    if not SENTINELS_RE.search(html):
        return html, []
    problems = [notes[int(m.group(1))] for m in _NOTE_RE.finditer(html)] if NOTE in html else []
    pieces = _flat_regions(html) if not problems else None
    if pieces is None:
        pieces = _regions(_NOTE_RE.sub("", html))
    pieces = _merge(pieces, page_lang)
    if len(pieces) == 1 and isinstance(pieces[0], str):
        return pieces[0], problems
    return _Pass(page_lang, problems).fragment(pieces, page_lang), problems


def _flat_regions(text: str) -> list[Piece] | None:
    """``_regions`` of a text whose markers are all well made and none inside another (most
    pages), in one scan; None for any other text."""
    matches = list(_FLAT_RE.finditer(text))
    expected = sum(3 if match.group(1) else 2 for match in matches)
    if expected != sum(text.count(char) for char in _MARKS):
        return None
    pieces: list[Piece] = []
    position = 0
    for match in matches:
        pieces.append(text[position:match.start()])
        pieces.append(Region(match.group(1), [match.group(2)]))
        position = match.end()
    pieces.append(text[position:])
    return pieces


def _merge(pieces: list[Piece], page_lang: str) -> list[Piece]:
    """*pieces* with each region of plain text in the page's language made plain text: it
    reads the same in every place (it is escaped text, with no quote or angle bracket)."""
    merged: list[Piece] = []
    text: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            text.append(piece)
        elif piece.lang == page_lang and len(piece.pieces) == 1 and isinstance(piece.pieces[0], str) \
                and not _NOT_PLAIN_RE.search(piece.pieces[0]):
            text.append(piece.pieces[0])
        else:
            merged.append("".join(text))
            merged.append(piece)
            text = []
    merged.append("".join(text))
    return merged


def _regions(text: str) -> list[Piece]:
    """*text* split into plain text and marked regions (nested as they were made); a marker
    character without its pair is dropped, and so is the text's lang when it is not valid."""
    root: list[Piece] = []
    stack: list[tuple[list[Piece], str | None]] = []  # (the enclosing pieces, the open region's lang)
    pieces, position = root, 0
    for match in SENTINELS_RE.finditer(text):
        if match.start() > position:
            pieces.append(text[position:match.start()])
        position = match.end()
        char = match.group()
        if char == OPEN:
            head = _LANG_HEAD_RE.match(text, position)
            if head:
                position = head.end()
            stack.append((pieces, head.group(1) if head else None))
            pieces = []
        elif char == CLOSE and stack:
            outer, lang = stack.pop()
            outer.append(Region(lang, pieces))
            pieces = outer
    if position < len(text):
        pieces.append(text[position:])
    while stack:  # unclosed: its text stays, its marker goes
        outer, _ = stack.pop()
        outer.extend(pieces)
        pieces = outer
    return root


def _texts(pieces: list[Piece], lang: str | None) -> Texts:
    """The plain text of *pieces* (tags and comments removed, references decoded), each part
    with the language it is in."""
    found: Texts = []
    for piece in pieces:
        if isinstance(piece, Region):
            found.extend(_texts(piece.pieces, piece.lang if piece.lang else lang))
        elif piece:
            found.append((unescape(_TAG_OR_COMMENT_RE.sub("", piece)), lang))
    return found


def _raw(pieces: list[Piece]) -> str:
    """*pieces* as they were, without their markers."""
    return "".join(_raw(p.pieces) if isinstance(p, Region) else p for p in pieces)


def _fallbacks(texts: Texts, context: str) -> list[tuple[str, str]]:
    """(text, lang) of the parts with words in another language than *context*."""
    return [(text, lang) for text, lang in texts if lang and lang != context and _has_words(text)]


def _has_words(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _one_language(texts: Texts) -> str | None:
    """The language all words of *texts* are in, if they are all marked with one."""
    langs = {lang for text, lang in texts if _has_words(text)}
    return langs.pop() if len(langs) == 1 and None not in langs else None


def _json_text(text: str) -> str:
    """Text from inside a JSON string (``|tojson``) decoded for the report; else as it is."""
    try:
        return json.loads(f'"{text}"')
    except ValueError:
        return text


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 60 else text[:57] + "...")


class _Pass:
    """One page's pass: each fragment (the page, or a region's HTML) read from its start."""

    def __init__(self, page_lang: str, problems: list[str]):
        self.page_lang = page_lang
        self.problems = problems

    def report(self, where: str, fallbacks: list[tuple[str, str]], why: str) -> None:
        for text, lang in fallbacks:
            self.problems.append(f"{where}: {_shown(text)} falls back to {lang}; {why}")

    def fragment(self, pieces: list[Piece], context: str) -> str:
        """HTML of *pieces* read as a fragment in the data state, in language *context*."""
        regions = [p for p in pieces if isinstance(p, Region)]
        if not regions:
            return "".join(pieces)
        number = iter(range(len(regions)))
        skeleton = "".join(f"{_SLOT}{next(number)}{_SLOT_END}" if isinstance(p, Region) else p for p in pieces)
        out: list[str] = []
        position, foreign, size = 0, 0, len(skeleton)
        while True:
            start = _GAP_RE.match(skeleton, position).end()
            if start == size:
                break
            match = _TOKEN_RE.match(skeleton, start)
            if match is None:  # a "<" read as text
                out.append(skeleton[position:start + 1])
                position = start + 1
                continue
            out.append(skeleton[position:start])
            position = match.end()
            slot, name = match.group(4), match.group(2)
            if slot is not None:
                out.append(self.text(regions[int(slot)], context, foreign))
                continue
            token = match.group()
            if name is None:  # a comment or declaration
                out.append(self.plain(token, regions) if _SLOT in token else token)
                continue
            name = name.lower()
            if match.group(1):  # an end tag
                foreign -= name in FOREIGN and foreign > 0
                out.append(_SLOT_RE.sub(lambda m: _raw(regions[int(m.group(1))].pieces), token))
                continue
            content, close = "", position
            if not foreign and (name in RCDATA or name in RAW_TEXT):
                found = _CLOSE_RE[name].search(skeleton, position)
                close = found.start() if found else len(skeleton)
                content = skeleton[position:close]
            if _SLOT in token or _SLOT in content:
                out.append(self.element(name, match, content, regions, context, foreign))
            else:
                out.append(token + content)
            position = close
            foreign += name in FOREIGN and not token.endswith("/>")
        out.append(skeleton[position:])
        return "".join(out)

    def text(self, region: Region, context: str, foreign: int) -> str:
        """A region in element text: its HTML, in a span when it is in another language."""
        if foreign:
            texts = _texts([region], context)
            self.report("<svg> or <math> text", _fallbacks(texts, context), "SVG and MathML text is not marked")
            return "".join(escape(text) for text, _ in texts)
        lang = region.lang or context
        inner = self.fragment(region.pieces, lang)
        return inner if lang == context else f'<span lang="{lang}">{inner}</span>'

    def plain(self, token: str, regions: list[Region]) -> str:
        """A comment or declaration: its regions' text without their markers."""
        return _SLOT_RE.sub(lambda m: "".join(t for t, _ in _texts([regions[int(m.group(1))]], None))
                            .replace("-->", "--&gt;"), token)

    def element(self, name: str, match: re.Match, content: str, regions: list[Region], context: str,
                foreign: int) -> str:
        """A start tag (and an RCDATA or raw text element's content) holding regions."""
        def texts_of(value: str) -> tuple[str, Texts]:
            """An attribute value (or RCDATA) with its regions as escaped text, and its texts."""
            out, texts, position = [], [], 0
            for slot in _SLOT_RE.finditer(value):
                literal = value[position:slot.start()]
                out.append(literal)
                texts.append((unescape(literal), None))
                region_texts = _texts([regions[int(slot.group(1))]], context)
                out.extend(escape(text) for text, _ in region_texts)
                texts.extend(region_texts)
                position = slot.end()
            out.append(value[position:])
            texts.append((unescape(value[position:]), None))
            return "".join(out), texts

        token, start = match.group(), match.start()
        own: Texts = []  # the words the element's lang would be about
        where: list[tuple[str, Texts]] = []
        pieces, position, lang_value = [], 0, None
        for attribute in _ATTR_RE.finditer(match.group(3)):
            key = attribute.group(1).lower()
            index = next((i for i in (2, 3, 4) if attribute.group(i) is not None), None)
            value = attribute.group(index) if index else ""
            if key == "lang":
                lang_value = value
            if _SLOT not in value and key not in TEXT_ATTRIBUTES:
                continue
            new_value, texts = texts_of(value)
            own.extend(texts)
            if _SLOT in value:
                where.append((key, texts))
                value_start = match.start(3) - start + attribute.start(index)
                value_end = match.start(3) - start + attribute.end(index)
                if index == 4:  # unquoted: quoted now, as the text may hold spaces
                    new_value = '"' + new_value.replace('"', "&#34;") + '"'
                pieces.append(token[position:value_start])
                pieces.append(new_value)
                position = value_end
        pieces.append(token[position:])
        tag = _SLOT_RE.sub("", "".join(pieces))  # a region in a name: dropped
        inner = content
        if name in RAW_TEXT and not foreign:
            inner = _SLOT_RE.sub(lambda m: _raw(regions[int(m.group(1))].pieces), content)
            texts = [(_json_text(text), lang) for slot in _SLOT_RE.finditer(content)
                     for text, lang in _texts([regions[int(slot.group(1))]], context)]
            self.report(f"<{name}>", _fallbacks(texts, context), f"a <{name}> cannot carry lang")
        elif content:
            inner, texts = texts_of(content)
            own.extend(texts)
            where.append(("", texts))
        fallbacks = [(key, _fallbacks(texts, context)) for key, texts in where]
        if not any(found for _, found in fallbacks):
            return tag + inner
        markable = not foreign and (name in VOID or name in RCDATA)
        lang = _one_language(own) if markable else None
        if lang and lang_value is None:
            tag = tag[:-2].rstrip() + f' lang="{lang}"/>' if tag.endswith("/>") else tag[:-1] + f' lang="{lang}">'
            return tag + inner
        if lang and lang_value == lang:
            return tag + inner
        for key, found in fallbacks:
            label = f"<{name} {key}>" if key else f"<{name}>"
            self.report(label, found, "an attribute cannot carry lang" if key else
                        f"the rest of the <{name}> is not in {found[0][1]}")
        return tag + inner
