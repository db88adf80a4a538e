"""`l10n update` writes what msgmerge 0.21 writes and `l10n check` rejects what msgfmt -c
rejects, on our own edge cases (tests/data/msgmerge/): header merge, comments, flags,
wrapping, domain directives, charsets, format checks per plural form, duplicates. Each trio's
expected.po is msgmerge's output, checked again live where msgmerge is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool.cli import main
from l10n_tool.po import read_po

DATA = Path(__file__).parent / "data" / "msgmerge"
TRIOS = sorted(p for p in DATA.iterdir() if p.is_dir())
needs = {tool: pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} not installed")
         for tool in ("msgmerge", "msgfmt", "msgcat")}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def ours(old: Path, template: Path, out: Path) -> bytes:
    result = run("update", str(old), "--template", str(template), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def gnu(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["msgmerge", "--previous", "-q", *args], capture_output=True, check=False)


@pytest.mark.parametrize("case", TRIOS, ids=[p.name for p in TRIOS])
def test_update_writes_what_msgmerge_writes(case, tmp_path):
    assert ours(case / "old.po", case / "template.pot", tmp_path / "out.po") == \
        (case / "expected.po").read_bytes()


@needs["msgmerge"]
@pytest.mark.parametrize("case", TRIOS, ids=[p.name for p in TRIOS])
def test_expected_is_still_msgmerges_output(case, tmp_path):
    out = tmp_path / "gnu.po"
    assert gnu(str(case / "old.po"), str(case / "template.pot"), "-o", str(out)).returncode == 0
    assert out.read_bytes() == (case / "expected.po").read_bytes()


@pytest.mark.parametrize("case", TRIOS, ids=[p.name for p in TRIOS])
def test_updating_the_result_again_changes_nothing(case, tmp_path):
    expected = case / "expected.po"
    assert ours(expected, case / "template.pot", tmp_path / "again.po") == expected.read_bytes()


def test_the_trios_cover_each_behaviour():
    text = {case.name: (case / "expected.po").read_bytes() for case in TRIOS}
    assert b'"Language: nl\\n"' in text["header_fields"] and b"old-desk" not in text["header_fields"]
    assert b"#| msgid \"Wait %s minutes\"" in text["flags"]          # fuzzy: fails c-format
    assert b"python-format" not in text["flags"]                       # the template dropped it
    assert b"a note left after the last entry" not in text["comments"]
    assert b'domain "clinic"' in text["domain"]
    assert b"charset=UTF-8" in text["charset"] and "żółć".encode() in text["charset"]
    old = (DATA / "charset" / "old.po").read_bytes()
    assert b"charset=ISO-8859-2" in old and "żółć".encode("iso-8859-2") in old


# --- the header's Language from Language-Team, as msgmerge derives it ---

TEAMS = ["Dutch <nl@li.org>", "Nederlands <nl@li.org>", "German", "German <de@li.org>",
         "Dutch<nl@li.org>", "  Dutch   <x>", "dutch <x>", "Chinese (simplified) <x>",
         "Chinese (traditional) <x>", "Brazilian Portuguese <x>", "French <a> <b>",
         "French <a>x", "French x <a>", "Greek <x>", "Irish <x>", "Persian <x>", "Arabic <x>",
         "Norwegian Bokmal <x>", "Serbian (Latin) <x>", "LANGUAGE <LL@li.org>", "none"]


@needs["msgmerge"]
def test_language_from_the_team_like_msgmerge(tmp_path):
    case = DATA / "header_fields"
    old = (case / "old.po").read_text(encoding="utf-8")
    for team in TEAMS:
        path = tmp_path / "team.po"
        path.write_text(old.replace("Dutch <nl@li.org>", team), encoding="utf-8")
        theirs = gnu(str(path), str(case / "template.pot"), "-o", "-").stdout
        assert ours(path, case / "template.pot", tmp_path / "out.po") == theirs, team


# --- nothing but the date changed: an in-place update leaves the file alone ---

def _template_with_new_date(case: Path, folder: Path) -> Path:
    pot = folder / "new.pot"
    pot.write_bytes((case / "template.pot").read_bytes().replace(b"2026-03-01 09:00", b"2026-04-02 10:30"))
    return pot


def test_in_place_update_keeps_a_file_whose_only_change_is_the_date(tmp_path):
    case = DATA / "header_fields"
    po = tmp_path / "nl.po"
    po.write_bytes((case / "expected.po").read_bytes())
    before = po.stat().st_mtime_ns, po.read_bytes()
    pot = _template_with_new_date(case, tmp_path)
    result = run("update", str(po), "--template", str(pot), "-o", str(po))
    assert result.exit_code == 0, result.output
    assert (po.stat().st_mtime_ns, po.read_bytes()) == before
    assert run("update", str(po), "--template", str(pot), "--check").exit_code == 0
    # to another file, the date is the template's, as msgmerge -o writes it
    assert b"2026-04-02 10:30" in ours(po, pot, tmp_path / "other.po")


@needs["msgmerge"]
def test_msgmerge_update_also_keeps_it(tmp_path):
    case = DATA / "header_fields"
    po = tmp_path / "nl.po"
    po.write_bytes((case / "expected.po").read_bytes())
    subprocess.run(["msgmerge", "-U", "-q", "--backup=off", str(po),
                    str(_template_with_new_date(case, tmp_path))], check=True)
    assert po.read_bytes() == (case / "expected.po").read_bytes()


def test_project_update_keeps_a_catalog_whose_only_change_is_the_date(example):
    pot = example / "locales/templates/ui.pot"
    po = example / "locales/nl/LC_MESSAGES/ui.po"
    assert run("update", "-C", str(example)).exit_code == 0
    before = po.read_bytes()
    text = pot.read_text(encoding="utf-8")
    pot.write_text(re.sub(r'"POT-Creation-Date: [^\\]*', '"POT-Creation-Date: 2031-01-01 00:00+0000',
                          text), encoding="utf-8")
    result = run("update", "-C", str(example))
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == before


# --- deliberate differences (README, catalog section) ---

def _active_and_obsolete(tmp_path: Path) -> tuple[Path, Path]:
    case = DATA / "header_fields"
    po = tmp_path / "both.po"
    po.write_bytes((case / "expected.po").read_bytes() + b'\n#~ msgid "Opening hours"\n#~ msgstr "Open"\n')
    pot = tmp_path / "dropped.pot"
    pot.write_bytes((case / "template.pot").read_bytes().split(b"#: templates/base.html:4")[0]
                    + b'#: templates/base.html:9\nmsgid "Book a visit"\nmsgstr ""\n')
    return po, pot


def test_an_active_and_an_obsolete_copy_merge_to_one_entry(tmp_path):
    po, pot = _active_and_obsolete(tmp_path)
    assert run("check", str(po)).exit_code == 0
    data = ours(po, pot, tmp_path / "out.po")
    assert data.count(b'msgid "Opening hours"') == 1
    assert b'#~ msgstr "Openingstijden"' in data       # the active copy's translation wins
    assert read_po(tmp_path / "out.po").obsolete()[0].msgstr == "Openingstijden"


@needs["msgmerge"]
def test_msgmerge_refuses_an_active_and_an_obsolete_copy(tmp_path):
    po, pot = _active_and_obsolete(tmp_path)
    out = gnu(str(po), str(pot), "-o", str(tmp_path / "gnu.po"))
    assert out.returncode != 0 and b"duplicate message definition" in out.stderr


# --- strictness: check rejects what msgfmt -c rejects, at the same lines ---

def _error_lines(output: str, name: str) -> set[int]:
    return {int(m.group(1)) for m in re.finditer(rf"{re.escape(name)}:(\d+): (?:error)?", output)
            if "warning" not in output[m.end():m.end() + 8]}


def test_check_rejects_each_format_mismatch_at_msgfmts_line():
    path = DATA / "check_formats.po"
    result = run("check", str(path))
    assert result.exit_code == 1
    found = {int(line.split(":")[1]) for line in result.output.splitlines() if ": error [" in line}
    # msgfmt -c's lines (test_msgfmt_rejects_the_same_lines checks them against msgfmt itself)
    assert found == {24, 30, 36, 41, 45, 49, 53, 58}
    assert "msgstr[1]" in result.output and "range" not in result.output


@needs["msgfmt"]
def test_msgfmt_rejects_the_same_lines():
    path = DATA / "check_formats.po"
    out = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert out.returncode != 0
    theirs = {int(m.group(1)) for m in re.finditer(r"check_formats\.po:(\d+): ", out.stderr)}
    assert theirs == {24, 30, 36, 41, 45, 49, 53, 58}


def _duplicate(tmp_path: Path) -> tuple[Path, int, int]:
    text = (DATA / "header_fields" / "expected.po").read_text(encoding="utf-8")
    text += '\n#: templates/other.html:2\nmsgid ""\n"Opening hours"\nmsgstr "Open"\n'
    path = tmp_path / "dup.po"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    first_msgstr = lines.index('msgstr "Openingstijden"') + 1
    duplicate_msgid = len(lines) - 3
    assert lines[duplicate_msgid - 1] == 'msgid ""'
    return path, duplicate_msgid, first_msgstr


def test_a_duplicate_names_its_msgid_line_and_the_first_definition(tmp_path):
    path, dup, first = _duplicate(tmp_path)
    expected = f"{path}:{dup}: duplicate message definition (first defined at line {first})"
    result = run("check", str(path))
    assert result.exit_code == 2 and expected in result.output
    result = CliRunner().invoke(main, ["update", str(path), "--template",
                                       str(DATA / "header_fields" / "template.pot"), "-o",
                                       str(tmp_path / "out.po")])
    assert result.exit_code == 2 and expected in result.output
    assert not (tmp_path / "out.po").exists()


@needs["msgfmt"]
def test_msgfmt_names_the_same_two_lines(tmp_path):
    path, dup, first = _duplicate(tmp_path)
    out = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert f"{path}:{dup}: duplicate message definition" in out.stderr
    assert f"{path}:{first}: ...this is the location of the first definition" in out.stderr


# --- gettext's format rules (po/formats.py) against msgfmt -c on generated strings ---

C_PIECES = ["%d", "%s", "%i", "%u", "%x", "%ld", "%lu", "%5d", "%-3s", "%.2f", "%c", "%%",
            "%1$s", "%2$d", "%1$d", "%2$s", "%*d", "%zu", "%lld", "%p", "%q", "%", "%3$s",
            "%hhd", "%jd", "%<PRId64>", "%Lf", "%lc", "%ls", "%m", "%n", "%#x", "%2$*1$d"]
PY_PIECES = ["%d", "%s", "%r", "%i", "%(n)d", "%(n)s", "%(name)s", "%(x)f", "%%", "%.2f",
             "%5s", "%c", "%(n)", "%z", "%*d", "%a", "%(n)d%(n)s", "%(n)%", "%#x", "%ld"]
WORDS = ["a", "b", "word", " ", "x y"]
RU_PLURALS = ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
              "(n%100<10 || n%100>=20) ? 1 : 2);")


def _format_catalog(seed: int, count: int = 300) -> str:
    import random

    rng = random.Random(seed)

    def text(pool):
        return " ".join(rng.choice(pool + WORDS) for _ in range(rng.randint(0, 4)))

    out = [f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
           f'"Plural-Forms: {RU_PLURALS}\\n"\n']
    for i in range(count):
        kind = rng.choice(["c", "python"])
        pool = C_PIECES if kind == "c" else PY_PIECES
        flags = f"{kind}-format"
        if rng.random() < 0.2:
            flags += f", range: {rng.randint(0, 3)}..{rng.randint(3, 12)}"
        msgid = f"m{i} " + text(pool)
        if rng.random() < 0.4:
            forms = "".join(f'msgstr[{j}] "{text(pool) or "t"}"\n' for j in range(3))
            out.append(f'\n#, {flags}\nmsgid "{msgid}"\nmsgid_plural "{msgid} {text(pool)}"\n{forms}')
        else:
            out.append(f'\n#, {flags}\nmsgid "{msgid}"\nmsgstr "{text(pool) or "t"}"\n')
    return "".join(out)


@needs["msgfmt"]
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_format_rules_reject_exactly_what_msgfmt_rejects(seed, tmp_path):
    from l10n_tool.checks import _msgstr_line
    from l10n_tool.po import parse_po
    from l10n_tool.po.formats import declared_kinds, format_problems

    path = tmp_path / "formats.po"
    path.write_text(_format_catalog(seed), encoding="utf-8")
    out = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    theirs = {int(m.group(1)) for m in re.finditer(rf"^{re.escape(str(path))}:(\d+): (?!warning)",
                                                   out.stderr, re.M)}
    catalog = parse_po(path.read_bytes(), str(path))
    ours = {_msgstr_line(m) for m in catalog.messages
            if format_problems(m, declared_kinds(m.flags), catalog.plural_forms)}
    assert len(theirs) > 20 and ours == theirs


@needs["msgmerge"]
@needs["msgcat"]
@pytest.mark.parametrize("seed", [4, 5])
def test_translations_failing_a_new_format_flag_become_fuzzy_like_msgmerge(seed, tmp_path):
    """Translated without flags, the template adds c-format or python-format: the merged
    file (which entries become fuzzy, with their #| lines) is msgmerge's, byte for byte."""
    text = _format_catalog(seed)
    old, pot = tmp_path / "old.po", tmp_path / "new.pot"
    old.write_text(re.sub(r"^#, .*\n", "", text, flags=re.M), encoding="utf-8")
    subprocess.run(["msgcat", str(old), "-o", str(old)], check=True)  # GNU's layout
    pot.write_text(re.sub(r'^(msgstr(?:\[\d\])?) ".*"$', r'\1 ""', text, flags=re.M), encoding="utf-8")
    theirs = gnu(str(old), str(pot), "-o", "-").stdout
    assert theirs.count(b"#, fuzzy") > 20
    assert ours(old, pot, tmp_path / "out.po") == theirs


def test_a_newline_the_source_lacks_or_has_is_an_error_at_msgfmts_line():
    result = run("check", str(DATA / "check_newlines.po"))
    assert result.exit_code == 1
    errors = {int(line.split(":")[1]) for line in result.output.splitlines() if ": error [whitespace]" in line}
    assert errors == {7, 10, 13, 17}
    assert ":21: warning [whitespace] leading space" in result.output   # msgfmt does not mind


@needs["msgfmt"]
def test_msgfmt_rejects_those_newlines_at_the_same_lines():
    path = DATA / "check_newlines.po"
    out = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert out.returncode != 0
    assert {int(m.group(1)) for m in re.finditer(r"check_newlines\.po:(\d+): (?!warning)", out.stderr)} \
        == {7, 10, 13, 17}
