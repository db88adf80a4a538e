"""Front matter of a Markdown article: find its block (YAML between ``---`` lines, TOML between
``+++`` lines, or a leading JSON object as Hugo reads it), read it, check it against the
project's schema, and give the values of the translatable keys with their lines."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from typing import NamedTuple, Sequence

import yaml

from .. import safe_yaml
from ..config import FrontMatterField
from ..errors import SourceError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the same parser, before it joined the standard library
    import tomli as tomllib


class FrontMatter(NamedTuple):
    """An article's text split: its Markdown body and its front matter."""

    body: str  # the text with the front matter block emptied (``_emptied``): body lines keep their numbers
    meta: dict  # the front matter, values of schema keys checked and typed
    values: list[tuple[str, int, str]]  # (key, line, text) of each translatable key, in file order


def read_front_matter(text: str, rel_path: str, keys: Sequence[str],
                      schema: Sequence[tuple[str, FrontMatterField]] = (), *, read: bool = True) -> FrontMatter:
    """Split *text* into its body and front matter, checked against *schema* (``Project.front_matter``);
    each of *keys* (translatable) is text. Without *read* only the body is found.

    A SourceError with the offending key's line for a block never closed, unreadable, or whose
    values do not fit the schema; a required key is required only of articles with front matter.
    """
    if text.startswith("{") and _JSON_START_RE.match(text):
        meta, lines, end = _read_json(text, rel_path)
    else:
        block = _delimited_block(text, rel_path)
        if block is None:
            return FrontMatter(text, {}, [])
        reader, content, end = block
        meta, lines = reader(content, 2, rel_path) if read else ({}, {})
    body = _emptied(text.count("\n", 0, end)) + text[end:]
    if not read:
        return FrontMatter(body, {}, [])
    rules = dict(schema)
    for key in keys:
        rules.setdefault(key, _TEXT)
    _check(meta, lines, rules, rel_path)
    wanted = set(keys)
    values = [(key, line, meta[key]) for key, line in lines.items()
              if key in wanted and isinstance(meta.get(key), str)]
    return FrontMatter(body, meta, values)


_TEXT = FrontMatterField("text")


def _emptied(lines: int) -> str:
    """*lines* lines that stand for a front matter block in the body: an empty YAML block
    (markdown-it's front matter rule makes it the hidden token it always made, so pages render
    as before, whatever the format), or blank lines for a one-line JSON object."""
    return "---\n" + "\n" * (lines - 2) + "---\n" if lines >= 2 else "\n" * lines

# ---------------------------------------------------------------------------- finding the block

# as mdit-py-plugins' front matter rule (which still reads raw text in ``markdown_parser``):
# opened by 3 or more dashes on the first line, closed by as many (up to 3 spaces before) or ``...``
_YAML_OPEN_RE = re.compile(r"-{3,}")
_YAML_KEY_RE = re.compile(r"[A-Za-z_][\w-]*:(\s|$)")
_TOML_FENCE_RE = re.compile(r"\+\+\+[ \t]*")
_JSON_START_RE = re.compile(r"\{\s*[\"}]")  # an object with a key, or empty: not a body's "{curly}"


def _delimited_block(text: str, rel_path: str):
    """(reader, content, end offset) of a YAML or TOML block, or None when there is none."""
    first, _, rest = text.partition("\n")
    opening = _YAML_OPEN_RE.match(first)
    if opening:
        closing = re.compile(rf"^(?: {{0,3}}-{{{opening.end()},}}|\.\.\.)[ \t]*$", re.M)
        reader, name = _read_yaml, "---"
    elif _TOML_FENCE_RE.fullmatch(first):
        closing = re.compile(r"^\+\+\+[ \t]*$", re.M)
        reader, name = _read_toml, "+++"
    else:
        return None
    start = len(first) + 1
    found = closing.search(text, start) if start <= len(text) else None
    if found is None:
        if reader is _read_yaml and not _YAML_KEY_RE.match(rest):
            return None  # a thematic break, not front matter
        raise SourceError(rel_path, 1, f"front matter opened with {name} is never closed by a {name} line")
    end = found.end() + 1 if found.end() < len(text) else found.end()
    return reader, text[start:max(start, found.start() - 1)], end


# ------------------------------------------------------------------------------------- YAML

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


