"""Front matter in YAML, TOML and JSON; the project's front matter schema; YAML alias bombs.

Through ``parse_article`` and through the CLI on a copy of the example site.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool.build.markdown import render_article
from l10n_tool.build.templates import as_date
from l10n_tool.cli import main
from l10n_tool.config import DEFAULT_FRONT_MATTER, FRONT_MATTER_TYPES, Project
from l10n_tool.errors import ConfigError, SourceError
from l10n_tool.extract import front_matter
from l10n_tool.extract.markdown import parse_article, parse_body

DATA = Path(__file__).parent / "data" / "front_matter"
FORMATS = ("yaml", "toml", "json")
KEYS = ("title", "description", "image_alt")
REL = "content/posts/x.md"
JEKYLL_DATE = dt.datetime(2014, 12, 17, 11, 16, 21, tzinfo=dt.timezone(-dt.timedelta(hours=8)))


def parse(text: str, schema=DEFAULT_FRONT_MATTER, **options):
    return parse_article(Path("x.md"), rel_path=REL, slug="posts/x", front_matter_keys=KEYS,
                         data=text.encode(), schema=schema, **options)


def run(project: Path, *args: str):
    return CliRunner().invoke(main, [*args, "-C", str(project)], catch_exceptions=False)


def post(project: Path, name: str, text: str) -> Path:
    path = project / "content/posts" / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------------- the three formats


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_gives_the_same_typed_meta(fmt):
    article = parse((DATA / f"winter-walks-{fmt}.md").read_text(encoding="utf-8"))
    meta = dict(article.page.meta)
    assert " ".join(meta.pop("description").split()) == "How to keep your footing on icy paths."
    assert meta == {"title": "Walking safely in winter", "author": "Mira Osei", "date": JEKYLL_DATE,
                    "reading_time": 3, "tags": ["winter"], "image_alt": "A snowy path between bare trees"}
    assert as_date(meta["date"]) == dt.date(2014, 12, 17)


@pytest.mark.parametrize("fmt, image_alt_line", [("yaml", 10), ("toml", 10), ("json", 9)])
def test_each_format_keeps_real_lines_and_a_clean_body(fmt, image_alt_line):
    article = parse((DATA / f"winter-walks-{fmt}.md").read_text(encoding="utf-8"))
    found = [(s.msgid, s.origin.line, s.comments[0]) for s in article.segments]
    assert found == [
        ("Walking safely in winter", 2, "front matter: title"),
        ("How to keep your footing on icy paths.", 3, "front matter: description"),
        ("A snowy path between bare trees", image_alt_line, "front matter: image_alt"),
        ("Walking safely in winter", 13, "heading h1"),
        ("Wear shoes with a good grip, and take shorter steps on ice.", 15, "paragraph"),
        ("Keep your hands free.", 17, "list item"),
    ]
    html = render_article(article, lambda segment: (segment.msgid, None), source_locale="en").html
    assert html == ("\n<h1>Walking safely in winter</h1>\n"
                    "<p>Wear shoes with a good grip, and take shorter steps on ice.</p>\n"
                    "<ul>\n<li>Keep your hands free.</li>\n</ul>\n")


@pytest.mark.parametrize("fmt", FORMATS)
def test_rendering_alone_still_leaves_the_front_matter_out(fmt):
    path = DATA / f"winter-walks-{fmt}.md"
    page = parse(path.read_text(encoding="utf-8")).page
    body = parse_body(page, path)  # rendering reads only the body again
    html = render_article(body, lambda segment: (segment.msgid, None), source_locale="en").html
    assert body.front_matter == {} and html.startswith("\n<h1>Walking safely in winter</h1>")


def test_toml_lines_skip_strings_arrays_and_tables():
    text = ('+++\nnote = """\ntitle = "inside a string"\n"""\nlist = [\n  "a", # title = no\n  "b",\n]\n'
            'title = "The real title"\n[params]\ndescription = "a table\'s key"\n+++\nBody text.\n')
    article = parse(text)
    assert [(s.msgid, s.origin.line) for s in article.segments] == [("The real title", 9), ("Body text.", 13)]
    assert article.page.meta["params"] == {"description": "a table's key"}


def test_one_line_json_and_a_curly_paragraph():
    article = parse('{"title": "On one line"}\nBody text.\n')
    assert [(s.msgid, s.origin.line) for s in article.segments] == [("On one line", 1), ("Body text.", 2)]
    article = parse("{curly} braces open this paragraph.\n")
    assert article.page.meta == {} and article.segments[0].msgid == "{curly} braces open this paragraph."


def test_dates_of_every_kind_are_dates():
    cases = {
        "date: 2026-02-20": dt.date(2026, 2, 20),
        "date: 2026-02-20T08:30:00Z": dt.datetime(2026, 2, 20, 8, 30, tzinfo=dt.timezone.utc),
        "date: 2014-12-17 11:16:21 -0800": JEKYLL_DATE,
        "date: '2014-12-17 11:16:21 +05:30'": dt.datetime(2014, 12, 17, 11, 16, 21,
                                                          tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        "date: '2026-02-20'": dt.date(2026, 2, 20),
    }
    for line, expected in cases.items():
        assert parse(f"---\ntitle: T\n{line}\n---\n").page.meta["date"] == expected, line
    assert parse("+++\ntitle = 'T'\ndate = 2026-02-20\n+++\n").page.meta["date"] == dt.date(2026, 2, 20)
    assert parse("+++\ntitle = 'T'\ndate = 1979-05-27T07:32:00\n+++\n").page.meta["date"] == dt.datetime(
        1979, 5, 27, 7, 32)


def test_single_tag_becomes_a_list_and_empty_keys_are_left_out():
    meta = parse("---\ntitle: T\ntags: winter\nreading_time:\nauthor:\n---\n").page.meta
    assert meta == {"title": "T", "tags": ["winter"]}
    assert parse('{"title": "T", "tags": ["a", "b"], "reading_time": "7"}\n').page.meta["reading_time"] == 7


# ------------------------------------------------------------------------------- errors


ERRORS = [
    # (format, text, line, message fragment)
    ("yaml", "---\ntitle: T\ndate: 2026-13-45\n---\n", 3, "'date' must be a real date: '2026-13-45'"),
    ("json", '{\n"title": "T",\n"date": "2026-13-45"\n}\n', 3, "'date' must be a real date"),
    ("toml", "+++\ntitle = 'T'\ndate = 'next week'\n+++\n", 3, "'date' must be a date (YYYY-MM-DD"),
    ("yaml", "---\ntitle: T\nreading_time: abc\n---\n", 3, "'reading_time' must be a whole number, not str 'abc'"),
    ("toml", "+++\ntitle = 'T'\nreading_time = 'abc'\n+++\n", 3, "'reading_time' must be a whole number"),
    ("json", '{\n"title": "T",\n"reading_time": "abc"\n}\n', 3, "'reading_time' must be a whole number"),
    ("yaml", "---\ntitle: T\nrating: [1]\n---\n", 3, "'rating' must be a whole number, not a list"),
    ("toml", "+++\ntitle = 'T'\n\nrating = [1]\n+++\n", 4, "'rating' must be a whole number, not a list"),
    ("json", '{"title": "T",\n\n "rating": [1]}\n', 3, "'rating' must be a whole number, not a list"),
    ("yaml", "---\ntitle: T\ntags: [a, 2]\n---\n", 3, "'tags' must be a list of strings; item 2 is int 2"),
    ("yaml", "---\nauthor: A\n---\n", 1, "'title' is required"),
    ("toml", "+++\nauthor = 'A'\n+++\n", 1, "'title' is required"),
    ("json", '{"author": "A"}\n', 1, "'title' is required"),
    ("yaml", "---\ntitle: 7\n---\n", 2, "'title' must be a string, not int 7"),
    ("toml", "+++\nauthor = 'A'\ntitle = 7\n+++\n", 3, "'title' must be a string, not int 7"),
    ("json", '{"author": "A",\n "title": 7}\n', 2, "'title' must be a string, not int 7"),
    ("toml", "+++\ntitle = 'T'\ntitle = 'U'\n+++\n", 3, "bad front matter: Cannot overwrite a value"),
    ("json", '{"title": "T",\n "title": "U"}\n', 2, "'title' appears twice"),
    ("toml", "+++\ntitle = 'T'\nrating =\n+++\n", 3, "bad front matter: Invalid value"),
    ("json", '{"title": "T",\n "rating": 1,\n}\n', 3, "bad front matter: Expecting property name"),
    ("toml", "+++\ntitle = 'T'\n\nBody.\n", 1, "opened with +++ is never closed"),
    ("json", '{"title": "T",\n "tags": []\n', 1, "opened with { is never closed"),
    ("json", '{"title": "T"} and text\n', 1, "text after the front matter's closing }"),
]


@pytest.mark.parametrize("fmt, text, line, fragment", ERRORS)
def test_bad_front_matter_is_an_error_at_its_line(fmt, text, line, fragment):
    with pytest.raises(SourceError) as info:
        parse(text)
    assert (info.value.path, info.value.line) == (REL, line), str(info.value)
    assert fragment in info.value.message


@pytest.mark.parametrize("fmt, text, line, fragment", ERRORS)
def test_cli_reports_bad_front_matter_with_exit_2(example, fmt, text, line, fragment):
    post(example, "x.md", text)
    for command in (["extract"], ["status", "--pages"], ["build"]):  # status and build read articles the same way
        result = run(example, *command)
        assert result.exit_code == 2, result.output
        assert re.match(rf"{REL}:{line}(:\d+)?: .*{re.escape(fragment)}", result.output), result.output
        assert "Traceback" not in result.output


# ----------------------------------------------------------------------------- the CLI


def test_cli_extracts_and_builds_every_format(example):
    for fmt in FORMATS:
        shutil.copy(DATA / f"winter-walks-{fmt}.md", example / "content/posts" / f"winter-{fmt}.md")
    assert run(example, "extract").exit_code == 0
    pot = (example / "locales/templates/content.pot").read_text(encoding="utf-8")
    entry = pot.split('msgid "Walking safely in winter"')[0].rsplit("\n\n", 1)[1]
    for fmt in FORMATS:
        assert f"content/posts/winter-{fmt}.md:2" in entry and f"content/posts/winter-{fmt}.md:13" in entry
    assert "+++" not in pot and "title =" not in pot and '"title":' not in pot
    result = run(example, "build")
    assert result.exit_code == 0, result.output
    pages = [(example / f"site/en/posts/winter-{fmt}/index.html").read_text(encoding="utf-8") for fmt in FORMATS]
    for page in pages:
        assert "<title>Walking safely in winter" in page
        assert '<time datetime="2014-12-17">' in page
        assert re.findall(r'<span class="tag"[^>]*>([^<]*)</span>', page) == ["winter"]
        assert "+++" not in page and "reading_time" not in page and "Mira Osei" in page
    bodies = [page.split('<div class="post-body">')[1].split("</div>")[0] for page in pages]
    assert bodies[0] == bodies[1] == bodies[2]


def test_schema_in_l10n_yaml_overrides_the_defaults_and_the_cache(example):
    post(example, "x.md", "---\ntitle: T\nrating: [1, 2]\n---\n\nBody text.\n")
    assert run(example, "extract").exit_code == 2
    config = example / "l10n.yaml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "front_matter:\n  rating: any\n", encoding="utf-8")
    assert run(example, "extract").exit_code == 0
    config.write_text(original + "front_matter:\n  rating: any\n  subtitle: {type: text, required: true}\n",
                      encoding="utf-8")
    result = run(example, "extract")  # the articles are cached, but under the old schema
    assert result.exit_code == 2
    assert result.output.startswith("content/opening-hours.md:1: front matter key 'subtitle' is required")


@pytest.mark.parametrize("section, line, message", [
    ("front_matter: [title]\n", 1, "front_matter: expected a mapping of front matter keys to types"),
    ("front_matter:\n  subtitle: str\n", 2, "front_matter.subtitle.type: expected one of text, int, list of text"),
    ("front_matter:\n  subtitle:\n    type: text\n    needed: true\n", 4, "front_matter.subtitle.needed: unknown"),
    ("front_matter:\n  subtitle:\n    required: maybe\n", 3, "front_matter.subtitle.required: expected true or false"),
    ("front_matter:\n  title: int\n", 2, "front_matter.title.type: 'title' is translatable"),
    ("front_matter:\n  subtitle: [text]\n", 2, "front_matter.subtitle: expected a type"),
])
def test_schema_errors_name_the_key_and_line(tmp_path, section, line, message):
    config = tmp_path / "l10n.yaml"
    config.write_text("source_locale: en\nlocales: [nl]\n" + section, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Project.load(tmp_path)
    assert info.value.line == line + 2 and info.value.message.startswith(message), str(info.value)


def test_schema_defaults_and_types():
    project_schema = dict(Project(root=Path(".")).front_matter)
    assert project_schema["title"].required and project_schema["title"].type == "text"
    assert {rule.type for rule in project_schema.values()} <= set(FRONT_MATTER_TYPES)
    assert set(front_matter._TYPES) == set(FRONT_MATTER_TYPES)
    plain = parse("---\ntitle: T\nrating: [1, 2]\n---\n", schema=())  # no schema: only translated keys are checked
    assert plain.page.meta["rating"] == [1, 2]


# --------------------------------------------------------------------------- alias bombs

BOUNDED = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from l10n_tool.cli import main
sys.argv = ["l10n", *sys.argv[1:]]
main()
"""


