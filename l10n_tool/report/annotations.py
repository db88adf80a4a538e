"""GitHub Actions workflow annotations for check problems (``l10n check --format github``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n_tool.checks import Problem

LEVELS = {"error": "error", "warning": "warning"}   # any other severity is a notice


def github_annotation(problem: Problem) -> str:
    """``::error file=PATH,line=N,title=CHECK::message``, one workflow command per problem.

    Escaped as GitHub's own toolkit escapes them (``escapeData``, ``escapeProperty``): text
    from a catalog can neither end the command's line nor start a command of its own.
    """
    level = LEVELS.get(problem.severity, "notice")
    return (f"::{level} file={_property(problem.path)},line={problem.line},title={_property(problem.check)}"
            f"::{_data(problem.message)}")


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(str(text)).replace(":", "%3A").replace(",", "%2C")
