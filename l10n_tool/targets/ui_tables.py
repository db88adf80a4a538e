"""A generator's own string tables, read into the ``ui`` domain: Hugo's translation tables
(``i18n/<lang>.toml``, ``.yaml``, ``.yml`` or ``.json``: ``key = "text"`` or ``[key]`` with
``one``/``other`` and an optional ``description``; nested tables give dotted keys) and what
``docusaurus write-translations`` writes (``i18n/<locale>/code.json``,
``i18n/<locale>/<plugin>/*.json``: ``{"id": {"message": ..., "description": ...}}``). The folder ``i18n/`` is beside ``l10n.yaml``. A key is the
message's msgctxt (generators look strings up by key), its text the msgid."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import safe_yaml
from ..errors import SourceError
from ..model import Origin, Segment

HUGO_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")  # CLDR's categories, as go-i18n names them


@dataclass(frozen=True)
class Entry:
    """One string of a table: its key, its text per plural category (``other`` alone for a
    plain string), its description, its 1-based line."""

    key: str
    forms: dict[str, str]
    line: int
    description: str | None = None
    fields: tuple[str, ...] = ()  # a Hugo table's own field order (``one``, ``other``, ``description``)
    path: tuple[str, ...] = ()  # Hugo: the key's place in nested tables (``("list", "page")``)


@dataclass
class Table:
    """One string table file: where it is, how it is written, its entries in file order."""

    path: Path
    shown: str  # project-relative, as references name it
    kind: str  # hugo or docusaurus
    syntax: str  # toml, yaml or json
    entries: list[Entry] = field(default_factory=list)
    single_quotes: bool = False  # Hugo TOML: values written as literal strings
    final_newline: bool = True


def i18n_dir(project) -> Path:
    return project.root / "i18n"


def source_tables(project) -> list[Table]:
    """The source language's tables of the project's generator (none for other targets)."""
    return [read_table(path, project.relative(path), project.target)
            for path in table_paths(project, project.source_locale)]


def table_paths(project, locale: str) -> list[Path]:
    """*locale*'s table files, sorted: Hugo ``i18n/<locale>.<suffix>`` (any case), Docusaurus
    every ``.json`` in ``i18n/<locale>/`` and one folder below it."""
    folder = i18n_dir(project)
    if project.target == "hugo":
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in HUGO_SUFFIXES
                      and p.stem.lower() == locale.lower())
    if project.target == "docusaurus":
        base = folder / locale
        if not base.is_dir():
            return []
        return sorted([*base.glob("*.json"), *base.glob("*/*.json")])
    return []


def table_segments(project) -> list[Segment]:
    """Every string of the source tables as a ui message, in file order."""
    segments = []
    for table in source_tables(project):
        for entry in table.entries:
            one, other = entry.forms.get("one"), entry.forms["other"]
            segments.append(Segment(
                msgid=one if one is not None else other,
                plural=other if one is not None else None,
                context=entry.key,
                origin=Origin(table.shown, entry.line),
                comments=(entry.description,) if entry.description else (),
            ))
    return segments


def read_table(path: Path, shown: str, kind: str, *, source: bool = True) -> Table:
    """The table at *path*; a SourceError at its line when it cannot be read. A *source*
    table (the source language's) has the plural forms one and other only."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(shown, data[:exc.start].count(b"\n") + 1, f"not UTF-8: {exc.reason}") from None
    syntax = "yaml" if path.suffix == ".yml" else path.suffix[1:]
    table = Table(path, shown, kind, syntax, final_newline=text.endswith("\n"))
    values, lines = _load(text, syntax, shown)
    if not isinstance(values, dict):
        raise SourceError(shown, 1, f"expected a mapping of keys to strings, got {type(values).__name__}")
    rows = text.split("\n")
    for key, value in values.items():
        line = lines.get(key, 1)
        if kind == "docusaurus":
            entry = _docusaurus_entry(str(key), value, line, shown)
            table.entries.extend([entry] if entry is not None else [])
        else:
            table.entries.extend(_hugo_entries((str(key),), value, line, shown, source, rows))
    table.single_quotes = syntax == "toml" and bool(re.search(r"=[ \t]*'", text)) and not re.search(r'=[ \t]*"', text)
    return table


def _load(text: str, syntax: str, shown: str) -> tuple[object, dict[str, int]]:
    """The document and each top-level key's line."""
    if syntax == "json":
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceError(shown, exc.lineno, f"invalid JSON: {exc.msg}", exc.colno) from None
        return values, _json_lines(text, values)
    if syntax == "toml":
        try:
            values = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            raise SourceError(shown, int(found.group(1)) if found else None, f"invalid TOML: {message}",
                              int(found.group(2)) if found else None) from None
        return values, _toml_lines(text, values)
    try:
        node, values = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError(shown, mark.line + 1 if mark else None,
                          f"invalid YAML: {getattr(exc, 'problem', None) or exc}") from None
    lines = {}
    if isinstance(node, yaml.MappingNode):
        lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
    return values if node is not None else {}, lines


def _json_lines(text: str, values) -> dict[str, int]:
    lines, pos = {}, 0
    if not isinstance(values, dict):
        return lines
    for key in values:
        found = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, pos)
        if found is None:  # written with other escapes: the line is not worth a second parser
            continue
        lines[key] = text.count("\n", 0, found.start()) + 1
        pos = found.end()
    return lines


