"""Conversion between our Catalog and polib's POFile, for people who script with polib.

``Catalog.to_polib()`` and ``Catalog.from_polib()`` call these. Every field of every entry
crosses in both directions: msgid, msgstr, plural forms, context, translator and extracted
comments, references, flags, previous msgctxt/msgid/msgid_plural, obsolete, line number. The
header crosses as polib models it: its fields (``metadata``, in order), its comments
(``header``) and its fuzzy flag; a header line that is not ``Name: value`` has no place there.
polib keeps comments as one string of lines, so it cannot tell no comment from one empty
``#`` line (and writes the header's comment as at least one ``#`` line); ``to_polib`` leaves
the comment lists on each object it makes, and ``from_polib`` takes them back while polib's
string still says the same. Left behind: the bytes an entry was read from (a catalog from
polib is written afresh by our writer, wrapped like GNU gettext). polib's own ``str()`` and
``save()`` wrap comment lines longer than *wrapwidth* into several (``wrapwidth=0``: none).

polib is imported here, on first use, so that nothing else pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .header import charset_of
from .message import Message

if TYPE_CHECKING:  # Catalog (po.catalog) is only named: its methods call this module
    import polib


_KEPT = "_l10n_tool_comments"   # attribute on polib objects: the comment lists they came from


def _lines(text: str, kept: list[str] | None = None) -> list[str]:
    if kept is not None and "\n".join(kept) == text:
        return list(kept)
    return text.split("\n") if text else []


def _occurrence(reference: str) -> tuple[str, str]:
    path, sep, line = reference.rpartition(":")
    return (path, line) if sep and path and line.isdigit() else (reference, "")


def _entry(message: Message) -> "polib.POEntry":
    import polib

    entry = polib.POEntry(
        msgid=message.msgid, msgstr=message.msgstr, msgctxt=message.msgctxt,
        msgid_plural=message.msgid_plural or "",
        msgstr_plural=dict(message.msgstr_plural) if message.msgid_plural is not None else {},
        tcomment="\n".join(message.translator_comments), comment="\n".join(message.extracted_comments),
        occurrences=[_occurrence(reference) for reference in message.references],
        flags=list(message.flags), previous_msgctxt=message.previous_msgctxt,
        previous_msgid=message.previous_msgid, previous_msgid_plural=message.previous_msgid_plural,
        obsolete=message.obsolete, linenum=message.line,
    )
    setattr(entry, _KEPT, (list(message.translator_comments), list(message.extracted_comments)))
    return entry


def to_polib(catalog: Catalog, *, wrapwidth: int = 78) -> "polib.POFile":
    """A polib.POFile holding the same entries (obsolete ones included) and header, in the
    catalog's encoding; *wrapwidth* is polib's (its default) for ``str()`` and ``save()``."""
    import polib

    pofile = polib.POFile(wrapwidth=wrapwidth, encoding=catalog._codec, check_for_duplicates=False)
    pofile.fpath = catalog.path
    header = catalog.header
    if header is not None:
        pofile.metadata = catalog.header_fields
        pofile.header = "\n".join(header.translator_comments)
        pofile.metadata_is_fuzzy = header.fuzzy
        setattr(pofile, _KEPT, (list(header.translator_comments), []))
    pofile.extend(_entry(message) for message in catalog.messages)
    return pofile


def _message(entry: "polib.POEntry") -> Message:
    plural = entry.msgid_plural or None
    translator, extracted = getattr(entry, _KEPT, (None, None))
    return Message(
        msgid=entry.msgid, msgstr=entry.msgstr if plural is None else "", msgctxt=entry.msgctxt,
        msgid_plural=plural, msgstr_plural={int(n): text for n, text in entry.msgstr_plural.items()} if plural else {},
        translator_comments=_lines(entry.tcomment, translator),
        extracted_comments=_lines(entry.comment, extracted),
        references=[f"{path}:{line}" if line else path for path, line in entry.occurrences],
        flags=list(entry.flags), previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid, previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=bool(entry.obsolete), line=entry.linenum or 0,
    )


def from_polib(pofile: "polib.POFile", catalog_class: type[Catalog]) -> Catalog:
    """Our Catalog (of *catalog_class*) of a polib.POFile (read with ``polib.pofile()`` or built
    by hand)."""
    from .decode import _codec_for

    catalog = catalog_class(getattr(pofile, "fpath", None))
    if pofile.metadata or pofile.header or pofile.metadata_is_fuzzy:
        catalog.header = Message("", "".join(f"{name}: {value}\n" for name, value in pofile.metadata.items()),
                                 translator_comments=_lines(pofile.header, getattr(pofile, _KEPT, (None,))[0]),
                                 flags=["fuzzy"] if pofile.metadata_is_fuzzy else [])
    charset = (charset_of(catalog.header.msgstr) if catalog.header else None) or pofile.encoding or "UTF-8"
    catalog.charset, catalog._codec = charset, _codec_for(charset, catalog.path or "<polib>", 0)
    catalog.messages = [_message(entry) for entry in pofile]
    return catalog
