"""Shared fixtures: a private copy of the example site for tests that write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

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
