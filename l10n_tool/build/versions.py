"""The output folder, switched whole: a build makes the next version of the site in a spare
folder and exchanges it with the output folder in one atomic rename, so the output folder
holds one build's site at every moment (a crash, ``kill -9`` or a full disk included), never a
mix of two and never a file being written.

Between builds the spare folder holds the previous version. A build brings it up to date:
a file whose bytes change is written into it, every other file becomes a hard link to the
current version's (so an unchanged page costs no copy), and what the new version does not
hold is removed. Then ``files.exchange`` swaps the two folders. The output folder stays a
plain folder, never a symlink, that a static host, ``rsync`` or any deploy tool takes as it is.

Where the system has no atomic exchange, three renames do it (the output aside, the spare in,
the old output to the spare); a crash between the first two leaves no output folder, and the
next build puts the old one back (``recover``).

What the spare holds is known without walking it: a record (``build/spare.pickle``) names
its files and those that are not links of the output's, tied to both folders' identity. The
record is forgotten before the spare is touched, so after a crash the next build walks the
spare instead of trusting it, and removes whatever a killed build left there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from pathlib import Path
from typing import Callable, Iterable

from l10n_tool.cache import Store, prepare_cache_folder
from l10n_tool.config import Project
from l10n_tool.errors import L10nError
from l10n_tool.files import exchange

RECORD = "build/spare.pickle"  # in the store
SPARE = "build/site"  # in the store, when it is on the output folder's file system
_NO_LINK = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP)  # copy instead of linking


def identity(folder: Path) -> tuple | None:
    """(device, inode, mtime) of *folder*: a version's identity (``stamp`` gives each its own
    mtime, and a file added to or removed from its top changes it); None when missing."""
    try:
        st = os.stat(folder)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_mtime_ns)


def stamp(folder: Path) -> tuple:
    """Give *folder* a modification time no other version had, and return its identity."""
    now = time.time_ns()
    os.utime(folder, ns=(now, now))
    return identity(folder)


def output_folder(project: Project) -> Path:
    """The output folder the versions are switched in: where ``output`` leads (when the user
    made it a symlink, the folder it points to, which then keeps being the one served)."""
    return project.output_dir.resolve()


def spare_folder(project: Project) -> Path:
    """Where the next version is made: ``.l10n-cache/build/site`` when that is on the output
    folder's file system (a rename cannot cross file systems), else beside the output folder
    (``.site.l10n-spare``)."""
    out = output_folder(project)
    cache = prepare_cache_folder(project.root)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        same = os.stat(cache).st_dev == os.stat(out.parent).st_dev
    except OSError:
        same = False
    return Store(project).path(SPARE) if same else out.parent / f".{out.name}.l10n-spare"


def recover(project: Project) -> None:
    """Put the old output folder back where a build without an atomic exchange was killed
    between its renames (no output folder, the old one aside), or make the old one the spare
    again where it was killed after the second."""
    out, spare = output_folder(project), spare_folder(project)
    aside = _aside(spare)
    if not aside.is_dir():
        return
    if not out.exists():
        os.rename(aside, out)
    elif not spare.exists():
        os.rename(aside, spare)
    else:
        shutil.rmtree(aside, ignore_errors=True)


def _aside(spare: Path) -> Path:
    return spare.with_name(spare.name + "-old")


class NextVersion:
    """The next version of the output folder, made in the spare folder: ``write`` each file
    whose content may have changed, then ``publish`` every file of the version, which keeps
    the files not written as they are and switches the folders. Until ``publish`` switches,
    the output folder is never touched; an error leaves it as it was. *walk*: find what the
    spare holds by walking it even when the record vouches for it (``build --clean``)."""

    def __init__(self, project: Project, *, walk: bool = False):
        self.project = project
        self.out = output_folder(project)
        self.spare = spare_folder(project)
        self.written: set[str] = set()
        self._out_exists = self.out.is_dir()
        self._record_kept = True
        self._held, self._linked, self._folders = _contents(project, self.out, self.spare, walk)

    def write(self, relative: str, data: bytes) -> bool:
        """Make *data* the next version's ``relative`` unless the output already holds it; True
        when it differs (and so was written). OSError of the spare's is an L10nError naming it."""
        if self._out_exists:
            try:
                with open(os.path.join(self.out, relative), "rb") as handle:
                    if handle.read() == data:
                        return False
            except OSError:
                pass
        self._forget_record()
        path = os.path.join(self.spare, relative)
        try:
            _clear(path, self.spare)
            with open(path, "xb") as handle:  # a new file: never written through a link
                handle.write(data)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise L10nError(f"{self._display(path)}: cannot write: {exc.strerror or exc} "
                            f"({self.project.output}/ is unchanged)") from None
        self.written.add(relative)
        return True

    def publish(self, files: Iterable[str], previous: set[str] | None,
                before: Callable[[tuple], None]) -> bool:
        """Make the spare hold exactly *files* (the written ones, links of the output's for the
        rest), call *before* with its identity (to record it, ``output.write_manifest``) and
        switch it with the output folder. *previous*: the files the output holds, when known
        (a trusted manifest). Nothing happens, and False is returned, when nothing changed."""
        files = set(files)
        if not self.written and previous == files:
            return False
        self._forget_record()
        try:
            for relative in sorted(self._held - files):
                _remove(os.path.join(self.spare, relative), self.spare)
            for relative in sorted(files - self.written):
                if relative not in self._held or not self._linked(relative):
                    self._link(relative)
            if self._folders is not None:
                _prune_folders(self.spare, self._folders, files)
            tree = stamp(self.spare)
        except OSError as exc:
            raise L10nError(f"{self._display(exc.filename or self.spare)}: cannot write: {exc.strerror or exc} "
                            f"({self.project.output}/ is unchanged)") from None
        before(tree)
        held = self._switch(previous, files)
        if identity(self.out) != tree:  # a file system that changes a folder's time as it moves
            before(identity(self.out))
        if held is not None:  # what the spare holds now, and which of its files are not the output's
            Store(self.project).save(RECORD, (identity(self.spare), identity(self.out), sorted(held[0]),
                                              sorted(held[1])))
        return True

    def _link(self, relative: str) -> None:
        """The spare's ``relative`` the same file as the output's (a copy where links fail)."""
        source, target = os.path.join(self.out, relative), os.path.join(self.spare, relative)
        _clear(target, self.spare)
        try:
            os.link(source, target)
        except FileNotFoundError:
            pass  # gone from the output since the last build: the quick plan keeps what there is
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            shutil.copyfile(source, target)

    def _switch(self, previous: set[str] | None, files: set[str]) -> tuple[set, set] | None:
        """The spare becomes the output folder, the old output the spare. Returns what the
        spare then holds, (its files, those that are not links of the output's), when known."""
        out, spare = self.out, self.spare
        if not out.exists():
            os.rename(spare, out)
            try:
                self._make_spare()
            except OSError:
                return None  # best effort: the next build makes the rest
            return files, set()
        if not exchange(out, spare):
            aside = _aside(spare)
            os.rename(out, aside)  # without an atomic exchange: recover() repairs a crash from here ...
            os.rename(spare, out)  # ... to here
            os.rename(aside, spare)
        if previous is None:
            return None
        return previous, (previous & self.written) | (previous - files)

    def _make_spare(self) -> None:
        """After the first version: the spare as links of every file of it, so that the next
        build, often a small one, does not make every folder."""
        for folder, _, names in os.walk(self.out):
            target = os.path.join(self.spare, os.path.relpath(folder, self.out))
            os.makedirs(target, exist_ok=True)
            for name in names:
                try:
                    os.link(os.path.join(folder, name), os.path.join(target, name))
                except OSError as exc:
                    if exc.errno not in _NO_LINK:
                        raise
                    shutil.copyfile(os.path.join(folder, name), os.path.join(target, name))

    def _forget_record(self) -> None:
        if self._record_kept:
            Store(self.project).path(RECORD).unlink(missing_ok=True)
            self._record_kept = False

    def _display(self, path) -> str:
        try:
            return Path(path).relative_to(self.project.root).as_posix()
        except ValueError:
            return str(path)


