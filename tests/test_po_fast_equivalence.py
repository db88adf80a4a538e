"""The fast scan (po.fast) behind `l10n status FILE.po`, `l10n compile FILE.po` and the
catalog summaries of status and build (po.summarize, po.summary_pieces) against the strict reader: the same counts and word
counts as catalog_stats, the same .mo bytes as compile_mo, the same translated entries, the
same errors; and the fast path really is taken on GNU-layout files."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n_tool import po
from l10n_tool.cli import main
from l10n_tool.errors import L10nError
from l10n_tool.po import fast, mo, pieces, summary
from l10n_tool.po.summary import summarize_bytes
from l10n_tool.words import count_words, count_words_of

REPO = Path(__file__).parent.parent
DATA = REPO / "tests" / "data" / "po"
GOLDEN = sorted(p for folder in (DATA, REPO / "locales") for pattern in ("*.po", "*.pot")
                for p in folder.rglob(pattern))
MALFORMED = sorted((DATA / "malformed").glob("*.po"))


def strict(data: bytes, name: str = "x.po"):
    """("ok", stats, locale, mo) or ("error", message) from the strict reader."""
    try:
        catalog = po.parse_po(data, name)
    except L10nError as exc:
        return ("error", str(exc))
    return ("ok", po.catalog_stats(catalog), catalog.locale, mo.compile_mo(catalog),
            summary_fields(po.catalog_summary(catalog)))


def quick(data: bytes, name: str = "x.po"):
    """The same from the fast path (which falls back to the strict reader by itself)."""
    try:
        counted = summarize_bytes(data, name)  # its stats asked for first
        stats, locale = counted.stats, counted.locale
        compiled = mo.compile_bytes(data, name)
        found = summarize_bytes(data, name)
    except L10nError as exc:
        return ("error", str(exc))
    return ("ok", stats, locale, compiled, summary_fields(found))


def summary_fields(summary: po.Summary) -> tuple:
    """What the build and status read of a Summary, comparable (entries in key order)."""
    entries = sorted(summary.translated, key=lambda entry: (entry[0] or "", entry[0] is None, entry[1]))
    return summary.stats, summary.locale, summary.plural_forms, entries


def check_same(data: bytes, name: str = "x.po"):
    expected = strict(data, name)
    assert quick(data, name) == expected
    if expected[0] == "error":  # the scan itself must not have accepted the file
        try:
            assert fast.scan(data, name) is None, "the fast path accepted a file the strict one rejects"
        except L10nError as exc:  # errors in the bytes: raised by the same decoder
            assert str(exc) == expected[1]
    return expected


# -- the repository's own files ----------------------------------------------------------------
@pytest.mark.parametrize("path", GOLDEN, ids=[str(p.relative_to(REPO)) for p in GOLDEN])
def test_golden_files(path):
    data = path.read_bytes()
    result = check_same(data, path.name)
    if path.parent.name != "malformed":
        assert result[0] == "ok"


def test_golden_well_formed_files_take_the_fast_path():
    good = [p for p in GOLDEN if p.parent.name != "malformed"]
    taken = [p for p in good if fast.scan(p.read_bytes(), p.name) is not None]
    # every GNU-written golden file; the crlf/latin-1 and BOM cases included
    assert len(taken) == len(good), sorted(set(map(str, good)) - set(map(str, taken)))


@pytest.mark.parametrize("path", MALFORMED, ids=[p.stem for p in MALFORMED])
def test_malformed_files_give_the_strict_error(path):
    expected = path.with_suffix(".expect").read_text(encoding="utf-8").strip()
    with pytest.raises(L10nError) as info:
        summarize_bytes(path.read_bytes(), path.name).stats
    assert str(info.value) == expected
    with pytest.raises(L10nError) as info:
        mo.compile_bytes(path.read_bytes(), path.name)
    assert str(info.value) == expected


def variant_of(data: bytes, variant: str, replace: bool = False) -> bytes:
    """UTF-8 PO bytes with CRLF line ends, a BOM, no final newline, or in ISO-8859-1 (other
    characters replaced by "?" with *replace*, else the file is left in UTF-8)."""
    if variant == "crlf":
        return data.replace(b"\n", b"\r\n")
    if variant == "bom":
        return b"\xef\xbb\xbf" + data
    if variant == "no-final-newline":
        return data.rstrip(b"\n")
    if variant == "latin-1":
        text = data.decode("utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
        if replace:
            text = "".join(c if ord(c) < 256 else "?" for c in text)
        if all(ord(c) < 256 for c in text):
            return text.encode("latin-1")
    return data


# -- benchmark catalogs --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def benchmark_catalog(tmp_path_factory):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    out = tmp_path_factory.mktemp("catalog")
    generate.generate_catalog(600, out)
    return out


@pytest.fixture(params=["whole", "chunked"])
def chunking(request, monkeypatch):
    """Large files are summarised a chunk at a time (po.pieces.CHUNK): check both ways."""
    if request.param == "chunked":
        monkeypatch.setattr(pieces, "CHUNK", 4096)


@pytest.mark.parametrize("name", ["old.po", "old.pot", "new.pot"])
def test_benchmark_catalogs(benchmark_catalog, name, chunking):
    data = (benchmark_catalog / name).read_bytes()
    assert fast.scan(data, name) is not None
    result = check_same(data, name)
    assert result[0] == "ok"
    if name == "old.po":
        stats = result[1]
        assert stats["fuzzy"] and stats["obsolete"] and stats["untranslated"]


@pytest.mark.parametrize("variant", ["crlf", "bom", "no-final-newline", "latin-1"])
def test_benchmark_catalog_variants(benchmark_catalog, variant, chunking):
    data = variant_of((benchmark_catalog / "old.po").read_bytes(), variant, replace=True)
    assert fast.scan(data, "old.po") is not None
    assert check_same(data, "old.po")[0] == "ok"


def test_benchmark_catalog_mutations(benchmark_catalog, chunking):
    """Corrupt one line at a time: the fast path reports exactly the strict outcome."""
    lines = (benchmark_catalog / "old.po").read_bytes().split(b"\n")
    rng = random.Random(6)
    junk = [b'msgstr "x"', b'"cont"', b'#~ msgid "y"', b'msgid "dup"', b'msgstr[3] "z"',
            b'  msgid "a"', b'msgid "a" "b"', b'"unterminated', b'"bad \\q"', b'"\\x41"',
            b'#| msgid "p"', b"#~", b"   ", b'msgctxt "c"', b"#~ msgstr \"o\"", b"junk",
            b'msgid_plural "p"', b'msgstr[0] ""', b'#, fuzzy', b"\r", b'"\\0"', b'"\\101"',
            b"#~ #, fuzzy", b"#~ # note", b"#~ ", b"#~| "]
    for _ in range(150):
        mutated = list(lines)
        at = rng.randrange(len(mutated))
        kind = rng.randrange(5)
        if kind == 0:
            del mutated[at]
        elif kind == 1:
            mutated.insert(at, rng.choice(junk))
        elif kind == 2:
            mutated.insert(at, mutated[at])
        elif kind == 3 and mutated[at]:
            col = rng.randrange(len(mutated[at]))
            mutated[at] = mutated[at][:col] + rng.choice([b'"', b"\\", b" ", b""]) \
                + mutated[at][col + 1:]
        else:
            mutated[at:at] = mutated[at:at + rng.randrange(1, 12)]  # a block twice
        check_same(b"\n".join(mutated), "old.po")


def pieces_outcome(data: bytes, folder: Path):
    """("ok", locale, plural_forms, entries) of po.summary_pieces or ("error", message)."""
    path = folder / "x.po"
    path.write_bytes(data)
    try:
        found = list(po.summary_pieces(path, "x.po"))
    except L10nError as exc:
        return ("error", str(exc))
    entries = [entry for piece in found for entry in piece.translated]
    assert len(entries) == len(set((entry[0], entry[1]) for entry in entries)), "an entry given twice"
    entries.sort(key=lambda entry: (entry[0] or "", entry[0] is None, entry[1]))
    return ("ok", found[0].locale, found[0].plural_forms, entries)


def test_summary_pieces_give_the_whole_file(benchmark_catalog, tmp_path, monkeypatch):
    """Read a piece at a time, mutated or not, with the fallback to a whole read wherever
    the pieces cannot vouch: the strict reader's summary, or its error."""
    monkeypatch.setattr(pieces, "CHUNK", 4096)
    lines = (benchmark_catalog / "old.po").read_bytes().split(b"\n")
    rng = random.Random(12)
    variants = [b"\n".join(lines)]
    for _ in range(40):
        mutated = list(lines)
        at = rng.randrange(len(mutated))
        mutated.insert(at, rng.choice([b'msgid "dup"', b'"cont"', b"junk", mutated[at], b'msgid ""',
                                       b"#,fuzzy", b'"a" "b"']))
        variants.append(b"\n".join(mutated))
    at = variants[0].index(b"\n\n") + 2
    variants.append(variants[0][at:])  # no header in the first piece
    rest = summary._rest
    given: list[int] = []  # entries read in pieces before each fallback to a whole read
    monkeypatch.setattr(summary, "_rest", lambda *args: given.append(args[2]) or rest(*args))
    for data in variants:
        expected = strict(data)
        outcome = pieces_outcome(data, tmp_path)
        if expected[0] == "error":
            assert outcome == expected
            continue
        _, _, locale, _, (_, _, plural_forms, entries) = expected
        assert outcome == ("ok", locale, plural_forms, entries)
    assert 0 in given and any(given), given  # both fallbacks were taken


