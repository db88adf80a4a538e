"""Templates people already have: Jinja settings in l10n.yaml (extensions, keywords, comment
tags, suffixes, trimmed, new-style), unknown tags read as opaque with a warning, every bad
template in one error, pybabel's format flags; checked against the real ``pybabel extract``
on three small test themes written in the style of CKAN, Warehouse and MkDocs/Sphinx."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from l10n_tool import po
from l10n_tool.build import build_site
from l10n_tool.checks import check_catalog
from l10n_tool.cli import main
from l10n_tool.config import Project
from l10n_tool.errors import ConfigError, SourceError
from l10n_tool.extract import extract
from l10n_tool.extract.templates import TemplateErrors
from l10n_tool.status import page_ui_segments

THEMES = Path(__file__).parent / "data" / "themes"
BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "templates.py"


def bench():
    spec = importlib.util.spec_from_file_location("bench_templates", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def themes(monkeypatch):
    """The test themes' own extension modules importable, here and in a pybabel subprocess."""
    folders = [str(THEMES / name) for name in ("market", "registry")]
    for folder in folders:
        monkeypatch.syspath_prepend(folder)
    monkeypatch.setenv("PYTHONPATH", ":".join(folders))


def copy_theme(name: str, target: Path, **jinja) -> Path:
    """A writable copy of a test theme; *jinja* replaces settings of its ``jinja:`` section
    (None removes one)."""
    root = target / name
    shutil.copytree(THEMES / name, root)
    config = yaml.safe_load((root / "l10n.yaml").read_text(encoding="utf-8"))
    section = config.get("jinja", {})
    for key, value in jinja.items():
        if value is None:
            section.pop(key, None)
        else:
            section[key] = value
    config["jinja"] = section
    (root / "l10n.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


def run(*args: str, project: Path):
    return CliRunner().invoke(main, [*args, "-C", str(project)], catch_exceptions=False)


def pot_messages(path: Path) -> dict:
    return {(m.msgctxt, m.msgid): m for m in po.read_po(path).messages if m.msgid}


# ------------------------------------------------------------------ unknown tags


def test_unknown_tags_are_read_as_opaque_and_said_once_per_file_and_tag(tmp_path):
    root = copy_theme("market", tmp_path, extensions=None)
    result = run("extract", project=root)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert warnings == [
        "warning: templates/base.html:5: unknown tag 'asset' read as opaque, only its arguments "
        "extracted; name its extension in jinja.extensions",
        "warning: templates/base.html:10: unknown tag 'link_for' (2 uses) read as opaque, only its "
        "arguments extracted; name its extension in jinja.extensions",
        "warning: templates/base.html:14: unknown tag 'url_for' read as opaque, only its arguments "
        "extracted; name its extension in jinja.extensions",
        "warning: templates/listing.html:4: unknown tag 'do' read as opaque, only its arguments "
        "extracted; add 'do' to jinja.extensions",
        "warning: templates/listing.html:7: unknown tag 'continue' read as opaque, only its arguments "
        "extracted; add 'loopcontrols' to jinja.extensions",
        "warning: templates/listing.html:8: unknown tag 'snippet' read as opaque, only its arguments "
        "extracted; name its extension in jinja.extensions",
        "warning: templates/snippets/card.html:3: unknown tag 'url_for' read as opaque, only its "
        "arguments extracted; name its extension in jinja.extensions",
    ]
    messages = pot_messages(root / "locales/templates/ui.pot")
    assert messages[(None, "Sign in")].references == ["templates/base.html:11"]  # a link_for argument
    assert (None, "View {name}") in messages and (None, "All stalls") in messages  # snippet's, do's
    again = run("extract", project=root)  # nothing changed: read from the cache, still said
    assert [line for line in again.stderr.splitlines() if line.startswith("warning: ")] == warnings


def test_a_block_tag_of_an_unknown_extension_keeps_its_body(tmp_path):
    root = copy_theme("registry", tmp_path, extensions=None)
    result = extract(Project.load(root))
    assert [str(w) for w in result.warnings] == [
        "templates/base.html:5: unknown tag 'csi' read as opaque, only its arguments extracted; "
        "name its extension in jinja.extensions",
        "templates/project.html:3: unknown tag 'csi' read as opaque, only its arguments extracted; "
        "name its extension in jinja.extensions",
    ]
    assert pot_messages(root / "locales/templates/ui.pot")[(None, "Log in")].references == ["templates/base.html:6"]


def test_unknown_tags_error_refuses_them(tmp_path):
    root = copy_theme("registry", tmp_path, extensions=None, unknown_tags="error")
    with pytest.raises(TemplateErrors) as error:
        extract(Project.load(root))
    assert [str(e) for e in error.value.errors] == [
        "templates/base.html:5: template syntax error: Encountered unknown tag 'csi'.",
        "templates/project.html:3: template syntax error: Encountered unknown tag 'csi'. Jinja was looking "
        "for the following tags: 'endblock'. The innermost block that needs to be closed is 'block'.",
    ]


def test_every_bad_template_is_reported_in_one_run(tmp_path):
    (tmp_path / "l10n.yaml").write_text("templates: templates\n", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "a.html").write_text("<p>{{ _('Fine') }}</p>\n", encoding="utf-8")
    (folder / "b.html").write_text("<p>\n{% if x %}{{ _('Open') }}\n", encoding="utf-8")
    (folder / "c.html").write_text("{{ _('') }}\n{% for %}\n", encoding="utf-8")
    (folder / "d.html").write_text("{{ _('Empty') }} {{ _('') }}\n", encoding="utf-8")
    result = run("extract", project=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "templates/b.html:2: template syntax error: Unexpected end of template. Jinja was looking for the "
        "following tags: 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'.",
        "templates/c.html:2: template syntax error: Expected an expression, got 'end of statement block'",
        "templates/d.html:1: empty message id: an empty string cannot be translated",
    ]
    (folder / "b.html").write_text("<p>{{ _('Open') }}</p>\n", encoding="utf-8")
    (folder / "c.html").unlink()
    (folder / "d.html").unlink()
    assert run("extract", project=tmp_path).exit_code == 0


# ------------------------------------------------------------------ the same as pybabel


@pytest.mark.parametrize("name", ["market", "registry", "docs"])
def test_messages_equal_pybabels_with_the_same_options(name, themes):
    """msgid, context, plural, flags, comments and references: the same as ``pybabel extract``
    with the theme's settings said in pybabel's terms; and read without the theme's own
    extension (its tags opaque), still the same."""
    tool = bench()
    folder = THEMES / name / "templates"
    options = Project.load(THEMES / name).jinja
    figures = tool.compare(folder, options)
    assert figures["pybabel"] == figures["after_messages"] > 0
    assert figures["after_errors"] == [] and figures["after_warnings"] == 0
    nothing = {"only_ours": [], "only_pybabel": [], "differing": []}
    assert figures["same_as_pybabel"] == nothing
    if name != "docs":
        assert figures["opaque_vs_pybabel"] == nothing and figures["opaque_warnings"] > 0
        assert figures["before_read"] == 0  # every template of these used a tag Jinja does not know


def test_format_flags_are_pybabels(tmp_path, themes):
    root = copy_theme("market", tmp_path)
    extract(Project.load(root))
    flags = {key: m.flags for key, m in pot_messages(root / "locales/templates/ui.pot").items() if m.flags}
    assert flags == {
        (None, "Open from {start} to {end}"): ["python-brace-format"],
        (None, "{count} stall"): ["python-brace-format"],
        (None, "View {name}"): ["python-brace-format"],
        (None, "Prices include %(rate)s tax"): ["python-format"],
        (None, "One new stall"): ["python-format"],
    }


def test_a_lost_brace_placeholder_fails_the_check(tmp_path, themes):
    root = copy_theme("market", tmp_path)
    assert run("extract", project=root).exit_code == 0
    assert run("update", project=root).exit_code == 0
    path = root / "locales/nl/LC_MESSAGES/ui.po"
    catalog = po.read_po(path)
    for message in catalog.messages:
        if message.msgid == "View {name}":
            message.msgstr = "Bekijk {naam}"
        elif message.msgid == "Open from {start} to {end}":
            message.msgstr = "Open van {start} tot {end}"
    po.write_po(catalog, path)
    result = run("check", project=root)
    assert result.exit_code == 1
    found = [line for line in result.stdout.splitlines() if "python-brace-format" in line]
    assert [re.sub(r":\d+:", ":N:", line) for line in found] == [
        "locales/nl/LC_MESSAGES/ui.po:N: error [python-brace-format] python-brace-format: naam not in the source",
        "locales/nl/LC_MESSAGES/ui.po:N: error [python-brace-format] python-brace-format: name missing from "
        "the translation",
    ]


def test_automatic_brace_fields_are_counted():
    catalog = po.parse_po((
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-brace-format\nmsgid "Hi {}"\nmsgstr "Hoi {} {}"\n\n'
        '#, python-brace-format\nmsgid "From {} to {}"\nmsgstr "Van {}"\n\n'
        '#, python-brace-format\nmsgctxt "x"\nmsgid "From {} to {}"\nmsgstr "Van {0} tot {}"\n\n'
        '#, python-brace-format\nmsgctxt "y"\nmsgid "{} of {}"\nmsgstr "{} van {}"\n').encode())
    assert [(p.line, p.message) for p in check_catalog(catalog, "x.po") if p.check == "python-brace-format"] == [
        (6, "python-brace-format: 2 automatic {} field(s), the source has 1"),  # msgstr lines
        (10, "python-brace-format: 1 automatic {} field(s), the source has 2"),
        (15, "python-brace-format: 0 not in the source"),
        (15, "python-brace-format: automatic {} and numbered {0} fields mixed"),
    ]


# ------------------------------------------------------------------ settings


def test_keywords_comment_tags_and_suffixes_are_settings(tmp_path, themes):
    configured = copy_theme("market", tmp_path / "a")
    defaults = copy_theme("market", tmp_path / "b", keywords=None, comment_tags=None, suffixes=None)
    extract(Project.load(configured))
    result = extract(Project.load(defaults))
    ours = pot_messages(configured / "locales/templates/ui.pot")
    before = pot_messages(defaults / "locales/templates/ui.pot")
    added = {(None, "{count} stall"), (None, "Prices include %(rate)s tax"), (None, "Last updated"),
             (None, "Your weekly market digest"), (None, "One new stall")}
    assert set(ours) - set(before) == added and set(before) <= set(ours)
    assert ours[(None, "{count} stall")].msgid_plural == "{count} stalls"
    assert ours[(None, "Find a stall")].extracted_comments == ["the placeholder of the search box on every page"]
    assert before[(None, "Find a stall")].extracted_comments == []
    assert before[(None, "Open from {start} to {end}")].extracted_comments == ["the footer line with the opening hours"]
    assert [str(w) for w in result.warnings] == [  # the .css file beside them is not mentioned
        "templates/email/digest.jinja2: not extracted: looks like a template, but jinja.suffixes has no '.jinja2'"]


def test_untrimmed_old_style_msgids_match_the_catalog_a_theme_ships(tmp_path):
    shipped = {m.msgid for m in po.read_po(THEMES / "docs/messages.pot").messages if m.msgid}
    root = copy_theme("docs", tmp_path)
    extract(Project.load(root))
    assert {m.msgid for m in pot_messages(root / "locales/templates/ui.pot").values()} == shipped
    defaults = copy_theme("docs", tmp_path / "defaults", trimmed=None, newstyle=None)
    extract(Project.load(defaults))
    ours = {m.msgid for m in pot_messages(defaults / "locales/templates/ui.pot").values()}
    assert sorted(ours - shipped) == ["Covers 100%% of the pages", "Results appear here as you type.",
                                      "Type words to search for and press Enter."]


def test_changed_settings_extract_again(tmp_path, themes):
    root = copy_theme("market", tmp_path, keywords=["_"])
    extract(Project.load(root))
    assert (None, "Open") not in pot_messages(root / "locales/templates/ui.pot")
    config = (root / "l10n.yaml").read_text(encoding="utf-8").replace("- _\n", "- _\n  - pgettext:1c,2\n")
    (root / "l10n.yaml").write_text(config, encoding="utf-8")
    extract(Project.load(root))
    assert ("stall status", "Open") in pot_messages(root / "locales/templates/ui.pot")


@pytest.mark.parametrize("section, message", [
    ("{colour: red}", "jinja.colour: unknown setting (known: extensions, keywords, comment_tags, suffixes, "
                      "trimmed, newstyle, unknown_tags)"),
    ("[do]", "jinja: expected a mapping of template settings"),
    ("{extensions: [do, 'not a path']}", "jinja.extensions[1]: expected an import path (package.module.Class) "
                                         "or one of i18n, do, loopcontrols, debug, got 'not a path'"),
    ("{keywords: [_, ngettext:1,2]}", 'jinja.keywords[2]: expected a string (quote one with commas: '
                                      '"ngettext:1,2"), got 2'),
    ("{keywords: [_, 'ngettext:one']}", "jinja.keywords[1]: expected a function name, or name:ARGS as xgettext "
                                        "-k takes them (ngettext:1,2), got 'ngettext:one'"),
    ("{comment_tags: ['NOTE TO']}", "jinja.comment_tags[0]: expected one word (the comment's first), got 'NOTE TO'"),
    ("{suffixes: [html]}", "jinja.suffixes[0]: expected a file suffix such as .html, got 'html'"),
    ("{suffixes: .html}", "jinja.suffixes: expected a list of strings, got '.html'"),
    ("{trimmed: 'no'}", "jinja.trimmed: expected true or false, got 'no'"),
    ("{unknown_tags: ignore}", "jinja.unknown_tags: expected one of warn, error, got 'ignore'"),
])
def test_jinja_settings_are_checked_and_errors_name_the_key(tmp_path, section, message):
    (tmp_path / "l10n.yaml").write_text(f"source_locale: en\njinja: {section}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        Project.load(tmp_path)
    assert str(error.value) == f"{tmp_path / 'l10n.yaml'}:2: {message}"


@pytest.mark.parametrize("extension, message", [
    ("no_such_module.Tags", "l10n.yaml: jinja.extensions[1]: cannot import 'no_such_module.Tags' "
                            "(No module named 'no_such_module')"),
    ("jinja2.ext.Nothing", "l10n.yaml: jinja.extensions[1]: cannot import 'jinja2.ext.Nothing' "
                           "(module 'jinja2.ext' has no attribute 'Nothing')"),
    ("jinja2.ext.babel_extract", "l10n.yaml: jinja.extensions[1]: 'jinja2.ext.babel_extract' is not a Jinja "
                                 "extension class"),
])
def test_an_extension_that_cannot_be_loaded_is_named(tmp_path, extension, message):
    root = copy_theme("registry", tmp_path, extensions=["do", extension])
    result = run("extract", project=root)
    assert result.exit_code == 2 and result.stderr.strip() == message


# ------------------------------------------------------------------ status and build read alike


def test_status_reads_the_post_template_with_the_projects_settings(tmp_path):
    (tmp_path / "l10n.yaml").write_text("templates: t\njinja: {keywords: [_, 'ungettext:1,2']}\n", encoding="utf-8")
    (tmp_path / "t").mkdir()
    (tmp_path / "t/post.html").write_text("{% include 'part.html' %}{% csi '/x' %}{% endcsi %}\n", encoding="utf-8")
    (tmp_path / "t/part.html").write_text("{{ ungettext('One reply', '{n} replies', n) }}\n", encoding="utf-8")
    found = [(s.msgid, s.plural, s.flags) for s in page_ui_segments(Project.load(tmp_path))]
    assert found == [("One reply", "{n} replies", ("python-brace-format",))]


def test_build_loads_the_same_extensions_and_trims_trans_blocks_as_extracted(example):
    config = example / "l10n.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "jinja:\n  extensions: [do]\n", encoding="utf-8")
    base = example / "content/templates/base.html"
    addition = ('{% set notes = [] %}{% do notes.append(_("Closed on public holidays")) %}'
                '<p class="notes">{{ notes|join(" ") }}</p>\n'
                '<p class="hours">{% trans %}\n  Open on weekdays\n  from eight to six.\n{% endtrans %}</p>\n')
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", addition + "</footer>"), encoding="utf-8")
    project = Project.load(example)
    assert extract(project).warnings == []
    assert run("update", project=example).exit_code == 0
    path = example / "locales/nl/LC_MESSAGES/ui.po"
    catalog = po.read_po(path)
    for message in catalog.messages:
        if message.msgid == "Closed on public holidays":
            message.msgstr = "Gesloten op feestdagen"
        elif message.msgid == "Open on weekdays from eight to six.":  # fuzzy: like the footer's hours
            message.msgstr, message.fuzzy = "Open op werkdagen van acht tot zes.", False
    po.write_po(catalog, path)
    build_site(project)
    page = (example / "site/nl/index.html").read_text(encoding="utf-8")
    assert '<p class="notes">Gesloten op feestdagen</p>' in page
    assert '<p class="hours">Open op werkdagen van acht tot zes.</p>' in page


def test_one_template_error_is_a_source_error(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("{% csi %}\n{{ _('x') \n", encoding="utf-8")
    from l10n_tool.extract.templates import extract_template

    warnings: list = []
    with pytest.raises(SourceError) as error:
        extract_template(broken, "broken.html", warnings=warnings)
    assert str(error.value).startswith("broken.html:2: template syntax error")


def test_the_benchmark_skips_an_absent_folder(tmp_path, capsys):
    assert bench().main([str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'absent'}: absent, skipped\n"
