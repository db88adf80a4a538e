"""One locale, one spelling per use: catalog folders as gettext spells them (``pt_BR``), URLs,
``lang`` and hreflang in BCP 47 (``pt-BR``); any other spelling in l10n.yaml or ``--locale`` is
the same locale, never a second one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from selectolax.lexbor import LexborHTMLParser

from l10n_tool.cli import main
from l10n_tool.config import Project, canonical_locale, catalog_folder
from l10n_tool.errors import ConfigError, L10nError

HAY_FEVER = "posts/hay-fever-season"


def write_config(folder: Path, text: str) -> Path:
    (folder / "l10n.yaml").write_text(text, encoding="utf-8")
    return folder


def l10n(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("code, tag, folder", [
    ("pt_BR", "pt-BR", "pt_BR"), ("pt-br", "pt-BR", "pt_BR"), ("PT_br", "pt-BR", "pt_BR"),
    ("zh_hant_tw", "zh-Hant-TW", "zh_Hant_TW"), ("es_419", "es-419", "es_419"),
    ("sr-latn", "sr-Latn", "sr_Latn"), ("ca_es_VALENCIA", "ca-ES-valencia", "ca_ES_valencia"),
    ("NL", "nl", "nl"),
])
def test_every_spelling_has_one_tag_and_one_folder(code, tag, folder):
    assert canonical_locale(code) == tag
    assert catalog_folder(tag) == folder


@pytest.mark.parametrize("code", ["../pt_BR", "pt_BR/../../x", "pt_BR\n", "pt_BR/", "p", "zz", 7])
def test_path_tricks_are_still_refused(code):
    with pytest.raises(L10nError):
        canonical_locale(code)


@pytest.mark.parametrize("spelling", ["pt_BR", "pt-BR", "pt_br"])
def test_a_locale_in_any_spelling_is_one_locale_with_a_gettext_folder(tmp_path, spelling):
    project = Project.load(write_config(tmp_path, (
        f"locales: [{spelling}, pt]\n"
        "fallbacks: {pt_br: [pt]}\n"
        "per_locale: {PT-BR: {publish_threshold: 50}}\n")))
    assert project.locales == ("pt-BR", "pt")
    assert project.catalog_path(spelling, "ui") == tmp_path / "locales/pt_BR/LC_MESSAGES/ui.po"
    assert project.policy("pt-BR").threshold == 50 and project.policy("pt_BR").threshold == 50
    assert project.fallback_chain("pt-BR") == ("pt-BR", "pt", "en")


@pytest.mark.parametrize("text, expected", [
    ("locales: [nl, fr_FR, fr-FR]\n",
     "l10n.yaml:1: locales[2]: fr-FR is listed twice, as locales[1] too ('fr-FR' is 'fr_FR' spelled another way)"),
    ("locales: [nl, nl]\n", "l10n.yaml:1: locales[1]: nl is listed twice, as locales[0] too"),
    ("source_locale: en_GB\nlocales: [en-gb]\n", "l10n.yaml:2: locales: the source locale 'en-GB'"),
    ("locales: [pt_BR]\nper_locale:\n  pt_BR: {fallback: page}\n  pt-BR: {fallback: none}\n",
     "l10n.yaml:4: per_locale.pt-BR: the same locale as per_locale.pt_BR (pt-BR)"),
    ("locales: [pt_BR, pt]\nfallbacks: {pt-BR: [pt], pt_br: [pt]}\n",
     "l10n.yaml:2: fallbacks.pt_br: the same locale as fallbacks.pt-BR (pt-BR)"),
    ("locales: ['pt_BR/../..']\n", "l10n.yaml:1: locales[0]: 'pt_BR/../..' is not a locale code"),
])
def test_two_spellings_of_one_locale_are_a_config_error_naming_the_key(tmp_path, text, expected):
    write_config(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        Project.load(tmp_path)
    assert str(error.value).replace(str(tmp_path) + "/", "").startswith(expected)


def _portuguese_example(example: Path, spelling: str) -> Path:
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "locales: [nl, de]", f"locales: [nl, de, {spelling}]\nper_locale: {{pt-br: {{publish_threshold: 0}}}}"),
        encoding="utf-8")
    return example


@pytest.mark.parametrize("flag", ["pt-BR", "pt_BR", "pt-br"])
def test_update_with_any_spelling_of_the_flag_writes_one_folder(example, flag):
    _portuguese_example(example, "pt_BR")
    result = l10n("update", "-C", str(example), "--locale", flag)
    assert result.exit_code == 0, result.output
    assert "locales/pt_BR/LC_MESSAGES/content.po: updated" in result.output
    assert sorted(p.name for p in (example / "locales").iterdir() if p.is_dir()) == ["de", "nl", "pt_BR", "templates"]
    assert "Language: pt_BR\\n" in (example / "locales/pt_BR/LC_MESSAGES/ui.po").read_text(encoding="utf-8")
    status = l10n("status", "-C", str(example), "--locale", "pt_br", "--format", "json")
    assert status.exit_code == 0 and '"locale": "pt-BR"' in status.output


def test_a_flag_for_a_locale_the_project_lacks_is_refused(example):
    result = CliRunner().invoke(main, ["update", "-C", str(example), "--locale", "pt-BR"])
    assert result.exit_code == 2 and "--locale: 'pt-BR' is not one of the project's locales" in result.output
    result = CliRunner().invoke(main, ["update", "-C", str(example), "--locale", "../nl"])
    assert result.exit_code == 2 and "--locale: '../nl' is not a locale code" in result.output


def test_the_site_uses_bcp47_paths_and_lang(example):
    _portuguese_example(example, "pt_br")
    assert l10n("update", "-C", str(example), "--locale", "pt_BR").exit_code == 0
    result = l10n("build", "-C", str(example))
    assert result.exit_code == 0, result.output
    assert "pt-BR: 4 page(s) published" in result.output
    site = example / "site"
    assert not any(p.name.startswith("pt_") for p in site.rglob("*"))
    page = LexborHTMLParser((site / "pt-BR" / HAY_FEVER / "index.html").read_text(encoding="utf-8"))
    assert page.css_first("html").attributes["lang"] == "pt-BR"
    links = {node.attributes["hreflang"]: node.attributes["href"] for node in page.css('link[rel="alternate"]')}
    assert links["pt-BR"].endswith(f"/pt-BR/{HAY_FEVER}/")
    english = LexborHTMLParser((site / "en" / HAY_FEVER / "index.html").read_text(encoding="utf-8"))
    assert any(node.attributes.get("href", "").endswith(f"/pt-BR/{HAY_FEVER}/")
               for node in english.css('link[hreflang="pt-BR"]'))
    picker = LexborHTMLParser((site / "index.html").read_text(encoding="utf-8"))
    assert picker.css_first('a[hreflang="pt-BR"]').attributes["href"] == "pt-BR/"
    assert "/pt-BR/" in (site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("present, expected", [
    (["pt-BR"], "locales/pt-BR/: the catalogs of pt-BR belong in locales/pt_BR/ (gettext's spelling); "
                "rename the folder"),
    (["pt-BR", "pt_BR"], "locales/pt-BR/: the catalogs of pt-BR belong in locales/pt_BR/ (gettext's "
                         "spelling); locales/pt_BR/ exists too"),
])
def test_a_catalog_folder_spelled_another_way_is_an_error(example, present, expected):
    _portuguese_example(example, "pt-BR")
    for name in present:
        (example / "locales" / name / "LC_MESSAGES").mkdir(parents=True)
    result = CliRunner().invoke(main, ["status", "-C", str(example)])
    assert result.exit_code == 2
    assert expected in result.output
