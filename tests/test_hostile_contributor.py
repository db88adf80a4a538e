"""Contributor input that gave a traceback, or was quietly accepted, instead of a ``path:line``
error and exit 2 (issue 16, items 6, 7, 8, 16, 18 and the configuration it lists)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool.cli import main

POST = "content/posts/hay-fever-season.md"
TEMPLATE = "content/templates/post.html"
BOMB = "\n".join(["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"{x}: &{x} [{', '.join(['*' + p] * 9)}]" for p, x in zip("abcdef", "bcdefg")])


def run(project: Path, *args: str):
    return CliRunner().invoke(main, [*args, "-C", str(project)])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def input_error(result, where: str) -> None:
    """Exit 2 with ``where`` (``path:line``) first on a line, and no traceback."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, result.output
    pattern = re.escape(where).replace("LINE", r"\d+")
    assert re.search(rf"(^|/){pattern}", result.output, re.M), result.output


# --- items 6 and 7 (already refused on main: kept as tests) -----------------------------------

def test_an_alias_bomb_in_the_configuration_is_an_error(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + BOMB + "\n", encoding="utf-8")
    for command in ("build", "status", "check"):
        input_error(run(example, command), "l10n.yaml:LINE: invalid YAML: aliases expand")


@pytest.mark.parametrize("old, new, where", [
    ("tags: [allergies, spring, wellbeing]", BOMB.replace("g: &g", "tags:"), f"{POST}:LINE:8: bad front matter: aliases expand"),
    ("date: 2026-02-20", "date: 2026-13-45", f"{POST}:5: front matter key 'date' must be a real date"),
    ("reading_time: 2", "reading_time: abc", f"{POST}:6: front matter key 'reading_time' must be a whole number"),
    ("reading_time: 2", "reading_time: 2\nrating: [1]", f"{POST}:7: front matter key 'rating' must be a whole number"),
], ids=["alias-bomb", "date", "reading-time", "rating"])
def test_bad_front_matter_is_an_error_at_its_line(example, old, new, where):
    edit(example / POST, old, new)
    for command in ("build", "extract"):
        input_error(run(example, command), where)


# --- item 8: templates ------------------------------------------------------------------------

@pytest.mark.parametrize("old, new, where", [
    ("{% block main %}", "{% block main %}{% include 'post.html' %}", f"{TEMPLATE}:LINE: template error: RecursionError"),
    ('{% extends "base.html" %}', '{% extends "post.html" %}', f"{TEMPLATE}:1: template error: RecursionError"),
    ("{% block main %}", "{% block main %}{% macro f(x) %}{{ f(x) }}{% endmacro %}{{ f(1) }}",
     f"{TEMPLATE}:4: template error: RecursionError"),
    ("{% block main %}", "{% block main %}{{ 1//0 }}", f"{TEMPLATE}:4: template error: ZeroDivisionError"),
    ("{% block main %}", "{% block main %}{{ 'a' + 1 }}", f"{TEMPLATE}:4: template error:"),
    ("{% block main %}", "{% block main %}{% include 'nope.html' %}", f"{TEMPLATE}:4: template error: 'nope.html' not found"),
    ("{% block main %}", "{% block main %}{{ nope.x }}", f"{TEMPLATE}:4: template error: 'nope' is undefined"),
], ids=["includes-itself", "extends-itself", "recursive-macro", "division-by-zero", "type-error",
        "missing-include", "undefined"])
def test_a_broken_template_is_an_error_at_its_line(example, old, new, where):
    edit(example / TEMPLATE, old, new)
    input_error(run(example, "build"), where)
    assert not list((example / "site").glob("**/*.html"))  # nothing half-written


def test_a_template_that_is_not_utf8_is_an_error_at_its_line(example):
    template = example / TEMPLATE
    template.write_bytes(template.read_bytes().replace(b"{% block main %}", "{% block main %}café".encode("latin-1")))
    for command in ("build", "extract"):
        input_error(run(example, command), f"{TEMPLATE}:4: not UTF-8")


# --- item 16: symlinks to outside the project -------------------------------------------------

def test_a_symlink_to_outside_the_project_is_refused(example, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\n\nThe password is swordfish.\n", encoding="utf-8")
    os.symlink(secret, example / "content/posts/secret.md")
    for command in ("extract", "build"):
        input_error(run(example, command), "content/posts/secret.md: a symlink to ")
    assert "swordfish" not in (example / "locales/templates/content.pot").read_text(encoding="utf-8")
    os.remove(example / "content/posts/secret.md")

    os.symlink(secret, example / "content/static/secret.txt")
    input_error(run(example, "build"), "content/static/secret.txt: a symlink to ")
    assert not list((example / "site").glob("**/secret.txt"))

    os.symlink(secret, example / "content/templates/secret.html")
    input_error(run(example, "build"), "content/templates/secret.html: a symlink to ")

    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "follow_external_symlinks: true\n", encoding="utf-8")
    assert run(example, "build").exit_code == 0
    assert "swordfish" in (example / "site/static/secret.txt").read_text(encoding="utf-8")


def test_a_symlink_inside_the_project_is_read(example):
    os.symlink((example / "content/static/site.css").resolve(), example / "content/static/copy.css")
    assert run(example, "build").exit_code == 0
    assert (example / "site/static/copy.css").read_bytes() == (example / "content/static/site.css").read_bytes()


# --- item 18: slugs in links and the sitemap --------------------------------------------------

