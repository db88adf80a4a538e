"""Generator targets: the translated content tree Hugo, MkDocs, Jekyll and Docusaurus read.

Round trips on small samples of real sites (tests/data/targets/<name>/, with their licences):
an identity translation writes the source bytes back, a pseudo translation leaves no source
word in any message the written files hold; plus layouts, the publish policy, fallback marks,
front matter rewriting and the escaping that keeps a translation from adding markup.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import l10n_tool
from l10n_tool.cli import main
from l10n_tool.errors import ConfigError
from l10n_tool.extract.markdown import MARKDOWN, parse_article
from l10n_tool.targets.fill import fill_catalogs, identity, pseudo
from l10n_tool.targets.front_matter import value_edit
from l10n_tool.targets.rewrite import escape_markdown
from l10n_tool.targets.spans import Source

from targets_util import SAMPLES, make_project, translate_and_build


def _messages(path: Path, keys) -> list[str]:
    """The msgids of one Markdown file, in order (front matter keys first)."""
    document = parse_article(path, rel_path=path.name, slug="x", front_matter_keys=keys, schema=())
    return [segment.msgid for segment in document.segments]


def _sources(project) -> dict[str, Path]:
    return {path.name: path for path in sorted(project.content_dir.rglob("*.md"))}


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_identity_translation_writes_the_source_bytes(tmp_path, sample):
    project = make_project(tmp_path, sample)
    sources = {project.relative(path): path.read_bytes() for path in project.content_dir.rglob("*.md")}
    result = translate_and_build(project, identity)
    assert len(result.written) == len(sources) and not result.problems
    pairs = dict(zip(sorted(sources), sorted(result.written, key=lambda p: _source_of(sample, p))))
    for source, written in pairs.items():
        data = (tmp_path / written).read_bytes()
        if sample == "jekyll":  # polyglot needs the page's lang in its front matter: the one added line
            assert data.split(b"\n", 2)[1] == b"lang: nl"
            data = b"\n".join(data.split(b"\n")[:1] + data.split(b"\n")[2:])
        assert data == sources[source], written
    again = l10n_tool.build(project)
    assert again.written == [] and again.unchanged == len(sources) and again.removed == []


def _source_of(sample: str, written: str) -> str:
    """The source a written path translates, to pair them up."""
    if sample == "hugo":
        return written.replace("content/nl/", "content/en/")
    if sample == "mkdocs":
        return written.replace(".nl.md", ".md")
    if sample == "jekyll":
        return written.replace("/nl/", "/")
    for folder, source in (("docs/current/", "docs/"), ("blog/", "blog/"), ("pages/", "src/pages/")):
        written = written.replace(f"i18n/nl/docusaurus-plugin-content-{folder}", source)
    return written


@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_pseudo_translation_leaves_no_source_word(tmp_path, sample):
    """Every message of every written file is the pseudo translation of its source's message:
    the same blocks, each one's text fully replaced, placeholders (code, links) kept."""
    project = make_project(tmp_path, sample)
    sources = {project.relative(path): path for path in project.content_dir.rglob("*.md")}
    result = translate_and_build(project, pseudo)
    assert not result.problems and not result.fallbacks.get("nl")
    keys = project.front_matter_keys
    for written in result.written:
        source = next(path for rel, path in sources.items() if rel == _source_of(sample, written))
        expected = [pseudo(msgid) for msgid in _messages(source, keys)]
        assert _messages(tmp_path / written, keys) == expected, written
        words = {word for msgid in _messages(source, keys) for word in re.findall(r"[A-Za-z]{4,}", _text(msgid))}
        for msgid in _messages(tmp_path / written, keys):
            assert not set(re.findall(r"[A-Za-z]{4,}", _text(msgid))) & words, (written, msgid)


def _text(msgid: str) -> str:
    return re.sub(r"</?[0-9]+/?>", " ", msgid)


# ---------------------------------------------------------------------------------- layouts

