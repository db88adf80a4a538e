"""The exception family of l10n_tool; the CLI turns each into a message and exit code."""

from __future__ import annotations


class L10nError(Exception):
    """An error the user can act on; exit code 2 (usage or input error)."""

    exit_code = 2


class SourceError(L10nError):
    """An error located in an input file: prints as ``path:line[:column]: message``."""

    def __init__(self, path: str, line: int | None, message: str, column: int | None = None):
        self.path = str(path)
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __reduce__(self):  # picklable, so that worker processes can raise it
        return self.__class__, (self.path, self.line, self.message, self.column)

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class ConfigError(SourceError):
    """A problem in l10n.yaml; the message names the offending key."""


class ProjectNotFound(L10nError):
    """A folder without ``l10n.yaml``; ``config`` is the path that was looked for."""

    def __init__(self, config: str):
        self.config = str(config)
        super().__init__(f"{self.config}: no l10n.yaml here")

    def __reduce__(self):
        return self.__class__, (self.config,)


class MissingTemplate(L10nError):
    """A domain's template (``.pot``) has not been extracted yet."""

    def __init__(self, path: str, domain: str):
        self.path, self.domain = str(path), domain
        super().__init__(f"{self.path}: no template")

    def __reduce__(self):
        return self.__class__, (self.path, self.domain)


class MissingPageTemplates(L10nError):
    """The templates folder lacks page templates the site needs: name -> what needs each."""

    def __init__(self, folder: str, missing: dict[str, list[str]]):
        self.folder, self.missing = str(folder), missing
        needs = "; ".join(f"{name} (for {_shortened(why)})" for name, why in sorted(missing.items()))
        super().__init__(f"{self.folder}: missing page templates: {needs}")

    def __reduce__(self):
        return self.__class__, (self.folder, self.missing)


def _shortened(items: list[str], most: int = 3) -> str:
    shown = ", ".join(items[:most])
    return shown if len(items) <= most else f"{shown} and {len(items) - most} more"


class MissingCatalog(L10nError):
    """A locale has no catalog (``.po``) for a domain yet."""

    def __init__(self, path: str, locale: str, domain: str):
        self.path, self.locale, self.domain = str(path), locale, domain
        super().__init__(f"{self.path}: no catalog yet")

    def __reduce__(self):
        return self.__class__, (self.path, self.locale, self.domain)


class UnknownCheck(L10nError):
    """A check id that no check has; ``known`` lists those that exist."""

    def __init__(self, check: str, known: tuple[str, ...]):
        self.check, self.known = check, tuple(known)
        super().__init__(f"unknown check {check!r} (known: {', '.join(self.known)})")

    def __reduce__(self):
        return self.__class__, (self.check, self.known)
