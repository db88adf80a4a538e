"""The public API (``import l10n_tool``): names, laziness, results equal to the CLI's, typed
errors, and the README's "Use it from Python" example, run as written."""

from __future__ import annotations

import importlib
import json
import pickle
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from types import FunctionType, ModuleType

import pytest
from click.testing import CliRunner

import l10n_tool
from l10n_tool import api, po
from l10n_tool.checks import validate_check_ids
from l10n_tool.cli import main
from l10n_tool.config import Project
from l10n_tool.errors import L10nError, MissingCatalog, MissingTemplate, ProjectNotFound, UnknownCheck
from l10n_tool.report.annotations import github_annotation
from l10n_tool.returned import merge_returned_file

REPO = Path(__file__).parent.parent
CHECKS = Path(__file__).parent / "data" / "checks"
FUNCTIONS = ["extract", "update", "compile", "status", "check", "build", "audit"]
SUBMODULE_NAMES = ["extract", "build", "status", "audit"]   # also submodules of l10n_tool


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def every_submodule() -> list[str]:
    return [info.name for info in pkgutil.walk_packages(l10n_tool.__path__, "l10n_tool.")
            if info.name != "l10n_tool.__main__"]   # that one runs the command line


# -- names ---------------------------------------------------------------------------------
def test_api_names_stay_the_functions_after_every_submodule_is_imported():
    names = every_submodule()
    assert {f"l10n_tool.{name}" for name in SUBMODULE_NAMES} <= set(names)
    for name in names:
        importlib.import_module(name)
    for name in FUNCTIONS:
        assert isinstance(getattr(l10n_tool, name), FunctionType), name
        assert getattr(l10n_tool, name) is getattr(api, name)
    for name in SUBMODULE_NAMES:
        assert isinstance(importlib.import_module(f"l10n_tool.{name}"), ModuleType)
    from l10n_tool import build, status
    assert build is api.build and status is api.status


