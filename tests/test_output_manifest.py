"""The build's manifest lives in the project's store, not in the folder people deploy."""

from __future__ import annotations

import json

from l10n_tool.audit.manifest import BuildTexts
from l10n_tool.build import build_site, manifest_path
from l10n_tool.config import Project


def test_the_output_holds_only_the_site(example):
    project = Project.load(example)
    build_site(project)
    site = example / "site"
    assert not [p for p in site.rglob(".*")]  # no manifest or other hidden file is deployed
    manifest = json.loads(manifest_path(project).read_text(encoding="utf-8"))
    assert "nl/posts/hay-fever-season/index.html" in manifest["files"]
    assert manifest["output"] == "site"


def test_files_the_build_did_not_write_are_not_in_the_next_version(example):
    """An old manifest in the output (builds before 0.2 kept it there), a page of a build whose
    manifest is lost and a staging file of builds before 0.3 are all gone after a build."""
    project = Project.load(example)
    build_site(project)
    leftovers = [example / "site/.l10n-build.json", example / "site/nl/posts/gone/index.html",
                 example / "site/nl/.index.html.l10n-tmp"]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("not this build's", encoding="utf-8")
    manifest_path(project).unlink()
    result = build_site(project)
    assert result.removed == []  # without a manifest the build cannot tell what it removed
    assert not [path for path in leftovers if path.exists()] and not (example / "site/nl/posts/gone").exists()
    assert manifest_path(project).is_file()


def test_a_manifest_of_another_output_folder_is_not_trusted(example):
    project = Project.load(example)
    build_site(project)
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("output: site", "output: public"),
                      encoding="utf-8")
    result = build_site(Project.load(example))
    assert result.removed == []  # the files listed are site/'s, not public/'s
    assert (example / "site/index.html").is_file() and (example / "public/index.html").is_file()


def test_the_audit_finds_the_build_texts_of_a_page_through_its_project(example):
    build_site(Project.load(example))
    texts = BuildTexts().for_page(example / "site/nl/index.html")
    assert texts is not None and texts["Opmerkingen"] == "nl"
    assert BuildTexts().for_page(example / "content/templates/base.html") is None
