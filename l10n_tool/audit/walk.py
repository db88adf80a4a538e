"""Reading a built page: its visible text as blocks, each with its declared language, the
landmark it is in and the path of the element that holds it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from l10n_tool.audit.identify import normalize_locale
from l10n_tool.audit.text import clean_text, count_words, squash_space

SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "head", "-comment", "!doctype",
})
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font", "i", "img",
    "ins", "del", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "wbr", "picture", "source", "tt", "big", "nobr",
})
LANDMARK_TAGS = frozenset(
    {"header", "nav", "main", "article", "section", "aside", "footer", "form", "dialog"}
)
LANDMARK_ROLES = frozenset({
    "banner", "navigation", "main", "article", "region", "complementary", "contentinfo", "form",
    "search", "dialog", "alertdialog",
})
WIDGET_ROLES = frozenset({"button", "link", "tab", "menuitem", "option", "checkbox", "switch"})
BUTTON_INPUT_TYPES = frozenset({"submit", "button", "reset"})


@dataclass
class Block:
    """A run of visible text that starts at a block-level element (or one with ``lang``)."""

    path: tuple[str, ...]  # element path steps, e.g. ("html", "body", "main", "p")
    ids: tuple[int, ...]  # identity of each element on the path (sibling <li>s differ)
    lang: str  # normalised declared language
    scope: int  # identity of the nearest landmark (0: none)
    landmark: tuple[str, ...]  # element path of that landmark
    parts: list[str] = field(default_factory=list)
    alone: bool = False  # judged on its own: does not lean on a neighbouring group
    _text: str | None = None
    _words: int | None = None

    @property
    def raw_text(self) -> str:
        return squash_space(" ".join(self.parts))

    @property
    def clean_text(self) -> str:
        if self._text is None:
            self._text = clean_text(self.raw_text)
        return self._text

    @property
    def words(self) -> int:
        if self._words is None:
            self._words = count_words(self.clean_text)
        return self._words


_IDENT_RE = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*\Z")


def _step(node) -> str:
    """One step of an element path: tag, then ``#id`` or else the first class. Only names that
    are plain CSS identifiers are used, so an element path is also a CSS selector."""
    attrs = node.attributes
    step = node.tag
    node_id = (attrs.get("id") or "").strip()
    if node_id and _IDENT_RE.match(node_id):
        return f"{step}#{node_id}"
    for name in (attrs.get("class") or "").split():
        if _IDENT_RE.match(name):
            return f"{step}.{name}"
    return step


def _is_hidden(node) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or "inert" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if node.tag == "input" and (attrs.get("type") or "").strip().lower() == "hidden":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _field_text(node) -> str:
    """Visible text carried in attributes of form fields."""
    attrs = node.attributes
    parts = []
    if node.tag in ("input", "textarea"):
        if attrs.get("placeholder"):
            parts.append(attrs["placeholder"])
        if node.tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUT_TYPES:
            if attrs.get("value"):
                parts.append(attrs["value"])
    return " ".join(p for p in parts if p)


def collect_blocks(
    tree: LexborHTMLParser, boundaries: frozenset[int] = frozenset()
) -> tuple[str, list[Block], set[str]]:
    """Walk the document; return (html lang, blocks in document order, languages declared).
    ``boundaries``: ids of elements that start a block of their own even when inline."""
    root = tree.root
    if root is None:
        return "", [], set()
    html_lang = (root.attributes.get("lang") or "").strip() if root.tag == "html" else ""
    declared: set[str] = set()
    blocks: list[Block] = []
    current: list[Block | None] = [None]

    def flush() -> None:
        current[0] = None

    def add_text(text: str, owner: tuple, lang: str, scope: tuple) -> None:
        if not text or not text.strip():
            return
        block = current[0]
        if block is None:
            block = Block(
                path=owner[0], ids=owner[1], lang=lang, scope=scope[0], landmark=scope[1]
            )
            blocks.append(block)
            current[0] = block
        block.parts.append(text)

    root_lang = normalize_locale(html_lang)
    if root_lang:
        declared.add(root_lang)
    # iterative walk over (node, parent path, path that owns its text, lang, landmark id);
    # None is a marker that closes the block when a block-level element ends
    stack: list = [(root, ((), ()), ((), ()), root_lang, (0, ()))]
    while stack:
        item = stack.pop()
        if item is None:
            flush()
            continue
        node, parent_path, text_owner, lang, scope = item
        tag = node.tag
        if tag == "-text":
            add_text(node.text_content or "", text_owner, lang, scope)
            continue
        if not tag or tag in SKIP_TAGS or tag.startswith("-") or _is_hidden(node):
            continue
        attrs = node.attributes
        node_id = node.mem_id
        path = (parent_path[0] + (_step(node),), parent_path[1] + (node_id,))
        has_lang = "lang" in attrs
        if has_lang:
            lang = normalize_locale(attrs.get("lang"))
            if lang:
                declared.add(lang)
        role = (attrs.get("role") or "").strip().lower()
        if tag in LANDMARK_TAGS or role in LANDMARK_ROLES:
            scope = (node_id, path[0])
        if tag not in INLINE_TAGS or has_lang or role in WIDGET_ROLES or node_id in boundaries:
            flush()
            stack.append(None)
            text_owner = path
        extra = _field_text(node)
        if extra:
            add_text(extra, path, lang, scope)
            flush()
        for child in reversed(list(node.iter(include_text=True))):
            stack.append((child, path, text_owner, lang, scope))
    return html_lang, blocks, declared
