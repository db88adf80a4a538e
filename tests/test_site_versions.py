"""The output folder is switched whole: whatever moment a build dies at (``kill -9``, a crash
during the switch), ``site/`` is exactly the last complete build's site or exactly the new one,
and the next build completes and leaves nothing of the dead one."""

from __future__ import annotations

import builtins
import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from l10n_tool import cache, files
from l10n_tool.build import build_site, output, state, versions
from l10n_tool.config import Project

from conftest import copy_example

UI, CONTENT = "locales/nl/LC_MESSAGES/ui.po", "locales/nl/LC_MESSAGES/content.po"
# Three versions of the inputs: B changes a UI string on every Dutch page (the navigation's)
# and a content translation (a full build after A), C only another content translation (a
# quick build after B).
EDITS = {
    "A": [],
    "B": [(UI, 'msgstr "Artikelen"', 'msgstr "Alle artikelen"'),
          (CONTENT, 'msgstr "Goed door het hooikoortsseizoen"', 'msgstr "Goed en wel door het hooikoortsseizoen"')],
}
EDITS["C"] = EDITS["B"] + [(CONTENT, 'msgstr "Groen gras en gele bloemen',
                            'msgstr "Heel veel groen gras en gele bloemen')]


def set_inputs(root: Path, name: str, originals: dict[str, str]) -> None:
    """Make the project's Dutch catalogs those of inputs *name* (each version a different size)."""
    texts = dict(originals)
    for path, old, new in EDITS[name]:
        assert old in texts[path]
        texts[path] = texts[path].replace(old, new, 1)
    for path, text in texts.items():
        if (root / path).read_text(encoding="utf-8") != text:
            (root / path).write_text(text, encoding="utf-8")


def tree(folder: Path) -> dict[str, object]:
    """Every entry below *folder*: a file's bytes, or what else it is."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        found[relative] = "symlink" if path.is_symlink() else path.read_bytes() if path.is_file() else "folder"
    return found


def originals(root: Path) -> dict[str, str]:
    return {path: (root / path).read_text(encoding="utf-8") for path in (UI, CONTENT)}


@pytest.fixture(scope="module")
def references(tmp_path_factory) -> dict[str, dict]:
    """The site of each version of the inputs, built from scratch without a kill."""
    found = {}
    for name in EDITS:
        root = copy_example(tmp_path_factory.mktemp(f"reference-{name}"))
        set_inputs(root, name, originals(root))
        build_site(Project.load(root))
        found[name] = tree(root / "site")
    assert found["A"] != found["B"] != found["C"]
    return found


KILLER = """
import os, signal

_calls = [0]
_at = int(os.environ.get("L10N_TEST_KILL_AT", "0"))

def _counted(function):
    def counted(*args, **kwargs):
        if any(str(arg).startswith(os.environ["L10N_TEST_ROOT"]) for arg in args):
            _calls[0] += 1
            if _calls[0] == _at:
                os.killpg(0, signal.SIGKILL)
        return function(*args, **kwargs)
    return counted

for _name in ("replace", "rename", "link", "unlink"):
    setattr(os, _name, _counted(getattr(os, _name)))
