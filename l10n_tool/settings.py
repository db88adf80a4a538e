"""``l10n.yaml`` read into a Project: every setting checked, an error naming key and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from l10n_tool.front_matter_schema import FRONT_MATTER_TYPES, FrontMatterField, default_keys, default_schema
from l10n_tool.locale_codes import canonical_locale
from l10n_tool.errors import ConfigError, L10nError
from l10n_tool.jinja_options import JINJA_OWN, UNKNOWN_TAG_MODES, JinjaOptions, is_keyword

FALLBACK_MODES = ("block", "page", "none")  # what a reader sees where a page's text is missing
_KNOWN_KEYS = {
    "source_locale", "locales", "fallbacks", "content", "front_matter_keys", "templates",
    "static", "catalogs", "output", "site_name", "base_url", "publish_threshold", "fallback",
    "per_locale", "checks", "sections", "jinja", "front_matter", "shortcode_parameters", "page_suffixes", "target", "follow_external_symlinks",
}
_PER_LOCALE_KEYS = {"publish_threshold", "fallback"}


def key_lines(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    """Line of each key, nested ones as ``front_matter.title.type``, for error messages."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[prefix + key.value] = key.start_mark.line + 1
                lines.update(key_lines(value, f"{prefix}{key.value}."))
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

    def flag(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}")
        return value

    def mapping(self, key: str, message: str) -> dict:
        value = self.data.get(key, {}) or {}
        if not isinstance(value, dict):
            raise self.fail(key, message)
        return value


def parse_settings(project_class: type, root: Path, data: dict, lines: dict[str, int], display: str):
    """The Project (of *project_class*, ``config.Project``) that *data* (``l10n.yaml`` as read,
    *lines*: each key's line) describes."""
    settings = _Settings(data, lines, display)
    unknown = sorted(set(data) - _KNOWN_KEYS)
    if unknown:
        raise settings.fail(unknown[0], f"unknown setting (known: {', '.join(sorted(_KNOWN_KEYS))})")
    source, locales = _locales(settings)
    fallbacks, per_locale = _fallbacks(settings, locales), _per_locale(settings, locales)
    disabled = _disabled_checks(settings)
    base_url = data.get("base_url", "")
    if not isinstance(base_url, str):
        raise settings.fail("base_url", f"expected a string, got {base_url!r}")
    target = data.get("target", "site")
    front_matter_keys = settings.string_list("front_matter_keys", list(default_keys(target if isinstance(target, str)
                                                                                    else "site")))
    project = project_class(
        root=root,
        source_locale=source,
        locales=locales,
        fallbacks=fallbacks,
        content=settings.text("content", "content"),
        page_suffixes=_page_suffixes(settings),
        front_matter_keys=front_matter_keys,
        front_matter=_front_matter(settings, front_matter_keys, default_schema(target if isinstance(target, str)
                                                                                else "site")),
        shortcode_parameters=_shortcode_parameters(settings),
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
        **_target(settings),
        follow_external_symlinks=settings.flag("follow_external_symlinks", False),
    )
    if project.target == "site":  # a generator target writes into the content tree, not to output
        _check_output(settings, project)
    return project


def _check_output(settings: _Settings, project) -> None:
    """The output folder is the build's alone: not the project folder, not one that holds or
    lies in the templates, static files or catalogs (a build would copy its own files into
    itself, or remove what a person wrote), not the content folder nor one holding it. It may
    lie inside the content folder: no pages are looked for there."""
    out = project.output_dir.resolve()
    if out == project.root.resolve():
        raise settings.fail("output", "the project folder itself: the build needs a folder of its own")
    for key in ("templates", "static", "catalogs"):
        folder = getattr(project, f"{key}_dir").resolve()
        if out == folder or folder in out.parents or out in folder.parents:
            where = "is" if out == folder else "is inside" if folder in out.parents else "holds"
            raise settings.fail("output", f"{project.output!r} {where} the {key} folder "
                                f"({getattr(project, key)!r}): the build needs a folder of its own")
    content = project.content_dir.resolve()
    if out == content or out in content.parents:
        raise settings.fail("output", f"{project.output!r} {'is' if out == content else 'holds'} the content "
                            f"folder ({project.content!r}): the build needs a folder of its own")


