"""``build_site``: load the inputs, plan the pages, render them, write them, save the state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from l10n_tool.config import Project
from l10n_tool.cache import CACHE_DIR
from l10n_tool.files import exclusive_lock
from l10n_tool.status import PageStatus

from .changes import quick_inputs
from .inputs import FullInputs
from .output import read_manifest, write_manifest
from .plan import Plan, Withdrawal, plan_pages, publication, withdrawals
from .render import render_pages
from .site import Site
from .versions import NextVersion, identity, recover

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build wrote: counts per locale and which files changed."""

    written: list[str] = field(default_factory=list)
    rendered: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    published: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    cache_problems: list[str] = field(default_factory=list)  # the site is complete; a cache write failed
    withdrawn: list[Withdrawal] = field(default_factory=list)  # published by the last build, not now
    pages: list[PageStatus] = field(default_factory=list)
    catalog_delta: bool = False  # only changed translations were read (changes.py)


def build_site(project: Project, *, clean: bool = False, progress: Progress | None = None,
               jobs: int | None = None, extra: dict[str, bytes] | None = None) -> BuildResult:
    """Build every published page of every locale into the project's output folder.

    Only pages whose inputs changed since the last build are rendered again (their
    fingerprints are kept in the build manifest); *clean* renders everything. When only
    translations changed, only the articles using them are read (``changes.py``). The new
    version of the output folder is made beside it and switched with it in one step once
    every page rendered (``versions.py``): files whose bytes did not change are kept as links,
    files of earlier builds that this one no longer produces are left out. Two builds of a
    project wait for each other (their pages and build state would mix). *extra*: files to
    add to this version (path in the output -> bytes), as the status dashboard of
    ``build --report``; the last build's extra files are not kept unless given again.
    """
    with exclusive_lock(project.root / CACHE_DIR / "build.lock"):
        recover(project)  # a build killed in the middle of a switch without an atomic exchange
        manifest = read_manifest(project)
        previous = dict(manifest.get("files", {}))
        inputs = None if clean else quick_inputs(project, previous)
        if inputs is None:
            inputs = FullInputs(project, jobs)
        site = inputs.site
        plan = plan_pages(site, inputs.complete, previous, clean=clean)
        extra = dict(extra or {})
        for name in manifest.get("extra", []):
            plan.files.pop(name, None)
        plan.files.update(dict.fromkeys(extra, ""))
        result = BuildResult(pages=site.statuses, catalog_delta=not inputs.complete)
        result.published, result.skipped = publication(site, inputs.slugs)
        result.withdrawn = withdrawals(site, previous)
        with inputs.recording() as notes:
            version = NextVersion(project, walk=clean)
            _write_site(site, plan, result, version, jobs=jobs, progress=progress)
            for name, data in sorted(extra.items()):
                if version.write(name, data):
                    result.written.append(name)
            result.removed = sorted(set(previous) - set(plan.files))
            ui_texts = ({locale: site.ui_texts(locale) for locale in project.all_locales} if inputs.complete
                        else manifest.get("ui_texts", {}))

            def record(tree: tuple) -> None:
                failed = write_manifest(project, plan.files, ui_texts, tree, sorted(extra))
                if failed:
                    notes.append(failed)

            if not version.publish(plan.files, set(previous) if manifest else None, record) and inputs.complete:
                record(identity(project.output_dir))  # the same version: only its UI texts may be new
        result.cache_problems.extend(notes)
        result.written.sort()  # pages come in the order they were ready
        result.unchanged = len(plan.files) - len(result.written)
        return result


def _write_site(site: Site, plan: Plan, result: BuildResult, version: NextVersion, *, jobs: int | None,
                progress: Progress | None) -> None:
    """Render the planned pages and copy the static files into the next version."""
    result.problems.extend(site.problems)
    reported = set(result.problems)
    for path, html, problems in render_pages(site, plan.todo, plan.pages, jobs=jobs, progress=progress):
        if path not in plan.pages:
            result.rendered += 1
        for problem in problems:  # a template's problem comes with every page it makes: once
            if problem not in reported:
                reported.add(problem)
                result.problems.append(problem)
        if version.write(path, html.encode("utf-8")):
            result.written.append(path)
    for path, source in plan.static.items():
        if version.write(path, source.read_bytes()):
            result.written.append(path)