"""


class Build:
    """``l10n build`` in a process group of its own. A sitecustomize counts the renames, links
    and unlinks in the project (of the site's files, the manifest, the build state) and, given
    *at*, kills the whole group with SIGKILL right before that one: a kill at a moment chosen
    among the steps that put files in place, before and after the switch, whatever the
    machine's speed."""

    def __init__(self, root: Path, folder: Path):
        folder.mkdir()
        (folder / "sitecustomize.py").write_text(KILLER, encoding="utf-8")
        self.path = os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")])
        self.root = root

    def start(self, at: int = 0) -> subprocess.Popen:
        env = dict(os.environ, PYTHONPATH=self.path, L10N_TEST_KILL_AT=str(at), L10N_TEST_ROOT=str(self.root))
        return subprocess.Popen([sys.executable, "-m", "l10n_tool", "build", "-C", str(self.root)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def test_kill_9_at_random_moments_leaves_the_old_or_the_new_site(tmp_path, references):
    (tmp_path / "project").mkdir()
    root = copy_example(tmp_path / "project")
    texts = originals(root)
    build = Build(root, tmp_path / "killer")
    assert build.start().wait() == 0 and tree(root / "site") == references["A"]
    set_inputs(root, "B", texts)
    started = time.monotonic()
    assert build.start().wait() == 0 and tree(root / "site") == references["B"]
    duration = time.monotonic() - started
    rng = random.Random(16)
    current = "B"
    for run, name in enumerate(["A", "B", "C", "A", "C", "B", "A", "C", "B", "A"]):
        set_inputs(root, name, texts)
        if run % 5 == 4:  # at any moment of the build: start-up, reading, rendering
            process = build.start()
            time.sleep(rng.uniform(0, duration))
            with contextlib.suppress(ProcessLookupError):  # it may have ended
                os.killpg(process.pid, signal.SIGKILL)  # the build and any render worker: a power cut
        else:  # at one of the steps that put files in place, around the switch and after it
            process = build.start(at=rng.randint(1, 25))
        process.wait()
        assert tree(root / "site") in (references[current], references[name]), f"killed building {name}"
        assert build.start().wait() == 0
        assert tree(root / "site") == references[name]
        current = name


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _killing(function, nth: int, after: bool, only=lambda *args: True):
    """*function*, but the process dies at its *nth* call that *only* accepts (before it runs,
    or right *after*)."""
    calls = [0]

    def wrapper(*args, **kwargs):
        if only(*args):
            calls[0] += 1
        if calls[0] == nth and not after:
            _die()
        value = function(*args, **kwargs)
        if calls[0] == nth and after:
            _die()
        return value

    return wrapper


def _saving_record(store, name, *args) -> bool:
    return name == versions.RECORD


# (module, function, nth call, die after it, which calls count): every step of writing the
# next version and of the switch, and the state saved after it
KILL_POINTS = [
    (versions, "open", 1, False, lambda *args: "xb" in args),  # before the first changed page
    (versions, "open", 3, True, lambda *args: "xb" in args),  # after some of them
    (versions.os, "link", 2, False, lambda *args: True),  # while linking unchanged files
    (versions, "stamp", 1, False, lambda *args: True),
    (output, "write_atomic", 1, False, lambda *args: True),  # the manifest of the next version
    (output, "write_atomic", 1, True, lambda *args: True),
    (versions, "exchange", 1, False, lambda *args: True),  # the switch
    (versions, "exchange", 1, True, lambda *args: True),
    (cache.Store, "save", 1, False, _saving_record),  # what the spare holds, after the switch
    (state, "save", 1, False, lambda *args: True),  # the build state, last
]


def _build_dying(root: Path, module, name: str, nth: int, after: bool, only) -> bool:
    """Build in a forked process that dies at a call of *module*.*name*; whether it died (else
    the build completed)."""
    child = os.fork()
    if child == 0:  # pragma: no cover (runs in the child)
        code = 3
        try:
            setattr(module, name, _killing(getattr(module, name, None) or getattr(builtins, name), nth, after, only))
            build_site(Project.load(root))
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.WIFSIGNALED(status) or os.WEXITSTATUS(status) == 0
    return os.WIFSIGNALED(status)


@pytest.mark.parametrize("point", range(len(KILL_POINTS)))
def test_a_kill_at_each_step_of_the_switch_leaves_the_old_or_the_new_site(tmp_path, references, point):
    root = copy_example(tmp_path)
    texts = originals(root)
    build_site(Project.load(root))
    killed = []
    for old, new in (("A", "B"), ("B", "C")):  # a full build, then a quick one
        set_inputs(root, new, texts)
        killed.append(_build_dying(root, *KILL_POINTS[point]))
        assert tree(root / "site") in (references[old], references[new])
        build_site(Project.load(root))
        assert tree(root / "site") == references[new]
    assert any(killed), "the kill point was never reached"
    set_inputs(root, "A", texts)  # what the dead builds left in the spare never comes back
    build_site(Project.load(root))
    assert tree(root / "site") == references["A"]


def test_unchanged_files_are_links_of_the_last_versions_and_the_output_a_plain_folder(example):
    project = Project.load(example)
    texts = originals(example)
    build_site(project)
    site = example / "site"
    before = {path: path.stat().st_ino for path in site.rglob("*") if path.is_file()}
    set_inputs(example, "C", texts)
    result = build_site(project)
    assert result.written  # some pages changed: a new version was switched in
    assert site.is_dir() and not site.is_symlink()
    changed = {site / path for path in result.written}
    for path, inode in before.items():
        assert (path.stat().st_ino == inode) == (path not in changed), path
    spare = versions.spare_folder(project)
    assert site not in spare.parents and not any(site.rglob(".*"))


def test_a_build_that_changes_nothing_switches_nothing(example):
    project = Project.load(example)
    build_site(project)
    site = versions.identity(example / "site")
    spare = versions.identity(versions.spare_folder(project))
    assert build_site(project).written == []
    assert versions.identity(example / "site") == site and versions.identity(versions.spare_folder(project)) == spare


def test_a_file_added_to_the_output_by_hand_is_not_in_the_next_version(example):
    project = Project.load(example)
    texts = originals(example)
    build_site(project)
    (example / "site/nl/notes.txt").write_text("by hand", encoding="utf-8")
    (example / "site/.index.html.l10n-tmp").write_text("a page a killed build staged", encoding="utf-8")
    set_inputs(example, "B", texts)
    build_site(project)
    assert not (example / "site/nl/notes.txt").exists() and not (example / "site/.index.html.l10n-tmp").exists()
    set_inputs(example, "A", texts)
    build_site(project, clean=True)  # --clean walks the spare, which held them: they stay out
    assert not (example / "site/nl/notes.txt").exists() and not (example / "site/.index.html.l10n-tmp").exists()


def test_without_an_atomic_exchange_three_renames_switch_and_a_crash_between_is_repaired(example, monkeypatch,
                                                                                       references):
    monkeypatch.setattr(versions, "exchange", lambda first, second: False)
    texts = originals(example)
    build_site(Project.load(example))
    set_inputs(example, "B", texts)
    build_site(Project.load(example))
    assert tree(example / "site") == references["B"]
    set_inputs(example, "C", texts)
    assert _build_dying(example, versions.os, "rename", 1, True, lambda *args: True)  # output aside, spare not in
    assert not (example / "site").exists()  # the window this fallback has
    build_site(Project.load(example))
    assert tree(example / "site") == references["C"]


def test_the_spare_is_beside_the_output_when_the_cache_is_on_another_file_system(example, monkeypatch,
                                                                                 references):
    real = os.stat
    cache_folder = example / ".l10n-cache"

    def stat(path, *args, **kwargs):
        found = real(path, *args, **kwargs)
        if Path(path) == cache_folder:  # the cache as if on another device
            return os.stat_result((found.st_mode, found.st_ino, found.st_dev + 1, *tuple(found)[3:]))
        return found

    monkeypatch.setattr(versions.os, "stat", stat)
    project = Project.load(example)
    assert versions.spare_folder(project) == example / ".site.l10n-spare"
    build_site(project)
    assert tree(example / "site") == references["A"] and (example / ".site.l10n-spare/index.html").is_file()


def test_exchange_swaps_two_folders(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a/one").write_text("1")
    (tmp_path / "b/two").write_text("2")
    if not files.exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("no atomic exchange on this system or file system")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["two"]
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["one"]
    with pytest.raises(FileNotFoundError):
        files.exchange(tmp_path / "a", tmp_path / "missing")


def test_an_output_folder_made_a_symlink_by_the_user_stays_one(example, references):
    """Versions are switched where ``output`` leads: the symlink stays, its folder is the site."""
    texts = originals(example)
    served = example / "served"
    served.mkdir()
    (example / "site").symlink_to(served)
    build_site(Project.load(example))
    set_inputs(example, "B", texts)
    build_site(Project.load(example))
    assert (example / "site").is_symlink() and (example / "site").resolve() == served.resolve()
    assert tree(served) == references["B"]