def _target(settings: _Settings) -> dict[str, Any]:
    """``target: hugo`` or ``target: {generator: hugo, layout: folder, mark: html}``."""
    from l10n_tool.targets.registry import GENERATORS, MARK_STYLES, TARGETS

    value = settings.data.get("target", "site")
    options = value if isinstance(value, dict) else {"generator": value}
    key = "target.generator" if isinstance(value, dict) else "target"
    extra = sorted(set(options) - {"generator", "layout", "mark"}, key=str)
    if extra:
        raise settings.fail(f"target.{extra[0]}", "unknown setting (known: generator, layout, mark)")
    name = options.get("generator", "site")
    if name not in TARGETS:
        raise settings.fail(key, f"expected one of {', '.join(TARGETS)}, got {name!r}")
    layout, mark = options.get("layout"), options.get("mark")
    if name == "site":
        if layout is not None or mark is not None:
            raise settings.fail("target", "layout and mark are for a generator's target, not site")
        return {}
    layouts = GENERATORS[name].layouts
    if layout is not None and layout not in layouts:
        raise settings.fail("target.layout", f"{name} writes one of {', '.join(layouts)}, got {layout!r}")
    if mark is not None and mark not in MARK_STYLES:
        raise settings.fail("target.mark", f"expected one of {', '.join(MARK_STYLES)}, got {mark!r}")
    return {"target": name, "target_layout": layout or layouts[0], "target_mark": mark}


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


def _per_locale(settings: _Settings, locales: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    per_locale: dict[str, dict[str, Any]] = {}
    for name, (key, values) in settings.locale_keys("per_locale", "expected a mapping of locale to settings").items():
        if name not in locales:
            raise settings.fail(f"per_locale.{key}", f"not one of the project's locales ({', '.join(locales)})")
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


def _disabled_checks(settings: _Settings) -> tuple[str, ...]:
    checks = settings.data.get("checks", {}) or {}
    if not isinstance(checks, dict) or set(checks) - {"disable"}:
        raise settings.fail("checks", "expected a mapping with the key 'disable'")
    disabled = checks.get("disable", []) or []
    if not isinstance(disabled, list) or not all(isinstance(c, str) for c in disabled):
        raise settings.fail("checks.disable", "expected a list of check ids")
    from l10n_tool.checks import ALL_CHECK_IDS

    for index, check in enumerate(disabled):
        if check not in ALL_CHECK_IDS:
            raise settings.fail(f"checks.disable[{index}]", f"no check is called {check!r} "
                                f"(the checks: {', '.join(ALL_CHECK_IDS)})")
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


def _page_suffixes(settings: _Settings) -> tuple[str, ...]:
    """``page_suffixes: [.md, .markdown]``: the endings of the content's page files."""
    suffixes = settings.string_list("page_suffixes", [".md", ".markdown"])
    for index, suffix in enumerate(suffixes):
        if not re.fullmatch(r"\.[^./\\\s]+", suffix):
            raise settings.fail(f"page_suffixes[{index}]", f"expected a file suffix such as .md, got {suffix!r}")
    if not suffixes:
        raise settings.fail("page_suffixes", "expected at least one suffix")
    return suffixes


def _shortcode_parameters(settings: _Settings) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``shortcode_parameters: {figure: [caption, alt]}``: the named string parameters of template
    tags (Hugo shortcodes, Liquid and Jinja tags) that are text to translate."""
    found = []
    for name, parameters in settings.mapping("shortcode_parameters", "expected a mapping of tag names to lists "
                                             "of parameter names").items():
        key = f"shortcode_parameters.{name}"
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][\w.-]*", name):
            raise settings.fail(key, "expected the name of a shortcode or tag (figure, include)")
        if not isinstance(parameters, list) or not all(
                isinstance(item, str) and re.fullmatch(r"[A-Za-z_][\w-]*", item) for item in parameters):
            raise settings.fail(key, f"expected a list of parameter names, got {parameters!r}")
        found.append((name, tuple(parameters)))
    return tuple(sorted(found))


def _front_matter(settings: _Settings, translatable: tuple[str, ...],
                  default: tuple[tuple[str, FrontMatterField], ...]) -> tuple[tuple[str, FrontMatterField], ...]:
    """The front matter schema: *default* (``DEFAULT_FRONT_MATTER`` for our own site) with the keys
    ``front_matter:`` declares replaced or added, each ``key: TYPE`` or ``key: {type: TYPE, required: true}``."""
    schema = {key: FrontMatterField("text", rule.required) if key in translatable else rule
              for key, rule in default}  # a translated key holds text
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
