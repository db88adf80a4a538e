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
