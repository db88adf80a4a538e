"""Package names imported from their modules on first use (PEP 562 ``__getattr__``), so that
a command needing one of them does not pay for importing all the others."""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType


class _Package(ModuleType):
    """A package whose lazy names stay bound: the import system sets a package's attribute to
    each submodule it loads, which would replace a function named like its submodule
    (``po.merge``, ``l10n_tool.build``) by the module."""

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, ModuleType) and name in self.__dict__.get("_lazy_exports", ()):
            return
        super().__setattr__(name, value)


def export_lazily(package: str, exports: dict[str, str]) -> None:
    """Give *package* (a name in ``sys.modules``) the names of *exports*, ``{name: submodule}``:
    each is imported from its submodule when first asked for, then kept in the package."""
    module = sys.modules[package]
    namespace = vars(module)

    def __getattr__(name: str):
        submodule = exports.get(name)
        if submodule is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{submodule}", package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(namespace.get("__all__", ())))

    namespace.update(__getattr__=__getattr__, __dir__=__dir__, _lazy_exports=dict(exports))
    module.__class__ = _Package