LAYOUTS = [
    ("hugo", None, "content", {"posts/visit.md": "posts/visit.nl.md", "_index.md": "_index.nl.md",
                               "posts/old.en.md": "posts/old.nl.md"}),
    ("hugo", "folder", "content/en", {"posts/visit.md": "../nl/posts/visit.md"}),
    ("mkdocs", None, "docs", {"setup/install.md": "setup/install.nl.md", "index.md": "index.nl.md"}),
    ("mkdocs", "folder", "docs/en", {"setup/install.md": "../nl/setup/install.md"}),
    ("docusaurus", None, "site", {"docs/intro.md": "i18n/nl/docusaurus-plugin-content-docs/current/intro.md",
                                  "blog/2024-05-01-open.md": "i18n/nl/docusaurus-plugin-content-blog/2024-05-01-open.md",
                                  "src/pages/about.md": "i18n/nl/docusaurus-plugin-content-pages/about.md"}),
    ("jekyll", None, "site", {"_posts/2024-05-01-open.md": "_posts/nl/2024-05-01-open.md",
                              "about.md": "nl/about.md"}),
]

PAGE = "---\ntitle: Open day\n---\nWe open the doors on *Saturday*.\n"


@pytest.mark.parametrize("generator,layout,content,expected", LAYOUTS)
def test_each_generator_writes_its_layout(tmp_path, generator, layout, content, expected):
    for name in expected:
        path = tmp_path / content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE, encoding="utf-8")
    target = generator if layout is None else f"{{generator: {generator}, layout: {layout}}}"
    (tmp_path / "l10n.yaml").write_text(f"locales: [nl]\ncontent: {content}\ntarget: {target}\n", encoding="utf-8")
    project = l10n_tool.Project.load(tmp_path)
    result = translate_and_build(project, pseudo)
    written = sorted(result.written)
    base = Path(content)
    assert written == sorted(Path(os.path.normpath(base / dest)).as_posix() for dest in expected.values())
    for dest in written:
        text = (tmp_path / dest).read_text(encoding="utf-8")
        assert "Ǿƥḗƞ ḓȧẏ" in text and "Ẇḗ ǿƥḗƞ ŧħḗ ḓǿǿřş ǿƞ *Şȧŧŭřḓȧẏ*." in text
        assert ("lang: nl\n" in text) == (generator == "jekyll")
    again = l10n_tool.extract(project)  # the translations are never read as sources
    assert again.counts["content"] == 2 and not again.changed["content"]


# ----------------------------------------------------------------- publish policy and marks

ARTICLE = """---
title: Opening hours
---
# Our hours

We are open on weekdays.

Call us first.

- Bring your card.
"""


def _project(tmp_path, target, extra=""):
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "hours.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text(f"locales: [nl]\ncontent: docs\ntarget: {target}\n{extra}", encoding="utf-8")
    project = l10n_tool.Project.load(tmp_path)
    l10n_tool.extract(project)
    l10n_tool.update(project)
    return project


def _translate_some(project, done: dict[str, str]):
    fill_catalogs(project, lambda msgid: done.get(msgid, ""))


OPEN = "Wij zijn op werkdagen open."
MARKED = {
    "mkdocs": f'# Our hours {{ lang="en" }}\n\n{OPEN}\n\nCall us first.\n{{: lang="en" }}\n\n- Bring your card.\n',
    "jekyll": f'# Our hours\n{{: lang="en"}}\n\n{OPEN}\n\nCall us first.\n{{: lang="en"}}\n\n- Bring your card.\n',
    "hugo": f'# Our hours {{lang="en"}}\n\n{OPEN}\n\nCall us first.\n{{lang="en"}}\n\n- Bring your card.\n',
    "docusaurus": (f'<div lang="en">\n\n# Our hours\n\n</div>\n\n{OPEN}\n\n<div lang="en">\n\nCall us first.\n\n</div>'
                   '\n\n- Bring your card.\n'),
}


@pytest.mark.parametrize("generator", sorted(MARKED))
def test_fallback_blocks_carry_the_source_language(tmp_path, generator):
    project = _project(tmp_path, generator, "publish_threshold: 40\n")
    _translate_some(project, {"Opening hours": "Openingstijden", "We are open on weekdays.": OPEN})
    result = l10n_tool.build(project)
    [written] = result.written
    text = (tmp_path / written).read_text(encoding="utf-8")
    assert text.split("---\n", 2)[2] == MARKED[generator]
    assert "title: Openingstijden\n" in text
    assert [(f.where, f.lang, f.marked) for f in result.fallbacks["nl"]] == [
        ("docs/hours.md:4", "en", True), ("docs/hours.md:8", "en", True), ("docs/hours.md:10", "en", False)]