def test_submodules_imported_first_in_a_fresh_interpreter_do_not_shadow_the_functions():
    code = ("import importlib, pkgutil, types, l10n_tool\n"
            "for info in pkgutil.walk_packages(l10n_tool.__path__, 'l10n_tool.'):\n"
            "    if info.name != 'l10n_tool.__main__':\n"
            "        importlib.import_module(info.name)\n"
            f"print([type(getattr(l10n_tool, name)).__name__ for name in {SUBMODULE_NAMES!r}])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPO).stdout
    assert out.strip() == str(["function"] * len(SUBMODULE_NAMES))


def test_importing_the_package_or_naming_a_function_imports_nothing_more():
    code = ("import sys, l10n_tool\n"
            "l10n_tool.__version__, l10n_tool.status, l10n_tool.build, l10n_tool.L10nError\n"
            "print(sorted(m for m in sys.modules if m.startswith('l10n_tool') or m in ('yaml', 'babel')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPO).stdout
    assert out.strip() == str(["l10n_tool", "l10n_tool._lazy", "l10n_tool.api", "l10n_tool.errors"])


def test_all_names_the_api_with_docstrings():
    assert set(l10n_tool.__all__) == {*FUNCTIONS, "Project", "L10nError", "SourceError", "ConfigError",
                                      "ProjectNotFound", "MissingTemplate", "MissingPageTemplates", "MissingCatalog",
                                      "UnknownCheck", "__version__"}
    for name in l10n_tool.__all__:
        value = getattr(l10n_tool, name)
        assert name == "__version__" or (value.__doc__ or "").strip(), name
        assert name in dir(l10n_tool)
    assert l10n_tool.Project is Project and issubclass(l10n_tool.MissingCatalog, l10n_tool.L10nError)
    with pytest.raises(AttributeError):
        l10n_tool.no_such_name  # noqa: B018


# -- the functions give what the commands print ----------------------------------------------
def test_status_and_check_return_what_the_commands_print(example, capsys):
    project = Project.load(example)
    report = l10n_tool.status(project)
    files = [example / "locales/nl/LC_MESSAGES/ui.po", example / "locales/de/LC_MESSAGES/content.po"]
    on_files = l10n_tool.status(files)
    problems = l10n_tool.check([CHECKS / "problems.po"], disabled=["fuzzy"])
    assert capsys.readouterr() == ("", "")
    assert report.to_dict() == json.loads(cli("status", "--format", "json", "-C", str(example)).stdout)
    assert on_files.to_dict() == json.loads(cli("status", *map(str, files), "--format", "json").stdout)
    printed = cli("check", str(CHECKS / "problems.po"), "--disable", "fuzzy", "--format", "json").stdout
    assert problems.to_dict() == json.loads(printed) and problems.failed()
    assert problems.catalogs == [str(CHECKS / "problems.po")]
    on_project = l10n_tool.check(project)
    assert on_project.to_dict() == json.loads(cli("check", "--format", "json", "-C", str(example)).stdout)
    assert on_project.catalogs == [shown for _, shown in project.existing_catalogs()]
    assert {p.severity for p in on_project.problems} == {"info"} and not on_project.failed(strict=True)


def test_round_trip_through_the_api_prints_nothing(example, capsys, tmp_path):
    project = Project.load(example)
    assert not any(l10n_tool.extract(project, check=True).changed.values())
    assert l10n_tool.update(project, check=True).changed == []
    compiled = l10n_tool.compile(project, locales=["nl"], domains=["ui"])
    assert compiled.changed == ["locales/nl/LC_MESSAGES/ui.po"]
    assert (example / "locales/nl/LC_MESSAGES/ui.mo").is_file()
    result = l10n_tool.build(project, jobs=1)
    assert f"nl/{'posts/hay-fever-season'}/index.html" in result.written
    assert l10n_tool.audit(project).ok
    assert capsys.readouterr() == ("", "")


def test_plain_file_forms_like_msgmerge_and_msgfmt(example, tmp_path):
    catalog, template = example / "locales/nl/LC_MESSAGES/ui.po", example / "locales/templates/ui.pot"
    out = tmp_path / "nl.po"
    assert l10n_tool.update(catalog, template=template, output=out).changed == [str(out)]
    assert l10n_tool.update(catalog, template=template, output=out).unchanged == [str(out)]
    assert po.read_po(out).get("Comments").msgstr == po.read_po(catalog).get("Comments").msgstr
    assert l10n_tool.compile(out, output=tmp_path / "nl.mo").changed == [str(out)]
    assert (tmp_path / "nl.mo").read_bytes() == po.compile_mo(po.read_po(out))
    with pytest.raises(TypeError, match="template"):
        l10n_tool.update(catalog)
    with pytest.raises(TypeError, match="pages"):
        l10n_tool.status(catalog, pages=True)
    with pytest.raises(TypeError, match="output"):
        l10n_tool.compile([catalog, out], output=tmp_path / "x.mo")


# -- the library says what is wrong, the CLI what to type -------------------------------------
def test_no_project_is_a_project_not_found_and_the_cli_says_use_c(tmp_path):
    with pytest.raises(ProjectNotFound) as caught:
        Project.load(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'l10n.yaml'}: no l10n.yaml here"
    assert caught.value.config == str(tmp_path / "l10n.yaml")
    result = CliRunner().invoke(main, ["status", "-C", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"l10n: {tmp_path / 'l10n.yaml'}: no l10n.yaml here (use -C DIR to point at a project)\n"


def test_missing_template_and_catalog_carry_their_data_and_the_cli_adds_the_command(example, tmp_path):
    project = Project.load(example)
    (example / "locales/templates/content.pot").unlink()
    with pytest.raises(MissingTemplate) as caught:
        l10n_tool.update(project, domains=["content"])
    assert (caught.value.path, caught.value.domain) == ("locales/templates/content.pot", "content")
    assert "l10n " not in str(caught.value)
    result = CliRunner().invoke(main, ["update", "--domain", "content", "-C", str(example)])
    assert (result.exit_code, result.stderr) == (2, "l10n: locales/templates/content.pot: no template; "
                                                    "run `l10n extract` first\n")

    (example / "locales/de/LC_MESSAGES/ui.po").unlink()
    returned = example / "locales/nl/LC_MESSAGES/ui.po"
    with pytest.raises(MissingCatalog) as caught:
        merge_returned_file(project, returned, locale="de", domain="ui")
    assert (caught.value.path, caught.value.locale, caught.value.domain) == ("locales/de/LC_MESSAGES/ui.po", "de", "ui")
    assert str(caught.value) == "locales/de/LC_MESSAGES/ui.po: no catalog yet"
    result = CliRunner().invoke(main, ["merge", str(returned), "--locale", "de", "--domain", "ui", "-C", str(example)])
    assert (result.exit_code, result.stderr) == (2, "l10n: locales/de/LC_MESSAGES/ui.po: no catalog yet; "
                                                    "run `l10n update --locale de` first\n")


def test_typed_errors_survive_pickling():
    for error in (ProjectNotFound("x/l10n.yaml"), MissingTemplate("t/ui.pot", "ui"),
                  MissingCatalog("nl/ui.po", "nl", "ui"), UnknownCheck("nope", ("fuzzy",))):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and copy.__dict__ == error.__dict__ and str(copy) == str(error)
        assert isinstance(copy, L10nError)


# -- library work that left the CLI -------------------------------------------------------------
def test_existing_catalogs_in_locale_then_domain_order(example):
    project = Project.load(example)
    (example / "locales/nl/LC_MESSAGES/content.po").unlink()
    assert [shown for _, shown in project.existing_catalogs()] == [
        "locales/nl/LC_MESSAGES/ui.po", "locales/de/LC_MESSAGES/ui.po", "locales/de/LC_MESSAGES/content.po"]
    assert [shown for _, shown in project.existing_catalogs(["de"], ["content"])] == [
        "locales/de/LC_MESSAGES/content.po"]


def test_unknown_check_ids_are_refused_by_the_library():
    assert validate_check_ids(["fuzzy", "whitespace"]) == ("fuzzy", "whitespace")
    with pytest.raises(UnknownCheck, match=r"unknown check 'nope' \(known: python-format, ") as caught:
        l10n_tool.check([CHECKS / "warnings.po"], disabled=["zzz", "nope"])
    assert caught.value.check == "nope"


def test_github_annotations_per_severity():
    report = l10n_tool.check([CHECKS / "problems.po"])
    lines = {problem.severity: github_annotation(problem) for problem in report.problems}
    assert lines["error"].startswith(f"::error file={CHECKS / 'problems.po'},line=")
    assert re.fullmatch(r"::notice file=\S+,line=37,title=fuzzy::fuzzy: needs review before it is used", lines["info"])
    printed = cli("check", str(CHECKS / "problems.po"), "--format", "github").stdout.splitlines()
    assert printed == [github_annotation(problem) for problem in report.problems]


def test_merge_returned_file_writes_the_catalog_under_the_lock(example, tmp_path):
    project = Project.load(example)
    ours = example / "locales/nl/LC_MESSAGES/ui.po"
    returned = po.read_po(ours)
    returned.get("Search").msgstr = "Zoek"
    po.write_po(returned, tmp_path / "returned.po")
    returned.get("Search").msgstr = ""   # not translated here yet
    po.write_po(returned, ours)
    summary = merge_returned_file(project, tmp_path / "returned.po", locale="nl", domain="ui")
    assert summary.catalog == "locales/nl/LC_MESSAGES/ui.po" and summary.taken == ["Search"]
    assert po.read_po(ours).get("Search").msgstr == "Zoek"


# -- the README ------------------------------------------------------------------------------
def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Use it from Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert blocks, "README: no python block under 'Use it from Python'"
    return "\n".join(blocks)


def test_readme_use_it_from_python_runs_as_written(example, monkeypatch, capsys):
    monkeypatch.chdir(example)
    before = {p: p.read_bytes() for p in (example / "locales").rglob("*.po*")}
    exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    assert "posts/sleep-well-again nl mixed" in printed and "audit ok: True" in printed
    assert {p: p.read_bytes() for p in (example / "locales").rglob("*.po*")} == before
    assert not (example / "site").exists()  # the example builds into a temporary folder


def test_github_annotations_escape_what_would_end_or_start_a_command():
    from l10n_tool.checks import Problem

    problem = Problem("locales/a,b:c.po", 8, "error", "python-format", "100% wrong\n::error::injected\r")
    line = github_annotation(problem)
    assert line == ("::error file=locales/a%2Cb%3Ac.po,line=8,title=python-format"
                    "::100%25 wrong%0A::error::injected%0D")
    assert "\n" not in line and "\r" not in line
