"""Fast paths for `l10n status FILE.po` and `l10n compile FILE.po`.

A PO file in the layout GNU gettext writes (a keyword and one string a line, continuation
lines, `#~ ` obsolete entries, `#|` previous strings, one-character escapes) is cut into
entries by one compiled pattern (re.split, so the Python work is a few list operations
per file, not a parser step per line) and its strings are decoded in batches, without
building Message objects. Whatever the pattern does not match exactly, and whatever the
strict reader would reject (duplicates, an invalid Plural-Forms, plural forms out of
order), makes scan() return None: the callers then read the file with the strict reader,
which gives the same results or the exact `path:line[:col]` error. Both paths are compared
on real and generated catalogs in tests/test_po_fast_*.py.
"""

from __future__ import annotations

import io
import re
from itertools import compress, repeat
from typing import Callable, Iterable, Iterator

from ..errors import L10nError
from .decode import SIMPLE_ESCAPES, decode_po, read_bytes

# One string literal: no quote, backslash or line end inside but as an escape the strict
# reader decodes to one character (octal and \x escapes are left to it).
# (Possessive quantifiers, *+ and ++: nothing in this grammar needs backtracking, and
# without the bookkeeping for it the pattern runs about a quarter faster.)
_TEXT = r'[^"\\\n]*+(?:\\[ntrabfv\\"\'?][^"\\\n]*+)*+'
_STRING = rf'"{_TEXT}"'


def _strings(group: str) -> str:
    """A keyword's string and its continuation lines; *group* ("(?P<id>" or "(?:") takes
    in what is inside the first and the last quote (`a"\\n"b` of `"a"\\n"b"\\n`)."""
    return rf'"{group}{_TEXT}(?:"\n"{_TEXT})*+)"\n'


_COMMENTS = r"(?:#(?:[^~|\n][^\n]*+)?\n|\n)*+"   # comments and blank lines, not #~ or #|
_ENTRY = re.compile(
    rf"(?P<comments>{_COMMENTS})"
    rf"(?:(?P<previous>(?:#\| (?:(?:msgctxt|msgid|msgid_plural) )?{_STRING}\n)++)?"
    rf"(?:msgctxt {_strings('(?P<ctx>')})?msgid {_strings('(?P<id>')}"
    rf"(?:msgid_plural {_strings('(?P<plural>')})?"
    rf"(?:msgstr {_strings('(?P<str>')}|(?P<forms>(?:msgstr\[[0-9]+\] {_strings('(?:')})++))"
    # an obsolete entry: checked with this same pattern once its "#~" marks are removed
    r"|(?P<obsolete>(?:#~\|? [^\n]*+\n)++))\n*+")
_GROUPS = _ENTRY.groups
_TRAILER = re.compile(rf"{_COMMENTS}\Z")
_MSGSTR = re.compile(r"^msgstr\[([0-9]+)\] ", re.M)
_ESCAPE = re.compile(r"\\(.)")
_PREVIOUS_ORDERS = (["msgid"], ["msgctxt", "msgid"], ["msgid", "msgid_plural"],
                    ["msgctxt", "msgid", "msgid_plural"])
# codecs for which encoding joined strings and splitting at NUL equals encoding each one
_JOINABLE = frozenset({"utf-8", "ascii", "latin-1", "iso8859-1", "iso8859-15", "cp1252"})


def _unescape(match: re.Match) -> str:
    return SIMPLE_ESCAPES[match.group(1)]


def _texts(blocks: list[str]) -> list[str]:
    """The values of matched strings (`a"\\n"b` -> "ab"), decoded together: joined at NUL
    (which no PO string holds), the quotes and line ends between lines removed, escapes
    decoded, split again."""
    if not blocks:
        return []
    text = "\0".join(blocks).replace('"\n"', "")
    if "\\" in text:
        text = _ESCAPE.sub(_unescape, text)
    return text.split("\0")


