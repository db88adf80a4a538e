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

from typing import TYPE_CHECKING

from ._lazy import export_lazily

__version__ = "0.1.0"

_EXPORTS = {
    "Project": "config",
    "extract": "api", "update": "api", "compile": "api", "status": "api", "check": "api",
    "build": "api", "audit": "api",
    "L10nError": "errors", "SourceError": "errors", "ConfigError": "errors",
    "ProjectNotFound": "errors", "MissingTemplate": "errors", "MissingCatalog": "errors",
    "MissingPageTemplates": "errors", "UnknownCheck": "errors",
}
__all__ = [*_EXPORTS, "__version__"]

if TYPE_CHECKING:
    from .api import audit, build, check, compile, extract, status, update  # noqa: A004
    from .config import Project
    from .errors import (ConfigError, L10nError, MissingCatalog, MissingPageTemplates, MissingTemplate,
                         ProjectNotFound, SourceError, UnknownCheck)


export_lazily(__name__, _EXPORTS)
