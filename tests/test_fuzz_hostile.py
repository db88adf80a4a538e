"""Generated hostile input (issue 16's "done when"): msgstrs, catalog headers and front matter
as a hostile translator or a careless contributor writes them, driven through ``check``,
``compile``, ``status`` and ``build``. The only outcomes allowed are success (check may also
report findings, exit 1) or an input error naming ``path:line``, exit 2: never a traceback,
never exit 1 from a crash."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n_tool.cli import main

from conftest import copy_example

UI = "locales/nl/LC_MESSAGES/ui.po"
CONTENT = "locales/nl/LC_MESSAGES/content.po"
POST = "content/posts/hay-fever-season.md"
EXAMPLES = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
ALLOWED = {"check": (0, 1, 2), "compile": (0, 2), "status": (0, 2), "build": (0, 2)}
LOCATED = re.compile(r"(^|\(for )\S[^:\n]*:\d+(:\d+)?\b", re.M)  # path:line first, or in "missing templates (for ...)"

PIECES = ["%(year)d", "%(site)s", "%(site)d", "%(num)c", "%(year)20000000d", "%(year).999f", "%(x)s",
          "%(year)*d", "%", "%%", "%s", "%(", "{", "}", "{0}", "{}", "<0>", "</0>", "<1/>", "<9>",
          "<script>alert(1)</script>", "<b>", "</b>", "<img src=x onerror=alert(1)>", "&amp;", "&",
          "\x1b]0;PWNED\x07", "\x1b[2J", "\x00", "\r", "\n", "\t", "\\", '"', "é", "日本語", "\u202e",
          "[/nl]", "[bold]", "Dag", " ", "javascript:alert(1)"]
PLURAL_TOKENS = ["n", "0", "1", "2", "10", "1000", "%", "/", "?", ":", "(", ")", "==", "!=", "&&", "||",
                 "!", "+", "-", ">", "<=", " ", "x", ";"]
DANGEROUS_PLURALS = ["n > 1000 ? 1/0 : n != 1", "n % (n - 1240)", "+".join(["0"] * 999), "n != 1",
                     "(" * 60 + "n" + ")" * 60, "n == 1240 ? 5 : 0", "!" * 70 + "n", "n/0"]
YAML_VALUES = ["2026-13-45", "2026-02-30", "abc", "[1]", "{a: 1}", "&a [*a, *a]", "*nope", "!!python/object:os.system",
               "'", '"unterminated', "null", "~", "1e999", "99999999999999999999", "-1", "[/nl]",
               "../../etc/passwd", "what?", "", "true", "[a, [b]]", "\x1b]0;X\x07", "2026-02-20", "3", "é",
               "{{ 1//0 }}", "<script>x</script>", "[en]", "[xx-YY]", "post.html", "../base.html", "|\n  block"]
FRONT_KEYS = ["date", "reading_time", "rating", "rating_count", "tags", "title", "description", "slug",
              "locales", "template", "image", "author", "image_alt"]


def po_string(text: str) -> str:
    """*text* as the body of a PO string (quotes, backslashes and line breaks escaped; other
    characters, control ones included, left as a hostile file would hold them)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    return copy_example(tmp_path_factory.mktemp("pristine"))


def fresh(pristine: Path, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("case")
    for name in ("l10n.yaml", "content", "locales"):
        source = pristine / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def drive(project: Path, catalog: str | None = None) -> None:
    """Each command ends in an allowed way: its exit code, and ``path:line`` for an input error;
    on the project, and on the *catalog* changed as a plain file."""
    runs = [(command, [command, "-C", str(project)]) for command in ("check", "compile", "status", "build")]
    if catalog:
        runs += [(command, [command, str(project / catalog)]) for command in ("check", "status")]
    for command, arguments in runs:
        result = CliRunner().invoke(main, arguments)
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert not crashed, f"{command}: {result.exception!r}\n{result.output}"
        assert result.exit_code in ALLOWED[command], f"{command}: exit {result.exit_code}\n{result.output}"
        if result.exit_code == 2:
            assert LOCATED.search(result.output), f"{command}: no path:line\n{result.output}"
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output), f"{command}: control character printed"


