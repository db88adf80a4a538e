"""The library in one function per command: what ``l10n <command>`` does, without printing.

Each function takes a :class:`~l10n_tool.config.Project` (from ``Project.load(folder)``) or,
where the command also works on plain files, a path or a list of paths; it returns the
library's result object (the one the command prints) and raises an
:class:`~l10n_tool.errors.L10nError` on bad input (a ``SourceError`` names file and line).
Nothing here prints or exits; the ``l10n`` command is these calls plus option parsing and
output. Every import happens inside the function, so that importing this module is free.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing this module must stay free
    from typing import Callable, Iterable, Sequence, Union

    from l10n_tool.audit import AuditReport
    from l10n_tool.build import BuildResult
    from l10n_tool.catalogs import UpdateResult
    from l10n_tool.checks import CheckReport
    from l10n_tool.config import Project
    from l10n_tool.extract import ExtractResult
    from l10n_tool.status import StatusReport
    from l10n_tool.targets import TargetResult

    PathArg = Union[str, os.PathLike[str]]
    Progress = Callable[[str], None]

__all__ = ["extract", "update", "compile", "status", "check", "build", "audit"]


def _paths(target) -> list[Path] | None:
    """*target* as a list of paths when it is a path or a list of them; None for a Project."""
    if isinstance(target, (str, os.PathLike)):
        return [Path(target)]
    if isinstance(target, (list, tuple)):
        return [Path(path) for path in target]
    return None


def _project_only(what: str, **options) -> None:
    given = sorted(name for name, value in options.items() if value)
    if given:
        raise TypeError(f"{what} on plain files takes no {', '.join(given)} (those need a Project)")


def extract(project: Project, *, check: bool = False, progress: Progress | None = None) -> ExtractResult:
    """Extract UI strings (templates) and article text into the project's ``ui.pot`` and
    ``content.pot``; with *check*, write nothing and report which template would change.
    *progress* is called with each file read."""
    from l10n_tool.extract import extract as extract_project

    return extract_project(project, check=check, progress=progress)


def update(target: Project | PathArg, *, template: PathArg | None = None, output: PathArg | None = None,
           locales: Iterable[str] | None = None, domains: Iterable[str] | None = None,
           fuzzy: bool = True, check: bool = False, progress: Progress | None = None) -> UpdateResult:
    """Merge templates into catalogs like ``msgmerge``: every selected locale and domain of a
    project, or one PO file (created if missing) with *template* (written to *output*, default
    in place). With *check*, write nothing; ``changed`` then lists what would change."""
    from l10n_tool.catalogs import UpdateResult, update_catalog, update_project

    paths = _paths(target)
    if paths is None:
        if template is not None or output is not None:
            raise TypeError("update: template and output are for a single PO file, not a Project")
        return update_project(target, locales=locales, domains=domains, fuzzy=fuzzy, check=check,
                              progress=progress)
    _project_only("update", locales=locales, domains=domains, progress=progress)
    if len(paths) != 1 or template is None:
        raise TypeError("update on a plain file takes one PO file and template=FILE.pot")
    from l10n_tool import po

    template_catalog = po.read_po(template, display_path=str(template))
    warnings: list = []
    changed = update_catalog(paths[0], template_catalog, locale=None, fuzzy=fuzzy,
                             output=Path(output) if output is not None else None, check=check, warnings=warnings)
    shown = str(output if output is not None else paths[0])
    return UpdateResult(changed=[shown] if changed else [], unchanged=[] if changed else [shown], warnings=warnings)


def compile(target: Project | PathArg | Sequence[PathArg], *, output: PathArg | None = None,  # noqa: A001
            locales: Iterable[str] | None = None, domains: Iterable[str] | None = None) -> UpdateResult:
    """Compile catalogs to ``.mo`` files beside them (fuzzy entries left out, like ``msgfmt``):
    every existing catalog of a project's selected locales and domains, or the PO files given
    (a single one may go to *output*). The result lists the PO files whose ``.mo`` changed."""
    paths = _paths(target)
    if paths is None:
        from l10n_tool.catalogs import compile_project

        if output is not None:
            raise TypeError("compile: output is for a single PO file, not a Project")
        return compile_project(target, locales=locales, domains=domains)
    _project_only("compile", locales=locales, domains=domains)
    if output is not None and len(paths) != 1:
        raise TypeError("compile: output takes a single PO file")
    from l10n_tool.catalogs import UpdateResult
    from l10n_tool.po import compile_file  # plain files: no project machinery

    result = UpdateResult()
    for path in paths:
        written = compile_file(path, Path(output) if output is not None else path.with_suffix(".mo"), str(path))
        (result.changed if written else result.unchanged).append(str(path))
    return result


def status(target: Project | PathArg | Sequence[PathArg], *, locales: Iterable[str] | None = None,
           domains: Iterable[str] | None = None, pages: bool | None = None,
           list_missing: bool = False) -> StatusReport:
    """What is translated, fuzzy and missing: per locale and domain of a project, and per page
    unless *pages* is False; or per PO file given (no pages). *list_missing* adds every
    untranslated and fuzzy message with its references."""
    from l10n_tool.status import collect_status, status_of_files

    paths = _paths(target)
    if paths is None:
        return collect_status(target, locales=locales, domains=domains, pages=pages is not False,
                              list_missing=list_missing)
    _project_only("status", locales=locales, domains=domains, pages=pages)
    return status_of_files(paths, list_missing=list_missing)


def check(target: Project | PathArg | Sequence[PathArg], *, locales: Iterable[str] | None = None,
          domains: Iterable[str] | None = None, disabled: Iterable[str] = ()) -> CheckReport:
    """Run the translation checks on a project's catalogs (its ``checks.disable`` applies) or
    on the PO files given, leaving out the check ids in *disabled*."""
    from l10n_tool.checks import check_files, check_project

    paths = _paths(target)
    if paths is None:
        return check_project(target, locales=locales, domains=domains, disabled=disabled)
    _project_only("check", locales=locales, domains=domains)
    return check_files(paths, disabled=disabled)


def build(project: Project, *, clean: bool = False, progress: Progress | None = None,
          jobs: int | None = None, extra: dict[str, bytes] | None = None) -> BuildResult | TargetResult:
    """Assemble the localised site in the project's output folder; only pages whose inputs
    changed are rendered again unless *clean*; *jobs* processes (default: all cores); *extra*
    files (path -> bytes) go into the site too, switched in with it. With a generator
    ``target`` (hugo, mkdocs, jekyll, docusaurus) it writes the translated content tree that
    generator reads instead, and returns a ``targets.TargetResult``."""
    if project.target != "site":
        from l10n_tool.targets import write_target

        return write_target(project, progress=progress)
    from l10n_tool.build import build_site

    return build_site(project, clean=clean, progress=progress, jobs=jobs, extra=extra)


def audit(target: Project | PathArg | Sequence[PathArg], *,
          languages: Sequence[str] | None = None) -> AuditReport:
    """Check built HTML pages: is every block in the language it declares? A project's output
    folder, or the files and folders given. Candidate languages: *languages*, else the locales
    of the project (*target*, or the one whose output folder holds the first path given),
    else the languages the pages declare: never anything that depends on the current folder."""
    from l10n_tool.audit import audit_paths

    paths = _paths(target)
    if paths is None:
        paths = [target.output_dir]
        owner = target
    else:
        owner = _project_building(paths[0]) if paths else None
    if not languages and owner is not None:
        languages = list(owner.all_locales)
    return audit_paths(paths, languages=list(languages) if languages else None)


def _project_building(path: Path) -> Project | None:
    """The project whose output folder holds *path*: the nearest ``l10n.yaml`` above it that
    says so (None when there is none, or it cannot be read)."""
    from l10n_tool.config import CONFIG_NAME, Project
    from l10n_tool.errors import L10nError

    path = Path(path).resolve()
    for folder in path.parents:
        if (folder / CONFIG_NAME).is_file():
            try:
                project = Project.load(folder)
            except L10nError:
                return None
            output = project.output_dir.resolve()
            return project if output == path or output in path.parents else None
    return None