def test_mark_none_writes_no_marks_and_reports_them(tmp_path):
    project = _project(tmp_path, "{generator: mkdocs, mark: none}", "publish_threshold: 10\n")
    _translate_some(project, {"We are open on weekdays.": "Wij zijn op werkdagen open."})
    result = l10n_tool.build(project)
    assert "lang=" not in (tmp_path / result.written[0]).read_text(encoding="utf-8")
    assert result.fallbacks["nl"] and not any(f.marked for f in result.fallbacks["nl"])


def test_publish_policy_decides_what_is_written_and_withdraws(tmp_path):
    project = _project(tmp_path, "mkdocs", "publish_threshold: 80\n")
    _translate_some(project, {"Opening hours": "Openingstijden"})
    result = l10n_tool.build(project)
    assert result.written == [] and result.skipped == {"nl": ["hours"]}
    fill_catalogs(project, pseudo)
    assert l10n_tool.build(project).written == ["docs/hours.nl.md"]
    _translate_some(project, {})  # every translation gone: below the threshold again
    result = l10n_tool.build(project)
    assert result.removed == ["docs/hours.nl.md"] and not (tmp_path / "docs/hours.nl.md").exists()


def test_an_edited_translation_is_never_deleted(tmp_path):
    project = _project(tmp_path, "mkdocs")
    fill_catalogs(project, pseudo)
    l10n_tool.build(project)
    edited = tmp_path / "docs/hours.nl.md"
    edited.write_text("my own edit\n", encoding="utf-8")
    _translate_some(project, {})
    result = l10n_tool.build(project)
    assert edited.read_text(encoding="utf-8") == "my own edit\n" and result.removed == []
    assert any("edited since it was written" in problem for problem in result.problems)


def test_a_translation_someone_else_wrote_is_never_replaced(tmp_path):
    """Adopting the tool on a site that already has translations loses none of them."""
    project = _project(tmp_path, "mkdocs")
    theirs = tmp_path / "docs/hours.nl.md"
    theirs.write_text("# Onze openingstijden\n\nDoor een vertaler geschreven.\n", encoding="utf-8")
    fill_catalogs(project, pseudo)
    result = l10n_tool.build(project)
    assert theirs.read_text(encoding="utf-8").endswith("Door een vertaler geschreven.\n") and result.written == []
    assert any("docs/hours.nl.md: a translation l10n build did not write: kept" in p for p in result.problems)
    theirs.unlink()  # moved away: now the build writes the page from the catalogs
    assert l10n_tool.build(project).written == ["docs/hours.nl.md"]
    theirs.write_text("hand edit\n", encoding="utf-8")
    _translate_some(project, {"Opening hours": "Openingstijden", "We are open on weekdays.": OPEN,
                              "Call us first.": "Bel eerst.", "Bring your card.": "Neem je pas mee."})
    result = l10n_tool.build(project)  # the catalogs changed, and so did the file since the build wrote it
    assert theirs.read_text(encoding="utf-8") == "hand edit\n" and result.written == []
    assert any("edited since l10n build wrote it: kept" in p for p in result.problems)


def test_page_fallback_mode_writes_only_complete_pages(tmp_path):
    project = _project(tmp_path, "hugo", "publish_threshold: 10\nfallback: page\n")
    _translate_some(project, {"Opening hours": "Openingstijden"})
    assert l10n_tool.build(project).written == []


# ------------------------------------------------------------------------ what a translation may hold


