"""Translator input that passed ``l10n check`` and then crashed or bloated the build (issue 16,
items 3, 4, 5, 15, 17): each is caught by check and survived by build, status and audit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import Markup

from l10n_tool.cli import main
from l10n_tool.po import parse_plural_forms

UI = "locales/nl/LC_MESSAGES/ui.po"
COPYRIGHT = 'msgstr "© %(year)d %(site)s"'


def run(project: Path, *args: str):
    return CliRunner().invoke(main, [*args, "-C", str(project)])


def edit(path: Path, old: str, new: str) -> int:
    """Replace *old* (once) in *path*; the line it is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


# --- item 3 and 15: conversions and widths ----------------------------------------------------

@pytest.mark.parametrize("translation, why", [
    ("© %(year)d %(site)d", "%(site)d formats a number"),
    ("© %(year)c %(site)s", "%(year)c formats a character"),
    ("© %(year)20000000d %(site)s", "width 20000000 is over 100"),
    ("© %(year).900d %(site)s", "precision 900 is over 100"),
    ("© %(year)*d %(site)s", "a * width"),
    ("© %(year)x %(site)s", "%x cannot format a template's value"),
])
def test_a_translation_that_formats_otherwise_fails_check_and_falls_back_in_build(example, translation, why):
    line = edit(example / UI, COPYRIGHT, f'msgstr "{translation}"') - 1  # the entry's msgid line
    checked = run(example, "check")
    no_traceback(checked)
    assert checked.exit_code == 1
    # check names the msgstr's line, as msgfmt -c does
    assert re.search(rf"^{UI}:{line + 1}: error \[python-format\] .*{re.escape(why)}", checked.output, re.M), \
        checked.output

    built = run(example, "build")
    no_traceback(built)
    assert built.exit_code == 0, built.output
    assert f"{UI}:{line}: nl: '© %(year)d %(site)s': translation not used" in built.output
    page = (example / "site/nl/index.html").read_text(encoding="utf-8")
    assert "Lindenhof Health Practice" in page and len(page) < 100_000  # the source text, not 20 MB


def test_the_rule_is_pythons_own():
    """Every translation the rule lets through %-formats with the source's kinds of values."""
    from l10n_tool import python_format
    from l10n_tool.translations import ui_problem

    values = {"year": 2026, "site": "Lindenhof", "count": "1,240", "ratio": 0.5}
    source = "%(year)d %(site)s %(count)s %(ratio).1f"
    for translation in ["%(site)s %(year)d", "%(year)s %(site)r", "%(year)05d", "%(ratio)e %(year)i",
                        "%(year)ld 100%%", "%(site)-20s"]:
        assert python_format.problems((source,), translation) == [], translation
        translation % values
        Markup(translation) % values  # as a page formats it: escaped
    for translation in ["%(site)d", "%(count)f", "%(year)f", "%(ratio)d", "%(year)c", "%(nope)s",
                        "%(year)", "%(year)y", "%s", "%(year)101d", "%(site)*s", "%(site", "%(year)x"]:
        assert python_format.problems((source,), translation), translation
    assert ui_problem(source, None, ("%(year)d %(site)d",)) is not None
    assert ui_problem(source, None, ("%(year)d %(site)s",)) is None


def test_a_source_with_a_wide_directive_lets_its_translation_keep_it():
    from l10n_tool import python_format

    assert python_format.problems(("%(n)200d",), "%(n)200d") == []
    assert python_format.problems(("%(n)200d",), "%(n)201d")


# --- item 4: plural expressions that crash at some count or nest too deep ----------------------

@pytest.mark.parametrize("expression, why", [
    ("n > 1000 ? 1/0 : n != 1", "'/' by zero"),
    ("n > 1000 ? n%(n-1240) : n != 1", "'%' by a value that depends on n"),
    ("+".join(["0"] * 999), "nested deeper than 64"),
    ("(n != 1) + " + " + ".join(["0"] * 400), "nested deeper than 64"),
], ids=["division-by-zero", "modulo-by-n", "999-terms", "400-terms"])
def test_a_plural_expression_that_can_fail_is_refused_everywhere(example, expression, why):
    line = edit(example / UI, "plural=(n != 1);", f"plural={expression};")
    with pytest.raises(ValueError, match=re.escape(why)):
        parse_plural_forms(f"nplurals=2; plural={expression};")
    for command in ("check", "status", "build", "compile"):
        result = run(example, command)
        no_traceback(result)
        assert result.exit_code == 2, (command, result.output)
        assert f"{UI}:{line}: invalid Plural-Forms: " in result.output


def test_real_plural_expressions_still_parse():
    slavic = ("nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
              "(n%100<10 || n%100>=20) ? 1 : 2;")
    assert [parse_plural_forms(slavic)[1](n) for n in (1, 2, 5, 11, 21, 1240)] == [0, 1, 2, 2, 0, 2]
    assert parse_plural_forms("nplurals=2; plural=n/(5-3) > 0;")[1](3) == 1  # a constant divisor


# --- item 5: rich markup in data ---------------------------------------------------------------

def test_status_prints_a_header_or_page_name_that_looks_like_rich_markup(example):
    edit(example / UI, '"Language: nl\\n"', '"Language: [/nl]\\n"')
    (example / "content/posts/notes[").mkdir()  # the page posts/notes[/old]
    (example / "content/posts/sleep-well-again.md").rename(example / "content/posts/notes[/old].md")
    for args in (("status", "--pages"), ("status", "--pages", "--list-missing")):
        result = run(example, *args)
        no_traceback(result)
        assert result.exit_code == 0, result.output
        assert "posts/notes[/old]" in result.output
    result = CliRunner().invoke(main, ["status", str(example / UI)])
    no_traceback(result)
    assert result.exit_code == 0 and "[/nl]" in result.output


# --- item 17: terminal escapes in translations --------------------------------------------------

TITLE = "\x1b]0;PWNED\x07"


def test_no_control_character_reaches_the_terminal(example, tmp_path):
    ui = example / UI
    edit(ui, 'msgstr "Geschreven door %(author)s"', 'msgstr "Geschreven door %(author)s %(ESC)s"')
    edit(ui, '"Language: nl\\n"', '"Language: ESC\\n"')
    ui.write_text(ui.read_text(encoding="utf-8").replace("ESC", TITLE), encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(f"""<html lang="en"><body><main><p>Welcome to the practice, we are glad you came.</p>
    <p>Wij zijn elke werkdag geopend en u kunt altijd bellen {TITLE} voor een afspraak met de huisarts.</p>
    </main></body></html>""", encoding="utf-8")
    results = [run(example, "check"), run(example, "build"),
               CliRunner().invoke(main, ["status", str(ui)]),
               CliRunner().invoke(main, ["audit", str(page)]),
               CliRunner().invoke(main, ["audit", str(page), "--format", "json"])]
    for result in results:
        no_traceback(result)
        assert "PWNED" in result.output, result.output  # the text is shown ...
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output)  # ... its controls are not


def test_printable_keeps_text_and_json():
    import json

    from l10n_tool.printable import printable

    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable(TITLE) == "\\u001b]0;PWNED\\u0007"
    assert json.loads(printable(json.dumps({"t": TITLE + "\x9b"}, ensure_ascii=False))) == {"t": TITLE + "\x9b"}
