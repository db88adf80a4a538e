"""Atomic, change-only file writes: a crash never leaves a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write *data* to *path* through a temporary file and a rename; skip identical content.

    *durable* also fsyncs before the rename (for files people edit; a rebuildable output
    can skip it). Returns True when the file was written.
    """
    path = Path(path)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


class StagedWrites:
    """Changed files written beside their targets under temporary names, renamed together.

    Used as a context manager: an exception deletes everything staged, so a failed build
    leaves the previous output untouched; a clean exit renames each staged file into place.
    """

    SUFFIX = ".l10n-tmp"

    def __init__(self, root: Path):
        self.root = Path(root)
        self.pending: list[tuple[Path, Path]] = []

    def __enter__(self) -> "StagedWrites":
        return self

    def write(self, relative: str, data: bytes) -> bool:
        """Stage *data* for ``root/relative`` unless the file already holds it; True if staged."""
        target = self.root / relative
        try:
            if target.read_bytes() == data:
                return False
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{target.name}{self.SUFFIX}")
        staged.write_bytes(data)
        self.pending.append((staged, target))
        return True

    def __exit__(self, kind, value, traceback) -> None:
        for staged, target in self.pending:
            if kind is None:
                os.replace(staged, target)
            else:
                staged.unlink(missing_ok=True)