@pytest.mark.parametrize("text", [
    '#~ #, fuzzy\n#~ msgid "a"\n#~ msgstr "b"\n',          # a comment inside #~: unknown keyword
    '#~ msgid "a"\n#~ \n#~ msgstr "b"\n',                   # an empty #~ line: skipped
    '#~ \n#~ msgid "a"\n#~ msgstr "b"\n#~ \n',
    '#~ msgid "a"\n#~ msgstr "b"\n#~ msgid "c"\n#~ msgstr "d"\n',   # two without a blank line
    '#| msgid "p"\n#~ msgid "a"\n#~ msgstr "b"\n',           # active previous, obsolete entry
    '#~| msgid "p"\nmsgid "a"\nmsgstr "b"\n',
    'msgid "a"\nmsgstr "b"\n#~ msgid "a"\n#~ msgstr "c"\n',  # the same key active and obsolete
    '#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
    '#~ msgid "a"\n#~ msgid_plural "as"\n#~ msgstr[1] "b"\n',
    '#~ msgid "a"\n#~ msgid_plural "as"\n#~ msgstr "b"\n',
    'msgid "a"\nmsgstr[0] "b"\n', 'msgid "a"\nmsgid_plural "as"\nmsgstr[00] "b"\n',
    'msgid ""\nmsgid_plural "x"\nmsgstr[0] "Language: nl\\n"\n',          # a plural header
    'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=n>2;\\n"\n',     # out of range
    'msgctxt "x"\nmsgid "a"\nmsgstr "1"\n\nmsgid "x\x04a"\nmsgstr "2"\n',  # equal .mo keys
    'msgid "a"\nmsgstr ""\n""\n"x"\n', 'msgid "a"\nmsgstr ""\n""\n',
])
def test_edge_cases(text):
    data = ('msgid ""\nmsgstr "Language: nl\\n"\n\n' + text).encode("utf-8")
    check_same(data)
    check_same(text.encode("utf-8"))


