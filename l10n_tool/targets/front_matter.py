"""Replace translated values in a front matter block without re-writing the rest of it.

Only the value of each translated top-level key is rewritten, in the quoting it had where the
translation allows it (a plain YAML scalar stays plain when the translation reads back as the
same text, else it becomes double-quoted; a TOML literal string stays literal unless the
translation holds a quote). Key order, comments, other values and blank lines keep their bytes.
Each rewrite is checked by reading the new value back; one that does not read back as the
translation is not made (``Edit.problem`` says why).
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

import tomllib

import yaml

from .. import safe_yaml


class Edit(NamedTuple):
    """Replace text[start:end] with *new*; *problem* set when the value could not be rewritten."""

    start: int
    end: int
    new: str
    problem: str = ""


_YAML_KEY_RE = re.compile(r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:][^:#]*?)[ \t]*:(?=[ \t]|$)""")
_YAML_DOUBLE_RE = re.compile(r'"(?:[^"\\]|\\.)*"')
_YAML_SINGLE_RE = re.compile(r"'(?:[^']|'')*'")
_TOML_KEY_RE = re.compile(r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')[ \t]*=[ \t]*""")
_TOML_STRING_RE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:""?(?!"))?|\'\'\'(?:[^\']|\'(?!\'\'))*\'\'\''
                             r"""(?:''?(?!'))?|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""", re.S)


def front_matter_format(text: str) -> str | None:
    """``yaml``, ``toml`` or ``json`` by the block's opening, None without front matter."""
    if text.startswith("{"):
        return "json"
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.startswith("+++"):
        return "toml"
    if re.fullmatch(r"-{3,}[ \t]*", first):
        return "yaml"
    return None


def value_edit(text: str, starts: list[int], lines: list[str], kind: str, line: int, key: str,
               translation: str, end_line: int) -> Edit:
    """The Edit that gives *key* (on 1-based *line*) the value *translation*. *starts* and
    *lines* are the file's line offsets and lines; *end_line* (0-based) is the block's closing
    line, which no value reaches."""
    index = line - 1
    row = lines[index]
    if kind == "yaml":
        return _yaml_edit(text, starts, lines, index, row, translation, end_line)
    if kind == "toml":
        return _toml_edit(text, starts[index], row, translation)
    return _json_edit(text, starts[index], row, key, translation)


# ------------------------------------------------------------------------------------- YAML


def _yaml_edit(text, starts, lines, index, row, translation, end_line) -> Edit:
    key = _YAML_KEY_RE.match(row)
    if key is None:
        return Edit(0, 0, "", "the key's line is not `key: value`")
    value_start = key.end() + (len(row) - key.end() - len(row[key.end():].lstrip(" \t")))
    start = starts[index] + value_start
    rest = row[value_start:]
    last = index  # the value's last line: continuation lines are indented or blank
    while last + 1 < end_line and (not lines[last + 1].strip() or lines[last + 1][:1] in " \t"):
        last += 1
    while last > index and not lines[last].strip():
        last -= 1
    one_line = last == index and rest[:1] not in ("|", ">")
    if one_line and rest[:1] == '"':
        found = _YAML_DOUBLE_RE.match(rest)
        if found:
            return _checked(start, start + found.end(), _yaml_double(translation), translation)
    elif one_line and rest[:1] == "'":
        found = _YAML_SINGLE_RE.match(rest)
        if found:
            return _checked(start, start + found.end(), "'" + translation.replace("'", "''") + "'", translation)
    elif one_line:
        comment = re.search(r"[ \t]+#", rest)
        plain = (rest[:comment.start()] if comment else rest).rstrip(" \t")
        new = translation if _plain_ok(translation) else _yaml_double(translation)
        return _checked(start, start + len(plain), new, translation)
    end = starts[last] + len(lines[last])
    return _checked(start, end, _yaml_double(translation), translation)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text[0] in "-?:,[]{}#&*!|>'\"%@`" or ": " in text or " #" in text:
        return False
    return not text.endswith(":") and _yaml_value(text) == text


def _yaml_double(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\L").replace("\u2029", "\\P")


def _yaml_value(written: str):
    try:
        _, loaded = safe_yaml.load(f"k: {written}\n")
    except yaml.YAMLError:
        return None
    return loaded.get("k") if isinstance(loaded, dict) else None


def _checked(start: int, end: int, new: str, translation: str) -> Edit:
    if _yaml_value(new) != translation:
        return Edit(start, end, new, "the translation does not read back as YAML")
    return Edit(start, end, new)


# ------------------------------------------------------------------------------------- TOML


def _toml_edit(text, line_start, row, translation) -> Edit:
    key = _TOML_KEY_RE.match(row)
    if key is None:
        return Edit(0, 0, "", "the key's line is not `key = value`")
    start = line_start + key.end()
    found = _TOML_STRING_RE.match(text, start)
    if found is None:
        return Edit(0, 0, "", "the value is not a string")
    literal = found.group().startswith("'") and not found.group().startswith("'''")
    if literal and "'" not in translation and not re.search(r"[\x00-\x1f\x7f]", translation):
        new = "'" + translation + "'"
    else:
        new = _toml_basic(translation)
    try:
        ok = tomllib.loads(f"k = {new}")["k"] == translation
    except tomllib.TOMLDecodeError:
        ok = False
    return Edit(start, found.end(), new, "" if ok else "the translation does not read back as TOML")


def _toml_basic(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[char])
        elif ord(char) < 0x20 or ord(char) == 0x7f:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# ------------------------------------------------------------------------------------- JSON


def _json_edit(text, line_start, row, key, translation) -> Edit:
    pattern = re.compile(r'[ \t]*' + re.escape(json.dumps(key, ensure_ascii=False)) + r'[ \t]*:[ \t]*')
    found = None
    for match in re.finditer(re.escape(json.dumps(key, ensure_ascii=False)), row):
        candidate = pattern.match(row, match.start())
        if candidate:
            found = candidate
            break
    if found is None:
        return Edit(0, 0, "", "the key is not written as JSON names it")
    start = line_start + found.end()
    if start >= len(text) or text[start] != '"':
        return Edit(0, 0, "", "the value is not a string")
    try:
        _, end = json.decoder.scanstring(text, start + 1)
    except json.JSONDecodeError:
        return Edit(0, 0, "", "the value is not a JSON string")
    return Edit(start, end, json.dumps(translation, ensure_ascii=False))


# ------------------------------------------------------------------------------ adding a key


def add_key(text: str, lines: list[str], starts: list[int], kind: str | None, key: str, value: str,
            eol: str) -> Edit:
    """An Edit that sets a top-level *key* to the plain *value* (Jekyll's ``lang``): its line
    rewritten when the block has it, else a line added after the opening one; a YAML block is
    made when there is none."""
    if kind is None:
        return Edit(0, 0, f"---{eol}{key}: {value}{eol}---{eol}")
    if kind == "yaml":
        for index in range(1, len(lines)):
            if re.fullmatch(r"(?: {0,3}-{3,}|\.\.\.)[ \t]*", lines[index]):
                break
            found = re.match(rf"{re.escape(key)}[ \t]*:[ \t]*", lines[index])
            if found:
                start = starts[index] + found.end()
                return Edit(start, starts[index] + len(lines[index]), value)
        return Edit(starts[1], starts[1], f"{key}: {value}{eol}") if len(starts) > 1 else \
            Edit(len(text), len(text), f"{eol}{key}: {value}{eol}")
    if kind == "toml":  # before any table header
        return Edit(starts[1], starts[1], f"{key} = {_toml_basic(value)}{eol}")
    brace = text.index("{") + 1
    empty = text[brace:].lstrip().startswith("}")
    return Edit(brace, brace, f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{'' if empty else ','}")
