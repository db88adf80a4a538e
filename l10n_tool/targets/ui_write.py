"""A locale's string tables written from its ``ui.po`` (``l10n build`` with target hugo or
docusaurus), in the source table's own syntax and layout: keys in source order, only
translated, non-fuzzy entries that keep their source's placeholders, Go template actions and
HTML tags (a translator adds no template code or markup). The generator falls back to the
source language for a key the table lacks. An identity translation of a table in the layout
written here (TOML ``[key]`` tables one blank line apart, or ``key = "text"`` lines; YAML
``key: text``; JSON indented by two) gives back its bytes."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

from .. import po, safe_yaml
from ..config import catalog_folder
from ..errors import SourceError
from .front_matter import _plain_ok, _yaml_double
from .ui_tables import PLURAL_FORMS, Entry, Table, i18n_dir, read_table, source_tables

_ACTION_RE = re.compile(r"\{\{.*?\}\}", re.S)  # Go template actions (Hugo)
_PLACEHOLDER_RE = re.compile(r"\{[^{}]*\}")  # Docusaurus' {name} interpolations
_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_BARE_KEY_RE = re.compile(r"[A-Za-z0-9_-]+")


def write_ui_tables(project, write) -> list[str]:
    """Each locale's tables for the source tables of ``project.target``, through *write*
    (path, bytes); the problems found. A locale with no usable translation gets no table
    (one it has is left alone)."""
    tables = source_tables(project)
    problems = []
    for locale in project.locales:
        path = project.catalog_path(locale, "ui")
        if not tables or not path.is_file():
            continue
        catalog = po.read_po(path, display_path=project.relative(path))
        categories = plural_categories(catalog, locale)
        for table in tables:
            translated = {}
            for entry in table.entries:
                forms, problem = translation_forms(catalog, entry, categories)
                if problem:
                    problems.append(f"{locale}: {table.shown}:{entry.line}: {entry.key!r}: {problem}; not written")
                elif forms:
                    translated[entry.key] = forms
            if not translated:
                continue
            destination = locale_path(project, table, locale)
            own, found = _own_keys(project, table, destination, translated)
            problems.extend(f"{locale}: {problem}" for problem in found)
            write(destination, render_table(table, translated, own))
    return problems


def _own_keys(project, table: Table, destination: Path, translated: dict) -> tuple[list[Entry], list[str]]:
    """The entries of the table at *destination* that the source table lacks (kept, after
    the source's keys: the site's own), and a problem for each of its keys ui.po has no
    usable translation for (left out)."""
    if not destination.is_file():
        return [], []
    shown = project.relative(destination)
    try:
        old = read_table(destination, shown, table.kind, source=False)
    except SourceError as exc:
        return [], [f"{exc}; replaced"]
    source_keys = {entry.key for entry in table.entries}
    own = [entry for entry in old.entries if entry.key not in source_keys and entry.key not in translated]
    problems = [f"{shown}:{entry.line}: {entry.key!r} is left out: ui.po has no usable translation"
                for entry in old.entries if entry.key in source_keys and entry.key not in translated]
    return own, problems


def locale_path(project, table: Table, locale: str) -> Path:
    """Hugo ``i18n/<locale>.<suffix>`` (lower case, as Hugo keys languages); Docusaurus the
    source's path below ``i18n/<locale>/``."""
    folder = i18n_dir(project)
    if table.kind == "hugo":
        return folder / f"{locale.lower()}{table.path.suffix}"
    return folder / locale / table.path.relative_to(folder / project.source_locale)


def plural_categories(catalog, locale: str) -> list[str] | None:
    """The CLDR category of each of the catalog's plural forms (index -> ``one``, ``other``...),
    None when its Plural-Forms do not map one to one onto the locale's categories."""
    from babel import Locale, UnknownLocaleError

    text = catalog.header_fields.get("Plural-Forms") or po.plural_forms(locale)
    try:
        count, rule = po.parse_plural_forms(text)
        cldr = Locale.parse(catalog_folder(locale)).plural_form
    except (ValueError, UnknownLocaleError, TypeError):
        return None
    found: dict[int, str] = {}
    for n in [*range(0, 1001), *(k * 10 ** 6 for k in range(1, 4))]:  # a million: French and Portuguese "many"
        category = cldr(n)
        if found.setdefault(rule(n), category) != category:
            return None
    if len(found) != count or len(set(found.values())) != count:
        return None
    return [found[index] for index in range(count)]


def translation_forms(catalog, entry: Entry, categories) -> tuple[dict[str, str] | None, str]:
    """(category -> text, "") for a usable translation of *entry*, (None, "") when it has
    none, (None, why) when its translation cannot be used."""
    message = catalog.get(entry.forms.get("one", entry.forms["other"]), entry.key)
    if message is None or not message.translated:
        return None, ""
    if "one" not in entry.forms:
        texts = {"other": message.msgstr}
    elif categories is None:
        return None, "the catalog's Plural-Forms do not map onto the language's plural categories"
    else:
        if sorted(message.msgstr_plural) != list(range(len(categories))):
            return None, f"{len(message.msgstr_plural)} plural forms where the language has {len(categories)}"
        texts = {categories[index]: text for index, text in sorted(message.msgstr_plural.items())}
        texts.setdefault("other", texts[categories[-1]])  # whole numbers never reach it (Polish): fractions do
    source = " ".join(entry.forms.values())
    for text in texts.values():
        problem = unsafe(source, text)
        if problem:
            return None, problem
    return texts, ""


