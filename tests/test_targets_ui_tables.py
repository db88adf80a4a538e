"""A generator's string tables in the ui domain: Hugo ``i18n/en.toml`` and Docusaurus
``i18n/en/**.json`` read into ui.pot, ui.po seeded from a locale's existing table, each
locale's table written back by the target build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import l10n_tool
from l10n_tool import po
from l10n_tool.cli import main
from l10n_tool.targets.fill import fill_catalogs, identity

DATA = Path(__file__).parent / "data" / "targets"
UI = DATA / "ui"


def _hugo(folder: Path, locales: str = "[nl]") -> l10n_tool.Project:
    shutil.copytree(DATA / "hugo" / "site", folder, dirs_exist_ok=True)
    shutil.copytree(UI / "hugo" / "i18n", folder / "i18n")
    (folder / "l10n.yaml").write_text(f"source_locale: en\nlocales: {locales}\ncontent: content/en\n"
                                      "target: {generator: hugo, layout: folder}\npublish_threshold: 0\n",
                                      encoding="utf-8")
    return l10n_tool.Project.load(folder)


def _docusaurus(folder: Path) -> l10n_tool.Project:
    shutil.copytree(DATA / "docusaurus" / "site", folder, dirs_exist_ok=True)
    shutil.copytree(UI / "docusaurus" / "i18n", folder / "i18n")
    (folder / "i18n" / "en" / "code.json").write_text(
        '{\n  "homepage.title": {\n    "message": "Read the {count} guides",\n'
        '    "description": "The hero title"\n  }\n}\n', encoding="utf-8")
    (folder / "l10n.yaml").write_text("source_locale: en\nlocales: [fr]\ncontent: .\ntarget: docusaurus\n"
                                      "publish_threshold: 0\n", encoding="utf-8")
    return l10n_tool.Project.load(folder)


def _ui_messages(project) -> list[tuple]:
    catalog = po.read_po(project.template_path("ui"))
    return [(m.msgctxt, m.msgid, m.msgid_plural, m.references, m.extracted_comments) for m in catalog.messages]


def test_hugo_extract_reads_the_source_table(tmp_path):
    project = _hugo(tmp_path)
    l10n_tool.extract(project)
    messages = _ui_messages(project)
    assert len(messages) == 16  # every key of Ananke's en.toml
    assert messages[0] == ("more", "More", None, ["i18n/en.toml:1"], [])
    assert ("readingTime", "One minute read", "{{ .Count }} minutes read", ["i18n/en.toml:40"], []) in messages
    golden = (UI / "golden" / "hugo-ui.pot").read_text(encoding="utf-8")
    body = project.template_path("ui").read_text(encoding="utf-8")
    assert body[body.index("\n\n#:"):] == golden


def test_hugo_update_seeds_from_the_locale_table_and_status_counts_it(tmp_path):
    project = _hugo(tmp_path)
    l10n_tool.extract(project)
    path = project.catalog_path("nl", "ui")
    path.parent.mkdir(parents=True)
    # a translation already in the catalog is never replaced by the table's
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                    'msgctxt "more"\nmsgid "More"\nmsgstr "Nog meer"\n', encoding="utf-8")
    l10n_tool.update(project)
    catalog = po.read_po(path)
    assert catalog.get("More", "more").msgstr == "Nog meer"
    assert catalog.get("read more", "readMore").msgstr == "meer lezen"
    assert catalog.get("By", "by").msgstr == ""  # nl.toml has no 'by'
    report = l10n_tool.status(project, domains=["ui"], pages=False)
    row = report.catalogs[0]
    assert (row.total, row.translated) == (16, 13)


def test_hugo_build_writes_the_locale_table(tmp_path):
    project = _hugo(tmp_path)
    l10n_tool.extract(project)
    l10n_tool.update(project)
    path = project.catalog_path("nl", "ui")
    catalog = po.read_po(path)
    catalog.get("By", "by").msgstr = "Door"
    catalog.get("Send", "send").fuzzy = True  # fuzzy: left out
    reading = catalog.get("One minute read", "readingTime")
    reading.msgstr_plural = {0: "Eén minuut", 1: "{{ .Count }} minuten"}
    words = catalog.get("One word", "wordCount")
    words.msgstr_plural = {0: "Eén woord", 1: "{{ site.Params.secret }} woorden"}  # an action the source lacks
    po.write_po(catalog, path)
    with (tmp_path / "i18n" / "nl.toml").open("a", encoding="utf-8") as table:
        table.write('\n\n[recentPosts]\nother = "Recente berichten"\n')  # a key en.toml lacks: the site's own
    result = l10n_tool.build(project)
    table = (tmp_path / "i18n" / "nl.toml").read_text(encoding="utf-8")
    assert table.endswith('[pageTitle]\nother = "{{ .Name }} pagina"\n\n[recentPosts]\nother = "Recente berichten"\n')
    assert '[by]\nother = "Door"\n' in table
    assert "[send]" not in table and "secret" not in table and "[wordCount]" not in table
    assert '[readingTime]\none = "Eén minuut"\nother = "{{ .Count }} minuten"\n' in table
    assert table.index("[more]") < table.index("[by]") < table.index("[readingTime]")  # source order
    assert any("wordCount" in problem and "template action" in problem for problem in result.problems)
    # nl.toml had 'send' (fuzzy now): the build says it is gone
    assert "nl: i18n/nl.toml:31: 'send' is left out: ui.po has no usable translation" in result.problems
    assert "i18n/nl.toml" in result.written
    again = l10n_tool.build(project)
    assert "i18n/nl.toml" not in again.written


def test_hugo_identity_round_trip_is_byte_identical(tmp_path):
    project = _hugo(tmp_path)
    l10n_tool.extract(project)
    l10n_tool.update(project)
    fill_catalogs(project, identity, "ui")
    l10n_tool.build(project)
    assert (tmp_path / "i18n" / "nl.toml").read_bytes() == (UI / "hugo" / "i18n" / "en.toml").read_bytes()


@pytest.mark.parametrize("name, text", [
    ("en.yaml", "more: More\nreadingTime:\n  one: One minute read\n  other: '{{ .Count }} minutes read'\n"),
    ("en.json", '{\n  "more": "More",\n  "readingTime": {\n    "one": "One minute read",\n'
                '    "other": "{{ .Count }} minutes read"\n  }\n}\n'),
    ("en.toml", "more = 'More'\nsend = 'Send'\n"),
])
def test_hugo_other_syntaxes_round_trip(tmp_path, name, text):
    project = _hugo(tmp_path)
    (tmp_path / "i18n" / "en.toml").unlink()
    (tmp_path / "i18n" / "nl.toml").unlink()
    (tmp_path / "i18n" / name).write_text(text, encoding="utf-8")
    l10n_tool.extract(project)
    assert _ui_messages(project)[0][:2] == ("more", "More")
    l10n_tool.update(project)
    fill_catalogs(project, identity, "ui")
    l10n_tool.build(project)
    written = (tmp_path / "i18n" / ("nl" + Path(name).suffix)).read_text(encoding="utf-8")
    if name == "en.yaml":  # written in its own quoting: the same document
        import yaml
        assert yaml.safe_load(written) == yaml.safe_load(text)
    else:
        assert written == text


def test_docusaurus_extract_seed_build(tmp_path):
    project = _docusaurus(tmp_path)
    l10n_tool.extract(project)
    messages = _ui_messages(project)
    assert len(messages) == 12  # one per id: 1 in code.json, 11 in navbar.json
    assert messages[0] == ("homepage.title", "Read the {count} guides", None, ["i18n/en/code.json:2"],
                           ["The hero title"])
    assert ("title", "Docusaurus (en)", None, ["i18n/en/docusaurus-theme-classic/navbar.json:2"],
            ["The title in the navbar"]) in messages
    l10n_tool.update(project)
    catalog = po.read_po(project.catalog_path("fr", "ui"))
    assert catalog.get("Docs (en)", "item.label.Docs").msgstr == "Docs (en)"  # seeded from fr/navbar.json
    fill_catalogs(project, identity, "ui")
    l10n_tool.build(project)
    for name in ("code.json", "docusaurus-theme-classic/navbar.json"):
        assert (tmp_path / "i18n" / "fr" / name).read_bytes() == (tmp_path / "i18n" / "en" / name).read_bytes()


@pytest.mark.parametrize("name, text, where", [
    ("en.toml", "[more]\nother = \"More\"\n[by\n", "i18n/en.toml:3:"),
    ("en.json", '{\n  "more": "More",\n  "by": \n}\n', "i18n/en.json:4:"),
    ("en.yaml", "more: More\nby: [x\n", "i18n/en.yaml:3:"),
    ("en.toml", "more = \"More\"\n\n[by]\nfew = \"x\"\nother = \"By\"\n", "i18n/en.toml:3:"),
])
def test_a_bad_table_names_file_and_line(tmp_path, name, text, where):
    _hugo(tmp_path)
    (tmp_path / "i18n" / "en.toml").unlink()
    (tmp_path / "i18n" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "-C", str(tmp_path)])
    assert result.exit_code == 2
    assert where in result.output


NESTED = ('toggleMenu = "Toggle Menu"\n\n[list]\nsection = "Section"\n\n'
          '[list.page]\none = "{{ .Count }} page"\nother = "{{ .Count }} pages"\n')


def test_hugo_nested_tables_give_dotted_keys_and_round_trip(tmp_path):
    project = _hugo(tmp_path)
    (tmp_path / "i18n" / "en.toml").write_text(NESTED, encoding="utf-8")
    (tmp_path / "i18n" / "nl.toml").unlink()
    l10n_tool.extract(project)
    assert [(m[0], m[3]) for m in _ui_messages(project)] == [
        ("toggleMenu", ["i18n/en.toml:1"]), ("list.section", ["i18n/en.toml:4"]), ("list.page", ["i18n/en.toml:6"])]
    l10n_tool.update(project)
    fill_catalogs(project, identity, "ui")
    l10n_tool.build(project)
    assert (tmp_path / "i18n" / "nl.toml").read_text(encoding="utf-8") == NESTED


def test_seeding_maps_a_table_onto_the_locale_plural_forms(tmp_path):
    """French has one, many and other: a plain string stands for every form, a form the
    table lacks is its other."""
    project = _hugo(tmp_path, "[fr]")
    (tmp_path / "i18n" / "en.toml").write_text(NESTED, encoding="utf-8")
    (tmp_path / "i18n" / "nl.toml").unlink()
    (tmp_path / "i18n" / "fr.toml").write_text(
        '[list]\nsection = "Section"\npage = "{{ .Count }} pages"\n', encoding="utf-8")
    l10n_tool.extract(project)
    l10n_tool.update(project)
    catalog = po.read_po(project.catalog_path("fr", "ui"))
    page = catalog.get("{{ .Count }} page", "list.page")
    assert len(page.msgstr_plural) == 3 and set(page.msgstr_plural.values()) == {"{{ .Count }} pages"}
    l10n_tool.build(project)
    import tomllib
    written = tomllib.loads((tmp_path / "i18n" / "fr.toml").read_text(encoding="utf-8"))
    assert written["list"]["page"] == {"one": "{{ .Count }} pages", "many": "{{ .Count }} pages",
                                       "other": "{{ .Count }} pages"}


@pytest.mark.parametrize("translation, kept", [
    ("Lisez les {count} guides", True),
    ("Lisez les <img src=x onerror=alert(1)> guides {count}", False),  # a tag the source lacks
    ("Lisez les {secret} guides", False),  # an interpolation the source lacks
])
def test_docusaurus_translation_may_add_no_markup(tmp_path, translation, kept):
    project = _docusaurus(tmp_path)
    l10n_tool.extract(project)
    l10n_tool.update(project)
    path = project.catalog_path("fr", "ui")
    catalog = po.read_po(path)
    catalog.get("Read the {count} guides", "homepage.title").msgstr = translation
    po.write_po(catalog, path)
    result = CliRunner().invoke(main, ["build", "-C", str(tmp_path)], catch_exceptions=False)
    written = tmp_path / "i18n" / "fr" / "code.json"
    assert written.is_file() is kept
    if kept:
        assert '"message": "Lisez les {count} guides"' in written.read_text(encoding="utf-8")
    else:
        assert "i18n/en/code.json:2: 'homepage.title'" in result.output


def test_a_language_whose_whole_numbers_never_reach_other_still_gets_other(tmp_path):
    """Polish: one, few and many for whole numbers; Hugo takes other for 1.5."""
    project = _hugo(tmp_path, "[pl]")
    (tmp_path / "i18n" / "nl.toml").unlink()
    l10n_tool.extract(project)
    l10n_tool.update(project)
    path = project.catalog_path("pl", "ui")
    catalog = po.read_po(path)
    catalog.get("One word", "wordCount").msgstr_plural = {0: "Jedno słowo", 1: "{{ .Count }} słowa",
                                                          2: "{{ .Count }} słów"}
    po.write_po(catalog, path)
    l10n_tool.build(project)
    import tomllib
    written = tomllib.loads((tmp_path / "i18n" / "pl.toml").read_text(encoding="utf-8"))
    assert written["wordCount"] == {"one": "Jedno słowo", "few": "{{ .Count }} słowa",
                                    "many": "{{ .Count }} słów", "other": "{{ .Count }} słów"}