# -- generated catalogs ----------------------------------------------------------------------------
ALPHABET = list("abcdefghij ABC.,;:!?'-_0123456789") + ["ß", "ÿ", "½",
    "%(name)s", "%d", "{0}", "<0>", "</0>", "<1/>", '"', "\\", "\n", "\t", "é", "ü", "’", "—",
    "€", "漢", "it's", "well-known", "%%", "100%", "{x y}", "%(", ")"]
TEXT = st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join)
NONEMPTY = st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=40).map("".join)


@st.composite
def messages(draw, obsolete: bool):
    plural = draw(st.booleans())
    nforms = draw(st.integers(1, 6))
    previous = draw(st.sampled_from([None, "msgid", "msgctxt", "plural"]))
    return po.Message(
        msgid=draw(NONEMPTY),
        msgstr="" if plural else draw(st.one_of(st.just(""), TEXT)),
        msgctxt=draw(st.one_of(st.none(), TEXT)),
        msgid_plural=draw(NONEMPTY) if plural else None,
        msgstr_plural={i: draw(st.one_of(st.just(""), TEXT)) for i in range(nforms)} if plural else {},
        translator_comments=draw(st.lists(st.sampled_from(["note", "", "fuzzy words"]), max_size=2)),
        extracted_comments=draw(st.lists(st.sampled_from(["paragraph", "a, b"]), max_size=2)),
        references=draw(st.lists(st.sampled_from(["a.md:1", "templates/x.html:20"]), max_size=3)),
        flags=draw(st.lists(st.sampled_from(["fuzzy", "python-format", "no-wrap", "fuzzy-ish"]),
                            max_size=2, unique=True)),
        previous_msgctxt=draw(TEXT) if previous == "msgctxt" else None,
        previous_msgid=draw(TEXT) if previous else None,
        previous_msgid_plural=draw(TEXT) if previous == "plural" else None,
        obsolete=obsolete,
    )