def _contents(project: Project, out: Path, spare: Path, walk: bool) -> tuple[set[str], Callable[[str], bool],
                                                                             set | None]:
    """(the spare's files, whether one is a link of the output's, its folders or None when the
    record vouches for them): from the record when it describes these two folders (and not
    *walk*), else by walking the spare."""
    record = None if walk else Store(project).load(RECORD)
    if isinstance(record, tuple) and len(record) == 4 and record[0] == identity(spare) \
            and record[1] == identity(out) and record[0] is not None:
        held, differ = set(record[2]), set(record[3])
        return held, lambda relative: relative not in differ, None
    spare.mkdir(parents=True, exist_ok=True)
    inodes: dict[str, int] = {}
    folders: set[str] = set()
    stack = [""]
    while stack:
        relative = stack.pop()
        with os.scandir(os.path.join(spare, relative)) as entries:
            for entry in entries:
                name = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(name)
                    stack.append(name)
                else:
                    inodes[name] = entry.inode()

    def linked(relative: str) -> bool:
        try:
            return os.lstat(os.path.join(out, relative)).st_ino == inodes[relative]
        except OSError:
            return False

    return set(inodes), linked, folders


def _clear(path: str, root: Path) -> None:
    """Make way for a new file at *path* below *root*: what is there removed, its folder made
    (a file in the way of a folder removed too)."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        shutil.rmtree(path)
    except OSError as exc:
        if exc.errno != errno.ENOTDIR:
            raise
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = folder
        while not os.path.isfile(blocker) and os.path.dirname(blocker) != blocker:
            blocker = os.path.dirname(blocker)
        os.unlink(blocker)
        os.makedirs(folder, exist_ok=True)


def _remove(path: str, root: Path) -> None:
    """Remove the file *path* and the folders it leaves empty, up to *root*."""
    try:
        os.unlink(path)
    except IsADirectoryError:
        shutil.rmtree(path)
    except (FileNotFoundError, NotADirectoryError):
        return
    folder, stop = os.path.dirname(path), os.fspath(root)
    while folder != stop:
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def _prune_folders(root: Path, folders: set[str], files: set[str]) -> None:
    """Remove the folders (found by a walk) that hold none of *files*, deepest first."""
    needed = set()
    for relative in files:
        folder = os.path.dirname(relative)
        while folder and folder not in needed:
            needed.add(folder)
            folder = os.path.dirname(folder)
    for folder in sorted(folders - needed, key=lambda name: -name.count("/")):
        shutil.rmtree(os.path.join(root, folder), ignore_errors=True)
