"""The fast scan behind po.summary and po.mo: a PO file cut into columns without Messages.

A PO file in the layout GNU gettext writes (a keyword and one string a line, continuation
lines, `#~ ` obsolete entries, `#|` previous strings, one-character escapes) is cut into
entries by one compiled pattern (re.split, so the Python work is a few list operations
per file, not a parser step per line) and its strings are decoded in batches. Whatever the
pattern does not match exactly, and whatever the strict reader would reject (duplicates, an
invalid Plural-Forms, plural forms out of order), makes scan() return None: the one function
that owns each result (po.summary.summarize, po.mo.compile_bytes) then reads the file with
the strict reader, which gives the same results or the exact `path:line[:col]` error. What
fuzzy, translated and compiled mean comes from po.states, as for Message. Both paths are
compared on real and generated catalogs in tests/test_po_fast_equivalence.py.
"""

from __future__ import annotations

import re
from itertools import compress, repeat
from typing import Callable, Iterable, Iterator

from ..errors import L10nError
from .decode import SIMPLE_ESCAPES, decode_po
from .pieces import WholeFileNeeded
from .states import FUZZY, is_fuzzy, is_translated

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


def decoded(blocks: list[str]) -> list[str]:
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


def encode_all(texts: list[str], codec: str) -> list[bytes]:
    """Each text encoded, in one call where the codec allows (see _JOINABLE)."""
    if codec in _JOINABLE and texts:
        return "\0".join(texts).encode(codec).split(b"\0")
    return [text.encode(codec) for text in texts]


def each(predicate: Callable[..., bool], *columns: list) -> list[bool]:
    """predicate(*row) of each row of the columns, evaluated once per distinct row: for
    po.states' predicates over fuzzy flags and filled forms there are a handful."""
    return list(map(_Known(predicate).__getitem__, zip(*columns)))


class _Known(dict):
    """row -> predicate(*row), evaluated on first use."""

    def __init__(self, predicate: Callable[..., bool]):
        super().__init__()
        self.predicate = predicate

    def __missing__(self, row: tuple) -> bool:
        value = self[row] = self.predicate(*row)
        return value


def _filled(blocks: list[str]) -> list[bool]:
    """For each matched string, whether its value has text (all that po.states asks of a
    form): between two lines' texts stand a quote, a line end and a quote, so it has none
    when that is all there is."""
    return [len(block) != 3 * block.count("\n") for block in blocks]


def _flags(comments: str) -> list[str]:
    """The flags of the `#,` lines among an entry's comments, split and stripped as the
    strict reader does."""
    return [flag for line in comments.split("\n") if line.startswith("#,")
            for flag in map(str.strip, line[2:].split(",")) if flag]


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
        """Per active entry: whether it is fuzzy."""
        unflagged = is_fuzzy(())  # and where the flag's name does not occur, no flag is it
        return [is_fuzzy(_flags(comments)) if FUZZY in comments else unflagged
                for comments in self.comments]

    def filled_forms(self) -> list[tuple[bool, ...]]:
        """Per active entry: for each translation form, whether it has text (see _filled)."""
        if None not in self.msgstrs:
            return list(zip(_filled(self.msgstrs)))
        rows = list(zip(_filled([msgstr or "" for msgstr in self.msgstrs])))
        for at, forms in enumerate(self.forms):
            if forms is not None:  # a plural entry: its msgstr is None
                rows[at] = tuple(_filled(forms))
        return rows

    def states(self) -> tuple[list[bool], list[bool]]:
        """Per active entry: whether it is fuzzy, and whether it is translated."""
        fuzzy = self.fuzzy()
        return fuzzy, each(is_translated, fuzzy, self.filled_forms())

    def msgids_by_state(self, states: tuple[list[bool], list[bool]]) -> tuple[list, list, list]:
        """The msgids of the translated, the fuzzy and the untranslated entries."""
        fuzzy, translated = states
        untranslated = [not (a or b) for a, b in zip(fuzzy, translated)]
        return (list(compress(self.ids, translated)), list(compress(self.ids, fuzzy)),
                list(compress(self.ids, untranslated)))

    def translated(self, states: tuple[list[bool], list[bool]]) -> list[tuple]:
        """The translated entries as Summary.translated holds them."""
        singular = [forms is None for forms in self.forms]
        keep = [a and b for a, b in zip(states[1], singular)]
        entries = list(zip(compress(self.ctxs, keep), compress(self.ids, keep), repeat(None),
                           decoded(list(compress(self.msgstrs, keep))), repeat(None)))
        plural = [a and not b for a, b in zip(states[1], singular)]
        for ctx, msgid, msgid_plural, forms in compress(
                zip(self.ctxs, self.ids, self.plurals, self.forms), plural):
            texts = tuple(decoded(forms))
            entries.append((ctx, msgid, decoded([msgid_plural])[0], texts[0], texts))
        return entries


def scan(data: bytes, path: str) -> Scan | None:
    """The file's entries, or None when only the strict reader can tell (see the module).
    Errors in the bytes themselves (charset, NUL) are raised as the strict reader raises
    them, by the same function."""
    text, _, codec, _ = decode_po(bytes(data), path)
    return scan_text(text, codec)


def scan_text(text: str, codec: str) -> Scan | None:
    """scan() of a file's decoded text (*codec* is the file's)."""
    if "\0" in text:
        return None  # a NUL would shift every string after it (decoded() splits at NUL)
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
    ids = decoded(ids)
    if ctxs.count(None) != len(ctxs):
        ctxs = [None if ctx is None else decoded([ctx])[0] for ctx in ctxs]
    keys = list(zip(ctxs, ids))
    if len(set(keys)) != len(keys):
        return None  # duplicates: the strict reader names both lines
    header = None
    if (None, "") in keys:
        at = keys.index((None, ""))
        if plurals[at] is not None:
            return None  # a plural header: left to the strict reader
        header = decoded([msgstrs[at]])[0]
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
    return (None if found["ctx"] is None else decoded([found["ctx"]])[0],
            decoded([found["id"]])[0])




def scan_pieces(pieces: Iterable[bytes], shown: str) -> Iterator[Scan]:
    """scan() of each piece of one file (po.pieces.entry_pieces), the first one's codec
    decoding the rest; only the first can hold the header. Raises WholeFileNeeded (see there)."""
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
