"""Catalog: the header and messages of one PO/POT file, with O(1) lookup."""

from __future__ import annotations

from typing import Iterator

from . import header as _header
from .message import Message


class Catalog:
    """One catalog. `messages` holds every non-header entry in file order, obsolete ones
    included; mutate it freely (call `reindex()` after changing keys in place)."""

    def __init__(self, path: str | None = None, header: Message | None = None,
                 messages: list[Message] | None = None):
        self.path = path
        self.header = header
        self.messages: list[Message] = messages if messages is not None else []
        self.warnings: list = []          # SourceError objects found while reading
        # format details kept from the file this catalog was read from
        self.charset = "UTF-8"
        self._codec = "utf-8"
        self._bom = False
        self._newline = "\n"
        self._trailer = ""                # text after the last entry (stray comments)
        self._final_newline = True
        self._header_pos = 0
        self.domain: str | None = None    # the file's `domain "name"` directive, if any
        self._domain_pos = 0              # entries (the header included) before it
        self._domain_text: str | None = None  # its source text, blank lines before it included
        self._index: dict | None = None
        self._index_sig: tuple | None = None

    # --- lookup ---
    def _lookup(self) -> dict:
        sig = (id(self.messages), len(self.messages))
        if self._index is None or self._index_sig != sig:
            self._index = {m.key: m for m in self.messages if not m.obsolete}
            self._index_sig = sig
        return self._index

    def reindex(self) -> None:
        """Rebuild the lookup table after editing keys or obsolete flags in place."""
        self._index = None

    def get(self, msgid: str, msgctxt: str | None = None) -> Message | None:
        """The active (non-obsolete) message with this key, or None."""
        m = self._lookup().get((msgctxt, msgid))
        if m is not None and (m.obsolete or m.msgid != msgid or m.msgctxt != msgctxt):
            self.reindex()
            m = self._lookup().get((msgctxt, msgid))
        return m

    def __contains__(self, key) -> bool:
        ctx, msgid = key if isinstance(key, tuple) else (None, key)
        return self.get(msgid, ctx) is not None

    def add(self, message: Message) -> Message:
        """Append a message; a second active message with the same key is an error."""
        from ..errors import L10nError
        if not message.obsolete and self.get(message.msgid, message.msgctxt) is not None:
            raise L10nError(f"{self.path or '<catalog>'}: duplicate message {message.key!r}")
        self.messages.append(message)
        if not message.obsolete and self._index is not None:
            self._index[message.key] = message
            self._index_sig = (id(self.messages), len(self.messages))
        return message

    def active(self) -> list[Message]:
        return [m for m in self.messages if not m.obsolete]

    def obsolete(self) -> list[Message]:
        return [m for m in self.messages if m.obsolete]

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    # --- header ---
    @property
    def header_fields(self) -> dict[str, str]:
        """The header's fields in order (a copy; change them with set_header)."""
        return _header.header_fields(self.header.msgstr) if self.header else {}

    def get_header(self, name: str) -> str | None:
        return _header.get_field(self.header.msgstr, name) if self.header else None

    def set_header(self, name: str, value: str) -> None:
        """Replace a field in place, or add it at the end."""
        if self.header is None:
            self.header = Message("", "")
        self.header.msgstr = _header.set_field(self.header.msgstr, name, value)

    @property
    def locale(self) -> str | None:
        value = self.get_header("Language")
        return value or None

    @property
    def plural_forms(self) -> str | None:
        value = self.get_header("Plural-Forms")
        if not value or value == _header.POT_PLURAL_PLACEHOLDER:
            return None
        return value

    @property
    def nplurals(self) -> int:
        from .plurals import parse_plural_forms
        value = self.plural_forms
        if value is None:
            return 2
        try:
            return parse_plural_forms(value)[0]
        except ValueError:
            return 2

    # --- polib ---
    def to_polib(self, *, wrapwidth: int = 78):
        """This catalog as a ``polib.POFile``, every entry and header field included (see
        ``po.polib_bridge`` for what polib cannot hold)."""
        from .polib_bridge import to_polib
        return to_polib(self, wrapwidth=wrapwidth)

    @classmethod
    def from_polib(cls, pofile) -> "Catalog":
        """The Catalog of a ``polib.POFile``: the inverse of :meth:`to_polib`."""
        from .polib_bridge import from_polib
        return from_polib(pofile, cls)

    def __repr__(self) -> str:
        return f"<Catalog {self.path!r}: {len(self.messages)} messages>"
