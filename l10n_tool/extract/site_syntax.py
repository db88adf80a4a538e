"""What other site generators add to Markdown, read as markdown-it rules.

- MkDocs / Python-Markdown admonitions (``!!! note "Title"``), collapsibles (``???``,
  ``???+``) and content tabs (``=== "Tab"``), each with an indented body, and Docusaurus
  admonitions (``:::tip Title`` ... ``:::``): an ``admonition`` container whose title is a
  block of its own and whose body is Markdown (not an indented code block).
- Template tags (shortcodes, Jinja/Liquid), mkdocstrings and MDX blocks: ``template_tags``.
- Attribute lists (``{ .md-button }``, ``{#anchor}``, ``{: .note }``): an ``attr_list``
  placeholder, rendered as nothing.
- Display math (``$$ ... $$``, ``\\[ ... \\]`` on lines of their own): a ``math_block``, never offered.
- A definition with no term (``:   text``, as Material for MkDocs writes them): a ``dl`` of one ``dd``.
- Emoji and icon shortcodes (``:smile:``, ``:material-alert:``): an ``emoji`` placeholder.
- Abbreviation definitions (``*[HTML]: Hyper Text Markup Language``): the expansion is a block.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt, rules_block
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from ..markup import escape_html
from .template_tags import autodoc_block, esm_block, render_template, template_block, template_inline

# --------------------------------------------------------------------------------- math

_MATH_DELIMITERS = (("$$", "$$"), ("\\[", "\\]"))


def math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Display math as Hugo's passthrough and MkDocs' arithmatex read it: ``$$ ... $$`` or
    ``\\[ ... \\]`` from the start of a line to the end of one, no blank line between. Never
    offered; our build writes it escaped in ``<div class="math">`` (for MathJax or KaTeX)."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    closing = next((close for open_, close in _MATH_DELIMITERS if state.src.startswith(open_, start)), None)
    if closing is None:
        return False
    line, first = start_line, start + 2
    while line < end_line and not state.isEmpty(line):
        text = state.src[first:state.eMarks[line]].rstrip()
        if text.endswith(closing) and (line > start_line or len(text) >= 2):
            break
        line += 1
        first = state.bMarks[line] + state.tShift[line] if line < end_line else 0
    else:
        return False
    if silent:
        return True
    token = state.push("math_block", "div", 0)
    token.content, token.map = state.src[start:state.eMarks[line]], [start_line, line + 1]
    state.line = line + 1
    return True


def render_math(self, tokens, idx, options, env) -> str:
    return f'<div class="math">{escape_html(tokens[idx].content)}</div>\n'


# ---------------------------------------------------------------------- attribute lists

_ATTR = r"""(?:[.#][\w-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s"'}]+))"""
ATTR_LIST_RE = re.compile(rf"\{{(?::[ \t]*(?:{_ATTR}|[\w-]+)?|[ \t]*{_ATTR})(?:[ \t]+(?:{_ATTR}|[\w-]+))*[ \t]*\}}")


def attr_list(state: StateInline, silent: bool) -> bool:
    """Python-Markdown's and kramdown's attribute list: a placeholder, rendered as nothing."""
    if state.src[state.pos] != "{":
        return False
    match = ATTR_LIST_RE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("attr_list", "", 0)
        token.content = match.group()
    state.pos = match.end()
    return True


# ------------------------------------------------------------------------------- emoji

_EMOJI_RE = re.compile(r":[a-z][a-z0-9_+-]*:(?![\w:])")


def emoji(state: StateInline, silent: bool) -> bool:
    """An emoji or icon shortcode (``:smile:``, ``:material-alert:``, pymdownx.emoji): a
    placeholder kept as written (our own build has no icon set to draw it)."""
    pos = state.pos
    if state.src[pos] != ":" or (pos and (state.src[pos - 1].isalnum() or state.src[pos - 1] == ":")):
        return False
    match = _EMOJI_RE.match(state.src, pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("emoji", "", 0)
        token.content = match.group()
    state.pos = match.end()
    return True


# ------------------------------------------------------------------------- abbreviations

_ABBREVIATION_RE = re.compile(r"\*\[([^\]\n]+)\]:[ \t]*(.*)")


def abbreviation(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``*[HTML]: Hyper Text Markup Language``: the expansion is a block of its own."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    match = _ABBREVIATION_RE.fullmatch(state.src, start, state.eMarks[start_line])
    if match is None:
        return False
    if silent:
        return True
    token = state.push("abbreviation_open", "p", 1)
    token.attrs = {"class": "abbreviation", "data-abbr": match.group(1), "hidden": ""}
    token.map = [start_line, start_line + 1]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = match.group(2), [start_line, start_line + 1], []
    state.push("abbreviation_close", "p", -1)
    state.line = start_line + 1
    return True


# ---------------------------------------------------------------------------- admonitions

_INDENTED_RE = re.compile(r'(!!!|\?\?\?\+?|===[!+]?)[ \t]+(.*?)[ \t]*')
_PARAMS_RE = re.compile(r'(?P<classes>[^"]*?)[ \t]*(?:"(?P<title>.*)")?')
_COLON_RE = re.compile(r"(:{3,})([A-Za-z][\w-]*)(?:\[(.*)\]|[ \t]+(.*?))?[ \t]*(?:\{.*\})?[ \t]*")
_COLON_CLOSE_RE = re.compile(r"(:{3,})[ \t]*")


def _open(state: StateBlock, start_line: int, end_line: int, kind: str, tag: str, attrs: dict,
          title: str | None, title_tag: str, title_class: str) -> None:
    token = state.push("admonition_open", tag, 1)
    token.attrs, token.map, token.block, token.meta = attrs, [start_line, end_line], True, {"kind": kind}
    if title:
        token = state.push("admonition_title_open", title_tag, 1)
        token.attrs, token.map, token.meta = ({"class": title_class} if title_class else {}), \
            [start_line, start_line + 1], {"kind": kind}
        token = state.push("inline", "", 0)
        token.content, token.map, token.children = title, [start_line, start_line + 1], []
        state.push("admonition_title_close", title_tag, -1)


def _body(state: StateBlock, start_line: int, end_line: int, indent: int) -> None:
    """Tokenize lines *start_line* to *end_line* as the container's body, *indent* deeper, and
    close the container."""
    tag = next(token.tag for token in reversed(state.tokens) if token.type == "admonition_open")
    old = state.parentType, state.lineMax, state.blkIndent
    state.parentType, state.lineMax = "admonition", end_line
    state.blkIndent += indent
    state.md.block.tokenize(state, start_line, end_line)
    state.parentType, state.lineMax, state.blkIndent = old
    token = state.push("admonition_close", tag, -1)
    token.block = True


def indented_admonition(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``!!! type "Title"``, ``??? type``, ``???+ type``, ``=== "Tab"``, with a body indented 4 spaces."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[start] not in "!?=":
        return False
    match = _INDENTED_RE.fullmatch(state.src, start, state.eMarks[start_line])
    params = _PARAMS_RE.fullmatch(match.group(2)) if match else None
    if params is None:
        return False
    marker, classes, title = match.group(1), params.group("classes").split(), params.group("title")
    tab = marker.startswith("=")
    if (tab and (classes or title is None)) or (not tab and not classes):
        return False
    if silent:
        return True
    line = start_line + 1
    last = start_line + 1  # the line after the last line of the body
    while line < end_line:
        if state.isEmpty(line):
            line += 1
            continue
        if state.sCount[line] < state.blkIndent + 4:
            break
        line += 1
        last = line
    if tab:
        _open(state, start_line, last, "tab label", "div", {"class": "tabbed-block"}, title, "p", "tabbed-label")
    elif marker.startswith("?"):
        attrs = {"class": " ".join(classes)}
        if marker.endswith("+"):
            attrs["open"] = ""
        _open(state, start_line, last, "collapsible title", "details", attrs, title, "summary", "")
    else:
        _open(state, start_line, last, "admonition title", "div", {"class": " ".join(["admonition", *classes])},
              title, "p", "admonition-title")
    _body(state, start_line + 1, last, 4)
    state.line = last
    return True


def colon_admonition(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Docusaurus' ``:::type Title`` (or ``:::type[Title]``) ... ``:::``, nested by more colons."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith(":::", start):
        return False
    match = _COLON_RE.fullmatch(state.src, start, state.eMarks[start_line])
    if match is None:
        return False
    colons, kind = match.group(1), match.group(2)
    depth, line = 0, start_line + 1
    while line < end_line:
        pos = state.bMarks[line] + state.tShift[line]
        text = state.src[pos:state.eMarks[line]]
        if state.sCount[line] < state.blkIndent and text:
            break
        opener = _COLON_RE.fullmatch(text)
        if opener and opener.group(1) == colons:
            depth += 1
        elif (closer := _COLON_CLOSE_RE.fullmatch(text)) and closer.group(1) == colons:
            if depth == 0:
                break
            depth -= 1
        line += 1
    if silent:
        return True
    title = (match.group(3) if match.group(3) is not None else match.group(4) or "").strip()
    _open(state, start_line, line + 1, "admonition title", "div", {"class": f"admonition admonition-{kind}"},
          title or None, "p", "admonition-title")
    _body(state, start_line + 1, line, 0)
    state.line = min(line + 1, end_line)
    return True


# ---------------------------------------------------------------------------- paragraphs


def _keeping_unicode_edges(paragraph):
    """markdown-it-py's paragraph rule, but a paragraph keeps the Unicode spaces (U+00A0,
    U+3000...) at its edges, as CommonMark says (only spaces and tabs are stripped)."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not paragraph(state, start_line, end_line, silent):
            return False
        if not silent and len(state.tokens) == count + 3:
            inline = state.tokens[count + 1]
            inline.content = state.getLines(start_line, state.line, state.blkIndent, False).strip(" \t\n")
        return True

    return rule


def _heading_keeping_unicode_edges(heading):
    """markdown-it-py's ATX heading rule, but the heading keeps the Unicode spaces at its edges."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        count = len(state.tokens)
        if not heading(state, start_line, end_line, silent):
            return False
        inline = state.tokens[count + 1] if not silent and len(state.tokens) == count + 3 else None
        if inline is not None and inline.content:
            line = state.src[state.bMarks[start_line] + state.tShift[start_line]:state.eMarks[start_line]]
            at = line.find(inline.content)
            if at >= 0:
                before, after = line[:at], line[at + len(inline.content):]
                lead = before[len(before.rstrip()):].strip(" \t")
                trail = after[:len(after) - len(after.lstrip())].strip(" \t")
                inline.content = lead + inline.content + trail
        return True

    return rule


# ---------------------------------------------------------------------- lone definitions

_DEFINITION_RE = re.compile(r":[ \t]+(?=\S)")


def lone_definition(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``:   text`` with no term before it (Material for MkDocs writes one after a
    ``<!-- md:option -->`` comment), its body indented 4 spaces: a definition list of one
    definition, read as Markdown (not as a paragraph starting with a colon and indented code)."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    marker = _DEFINITION_RE.match(state.src, start, state.eMarks[start_line])
    if marker is None or marker.end() - start > 4:
        return False
    if silent:
        return True
    line = last = start_line + 1
    while line < end_line and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent + 4):
        line += 1
        if not state.isEmpty(line - 1):
            last = line
    token = state.push("dl_open", "dl", 1)
    token.map = [start_line, last]
    token = state.push("dd_open", "dd", 1)
    token.map = [start_line, last]
    old = state.tShift[start_line], state.sCount[start_line], state.blkIndent, state.lineMax
    state.tShift[start_line] = marker.end() - state.bMarks[start_line]
    state.sCount[start_line] = state.blkIndent + 4
    state.blkIndent, state.lineMax = state.blkIndent + 4, last
    state.md.block.tokenize(state, start_line, last)
    state.tShift[start_line], state.sCount[start_line], state.blkIndent, state.lineMax = old
    state.push("dd_close", "dd", -1)
    state.push("dl_close", "dl", -1)
    state.line = last
    return True


_COMMENT_THEN_TEXT_RE = re.compile(r"<!--.*?-->[ \t]*[^\s<]")


def _text_after_a_comment(html_block):
    """markdown-it-py's HTML block rule, but a line opening with a comment that closes on it and
    goes on with text (``<!-- md:default `true` --> This option...``) is a paragraph, as
    Python-Markdown reads it: the text stays one message with the lines after it."""

    def rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        start = state.bMarks[start_line] + state.tShift[start_line]
        if state.src.startswith("<!--", start) and _COMMENT_THEN_TEXT_RE.match(state.src, start,
                                                                              state.eMarks[start_line]):
            return False
        return html_block(state, start_line, end_line, silent)

    return rule


# ------------------------------------------------------------------------------ plugin

_ALTERNATIVES = {"alt": ["paragraph", "reference", "blockquote", "list"]}


def site_syntax_plugin(md: MarkdownIt) -> None:
    """Every rule above, with their renderers."""
    md.block.ruler.before("fence", "indented_admonition", indented_admonition, _ALTERNATIVES)
    md.block.ruler.before("fence", "colon_admonition", colon_admonition, _ALTERNATIVES)
    md.block.ruler.before("html_block", "template_block", template_block, _ALTERNATIVES)
    md.block.ruler.before("fence", "autodoc_block", autodoc_block, _ALTERNATIVES)
    md.block.ruler.before("fence", "math_block", math_block, _ALTERNATIVES)
    md.block.ruler.before("paragraph", "esm_block", esm_block)
    md.block.ruler.before("paragraph", "lone_definition", lone_definition)
    md.block.ruler.before("paragraph", "abbreviation", abbreviation, _ALTERNATIVES)
    md.block.ruler.at("paragraph", _keeping_unicode_edges(rules_block.paragraph))
    md.block.ruler.at("heading", _heading_keeping_unicode_edges(rules_block.heading),
                      {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.at("html_block", _text_after_a_comment(rules_block.html_block),
                      {"alt": ["paragraph", "reference", "blockquote"]})
    md.inline.ruler.before("text", "template_inline", template_inline)
    md.inline.ruler.before("text", "attr_list", attr_list)
    md.inline.ruler.before("text", "emoji", emoji)
    md.add_render_rule("emoji", lambda self, tokens, idx, options, env: escape_html(tokens[idx].content))
    md.add_render_rule("template_block", render_template)
    md.add_render_rule("template_inline", render_template)
    md.add_render_rule("math_block", render_math)
    md.add_render_rule("attr_list", lambda self, tokens, idx, options, env: "")
