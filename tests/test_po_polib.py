"""Catalog.to_polib() / Catalog.from_polib(): round trips on the repository's real catalogs."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest

from l10n_tool import po

REPO = Path(__file__).parent.parent
CATALOGS = sorted([*REPO.glob("locales/*/LC_MESSAGES/*.po"), *REPO.glob("locales/templates/*.pot"),
                   *REPO.glob("tests/data/po/merge/*/*.po"), *REPO.glob("tests/data/po/merge/*/*.pot")])
IDS = [path.relative_to(REPO).as_posix() for path in CATALOGS]


def fields(message: po.Message) -> tuple:
    """Every field a PO entry shows, and the line it was read at."""
    return (*message.fingerprint(), message.line)


def test_the_real_catalogs_are_all_here():
    names = set(IDS)
    assert {"locales/nl/LC_MESSAGES/ui.po", "locales/de/LC_MESSAGES/content.po",
            "tests/data/po/merge/plurals/after.po", "tests/data/po/merge/crlf_latin1/before.po"} <= names
    assert len([name for name in names if name.startswith("tests/data/po/merge/")]) >= 13
    messages = [m for path in CATALOGS for m in po.read_po(path).messages]
    for name in ("msgctxt", "msgid_plural", "msgstr_plural", "translator_comments", "extracted_comments",
                 "references", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural",
                 "obsolete"):
        assert any(getattr(m, name) for m in messages), f"no real catalog has {name}: the round trip would not test it"


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_our_catalog_through_polib_and_back_keeps_every_field(path):
    catalog = po.read_po(path)
    pofile = catalog.to_polib()
    assert isinstance(pofile, polib.POFile) and len(pofile) == len(catalog.messages)
    back = po.Catalog.from_polib(pofile)
    assert [fields(m) for m in back.messages] == [fields(m) for m in catalog.messages]
    assert (back.header is None) == (catalog.header is None)
    if catalog.header is not None:
        assert back.header.fingerprint() == catalog.header.fingerprint()
    assert (back.charset, back._codec, back.path) == (catalog.charset, catalog._codec, catalog.path)


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_polib_sees_the_same_entries(path):
    catalog = po.read_po(path)
    pofile = catalog.to_polib()
    assert [(e.msgctxt, e.msgid) for e in pofile.obsolete_entries()] == [m.key for m in catalog.obsolete()]
    assert len(pofile.translated_entries()) == sum(m.translated for m in catalog.messages)
    assert len(pofile.fuzzy_entries()) == sum(m.fuzzy and not m.obsolete for m in catalog.messages)
    assert pofile.metadata == catalog.header_fields


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_str_of_the_polib_file_parses_back(path):
    catalog = po.read_po(path)
    exact = po.parse_po(str(catalog.to_polib(wrapwidth=0)).encode(catalog._codec), str(path))
    assert [m.fingerprint() for m in exact.messages] == [m.fingerprint() for m in catalog.messages]
    assert exact.header_fields == catalog.header_fields
    # polib's default wrapping splits long comment lines; nothing else changes
    wrapped = po.parse_po(str(catalog.to_polib()).encode(catalog._codec), str(path))
    assert [joined(m) for m in wrapped.messages] == [joined(m) for m in catalog.messages]
    assert len(polib.pofile(str(catalog.to_polib()))) == len(catalog.messages)


def joined(message: po.Message) -> tuple:
    fingerprint = list(message.fingerprint())
    fingerprint[5:7] = [" ".join(message.translator_comments), " ".join(message.extracted_comments)]
    return tuple(fingerprint)


@pytest.mark.parametrize("path", CATALOGS, ids=IDS)
def test_a_file_polib_read_converts_to_the_catalog_our_reader_makes(path, tmp_path):
    ours = po.read_po(path)
    converted = po.Catalog.from_polib(polib.pofile(str(path)))
    assert [m.fingerprint() for m in converted.messages] == [m.fingerprint() for m in ours.messages]
    assert converted.header_fields == ours.header_fields and converted.locale == ours.locale
    assert (converted.charset, converted._codec) == (ours.charset, ours._codec)
    written = po.parse_po(po.format_po(converted), str(path))   # our writer takes it as it is
    assert [m.fingerprint() for m in written.messages] == [m.fingerprint() for m in ours.messages]


def test_edits_made_in_polib_come_back():
    catalog = po.read_po(REPO / "locales/nl/LC_MESSAGES/ui.po")
    pofile = catalog.to_polib()
    entry = pofile.find("Comments")
    entry.msgstr, entry.tcomment, entry.flags = "Reacties", "checked by Anna\nsecond line", ["fuzzy"]
    pofile.header = "Dutch UI strings"
    pofile.metadata["Last-Translator"] = "Anna <anna@example.org>"
    back = po.Catalog.from_polib(pofile)
    message = back.get("Comments")
    assert (message.msgstr, message.translator_comments, message.fuzzy) == (
        "Reacties", ["checked by Anna", "second line"], True)
    assert back.header.translator_comments == ["Dutch UI strings"]
    assert back.get_header("Last-Translator") == "Anna <anna@example.org>"
    assert po.read_po(REPO / "locales/nl/LC_MESSAGES/ui.po").get("Comments").msgstr != "Reacties"


def test_a_catalog_without_header_and_an_empty_comment_line():
    catalog = po.parse_po(b'#\nmsgid "a"\nmsgstr "b"\n\n#~ msgid "old"\n#~ msgstr "oud"\n')
    assert catalog.header is None and catalog.messages[0].translator_comments == [""]
    back = po.Catalog.from_polib(catalog.to_polib())
    assert back.header is None and [fields(m) for m in back.messages] == [fields(m) for m in catalog.messages]
