"""GitHub Actions workflow annotations for check problems (``l10n check --format github``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from l10n_tool.checks import Problem

LEVELS = {"error": "error", "warning": "warning"}   # any other severity is a notice


def github_annotation(problem: Problem) -> str:
    """``::error file=PATH,line=N,title=CHECK::message``, one workflow command per problem."""
    level = LEVELS.get(problem.severity, "notice")
    return f"::{level} file={problem.path},line={problem.line},title={problem.check}::{problem.message}"
