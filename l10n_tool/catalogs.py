"""Project-level catalog work: update every locale from the templates, compile .mo files."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from l10n_tool import po
from l10n_tool.errors import MissingTemplate
from l10n_tool.files import exclusive_lock
from l10n_tool.po.decode import MislabelledCharset

if TYPE_CHECKING:  # plain-file update and compile need no project (nor YAML)
    from l10n_tool.config import Project

LOCK_NAME = ".l10n.lock"


@dataclass
class UpdateResult:
    """Catalog paths that were (or with --check would be) rewritten, and those left alone."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list = field(default_factory=list)  # what the catalogs read say (a mislabelled charset)


def catalog_lock(folder: Path):
    """An exclusive lock so that two updates at once cannot interleave their writes."""
    return exclusive_lock(folder / LOCK_NAME)


def update_catalog(po_path: Path, template: po.Catalog, *, locale: str | None, fuzzy: bool,
                   output: Path | None = None, check: bool = False, display: str | None = None,
                   warnings: list | None = None, seed: Callable[[po.Catalog], None] | None = None) -> bool:
    """Merge *template* into the catalog at *po_path* (created if missing); True if it changed.
    A mislabelled charset in the old catalog goes to *warnings*; *seed* may then fill in
    untranslated messages of the merged catalog."""
    old = po.read_po(po_path, display_path=display or str(po_path)) if po_path.is_file() else None
    if old is not None and warnings is not None:
        warnings.extend(w for w in old.warnings if isinstance(w, MislabelledCharset))
    merged = po.merge(old, template, locale=locale, fuzzy=fuzzy)
    if seed is not None:
        seed(merged)
    target = output or po_path
    # in place, a change of POT-Creation-Date alone leaves the file alone (msgmerge -U)
    same = old is not None and (output is None or _same_file(output, po_path))
    ignore = ("POT-Creation-Date",) if same else ()
    if check:
        return not target.is_file() or (target.read_bytes() != po.format_po(merged)
                                        and not po.only_fields_differ(merged, target, ignore))
    return po.write_po(merged, target, ignore_fields=ignore)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def update_project(project: Project, *, locales: Iterable[str] | None = None,
                   domains: Iterable[str] | None = None, fuzzy: bool = True,
                   check: bool = False, progress: Callable[[str], None] | None = None) -> UpdateResult:
    """``msgmerge`` every selected locale's catalog with its domain's template; MissingTemplate
    when a domain has not been extracted yet."""
    from l10n_tool.config import DOMAINS

    from l10n_tool.targets.ui_seed import table_seeder

    result = UpdateResult()
    seeder = table_seeder(project)  # a generator's own tables give ui messages their translations
    with catalog_lock(project.catalogs_dir):
        for domain in domains or DOMAINS:
            template_path = project.template_path(domain)
            if not template_path.is_file():
                raise MissingTemplate(project.relative(template_path), domain)
            template = po.read_po(template_path, display_path=project.relative(template_path))
            for locale in locales or project.locales:
                path = project.catalog_path(locale, domain)
                shown = project.relative(path)
                if progress:
                    progress(shown)
                seed = functools.partial(seeder, locale) if seeder is not None and domain == "ui" else None
                changed = update_catalog(path, template, locale=locale, fuzzy=fuzzy, check=check,
                                         display=shown, warnings=result.warnings, seed=seed)
                (result.changed if changed else result.unchanged).append(shown)
    return result


def compile_catalog(po_path: Path, output: Path | None = None, display: str | None = None) -> bool:
    """Write the .mo beside *po_path* (or at *output*); fuzzy entries are left out."""
    catalog = po.read_po(po_path, display_path=display or str(po_path))
    return po.write_mo(catalog, output or po_path.with_suffix(".mo"))


def compile_project(project: Project, *, locales: Iterable[str] | None = None,
                    domains: Iterable[str] | None = None) -> UpdateResult:
    """Compile every existing catalog of the selected locales and domains."""
    from l10n_tool.config import DOMAINS

    result = UpdateResult()
    for locale in locales or project.locales:
        for domain in domains or DOMAINS:
            path = project.catalog_path(locale, domain)
            if path.is_file():
                shown = project.relative(path)
                changed = compile_catalog(path, display=shown)
                (result.changed if changed else result.unchanged).append(shown)
    return result
