"""The entry the strict reader (po.parse) is reading: its comments and its keywords'
strings so far, in pieces, and the Message it makes once complete."""

from __future__ import annotations

from .message import Message


class PendingEntry:
    """The entry being read: its comments and its keywords' strings, still in pieces."""

    __slots__ = ("first", "translator_comments", "extracted_comments", "references", "flags",
                 "previous", "fields", "forms", "obsolete", "msgid_line", "has_msgstr",
                 "msgstr_line")

    def __init__(self):
        self.first = -1                 # index of its first line, -1 until it comes
        self.translator_comments: list[str] = []
        self.extracted_comments: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.previous: dict[str, list[str]] = {}  # #| msgctxt / msgid / msgid_plural
        self.fields: dict[str, list[str]] = {}    # msgctxt / msgid / msgid_plural / msgstr
        self.forms: list[list[str]] = []          # msgstr[n]
        self.obsolete: bool | None = None         # None until a keyword line says
        self.msgid_line = 0
        self.has_msgstr = False
        self.msgstr_line = 0            # where its msgstr (or msgstr[0]) keyword is

    def message(self) -> Message:
        """The Message of a complete entry."""
        get = self.fields.get
        ctx = get("msgctxt")
        plural = get("msgid_plural")
        msgid = self.fields["msgid"]
        msgstr = get("msgstr")
        prev = self.previous
        return Message(
            msgid[0] if len(msgid) == 1 else "".join(msgid),
            ("" if msgstr is None else msgstr[0] if len(msgstr) == 1 else "".join(msgstr)),
            _join(ctx) if ctx is not None else None,
            _join(plural) if plural is not None else None,
            {i: _join(p) for i, p in enumerate(self.forms)} if self.forms else {},
            self.translator_comments, self.extracted_comments, self.references, self.flags,
            _join(prev["msgctxt"]) if "msgctxt" in prev else None,
            _join(prev["msgid"]) if "msgid" in prev else None,
            _join(prev["msgid_plural"]) if "msgid_plural" in prev else None,
            bool(self.obsolete), self.msgid_line,
        )


def _join(pieces: list[str]) -> str:
    return pieces[0] if len(pieces) == 1 else "".join(pieces)
