"""The ``l10n`` command line: parse options, call the library, print. Nothing else.

Exit codes: 0 ok, 1 findings (a threshold or check failed), 2 usage or input error.
"""

from __future__ import annotations

import sys

import click

from l10n_tool import __version__
from l10n_tool.errors import L10nError, SourceError

from .common import echo, what_to_type


class L10nGroup(click.Group):
    """Turns every L10nError into ``message`` on stderr and its exit code, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SourceError as exc:
            echo(str(exc), err=True)
            sys.exit(exc.exit_code)
        except L10nError as exc:
            echo(f"l10n: {exc}{what_to_type(exc)}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            echo(f"{exc.filename or 'l10n'}: {exc.strerror or exc}", err=True)
            sys.exit(2)


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


def _add_commands() -> None:
    from . import catalogs, reports, site

    for module in (catalogs, reports, site):
        for value in vars(module).values():
            if isinstance(value, click.Command) and value.callback.__module__ == module.__name__:
                main.add_command(value)


_add_commands()
