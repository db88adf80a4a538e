"""Golden files: malformed catalogs with their expected error, and update trios
before.po + template.pot -> after.po (msgmerge semantics, byte for byte)."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n_tool.errors import L10nError, SourceError
from l10n_tool.po import format_po, merge, read_po

DATA = Path(__file__).parent / "data" / "po"
MALFORMED = sorted((DATA / "malformed").glob("*.po"))
TRIOS = sorted(p for p in (DATA / "merge").iterdir() if p.is_dir())


@pytest.mark.parametrize("path", MALFORMED, ids=[p.stem for p in MALFORMED])
def test_malformed_file_reports_location(path):
    expected = path.with_suffix(".expect").read_text(encoding="utf-8").strip()
    with pytest.raises(SourceError) as info:
        read_po(path, display_path=path.name)
    assert str(info.value) == expected
    assert isinstance(info.value, L10nError)


def _merge_case(case: Path, source: Path | None = None) -> bytes:
    before = source if source is not None else case / "before.po"
    po = read_po(before) if before.exists() else None
    locale_file = case / "locale"
    locale = locale_file.read_text().strip() if locale_file.exists() else None
    return format_po(merge(po, read_po(case / "template.pot"), locale=locale))


@pytest.fixture
def fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.mark.parametrize("case", TRIOS, ids=[p.name for p in TRIOS])
def test_update_trio(case, fixed_clock):
    assert _merge_case(case) == (case / "after.po").read_bytes()


@pytest.mark.parametrize("case", TRIOS, ids=[p.name for p in TRIOS])
def test_update_is_idempotent(case, fixed_clock):
    after = case / "after.po"
    assert _merge_case(case, after) == after.read_bytes()


@pytest.mark.parametrize("case", TRIOS, ids=[p.name for p in TRIOS])
def test_trio_files_roundtrip(case):
    for path in case.glob("*.po*"):
        data = path.read_bytes()
        assert format_po(read_po(path)) == data, path.name


def test_noop_update_keeps_hand_formatting():
    case = DATA / "merge" / "noop"
    before = (case / "before.po").read_bytes()
    after = (case / "after.po").read_bytes()
    # only the header's POT-Creation-Date and Report-Msgid-Bugs-To change, and the blank
    # lines between entries become one each, as msgmerge writes them
    assert b"\n\n\n" in before and b"\n\n\n" not in after
    diff = [(a, b) for a, b in zip([line for line in before.splitlines() if line],
                                   [line for line in after.splitlines() if line]) if a != b]
    assert [a.split(b":")[0] for a, _ in diff] == [b'"Report-Msgid-Bugs-To', b'"POT-Creation-Date']


def test_latin1_crlf_kept():
    data = (DATA / "merge" / "crlf_latin1" / "after.po").read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert "Café".encode("latin-1") in data


def test_bom_and_missing_final_newline_kept():
    data = (DATA / "merge" / "no_trailing_newline_bom" / "after.po").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not data.endswith(b"\n")


def test_legacy_charset_becomes_utf8_when_needed():
    from l10n_tool.po import parse_po
    po = parse_po('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
                  'msgid "Coffee"\nmsgstr "Café"\n'.encode("latin-1"))
    pot = parse_po('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Coffee"\nmsgstr ""\n\nmsgid "Price in €"\nmsgstr ""\n'.encode())
    out = merge(po, pot)
    data = format_po(out)
    assert out.get_header("Content-Type") == "text/plain; charset=UTF-8"
    assert "Café".encode() in data and "€".encode() in data
