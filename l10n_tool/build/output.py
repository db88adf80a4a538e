"""The build's manifest: what the output folder holds (each file with its page's fingerprint)
and the UI texts of each locale, and the static files to copy.

The manifest lives in the project's store (``.l10n-cache/build/manifest.json``), not in the
folder people deploy. It names the version of the output folder it describes (its identity,
``versions.identity``) and is trusted only while the output folder is that version: a build
killed after switching the folders and before recording leaves a manifest of another
version, and the next build then renders every page, as it does without a manifest.
"""

from __future__ import annotations

import json
from pathlib import Path

from l10n_tool.cache import Store
from l10n_tool.config import Project
from l10n_tool.errors import L10nError
from l10n_tool.files import write_atomic

from .versions import identity

MANIFEST = "build/manifest.json"  # in the store


def manifest_path(project: Project) -> Path:
    return Store(project).path(MANIFEST)


def read_manifest(project: Project) -> dict:
    """The manifest of the output folder as it is: files (path -> fingerprint) and ui_texts
    per locale; {} when there is none or it describes another output folder or version."""
    try:
        data = json.loads(manifest_path(project).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(data, dict) and data.get("version") == 2 and isinstance(data.get("files"), dict) \
            and data.get("output") == project.output and data.get("tree") == _listed(identity(project.output_dir)):
        return data
    return {}


def write_manifest(project: Project, files: dict[str, str], ui_texts: dict, tree: tuple,
                   extra: list[str] = ()) -> str | None:
    """Record the manifest of the version *tree* (its identity), *extra* naming the files
    among *files* that the build was given (``build_site``'s *extra*); best effort: a warning when
    it cannot be written (the manifest left describes an older version, which no later one
    is taken for: each version's identity is its own, so the next build renders every page)."""
    manifest = {"version": 2, "output": project.output, "tree": _listed(tree), "files": dict(sorted(files.items())),
                "extra": list(extra), "ui_texts": ui_texts}
    path = manifest_path(project)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode(), durable=False)
    except OSError as exc:
        return f"{project.relative(path)}: cannot write: {exc.strerror or exc}; {AFTER_MANIFEST}"
    except L10nError as exc:
        return f"{exc}; {AFTER_MANIFEST}"
    return None


AFTER_MANIFEST = "the site is complete; the next build renders every page again"


def _listed(tree: tuple | None) -> list | None:
    return list(tree) if tree is not None else None


def static_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