HOSTILE = [
    "<script>alert(1)</script>",
    "{{< shortcode >}} and {% include x %} and {{ page.title }}",
    "**not bold** and `not code` and [not a link](http://x)",
    "# not a heading",
    "- not a list",
    "1. not a list either",
    "> not a quote",
    "a | b in a table",
    "trailing hashes ##",
    "&amp; stays text, & too",
    "back\\slash and ~~no strike~~ and _no em_",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_a_translation_cannot_add_markup(text):
    for first, table, heading in ((True, False, False), (False, True, False), (True, False, True)):
        written = escape_markdown(text, first=first, table=table, heading_end=heading)
        source = f"| a |\n|---|\n| {written} |\n" if table else (f"## {written}\n" if heading else written + "\n")
        tokens = MARKDOWN.parse(source)
        inline = [t for t in tokens if t.type == "inline"][-1]
        assert [child.type for child in inline.children] == ["text"], written
        assert inline.children[0].content == text, written
        assert "{{" not in written and "{%" not in written and "<" not in written


def test_placeholders_take_the_source_markup_back(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "> Read **the [guide](https://x.org \"The guide\")** and run `make`  \n> then ![a cat](cat.png).\n",
        encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\npublish_threshold: 0\n",
                                        encoding="utf-8")
    project = l10n_tool.Project.load(tmp_path)
    l10n_tool.extract(project)
    l10n_tool.update(project)
    translations = {"Read <0>the <1>guide</1></0> and run <2/><3/>then <4/>.": "Lees <0>de <1>gids</1></0>, "
                    "<3/>draai <2/> en dan <4/>.", "The guide": "De \"gids\"", "a cat": "een *kat*"}
    fill_catalogs(project, lambda msgid: translations.get(msgid, ""))
    l10n_tool.build(project)
    assert (tmp_path / "docs/a.nl.md").read_text(encoding="utf-8") == (
        "> Lees **de [gids](https://x.org \"De \\\"gids\\\"\")**,   \n> draai `make` en dan ![een \\*kat\\*](cat.png).\n")


# ---------------------------------------------------------------------------------- front matter

FRONT_MATTER = [
    ("---\ntitle: Plain value # note\nx: 1\n---\n", "Nieuw", "---\ntitle: Nieuw # note\nx: 1\n---\n"),
    ("---\ntitle: Plain\n---\n", "Let op: dit", '---\ntitle: "Let op: dit"\n---\n'),
    ("---\ntitle: \"Quoted\"\n---\n", 'Met "aanhaling"', '---\ntitle: "Met \\"aanhaling\\""\n---\n'),
    ("---\ntitle: 'Single'\n---\n", "Het's", "---\ntitle: 'Het''s'\n---\n"),
    ("---\ntitle: >\n  Folded\n  text\nx: 1\n---\n", "Gevouwen", '---\ntitle: "Gevouwen"\nx: 1\n---\n'),
    ("+++\ntitle = 'Literal'\nx = 1\n+++\n", "Letterlijk", "+++\ntitle = 'Letterlijk'\nx = 1\n+++\n"),
    ("+++\ntitle = 'Literal'\n+++\n", "Het's", "+++\ntitle = \"Het's\"\n+++\n"),
    ('+++\ntitle = """Multi\nline"""\n+++\n', "Een", '+++\ntitle = "Een"\n+++\n'),
    ('{\n  "title": "JSON",\n  "x": 1\n}\n', "Één", '{\n  "title": "Één",\n  "x": 1\n}\n'),
]


@pytest.mark.parametrize("source,translation,expected", FRONT_MATTER)
def test_front_matter_values_are_replaced_in_place(source, translation, expected):
    kind = "json" if source.startswith("{") else "toml" if source.startswith("+") else "yaml"
    text = Source(source)
    end = next(i for i, line in enumerate(text.lines) if i and line in ("---", "+++", "}"))
    edit = value_edit(source, text.starts, text.lines, kind, 2, "title", translation, end)
    assert not edit.problem
    assert source[:edit.start] + edit.new + source[edit.end:] == expected


def test_reference_links_and_images_keep_their_targets(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(
        "See [the guide][] and [the map].\n\n![Garden view]{ width=300 }\n\n"
        "[the guide]: guide.md\n[the map]: map.md\n[Garden view]: garden.png\n", encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\npublish_threshold: 0\n",
                                        encoding="utf-8")
    result = translate_and_build(l10n_tool.Project.load(tmp_path), pseudo)
    assert not result.problems
    text = (tmp_path / "docs/a.nl.md").read_text(encoding="utf-8")
    assert text.startswith("Şḗḗ [ŧħḗ ɠŭīḓḗ][the guide] ȧƞḓ [ŧħḗ ḿȧƥ][the map].\n\n![Ɠȧřḓḗƞ ṽīḗẇ][Garden view]")
    tokens = MARKDOWN.parse(text)
    links = [child for token in tokens if token.type == "inline" for child in token.children
             if child.type in ("link_open", "image")]
    assert [child.attrs.get("href") or child.attrs.get("src") for child in links] == ["guide.md", "map.md", "garden.png"]


def test_a_reference_title_keeps_the_source_and_the_block_is_translated(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text('Read [the guide].\n\n[the guide]: guide.md "Our guide"\n',
                                            encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\n", encoding="utf-8")
    result = translate_and_build(l10n_tool.Project.load(tmp_path), pseudo)
    assert (tmp_path / "docs/a.nl.md").read_text(encoding="utf-8").startswith("Řḗȧḓ [ŧħḗ ɠŭīḓḗ][the guide].\n")
    assert result.problems == ["nl: docs/a.md:1: the title text of a reference is written in its definition; "
                               "the source's is kept"]
    assert not result.fallbacks.get("nl")


def test_table_cells_after_cells_without_words(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("Option | Description\n------ | -----------\n`full` | Indexes every page.\n",
                                            encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\n", encoding="utf-8")
    result = translate_and_build(l10n_tool.Project.load(tmp_path), pseudo)
    assert not result.problems
    assert (tmp_path / "docs/a.nl.md").read_text(encoding="utf-8") == (
        "Ǿƥŧīǿƞ | Ḓḗşƈřīƥŧīǿƞ\n------ | -----------\n`full` | Īƞḓḗẋḗş ḗṽḗřẏ ƥȧɠḗ.\n")


def test_crlf_and_bom_survive(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: Hello\r\n---\r\n# Hello\r\n\r\nA line\r\nand more.\r\n")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\n", encoding="utf-8")
    project = l10n_tool.Project.load(tmp_path)
    translate_and_build(project, identity)
    assert (tmp_path / "docs/a.nl.md").read_bytes() == (tmp_path / "docs/a.md").read_bytes()
    fill_catalogs(project, pseudo)
    l10n_tool.build(project)
    assert (tmp_path / "docs/a.nl.md").read_bytes() == (
        "\ufeff---\r\ntitle: Ħḗŀŀǿ\r\n---\r\n# Ħḗŀŀǿ\r\n\r\nȦ ŀīƞḗ ȧƞḓ ḿǿřḗ.\r\n".encode("utf-8"))


# --------------------------------------------------------------------------- settings and CLI


@pytest.mark.parametrize("setting,message", [
    ("target: gatsby", "l10n.yaml:2: target: expected one of site, hugo, mkdocs, jekyll, docusaurus, got 'gatsby'"),
    ("target: {generator: hugo, layout: suffix}", "l10n.yaml:2: target.layout: hugo writes one of filename, folder"),
    ("target: {generator: mkdocs, mark: bold}", "l10n.yaml:2: target.mark: expected one of attributes, html, none"),
    ("target: {generator: jekyll, colour: red}", "l10n.yaml:2: target.colour: unknown setting"),
    ("target: {layout: folder}", "l10n.yaml:2: target: layout and mark are for a generator's target, not site"),
])
def test_bad_target_settings_name_key_and_line(tmp_path, setting, message):
    (tmp_path / "l10n.yaml").write_text(f"locales: [nl]\n{setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        l10n_tool.Project.load(tmp_path)
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_cli_build_reports_what_falls_back(tmp_path):
    project = _project(tmp_path, "mkdocs", "publish_threshold: 10\n")
    _translate_some(project, {"We are open on weekdays.": "Wij zijn op werkdagen open."})
    result = CliRunner().invoke(main, ["build", "-C", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "nl: 1 page(s) written for mkdocs; 4 block(s) in another language, 2 marked with lang" in result.output
    assert "docs/hours.md:10: en, not marked" in result.output
    assert "1 file(s) written, 0 unchanged" in result.output


@pytest.mark.parametrize("source,expected", [
    ("---\ntitle: x\n---\nText\n", "---\nlang: nl\ntitle: x\n---\nText\n"),
    ("---\nlang: en\ntitle: x\n---\n", "---\nlang: nl\ntitle: x\n---\n"),
    ("Text\n", "---\nlang: nl\n---\nText\n"),
    ("+++\ntitle = 'x'\n+++\n", "+++\nlang = \"nl\"\ntitle = 'x'\n+++\n"),
    ('{\n"title": "x"\n}\n', '{ "lang": "nl",\n"title": "x"\n}\n'),
    ("{}\n", '{ "lang": "nl"}\n'),
])
def test_polyglot_lang_is_set_in_any_front_matter(source, expected):
    from l10n_tool.targets.front_matter import add_key, front_matter_format

    text = Source(source)
    edit = add_key(source, text.lines, text.starts, front_matter_format(source), "lang", "nl", "\n")
    assert source[:edit.start] + edit.new + source[edit.end:] == expected


HTML_BLOCK = '<div align="center">\n<p>Come and <b>visit</b> us &amp; stay <img src="x.png" alt="A quiet garden"></p>\n</div>\n'


def test_text_of_raw_html_blocks_is_written_back_as_html(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(HTML_BLOCK, encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\npublish_threshold: 0\n",
                                        encoding="utf-8")
    project = l10n_tool.Project.load(tmp_path)
    messages = _messages(tmp_path / "docs" / "a.md", ())
    if not messages:
        pytest.skip("this extraction offers no text of raw HTML blocks")
    translate_and_build(project, lambda msgid: pseudo(msgid) + " <&>")
    written = (tmp_path / "docs/a.nl.md").read_text(encoding="utf-8")
    assert _messages(tmp_path / "docs/a.nl.md", ()) == [pseudo(m) + " <&>" for m in messages]
    assert '<div align="center">\n<p>' in written and '<img src="x.png" alt="Ȧ ɋŭīḗŧ ɠȧřḓḗƞ &lt;&amp;&gt;">' in written


def test_every_locale_gets_its_file_from_one_parse(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "hours.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl, pt-BR]\ncontent: docs\ntarget: hugo\n", encoding="utf-8")
    project = l10n_tool.Project.load(tmp_path)
    result = translate_and_build(project, pseudo)
    assert sorted(result.written) == ["docs/hours.nl.md", "docs/hours.pt-br.md"]
    assert (tmp_path / "docs/hours.nl.md").read_bytes() == (tmp_path / "docs/hours.pt-br.md").read_bytes()
    assert result.published == {"nl": ["hours"], "pt-BR": ["hours"]}


def test_a_quoted_title_keeps_its_quotes(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text('!!! note "Before you come"\n\n    Bring your card.\n', encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\npublish_threshold: 0\n",
                                        encoding="utf-8")
    if _messages(tmp_path / "docs" / "a.md", ()) != ["Before you come", "Bring your card."]:
        pytest.skip("this extraction does not read admonitions")
    project = l10n_tool.Project.load(tmp_path)
    translate_and_build(project, lambda msgid: f'Zeg "{msgid}"')
    assert (tmp_path / "docs/a.nl.md").read_text(encoding="utf-8") == (
        '!!! note "Zeg &quot;Before you come&quot;"\n\n    Zeg "Bring your card."\n')


def test_a_generator_site_has_no_folders_of_ours(tmp_path):
    """hugoDocs has content/en/templates/: with a target that is content, not our templates."""
    (tmp_path / "content" / "templates").mkdir(parents=True)
    (tmp_path / "content" / "templates" / "menu.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ntarget: hugo\n", encoding="utf-8")
    result = translate_and_build(l10n_tool.Project.load(tmp_path), pseudo)
    assert result.written == ["content/templates/menu.nl.md"]


def test_serve_is_for_our_own_site(tmp_path):
    _project(tmp_path, "hugo")
    result = CliRunner().invoke(main, ["serve", "-C", str(tmp_path)])
    assert result.exit_code == 2 and "target: hugo: serve the site hugo builds" in result.output


def test_strict_makes_a_kept_source_fail_the_build(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text('Read [the guide].\n\n[the guide]: guide.md "Our guide"\n', encoding="utf-8")
    (tmp_path / "l10n.yaml").write_text("locales: [nl]\ncontent: docs\ntarget: mkdocs\n", encoding="utf-8")
    project = l10n_tool.Project.load(tmp_path)
    l10n_tool.extract(project)
    l10n_tool.update(project)
    fill_catalogs(project, pseudo)
    relaxed = CliRunner().invoke(main, ["build", "-C", str(tmp_path)], catch_exceptions=False)
    strict = CliRunner().invoke(main, ["build", "--strict", "-C", str(tmp_path)], catch_exceptions=False)
    assert relaxed.exit_code == 0 and strict.exit_code == 1
    assert "the title text of a reference is written in its definition" in strict.output
