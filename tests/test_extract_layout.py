"""content.pot assembled from the last one (extract/layout.py): after any sequence of edits,
additions, deletions and cache damage, the same bytes as extracting everything afresh."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from l10n_tool.config import Project
from l10n_tool.extract import CACHE_DIR, extract

from conftest import reference_pot

LINES = [  # blocks that articles share, so keys start and stop being shared as they change
    "## Before you go", "## After the visit", "Drink water.", "Sleep well.", "- Wash your hands",
    "- Bring your card", "Read **the guide** first.", "See [the map](https://example.org/map).",
    "## Questions", "Call us at any time.", "1. Book a time", "> Rest is part of the cure.",
]


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def write(posts: Path, name: str, rng: random.Random) -> None:
    blocks = rng.sample(LINES, rng.randint(1, 6)) + [f"Only in {name}, version {rng.randint(0, 9)}."]
    title = rng.choice(["Shared title", f"Title of {name}"])
    (posts / name).write_text(f"---\ntitle: {title}\n---\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")


def damage(site: Path, project: Project, rng: random.Random) -> None:
    """One of: edit, add, delete, rename an article; touch content.pot; lose a cache file."""
    posts = site / "content" / "posts"
    names = sorted(p.name for p in posts.glob("*.md"))
    action = rng.choice(["edit", "edit", "edit", "add", "delete", "rename", "pot", "cache"])
    if action == "edit" or (action in ("delete", "rename") and len(names) < 3):
        write(posts, rng.choice(names), rng)
    elif action == "add":
        write(posts, f"p{rng.randint(0, 99):02d}.md", rng)
    elif action == "delete":
        (posts / rng.choice(names)).unlink()
    elif action == "rename":
        (posts / rng.choice(names)).rename(posts / f"r{rng.randint(0, 99):02d}.md")
    elif action == "pot":
        path = project.template_path("content")
        path.write_bytes(path.read_bytes().replace(b"Drink", b"Drunk"))
    else:
        files = sorted((site / CACHE_DIR).rglob("*.pickle"))
        rng.choice(files).write_bytes(b"damaged")


@pytest.mark.parametrize("seed", range(6))
def test_any_sequence_of_changes_gives_the_bytes_of_a_fresh_extraction(tmp_path, seed):
    rng = random.Random(seed)
    site = tmp_path / "site"
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "l10n.yaml").write_text("source_locale: en\nlocales: [nl]\n", encoding="utf-8")
    for number in range(10):
        write(posts, f"p{number:02d}.md", rng)
    project = Project.load(site)
    for _ in range(25):
        result = extract(project)
        data = project.template_path("content").read_bytes()
        assert data == reference_pot(project)
        assert result.counts["content"] == data.count(b'\nmsgid "') - 1
        damage(site, project, rng)
