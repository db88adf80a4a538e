"""Project configuration: loads and validates ``l10n.yaml`` and owns every project path."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from l10n_tool import safe_yaml
from l10n_tool.errors import ConfigError, L10nError, ProjectNotFound
from l10n_tool.jinja_options import JINJA_OWN, UNKNOWN_TAG_MODES, JinjaOptions, is_keyword

CONFIG_NAME = "l10n.yaml"
DOMAINS = ("ui", "content")
FALLBACK_MODES = ("block", "page", "none")
_LOCALE_SHAPE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
FRONT_MATTER_TYPES = ("text", "int", "list of text", "date", "any")  # "any": not checked


@dataclass(frozen=True)
class FrontMatterField:
    """What one front matter key must hold (one of ``FRONT_MATTER_TYPES``) and whether every
    article with front matter must give it."""

    type: str
    required: bool = False


# the front matter schema of the example site; ``front_matter:`` in l10n.yaml overrides it key by key
DEFAULT_FRONT_MATTER: tuple[tuple[str, FrontMatterField], ...] = (
    ("title", FrontMatterField("text", required=True)),
    ("description", FrontMatterField("text")),
    ("author", FrontMatterField("text")),
    ("date", FrontMatterField("date")),
    ("reading_time", FrontMatterField("int")),
    ("image", FrontMatterField("text")),
    ("image_alt", FrontMatterField("text")),
    ("tags", FrontMatterField("list of text")),
    ("rating", FrontMatterField("int")),
    ("rating_count", FrontMatterField("int")),
)


@dataclass(frozen=True)
class PublishPolicy:
    """When a page is published for a locale and what a reader sees where text is missing."""

    threshold: float = 80.0
    fallback: str = "block"


@dataclass(frozen=True)
class Project:
    """A localised site: its folder and validated settings."""

    root: Path
    source_locale: str = "en"
    locales: tuple[str, ...] = ()
    fallbacks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    content: str = "content"
    front_matter_keys: tuple[str, ...] = ("title", "description", "image_alt")
    front_matter: tuple[tuple[str, FrontMatterField], ...] = DEFAULT_FRONT_MATTER  # the schema
    templates: str = "content/templates"
    static: str = "content/static"
    catalogs: str = "locales"
    output: str = "site"
    site_name: str = "Site"
    base_url: str = ""
    publish_threshold: float = 80.0
    fallback: str = "block"
    per_locale: dict[str, dict[str, Any]] = field(default_factory=dict)
    disabled_checks: tuple[str, ...] = ()
    sections: dict[str, dict[str, str]] = field(default_factory=dict)  # section -> {"template": name}
    jinja: JinjaOptions = JinjaOptions()

    # -- loading -------------------------------------------------------------------------
    @classmethod
    def load(cls, root: str | Path = ".") -> "Project":
        """Read ``l10n.yaml`` in *root*; raise ConfigError naming the key on any problem, and
        ProjectNotFound when there is no such file."""
        root = Path(root)
        path = root / CONFIG_NAME
        if not path.is_file():
            raise ProjectNotFound(path)
        display = str(path)
        try:
            node, data = safe_yaml.load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else None
            raise ConfigError(display, line, f"invalid YAML: {getattr(exc, 'problem', exc)}") from None
        except UnicodeDecodeError as exc:
            raise ConfigError(display, None, f"not UTF-8: {exc.reason}") from None
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ConfigError(display, 1, "expected a mapping of settings")
        project = _parse(root, data, _key_lines(node), display)
        _check_catalog_folders(project)
        return project

    # -- paths ---------------------------------------------------------------------------
    @property
    def all_locales(self) -> tuple[str, ...]:
        """The source locale first, then the target locales."""
        return (self.source_locale, *self.locales)

    def path(self, relative: str) -> Path:
        return self.root / relative

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def templates_dir(self) -> Path:
        return self.root / self.templates

    @property
    def static_dir(self) -> Path:
        return self.root / self.static

    @property
    def catalogs_dir(self) -> Path:
        return self.root / self.catalogs

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    def inside_content(self) -> frozenset[str]:
        """The project's other folders (templates, static, catalogs, output) that lie inside the
        content folder, as paths below it: no pages are looked for there."""
        content = self.content_dir.resolve()
        inside = set()
        for folder in (self.templates_dir, self.static_dir, self.catalogs_dir, self.output_dir):
            try:
                inside.add(folder.resolve().relative_to(content).as_posix())
            except ValueError:
                continue
        return frozenset(inside - {"."})

    def template_path(self, domain: str) -> Path:
        return self.catalogs_dir / "templates" / f"{domain}.pot"

    def catalog_path(self, locale: str, domain: str) -> Path:
        """``locales/pt_BR/LC_MESSAGES/ui.po``: the folder as gettext spells the locale."""
        return self.catalogs_dir / catalog_folder(canonical_locale(locale)) / "LC_MESSAGES" / f"{domain}.po"

    def relative(self, path: Path) -> str:
        """A project-relative POSIX path for messages and references."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    # -- policy --------------------------------------------------------------------------
    def policy(self, locale: str) -> PublishPolicy:
        override = self.per_locale.get(spell_locale(locale), {})
        return PublishPolicy(
            threshold=float(override.get("publish_threshold", self.publish_threshold)),
            fallback=override.get("fallback", self.fallback),
        )

    def fallback_chain(self, locale: str) -> tuple[str, ...]:
        """Locales to try for *locale*, most specific first, always ending with the source."""
        locale = spell_locale(locale)
        chain = [locale, *self.fallbacks.get(locale, ())]
        if locale != self.source_locale:
            language = locale.replace("-", "_").split("_")[0]
            if language != locale and language in self.all_locales and language not in chain:
                chain.append(language)
        if self.source_locale not in chain:
            chain.append(self.source_locale)
        return tuple(dict.fromkeys(chain))