def test_slugs_are_url_encoded_in_links_and_the_sitemap(example):
    article = (example / POST).read_text(encoding="utf-8")
    for name in ("what?", "h#sh", "a b", "100%"):
        (example / f"content/posts/{name}.md").write_text(article.replace("Getting Through", name), encoding="utf-8")
    assert run(example, "build").exit_code == 0
    index = (example / "site/en/index.html").read_text(encoding="utf-8")
    sitemap = (example / "site/sitemap.xml").read_text(encoding="utf-8")
    for name, encoded in (("what?", "what%3F"), ("h#sh", "h%23sh"), ("a b", "a%20b"), ("100%", "100%25")):
        assert (example / f"site/en/posts/{name}/index.html").is_file()  # the folder keeps its name
        assert f'href="../en/posts/{encoded}/"' in index
        assert f"<loc>https://lindenhof.example.org/en/posts/{encoded}/</loc>" in sitemap
        page = (example / f"site/en/posts/{name}/index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="https://lindenhof.example.org/en/posts/{encoded}/">' in page
    assert not re.search(r"<loc>[^<]*[ ?#]", sitemap)


# --- the configuration ------------------------------------------------------------------------

@pytest.mark.parametrize("add, where", [
    ("locales: [nl]\n", "l10n.yaml:14: invalid YAML: 'locales' appears twice"),
    ("per_locale: {fr: {publish_threshold: 10}}\n", "l10n.yaml:14: per_locale.fr: not one of the project's locales"),
    ("checks: {disable: [python-format, nonsense]}\n", "l10n.yaml:14: checks.disable[1]: no check is called 'nonsense'"),
    ("follow_external_symlinks: maybe\n", "l10n.yaml:14: follow_external_symlinks: expected true or false"),
], ids=["duplicate-key", "per-locale", "unknown-check", "symlink-setting"])
def test_a_configuration_mistake_is_an_error_at_its_line(example, add, where):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + add, encoding="utf-8")
    for command in ("build", "check", "status"):
        input_error(run(example, command), where)


def test_a_duplicate_front_matter_key_is_an_error(example):
    edit(example / POST, "reading_time: 2", "reading_time: 2\ntitle: Again")
    input_error(run(example, "build"), f"{POST}:7:")


@pytest.mark.parametrize("output, why", [
    ("content/static", "'content/static' is the static folder"),
    ("content/static/site", "'content/static/site' is inside the static folder"),
    ("content/templates", "'content/templates' is the templates folder"),
    ("locales", "'locales' is the catalogs folder"),
    (".", "the project folder itself"),
    ("content", "'content' holds the templates folder"),
])
def test_the_output_folder_may_not_be_an_input_folder(example, output, why):
    edit(example / "l10n.yaml", "output: site", f"output: {output}")
    input_error(run(example, "build"), f"l10n.yaml:11: output: {why}")


def test_the_output_folder_may_lie_inside_the_content_folder(example):
    edit(example / "l10n.yaml", "output: site", "output: content/site")
    assert run(example, "build").exit_code == 0
    assert (example / "content/site/nl/index.html").is_file()


# --- a latin-1 header over a UTF-8 body -------------------------------------------------------

def test_a_utf8_catalog_that_says_latin1_is_a_warning_in_update_and_check(example):
    catalog = example / "locales/nl/LC_MESSAGES/content.po"
    text = catalog.read_text(encoding="utf-8")
    assert "é" in text or "ë" in text
    line = text[:text.index("charset=UTF-8")].count("\n") + 1
    catalog.write_text(text.replace("charset=UTF-8", "charset=ISO-8859-1"), encoding="utf-8")
    shown = "locales/nl/LC_MESSAGES/content.po"
    updated = run(example, "update", "--check")
    assert f"warning: {shown}:{line}: the header says charset=ISO-8859-1 but the text is UTF-8" in updated.output
    checked = run(example, "check")
    assert re.search(rf"^{shown}:{line}: warning \[charset\] the header says charset=ISO-8859-1", checked.output, re.M)
    single = CliRunner().invoke(main, ["update", str(catalog), "--template",
                                       str(example / "locales/templates/content.pot"), "--check"])
    assert "the text is UTF-8" in single.output
    assert "charset" not in run(example, "check", "--disable", "charset").output.replace("[fuzzy]", "")


def test_a_real_latin1_catalog_is_no_warning(example):
    catalog = example / "locales/nl/LC_MESSAGES/content.po"
    text = catalog.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
    catalog.write_bytes(text.encode("latin-1", "replace"))
    assert "[charset]" not in run(example, "check").output


@pytest.mark.parametrize("old, new, where", [
    ("reading_time: 2", "reading_time: 2\nlocales: ['2026-13-45']", f"{POST}:7: front matter: locales:"),
    ("reading_time: 2", "reading_time: 2\nlocales: [fr]", f"{POST}:7: front matter key 'locales': 'fr'"),
    ("reading_time: 2", "reading_time: 2\ntemplate: nope.html", f"nope.html (for {POST}:7)"),
], ids=["bad-locale-code", "unknown-locale", "missing-template"])
def test_front_matter_that_names_something_missing_is_an_error_at_its_line(example, old, new, where):
    edit(example / POST, old, new)
    result = run(example, "build")
    assert result.exit_code == 2 and where in result.output, result.output


def test_a_slug_that_is_no_url_segment_is_an_error_at_its_line(example):
    edit(example / POST, "reading_time: 2", "reading_time: 2\nslug: <script>x</script>")
    input_error(run(example, "build"), f"{POST}:7: slug: '<script>x</script>' is not one URL segment")
