"""Basic behaviour of the catalog layer: read, write, merge, compile, plurals, stats."""

from __future__ import annotations

import gettext
import io
import os

import pytest

from l10n_tool.errors import L10nError, SourceError
from l10n_tool.po import (
    Catalog, Message, catalog_stats, compile_mo, format_po, merge, new_header, parse_po,
    parse_plural_forms, plural_forms, read_po, write_mo, write_po,
)

SAMPLE = b'''# Dutch translation
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"POT-Creation-Date: 2024-01-01 00:00+0000\\n"
"Language: nl\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

# a translator note
#. Block kind: paragraph
#: content/posts/a.md:12 content/posts/b.md:3
#, python-format
msgid "Written by %(author)s"
msgstr "Geschreven door %(author)s"

msgctxt "navigation"
msgid "Home"
msgstr "Start"

#, fuzzy
#| msgid "Old <0>text</0>"
msgid "New <0>text</0>"
msgstr "Oude <0>tekst</0>"

msgid "%(num)d min read"
msgid_plural "%(num)d min read"
msgstr[0] "%(num)d min lezen"
msgstr[1] "%(num)d min lezen"

msgid "Untranslated"
msgstr ""

#~ msgid "Gone"
#~ msgstr "Weg"
'''


def test_read_fields():
    cat = parse_po(SAMPLE, "nl.po")
    assert cat.locale == "nl" and cat.nplurals == 2
    assert cat.get_header("Project-Id-Version") == "demo 1.0"
    m = cat.get("Written by %(author)s")
    assert m.msgstr == "Geschreven door %(author)s"
    assert m.translator_comments == ["a translator note"]
    assert m.extracted_comments == ["Block kind: paragraph"]
    assert m.references == ["content/posts/a.md:12", "content/posts/b.md:3"]
    assert m.flags == ["python-format"] and m.translated and m.line == 16
    assert cat.get("Home") is None and cat.get("Home", "navigation").msgstr == "Start"
    fz = cat.get("New <0>text</0>")
    assert fz.fuzzy and not fz.translated and fz.previous_msgid == "Old <0>text</0>"
    pl = cat.get("%(num)d min read")
    assert pl.msgstr_plural == {0: "%(num)d min lezen", 1: "%(num)d min lezen"}
    assert [m.msgid for m in cat.obsolete()] == ["Gone"]
    assert cat.get("Gone") is None
    assert len(cat.active()) == 5


def test_roundtrip_identical():
    assert format_po(parse_po(SAMPLE)) == SAMPLE


def test_changed_entry_is_reformatted_only():
    cat = parse_po(SAMPLE)
    cat.get("Untranslated").msgstr = "Onvertaald"
    out = format_po(cat)
    assert out == SAMPLE.replace(b'msgid "Untranslated"\nmsgstr ""',
                                 b'msgid "Untranslated"\nmsgstr "Onvertaald"')


def test_fuzzy_setter():
    m = Message("a", "b", flags=["python-format"])
    m.fuzzy = True
    assert m.flags == ["fuzzy", "python-format"]
    m.fuzzy = False
    assert m.flags == ["python-format"]


def test_set_header_keeps_order_and_appends():
    cat = parse_po(SAMPLE)
    cat.set_header("Language", "nl_BE")
    cat.set_header("X-Generator", "l10n")
    names = list(cat.header_fields)
    assert names[2] == "Language" and names[-1] == "X-Generator"
    assert cat.locale == "nl_BE"


def test_syntax_error_has_location():
    with pytest.raises(SourceError) as info:
        parse_po(b'msgid "ok"\nmsgstr "ok"\n\nmsgid "Broken\nmsgstr ""\n', "x.po")
    assert str(info.value).startswith("x.po:4:")


def test_write_po_atomic_and_only_when_changed(tmp_path):
    path = tmp_path / "nl.po"
    cat = parse_po(SAMPLE, str(path))
    assert write_po(cat, path) is True
    assert path.read_bytes() == SAMPLE
    mtime = os.stat(path).st_mtime_ns
    assert write_po(cat, path) is False
    assert os.stat(path).st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["nl.po"]


def test_an_atomic_file_replaces_only_when_its_block_succeeds(tmp_path):
    from l10n_tool.files import atomic_file

    path = tmp_path / "copy.po"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_file(path, durable=False) as handle:
            handle.write(b"half of the new")
            raise RuntimeError("the reading failed")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["copy.po"]
    with atomic_file(path) as handle:
        handle.write(b"new")
    assert path.read_bytes() == b"new" and [p.name for p in tmp_path.iterdir()] == ["copy.po"]


def test_write_po_ignores_pot_date(tmp_path):
    path = tmp_path / "ui.pot"
    cat = parse_po(SAMPLE, str(path))
    write_po(cat, path)
    cat.set_header("POT-Creation-Date", "2030-01-01 00:00+0000")
    assert write_po(cat, path, ignore_fields=("POT-Creation-Date",)) is False
    assert path.read_bytes() == SAMPLE
    cat.get("Untranslated").msgstr = "x"
    assert write_po(cat, path, ignore_fields=("POT-Creation-Date",)) is True


def _as_template(data: bytes) -> Catalog:
    pot = parse_po(data)
    pot.messages = [m for m in pot.messages if not m.obsolete]
    for m in pot.messages:
        m.msgstr = ""
        m.msgstr_plural = {i: "" for i in m.msgstr_plural}
        m.flags = [f for f in m.flags if f != "fuzzy"]
        m.translator_comments = []
        m.previous_msgid = None
    return pot


