"""Property tests: write -> read -> write is identical and nothing is lost, and the
reader turns any bytes into a Catalog or an L10nError (never another exception)."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from l10n_tool.errors import L10nError
from l10n_tool.po import Catalog, Message, format_po, new_header, parse_po
from l10n_tool.po.writer import _ordered_flags, format_text

ODD = "\"\\\n\t\r\a\b\f\v\x01\x7f\x85\u2028\u00a0\u200b\u0301éß€漢字かな한 שלום مرحبا 👍🏽🇳🇱%{}<0></0><1/>#~|:,."
TEXT = st.text(alphabet=st.sampled_from(list("abc xyz ABC") + list(ODD)), max_size=120)
LINE = st.text(alphabet=st.sampled_from(list("abc xyz,.:#|~") + list("éß€漢 \t")), max_size=40) \
    .filter(lambda s: s == s.rstrip("\t") and not s.startswith("\t"))
TOKEN = st.text(alphabet=st.sampled_from(list("abcxyz/._-:0123456789é")), min_size=1, max_size=20)
FLAG = st.sampled_from(["python-format", "c-format", "python-brace-format", "no-wrap",
                        "no-python-format", "range: 1..5", "x-custom"])


@st.composite
def messages(draw):
    msgid = draw(TEXT.filter(bool))
    m = Message(msgid, msgctxt=draw(st.none() | TEXT))
    if draw(st.booleans()):
        m.msgid_plural = draw(TEXT)
        n = draw(st.integers(1, 6))
        m.msgstr_plural = {i: draw(TEXT) for i in range(n)}
    else:
        m.msgstr = draw(TEXT)
    m.translator_comments = draw(st.lists(LINE, max_size=3))
    m.extracted_comments = draw(st.lists(LINE, max_size=2))
    m.references = draw(st.lists(TOKEN, max_size=8))
    m.flags = draw(st.lists(FLAG, max_size=3, unique=True))
    if m.strings()[0] and draw(st.booleans()):
        m.flags.insert(0, "fuzzy")
    if draw(st.booleans()):
        m.previous_msgid = draw(TEXT)
        m.previous_msgctxt = draw(st.none() | TEXT)
        if draw(st.booleans()):
            m.previous_msgid_plural = draw(TEXT)
    m.obsolete = draw(st.booleans()) and bool(m.strings()[0])
    return m


@st.composite
def catalogs(draw):
    cat = Catalog("gen.po", new_header(draw(st.sampled_from(["nl", "ar", "ja", "ru"])), date=0)
                  if draw(st.booleans()) else None)
    seen = set()
    for m in draw(st.lists(messages(), max_size=12)):
        key = (m.msgctxt, m.msgid, m.obsolete)
        if key in seen or (m.msgid == "" and m.msgctxt is None):
            continue
        seen.add(key)
        cat.messages.append(m)
    cat._newline = draw(st.sampled_from(["\n", "\r\n"]))
    if draw(st.booleans()) and cat.header is not None:
        try:
            format_text(cat).encode("iso8859-1")
        except UnicodeEncodeError:
            pass
        else:
            cat = _as_latin1(cat)
    return cat


def _as_latin1(cat: Catalog) -> Catalog:
    if cat.header is None:
        return cat
    cat.set_header("Content-Type", "text/plain; charset=ISO-8859-1")
    cat.charset, cat._codec = "ISO-8859-1", "iso8859-1"
    return cat


def _fields(cat: Catalog) -> list[tuple]:
    """Every field; flags compared in the order the writer uses (GNU's)."""
    out = []
    for m in ([cat.header] if cat.header else []) + cat.messages:
        fp = list(m.fingerprint())
        fp[8] = tuple(_ordered_flags(list(fp[8])))
        out.append(tuple(fp))
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_write_read_write_is_identical_and_lossless(cat):
    data = format_po(cat)
    back = parse_po(data, "gen.po")
    assert _fields(back) == _fields(cat)
    assert format_po(back) == data
    if data:
        assert back._newline == cat._newline


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.data())
def test_editing_one_entry_keeps_the_others_bytes(cat, data):
    assume(len(cat.messages) >= 2)
    original = format_po(cat)
    back = parse_po(original, "gen.po")
    victim = data.draw(st.integers(0, len(back.messages) - 1))
    target = back.messages[victim]
    target.translator_comments = target.translator_comments + ["edited"]
    edited = format_po(back)
    for i, m in enumerate(back.messages):
        if i != victim:
            assert m._raw.encode(back._codec) in edited
    assert parse_po(edited).messages[victim].translator_comments[-1] == "edited"


SEED = (b'# c\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n#, fuzzy\n#| msgid "o"\n'
        b'msgctxt "c"\nmsgid "a"\nmsgstr "b"\n\nmsgid "x"\nmsgid_plural "y"\n'
        b'msgstr[0] "1"\nmsgstr[1] "2"\n\n#~ msgid "z"\n#~ msgstr "w"\n')


@settings(max_examples=600, deadline=None)
@given(st.binary(max_size=300))
def test_reader_never_crashes_on_random_bytes(data):
    _read_or_error(data)


@settings(max_examples=600, deadline=None)
@example([(58, 0, b"\x00")])  # a NUL inside the charset name
@given(st.lists(st.tuples(st.integers(0, len(SEED)), st.integers(0, 6), st.binary(max_size=6)),
                max_size=5))
def test_reader_never_crashes_on_mutated_catalogs(edits):
    data = bytearray(SEED)
    for pos, cut, insert in edits:
        pos = min(pos, len(data))
        data[pos:pos + cut] = insert
    _read_or_error(bytes(data))


def _read_or_error(data: bytes) -> None:
    try:
        cat = parse_po(data, "fuzz.po")
    except L10nError as exc:
        assert str(exc).startswith("fuzz.po")
        return
    assert isinstance(cat, Catalog)
    assert format_po(cat) == data  # anything we accept we can reproduce
