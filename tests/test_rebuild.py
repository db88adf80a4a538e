"""The quick rebuild after edited translations (build/changes.py, po/delta.py): whatever path a
build takes, its site equals a clean build's of the same inputs, byte for byte."""

from __future__ import annotations

import importlib
import shutil
import threading
import time
from pathlib import Path

import pytest

from l10n_tool.build import build_site
from l10n_tool.config import Project
from l10n_tool.errors import L10nError
from l10n_tool.extract.articles import RACY_NS
from l10n_tool.po.delta import changed_entries, common_prefix, common_suffix

from conftest import copy_example

NL_CONTENT = Path("locales/nl/LC_MESSAGES/content.po")
HAY_FEVER_BODY = 'msgstr "Ken je seizoen"'  # a heading of the published Dutch hay fever post


def settle() -> None:
    """Let files just written age past the window in which their stat cannot be trusted
    (a file changed within it may change again with the same times: git's racy files)."""
    time.sleep(RACY_NS / 1e9 * 1.5)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build_of(project_root: Path, scratch: Path) -> dict[str, bytes]:
    """The site a clean build of *project_root*'s inputs gives, in a fresh copy."""
    copy = scratch / "clean"
    shutil.copytree(project_root, copy, ignore=shutil.ignore_patterns("site", ".l10n-cache"))
    build_site(Project.load(copy))
    return tree(copy / "site")


@pytest.fixture
def rebuilt(tmp_path):
    """A built copy of the example whose inputs the state vouches for."""
    (tmp_path / "project").mkdir()
    root = copy_example(tmp_path / "project")
    settle()
    build_site(Project.load(root))
    return root


def edit_and_compare(root: Path, tmp_path: Path, edit) -> bool:
    """Apply *edit*, build again; the site must equal a clean build's. Whether the quick path ran."""
    edit(root)
    result = build_site(Project.load(root))
    assert tree(root / "site") == clean_build_of(root, tmp_path)
    return result.catalog_delta


