"""The sitemap stays within the protocol's limits: one file, or an index and its parts."""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ET

import pytest

from l10n_tool.build import build_site
from l10n_tool.config import Project

sitemap = importlib.import_module("l10n_tool.build.sitemap")  # l10n_tool.build is the API function
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locs(path) -> list[str]:
    return [loc.text for loc in ET.parse(path).getroot().findall("s:url/s:loc", NS)]


def test_a_small_site_has_one_sitemap(example):
    build_site(Project.load(example))
    assert ET.parse(example / "site/sitemap.xml").getroot().tag == "{%s}urlset" % NS["s"]
    assert not list((example / "site").glob("sitemap-*.xml"))


@pytest.mark.parametrize("limit", ["MAX_URLS", "MAX_BYTES"])
def test_a_large_site_gets_an_index_and_parts_within_the_limits(example, monkeypatch, limit):
    build_site(Project.load(example))
    whole = locs(example / "site/sitemap.xml")
    small = {"MAX_URLS": 4, "MAX_BYTES": 2500}[limit]
    monkeypatch.setattr(sitemap, limit, small)
    result = build_site(Project.load(example))
    site = example / "site"
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == "{%s}sitemapindex" % NS["s"]
    listed = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    parts = sorted(site.glob("sitemap-*.xml"), key=lambda p: int(p.stem.split("-")[1]))
    assert listed == [f"https://lindenhof.example.org/{p.name}" for p in parts] and len(parts) > 1
    for part in parts:
        count = len(locs(part))
        assert 0 < count and (count <= small if limit == "MAX_URLS" else part.stat().st_size <= small)
    assert [loc for part in parts for loc in locs(part)] == whole
    assert {f"sitemap-{n}.xml" for n in range(1, len(parts) + 1)} <= set(result.written)
