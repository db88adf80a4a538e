"""What the commands share: options, project loading, terminal output."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from l10n_tool.errors import L10nError, MissingCatalog, MissingPageTemplates, MissingTemplate, ProjectNotFound

DOMAIN_CHOICE = click.Choice(["ui", "content"])


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` of text from files anyone may have written: every line the commands
    print goes through here, control characters shown, never sent (``printable``)."""
    from l10n_tool.printable import printable

    click.echo(printable(str(message)), err=err, nl=nl)


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
    from rich.text import Text

    from l10n_tool.printable import printable

    count = 0
    with Console(stderr=True).status(label) as status:
        def show(item: str) -> None:
            nonlocal count
            count += 1
            status.update(Text(printable(f"{label} {item} ({count})")))  # never read as rich markup

        yield show
