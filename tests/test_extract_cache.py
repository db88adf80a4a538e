"""Extraction's per-article caches: the same bytes as a cold run, reuse, invalidation, corruption,
parse errors and serial == parallel, on real files. No timing asserts."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

from l10n_tool.cache import store_key
from l10n_tool.config import Project
from l10n_tool.errors import SourceError
from l10n_tool.extract import (
    CACHE_DIR,
    article_paths,
    article_slug,
    extract,
    load_articles,
)
from l10n_tool.extract import articles as articles_module
from l10n_tool.extract import markdown
from l10n_tool.extract.markdown import parse_article, parse_body
from l10n_tool.model import Page

from conftest import reference_pot

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"

SHARED = """---
title: "{title}"
description: "A shared description for the cache tests."
---

## Before you go

{body}

- Drink water
- Sleep well
"""


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def generated_site(target: Path, articles: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = generate
    try:
        spec.loader.exec_module(generate)
        generate.generate_site(articles, target)
    finally:
        sys.modules.pop("bench_generate", None)
    return target


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """A generated site of 60 articles plus three that share headings, paragraphs and list items."""
    site = generated_site(tmp_path_factory.mktemp("site") / "site", 60)
    posts = site / "content" / "posts"
    for name, title, body in [
        ("aa-shared.md", "First shared", "Wash your hands <b>before</b> meals."),
        ("mm-shared.md", "Second shared", "Wash your hands <b>before</b> meals."),
        ("zz-shared.md", "Third shared", "Something else entirely, with a [link](https://example.org)."),
    ]:
        (posts / name).write_text(SHARED.format(title=title, body=body), encoding="utf-8")
    return site


@pytest.fixture
def site(pristine, tmp_path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "site"))


def content_pot(project: Project) -> bytes:
    return project.template_path("content").read_bytes()


class ParseCounter:
    def __init__(self, monkeypatch):
        self.paths: list[str] = []
        original = markdown.parse_article

        def counting(path, **kwargs):
            self.paths.append(kwargs["rel_path"])
            return original(path, **kwargs)

        monkeypatch.setattr(markdown, "parse_article", counting)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ------------------------------------------------------------------------------ bytes


def test_cold_and_warm_extraction_equal_the_reference(site):
    project = Project.load(site)
    result = extract(project)
    assert content_pot(project) == reference_pot(project)
    pot = content_pot(project).decode()
    # a paragraph in two articles is one entry with both references, in first-seen order
    entry = pot[pot.index('msgid "Wash your hands <0>before</0> meals."') - 200:]
    assert "content/posts/aa-shared.md:" in entry and "content/posts/mm-shared.md:" in entry
    assert result.counts["content"] == pot.count('\nmsgid "') - 1  # the header's msgid ""
    for name in ("aa-shared.md", "zz-shared.md"):  # a shared key stops and starts being shared
        edit(site / "content/posts" / name, "Drink water", f"Drink water ({name})")
        extract(project)
        assert content_pot(project) == reference_pot(project)


def test_extracting_the_example_project_equals_the_reference(example):
    project = Project.load(example)
    project.template_path("content").unlink()  # else its date is kept
    extract(project)
    assert content_pot(project) == reference_pot(project)
    extract(project)
    assert content_pot(project) == reference_pot(project)


def test_an_old_date_is_kept_when_nothing_else_changed(site, monkeypatch):
    project = Project.load(site)
    extract(project)
    before = content_pot(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    result = extract(project)
    assert not result.changed["content"] and content_pot(project) == before
    edit(site / "content/posts/aa-shared.md", "Sleep well", "Sleep well tonight")
    result = extract(project)
    assert result.changed["content"]
    assert content_pot(project) == reference_pot(project)  # with the new date


def test_check_reports_a_change_and_writes_nothing(site):
    project = Project.load(site)
    extract(project)
    before = content_pot(project)
    edit(site / "content/posts/mm-shared.md", "Sleep well", "Sleep badly")
    result = extract(project, check=True)
    assert result.changed == {"ui": False, "content": True}
    assert content_pot(project) == before


# ------------------------------------------------------------------------------ reuse


def test_an_unchanged_article_is_not_parsed_again(site, monkeypatch):
    project = Project.load(site)
    extract(project)
    counter = ParseCounter(monkeypatch)
    extract(project)
    assert load_articles(project) and counter.paths == []


def test_an_edited_article_is_parsed_again_and_only_it(site, monkeypatch):
    project = Project.load(site)
    extract(project)
    load_articles(project)
    counter = ParseCounter(monkeypatch)
    edit(site / "content/posts/mm-shared.md", "Sleep well", "Sleep well, always")
    extract(project)
    assert counter.paths == ["content/posts/mm-shared.md"]
    sources = load_articles(project)  # the summary was refreshed by extract's parse
    assert counter.paths == ["content/posts/mm-shared.md"]
    assert content_pot(project) == reference_pot(project)
    source = next(s for s in sources if s.path == "content/posts/mm-shared.md")
    assert (None, "Sleep well, always") in source.keys


def test_the_same_bytes_with_new_times_and_a_new_inode_are_not_parsed_again(site, monkeypatch):
    project = Project.load(site)
    extract(project)
    path = site / "content/posts/aa-shared.md"
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)
    counter = ParseCounter(monkeypatch)
    extract(project)
    assert counter.paths == []


def test_a_same_size_change_that_restores_the_modification_time_is_seen(site, monkeypatch):
    project = Project.load(site)
    path = site / "content/posts/aa-shared.md"
    old = path.stat()
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns - 10_000_000_000))  # not racy when cached
    extract(project)
    stat = path.stat()
    edit(path, "Drink water", "Drink juice")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    extract(project)  # the change time and the digest give it away
    assert b'msgid "Drink juice"' in content_pot(project)


def test_a_recently_changed_file_is_not_trusted_by_its_stat(site):
    project = Project.load(site)
    path = site / "content/posts/aa-shared.md"
    edit(path, "Drink water", "Drink more water")
    extract(project)
    cache = articles_module.ShardedCache(project.root, "pot", _settings(project))
    assert cache.get("posts/aa-shared.md").stat is None  # changed just now: read again next time
    old = path.stat()
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns - 10_000_000_000))
    assert articles_module.trusted_stat((1, 5_000_000_000, 5_000_000_000, 1), 5_050_000_000) is None
    assert articles_module.trusted_stat((1, 5_000_000_001, 5_000_000_001, 1), 6_000_000_000) is not None
    assert articles_module.trusted_stat((1, 5_000_000_000, 5_000_000_000, 1), 6_000_000_000) is None  # whole seconds


def _settings(project: Project) -> tuple:
    return store_key(project)


def test_a_deleted_article_leaves_the_template_and_the_caches(site):
    project = Project.load(site)
    extract(project)
    load_articles(project)
    for folder in ("articles", "pot"):
        assert articles_module.ShardedCache(project.root, folder, _settings(project)).get("posts/zz-shared.md")
    (site / "content/posts/zz-shared.md").unlink()
    extract(project)
    assert content_pot(project) == reference_pot(project)
    assert b"zz-shared.md" not in content_pot(project)
    for folder in ("articles", "pot"):
        cache = articles_module.ShardedCache(project.root, folder, _settings(project))
        assert cache.get("posts/zz-shared.md") is None
    assert [s.path for s in load_articles(project)] == [project.relative(p) for p in article_paths(project)]


# ------------------------------------------------------------------------- corruption


def test_a_corrupt_or_foreign_cache_shard_is_ignored(site, monkeypatch):
    project = Project.load(site)
    extract(project)
    expected = content_pot(project)
    shards = sorted((site / CACHE_DIR / "pot").glob("*.pickle"))
    shards[0].write_bytes(b"not a pickle")
    shards[1].write_bytes(shards[1].read_bytes()[:100])  # truncated
    counter = ParseCounter(monkeypatch)
    extract(project)
    assert content_pot(project) == expected
    assert counter.paths  # the lost articles were parsed again, and only they
    assert len(counter.paths) < len(article_paths(project))
    counter.paths.clear()
    extract(project)
    assert counter.paths == []  # and cached again


def test_the_cache_folder_is_git_ignored(site):
    project = Project.load(site)
    extract(project)
    assert (site / CACHE_DIR / ".gitignore").read_text() == "*\n"


def test_a_parse_error_names_file_and_line_and_keeps_the_other_articles_cached(site, monkeypatch):
    project = Project.load(site)
    extract(project)
    expected = content_pot(project)
    broken = site / "content/posts/mm-shared.md"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace('title: "Second shared"', 'title: "Second shared'), encoding="utf-8")
    edit(site / "content/posts/aa-shared.md", "Sleep well", "Sleep well again")
    with pytest.raises(SourceError) as error:
        extract(project)
    assert str(error.value).startswith("content/posts/mm-shared.md:3:")
    assert content_pot(project) == expected  # nothing written
    counter = ParseCounter(monkeypatch)
    broken.write_text(text.replace("Second shared", "Second shared, fixed"), encoding="utf-8")
    extract(project)
    assert counter.paths == ["content/posts/mm-shared.md"]  # aa-shared.md was cached despite the error
    assert content_pot(project) == reference_pot(project)


def test_the_first_error_in_path_order_is_raised_serial_and_parallel(site, monkeypatch):
    project = Project.load(site)
    for name in ("zz-shared.md", "aa-shared.md"):
        path = site / "content/posts" / name
        path.write_text(path.read_text(encoding="utf-8").replace("title:", "title: [", 1), encoding="utf-8")
    messages = []
    for parallel_from in (10**6, 1):
        monkeypatch.setattr(articles_module, "PARALLEL_FROM", parallel_from)
        shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
        with pytest.raises(SourceError) as error:
            articles_module.load(project, entries=True, jobs=2)
        messages.append(str(error.value))
    assert messages[0] == messages[1] and messages[0].startswith("content/posts/aa-shared.md:3:")


# ------------------------------------------------------------------- serial, parallel


def test_serial_and_parallel_parsing_give_the_same_results(site, monkeypatch):
    project = Project.load(site)
    outputs = []
    for parallel_from in (10**6, 1):
        monkeypatch.setattr(articles_module, "PARALLEL_FROM", parallel_from)
        shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
        project.template_path("content").unlink(missing_ok=True)
        seen: list[str] = []
        loaded = articles_module.load(project, seen.append, entries=True, jobs=2)
        extract(project)
        shutil.rmtree(site / CACHE_DIR)
        pages = articles_module.load(project, jobs=2).pages
        entries = [e._replace(stat=None) for e in loaded.entries]  # stat: None while racy
        outputs.append((seen, entries, [p._replace(stat=None) for p in pages], content_pot(project)))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == [project.relative(p) for p in article_paths(project)]  # progress, in order


# --------------------------------------------------------------------------- summaries


def test_cached_pages_are_what_parsing_gives(site):
    project = Project.load(site)
    for _ in range(2):  # cold, then from the cache
        pages = load_articles(project)
        paths = article_paths(project)
        assert [project.content_dir / p.name for p in pages] == paths
        for page, path in zip(pages, paths):
            article = parse_article(path, rel_path=project.relative(path), slug=article_slug(project, path),
                                    front_matter_keys=project.front_matter_keys,
                                    name=path.relative_to(project.content_dir).as_posix())
            assert isinstance(page, Page)
            assert page._replace(stat=None) == article.page
            assert (page.slug, page.path, page.meta) == (article.page.slug, article.page.path, article.page.meta)
            assert page.keys == tuple(s.key for s in article.segments)
            assert page.field_keys == {k: s.key for k, s in article.front_matter.items()}
            assert len(page.words) == len(page.keys)
            assert page.weighted_keys() == list(zip(page.keys, page.words))
            body = parse_body(page, path)
            assert body.page is page
            assert (body.tokens, body.blocks, body.front_matter) == (article.tokens, article.blocks, {})
            assert body.segments == article.segments[len(article.front_matter):]


def test_article_paths_match_rglob(tmp_path):
    (tmp_path / "l10n.yaml").write_text("source_locale: en\nlocales: [nl]\n", encoding="utf-8")
    posts = tmp_path / "content" / "posts"
    for name in ("b.md", "a-b.md", "a/b.md", "a/c/d.md", "a.b.md", ".hidden.md", "x.txt", "Z.md", "é.md"):
        (posts / name).parent.mkdir(parents=True, exist_ok=True)
        (posts / name).write_text("# Hello there\n", encoding="utf-8")
    (posts / "linked").symlink_to(posts / "a", target_is_directory=True)
    (posts / "link.md").symlink_to(posts / "b.md")
    project = Project.load(tmp_path)
    assert article_paths(project) == sorted(posts.rglob("*.md"))
    sources = load_articles(project)
    assert [s.path for s in sources] == [project.relative(p) for p in sorted(posts.rglob("*.md"))]
    assert sources[[s.slug for s in sources].index("posts/link")].path == "content/posts/b.md"
