"""The read-back check before a catalog write (po.writer.check_written): it scans only the
entries formatted anew where the catalog vouches for those written from their source text,
and it must still pass exactly the bytes the strict reader accepts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n_tool import po
from l10n_tool.errors import L10nError, SourceError
from l10n_tool.po.header import set_field
from l10n_tool.po.message import Message
from l10n_tool.po.writer import _encode, check_written, format_message, format_text

HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n')
TEXT = st.lists(st.sampled_from(list('ab é"\\\n\t#~|%') + ["日", "\r", "\nmsgid ", "\x00"]),
                max_size=12).map("".join)
BETWEEN = ["", "\n", "\n\n", "#~\n\n", " \n", "#~\n"]   # what may stand between two entries
EDITS = ["translate", "copy", "obsolete", "new", "transplant", "remove", "move", "trailer",
         "plural_forms", "domain"]
EXAMPLES = settings(max_examples=300, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def _source(entries: list[Message], between: list[str], newline: str, header: bool) -> bytes:
    """A PO file of *entries* in GNU's layout, *between* after each, lines ended by *newline*."""
    parts = [HEADER + "\n"] if header else []
    for message, after in zip(entries, between):
        parts.append("\n".join(format_message(message)) + "\n" + after)
    return "".join(parts).replace("\n", newline).encode("utf-8")


@st.composite
def messages(draw) -> Message:
    msgid = draw(TEXT.filter(lambda text: "\x00" not in text)) or "m"
    message = Message(msgid, draw(TEXT.filter(lambda text: "\x00" not in text)),
                      msgctxt=draw(st.none() | st.sampled_from(["", "menu", "a\nb"])),
                      obsolete=draw(st.booleans()))
    if draw(st.booleans()):
        message.flags = ["fuzzy"]
        message.previous_msgid = draw(st.sampled_from(["old", "x\ny"]))
    if draw(st.booleans()):
        message.translator_comments = ["note"]
    return message


@st.composite
def catalogs(draw):
    """A catalog read from a generated file, then edited as merge, `l10n merge` and API
    callers edit one (copies keep their source text)."""
    entries = draw(st.lists(messages(), min_size=1, max_size=6))
    between = [draw(st.sampled_from(BETWEEN)) for _ in entries]
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    try:
        catalog = po.parse_po(_source(entries, between, newline, draw(st.booleans())), "x.po")
        elsewhere = [Message(m.msgid + " (y.po)", m.msgstr, obsolete=m.obsolete) for m in entries]
        other = po.parse_po(_source(elsewhere, between, draw(st.sampled_from(["\n", "\r\n"])), False),
                            "y.po")
    except SourceError:
        catalog = None
    if catalog is None or not catalog.messages or not other.messages:
        return None
    for edit in draw(st.lists(st.sampled_from(EDITS), max_size=4)):
        at = draw(st.integers(0, len(catalog.messages) - 1)) if catalog.messages else None
        if at is None and edit not in ("new", "trailer", "plural_forms", "domain"):
            continue
        if edit == "translate":
            catalog.messages[at].msgstr = draw(TEXT)
        elif edit == "copy":
            catalog.messages.append(catalog.messages[at].copy())
        elif edit == "obsolete":
            catalog.messages[at].obsolete = not catalog.messages[at].obsolete
        elif edit == "new":
            catalog.messages.insert(draw(st.integers(0, len(catalog.messages))), draw(messages()))
        elif edit == "transplant":
            catalog.messages.append(draw(st.sampled_from(other.messages)))
        elif edit == "remove":
            del catalog.messages[at]
        elif edit == "move":  # an entry written from its source text after another entry
            catalog.messages.insert(draw(st.integers(0, len(catalog.messages) - 1)),
                                    catalog.messages.pop(at))
        elif edit == "trailer":
            catalog._trailer = draw(st.sampled_from(["# left over\n", "#| msgid \"x\"\n", "\n"]))
        elif edit == "plural_forms" and catalog.header is not None:
            catalog.header.msgstr = set_field(catalog.header.msgstr, "Plural-Forms",
                                              draw(st.sampled_from(["nplurals=2; plural=n/0;",
                                                                    "nplurals=3; plural=n%3;"])))
        elif edit == "domain":
            catalog.domain = draw(st.sampled_from(["ui", "a\"b", "x\ny"]))
    return catalog


def _strict_verdict(data: bytes) -> bool:
    try:
        po.parse_po(data, "x.po")
    except SourceError:
        return False
    return True


@EXAMPLES
@given(catalogs())
def test_the_check_passes_exactly_what_the_strict_reader_reads(catalog):
    if catalog is None:
        return
    fresh: list[str] = []
    text = format_text(catalog, fresh)
    try:
        data = _encode(catalog, text)
    except L10nError:
        return  # a NUL: never encoded, never written
    try:
        check_written(catalog, data, "x.po", text, fresh)
        passed = True
    except L10nError:
        passed = False
    assert passed == _strict_verdict(data)


def _read(tmp_path, text: str):
    path = tmp_path / "nl.po"
    path.write_text(HEADER + text, encoding="utf-8")
    return path, po.read_po(path)


@pytest.mark.parametrize("obsolete", [False, True])
def test_a_copy_of_an_entry_written_from_its_source_text_is_caught(tmp_path, obsolete):
    mark = "#~ " if obsolete else ""
    path, catalog = _read(tmp_path, f'\n{mark}msgid "Dag"\n{mark}msgstr "Hello"\n')
    before = path.read_bytes()
    catalog.messages.append(catalog.messages[0].copy())  # same source text, written twice
    with pytest.raises(L10nError, match=r"nl\.po: not written, .*duplicate .*message definition"):
        po.write_po(catalog, path)
    assert path.read_bytes() == before


def test_an_entry_formatted_anew_is_scanned(tmp_path, monkeypatch):
    path, catalog = _read(tmp_path, '\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n')
    catalog.messages[1].msgstr = "e"
    scanned: list[str] = []
    from l10n_tool.po import fast

    real = fast.scan_text
    monkeypatch.setattr(fast, "scan_text", lambda text, codec: scanned.append(text) or real(text, codec))
    assert po.write_po(catalog, path)
    assert scanned == ['msgid "c"\nmsgstr "e"\n']  # the entry written from its source is not
    assert po.read_po(path).messages[1].msgstr == "e"
