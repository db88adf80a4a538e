"""Commands that make the site: init, build, serve."""

from __future__ import annotations

import sys

import click

from pathlib import Path

from l10n_tool.errors import L10nError

from .common import echo, load_project, progress_printer, project_option, what_to_type


@click.command()
@project_option
@click.option("--clean", is_flag=True, help="Render every page again, not only those whose inputs changed.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), help="Processes to render with (default: all cores).")
@click.option("--report", "report_name", metavar="NAME",
              help="Also write the status dashboard into the output folder as NAME (e.g. l10n-status.html).")
@click.option("--strict", is_flag=True, help="Warnings fail the build (exit 1), a withdrawn page among them.")
def build(project_dir, clean, jobs, report_name, strict):
    """Assemble the localised site: site/<locale>/<page>/index.html for every locale.

    Pages below the publish threshold are not published for that locale; links lead to
    the source version instead. A page the last build published that falls below its
    threshold is withdrawn: a warning names the messages that lack a translation. Untranslated
    blocks of published pages keep the source text and carry its lang attribute. Only pages
    whose inputs changed are rendered again.

    \b
    Examples:
      l10n build -C mysite && python -m http.server -d mysite/site
      l10n build --strict      # in CI: exit 1 when a page was withdrawn
    """
    from l10n_tool.api import build as run_build

    project = load_project(project_dir)
    if project.target != "site":
        if report_name:
            raise click.BadParameter("the status dashboard goes with our own site, not a generator's target",
                                     param_hint="--report")
        with progress_printer("Reading") as show:
            target = run_build(project, progress=show)
        _print_target(project, target, strict)
        return
    extra = {}
    if report_name:  # made first: it goes into the site with the pages, in one switch
        from l10n_tool.report.html import render_dashboard
        from l10n_tool.status import collect_status

        if "/" in report_name or "\\" in report_name or report_name.startswith("."):
            raise click.BadParameter("a plain file name, written into the output folder", param_hint="--report")
        extra[report_name] = render_dashboard(collect_status(project, list_missing=True)).encode("utf-8")
    with progress_printer("Rendering") as show:
        result = run_build(project, clean=clean, progress=show, jobs=jobs, extra=extra)
    for problem in result.problems:
        echo(f"warning: {problem}", err=True)
    for withdrawal in result.withdrawn:
        echo(f"warning: {project.output}/{withdrawal}", err=True)
    for problem in result.cache_problems:  # best effort, and not the site's: --strict ignores them
        echo(f"warning: {problem}", err=True)
    if report_name:
        echo(f"{project.output}/{report_name}: status dashboard")
    for locale in project.all_locales:
        echo(_publication(locale, result, "published"))
    if result.catalog_delta:
        echo(f"quick build: articles, templates and settings unchanged; {result.rendered} page(s) "
             "using changed translations rendered")
    rebuilt = [path for path in result.written if path.endswith(".html")]
    if 0 < len(rebuilt) <= 10:
        echo("rebuilt: " + ", ".join(rebuilt))
    echo(f"{project.output}/: {len(result.written)} file(s) written, {result.unchanged} unchanged"
         + (f", {len(result.removed)} removed" if result.removed else ""))
    warnings = len(result.problems) + len(result.withdrawn)
    if strict and warnings:
        echo(f"l10n: {warnings} warning(s), which --strict makes a failure", err=True)
        sys.exit(1)

def _publication(locale: str, result, done: str) -> str:
    """``nl: 2 page(s) <done>, 2 not published (a, b)``: a build's pages of one locale."""
    published, skipped = result.published.get(locale, []), result.skipped.get(locale, [])
    line = f"{locale}: {len(published)} page(s) {done}"
    if skipped:
        names = ", ".join(skipped[:3]) + (f" and {len(skipped) - 3} more" if len(skipped) > 3 else "")
        line += f", {len(skipped)} not published ({names})"
    return line


SHOWN_FALLBACKS = 10  # unmarked fallback blocks a target build lists per locale


def _print_target(project, result, strict: bool) -> None:
    """What a generator target's build wrote, and which blocks of written pages fell back."""
    for problem in result.problems:
        echo(f"warning: {problem}", err=True)
    for locale in project.locales:
        line = _publication(locale, result, f"written for {result.target}")
        fallbacks = result.fallbacks.get(locale, [])
        if fallbacks:
            marked = sum(fallback.marked for fallback in fallbacks)
            line += f"; {len(fallbacks)} block(s) in another language, {marked} marked with lang"
        echo(line)
        unmarked = [fallback for fallback in fallbacks if not fallback.marked]
        for fallback in unmarked[:SHOWN_FALLBACKS]:
            echo(f"  {fallback.where}: {fallback.lang}, not marked"
                 + (f" ({fallback.reason})" if fallback.reason else ""))
        if len(unmarked) > SHOWN_FALLBACKS:
            echo(f"  and {len(unmarked) - SHOWN_FALLBACKS} more not marked")
    echo(f"{len(result.written)} file(s) written, {result.unchanged} unchanged"
         + (f", {len(result.removed)} removed" if result.removed else ""))
    if strict and result.problems:
        echo(f"l10n: {len(result.problems)} warning(s), which --strict makes a failure", err=True)
        sys.exit(1)


@click.command()
@project_option
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")
def serve(project_dir, port):
    """Serve the built site on 127.0.0.1 and rebuild it when sources change.

    Watches l10n.yaml, articles, templates, static files and catalogs; open pages reload
    after each rebuild. Ctrl-C stops the server.

    \b
    Example:
      l10n serve --port 8000
    """
    from l10n_tool.build import build_site
    from l10n_tool.serve import serve as run_server

    project = load_project(project_dir)
    if project.target != "site":
        raise click.UsageError(f"l10n.yaml: target: {project.target}: serve the site {project.target} builds "
                               "(l10n build writes its translated content)")
    build_site(project)

    def rebuild():
        try:
            fresh = load_project(project_dir)
            result = build_site(fresh)
            echo(f"rebuilt: {len(result.written)} file(s) written", err=True)
            return fresh
        except L10nError as exc:  # keep serving the last good build
            echo(f"{exc}{what_to_type(exc)}", err=True)
            return project

    run_server(project, port, rebuild, lambda line: echo(line, err=True))


@click.command()
@click.argument("folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--locale", "locales", multiple=True, metavar="LOCALE",
              help="A target locale (repeatable; default: fr, es and ar).")
def init(folder, locales):
    """Start a project: configuration, templates, a post and a page, ready to build.

    Never overwrites a file: run it again, or over a project you have, and it writes only
    what is missing. Then it extracts the messages and makes each locale's catalogs.

    \b
    Examples:
      l10n init my-site --locale nl --locale de
      cd my-site && l10n build && l10n serve
    """
    from l10n_tool.api import extract, update
    from l10n_tool.init import DEFAULT_LOCALES, init_project

    result = init_project(folder, tuple(locales) or DEFAULT_LOCALES)
    for name in result.written:
        echo(f"wrote {name}")
    if result.kept:
        echo(f"kept {len(result.kept)} file(s) that exist already: {', '.join(result.kept)}")
    project = load_project(folder)
    extracted = extract(project)
    updated = update(project)
    made = [str(path) for domain, path in extracted.paths.items() if extracted.changed[domain]] + updated.changed
    for name in made:
        echo(f"wrote {name}")
    if not result.written and not made:
        echo("nothing to do: every file is there")
    echo("next: l10n build (in the project folder), then translate locales/<locale>/LC_MESSAGES/*.po")
