"""docs/templates.md names everything a template gets: the doc cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

from l10n_tool.build.inputs import FullInputs
from l10n_tool.config import Project

DOC = (Path(__file__).resolve().parent.parent / "docs/templates.md").read_text(encoding="utf-8")
JINJA_OWN_GLOBALS = {"range", "dict", "lipsum", "cycler", "joiner", "namespace"}


def first_cells() -> set[str]:
    """What the first cell of each table row names: ``lang_attr(text)`` -> lang_attr, ``\\|plain`` ->
    plain, ``page.title`` -> page.title."""
    names = set()
    for line in DOC.splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            cell = line[2:].split(" | ")[0]
            names.update(re.findall(r"`(?:\\\|)?([\w.]+)", cell))
    return names


CELLS = first_cells()


def named(name: str) -> bool:
    return name in CELLS


def test_every_global_and_filter_of_a_page_is_documented(example):
    site = FullInputs(Project.load(example)).site
    environment = site.environment("nl")
    from jinja2 import Environment

    plain = Environment(extensions=["jinja2.ext.i18n"])
    ours = set(environment.globals) - set(plain.globals) - JINJA_OWN_GLOBALS
    filters = set(environment.filters) - set(plain.filters) | {"plain", "tojson"}
    assert {"lang_attr", "format_date", "dir", "html_lang", "root"} - ours == {"root"}  # root is per page
    missing = sorted(name for name in ours | filters if not named(name))
    assert missing == []


def test_every_page_field_is_documented(example):
    site = FullInputs(Project.load(example)).site
    article = site.articles[0]
    fields = site.page_fields(article, "nl", site.content["nl"])
    missing = sorted(key for key in [*fields, "body"] if not named(f"page.{key}"))
    assert missing == []


def test_every_variable_a_page_is_rendered_with_is_documented():
    source = (Path(__file__).resolve().parent.parent / "l10n_tool/build/pages.py").read_text(encoding="utf-8")
    passed = set(re.findall(r"\b(\w+)=", " ".join(re.findall(r"render_template\((.*?)\)\n", source, re.S))))
    passed -= {"slug", "locale", "path"}  # arguments of the calls inside, not template variables
    assert passed >= {"page", "posts", "section", "tag", "canonical", "alternates", "switcher", "root"}
    assert sorted(name for name in passed if not named(name)) == []