def _read_yaml(text: str, first_line: int, rel_path: str) -> tuple[dict, dict[str, int]]:
    """The YAML *text* (whose first line is *first_line* of the file) as a dict, and each key's line.

    libyaml reads it when PyYAML has it and it is made of simple lines; anything it refuses is
    read again by the pure-Python loader, whose error messages (and line numbers) are reported.
    """
    loaded = None
    if _SIMPLE_YAML_RE.fullmatch(text) and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        try:
            loaded = safe_yaml.load(text, fast=True)
        except yaml.YAMLError:
            pass
    if loaded is None:
        try:
            loaded = safe_yaml.load(text)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = first_line + mark.line if mark else first_line - 1
            column = mark.column + 1 if mark else None
            message = ": ".join(part for part in (exc.context, exc.problem) if part)
            raise SourceError(rel_path, line, f"bad front matter: {message}", column) from None
        except yaml.YAMLError as exc:
            raise SourceError(rel_path, first_line - 1, f"bad front matter: {exc}") from None
    node, meta = loaded
    if node is None or meta is None:  # an empty block, or comments only
        return {}, {}
    if not isinstance(meta, dict):
        raise SourceError(rel_path, first_line, f"front matter must be a mapping of keys to values, not {_kind(meta)}")
    lines: dict = {}
    for key_node, _ in node.value:
        line = first_line + key_node.start_mark.line
        if key_node.value in lines:
            raise SourceError(rel_path, line, f"front matter key {key_node.value!r} appears twice")
        lines[key_node.value] = line
    return meta, lines


# ------------------------------------------------------------------------------------- TOML