def validate_locale(code: Any, *, where: str = "locale") -> str:
    """Return *code* if it is a locale Babel knows, else raise L10nError (no path tricks)."""
    if not isinstance(code, str) or not _LOCALE_SHAPE.match(code):
        raise L10nError(f"{where}: {code!r} is not a locale code")
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise L10nError(f"{where}: unknown locale {code!r}") from None
    return code


def canonical_locale(code: Any, *, where: str = "locale") -> str:
    """The one spelling of a valid locale code the project uses, BCP 47 (``pt_br`` -> ``pt-BR``):
    in URLs, ``lang`` and reports. Raises L10nError as ``validate_locale`` does."""
    return spell_locale(validate_locale(code, where=where))


@functools.lru_cache(maxsize=None)
def spell_locale(code: str) -> str:
    """*code* (checked or not) in BCP 47 spelling: subtags joined by ``-``, the language in lower
    case, a script in title case (``Hant``), a region in upper case (``BR``, ``419``), variants
    in lower case."""
    first, *rest = re.split(r"[-_]", code)
    parts = [first.lower()]
    for part in rest:
        if len(part) == 4 and part.isalpha():
            parts.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            parts.append(part.upper())
        else:
            parts.append(part.lower())
    return "-".join(parts)


def catalog_folder(locale: str) -> str:
    """The catalog folder of a canonical locale, as gettext spells it: ``pt-BR`` -> ``pt_BR``."""
    return locale.replace("-", "_")


_KNOWN_KEYS = {
    "source_locale", "locales", "fallbacks", "content", "front_matter_keys", "templates",
    "static", "catalogs", "output", "site_name", "base_url", "publish_threshold", "fallback",
    "per_locale", "checks", "sections", "jinja", "front_matter",
}
_PER_LOCALE_KEYS = {"publish_threshold", "fallback"}