CONVERSIONS = ["d", "s", "c", "f", "x", "r", "20000000d", ".999f", "*d", "y", ""]


def hostile_msgstr(original: str, insertions: list, conversions: list) -> str:
    """*original* (a translation) with its directives' conversions changed and pieces put in."""
    turns = iter(conversions)
    text = re.sub(r"%\((\w+)\)[a-z]", lambda m: f"%({m.group(1)})" + next(turns, "d"), original)
    for where, piece in insertions:
        at = int(where * len(text))
        text = text[:at] + piece + text[at:]
    return text


def replace_msgstr(path: Path, number: int, change) -> None:
    """The *number*-th (modulo their count) translated single msgstr becomes *change(it)*."""
    lines = path.read_text(encoding="utf-8").split("\n")
    spots = [i for i, line in enumerate(lines) if line.startswith('msgstr "') and line != 'msgstr ""' and i > 15]
    at = spots[number % len(spots)]
    original = lines[at][len('msgstr "'):-1].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    lines[at] = f'msgstr "{po_string(change(original))}"'
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(domain=st.sampled_from([UI, UI, CONTENT]), number=st.integers(0, 200),
       insertions=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(PIECES) | st.text(max_size=4)), max_size=4),
       conversions=st.lists(st.sampled_from(CONVERSIONS), max_size=3))
def test_hostile_msgstrs(pristine, tmp_path_factory, domain, number, insertions, conversions):
    project = fresh(pristine, tmp_path_factory)
    replace_msgstr(project / domain, number, lambda original: hostile_msgstr(original, insertions, conversions))
    drive(project, domain)


@EXAMPLES
@given(domain=st.sampled_from([UI, CONTENT]),
       field=st.sampled_from(["Plural-Forms", "Language", "Content-Type"]),
       nplurals=st.sampled_from(["0", "1", "2", "3", "101", "x", "-1", ""]),
       expression=st.sampled_from(DANGEROUS_PLURALS) | st.lists(st.sampled_from(PLURAL_TOKENS), max_size=40).map("".join),
       text=st.sampled_from(["[/nl]", "nl", "xx", "../../etc", "\x1b]0;X\x07", "text/plain; charset=ISO-8859-1",
                             "text/plain; charset=bogus", "text/plain; charset=UTF-16", "text/plain; charset=ascii",
                             "text/plain; charset=CHARSET", ""]))
def test_hostile_headers(pristine, tmp_path_factory, domain, field, nplurals, expression, text):
    project = fresh(pristine, tmp_path_factory)
    path = project / domain
    value = f"nplurals={nplurals}; plural={expression};" if field == "Plural-Forms" else text
    data = path.read_text(encoding="utf-8")
    data, count = re.subn(rf'(?m)^"{field}: .*\\n"$', lambda m: f'"{field}: {po_string(value)}\\n"', data, count=1)
    assert count == 1
    path.write_text(data, encoding="utf-8")
    drive(project, domain)


@EXAMPLES
@given(changes=st.lists(st.tuples(st.sampled_from(FRONT_KEYS), st.sampled_from(YAML_VALUES)), min_size=1, max_size=4))
def test_hostile_front_matter(pristine, tmp_path_factory, changes):
    project = fresh(pristine, tmp_path_factory)
    path = project / POST
    head, _, body = path.read_text(encoding="utf-8")[4:].partition("\n---\n")
    fields = dict(line.split(": ", 1) for line in head.split("\n") if ": " in line)
    for key, value in changes:
        fields[key] = value
    path.write_text("---\n" + "\n".join(f"{key}: {value}" for key, value in fields.items()) + "\n---\n" + body,
                    encoding="utf-8")
    drive(project)
