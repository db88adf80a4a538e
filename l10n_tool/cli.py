"""The ``l10n`` command line: parse options, call the library, print. Nothing else.

Exit codes: 0 ok, 1 findings (a threshold or check failed), 2 usage or input error.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from l10n_tool import __version__
from l10n_tool.errors import (L10nError, MissingCatalog, MissingPageTemplates, MissingTemplate, ProjectNotFound,
                              SourceError, UnknownCheck)

DOMAIN_CHOICE = click.Choice(["ui", "content"])


def what_to_type(exc: L10nError) -> str:
    """The command that helps, for the errors where the library says only what is wrong."""
    if isinstance(exc, ProjectNotFound):
        return " (use -C DIR to point at a project)"
    if isinstance(exc, MissingTemplate):
        return "; run `l10n extract` first"
    if isinstance(exc, MissingCatalog):
        return f"; run `l10n update --locale {exc.locale}` first"
    if isinstance(exc, MissingPageTemplates):
        return " (docs/templates.md says what each template gets; `l10n init` writes a starting set)"
    return ""


class L10nGroup(click.Group):
    """Turns every L10nError into ``message`` on stderr and its exit code, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SourceError as exc:
            click.echo(str(exc), err=True)
            sys.exit(exc.exit_code)
        except L10nError as exc:
            click.echo(f"l10n: {exc}{what_to_type(exc)}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            click.echo(f"{exc.filename or 'l10n'}: {exc.strerror or exc}", err=True)
            sys.exit(2)


def project_option(function):
    return click.option("-C", "--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
                        default=".", show_default=True, help="Project folder holding l10n.yaml.")(function)


def canonical_locales(ctx, param, value):
    """``--locale`` in the project's spelling (``pt_BR`` and ``pt-BR`` are one locale)."""
    if not value:  # plain-file commands load no project code
        return value
    from l10n_tool.config import canonical_locale

    if isinstance(value, str):
        return canonical_locale(value, where="--locale")
    return tuple(canonical_locale(code, where="--locale") for code in value)


def locale_option(function):
    return click.option("--locale", "locales", multiple=True, metavar="LOCALE", callback=canonical_locales,
                        help="Only this locale (repeatable).")(function)


def domain_option(function):
    return click.option("--domain", "domains", multiple=True, type=DOMAIN_CHOICE,
                        help="Only this domain (repeatable).")(function)


def load_project(project_dir: Path, locales=(), domains=()):
    from l10n_tool.config import Project

    project = Project.load(project_dir)
    for locale in locales:
        if locale not in project.locales:
            raise L10nError(f"--locale: {locale!r} is not one of the project's locales "
                            f"({', '.join(project.locales)})")
    return project


def console():
    from rich.console import Console

    terminal = sys.stdout.isatty()
    return Console(width=None if terminal else 120, no_color=not terminal, highlight=False)


@contextmanager
def progress_printer(label: str):
    """A callback showing progress on a terminal's stderr (``label item (count)``); None when
    stderr is not a terminal, so logs and CI stay clean."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    count = 0
    with Console(stderr=True).status(label) as status:
        def show(item: str) -> None:
            nonlocal count
            count += 1
            status.update(f"{label} {item} ({count})")

        yield show


@click.group(cls=L10nGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l10n")
def main():
    """Localise a content site with gettext catalogs.

    \b
    Typical round trip:
      l10n extract          # templates + articles -> locales/templates/*.pot
      l10n update           # merge templates into every locale's .po
      l10n status --pages   # what is translated, which pages would be mixed
      l10n build            # assemble site/<locale>/...
    """


@main.command()
@project_option
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a template would change.")
def extract(project_dir, check):
    """Extract UI strings and article text into ui.pot and content.pot.

    \b
    Example:
      l10n extract -C mysite
      l10n extract --check     # pre-commit: fail when the templates are stale
    """
    from l10n_tool.api import extract as run_extract

    project = load_project(project_dir)
    with progress_printer("Reading") as show:
        result = run_extract(project, check=check, progress=show)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    for domain, path in result.paths.items():
        state = ("would change" if check else "written") if result.changed[domain] else "unchanged"
        click.echo(f"{project.relative(path)}: {result.counts[domain]} messages, {state}")
    if check and any(result.changed.values()):
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--template", "template_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With a single FILE: the .pot to merge into it (like msgmerge).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="With a single FILE: write here instead of in place.")
@click.option("--no-fuzzy", is_flag=True, help="Exact matches only, no fuzzy guesses.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a catalog would change.")
@project_option
@locale_option
@domain_option
def update(files, template_file, output, no_fuzzy, check, project_dir, locales, domains):
    """Merge the templates into each locale's catalogs (msgmerge semantics).

    Exact matches keep their translation; near-misses become fuzzy with the previous
    msgid; removed messages become obsolete and come back when they return.

    \b
    Examples:
      l10n update                         # every locale and domain of the project
      l10n update --locale nl --domain content
      l10n update nl.po --template messages.pot -o nl.new.po
    """
    from l10n_tool.api import update as run_update

    if files or template_file or output:
        if len(files) != 1 or template_file is None:
            raise click.UsageError("the single-file form is: l10n update FILE.po --template FILE.pot [-o OUT]")
        changed = bool(run_update(files[0], template=template_file, output=output, fuzzy=not no_fuzzy,
                                  check=check).changed)
        click.echo(f"{output or files[0]}: {'would change' if check and changed else 'updated' if changed else 'unchanged'}")
        if check and changed:
            sys.exit(1)
        return
    project = load_project(project_dir, locales, domains)
    with progress_printer("Merging") as show:
        result = run_update(project, locales=locales or None, domains=domains or None,
                            fuzzy=not no_fuzzy, check=check, progress=show)
    for path in result.changed:
        click.echo(f"{path}: {'would change' if check else 'updated'}")
    for path in result.unchanged:
        click.echo(f"{path}: unchanged")
    if check and result.changed:
        sys.exit(1)


@main.command(name="compile")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="With a single FILE: the .mo path.")
@project_option
@locale_option
@domain_option
def compile_command(files, output, project_dir, locales, domains):
    """Compile catalogs to .mo files beside them (fuzzy entries left out, like msgfmt).

    \b
    Examples:
      l10n compile
      l10n compile locales/nl/LC_MESSAGES/ui.po -o ui.mo
    """
    if files:
        # plain files: the one call api.compile makes for each, without its result record
        # (which lives with the project machinery this path never loads)
        from l10n_tool.po import compile_file

        if output and len(files) != 1:
            raise click.UsageError("-o/--output takes a single FILE")
        for path in files:
            compile_file(path, output or path.with_suffix(".mo"), str(path))
            click.echo(f"{output or path.with_suffix('.mo')}: compiled")
        return
    if output:
        raise click.UsageError("-o/--output takes a single FILE")
    from l10n_tool.api import compile as run_compile

    project = load_project(project_dir, locales, domains)
    result = run_compile(project, locales=locales or None, domains=domains or None)
    for path in result.changed + result.unchanged:
        click.echo(f"{Path(path).with_suffix('.mo').as_posix()}: "
                   f"{'compiled' if path in result.changed else 'unchanged'}")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pages", is_flag=True, help="One row per page and locale with a verdict.")
@click.option("--list-missing", is_flag=True, help="List untranslated and fuzzy messages with file:line.")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "html"]), default="table",
              show_default=True, help="html: a static dashboard (use with -o).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to this file instead of standard output.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="PCT",
              help="Exit 1 when any selected catalog is translated below PCT percent.")
@project_option
@locale_option
@domain_option
def status(files, pages, list_missing, output_format, output, fail_under, project_dir, locales, domains):
    """Show what is translated, fuzzy and missing, per locale, domain and page.

    \b
    Examples:
      l10n status --pages
      l10n status --locale nl --list-missing
      l10n status --format json --fail-under 90     # in CI
      l10n status --format html -o report.html      # dashboard
      l10n status locales/de/LC_MESSAGES/ui.po
    """
    from l10n_tool.api import status as run_status

    if files:
        report = run_status(list(files), list_missing=list_missing)
        pages = False
    else:
        project = load_project(project_dir, locales, domains)
        report = run_status(project, locales=locales or None, domains=domains or None,
                            pages=pages or output_format != "table",
                            list_missing=list_missing or output_format == "html")
    if output_format in ("json", "html"):
        if output_format == "json":
            text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
        else:
            from l10n_tool.report.html import render_dashboard

            text = render_dashboard(report)
        if output:
            from l10n_tool.files import write_atomic

            write_atomic(output, text.encode("utf-8"))
            click.echo(f"{output}: written", err=True)
        else:
            click.echo(text, nl=False)
    else:
        from l10n_tool.report.text import print_status

        print_status(console(), report, pages=pages, missing=list_missing)
    if fail_under is not None:
        below = report.below(fail_under)
        for row in below:
            click.echo(f"{row.path}: {row.percent:.1f}% translated, below {fail_under:g}%", err=True)
        if below:
            sys.exit(1)


@main.command()
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
    with progress_printer("Rendering") as show:
        result = run_build(project, clean=clean, progress=show, jobs=jobs)
    for problem in result.problems:
        click.echo(f"warning: {problem}", err=True)
    for withdrawal in result.withdrawn:
        click.echo(f"warning: {project.output}/{withdrawal}", err=True)
    if report_name:
        from l10n_tool.files import write_atomic
        from l10n_tool.report.html import render_dashboard
        from l10n_tool.status import collect_status

        if "/" in report_name or "\\" in report_name or report_name.startswith("."):
            raise click.BadParameter("a plain file name, written into the output folder", param_hint="--report")
        report = collect_status(project, list_missing=True)
        write_atomic(project.output_dir / report_name, render_dashboard(report).encode("utf-8"), durable=False)
        click.echo(f"{project.output}/{report_name}: status dashboard")
    for locale in project.all_locales:
        published, skipped = result.published.get(locale, []), result.skipped.get(locale, [])
        line = f"{locale}: {len(published)} page(s) published"
        if skipped:
            names = ", ".join(skipped[:3]) + (f" and {len(skipped) - 3} more" if len(skipped) > 3 else "")
            line += f", {len(skipped)} not published ({names})"
        click.echo(line)
    if result.catalog_delta:
        click.echo(f"quick build: articles, templates and settings unchanged; {result.rendered} page(s) "
                   "using changed translations rendered")
    rebuilt = [path for path in result.written if path.endswith(".html")]
    if 0 < len(rebuilt) <= 10:
        click.echo("rebuilt: " + ", ".join(rebuilt))
    click.echo(f"{project.output}/: {len(result.written)} file(s) written, {result.unchanged} unchanged"
               + (f", {len(result.removed)} removed" if result.removed else ""))
    warnings = len(result.problems) + len(result.withdrawn)
    if strict and warnings:
        click.echo(f"l10n: {warnings} warning(s), which --strict makes a failure", err=True)
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--languages", metavar="CODES",
              help="Comma-separated candidate languages (default: the project's locales when "
                   "l10n.yaml is found, else those the pages declare).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@project_option
def audit(paths, languages, output_format, project_dir):
    """Check built HTML pages: is every block in the language it declares?

    Groups visible text by block and widget, identifies each group's language and reports
    text whose language differs from the nearest lang attribute. Exit 1 on findings.

    \b
    Examples:
      l10n audit site/
      l10n audit page.html --languages en,nl --format json
    """
    from l10n_tool.api import audit as run_audit
    from l10n_tool.audit import format_audit_text
    from l10n_tool.config import CONFIG_NAME, validate_locale

    candidates = None
    if languages:
        candidates = [validate_locale(code.strip(), where="--languages") for code in languages.split(",") if code.strip()]
    elif (project_dir / CONFIG_NAME).is_file():
        candidates = list(load_project(project_dir).all_locales)
    report = run_audit(list(paths), languages=candidates)
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_audit_text(report), nl=False)
    if not report.ok:
        sys.exit(1)


@main.command()
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
    build_site(project)

    def rebuild():
        try:
            fresh = load_project(project_dir)
            result = build_site(fresh)
            click.echo(f"rebuilt: {len(result.written)} file(s) written", err=True)
            return fresh
        except L10nError as exc:  # keep serving the last good build
            click.echo(f"{exc}{what_to_type(exc)}", err=True)
            return project

    run_server(project, port, rebuild, lambda line: click.echo(line, err=True))


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="github: workflow annotations.")
@click.option("--strict", is_flag=True, help="Warnings fail too.")
@click.option("--disable", "disabled", multiple=True, metavar="CHECK",
              help="Switch a check off (repeatable; adds to l10n.yaml's checks.disable).")
@project_option
@locale_option
@domain_option
def check(files, output_format, strict, disabled, project_dir, locales, domains):
    """Check translations: format strings, markup placeholders, HTML, plurals, whitespace.

    Prints `path:line: severity [check-id] message`. Exit 1 on errors (and on warnings
    with --strict).

    \b
    Examples:
      l10n check
      l10n check locales/nl/LC_MESSAGES/ui.po --format github
    """
    from l10n_tool.api import check as run_check
    from l10n_tool.checks import validate_check_ids

    try:
        validate_check_ids(disabled)
    except UnknownCheck as exc:
        raise click.BadParameter(str(exc), param_hint="--disable") from None
    if files:
        report = run_check(list(files), disabled=disabled)
    else:
        project = load_project(project_dir, locales, domains)
        report = run_check(project, locales=locales or None, domains=domains or None, disabled=disabled)
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        if output_format == "github":
            from l10n_tool.report.annotations import github_annotation
        for problem in report.problems:
            click.echo(github_annotation(problem) if output_format == "github" else str(problem))
        counts = report.counts()
        click.echo(f"{len(report.catalogs)} catalog(s): {counts['error']} error(s), {counts['warning']} "
                   f"warning(s), {counts['info']} note(s)", err=True)
    if report.failed(strict=strict):
        sys.exit(1)


@main.command(name="merge")
@click.argument("returned", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--locale", required=True, metavar="LOCALE", callback=canonical_locales,
              help="The locale the file translates.")
@click.option("--domain", type=DOMAIN_CHOICE, default="content", show_default=True)
@click.option("--base", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The file as it was handed out: only messages both sides changed conflict.")
@click.option("--theirs", is_flag=True, help="On a conflict take the returned translation.")
@project_option
def merge_command(returned, locale, domain, base, theirs, project_dir):
    """Import a catalog a translator sends back.

    Takes their translations for messages that exist, reports conflicts instead of
    overwriting silently, and keeps messages we no longer have as obsolete entries.
    Exit 1 when conflicts were left unresolved.

    \b
    Example:
      l10n merge ~/Downloads/content-nl.po --locale nl --domain content
    """
    from l10n_tool.returned import merge_returned_file

    project = load_project(project_dir, (locale,))
    summary = merge_returned_file(project, returned, locale=locale, domain=domain, base=base,
                                  prefer_theirs=theirs)
    shown = summary.catalog
    for current, incoming in summary.conflicts:
        click.echo(f"{shown}:{current.line}: conflict: ours {current.msgstr or current.msgstr_plural!r}, "
                   f"theirs {incoming.msgstr or incoming.msgstr_plural!r}"
                   f" ({'took theirs' if theirs else 'kept ours'})")
    for label in summary.unknown:
        click.echo(f"{returned}: unknown message kept as obsolete: {label[:70]!r}")
    click.echo(f"{shown}: {len(summary.taken)} taken, {len(summary.unchanged)} unchanged, "
               f"{len(summary.conflicts)} conflict(s), {len(summary.unknown)} unknown")
    if summary.conflicts and not theirs:
        sys.exit(1)
