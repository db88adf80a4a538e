"""l10n.yaml loading: defaults, validation errors that name the key and line."""

from pathlib import Path

import pytest

from l10n_tool.config import Project, validate_locale
from l10n_tool.errors import ConfigError, L10nError


def write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "l10n.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_example_project_loads():
    project = Project.load(Path(__file__).parent.parent)
    assert project.source_locale == "en"
    assert project.locales == ("nl", "de")
    assert project.catalog_path("nl", "ui").as_posix().endswith("locales/nl/LC_MESSAGES/ui.po")


def test_defaults_and_policy_overrides(tmp_path):
    project = Project.load(write_config(tmp_path, (
        "locales: [nl, de, nl-BE]\n"
        "fallbacks: {nl-BE: [nl]}\n"
        "per_locale: {de: {publish_threshold: 95, fallback: page}}\n")))
    assert project.policy("nl").threshold == 80 and project.policy("nl").fallback == "block"
    assert project.policy("de").threshold == 95 and project.policy("de").fallback == "page"
    assert project.fallback_chain("nl-BE") == ("nl-BE", "nl", "en")
    assert project.fallback_chain("de") == ("de", "en")
    assert project.fallback_chain("en") == ("en",)


@pytest.mark.parametrize("text, expected", [
    ("colour: blue\n", "l10n.yaml:1: colour: unknown setting"),
    ("locales: [nl]\npublish_threshold: 120\n", "l10n.yaml:2: publish_threshold: expected a percentage"),
    ("locales: [xx-nonsense]\n", "l10n.yaml:1: locales[0]: unknown locale 'xx-nonsense'"),
    ("locales: ['../../etc']\n", "l10n.yaml:1: locales[0]: '../../etc' is not a locale code"),
    ("locales: nl\n", "l10n.yaml:1: locales: expected a list of locale codes"),
    ("locales: [nl]\nfallback: sometimes\n", "l10n.yaml:2: fallback: expected one of block, page, none"),
    ("locales: [en]\n", "l10n.yaml:1: locales: the source locale 'en' is not a target locale"),
    ("locales: [nl]\nper_locale: {nl: {colour: 1}}\n", "l10n.yaml:2: per_locale.nl.colour: unknown setting"),
    ("locales: [nl\n", "l10n.yaml:2: invalid YAML"),
    ("- nl\n", "l10n.yaml:1: expected a mapping of settings"),
])
def test_errors_name_the_key_and_line(tmp_path, text, expected):
    write_config(tmp_path, text)
    with pytest.raises(ConfigError) as error:
        Project.load(tmp_path)
    message = str(error.value).replace(str(tmp_path) + "/", "")
    assert message.startswith(expected)


def test_missing_config_is_a_clear_error(tmp_path):
    with pytest.raises(L10nError, match="no l10n.yaml here"):
        Project.load(tmp_path)


@pytest.mark.parametrize("code", ["nl", "pt_BR", "pt-BR", "sr-Latn", "ar"])
def test_valid_locales(code):
    assert validate_locale(code) == code


@pytest.mark.parametrize("code", ["../nl", "nl/../../x", "", "n", "nl\n", "zz", 42])
def test_locale_codes_cannot_escape_paths(code):
    with pytest.raises(L10nError):
        validate_locale(code)
