"""Atomic, change-only file writes: a crash never leaves a half-written file."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from l10n_tool.errors import L10nError


def write_atomic(path: Path, data: bytes, *, durable: bool = True, differs: bool = False) -> bool:
    """Write *data* to *path* through a temporary file and a rename; skip identical content.

    *durable* also fsyncs the file and its folder (for files people edit; a rebuildable
    output can skip it). *differs*: the caller knows the content changed, so the old file is
    not read to compare. A new file gets the umask's mode, a replaced one keeps its mode.
    Returns True when the file was written; an OS failure is an L10nError naming the path.
    """
    path = Path(path)
    try:
        if not differs and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise L10nError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        with atomic_file(path, durable=durable) as handle:
            handle.write(data)
    except OSError as exc:
        raise L10nError(f"{path}: cannot write: {exc.strerror or exc}") from None
    return True


@contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator:
    """A binary file to write that replaces *path* (a rename) when the block ends, or is
    removed when it raises, *path* staying as it was; *durable* as in write_atomic. Errors
    propagate as they are, an OSError of the file's own writing with *path* as its filename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
        if durable:
            _sync_folder(path.parent)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        if exc.filename is None:  # writing the file itself failed (a full disk): name it
            raise OSError(exc.errno, exc.strerror, os.fspath(path)) from None
        raise
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or what the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths on one file system in one atomic step (``renameat2`` with
    ``RENAME_EXCHANGE``, Linux 3.15+ with glibc 2.28+): a reader or a crash sees either the
    old or the new pair, never one missing. False (nothing changed) where the system or the
    file system cannot; other failures raise OSError."""
    rename = _renameat2()
    if rename is None:
        return False
    if rename(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first))


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


@functools.lru_cache(maxsize=1)
def _renameat2():
    """libc's ``renameat2``, or None where there is none."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def file_stat(path: Path) -> tuple | None:
    """(size, mtime_ns, ctime_ns, inode) of a file, to tell whether it changed; None if missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file *path* (created if missing): a second process waits."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
