"""The benchmark helpers that need no GNU gettext: more_locales, compare_sites and markdown_trees."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

from l10n_tool.build import build_site, manifest_path
from l10n_tool.config import Project

from conftest import copy_example

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_more_locales_copies_nl_and_the_site_builds_in_each(tmp_path):
    root = copy_example(tmp_path)
    assert load("more_locales").add_locales(root, 4) == ["nl", "de", "fr", "es"]
    project = Project.load(root)
    assert project.locales == ("nl", "de", "fr", "es")
    result = build_site(project)
    assert result.published["fr"] == result.published["nl"]
    assert 'lang="fr"' in (root / "site/fr/index.html").read_text(encoding="utf-8")


def test_compare_sites_finds_a_changed_page_and_ignores_fingerprints(tmp_path):
    compare = load("compare_sites")
    root = copy_example(tmp_path)
    build_site(Project.load(root))
    copy = tmp_path / "copy"
    shutil.copytree(root / "site", copy)
    manifest = manifest_path(Project.load(root)).read_text(encoding="utf-8")
    (root / "site/.l10n-build.json").write_text(manifest, encoding="utf-8")  # as an old build left it
    (copy / ".l10n-build.json").write_text(manifest.replace('": "', '": "0', 1), encoding="utf-8")
    assert compare.differences(root / "site", copy) == []
    (root / "site/.l10n-build.json").unlink()
    assert compare.differences(root / "site", copy) == []
    page = copy / "nl/index.html"
    page.write_bytes(page.read_bytes() + b" ")
    assert compare.differences(root / "site", copy) == ["differs: nl/index.html"]


def test_markdown_trees_skips_without_a_folder_and_counts_a_tree(tmp_path, capsys):
    trees = load("markdown_trees")
    assert trees.main([]) == 0 and capsys.readouterr().out.startswith("skipped:")
    out = tmp_path / "figures.json"
    assert trees.main([str(Path(__file__).parent / "data" / "sites"), "--json", str(out)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))[0]
    assert figures["files"] == 12 and figures["errors"] == figures["crashes"] == 0
    assert figures["msgids with template"] == figures["msgids with admonition marker"] == 0
    assert figures["code_block_words"] == 0 and figures["messages"] > 100
