"""YAML front matter of a Markdown article: read it (fast where libyaml agrees with PyYAML),
check it, and give the values of the translatable keys with their lines."""

from __future__ import annotations

import re
from typing import Sequence

import yaml
from markdown_it.token import Token

from ..errors import SourceError

_YAML_KEY_RE = re.compile(r"[A-Za-z_][\w-]*:(\s|$)")


def check_front_matter_closed(text: str, tokens: list[Token], rel_path: str) -> None:
    """A file that opens front matter with --- and YAML keys but never closes it is an error."""
    if tokens and tokens[0].type == "front_matter":
        return
    lines = text.split("\n", 2)
    if len(lines) > 1 and lines[0].rstrip() == "---" and _YAML_KEY_RE.match(lines[1]):
        raise SourceError(rel_path, 1, "front matter opened with --- is never closed by a --- line")


def read_front_matter(text: str, first_line: int, rel_path: str,
                      keys: Sequence[str]) -> tuple[dict, list[tuple[str, int, str]]]:
    """The front matter (*text*, whose first line is *first_line* of the file) as a dict, and
    (key, line, value) of each of *keys* it gives a string, in file order.

    libyaml (``CSafeLoader``) reads it when PyYAML has it; anything it refuses is read again
    by the pure-Python ``SafeLoader``, whose error messages (and line numbers) are reported.
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
    return _wanted_values(node, meta, first_line, rel_path, keys)


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


def _wanted_values(node, meta, first_line: int, rel_path: str, keys: Sequence[str]):
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SourceError(
            rel_path, first_line, f"front matter must be a mapping of keys to values, not {_yaml_kind(meta)}"
        )
    wanted = set(keys)
    values: list[tuple[str, int, str]] = []
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
        values.append((key, line, value))
    return meta, values


def _yaml_kind(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"