def _key_lines(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    """Line of each key, nested ones as ``front_matter.title.type``, for error messages."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[prefix + key.value] = key.start_mark.line + 1
                lines.update(_key_lines(value, f"{prefix}{key.value}."))
    return lines


class _Settings:
    """The values of ``l10n.yaml`` read one by one, each checked; an error names the key and line."""

    def __init__(self, data: dict, lines: dict[str, int], display: str):
        self.data, self.lines, self.display = data, lines, display

    def fail(self, key: str, message: str) -> ConfigError:
        return ConfigError(self.display, self.line_of(key), f"{key}: {message}")

    def line_of(self, key: str) -> int | None:
        """The line of *key*, else of the nearest enclosing key that has one."""
        parts = re.split(r"[.\[]", key)
        for end in range(len(parts), 0, -1):
            line = self.lines.get(".".join(parts[:end]))
            if line is not None:
                return line
        return None

    def text(self, key: str, default: str) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected a non-empty string, got {value!r}")
        return value

    def locale(self, key: str, value: Any) -> str:
        """The canonical spelling of a locale code (``canonical_locale``)."""
        try:
            return canonical_locale(value, where=key)
        except L10nError as exc:
            raise ConfigError(self.display, self.line_of(key), str(exc)) from None

    def locale_keys(self, key: str, message: str) -> dict[str, Any]:
        """A mapping keyed by locale, its keys in canonical spelling; two spellings of one
        locale are an error naming the second."""
        found: dict[str, tuple[str, Any]] = {}
        for code, value in self.mapping(key, message).items():
            name = self.locale(f"{key}.{code}", code)
            if name in found:
                raise self.fail(f"{key}.{code}", f"the same locale as {key}.{found[name][0]} ({name})")
            found[name] = (code, value)
        return {name: (code, value) for name, (code, value) in found.items()}

    def threshold(self, key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise self.fail(key, f"expected a percentage from 0 to 100, got {value!r}")
        return float(value)

    def mode(self, key: str, value: Any) -> str:
        if value not in FALLBACK_MODES:
            raise self.fail(key, f"expected one of {', '.join(FALLBACK_MODES)}, got {value!r}")
        return value

    def string_list(self, key: str, default: list[str]) -> tuple[str, ...]:
        value = self.data.get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"expected a list of strings, got {value!r}")
        return tuple(value)

    def mapping(self, key: str, message: str) -> dict:
        value = self.data.get(key, {}) or {}
        if not isinstance(value, dict):
            raise self.fail(key, message)
        return value


def _parse(root: Path, data: dict, lines: dict[str, int], display: str) -> Project:
    settings = _Settings(data, lines, display)
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise settings.fail(unknown[0], f"unknown setting (known: {', '.join(sorted(_KNOWN_KEYS))})")
    source, locales = _locales(settings)
    fallbacks, per_locale, disabled = _fallbacks(settings, locales), _per_locale(settings), _disabled_checks(settings)
    base_url = data.get("base_url", "")
    if not isinstance(base_url, str):
        raise settings.fail("base_url", f"expected a string, got {base_url!r}")
    front_matter_keys = settings.string_list("front_matter_keys", ["title", "description", "image_alt"])
    return Project(
        root=root,
        source_locale=source,
        locales=locales,
        fallbacks=fallbacks,
        content=settings.text("content", "content"),
        front_matter_keys=front_matter_keys,
        front_matter=_front_matter(settings, front_matter_keys),
        templates=settings.text("templates", "content/templates"),
        static=settings.text("static", "content/static"),
        catalogs=settings.text("catalogs", "locales"),
        output=settings.text("output", "site"),
        site_name=settings.text("site_name", "Site"),
        base_url=base_url.rstrip("/"),
        publish_threshold=settings.threshold("publish_threshold", data.get("publish_threshold", 80)),
        fallback=settings.mode("fallback", data.get("fallback", "block")),
        per_locale=per_locale,
        disabled_checks=disabled,
        sections=_sections(settings),
        jinja=_jinja(settings),
    )


def _locales(settings: _Settings) -> tuple[str, tuple[str, ...]]:
    """The source locale and the target locales."""
    source = settings.locale("source_locale", settings.data.get("source_locale", "en"))
    raw = settings.data.get("locales", [])
    if not isinstance(raw, list):
        raise settings.fail("locales", f"expected a list of locale codes, got {raw!r}")
    locales = tuple(settings.locale(f"locales[{i}]", code) for i, code in enumerate(raw))
    if source in locales:
        raise settings.fail("locales", f"the source locale {source!r} is not a target locale")
    for i, locale in enumerate(locales):
        first = locales.index(locale)
        if first != i:
            spelled = "" if raw[first] == raw[i] else f" ({raw[i]!r} is {raw[first]!r} spelled another way)"
            raise settings.fail(f"locales[{i}]", f"{locale} is listed twice, as locales[{first}] too{spelled}")
    return source, locales


def _fallbacks(settings: _Settings, locales: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    fallbacks: dict[str, tuple[str, ...]] = {}
    for name, (key, chain) in settings.locale_keys("fallbacks", "expected a mapping of locale to a list of locales").items():
        if name not in locales:
            raise settings.fail(f"fallbacks.{key}", "not one of the project's locales")
        if not isinstance(chain, list):
            raise settings.fail(f"fallbacks.{key}", f"expected a list of locales, got {chain!r}")
        fallbacks[name] = tuple(settings.locale(f"fallbacks.{key}", c) for c in chain)
    return fallbacks


def _per_locale(settings: _Settings) -> dict[str, dict[str, Any]]:
    per_locale: dict[str, dict[str, Any]] = {}
    for name, (key, values) in settings.locale_keys("per_locale", "expected a mapping of locale to settings").items():
        if not isinstance(values, dict):
            raise settings.fail(f"per_locale.{key}", "expected a mapping of settings")
        extra = sorted(set(values) - _PER_LOCALE_KEYS)
        if extra:
            raise settings.fail(f"per_locale.{key}.{extra[0]}", "unknown setting")
        checked: dict[str, Any] = {}
        if "publish_threshold" in values:
            checked["publish_threshold"] = settings.threshold(
                f"per_locale.{key}.publish_threshold", values["publish_threshold"])
        if "fallback" in values:
            checked["fallback"] = settings.mode(f"per_locale.{key}.fallback", values["fallback"])
        per_locale[name] = checked
    return per_locale


def _check_catalog_folders(project: Project) -> None:
    """A catalog folder spelled another way than gettext's (``locales/pt-BR/``, say, from an
    older version) would be a second folder of its locale: an error that says what to rename."""
    try:
        entries = [entry for entry in os.scandir(project.catalogs_dir) if entry.is_dir()]
    except OSError:
        return
    for entry in entries:
        if not _LOCALE_SHAPE.match(entry.name) or spell_locale(entry.name) not in project.locales:
            continue
        locale = spell_locale(entry.name)
        expected = project.catalogs_dir / catalog_folder(locale)
        if entry.name == expected.name:
            continue
        shown = f"{project.relative(expected)}/"
        if not expected.is_dir():
            todo = "rename the folder"
        elif os.path.samefile(entry.path, expected):
            continue  # one folder on a file system that ignores case
        else:
            todo = f"{shown} exists too: move what this folder still holds there and remove it"
        raise L10nError(f"{project.relative(Path(entry.path))}/: the catalogs of {locale} belong in {shown} "
                        f"(gettext's spelling); {todo}")


def _disabled_checks(settings: _Settings) -> tuple[str, ...]:
    checks = settings.data.get("checks", {}) or {}
    if not isinstance(checks, dict) or set(checks) - {"disable"}:
        raise settings.fail("checks", "expected a mapping with the key 'disable'")
    disabled = checks.get("disable", []) or []
    if not isinstance(disabled, list) or not all(isinstance(c, str) for c in disabled):
        raise settings.fail("checks.disable", "expected a list of check ids")
    return tuple(disabled)


def _sections(settings: _Settings) -> dict[str, dict[str, str]]:
    """Per-section settings: the template of the section's pages (``sections: {posts: {template: post.html}}``)."""
    sections: dict[str, dict[str, str]] = {}
    for name, values in settings.mapping("sections", "expected a mapping of section folder to settings").items():
        key = f"sections.{name}"
        if not isinstance(name, str) or not name or "/" in name or name.startswith("."):
            raise settings.fail(key, "expected the name of a top folder of the content")
        if not isinstance(values, dict) or set(values) - {"template"}:
            raise settings.fail(key, "expected a mapping with the key 'template'")
        template = values.get("template")
        if template is not None and (not isinstance(template, str) or not template.strip() or ".." in template):
            raise settings.fail(f"{key}.template", f"expected a template file name, got {template!r}")
        sections[name] = {"template": template} if template else {}
    return sections