@st.composite
def catalogs(draw):
    """PO bytes as GNU gettext lays them out, in one of the encodings and line endings."""
    nplurals = draw(st.integers(1, 6))
    header = po.new_header("nl", date=0)
    header.msgstr = header.msgstr.replace(
        "nplurals=2; plural=(n != 1);",
        f"nplurals={nplurals}; plural=(n % {nplurals});" if nplurals > 1 else "nplurals=1; plural=0;")
    if draw(st.booleans()):
        header.flags = ["fuzzy"]
    seen = {False: set(), True: set()}
    entries = []
    for msg in draw(st.lists(st.one_of(messages(False), messages(True)), max_size=25)):
        if msg.key not in seen[msg.obsolete] and msg.key != (None, ""):
            seen[msg.obsolete].add(msg.key)
            entries.append(msg)
    catalog = po.Catalog("x.po", header=header if draw(st.booleans()) else None, messages=entries)
    variant = draw(st.sampled_from(["utf-8", "crlf", "bom", "latin-1", "no-final-newline"]))
    if variant == "latin-1" and catalog.header is None:
        variant = "utf-8"  # no header, no charset: UTF-8
    return variant_of(po.format_po(catalog), variant)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_generated_catalogs(data):
    assert fast.scan(data, "x.po") is not None
    assert check_same(data)[0] == "ok"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.data())
def test_generated_catalogs_reformatted(data, draw):
    """Layouts GNU does not write (extra blanks, indentation, several strings a line, odd
    escapes, stray lines): equal results or the same error, whichever path answers."""
    lines = data.split(b"\n")
    for _ in range(draw.draw(st.integers(1, 3))):
        at = draw.draw(st.integers(0, len(lines)))
        lines.insert(at, draw.draw(st.sampled_from([
            b"", b"  ", b"# comment", b'"more"', b'msgstr ""', b"#~ ", b'#| msgid "x"',
            b'#~ msgid "o"', b'msgid "n"', b'\tmsgstr "t"', b'"a" "b"', b'"\\x41\\101"', b"#,fuzzy",
            b'msgstr[1] "f"', b'#~| msgid "p"', b'#~ msgstr "s"', b"#~ #, fuzzy", b"#~ # c"])))
    check_same(b"\n".join(lines))


# -- the command line --------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [DATA / "merge" / "plurals" / "before.po", MALFORMED[0],
                                  DATA / "malformed" / "duplicate_message.po"],
                         ids=["plurals", MALFORMED[0].stem, "duplicate"])
