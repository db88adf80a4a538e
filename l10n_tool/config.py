"""Project configuration: the Project (every path, the publish policy, fallback chains) and what
a locale code is. Reading ``l10n.yaml`` into it, each value checked, is ``settings.py``."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

from l10n_tool import safe_yaml
from l10n_tool.errors import ConfigError, L10nError, ProjectNotFound, SourceError
from l10n_tool.jinja_options import JinjaOptions
# front matter types and defaults, and locale codes, are modules of their own (re-exported here)
from l10n_tool.front_matter_schema import (DEFAULT_FRONT_MATTER, DEFAULT_KEYS, FRONT_MATTER_TYPES,  # noqa: F401
                                           FrontMatterField, default_keys, default_schema)
from l10n_tool.locale_codes import canonical_locale, catalog_folder, spell_locale, validate_locale  # noqa: F401

CONFIG_NAME = "l10n.yaml"
DOMAINS = ("ui", "content")
_LOCALE_SHAPE = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
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
    page_suffixes: tuple[str, ...] = (".md", ".markdown")  # what a page's file name ends with
    front_matter_keys: tuple[str, ...] = ("title", "description", "image_alt")
    front_matter: tuple[tuple[str, FrontMatterField], ...] = DEFAULT_FRONT_MATTER  # the schema
    shortcode_parameters: tuple[tuple[str, tuple[str, ...]], ...] = ()  # template tag -> its text parameters
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
    target: str = "site"  # who builds the site: our builder, or a generator we write a content tree for
    target_layout: str = ""  # the generator's layout (``targets.registry``); "" for its default
    target_mark: str | None = None  # how fallback blocks are marked: attributes, html, none; None: default
    follow_external_symlinks: bool = False  # publish what a symlink to outside the project holds

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
        from l10n_tool.settings import key_lines, parse_settings

        project = parse_settings(cls, root, data, key_lines(node), display)
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
        """The project's other folders (templates, static, catalogs, output; with a generator
        target only catalogs) that lie inside the content folder, as paths below it: no pages
        are looked for there."""
        content = self.content_dir.resolve()
        inside = set()
        own = (self.templates_dir, self.static_dir, self.output_dir) if self.target == "site" else ()
        for folder in (*own, self.catalogs_dir):  # a generator target has no templates, static or output of ours
            try:
                inside.add(folder.resolve().relative_to(content).as_posix())
            except ValueError:
                continue
        return frozenset(inside - {"."})

    def is_target_output(self, name: str) -> bool:
        """Whether *name* (a path below the content folder) is where ``target`` writes a
        translation: never a source article, never looked into for one."""
        if self.target == "site":
            return False
        from l10n_tool.targets.registry import GENERATORS

        generator = GENERATORS[self.target]
        return generator.is_output(name, self.locales, self.target_layout or generator.layouts[0])

    def refuse_external_link(self, path: Path) -> None:
        """A SourceError when *path* (a symlink in the content or static folder) leads outside
        the project folder: a link to ``/etc/passwd`` would be published. The setting
        ``follow_external_symlinks: true`` allows it."""
        if self.follow_external_symlinks:
            return
        target = path.resolve()
        root = self.root.resolve()
        if target != root and root not in target.parents:
            shown = Path(os.path.relpath(path, self.root)).as_posix()
            raise SourceError(shown, None, f"a symlink to {target}, outside the project: not read or published "
                              "(follow_external_symlinks: true in l10n.yaml allows it)")

    def template_path(self, domain: str) -> Path:
        return self.catalogs_dir / "templates" / f"{domain}.pot"

    def catalog_path(self, locale: str, domain: str) -> Path:
        """``locales/pt_BR/LC_MESSAGES/ui.po``: the folder as gettext spells the locale."""
        return self.catalogs_dir / catalog_folder(canonical_locale(locale)) / "LC_MESSAGES" / f"{domain}.po"

    def existing_catalogs(self, locales: Iterable[str] | None = None,
                          domains: Iterable[str] | None = None) -> list[tuple[Path, str]]:
        """The catalogs there are of the selected locales and domains (default: all), as (path,
        project-relative path) pairs in locale, then domain order."""
        found = []
        for locale in locales or self.locales:
            for domain in domains or DOMAINS:
                path = self.catalog_path(locale, domain)
                if path.is_file():
                    found.append((path, self.relative(path)))
        return found

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

    def page_locales(self, page) -> tuple[str, ...]:
        """The locales a page (``model.Page``) exists in: those its front matter's ``locales:``
        names, else every one; a code that is not one of the project's is a SourceError."""
        listed = page.meta.get("locales")
        if not listed:
            return self.all_locales
        wanted = set()
        for code in listed:
            try:
                locale = canonical_locale(code, where="locales")
            except L10nError as exc:
                raise SourceError(page.path, self.front_matter_line(page, "locales"), f"front matter: {exc}") from None
            if locale not in self.all_locales:
                raise SourceError(page.path, self.front_matter_line(page, "locales"), f"front matter key 'locales': "
                                  f"{code!r} is not one of the project's locales ({', '.join(self.all_locales)})")
            wanted.add(locale)
        return tuple(locale for locale in self.all_locales if locale in wanted)

    def front_matter_line(self, page, key: str) -> int | None:
        """The line of front matter *key* in *page*'s file (YAML, TOML or JSON), for an error."""
        try:
            lines = (self.root / page.path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeError):
            return None
        pattern = re.compile(rf'\s*"?{re.escape(key)}"?\s*[:=]')
        return next((number for number, line in enumerate(lines, 1) if pattern.match(line)), None)

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
