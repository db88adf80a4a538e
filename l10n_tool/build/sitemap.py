"""``sitemap.xml``: every published version of every page, with ``xhtml:link`` alternates.

The sitemaps protocol allows 50,000 URLs and 50 MiB a file. A site within both gets one
``sitemap.xml``; a larger one (a dozen locales make a sitemap grow with the square of their
number: each version lists every other) gets ``sitemap-1.xml``, ``sitemap-2.xml``, ... cut
between pages, and ``sitemap.xml`` becomes their index. Each file is rendered on its own.
"""

from __future__ import annotations

import functools
from typing import Callable
from urllib.parse import quote

from markupsafe import escape

from .site import Site, with_default
from .tree import url_path

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n')
_TAIL = "\n</urlset>\n"


def sitemap_files(site: Site) -> dict[str, Callable[[Site], str]]:
    """Path -> renderer of each sitemap file of *site*."""
    parts = _parts(site)
    if len(parts) == 1:
        return {"sitemap.xml": functools.partial(_urlset, slugs=parts[0])}
    files: dict[str, Callable[[Site], str]] = {"sitemap.xml": functools.partial(_index, count=len(parts))}
    for number, slugs in enumerate(parts, 1):
        files[f"sitemap-{number}.xml"] = functools.partial(_urlset, slugs=slugs)
    return files


_ASCII_PRINTABLE = "".join(chr(code) for code in range(33, 127))


def _uri(url: str) -> str:
    """*url* as the sitemaps protocol wants it: non-ASCII letters percent-encoded too (UTF-8)."""
    return quote(url, safe=_ASCII_PRINTABLE)


def _entries(site: Site, slug: str | None) -> list[str]:
    """The ``<url>`` entries of one page: one per published version."""
    versions = site.alternates(slug, "", "")
    entries = []
    for version in versions:
        links = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{a.hreflang}" href="{escape(_uri(a.url))}"/>'
            for a in with_default(site, versions)) if len(versions) > 1 else ""
        entries.append(f"  <url>\n    <loc>{escape(_uri(version.url))}</loc>{links}\n  </url>")
    return entries


def _parts(site: Site) -> list[tuple[str | None, ...]]:
    """The pages (slugs; None: the locale indexes) of each sitemap file, in order, cut so that
    no file has more than MAX_URLS entries or MAX_BYTES bytes."""
    parts: list[list] = [[]]
    urls, size = 0, len(_HEAD) + len(_TAIL)
    for slug in _pages(site):
        entries = _entries(site, slug)
        grows = sum(len(entry.encode("utf-8")) + 1 for entry in entries)
        if parts[-1] and (urls + len(entries) > MAX_URLS or size + grows > MAX_BYTES):
            parts.append([])
            urls, size = 0, len(_HEAD) + len(_TAIL)
        parts[-1].append(slug)
        urls, size = urls + len(entries), size + grows
    return [tuple(part) for part in parts]


def _pages(site: Site) -> list[str | None]:
    """Each page of the site once: the home page (None), section pages no article heads, articles."""
    tree = site.tree
    sections = [path for path in tree.lists[1:] if tree.head_of(path) is None]
    return [None, *sections, *(a.slug for a in site.articles if url_path(a.slug))]


def _urlset(site: Site, slugs: tuple[str | None, ...]) -> str:
    entries = [entry for slug in slugs for entry in _entries(site, slug)]
    return _HEAD + "\n".join(entries) + _TAIL


def _index(site: Site, count: int) -> str:
    items = "".join(f"  <sitemap>\n    <loc>{escape(site.url(f'sitemap-{n}.xml'))}</loc>\n  </sitemap>\n"
                    for n in range(1, count + 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + items + "</sitemapindex>\n")
