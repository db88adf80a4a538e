"""Extraction: UI strings from templates and article text into the two POT templates.

Article Page records and each article's formatted POT entries are cached per article
(``articles.py``, ``pot.py``), so an unchanged article is never parsed again; ``content.pot``
is assembled from cached bytes, copying from the last one what did not change (``layout.py``).
Templates' UI strings are cached by the templates' bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from l10n_tool.config import Project
from l10n_tool.cache import CACHE_DIR, Store
from l10n_tool.extract.articles import find_articles, load
from l10n_tool.extract.layout import assemble, old_body
from l10n_tool.po.pot import (
    creation_date,
    entry_bytes,
    segment_fields,
    template_bytes,
    template_catalog,
    template_header,
)
from l10n_tool.errors import SourceError
from l10n_tool.files import file_stat, write_atomic
from l10n_tool.model import Key, Page, Segment

__all__ = [
    "CACHE_DIR", "ExtractResult", "Key", "Page", "article_paths", "article_slug",
    "creation_date", "extract", "load_articles", "template_catalog", "template_header", "ui_segments",
]

Progress = Callable[[str], None]


@dataclass
class ExtractResult:
    """What extraction produced: per domain, the template path and whether it changed; the
    warnings about templates."""

    changed: dict[str, bool] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[SourceError] = field(default_factory=list)


def article_paths(project: Project) -> list[Path]:
    """Every Markdown article of the project, sorted."""
    folder = project.content_dir
    return [folder / item.name for item in find_articles(project)]


def article_slug(project: Project, path: Path) -> str:
    """``content/posts/x.md`` -> ``posts/x``: its path below the content folder without the
    suffix, the page's identity in reports (its URL is ``build.tree.url_path``)."""
    return path.relative_to(project.content_dir).with_suffix("").as_posix()


def load_articles(project: Project, progress: Progress | None = None, *, keep: bool = True) -> list[Page]:
    """Every article of the project in path order (errors name file and line), parsed only when
    changed. *keep*: remember what was parsed in the cache (read-only commands do not)."""
    return load(project, progress, keep=keep).pages


def ui_segments(project: Project, warnings: list[SourceError] | None = None) -> list[Segment]:
    """Every UI string of the project's templates, in file order; a template is read again only
    when its bytes changed. What is read but doubtful (an unknown tag, a template no suffix
    covers) goes to *warnings* when it is given; every template that fails is in one error."""
    from l10n_tool.extract.templates import cached_segments, skipped_templates, template_files

    options = project.jinja
    files = [(path, project.relative(path)) for path in template_files(project.templates_dir, options.suffixes)]
    store = Store(project)
    cache = store.load("ui.pickle")
    cache = cache if isinstance(cache, dict) else {}
    before = dict(cache)
    try:
        segments, found = cached_segments(files, cache, options)
    finally:
        if cache != before:
            store.save("ui.pickle", cache)
    if warnings is not None:
        warnings.extend(skipped_templates(project.templates_dir, options.suffixes, project.templates))
        warnings.extend(found)
    return segments


def extract(project: Project, *, check: bool = False, progress: Progress | None = None) -> ExtractResult:
    """Write ``ui.pot`` (templates' strings, and a generator's string tables) and
    ``content.pot``; with *check*, only report what would change.

    The templates are rebuilt from sources, so they are written without fsync.
    """
    loaded = load(project, progress, entries=True)
    result = ExtractResult()
    from l10n_tool.targets.ui_tables import table_segments

    ui = segment_fields(ui_segments(project, result.warnings) + table_segments(project))
    _template(project, result, "ui", [entry_bytes(key, fields) for key, fields in ui.items()], len(ui), check)
    path = project.template_path("content")
    store = Store(project)
    old = store.load("layout.pickle")
    assembled = assemble(loaded.names, loaded.entries, loaded.full, old, old_body(path, old))
    loaded.full.save()
    size = _template(project, result, "content", assembled.parts, assembled.count, check)
    stat = file_stat(path)
    if stat is not None and stat[0] == size and not (check and result.changed["content"]):
        ends = memoryview(assembled.layout.ends).cast("Q")
        layout = assembled.layout._replace(stat=stat, body=stat[0] - (ends[-1] if len(ends) else 0))
        if layout != old:
            store.save("layout.pickle", layout)
    return result


def _template(project: Project, result: ExtractResult, domain: str, parts: list, count: int, check: bool) -> int:
    """Write one template if it changed (unless *check*); its size in bytes."""
    path = project.template_path(domain)
    data, result.changed[domain] = template_bytes(project.site_name, parts, path)
    result.paths[domain] = path
    result.counts[domain] = count
    if result.changed[domain] and not check:
        write_atomic(path, data, durable=False, differs=True)
    return len(data)
