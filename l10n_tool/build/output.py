"""The output folder: its manifest (what the last build wrote, with each page's fingerprint),
static files, and removing what an earlier build wrote and this one does not."""

from __future__ import annotations

import json
from pathlib import Path

from l10n_tool.files import write_atomic

MANIFEST = ".l10n-build.json"


def read_manifest(out: Path) -> dict:
    """The previous build's manifest: files (path -> fingerprint) and ui_texts per locale."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data if data.get("version") == 1 and isinstance(data.get("files"), dict) else {}
    except (OSError, ValueError, AttributeError):
        return {}


def write_manifest(out: Path, files: dict[str, str], ui_texts: dict) -> None:
    manifest = {"version": 1, "files": dict(sorted(files.items())), "ui_texts": ui_texts}
    write_atomic(out / MANIFEST, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode(),
                 durable=False)


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
