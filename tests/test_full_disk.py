"""A full disk: the build names the file it could not write, exits 2 and leaves the site as it
was; a cache write that fails once the site is complete is a warning, and the build exits 0."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool import cache
from l10n_tool.build import build_site, output, versions
from l10n_tool.cli import main
from l10n_tool.config import Project

from conftest import copy_example
from test_site_versions import originals, set_inputs, tree

NO_SPACE = OSError(errno.ENOSPC, "No space left on device")


def build(root: Path, *options: str):
    return CliRunner().invoke(main, ["build", "-C", str(root), *options])


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs (root only; skipped where it cannot be mounted)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True,
                             text=True) if sys.platform.startswith("linux") else None
    if mounted is None or mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr.strip() if mounted else sys.platform}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Take every free byte of *disk*."""
    filler = disk / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_full_disk_fails_the_build_naming_the_file_and_leaves_the_site_as_it_was(small_disk):
    root = copy_example(small_disk)
    texts = originals(root)
    assert build(root).exit_code == 0
    old = tree(root / "site")
    set_inputs(root, "B", texts)
    filler = fill(small_disk)
    result = build(root)
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr and f"{root}/" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert tree(root / "site") == old  # no partial page, no page of the new build
    filler.unlink()
    assert build(root).exit_code == 0
    assert tree(root / "site") != old and not [path for path in tree(root / "site") if ".l10n" in path]


def test_a_page_that_cannot_be_written_is_named_and_none_is_left_half_written(example, monkeypatch):
    texts = originals(example)
    assert build(example).exit_code == 0
    old = tree(example / "site")
    set_inputs(example, "B", texts)
    written = []

    class HalfWritten:  # the disk fills up in the middle of a page
        def __init__(self, path, mode):
            self.handle = open(path, mode)
            written.append(path)

        def __enter__(self):
            return self

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            raise NO_SPACE

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(versions, "open", lambda path, mode="r": HalfWritten(path, mode) if mode == "xb"
                        else open(path, mode), raising=False)
    result = build(example)
    assert result.exit_code == 2
    where = Path(written[0]).relative_to(example).as_posix()
    assert result.stderr == f"l10n: {where}: cannot write: No space left on device (site/ is unchanged)\n"
    assert tree(example / "site") == old and not Path(written[0]).exists()


def test_a_cache_write_that_fails_after_the_site_is_complete_is_a_warning(example, monkeypatch):
    texts = originals(example)
    assert build(example).exit_code == 0
    set_inputs(example, "B", texts)
    reference = example.parent / "reference"
    reference.mkdir()
    copy_example(reference)
    set_inputs(reference, "B", texts)
    build_site(Project.load(reference))

    def no_space(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(output, "write_atomic", no_space)  # the manifest
    monkeypatch.setattr(cache, "write_atomic", no_space)  # every pickle: the build state among them
    result = build(example, "--strict")  # not the site's warnings: --strict does not count them
    assert result.exit_code == 0, result.output
    assert tree(example / "site") == tree(reference / "site")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert any("manifest.json: cannot write: No space left on device; the site is complete" in line
               for line in warnings), warnings
    assert any(".l10n-cache/build/" in line and "cannot write: No space left on device; the site is complete; "
               "the build state was not saved, so the next build is a full one" in line for line in warnings), warnings
    monkeypatch.undo()
    again = build(example)
    assert again.exit_code == 0 and "warning" not in again.stderr
    assert tree(example / "site") == tree(reference / "site")
