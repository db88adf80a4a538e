"""Template tags in Markdown: Hugo shortcodes (``{{< x >}}``, ``{{% x %}}``), Jinja/Liquid tags
and MkDocs macros (``{% ... %}``, ``{{ ... }}``, ``{# ... #}``), and the blocks of other
generators' own syntax that are never text: mkdocstrings' ``::: package.module`` with its
indented options, MDX's top-level ``import``/``export`` lines.

A line of nothing but tags is a ``template_block``, a tag inside text a ``template_inline`` (a
placeholder of its block); both are kept byte for byte and our build renders them as an HTML
comment, so a page shows no template syntax as if it were text. A tag whose body is code or raw
(``code-toggle``, ``highlight``, ``{% raw %}``...) is one tag with its body; other paired tags
leave their body to Markdown. The named string parameters a project lists
(``shortcode_parameters``) are found, read and written back here (``tag_parameters``,
``parameter_text``, ``set_parameter``).
"""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

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
