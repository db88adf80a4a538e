"""Shared fixtures: a private copy of the example site for tests that write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from l10n_tool import po
from l10n_tool.config import Project
from l10n_tool.extract import article_paths, article_slug, template_catalog
from l10n_tool.extract.markdown import parse_article

REPO = Path(__file__).parent.parent


def copy_example(target: Path) -> Path:
    """Copy the example project (config, content, catalogs) into *target*."""
    shutil.copy(REPO / "l10n.yaml", target / "l10n.yaml")
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "locales", target / "locales", ignore=shutil.ignore_patterns("*.mo", ".l10n.lock"))
    return target


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A writable copy of the example site."""
    return copy_example(tmp_path)


def reference_pot(project: Project) -> bytes:
    """content.pot the simple way: every article parsed, one catalog, ``po.format_po``."""
    segments = []
    for path in article_paths(project):
        article = parse_article(path, rel_path=project.relative(path), slug=article_slug(project, path),
                                front_matter_keys=project.front_matter_keys)
        segments.extend(article.segments)
    return po.format_po(template_catalog(segments, project=project.site_name))


def pytest_collection_modifyitems(items):
    """Browser tests run last: the browser and the pages' server leave threads behind, and
    ``parallel.fork_map`` does not fork beside a running thread, so the parallel paths the
    other tests check would quietly run serially after them."""
    items.sort(key=lambda item: item.path.name.startswith("test_browser"))