_EXTENSION_PATH = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*([.:][A-Za-z_]\w*)$")


def _jinja(settings: _Settings) -> JinjaOptions:
    """The ``jinja:`` section: how templates are read (see ``JinjaOptions``)."""
    values = settings.mapping("jinja", "expected a mapping of template settings")
    defaults = JinjaOptions()
    extra = sorted(set(values) - set(JinjaOptions.__dataclass_fields__))
    if extra:
        raise settings.fail(f"jinja.{extra[0]}", f"unknown setting (known: "
                            f"{', '.join(JinjaOptions.__dataclass_fields__)})")

    def strings(key: str, check) -> tuple[str, ...]:
        value = values.get(key, list(getattr(defaults, key)))
        if not isinstance(value, list):
            raise settings.fail(f"jinja.{key}", f"expected a list of strings, got {value!r}")
        for index, item in enumerate(value):
            problem = check(item) if isinstance(item, str) else "expected a string" + (
                ' (quote one with commas: "ngettext:1,2")' if key == "keywords" else "")
            if problem:
                raise settings.fail(f"jinja.{key}[{index}]", f"{problem}, got {item!r}")
        return tuple(value)

    def flag(key: str) -> bool:
        value = values.get(key, getattr(defaults, key))
        if not isinstance(value, bool):
            raise settings.fail(f"jinja.{key}", f"expected true or false, got {value!r}")
        return value

    unknown_tags = values.get("unknown_tags", defaults.unknown_tags)
    if unknown_tags not in UNKNOWN_TAG_MODES:
        raise settings.fail("jinja.unknown_tags", f"expected one of {', '.join(UNKNOWN_TAG_MODES)}, "
                            f"got {unknown_tags!r}")
    return JinjaOptions(
        extensions=strings("extensions", lambda item: None if item in JINJA_OWN or _EXTENSION_PATH.match(item)
                           else f"expected an import path (package.module.Class) or one of "
                                f"{', '.join(JINJA_OWN)}"),
        keywords=strings("keywords", lambda item: None if is_keyword(item)
                         else "expected a function name, or name:ARGS as xgettext -k takes them (ngettext:1,2)"),
        comment_tags=strings("comment_tags", lambda item: None if item.strip() and not item.split()[1:]
                             else "expected one word (the comment's first)"),
        suffixes=strings("suffixes", lambda item: None if re.fullmatch(r"\.[^./\\\s]+", item)
                         else "expected a file suffix such as .html"),
        trimmed=flag("trimmed"),
        newstyle=flag("newstyle"),
        unknown_tags=unknown_tags,
    )