def test_an_edited_translation_renders_only_its_page(rebuilt, tmp_path):
    quick = edit_and_compare(rebuilt, tmp_path, lambda root: replace(
        root / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken jouw seizoen"'))
    assert quick
    result = build_site(Project.load(rebuilt))  # nothing changed since: nothing rendered
    assert result.catalog_delta and result.rendered == 0 and result.written == []


def test_the_state_written_by_a_forked_writer_serves_the_quick_path(tmp_path, monkeypatch):
    """Large sites write the per-article tables in a process of their own while pages render."""
    monkeypatch.setattr(importlib.import_module("l10n_tool.build.state"), "FORK_WRITER_FROM", 1)
    (tmp_path / "project").mkdir()
    root = copy_example(tmp_path / "project")
    settle()
    build_site(Project.load(root))
    assert (root / ".l10n-cache/build/state.pickle").is_file()
    assert edit_and_compare(root, tmp_path, lambda root: replace(
        root / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken jouw seizoen"'))


def test_a_failed_build_leaves_no_state_to_trust(rebuilt, monkeypatch):
    """The old state is forgotten before a full build writes new tables; a failure writes none."""
    replace(rebuilt / "content/posts/hay-fever-season.md", "Know your season", "Know your pollen season")
    replace(rebuilt / "content/templates/post.html", "{{ page.body }}", "{{ page.body }}{{ no_such_variable }}")
    with pytest.raises(L10nError):
        build_site(Project.load(rebuilt))
    assert not (rebuilt / ".l10n-cache/build/state.pickle").exists()


@pytest.mark.parametrize("cache", ["keys", "articles"])
def test_a_lost_shard_of_the_state_means_a_full_build(rebuilt, tmp_path, cache):
    """Every shard is written, empty ones too: a missing one cannot pass for "no article uses it"."""
    shards = sorted((rebuilt / ".l10n-cache/build" / cache).glob("*.pickle"))
    assert len(shards) == 64
    shards[0].unlink()
    assert not edit_and_compare(rebuilt, tmp_path, lambda root: replace(
        root / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken jouw seizoen"'))


def test_the_quick_path_reports_what_it_rendered(rebuilt):
    replace(rebuilt / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken jouw seizoen"')
    result = build_site(Project.load(rebuilt))
    assert result.catalog_delta
    assert result.written == ["nl/posts/hay-fever-season/index.html"]
    assert "Ken jouw seizoen" in (rebuilt / "site" / result.written[0]).read_text(encoding="utf-8")
    assert "posts/hay-fever-season" in result.published["nl"]
    assert "posts/sleep-well-again" in result.skipped["nl"]
    assert len(result.published["en"]) == 4


@pytest.mark.parametrize("edit", [
    pytest.param(lambda root: replace(root / NL_CONTENT, HAY_FEVER_BODY, 'msgstr ""'), id="translation removed"),
    pytest.param(lambda root: replace(root / NL_CONTENT, '#. heading h2\n#: content/posts/hay-fever-season.md:14\n',
                                      '#. heading h2\n#: content/posts/hay-fever-season.md:14\n#, fuzzy\n'),
                 id="marked fuzzy"),
    pytest.param(lambda root: replace(root / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken je <script>x</script>"'),
                 id="hostile markup"),
    pytest.param(lambda root: replace(root / NL_CONTENT, 'msgstr "Goed door het hooikoortsseizoen"',
                                      'msgstr "Door het hooikoortsseizoen"'), id="title"),
    pytest.param(lambda root: replace(root / NL_CONTENT, 'msgstr "Ken je seizoen"\n',
                                      'msgstr "Ken je seizoen"\n\nmsgid "An extra message"\nmsgstr "Extra"\n'),
                 id="entry added"),
    pytest.param(lambda root: (replace(root / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken jouw seizoen"'),
                               replace(root / NL_CONTENT, 'msgstr "Na je bezoek"', 'msgstr "Na afloop"')),
                 id="two edits far apart"),
    pytest.param(lambda root: replace(root / "locales/de/LC_MESSAGES/ui.po", 'msgstr "Artikel"',
                                      'msgstr "Beiträge"'), id="UI catalog"),
    pytest.param(lambda root: replace(root / "content/posts/hay-fever-season.md", "Know your season",
                                      "Know your pollen season"), id="article"),
    pytest.param(lambda root: [replace(root / NL_CONTENT, old, 'msgstr ""') for old in (
        HAY_FEVER_BODY, 'msgstr "Eenvoudige manieren om je klachten te verminderen"',
        'msgstr "Behandelmogelijkheden"', 'msgstr "Draag buiten een zonnebril om je ogen te beschermen."')],
        id="page falls under the threshold"),
    pytest.param(lambda root: (root / NL_CONTENT).write_bytes(
        (root / NL_CONTENT).read_bytes().replace(b"\n", b"\r\n")), id="CRLF"),
])
def test_every_edit_builds_what_a_clean_build_does(rebuilt, tmp_path, edit):
    edit_and_compare(rebuilt, tmp_path, edit)


def test_a_broken_edit_is_reported_with_its_line(rebuilt):
    replace(rebuilt / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken je seizoen')
    line = (rebuilt / NL_CONTENT).read_text(encoding="utf-8").split("\n").index('msgstr "Ken je seizoen') + 1
    with pytest.raises(L10nError, match=rf"locales/nl/LC_MESSAGES/content.po:{line}:8: unterminated string"):
        build_site(Project.load(rebuilt))


def test_catalogs_read_in_pieces_give_what_whole_files_give(tmp_path, monkeypatch):
    """A large content catalog is read a piece at a time (po.pieces.CHUNK); the tables, the
    headers and the staged copy are those of the whole file."""
    from l10n_tool.build import inputs as rebuild
    from l10n_tool.po import pieces, summary

    root = copy_example(tmp_path)
    whole = rebuild.Snapshot.take(Project.load(root), jobs=1)
    read: list[list[bytes]] = []  # the pieces of each catalog read

    entry_pieces = pieces.entry_pieces

    def spy(read_block):
        read.append(list(entry_pieces(read_block)))
        return read[-1]

    monkeypatch.setattr(pieces, "CHUNK", 512)
    monkeypatch.setattr(pieces, "entry_pieces", spy)
    monkeypatch.setattr(summary, "_rest", None)  # no catalog falls back to a whole read
    cut = rebuild.Snapshot.take(Project.load(root), jobs=1)
    catalogs = [root / NL_CONTENT, root / "locales/de/LC_MESSAGES/content.po"]
    assert [b"".join(pieces) for pieces in read] == [path.read_bytes() for path in catalogs]
    assert all(len(pieces) > 10 for pieces in read)
    assert cut.content.tables == whole.content.tables and cut.content.tables["nl"]
    assert cut.plural_forms == whole.plural_forms and cut.plural_forms["nl"]
    staged = root / ".l10n-cache/build/nl.content.po.new"
    assert staged.read_bytes() == (root / NL_CONTENT).read_bytes()


def test_a_message_repeated_across_pieces_is_reported_by_the_strict_reader(tmp_path, monkeypatch):
    from l10n_tool.po import pieces

    root = copy_example(tmp_path)
    text = (root / NL_CONTENT).read_text(encoding="utf-8")
    first = text.index("\n\n#") + 2  # the first entry after the header
    repeated = text[first:text.index("\n\n", first) + 1]
    (root / NL_CONTENT).write_text(text + "\n" + repeated, encoding="utf-8")
    monkeypatch.setattr(pieces, "CHUNK", 512)
    with pytest.raises(L10nError, match=r"locales/nl/LC_MESSAGES/content.po:\d+: duplicate"):
        build_site(Project.load(root))


def test_a_deleted_page_is_written_again(rebuilt):
    page = rebuilt / "site/nl/posts/hay-fever-season/index.html"
    page.unlink()
    build_site(Project.load(rebuilt))
    assert page.is_file()


# -- po.delta ---------------------------------------------------------------------------------

def entry(msgid: str, msgstr: str, comment: str = "#. paragraph") -> str:
    return f'{comment}\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'


HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'


def catalog(*entries: str) -> bytes:
    return "\n".join([HEADER, *entries]).encode("utf-8")


def test_common_prefix_and_suffix_across_blocks(monkeypatch):
    monkeypatch.setattr("l10n_tool.po.delta.BLOCK", 4)
    a, b = b"abcdefghijklmnopqrstuvwxyz", b"abcdefghijkXmnopqrstuvwxyz"
    assert common_prefix(a, b) == 11 and common_suffix(a, b, len(a) - 11) == 14
    assert common_prefix(a, a) == len(a) and common_prefix(a, a[:5]) == 5
    assert common_suffix(b"xyz", b"wxyz", 3) == 3


def test_delta_reads_only_the_changed_entries():
    old = catalog(*(entry(f"m{i}", f"t{i}") for i in range(50)))
    new = old.replace(b'msgstr "t25"', b'msgstr "T25"')
    before, after = changed_entries(old, new)
    assert [e[:2] for e in before.translated] == [(None, "m25")]
    assert [e[3] for e in after.translated] == ["T25"]
    assert changed_entries(old, old)[1].translated == []


@pytest.mark.parametrize("new", [
    catalog(entry("a", "x"), entry("b", "y"), entry("c", "z")),  # an entry added
    catalog(entry("a", "x")),  # an entry removed
    catalog(entry("a", "x"), entry("a", "y")),  # a duplicate
    catalog(entry("a", "x"), 'msgid "b"\nmsgstr "y\n'),  # unterminated
    catalog(entry("a", "x"), entry("b", "y")).replace(b"charset=UTF-8", b"charset=ISO-8859-1"),
])
def test_delta_leaves_what_it_cannot_vouch_for_to_the_full_read(new):
    old = catalog(entry("a", "x"), entry("b", "z"))
    assert changed_entries(old, new) is None


def test_delta_keeps_comments_across_a_blank_line_with_their_entry():
    old = catalog(entry("a", "x"), entry("b", "z", "#, fuzzy\n\n#. paragraph"))
    before, after = changed_entries(old, old.replace(b'msgstr "z"', b'msgstr "y"'))
    assert before.translated == after.translated == []  # still fuzzy: not a translation


def test_a_build_waits_for_another_build(rebuilt):
    from l10n_tool.cache import CACHE_DIR
    from l10n_tool.files import exclusive_lock

    finished = threading.Event()
    with exclusive_lock(rebuilt / CACHE_DIR / "build.lock"):  # another l10n build is running
        worker = threading.Thread(target=lambda: (build_site(Project.load(rebuilt)), finished.set()))
        worker.start()
        assert not finished.wait(0.5), "a build ran while another one held the lock"
    worker.join(30)
    assert finished.is_set()


def test_a_locale_without_catalog_keeps_the_quick_path(tmp_path):
    (tmp_path / "project").mkdir()
    root = copy_example(tmp_path / "project")
    (root / "locales/de/LC_MESSAGES/content.po").unlink()
    settle()
    build_site(Project.load(root))
    assert edit_and_compare(root, tmp_path, lambda root: replace(root / NL_CONTENT, HAY_FEVER_BODY,
                                                                 'msgstr "Ken jouw seizoen"'))


def test_the_cli_says_when_it_took_the_quick_path(rebuilt):
    from click.testing import CliRunner

    from l10n_tool.cli import main

    replace(rebuilt / NL_CONTENT, HAY_FEVER_BODY, 'msgstr "Ken jouw seizoen"')
    result = CliRunner().invoke(main, ["build", "-C", str(rebuilt)])
    assert result.exit_code == 0, result.output
    assert "quick build: articles, templates and settings unchanged; 1 page(s) using changed translations " \
           "rendered" in result.output
    assert "rebuilt: nl/posts/hay-fever-season/index.html" in result.output