def _forms(block: str | None) -> list[str] | None:
    """The strings of `msgstr[0]`, `msgstr[1]`, ... (inside their outer quotes, as the
    pattern's groups), or None unless numbered so."""
    if block is None:
        return None
    parts = _MSGSTR.split(block)
    if parts[1::2] != [str(i) for i in range(len(parts) // 2)]:
        return None
    return [form[1:-2] for form in parts[2::2]]


def _empty(block: str) -> bool:
    """Whether a matched string's value is the empty string: between two lines' texts
    stand a quote, a line end and a quote, so it is empty when that is all there is."""
    return len(block) == 3 * block.count("\n")


def _is_fuzzy(comments: str) -> bool:
    """Whether a `#,` line of the comments names the fuzzy flag (as the strict reader
    splits and strips flags)."""
    return "fuzzy" in comments and any(
        line.startswith("#,") and "fuzzy" in [flag.strip() for flag in line[2:].split(",")]
        for line in comments.split("\n"))


def _previous_ok(block: str | None) -> bool:
    """#| lines: msgctxt, msgid, msgid_plural in this order, msgid among them."""
    if block is None:
        return True
    if not block.startswith("#| m"):
        return False
    keywords = [line.split(" ", 2)[1] for line in block.split("\n") if line.startswith("#| m")]
    return keywords in _PREVIOUS_ORDERS


class Scan:
    """What the statistics and the .mo need from a PO file: columns with one item an
    active entry but the header, in file order. msgctxt (None without one) and msgid are
    decoded; msgid_plural and msgstr (None with plural forms) are string blocks as
    matched, forms a list of blocks (None without a msgid_plural)."""

    __slots__ = ("codec", "header", "comments", "ctxs", "ids", "plurals", "msgstrs", "forms",
                 "obsolete_keys")

    def __init__(self, codec: str, header: str | None, columns: list[list], obsolete_keys: list):
        self.codec = codec
        self.header = header        # the header's msgstr, or None without a header
        self.comments, self.ctxs, self.ids, self.plurals, self.msgstrs, self.forms = columns
        self.obsolete_keys = obsolete_keys  # (msgctxt, msgid) of each obsolete entry

    @property
    def obsolete(self) -> int:
        """How many obsolete entries."""
        return len(self.obsolete_keys)

    def field(self, name: str) -> str | None:
        from .header import get_field

        return get_field(self.header, name) if self.header is not None else None

    def fuzzy(self) -> list[bool]:
        return [_is_fuzzy(comments) for comments in self.comments]


def scan(data: bytes, path: str) -> Scan | None:
    """The file's entries, or None when only the strict reader can tell (see the module).
    Errors in the bytes themselves (charset, NUL) are raised as the strict reader raises
    them, by the same function."""
    text, _, codec, _ = decode_po(bytes(data), path)
    return scan_text(text, codec)


def scan_text(text: str, codec: str) -> Scan | None:
    """scan() of a file's decoded text (*codec* is the file's)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if text and not text.endswith("\n"):
        text += "\n"
    parts = _ENTRY.split(text)
    step = _GROUPS + 1
    # parts: the text before the first entry, the groups of each entry followed by the text
    # up to the next one. Only the text after the last entry may be left: comments.
    if any(parts[0:-1:step]) or _TRAILER.match(parts[-1]) is None:
        return None
    obsolete = [_obsolete_key(block) for block in parts[_GROUPS::step] if block is not None]
    if None in obsolete or len(set(obsolete)) != len(obsolete):
        return None
    columns = [parts[g::step] for g in range(1, _GROUPS)]
    if obsolete:  # leave the obsolete entries out of the active columns
        active = [block is not None for block in parts[4::step]]
        columns = [list(compress(column, active)) for column in columns]
    comments, previous, ctxs, ids, plurals, msgstrs, forms = columns
    if previous.count(None) != len(previous) and not all(map(_previous_ok, previous)):
        return None
    if [p is None for p in plurals] != [f is None for f in forms]:
        return None  # msgstr with msgid_plural or msgstr[n] without: strict errors
    if forms.count(None) != len(forms):
        forms = [_forms(block) for block in forms]
        if [f is None for f in forms] != [p is None for p in plurals]:
            return None
    ids = _texts(ids)
    if ctxs.count(None) != len(ctxs):
        ctxs = [None if ctx is None else _texts([ctx])[0] for ctx in ctxs]
    keys = list(zip(ctxs, ids))
    if len(set(keys)) != len(keys):
        return None  # duplicates: the strict reader names both lines
    header = None
    if (None, "") in keys:
        at = keys.index((None, ""))
        if plurals[at] is not None:
            return None  # a plural header: left to the strict reader
        header = _texts([msgstrs[at]])[0]
        for column in (comments, ctxs, ids, plurals, msgstrs, forms):
            del column[at]
    result = Scan(codec, header, [comments, ctxs, ids, plurals, msgstrs, forms], obsolete)
    plural_forms = result.field("Plural-Forms")
    if plural_forms:
        from .header import POT_PLURAL_PLACEHOLDER
        from .plurals import parse_plural_forms

        if plural_forms != POT_PLURAL_PLACEHOLDER:
            try:
                parse_plural_forms(plural_forms)
            except ValueError:
                return None
    return result


def _obsolete_key(block: str) -> tuple[str | None, str] | None:
    """(msgctxt, msgid) of an obsolete entry's #~ lines, or None unless they read, without
    the marks, as one active entry would."""
    found = _ENTRY.fullmatch(("\n" + block).replace("\n#~ ", "\n").replace("\n#~|", "\n#|")[1:])
    # (a "#~ #..." line is no comment but an unknown keyword to the strict reader; a "#~ "
    # line with nothing after it it skips, as the pattern skips a blank line)
    if found is None or found["id"] is None or "#" in found["comments"] \
            or not _previous_ok(found["previous"]) \
            or (found["plural"] is None) != (found["forms"] is None) \
            or (found["forms"] is not None and _forms(found["forms"]) is None):
        return None
    return (None if found["ctx"] is None else _texts([found["ctx"]])[0],
            _texts([found["id"]])[0])


def file_stats(path, display_path: str | None = None) -> tuple[dict, str | None]:
    """(catalog_stats of the file, its Language or None), like read_po then catalog_stats."""
    return data_stats(*read_bytes(path, display_path))


def data_stats(data: bytes, shown: str) -> tuple[dict, str | None]:
    """file_stats of the bytes of a PO file; errors name *shown*."""
    found = scan(data, shown)
    if found is None:
        from .reader import parse_po
        from .stats import catalog_stats

        catalog = parse_po(data, shown)
        return catalog_stats(catalog), catalog.locale
    return _scan_stats(found), found.field("Language") or None


def _states(found: Scan) -> tuple[list[bool], list[bool]]:
    """Per active entry: whether it is fuzzy, and whether it is translated (not fuzzy,
    every form filled in), as Message.translated tells."""
    fuzzy = found.fuzzy()
    translated = [not is_fuzzy and not ((msgstr is not None and _empty(msgstr))
                                        or (forms is not None and any(map(_empty, forms))))
                  for is_fuzzy, msgstr, forms in zip(fuzzy, found.msgstrs, found.forms)]
    return fuzzy, translated


def _scan_stats(found: Scan, states: tuple[list[bool], list[bool]] | None = None) -> dict:
    from .stats import stats_dict

    return stats_dict(*_msgids_by_state(found, states), found.obsolete)


def _msgids_by_state(found: Scan, states: tuple[list[bool], list[bool]] | None = None) -> tuple[list, list, list]:
    """The msgids of the translated, the fuzzy and the untranslated entries."""
    fuzzy, translated = states or _states(found)
    untranslated = [not (a or b) for a, b in zip(fuzzy, translated)]
    return (list(compress(found.ids, translated)), list(compress(found.ids, fuzzy)),
            list(compress(found.ids, untranslated)))


class Summary:
    """What status and the build need of a PO file, without its Message objects: its
    Language and Plural-Forms headers, its translated entries (not fuzzy, every form filled
    in) as (msgctxt, msgid, msgid_plural, first form, every form or None), and its catalog_stats,
    counted on first use."""

    def __init__(self, locale: str | None, plural_forms: str | None, translated: list[tuple], stats):
        self.locale = locale
        self.plural_forms = plural_forms
        self.translated = translated
        self._stats = stats  # the counts, or a function that counts them

    @property
    def stats(self) -> dict:
        if callable(self._stats):
            self._stats = self._stats()
        return self._stats


def file_summary(path, display_path: str | None = None) -> Summary:
    """The Summary of a PO file, read by scan() or, when it cannot tell, the strict reader."""
    return data_summary(*read_bytes(path, display_path))


def catalog_summary(catalog) -> Summary:
    """The Summary of a Catalog read by the strict reader."""
    from .stats import catalog_stats

    entries = [(m.msgctxt, m.msgid, m.msgid_plural, m.strings()[0],
                tuple(m.strings()) if m.msgid_plural is not None else None)
               for m in catalog.active() if m.translated]
    return Summary(catalog.locale, catalog.get_header("Plural-Forms"), entries, lambda: catalog_stats(catalog))


CHUNK = 8 << 20  # bytes of a large file scanned at a time: the scan's working memory is a few times this


def data_summary(data: bytes, shown: str) -> Summary:
    """file_summary of the bytes of a PO file; errors name *shown*."""
    if len(data) > CHUNK:
        summary = _chunked_summary(data, shown)
        if summary is not None:
            return summary
    found = scan(data, shown)
    if found is None:
        from .reader import parse_po

        return catalog_summary(parse_po(data, shown))
    return scan_summary(found)


def scan_summary(found: Scan, states: tuple[list[bool], list[bool]] | None = None) -> Summary:
    """The Summary of a scanned file (*states*: its ``_states``, when already known)."""
    states = states or _states(found)
    singular = [forms is None for forms in found.forms]
    keep = [a and b for a, b in zip(states[1], singular)]
    entries = list(zip(compress(found.ctxs, keep), compress(found.ids, keep), repeat(None),
                       _texts(list(compress(found.msgstrs, keep))), repeat(None)))
    plural = [a and not b for a, b in zip(states[1], singular)]
    for ctx, msgid, msgid_plural, forms in compress(zip(found.ctxs, found.ids, found.plurals, found.forms), plural):
        texts = tuple(_texts(forms))
        entries.append((ctx, msgid, _texts([msgid_plural])[0], texts[0], texts))
    return Summary(found.field("Language") or None, found.field("Plural-Forms"), entries,
                   lambda: _scan_stats(found, states))


class WholeFileNeeded(Exception):
    """A piece of a large file cannot be read alone (an error, a message in two pieces, a
    header out of place): the caller reads the whole file, strictly if need be."""


def entry_pieces(read: Callable[[int], bytes]) -> Iterator[bytes]:
    """What ``read(n)`` gives, cut into pieces of about CHUNK bytes of whole entries: each
    piece but the last ends with a blank line that certainly ends one entry and starts the
    next (po.delta), so that no more than a piece is ever held. (A file without such blank
    lines, CRLF ones say, comes whole, read in growing blocks so that joining them stays linear.)"""
    rest = b""
    while True:
        block = read(max(CHUNK, len(rest)))
        data = rest + block if rest else block
        if not block:
            if data:
                yield data
            return
        cut = _last_boundary(data)
        if cut is None:
            rest = data
        else:
            yield data[:cut]
            rest = data[cut:]


def _last_boundary(data: bytes) -> int | None:
    """Where a piece of *data* can end: after its last blank line that certainly ends an
    entry, with enough bytes after it to tell; None when there is none yet."""
    from .delta import is_entry_boundary

    end = len(data) - 10  # is_entry_boundary looks at the 8 bytes after the blank line
    while True:
        blank = data.rfind(b"\n\n", 0, end)
        if blank < 0:
            return None
        if is_entry_boundary(data, blank):
            return blank + 2
        end = blank + 1


def scan_pieces(pieces: Iterable[bytes], shown: str) -> Iterator[Scan]:
    """scan() of each piece of one file (``entry_pieces``), the first one's codec decoding
    the rest; only the first can hold the header. Raises WholeFileNeeded (see there)."""
    first = None
    keys: set[int] = set()  # hashes of the keys: a collision costs a strict read, no more
    obsolete: set[int] = set()
    entries = obsolete_entries = 0
    for piece in pieces:
        try:
            found = scan(piece, shown) if first is None else scan_text(piece.decode(first.codec), first.codec)
        except (UnicodeDecodeError, L10nError):
            raise WholeFileNeeded from None
        if found is None or (first is not None and found.header is not None):
            raise WholeFileNeeded
        first = first or found
        keys.update(map(hash, zip(found.ctxs, found.ids)))
        obsolete.update(map(hash, found.obsolete_keys))
        entries += len(found.ids)
        obsolete_entries += len(found.obsolete_keys)
        if len(keys) != entries or len(obsolete) != obsolete_entries:
            raise WholeFileNeeded  # a message in two pieces: the strict reader names both lines
        yield found


def _chunked_summary(data: bytes, shown: str) -> Summary | None:
    """data_summary of a large file scanned a piece of whole entries at a time, so that the
    scan never holds the whole text; None when the file must be read whole."""
    from .stats import stats_dict

    first, entries, states, obsolete = None, [], ([], [], []), 0
    try:
        for found in scan_pieces(entry_pieces(io.BytesIO(data).read), shown):
            first = first or found
            found_states = _states(found)
            entries.extend(scan_summary(found, found_states).translated)
            for total, part in zip(states, _msgids_by_state(found, found_states)):
                total.extend(part)
            obsolete += found.obsolete
    except WholeFileNeeded:
        return None
    if first is None:
        return None
    return Summary(first.field("Language") or None, first.field("Plural-Forms"), entries,
                   lambda: stats_dict(*states, obsolete))


def data_mo(data: bytes, shown: str, *, hash_table: bool = True) -> bytes:
    """The .mo bytes of a PO file's bytes, like compile_mo(parse_po(data, shown))."""
    from .mo import build_mo, compile_entries

    found = scan(data, shown)
    pairs = None if found is None else _pairs(found)
    if pairs is None:
        from .reader import parse_po

        pairs = compile_entries(parse_po(data, shown))
    return build_mo(pairs, hash_table=hash_table)


def _pairs(found: Scan) -> list[tuple[bytes, bytes]] | None:
    """compile_entries' pairs (the header, then translated messages); None when two keys
    are equal, which only a raw \\x04 in a msgid can do: then their order in the .mo is
    the file's, which compile_entries keeps."""
    from .mo import header_value

    codec = found.codec
    simple_ids: list[str] = []
    simple_strs: list[str] = []
    other = []
    # msgfmt leaves out fuzzy messages and those whose (first) translation is empty
    for is_fuzzy, ctx, msgid, plural, msgstr, forms in zip(
            found.fuzzy(), found.ctxs, found.ids, found.plurals, found.msgstrs, found.forms):
        if is_fuzzy or _empty(msgstr if forms is None else forms[0]):
            continue
        if ctx is None and forms is None:
            simple_ids.append(msgid)
            simple_strs.append(msgstr)
        else:
            other.append((ctx, msgid, plural, msgstr, forms))
    pairs = list(zip(_encode(simple_ids, codec), _encode(_texts(simple_strs), codec)))
    for ctx, msgid, plural, msgstr, forms in other:
        key = msgid.encode(codec)
        if plural is not None:
            key += b"\0" + _texts([plural])[0].encode(codec)
        if ctx is not None:
            key = ctx.encode(codec) + b"\x04" + key
        texts = _texts([msgstr] if forms is None else forms)
        pairs.append((key, b"\0".join(text.encode(codec) for text in texts)))
    if found.header is not None:
        pairs.append((b"", header_value(found.header).encode(codec)))
    if len({key for key, _ in pairs}) != len(pairs):
        return None
    return pairs


def _encode(texts: list[str], codec: str) -> list[bytes]:
    if codec in _JOINABLE and texts:
        return "\0".join(texts).encode(codec).split(b"\0")
    return [text.encode(codec) for text in texts]


def write_file_mo(path, output, display_path: str | None = None) -> bool:
    """Compile the PO file *path* to *output* (written atomically, only if the bytes
    differ), like write_mo(read_po(path), output); True if written."""
    from ..files import write_atomic

    return write_atomic(output, data_mo(*read_bytes(path, display_path)))
