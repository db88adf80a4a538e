"""The output folder: the build's manifest (what the last build wrote there, with each page's
fingerprint), static files, and removing what an earlier build wrote and this one does not.

The manifest lives in the project's store (``.l10n-cache/build/manifest.json``), not in the
folder people deploy. Without it (a deleted cache) the next build renders every page and cannot
tell which files in the output an earlier build wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

from l10n_tool.cache import Store
from l10n_tool.config import Project
from l10n_tool.files import write_atomic

MANIFEST = "build/manifest.json"  # in the store
OLD_MANIFEST = ".l10n-build.json"  # where builds before 0.2 kept it: in the output folder


def manifest_path(project: Project) -> Path:
    return Store(project).path(MANIFEST)


def read_manifest(project: Project) -> dict:
    """The previous build's manifest: files (path -> fingerprint) and ui_texts per locale; {}
    when there is none or it describes another output folder."""
    for path in (manifest_path(project), project.output_dir / OLD_MANIFEST):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("version") == 1 and isinstance(data.get("files"), dict) \
                and data.get("output", project.output) == project.output:
            return data
        return {}
    return {}


def write_manifest(project: Project, files: dict[str, str], ui_texts: dict) -> None:
    manifest = {"version": 1, "output": project.output, "files": dict(sorted(files.items())),
                "ui_texts": ui_texts}
    path = manifest_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode(), durable=False)
    (project.output_dir / OLD_MANIFEST).unlink(missing_ok=True)


def static_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def remove_stale(out: Path, previous: dict[str, str], produced: set[str]) -> list[str]:
    """Delete files an earlier build wrote that this build no longer produces."""
    removed = []
    root = out.resolve()
    for relative in sorted(set(previous) - produced):
        path = (out / relative).resolve()
        if root in path.parents and path.is_file():
            path.unlink()
            removed.append(relative)
            _prune_empty(path.parent, root)
    return removed


def _prune_empty(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
