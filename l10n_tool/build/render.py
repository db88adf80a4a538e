"""Render the planned pages, on every core when there are enough of them."""

from __future__ import annotations

from typing import Callable, Iterator

from l10n_tool.extract.markdown import parse_body
from l10n_tool.parallel import fork_map, worker_count

from .pages import PageRenderer, prepare_post, render_post
from .site import Site

Progress = Callable[[str], None]
Rendered = tuple[str, str, list[str]]  # (path in the site, HTML, problems)

PARALLEL_FROM = 24  # articles to render before a process pool is worth its start-up
RENDER_CHUNK = 32  # articles a worker renders per message: their pages are held until it is sent
CHUNK_PAGES = 128  # ... and at most about this many pages (with many locales, fewer articles)


def render_pages(site: Site, todo: dict[int, list[str]], pages: dict[str, PageRenderer], *, jobs: int | None,
                 progress: Progress | None) -> Iterator[Rendered]:
    """(path, html, problems) of every post in *todo* (article index -> locales) and of each
    site page of *pages* (path -> renderer, ``site_pages``). In parallel the site pages start
    first, as they are the largest tasks, and come as soon as they are ready."""
    posts = sorted(todo.items())
    locales = max((len(locales) for _, locales in posts), default=1)
    chunk = max(1, min(RENDER_CHUNK, len(posts) // (worker_count(jobs) * 8), CHUNK_PAGES // locales))
    for rendered in fork_map(_render_task, posts, site, jobs=jobs, parallel=len(posts) >= PARALLEL_FROM,
                             chunksize=chunk, early=pages.items()):
        for page in rendered:
            if progress:
                progress(page[0])
            yield page


def _render_task(site: Site, task: tuple[int, list[str]] | tuple[str, PageRenderer]) -> list[Rendered]:
    """Parse one article once and render it for each of its locales; or render a site page."""
    if isinstance(task[0], str):
        path, renderer = task
        rendered = renderer(site)
        return [(path, *rendered) if isinstance(rendered, tuple) else (path, rendered, [])]
    index, locales = task
    article = site.articles[index]
    prepared = prepare_post(parse_body(article, site.project.content_dir / article.name,
                                       site.project.shortcode_parameters))
    pages = []
    for locale in locales:
        html, problems = render_post(site, prepared, locale)
        pages.append((site.file(article.slug, locale), html, problems))
    return pages