_TOML_ERROR_AT_RE = re.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")
_TOML_KEY_RE = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""")
_TOML_STRING_RE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:""?(?!"))?|\'\'\'(?:[^\']|\'(?!\'\'))*\'\'\''
                             r"""(?:''?(?!'))?|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'""", re.S)


def _read_toml(text: str, first_line: int, rel_path: str) -> tuple[dict, dict[str, int]]:
    """The TOML *text* (whose first line is *first_line* of the file) as a dict, and each key's line."""
    try:
        meta = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line, column = str(exc), first_line + text.count("\n"), None
        at = _TOML_ERROR_AT_RE.search(message)
        if at:
            message = message[: at.start()]
            if at[1]:
                line, column = first_line + int(at[1]) - 1, int(at[2])
        raise SourceError(rel_path, line, f"bad front matter: {message}", column) from None
    return meta, _toml_key_lines(text, first_line)


def _toml_key_lines(text: str, first_line: int) -> dict[str, int]:
    """The line of each top-level key of valid TOML *text*: of ``key =``, ``key.sub =`` or the
    first ``[key...]`` table header (the keys after a header are the table's)."""
    lines: dict[str, int] = {}
    pos, depth, line_start, in_table = 0, 0, True, False
    while pos < len(text):
        char = text[pos]
        if char in " \t":
            pos += 1
        elif char == "\n":
            line_start = depth == 0  # a line inside a multi-line array holds no key
            pos += 1
        elif char == "#":
            end = text.find("\n", pos)
            pos = len(text) if end < 0 else end
        elif line_start:  # a key, or a table header
            line_start = False
            header = char == "["
            start = _SPACE_RE.match(text, pos + (2 if text.startswith("[[", pos) else 1)).end() if header else pos
            key = _TOML_KEY_RE.match(text, start)
            if key and (header or not in_table):
                lines.setdefault(_toml_key(key.group()), first_line + text.count("\n", 0, pos))
            if header:
                in_table = True
                end = text.find("\n", pos)  # a header holds no multi-line string
                pos = len(text) if end < 0 else end
            else:
                pos = key.end() if key else pos + 1
        elif char in "\"'":
            string = _TOML_STRING_RE.match(text, pos)
            pos = string.end() if string else pos + 1
        else:
            depth += (char in "[{") - (char in "]}")
            pos += 1
    return lines


def _toml_key(written: str) -> str:
    """A key as the TOML text writes it (bare, "basic" or 'literal') -> the key."""
    if written[0] == "'":
        return written[1:-1]
    if written[0] == '"':
        try:
            return json.loads(written)  # TOML's escapes are JSON's, but \U and \e
        except ValueError:
            return written[1:-1]
    return written


# ------------------------------------------------------------------------------------- JSON

_DECODER = json.JSONDecoder()
_SPACE_RE = re.compile(r"[ \t\n\r]*")


def _read_json(text: str, rel_path: str) -> tuple[dict, dict[str, int], int]:
    """The JSON object that opens *text*, each key's line, and where the body starts (the line
    after the object's closing ``}``, which must end its line)."""
    meta: dict = {}
    lines: dict[str, int] = {}
    try:
        pos = _SPACE_RE.match(text, 1).end()
        while text[pos] != "}":  # at the first key (an empty object has none)
            line = text.count("\n", 0, pos) + 1
            if text[pos] != '"':
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
            key, pos = json.decoder.scanstring(text, pos + 1)
            if key in lines:
                raise SourceError(rel_path, line, f"front matter key {key!r} appears twice")
            pos = _SPACE_RE.match(text, pos).end()
            if text[pos] != ":":
                raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
            meta[key], pos = _DECODER.raw_decode(text, _SPACE_RE.match(text, pos + 1).end())
            lines[key] = line
            pos = _SPACE_RE.match(text, pos).end()
            if text[pos] == "}":
                break
            if text[pos] != ",":
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
            pos = _SPACE_RE.match(text, pos + 1).end()
            if text[pos] == "}":
                raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
    except json.JSONDecodeError as exc:
        raise SourceError(rel_path, exc.lineno, f"bad front matter: {exc.msg}", exc.colno) from None
    except IndexError:
        raise SourceError(rel_path, 1, "front matter opened with { is never closed by a }") from None
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end + 1
    if text[pos + 1:end].strip():
        raise SourceError(rel_path, text.count("\n", 0, pos) + 1, "text after the front matter's closing } on its line")
    return meta, lines, end


# ----------------------------------------------------------------------------------- schema


def _check(meta: dict, lines: dict[str, int], rules: dict[str, FrontMatterField], rel_path: str) -> None:
    """Check and type in place each value of *meta* that *rules* declare; a declared key with
    no value (``tags:``) is left out, and a required one is an error."""
    for key in sorted(rules, key=lambda name: lines.get(name, 1)):
        rule, line = rules[key], lines.get(key, 1)
        if meta.get(key) is None:
            if rule.required:
                raise SourceError(rel_path, line, f"front matter key {key!r} is required")
            meta.pop(key, None)
            continue
        try:
            meta[key] = _TYPES[rule.type](meta[key])
        except ValueError as exc:
            raise SourceError(rel_path, line, f"front matter key {key!r} {exc}") from None


def _as_text(value):
    if not isinstance(value, str):
        raise ValueError(f"must be a string, not {_kind(value)}")
    return value


_INT_RE = re.compile(r"[ \t]*[+-]?[0-9]{1,18}[ \t]*")


def _as_int(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INT_RE.fullmatch(value):
        return int(value)
    raise ValueError(f"must be a whole number, not {_kind(value)}")


def _as_text_list(value):
    if isinstance(value, str):
        return [value]  # ``tags: winter``
    if not isinstance(value, list):
        raise ValueError(f"must be a list of strings, not {_kind(value)}")
    for number, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise ValueError(f"must be a list of strings; item {number} is {_kind(item)}")
    return value


# ISO 8601 dates, with a time and offset as YAML, TOML and Jekyll (``2014-12-17 11:16:21 -0800``) write them
_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]+))?)?"
                      r" ?(Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?")


def parse_date(value):
    """A date or datetime from a date, or from text in ISO 8601 (a time and offset may follow, as
    Jekyll writes them); ValueError when it is none."""
    if isinstance(value, dt.date):  # a datetime too
        return value
    match = _DATE_RE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"must be a date (YYYY-MM-DD, a time may follow), not {_kind(value)}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        if hour is None:
            return dt.date(int(year), int(month), int(day))
        return dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                           int((fraction or "0")[:6].ljust(6, "0")), _zone(offset))
    except ValueError as exc:
        raise ValueError(f"must be a real date: {value.strip()!r} ({exc})") from None


def _zone(offset: str | None) -> dt.tzinfo | None:
    if offset is None:
        return None
    if offset in "Zz":
        return dt.timezone.utc
    digits = offset[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return dt.timezone(-delta if offset[0] == "-" else delta)


_TYPES = {"text": _as_text, "int": _as_int, "list of text": _as_text_list, "date": parse_date, "any": lambda value: value}


def _kind(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (dt.date, dt.time)):
        return f"{type(value).__name__} {value.isoformat()}"
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 60 else shown[:59] + '…'}"