def _toml_lines(text: str, values) -> dict[str, int]:
    lines = {}
    for number, row in enumerate(text.split("\n"), 1):
        found = re.match(r"""[ \t]*(?:\[[ \t]*)?("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)[ \t]*(?:\]|=)""", row)
        if found is None:
            continue
        raw = found.group(1)
        key = json.loads(raw) if raw.startswith('"') else raw.strip("'")
        if key in values and key not in lines:
            lines[key] = number
    return lines


def _hugo_entries(path: tuple[str, ...], value, line: int, shown: str, source: bool, rows: list[str]) -> list[Entry]:
    """The messages of one key: itself, or those of a nested table (Hugo's ``T "list.page"``
    for ``[list.page]``), a table being a message when it has a plural form."""
    if isinstance(value, dict) and value and not any(name in PLURAL_FORMS for name in value):
        found = []
        for name, inner in value.items():
            found.extend(_hugo_entries((*path, str(name)), inner, _line_after(rows, line, str(name)), shown,
                                       source, rows))
        return found
    entry = _hugo_entry(path, value, line, shown, source)
    return [entry] if entry is not None else []


def _line_after(rows: list[str], line: int, name: str) -> int:
    """The first line from *line* on where *name* stands as a key (``name =``, ``name:``,
    ``"name":``, ``[x.name]``); *line* when there is none."""
    pattern = re.compile(r"(?:^|[\s.\[{,])([\"']?)" + re.escape(name) + r"\1\s*[=:\]]")
    for number in range(line, len(rows) + 1):
        if pattern.search(rows[number - 1]):
            return number
    return line


def _hugo_entry(path: tuple[str, ...], value, line: int, shown: str, source: bool) -> Entry | None:
    key = ".".join(path)
    if isinstance(value, str):
        return Entry(key, {"other": value}, line, path=path) if value else None
    if not isinstance(value, dict):
        raise SourceError(shown, line, f"{key!r}: expected a string or a table of plural forms "
                          f"(one, other), got {type(value).__name__}")
    unknown = [name for name in value if name not in (*PLURAL_FORMS, "description")]
    if unknown:
        raise SourceError(shown, line, f"{key!r}: {unknown[0]!r} is not a plural form "
                          f"({', '.join(PLURAL_FORMS)}) or description")
    if any(not isinstance(text, str) for text in value.values()):
        raise SourceError(shown, line, f"{key!r}: every plural form is a string")
    if not source:
        forms = {name: text for name, text in value.items() if name in PLURAL_FORMS and text}
        return Entry(key, forms, line, value.get("description"), tuple(value), path) if forms else None
    if "other" not in value:
        raise SourceError(shown, line, f"{key!r}: the source language's table needs the form 'other'")
    extra = [name for name in value if name in PLURAL_FORMS and name not in ("one", "other")]
    if extra:
        raise SourceError(shown, line, f"{key!r}: the source language has the forms one and other, not {extra[0]!r}")
    if not value["other"]:
        return None
    forms = {name: text for name, text in value.items() if name in ("one", "other")}
    return Entry(key, forms, line, value.get("description"), tuple(value), path)


def _docusaurus_entry(key: str, value, line: int, shown: str) -> Entry | None:
    if not isinstance(value, dict) or not isinstance(value.get("message"), str):
        raise SourceError(shown, line, f"{key!r}: expected {{\"message\": \"...\"}}, as docusaurus "
                          "write-translations writes it")
    description = value.get("description")
    if description is not None and not isinstance(description, str):
        raise SourceError(shown, line, f"{key!r}: the description is not a string")
    if not value["message"]:
        return None
    return Entry(key, {"other": value["message"]}, line, description, tuple(value))
