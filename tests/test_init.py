"""``l10n init``: an empty folder to a three-locale site that builds and passes the audit."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser

from l10n_tool.cli import main


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_init_makes_a_project_that_builds_and_passes_the_audit(tmp_path):
    project = tmp_path / "my-site"
    result = run("init", str(project))
    assert result.exit_code == 0, result.output
    assert "wrote l10n.yaml" in result.output and "wrote .gitignore" in result.output
    assert (project / "locales/ar/LC_MESSAGES/content.po").is_file()
    for command in (["extract"], ["update"], ["build"], ["audit", "site"], ["check"]):
        outcome = run(*command, "-C", str(project)) if command[0] != "audit" else \
            run("audit", str(project / "site"), "-C", str(project))
        assert outcome.exit_code == 0, (command, outcome.output)
    site = project / "site"
    arabic = LexborHTMLParser((site / "ar/index.html").read_text(encoding="utf-8")).css_first("html")
    assert arabic.attributes == {"lang": "ar", "dir": "rtl"}
    assert (site / "en/about/index.html").is_file() and (site / "en/posts/welcome/index.html").is_file()
    assert (site / "fr/posts/index.html").is_file()  # the section's list page
    ignored = (project / ".gitignore").read_text(encoding="utf-8").split()
    assert {".l10n-cache/", ".l10n.lock", "*.mo", "/site/"} <= set(ignored)


def test_a_second_init_changes_no_byte_and_says_so(tmp_path):
    run("init", str(tmp_path), "--locale", "nl")
    before = snapshot(tmp_path)
    result = run("init", str(tmp_path), "--locale", "nl")
    assert result.exit_code == 0 and "nothing to do" in result.output
    assert snapshot(tmp_path) == before


def test_init_over_a_project_writes_only_what_is_missing(tmp_path):
    (tmp_path / "l10n.yaml").write_text("source_locale: en\nlocales: [de]\ncontent: content\n", encoding="utf-8")
    (tmp_path / "content/templates").mkdir(parents=True)
    (tmp_path / "content/templates/base.html").write_text("<!DOCTYPE html>{% block main %}{% endblock %}",
                                                          encoding="utf-8")
    result = run("init", str(tmp_path))
    assert result.exit_code == 0
    assert "kept 2 file(s) that exist already: content/templates/base.html, l10n.yaml" in result.output
    assert (tmp_path / "l10n.yaml").read_text(encoding="utf-8").endswith("content: content\n")
    assert (tmp_path / "content/templates/base.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>{%")
    assert (tmp_path / "content/templates/post.html").is_file()
    assert (tmp_path / "locales/de/LC_MESSAGES/ui.po").is_file()  # the project's own locales


def test_init_refuses_a_bad_locale(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path), "--locale", "../x"])
    assert result.exit_code == 2 and "--locale" in result.output
    assert not (tmp_path / "l10n.yaml").exists()
