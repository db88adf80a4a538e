"""Never write what we cannot read (issue 16, items 1-2): `l10n merge` and `l10n update`
keep one entry a message, every catalog write is read back by the strict reader before the
rename, and every fast path rejects a NUL byte as the strict reader does, at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n_tool import po
from l10n_tool.cli import main
from l10n_tool.errors import L10nError, SourceError
from l10n_tool.po import pieces
from l10n_tool.po.delta import changed_entries
from l10n_tool.po.fast import scan_text
from l10n_tool.po.summary import summarize, summarize_bytes, summary_pieces

UI = Path("locales/nl/LC_MESSAGES/ui.po")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _returned_with_unknown(example: Path, tmp_path: Path, msgstr: str = "Verdwenen") -> Path:
    """The nl UI catalog as a translator sends it back, translating a message we lack."""
    data = (example / UI).read_bytes() + f'\nmsgid "A message we no longer have"\nmsgstr "{msgstr}"\n'.encode()
    returned = tmp_path / "returned.po"
    returned.write_bytes(data)
    return returned


def test_merging_the_same_returned_file_twice_keeps_one_entry(example, tmp_path):
    returned = _returned_with_unknown(example, tmp_path)
    for _ in range(2):
        result = run("merge", str(returned), "--locale", "nl", "--domain", "ui", "-C", str(example))
        assert result.exit_code == 0, result.output
        catalog = po.read_po(example / UI)   # the strict reader accepts what was written
        kept = [m for m in catalog.obsolete() if m.msgid == "A message we no longer have"]
        assert [m.msgstr for m in kept] == ["Verdwenen"]
    assert run("status", "-C", str(example)).exit_code == 0


def test_a_returned_translation_of_a_message_we_hold_obsolete_updates_it(example, tmp_path):
    first = _returned_with_unknown(example, tmp_path)
    run("merge", str(first), "--locale", "nl", "--domain", "ui", "-C", str(example))
    second = _returned_with_unknown(example, tmp_path / "..", "Niet meer in gebruik")
    result = run("merge", str(second), "--locale", "nl", "--domain", "ui", "-C", str(example))
    assert result.exit_code == 0, result.output
    kept = [m for m in po.read_po(example / UI).obsolete() if m.msgid == "A message we no longer have"]
    assert [m.msgstr for m in kept] == ["Niet meer in gebruik"]


def test_update_merges_an_active_and_an_obsolete_copy_into_one(example):
    path = example / UI
    data = path.read_bytes()
    catalog = po.read_po(path)
    first = catalog.active()[0]
    path.write_bytes(data + f'\n#~ msgid "{first.msgid}"\n#~ msgstr "another"\n'.encode())
    assert run("check", str(path)).exit_code == 0
    pot = example / "locales/templates/ui.pot"
    template = pot.read_bytes()
    start = template.index(f'msgid "{first.msgid}"'.encode())
    pot.write_bytes(template[:start] + b'msgid "a replacement message"\nmsgstr ""\n'
                    + template[template.index(b"\n\n", start):])
    result = run("update", "-C", str(example), "--domain", "ui", "--locale", "nl", "--no-fuzzy")
    assert result.exit_code == 0, result.output
    merged = po.read_po(path)
    assert [m.msgstr for m in merged.obsolete() if m.msgid == first.msgid] == [first.msgstr]


def test_a_write_the_strict_reader_would_reject_is_refused(tmp_path):
    path = tmp_path / "nl.po"
    path.write_bytes(b'msgid "Home"\nmsgstr "Start"\n')
    catalog = po.read_po(path)
    catalog.messages.append(po.Message("Home", "Thuis"))   # a second active "Home"
    with pytest.raises(L10nError, match=r"nl\.po: not written, the result would not read back: "
                                        r".*nl\.po:4: duplicate message definition"):
        po.write_po(catalog, path)
    assert path.read_bytes() == b'msgid "Home"\nmsgstr "Start"\n'
    assert list(tmp_path.iterdir()) == [path]   # no temporary file left


def test_bytes_that_would_decode_to_other_text_are_refused(tmp_path):
    """A header edited to declare ISO-8859-2 over a catalog still encoded as UTF-8: every
    byte decodes, into other letters, so the file is refused rather than garbled."""
    catalog = po.parse_po('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                          'msgid "Yellow"\nmsgstr "żółty"\n'.encode())
    catalog.set_header("Content-Type", "text/plain; charset=ISO-8859-2")
    with pytest.raises(L10nError, match=r"not written: its bytes do not read back as written "
                                        r"in the charset its header declares \(ISO-8859-2\)"):
        po.write_po(catalog, tmp_path / "pl.po")
    assert not (tmp_path / "pl.po").exists()


# --- a NUL byte inside a msgstr ---

ENTRIES = [(f"Message {i}", f"Bericht {i}") for i in range(400)]


def _catalog(nul_at: int | None = None) -> bytes:
    out = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for i, (msgid, msgstr) in enumerate(ENTRIES):
        if i == nul_at:
            msgstr = "Bericht\x00hidden text"
        out.append(f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n')
    return "".join(out).encode()


def _strict_error(data: bytes) -> str:
    with pytest.raises(SourceError) as info:
        po.parse_po(data, "content.po")
    return str(info.value)


def test_every_fast_path_rejects_a_nul_as_the_strict_reader_does(tmp_path, monkeypatch):
    data = _catalog(nul_at=300)
    expected = _strict_error(data)
    assert expected.startswith("content.po:") and "NUL byte in file" in expected
    assert scan_text(data.decode(), "utf-8") is None
    with pytest.raises(SourceError) as info:
        summarize_bytes(data, "content.po")
    assert str(info.value) == expected
    # the large-file path: pieces of whole entries, the NUL in a later piece
    monkeypatch.setattr(pieces, "CHUNK", 2000)
    path = tmp_path / "content.po"
    path.write_bytes(data)
    with pytest.raises(SourceError) as info:
        list(summary_pieces(path, "content.po"))
    assert str(info.value) == expected
    with pytest.raises(SourceError) as info:
        summarize(path, "content.po")
    assert str(info.value) == expected
    # the quick build's delta defers to a full (strict) read
    assert changed_entries(_catalog(), data) is None


# --- the same through the build: the quick path (po/delta.py) and a catalog read in pieces ---

NL_CONTENT = Path("locales/nl/LC_MESSAGES/content.po")
HAY_FEVER_BODY = 'msgstr "Ken je seizoen"'  # a heading of the published Dutch hay fever post


def _with_nul(root: Path) -> int:
    """Put a NUL inside that msgstr; the line the strict reader names."""
    path = root / NL_CONTENT
    text = path.read_text(encoding="utf-8")
    assert HAY_FEVER_BODY in text
    path.write_text(text.replace(HAY_FEVER_BODY, 'msgstr "Ken je\x00 Verborgen tekst"', 1), encoding="utf-8")
    return text[:text.index(HAY_FEVER_BODY)].count("\n") + 1


def test_a_quick_build_rejects_a_nul_at_its_line(tmp_path):
    import time

    from conftest import copy_example
    from l10n_tool.build import build_site
    from l10n_tool.config import Project
    from l10n_tool.extract.articles import RACY_NS

    (tmp_path / "project").mkdir()
    root = copy_example(tmp_path / "project")
    time.sleep(RACY_NS / 1e9 * 1.5)
    build_site(Project.load(root))
    line = _with_nul(root)
    with pytest.raises(L10nError, match=rf"locales/nl/LC_MESSAGES/content\.po:{line}: NUL byte in file"):
        build_site(Project.load(root))


def test_a_build_reading_a_catalog_in_pieces_rejects_a_nul_at_its_line(tmp_path, monkeypatch):
    from conftest import copy_example
    from l10n_tool.build import build_site
    from l10n_tool.config import Project

    root = copy_example(tmp_path)
    line = _with_nul(root)
    monkeypatch.setattr(pieces, "CHUNK", 512)   # as a catalog over 8 MiB is read
    with pytest.raises(L10nError, match=rf"locales/nl/LC_MESSAGES/content\.po:{line}: NUL byte in file"):
        build_site(Project.load(root))