def test_cli_status_and_compile(path, tmp_path):
    from l10n_tool.status import catalog_status

    runner = CliRunner()
    expected = strict(path.read_bytes(), str(path))
    status = runner.invoke(main, ["status", str(path), "--format", "json"])
    compiled = runner.invoke(main, ["compile", str(path), "-o", str(tmp_path / "out.mo")])
    if expected[0] == "error":
        assert status.exit_code == compiled.exit_code == 2
        assert expected[1] in status.output and expected[1] in compiled.output
        assert not (tmp_path / "out.mo").exists()
        return
    assert status.exit_code == compiled.exit_code == 0, status.output + compiled.output
    catalog = po.read_po(path, display_path=str(path))
    row = catalog_status(catalog, locale=catalog.locale, domain=path.stem, path=str(path))
    shown = json.loads(status.output)["catalogs"][0]
    assert shown == json.loads(json.dumps(
        {**row.__dict__, "words_percent": row.words_percent}, ensure_ascii=False))
    assert (tmp_path / "out.mo").read_bytes() == expected[3]


def test_plain_file_commands_skip_the_strict_parser_and_project(tmp_path):
    """Structural, not timed: a GNU-layout file never loads the line parser, Message or the
    project machinery, and `po.merge` stays the function even after its module loads."""
    path = DATA / "merge" / "plurals" / "before.po"
    script = (
        "import sys\n"
        "from l10n_tool.cli import main\n"
        f"for args in (['status', {str(path)!r}, '--format', 'json'],"
        f" ['compile', {str(path)!r}, '-o', {str(tmp_path / 'x.mo')!r}]):\n"
        "    try:\n        main(args)\n    except SystemExit as exc:\n        assert not exc.code\n"
        "loaded = [m for m in ('l10n_tool.po.parse', 'l10n_tool.po.message', 'l10n_tool.config',"
        " 'l10n_tool.catalogs', 'numpy') if m in sys.modules]\n"
        "import l10n_tool.po.merge\n"
        "from l10n_tool import po\n"
        "assert callable(po.merge), po.merge\n"
        "print('LOADED', loaded)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout


# -- the pieces ------------------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, max_size=8))
def test_count_words_of_equals_the_sum(texts):
    assert count_words_of(texts) == sum(map(count_words, texts))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=60), max_size=40), st.integers(1, 8))
def test_hash_lanes_equal_hashpjw(keys, chunk):
    saved = mo._CHUNK
    mo._CHUNK = chunk
    try:
        assert mo._hashes(keys) == [mo._hash(key) for key in keys]
    finally:
        mo._CHUNK = saved


def test_hash_lanes_on_long_keys():
    rng = random.Random(4)
    keys = [bytes(rng.choice(b"\xff\xfeab ") for _ in range(rng.randrange(3000))) for _ in range(2100)]
    assert mo._hashes(keys) == [mo._hash(key) for key in keys]


def test_a_file_without_entry_boundaries_comes_whole_in_few_reads(benchmark_catalog, monkeypatch):
    monkeypatch.setattr(pieces, "CHUNK", 4096)
    data = (benchmark_catalog / "old.po").read_bytes().replace(b"\n", b"\r\n")  # no "\n\n" anywhere
    source, sizes = io.BytesIO(data), []

    def read(size: int) -> bytes:
        sizes.append(size)
        return source.read(size)

    assert list(pieces.entry_pieces(read)) == [data]
    assert len(sizes) <= (len(data) // 4096).bit_length() + 2  # the blocks double: no quadratic joining


def test_large_files_are_summarised_in_chunks(benchmark_catalog, monkeypatch):
    monkeypatch.setattr(pieces, "CHUNK", 4096)
    data = (benchmark_catalog / "old.po").read_bytes()
    cut = list(pieces.entry_pieces(io.BytesIO(data).read))
    assert len(cut) > 10 and b"".join(cut) == data
    assert all(piece.startswith((b"#", b"msgid ", b"msgctxt ")) for piece in cut[1:])
    assert summary._joined_pieces(data, "old.po") is not None