def _front_matter(settings: _Settings, translatable: tuple[str, ...]) -> tuple[tuple[str, FrontMatterField], ...]:
    """The front matter schema: ``DEFAULT_FRONT_MATTER`` with the keys ``front_matter:`` declares
    replaced or added, each ``key: TYPE`` or ``key: {type: TYPE, required: true}``."""
    schema = {key: FrontMatterField("text", rule.required) if key in translatable else rule
              for key, rule in DEFAULT_FRONT_MATTER}  # a translated key holds text
    types = ", ".join(FRONT_MATTER_TYPES)
    declared = settings.mapping("front_matter", f"expected a mapping of front matter keys to types ({types})")
    for key, value in declared.items():
        where = f"front_matter.{key}"
        if not isinstance(key, str):
            raise settings.fail(where, "expected a key name")
        if isinstance(value, str):
            value = {"type": value}
        if not isinstance(value, dict):
            raise settings.fail(where, f"expected a type ({types}) or {{type: ..., required: ...}}, got {value!r}")
        extra = sorted(set(value) - {"type", "required"}, key=str)
        if extra:
            raise settings.fail(f"{where}.{extra[0]}", "unknown setting (known: required, type)")
        kind, required = value.get("type", "any"), value.get("required", False)
        if kind not in FRONT_MATTER_TYPES:
            raise settings.fail(f"{where}.type", f"expected one of {types}, got {kind!r}")
        if not isinstance(required, bool):
            raise settings.fail(f"{where}.required", f"expected true or false, got {required!r}")
        if key in translatable and kind != "text":
            raise settings.fail(f"{where}.type", f"{key!r} is translatable (front_matter_keys): it must be text")
        schema[key] = FrontMatterField(kind, required)
    return tuple(schema.items())
