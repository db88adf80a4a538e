"""Shared by the target tests and benchmarks/targets.py: a project around a sample tree."""

from __future__ import annotations

import shutil
from pathlib import Path

import l10n_tool
from l10n_tool.targets.fill import fill_catalogs

DATA = Path(__file__).parent / "data" / "targets"

# sample -> (content folder, target setting, translated front matter keys)
SAMPLES = {
    "hugo": ("content/en", "{generator: hugo, layout: folder}", "[title, linkTitle, description]"),
    "mkdocs": ("docs", "mkdocs", "[title, description]"),
    "jekyll": (".", "jekyll", "[title, description]"),
    "docusaurus": (".", "docusaurus", "[title, description, sidebar_label]"),
}


def make_project(folder: Path, sample: str, *, target: str | None = None, extra: str = "") -> l10n_tool.Project:
    """A copy of the sample tree in *folder* with an ``l10n.yaml`` for it (locale nl)."""
    shutil.copytree(DATA / sample / "site", folder, dirs_exist_ok=True)
    content, setting, keys = SAMPLES[sample]
    (folder / "l10n.yaml").write_text(
        f"source_locale: en\nlocales: [nl]\ncontent: {content}\ntarget: {target or setting}\n"
        f"front_matter_keys: {keys}\npublish_threshold: 0\n{extra}", encoding="utf-8")
    return l10n_tool.Project.load(folder)


def translate_and_build(project: l10n_tool.Project, transform):
    """extract, update, every content message translated by *transform*, build."""
    l10n_tool.extract(project)
    l10n_tool.update(project)
    fill_catalogs(project, transform)
    return l10n_tool.build(project)
