"""What other site generators add to Markdown, read as markdown-it rules.

- MkDocs / Python-Markdown admonitions (``!!! note "Title"``), collapsibles (``???``,
  ``???+``) and content tabs (``=== "Tab"``), each with an indented body, and Docusaurus
  admonitions (``:::tip Title`` ... ``:::``): an ``admonition`` container whose title is a
  block of its own and whose body is Markdown (not an indented code block).
- Template tags: Hugo shortcodes (``{{< x >}}``, ``{{% x %}}``), Jinja/Liquid tags and MkDocs
  macros (``{% ... %}``, ``{{ ... }}``, ``{# ... #}``). A line of nothing but tags is a
  ``template_block``, a tag inside text a ``template_inline`` (a placeholder of its block);
  both are kept byte for byte and rendered as an HTML comment, so a page shows no template
  syntax as if it were text; the named string parameters the project lists
  (``shortcode_parameters``) are messages. A tag whose body is code or raw (``code-toggle``, ``highlight``,
  ``{% raw %}``...) is one tag with its body; other paired tags leave their body to Markdown.
- mkdocstrings' ``::: package.module`` and its indented options: one opaque ``template_block``.
- MDX's ``import``/``export`` lines at the top level (Docusaurus): one opaque ``template_block``.
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
from markdown_it.token import Token

from ..markup import escape_html

# ------------------------------------------------------------------------ template tags

TAG_RE = re.compile(r"\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{%.*?%\}|\{\{.*?\}\}|\{#\s.*?#\}", re.S)
"""One template tag: a Hugo shortcode, a Jinja/Liquid tag or expression, a Jinja comment."""

_TAG_NAME_RE = re.compile(r"\{(?:\{[<%]|%)-?\s*(/?)\s*(?:\*\s*)?([A-Za-z_][\w.-]*)")
RAW_BODIES = frozenset({"code-toggle", "code", "highlight", "raw", "comment", "verbatim", "datatable"})
"""Paired tags whose body is code or raw text: kept with their body as one tag, never read."""


def tag_name(tag: str) -> tuple[bool, str]:
    """(is a closing tag, name) of a shortcode or ``{% %}`` tag; ``(False, "")`` for others."""
    match = _TAG_NAME_RE.match(tag)
    return (bool(match.group(1)), match.group(2)) if match else (False, "")


_PARAMETER_RE = re.compile(r"""(?<=\s)([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|'([^'\\]*)')""", re.S)


def tag_parameters(tag: str) -> list[tuple[str, int, int]]:
    """(name, start, end) of each named string parameter of *tag* (``caption="A view"``): where
    its value is, between its quotes."""
    found = []
    for match in _PARAMETER_RE.finditer(tag):
        group = next(index for index in (2, 3, 4) if match.group(index) is not None)
        found.append((match.group(1), match.start(group), match.end(group)))
    return found


def parameter_text(tag: str, start: int, end: int) -> str:
    """The text of a parameter value (``\\"`` and ``\\\\`` unescaped when it is in double quotes)."""
    value = tag[start:end]
    return re.sub(r'\\(["\\])', r"\1", value) if tag[start - 1] == '"' else value


def set_parameter(tag: str, name: str, text: str) -> str:
    """*tag* with its parameter *name* set to *text*, quoted as the source quotes it."""
    for found, start, end in tag_parameters(tag):
        if found == name:
            quote = tag[start - 1]
            if quote == '"':
                text = text.replace("\\", "\\\\").replace('"', '\\"')
            elif quote in "`'":
                text = text.replace(quote, "")  # those quotes cannot hold their own quote
            return tag[:start] + text + tag[end:]
    return tag


def _tag_end(src: str, pos: int, limit: int) -> int | None:
    """Where the tag at *pos* ends: after its closing tag when its body is raw; None if no tag."""
    match = TAG_RE.match(src, pos, limit)
    if match is None:
        return None
    closing, name = tag_name(match.group())
    if closing or name not in RAW_BODIES or match.group().rstrip("}").endswith("/>"):
        return match.end()
    if match.group().startswith("{{"):
        closer = re.compile(r"\{\{[<%]-?\s*/\s*(?:\*\s*)?" + re.escape(name) + r"\b.*?[>%]\}\}", re.S)
    else:
        closer = re.compile(r"\{%-?\s*end" + re.escape(name) + r"\b.*?%\}", re.S)
    found = closer.search(src, match.end(), limit)
    return found.end() if found else match.end()


def template_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """Lines that hold nothing but template tags (and the raw bodies of paired ones)."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    pos = state.bMarks[start_line] + state.tShift[start_line]
    src = state.src
    if not src.startswith(("{{", "{%", "{# "), pos):
        return False
    limit = state.eMarks[end_line - 1]
    while True:
        end = _tag_end(src, pos, limit)
        if end is None:
            return False
        pos = end
        while pos < limit and src[pos] in " \t":
            pos += 1
        if pos >= limit or src[pos] == "\n":
            break
        if src[pos] != "{":
            return False  # text follows the tag on its line: the tag is inline
    line = start_line
    while line < end_line and state.eMarks[line] < pos:
        line += 1
    if line >= end_line:
        return False
    if silent:
        return True
    token = state.push("template_block", "", 0)
    token.content = src[state.bMarks[start_line] + state.tShift[start_line]:state.eMarks[line]]
    token.map = [start_line, line + 1]
    token.children = [Token("template_inline", "", 0, content=token.content, meta={"block": True})]  # for parameters
    state.line = line + 1
    return True


_AUTODOC_RE = re.compile(r":::[ \t]+[\w.:-]+[ \t]*")


def autodoc_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """mkdocstrings' ``::: package.module`` with its indented options: one opaque template block."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    if not _AUTODOC_RE.fullmatch(state.src, start, state.eMarks[start_line]):
        return False
    if silent:
        return True
    line = last = start_line + 1
    while line < end_line and (state.isEmpty(line) or state.sCount[line] >= state.blkIndent + 4):
        line += 1
        if not state.isEmpty(line - 1):
            last = line
    token = state.push("template_block", "", 0)
    token.content = state.src[start:state.eMarks[last - 1]]
    token.map = [start_line, last]
    state.line = last
    return True


_ESM_RE = re.compile(r"(?:import|export)[ \t]+[\w{*'\"]")


def esm_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """MDX's (Docusaurus') ``import X from 'y'`` and ``export ...`` at the top level, up to a
    blank line: one opaque template block."""
    if state.level or state.sCount[start_line] != 0 or state.blkIndent:  # (parentType is unreliable)
        return False
    start = state.bMarks[start_line]
    if not _ESM_RE.match(state.src, start, state.eMarks[start_line]):
        return False
    if silent:
        return True
    line = start_line + 1
    while line < end_line and not state.isEmpty(line):
        line += 1
    token = state.push("template_block", "", 0)
    token.content, token.map = state.src[start:state.eMarks[line - 1]], [start_line, line]
    state.line = line
    return True


def template_inline(state: StateInline, silent: bool) -> bool:
    """A template tag inside text: one placeholder, its bytes kept."""
    src, pos = state.src, state.pos
    if not src.startswith(("{{", "{%", "{# "), pos):
        return False
    end = _tag_end(src, pos, state.posMax)
    if end is None:
        return False
    if not silent:
        token = state.push("template_inline", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def template_comment(tag: str) -> str:
    """A template tag in our own build: an HTML comment holding it (``--`` broken up)."""
    return "<!--" + tag.replace("--", "- -") + "-->"


def render_template(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    comment = template_comment(token.content)
    return comment + "\n" if token.type == "template_block" or token.meta.get("block") else comment


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
