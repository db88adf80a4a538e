"""Commands that report without writing: status, check, audit."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from l10n_tool.errors import UnknownCheck
from .common import console, domain_option, echo, load_project, locale_option, project_option


@click.command()
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
            echo(f"{output}: written", err=True)
        else:
            echo(text, nl=False)
    else:
        from l10n_tool.report.text import print_status

        print_status(console(), report, pages=pages, missing=list_missing)
    if fail_under is not None:
        below = report.below(fail_under)
        for row in below:
            echo(f"{row.path}: {row.percent:.1f}% translated, below {fail_under:g}%", err=True)
        if below:
            sys.exit(1)

@click.command()
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
        echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        if output_format == "github":
            from l10n_tool.report.annotations import github_annotation
        for problem in report.problems:
            echo(github_annotation(problem) if output_format == "github" else str(problem))
        counts = report.counts()
        echo(f"{len(report.catalogs)} catalog(s): {counts['error']} error(s), {counts['warning']} "
                   f"warning(s), {counts['info']} note(s)", err=True)
    if report.failed(strict=strict):
        sys.exit(1)

@click.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--languages", metavar="CODES",
              help="Comma-separated candidate languages (default: the locales of the project given "
                   "with -C, or of the project whose output holds the pages, else the pages' own).")
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
    from l10n_tool.config import validate_locale

    candidates = None
    if languages:
        candidates = [validate_locale(code.strip(), where="--languages") for code in languages.split(",") if code.strip()]
    elif click.get_current_context().get_parameter_source("project_dir") != click.core.ParameterSource.DEFAULT:
        candidates = list(load_project(project_dir).all_locales)  # -C given: its locales
    report = run_audit(list(paths), languages=candidates)  # else: the project building the pages, if any
    if output_format == "json":
        echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        echo(format_audit_text(report), nl=False)
    if not report.ok:
        sys.exit(1)
