"""The l10n command line on a copy of the example site, through click's CliRunner."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool.cli import main

COMMANDS = ["extract", "update", "compile", "status", "build", "check", "merge", "audit", "serve"]
CLINIC = "posts/sleep-well-again"


def run(*args: str, project: Path | None = None, env: dict | None = None):
    arguments = list(args) + (["-C", str(project)] if project else [])
    return CliRunner().invoke(main, arguments, env=env, catch_exceptions=False)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and re.search(r"l10n, version \d+\.\d+", result.output)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and "-C, --project" in result.output


def test_extract_twice_changes_nothing(example):
    first = run("extract", project=example)
    assert first.exit_code == 0, first.output
    pot = (example / "locales/templates/content.pot").read_bytes()
    second = run("extract", project=example)
    assert "unchanged" in second.output and "written" not in second.output
    assert (example / "locales/templates/content.pot").read_bytes() == pot
    assert run("extract", "--check", project=example).exit_code == 0


def test_extract_check_reports_a_stale_template_and_writes_nothing(example):
    run("extract", project=example)
    article = example / "content/posts/hay-fever-season.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA brand new closing sentence.\n",
                       encoding="utf-8")
    before = (example / "locales/templates/content.pot").read_bytes()
    result = run("extract", "--check", project=example)
    assert result.exit_code == 1 and "would change" in result.output
    assert (example / "locales/templates/content.pot").read_bytes() == before


def test_source_date_epoch_dates_the_template(example):
    (example / "locales/templates/ui.pot").unlink()
    run("extract", project=example, env={"SOURCE_DATE_EPOCH": "1700000000"})
    text = (example / "locales/templates/ui.pot").read_text(encoding="utf-8")
    assert '"POT-Creation-Date: 2023-11-14 22:13+0000\\n"' in text


def test_references_are_real_file_lines(example):
    run("extract", project=example)
    pot = (example / "locales/templates/content.pot").read_text(encoding="utf-8")
    lines = (example / "content/posts/sleep-well-again.md").read_text(encoding="utf-8").splitlines()
    references = re.findall(r"content/posts/sleep-well-again\.md:(\d+)", pot)
    assert len(references) > 40
    for number in references:
        assert lines[int(number) - 1].strip(), f"line {number} is blank"
    assert "**" not in pot and "](http" not in pot


def test_update_is_idempotent(example):
    run("extract", project=example)
    first = run("update", project=example)
    assert first.exit_code == 0, first.output
    snapshot = {p: p.read_bytes() for p in (example / "locales").rglob("*.po")}
    second = run("update", project=example)
    assert "updated" not in second.output
    assert {p: p.read_bytes() for p in (example / "locales").rglob("*.po")} == snapshot
    assert run("update", "--check", project=example).exit_code == 0


def test_update_creates_a_catalog_with_plural_forms(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("[nl, de]", "[nl, de, ar]"),
                      encoding="utf-8")
    result = run("update", "--locale", "ar", "--domain", "ui", project=example)
    assert result.exit_code == 0, result.output
    text = (example / "locales/ar/LC_MESSAGES/ui.po").read_text(encoding="utf-8")
    assert '"Language: ar\\n"' in text and "nplurals=6;" in text
    assert "msgstr[5]" in text


def test_status_json_schema_and_the_mixed_clinic_post(example):
    result = run("status", "--format", "json", project=example)
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["source_locale"] == "en"
    keys = {"locale", "domain", "path", "total", "translated", "fuzzy", "untranslated", "obsolete",
            "percent", "words_total", "words_translated"}
    assert all(keys <= set(row) for row in data["catalogs"])
    assert {(r["locale"], r["domain"]) for r in data["catalogs"]} == {
        ("nl", "ui"), ("nl", "content"), ("de", "ui"), ("de", "content")}
    pages = {(p["page"], p["locale"]): p for p in data["pages"]}
    clinic = pages[(CLINIC, "nl")]
    assert clinic["ui_percent"] == 100.0
    assert 0 < clinic["content_percent"] < 80
    assert clinic["verdict"] == "mixed" and clinic["published"] is False
    assert any(p["verdict"] == "complete" and p["published"] for p in data["pages"])


def test_status_table_shows_pages_and_verdicts(example):
    result = run("status", "--pages", project=example)
    assert result.exit_code == 0
    assert "Catalogs" in result.output and "Pages" in result.output
    assert re.search(r"posts/sleep-well-again\s+│\s+nl\s+│\s+100\.0%\s+│\s+\d+\.\d%\s+│\s+mixed", result.output)


def test_status_lists_missing_messages_with_file_and_line(example):
    result = run("status", "--locale", "nl", "--domain", "content", "--list-missing", project=example)
    assert result.exit_code == 0
    assert re.search(r"content/posts/sleep-well-again\.md:\d+", result.output)
    assert "locales/nl/LC_MESSAGES/content.po" in result.output


def test_fail_under_exits_one(example):
    assert run("status", "--fail-under", "100", project=example).exit_code == 1
    assert run("status", "--domain", "ui", "--fail-under", "100", project=example).exit_code == 0


def test_status_on_plain_files(example):
    path = example / "locales/de/LC_MESSAGES/ui.po"
    result = run("status", str(path), "--format", "json")
    data = json.loads(result.output)
    assert data["catalogs"][0]["locale"] == "de" and data["catalogs"][0]["percent"] == 100.0


def test_single_file_update_like_msgmerge(example, tmp_path):
    po = example / "locales/nl/LC_MESSAGES/ui.po"
    pot = example / "locales/templates/ui.pot"
    out = tmp_path / "out.po"
    result = run("update", str(po), "--template", str(pot), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == po.read_bytes()


def test_compile_writes_mo_files(example):
    result = run("compile", project=example)
    assert result.exit_code == 0
    assert (example / "locales/nl/LC_MESSAGES/ui.mo").is_file()


def test_unknown_locale_flag_is_a_usage_error(example):
    result = run("status", "--locale", "../../etc", project=example)
    assert result.exit_code == 2 and "--locale" in result.output


@pytest.mark.parametrize("command", [["status"], ["update"], ["build"], ["compile"]])
def test_malformed_catalog_names_file_and_line(example, command):
    po = example / "locales/nl/LC_MESSAGES/ui.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("msgid") and i > 20)
    lines[index] = lines[index].rstrip().rstrip('"') + "\n"
    po.write_text("".join(lines), encoding="utf-8")
    before = po.read_bytes()
    result = CliRunner().invoke(main, command + ["-C", str(example)])
    assert result.exit_code == 2
    assert f"locales/nl/LC_MESSAGES/ui.po:{index + 1}:" in result.output
    assert "Traceback" not in result.output
    assert po.read_bytes() == before


def test_bad_front_matter_names_file_and_line(example):
    article = example / "content/posts/hay-fever-season.md"
    text = article.read_text(encoding="utf-8").replace("reading_time:", "reading_time: [", 1)
    article.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "-C", str(example)])
    assert result.exit_code == 2
    assert re.match(r"content/posts/hay-fever-season\.md:7(:\d+)?: bad front matter", result.output)


def test_broken_template_names_file_and_line(example):
    template = example / "content/templates/post.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% endblock %}", "{% endblok %}", 1),
                        encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "-C", str(example)])
    assert result.exit_code == 2
    assert re.match(r"content/templates/post\.html:\d+: template syntax error", result.output)
    assert not list((example / "locales/templates").glob(".*.tmp"))


def test_template_error_at_build_names_file_and_line_and_writes_nothing(example):
    assert run("build", project=example).exit_code == 0
    before = {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()}
    template = example / "content/templates/post.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<p class="tags">', '<p class="tags">{{ page.no_such_field.oops }}'), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "-C", str(example)])
    assert result.exit_code == 2
    assert re.match(r"content/templates/post\.html:\d+: template error: .*no_such_field", result.output)
    assert {p: p.read_bytes() for p in (example / "site").rglob("*") if p.is_file()} == before


def test_cached_extraction_writes_the_same_bytes_as_a_cold_one(example):
    import shutil

    run("extract", project=example)  # warms .l10n-cache
    article = example / "content/posts/sleep-well-again.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Your bedroom", "Your quiet bedroom"),
                       encoding="utf-8")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    run("extract", project=example, env=env)
    warm = {p.name: p.read_bytes() for p in (example / "locales/templates").glob("*.pot")}
    shutil.rmtree(example / ".l10n-cache")
    for pot in (example / "locales/templates").glob("*.pot"):
        pot.unlink()
    run("extract", project=example, env=env)
    cold = {p.name: p.read_bytes() for p in (example / "locales/templates").glob("*.pot")}
    # ui.pot did not change, so the warm run kept its old date; content.pot changed in both
    assert warm["content.pot"] == cold["content.pot"]
    assert b'msgid "Your quiet bedroom"' in warm["content.pot"]


def _stderr_of(command: list[str], cwd: Path, *, terminal: bool) -> bytes:
    """What ``l10n COMMAND`` writes to stderr when stderr is a terminal (a pty) or a pipe."""
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100")
    if not terminal:
        proc = subprocess.run([sys.executable, "-m", "l10n_tool", *command], cwd=cwd, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        return proc.stderr
    parent, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "l10n_tool", *command], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=child)
    os.close(child)
    chunks = []
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # the command closed the terminal's last writer
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(parent)
    assert proc.wait() == 0
    return b"".join(chunks)


@pytest.mark.parametrize("command, label", [(["extract"], b"Reading"), (["build"], b"Rendering")])
def test_progress_shows_on_a_terminal_and_never_on_a_pipe(example, command, label):
    shown = _stderr_of(command, example, terminal=True)
    assert label in shown and re.search(rb" \(\d+\)", shown)  # "Reading content/posts/x.md (3)"
    assert _stderr_of(command, example, terminal=False) == b""
