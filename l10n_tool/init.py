"""``l10n init``: a complete minimal project (configuration, templates using the whole template
contract, a post and a standalone page, a stylesheet, ``.gitignore``) that builds at once.

Never overwrites a file: a second run writes nothing, and a run over a partly made project
writes only what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from l10n_tool.config import canonical_locale
from l10n_tool.errors import L10nError
from l10n_tool.files import write_atomic

DEFAULT_LOCALES = ("fr", "es", "ar")
_RENAMED = {"gitignore": ".gitignore"}  # files a wheel would not ship under their real name


@dataclass
class InitResult:
    """What ``init`` did: project-relative paths written and kept (they existed already)."""

    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def starter_files(locales: tuple[str, ...]) -> dict[str, bytes]:
    """Path in the project -> bytes of every starter file, the locales filled in."""
    root = resources.files("l10n_tool") / "starter"
    files: dict[str, bytes] = {}

    def visit(folder, prefix: str) -> None:
        for entry in sorted(folder.iterdir(), key=lambda item: item.name):
            if entry.is_dir():
                visit(entry, f"{prefix}{entry.name}/")
            elif not entry.name.endswith((".pyc", ".py")):
                files[prefix + _RENAMED.get(entry.name, entry.name)] = entry.read_bytes()

    visit(root, "")
    files["l10n.yaml"] = files["l10n.yaml"].replace(b"LOCALES", ", ".join(locales).encode())
    return files


def init_project(folder: Path, locales: tuple[str, ...] = DEFAULT_LOCALES) -> InitResult:
    """Write the starter project into *folder* (made if needed), keeping every file there is."""
    codes = tuple(dict.fromkeys(canonical_locale(code, where="--locale") for code in locales))
    if "en" in codes:
        raise L10nError("--locale: en is the starter project's source locale, not a target")
    result = InitResult()
    for name, data in starter_files(codes).items():
        path = folder / name
        if path.exists() or path.is_symlink():
            result.kept.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
        result.written.append(name)
    return result