def unsafe(source: str, text: str) -> str:
    """Why *text* may not stand for *source* ("" when it may): a template action, an
    interpolation or an HTML tag the source does not have."""
    actions = sorted(_normal(found) for found in _ACTION_RE.findall(text))
    if actions and not set(actions) <= {_normal(found) for found in _ACTION_RE.findall(source)}:
        return "a template action the source does not have"
    plain = _ACTION_RE.sub("", text)
    if not set(_PLACEHOLDER_RE.findall(plain)) <= set(_PLACEHOLDER_RE.findall(_ACTION_RE.sub("", source))):
        return "an interpolation the source does not have"
    if not {tag.lower() for tag in _TAG_RE.findall(plain)} <= {tag.lower() for tag in _TAG_RE.findall(source)}:
        return "an HTML tag the source does not have"
    return ""


def _normal(action: str) -> str:
    return re.sub(r"\s+", "", action.strip("{}-"))


def render_table(table: Table, translated: dict[str, dict[str, str]], own: list[Entry] = ()) -> bytes:
    """*table*'s syntax and layout with *translated* (key -> category -> text), in its key
    order, then the entries *own* (as they are)."""
    entries = [entry for entry in table.entries if entry.key in translated] + list(own)
    translated = {**translated, **{entry.key: entry.forms for entry in own}}
    if table.kind == "docusaurus":
        text = _json({entry.key: _docusaurus_value(entry, translated[entry.key]["other"]) for entry in entries})
    else:
        tree: dict = {}
        for entry in entries:
            *parents, leaf = entry.path or (entry.key,)
            node = tree
            for name in parents:
                node = node.setdefault(name, {})
                if not isinstance(node, dict):
                    break  # the site's own key where the source has a table: the source's wins
            else:
                if not isinstance(node.get(leaf), dict):
                    node[leaf] = _hugo_value(entry, translated[entry.key])
        if table.syntax == "json":
            text = _json(tree)
        elif table.syntax == "toml":
            text = "\n".join(_toml_chunks(tree, (), table.single_quotes))
            if tomllib.loads(text) != tree:
                raise AssertionError(f"{table.shown}: a written table does not read back")  # cannot happen
        else:
            text = _yaml(tree, "")
            if tree and safe_yaml.load(text)[1] != tree:
                raise AssertionError(f"{table.shown}: a written table does not read back")  # cannot happen
    if not table.final_newline:
        text = text.rstrip("\n")
    return text.encode("utf-8")


def _docusaurus_value(entry: Entry, text: str) -> dict:
    value = {"message": text}
    if entry.description is not None:
        value["description"] = entry.description
    order = [name for name in entry.fields if name in value]
    return {name: value[name] for name in order}


def _hugo_value(entry: Entry, forms: dict[str, str]):
    if not entry.fields:
        return forms["other"]
    value = {}
    for name in entry.fields:  # the source's own order, then the locale's other categories
        if name == "description":
            value[name] = entry.description
        elif name in forms:
            value[name] = forms[name]
    for name in PLURAL_FORMS:
        if name in forms and name not in value:
            value[name] = forms[name]
    return value


def _json(value) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _toml_chunks(tree: dict, prefix: tuple[str, ...], single: bool) -> list[str]:
    """*tree* as TOML: its strings as ``key = "text"`` lines, then each table under its
    ``[dotted.name]`` header, one blank line apart."""
    rows = "".join(f"{_toml_key(key)} = {_toml_string(value, single)}\n"
                   for key, value in tree.items() if isinstance(value, str))
    chunks = []
    if rows:
        chunks.append((f"[{'.'.join(_toml_key(name) for name in prefix)}]\n" if prefix else "") + rows)
    for key, value in tree.items():
        if isinstance(value, dict):
            chunks.extend(_toml_chunks(value, (*prefix, key), single))
    return chunks


def _toml_key(key: str) -> str:
    return key if _BARE_KEY_RE.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _toml_string(text: str, single: bool) -> str:
    if single and "'" not in text and not re.search(r"[\x00-\x08\x0a-\x1f\x7f]", text):
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _yaml(tree: dict, indent: str) -> str:
    rows = []
    for key, value in tree.items():
        name = key if _plain_ok(key) else _yaml_double(key)
        if isinstance(value, str):
            rows.append(f"{indent}{name}: {_yaml_string(value)}\n")
        else:
            rows.append(f"{indent}{name}:\n" + _yaml(value, indent + "  "))
    return "".join(rows)


def _yaml_string(text: str) -> str:
    return text if _plain_ok(text) else _yaml_double(text)