def test_merge_new_catalog():
    pot = _as_template(SAMPLE)
    new = merge(None, pot, locale="ar")
    assert new.locale == "ar" and new.nplurals == 6
    assert all(not m.translated for m in new.active())
    assert new.get("%(num)d min read").msgstr_plural == {i: "" for i in range(6)}
    assert not new.obsolete()
    again = parse_po(format_po(new))
    assert format_po(again) == format_po(new)


def test_merge_noop_is_identical():
    cat = parse_po(SAMPLE)
    pot = _as_template(SAMPLE)
    out = merge(cat, pot)
    assert format_po(out) == SAMPLE
    assert format_po(merge(out, pot)) == SAMPLE


def test_compile_mo_readable():
    cat = parse_po(SAMPLE)
    t = gettext.GNUTranslations(io.BytesIO(compile_mo(cat)))
    assert t.gettext("Written by %(author)s") == "Geschreven door %(author)s"
    assert t.pgettext("navigation", "Home") == "Start"
    assert t.gettext("New <0>text</0>") == "New <0>text</0>"  # fuzzy left out
    assert t.ngettext("%(num)d min read", "%(num)d min read", 5) == "%(num)d min lezen"
    assert t.gettext("Gone") == "Gone"


@pytest.mark.parametrize("locale,n", [("en", 2), ("nl", 2), ("de", 2), ("fr", 3), ("ar", 6),
                                      ("ru", 3), ("pl", 3), ("ja", 1), ("cs", 3)])
def test_plural_forms(locale, n):
    text = plural_forms(locale)
    assert text.startswith(f"nplurals={n};")
    assert parse_plural_forms(text)[0] == n


def test_plural_forms_english():
    assert plural_forms("en") == "nplurals=2; plural=(n != 1);"


@pytest.mark.parametrize("bad", [
    "nplurals=2; plural=__import__('os').system('true')",
    "nplurals=2; plural=n > 1 ? exec : 0",
    "nplurals=2; plural=(n",
    "nplurals=1; plural=n",
    "plural=n != 1",
    "nplurals=two; plural=0",
])
def test_parse_plural_forms_rejects(bad):
    with pytest.raises(ValueError):
        parse_plural_forms(bad)


def test_stats_words():
    cat = parse_po(SAMPLE)
    s = catalog_stats(cat)
    assert (s["total"], s["translated"], s["fuzzy"], s["untranslated"], s["obsolete"]) == (5, 3, 1, 1, 1)
    # "Written by %(author)s" = 2 words; "Home" 1; "%(num)d min read" = 2
    assert s["words_translated"] == 5
    assert s["words_total"] == 5 + 2 + 1


def test_new_header_fields():
    head = new_header("pt-BR", project="site 1.0")
    cat = Catalog("x.po", head)
    assert cat.get_header("Language") == "pt_BR"
    assert list(cat.header_fields) == [
        "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
        "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
        "Content-Transfer-Encoding", "Plural-Forms"]


def test_read_missing_file(tmp_path):
    with pytest.raises(L10nError):
        read_po(tmp_path / "nope.po")


def test_write_mo(tmp_path):
    cat = parse_po(SAMPLE)
    assert write_mo(cat, tmp_path / "x.mo") is True
    assert write_mo(cat, tmp_path / "x.mo") is False


def test_cr_only_file_is_read_and_kept():
    data = b'msgid "a"\rmsgstr "b"\r\rmsgid "c"\rmsgstr "d"\r'
    cat = parse_po(data)
    assert [m.msgstr for m in cat.messages] == ["b", "d"]
    assert format_po(cat) == data
    cat.messages[1].msgstr = "e"
    assert format_po(cat) == data.replace(b'"d"', b'"e"')


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_an_invalid_plural_forms_is_reported_at_its_line_whatever_the_line_ends(end):
    text = end.join(['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"',
                     '"Plural-Forms: nplurals=2; plural=n >;\\n"', "", 'msgid "a"', 'msgstr "b"', ""])
    with pytest.raises(SourceError, match=r"^x\.po:4: invalid Plural-Forms"):
        parse_po(text.encode(), path="x.po")


def test_multiline_context_and_previous_strings():
    data = (b'#, fuzzy\n#| msgctxt ""\n#| "old\\n"\n#| "ctx"\n#| msgid "old"\nmsgctxt ""\n'
            b'"new\\n"\n"ctx"\nmsgid "a"\nmsgstr "b"\n\n#, fuzzy\n#~| msgid "was"\n'
            b'#~ msgid "gone"\n#~ msgstr "weg"\n')
    cat = parse_po(data)
    m, gone = cat.messages
    assert m.msgctxt == "new\nctx" and m.previous_msgctxt == "old\nctx"
    assert gone.obsolete and gone.fuzzy and gone.previous_msgid == "was"
    assert format_po(cat) == data
    assert cat.get("a", "new\nctx") is m and cat.get("gone") is None


def test_plural_count_mismatch_is_a_warning():
    data = (b'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n<5 ? 1 : 2);\\n"\n\n'
            b'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "a"\nmsgstr[1] "b"\n')
    cat = parse_po(data, "x.po")
    assert cat.nplurals == 3
    assert [str(w) for w in cat.warnings] == ["x.po:5: 2 plural forms, but the header says nplurals=3"]


def test_multiline_comments_become_several_comment_lines():
    cat = Catalog("x.po", None, [Message("a", "b", translator_comments=["one\ntwo"],
                                         extracted_comments=["Translators: x\ny"])])
    data = format_po(cat)
    assert data == b"# one\n# two\n#. Translators: x\n#. y\nmsgid \"a\"\nmsgstr \"b\"\n"
    assert parse_po(data).messages[0].translator_comments == ["one", "two"]


def test_nul_character_cannot_be_written():
    cat = Catalog("x.po", None, [Message("a\x00b", "c")])
    with pytest.raises(L10nError):
        format_po(cat)
