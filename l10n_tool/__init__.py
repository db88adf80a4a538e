"""l10n_tool: localise content sites with gettext catalogs.

The library, one function per ``l10n`` command (see :mod:`l10n_tool.api`)::

    import l10n_tool

    project = l10n_tool.Project.load("mysite")    # reads and validates mysite/l10n.yaml
    l10n_tool.extract(project)                    # -> ExtractResult
    l10n_tool.update(project)                     # -> UpdateResult
    l10n_tool.status(project)                     # -> StatusReport (also status("a.po"))
    l10n_tool.build(project)                      # -> BuildResult

Errors are :class:`L10nError` and its kin; a :class:`SourceError` prints as ``path:line: ...``.

The names below are imported from their modules on first use, so that ``l10n --version``
does not pay for importing all of them. ``extract``, ``build``, ``status`` and ``audit`` are
also the names of submodules; they stay the functions (reach a module with
``importlib.import_module("l10n_tool.build")``, or ``from l10n_tool.build import ...``).
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "Project": "config",
    "extract": "api", "update": "api", "compile": "api", "status": "api", "check": "api",
    "build": "api", "audit": "api",
    "L10nError": "errors", "SourceError": "errors", "ConfigError": "errors",
    "ProjectNotFound": "errors", "MissingTemplate": "errors", "MissingCatalog": "errors",
    "UnknownCheck": "errors",
}
__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:
    from .api import audit, build, check, compile, extract, status, update  # noqa: A004
    from .config import Project
    from .errors import (ConfigError, L10nError, MissingCatalog, MissingTemplate, ProjectNotFound,
                         SourceError, UnknownCheck)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(ModuleType):
    """The API functions ``extract``, ``build``, ``status`` and ``audit`` share their names
    with submodules: importing such a submodule must not rebind the name (the import system
    sets a package's attribute to each submodule it loads)."""

    def __setattr__(self, name: str, value) -> None:
        if name in _EXPORTS and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