def bounded_run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in a process that may not use more than 1 GiB of memory."""
    return subprocess.run([sys.executable, "-c", BOUNDED, *args, "-C", str(project)], capture_output=True,
                          text=True, timeout=120, cwd=Path(__file__).parent.parent)


def test_alias_bomb_in_front_matter_is_refused(example):
    shutil.copy(DATA / "alias-bomb.md", example / "content/posts/x.md")
    with pytest.raises(SourceError) as info:
        parse((DATA / "alias-bomb.md").read_text(encoding="utf-8"))
    assert 4 <= info.value.line <= 12 and "aliases expand to more than" in info.value.message
    for command in ("extract", "build"):
        result = bounded_run(example, command)
        assert result.returncode == 2, result.stderr[-2000:]
        assert re.match(rf"{REL}:{info.value.line}:\d+: bad front matter: aliases expand", result.stdout + result.stderr)


def test_alias_bomb_in_l10n_yaml_is_refused(example):
    shutil.copy(DATA / "alias-bomb.l10n.yaml", example / "l10n.yaml")
    result = bounded_run(example, "status")
    assert result.returncode == 2, result.stderr[-2000:]
    assert re.search(r"l10n\.yaml:\d+: invalid YAML: aliases expand to more than", result.stdout + result.stderr)


def test_a_few_aliases_are_fine(tmp_path):
    (tmp_path / "l10n.yaml").write_text(
        "source_locale: en\nlocales: [nl, de]\nper_locale:\n  nl: &strict {publish_threshold: 95}\n  de: *strict\n",
        encoding="utf-8")
    assert Project.load(tmp_path).per_locale == {"nl": {"publish_threshold": 95.0}, "de": {"publish_threshold": 95.0}}
    article = parse("---\ntitle: &t Same words\ndescription: *t\n---\n")
    assert article.page.meta["description"] == "Same words"


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path):
    (tmp_path / "l10n.yaml").write_text("source_locale: en\nper_locale: &loop\n  nl: *loop\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Project.load(tmp_path)
    assert info.value.line == 3 and "alias *loop is inside the node it stands for" in info.value.message
    with pytest.raises(SourceError) as info:
        parse("---\ntitle: T\nnotes: &n [a, *n]\n---\n")
    assert info.value.line == 3 and "alias *n is inside the node it stands for" in info.value.message
