"""UI string extraction from Jinja2 templates through Babel."""

from pathlib import Path

import pytest

from l10n_tool.errors import SourceError
from l10n_tool.extract.templates import extract_template, template_closure

DATA = Path(__file__).parent / "data" / "templates"
SITE_TEMPLATES = Path(__file__).parent.parent / "content" / "templates"


def test_keywords_contexts_comments_plurals_and_trimmed_blocks():
    found = [(s.origin.line, s.context, s.msgid, s.plural, s.comments, s.flags)
             for s in extract_template(DATA / "widgets.html", "widgets.html")]
    assert found == [
        (1, None, "Comments", None, (), ()),
        (3, None, "No comments yet", None, ("shown when nobody has commented yet",), ()),
        (4, "navigation", "Home", None, (), ()),
        (5, None, "Written by %(author)s", None, (), ("python-format",)),
        (8, None, "%(num)d min read", "%(num)d min read", (), ("python-format",)),
        (9, None, "One rating", "%(count)s ratings", (), ("python-format",)),
        (10, None, "Comments", None, (), ()),
    ]


def test_syntax_error_names_file_and_line(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<p>ok</p>\n<p>{% if page %}{{ _('x') }}\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        extract_template(broken, "content/templates/broken.html")
    assert str(error.value).startswith("content/templates/broken.html:2: template syntax error")


def test_post_page_uses_base_and_switcher():
    assert template_closure(SITE_TEMPLATES, "post.html") == ["base.html", "post.html", "switcher.html"]
