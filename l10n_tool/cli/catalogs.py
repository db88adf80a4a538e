"""Commands that make and keep the catalogs: extract, update, compile, merge."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import DOMAIN_CHOICE, canonical_locales, domain_option, echo, load_project, locale_option, progress_printer, project_option


@click.command()
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
        echo(f"warning: {warning}", err=True)
    for domain, path in result.paths.items():
        state = ("would change" if check else "written") if result.changed[domain] else "unchanged"
        echo(f"{project.relative(path)}: {result.counts[domain]} messages, {state}")
    if check and any(result.changed.values()):
        sys.exit(1)

@click.command()
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
        single = run_update(files[0], template=template_file, output=output, fuzzy=not no_fuzzy, check=check)
        for warning in single.warnings:
            echo(f"warning: {warning}", err=True)
        changed = bool(single.changed)
        echo(f"{output or files[0]}: {'would change' if check and changed else 'updated' if changed else 'unchanged'}")
        if check and changed:
            sys.exit(1)
        return
    project = load_project(project_dir, locales, domains)
    with progress_printer("Merging") as show:
        result = run_update(project, locales=locales or None, domains=domains or None,
                            fuzzy=not no_fuzzy, check=check, progress=show)
    for warning in result.warnings:
        echo(f"warning: {warning}", err=True)
    for path in result.changed:
        echo(f"{path}: {'would change' if check else 'updated'}")
    for path in result.unchanged:
        echo(f"{path}: unchanged")
    if check and result.changed:
        sys.exit(1)

@click.command(name="compile")
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
            echo(f"{output or path.with_suffix('.mo')}: compiled")
        return
    if output:
        raise click.UsageError("-o/--output takes a single FILE")
    from l10n_tool.api import compile as run_compile

    project = load_project(project_dir, locales, domains)
    result = run_compile(project, locales=locales or None, domains=domains or None)
    for path in result.changed + result.unchanged:
        echo(f"{Path(path).with_suffix('.mo').as_posix()}: "
                   f"{'compiled' if path in result.changed else 'unchanged'}")

@click.command(name="merge")
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
        echo(f"{shown}:{current.line}: conflict: ours {current.msgstr or current.msgstr_plural!r}, "
                   f"theirs {incoming.msgstr or incoming.msgstr_plural!r}"
                   f" ({'took theirs' if theirs else 'kept ours'})")
    for label in summary.unknown:
        echo(f"{returned}: unknown message kept as obsolete: {label[:70]!r}")
    echo(f"{shown}: {len(summary.taken)} taken, {len(summary.unchanged)} unchanged, "
               f"{len(summary.conflicts)} conflict(s), {len(summary.unknown)} unknown")
    if summary.conflicts and not theirs:
        sys.exit(1)
