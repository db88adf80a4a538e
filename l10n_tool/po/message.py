"""Message: one PO entry, with the raw text it was read from for lossless writing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .states import FUZZY, is_fuzzy, is_translated


@dataclass(eq=False, slots=True)
class Message:
    """One catalog entry; the header is the entry with msgid "" and no msgctxt."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0
    # Lossless writing: the source text of the entry and a fingerprint of its fields
    # when read; the writer reuses the text while the fields still match.
    _raw: str | None = field(default=None, repr=False, compare=False)
    _fp: tuple | None = field(default=None, repr=False, compare=False)
    _lead: str = field(default="", repr=False, compare=False)
    # where the entry stood in its file and which entry it followed (for exact spacing)
    _pos: tuple | None = field(default=None, repr=False, compare=False)
    _after: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return is_fuzzy(self.flags)

    @fuzzy.setter
    def fuzzy(self, value: bool) -> None:
        if value and FUZZY not in self.flags:
            self.flags.insert(0, FUZZY)
        elif not value:
            self.flags[:] = [f for f in self.flags if f != FUZZY]

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translated(self) -> bool:
        """Not obsolete and translated as po.states defines it."""
        return not self.obsolete and is_translated(self.fuzzy, self.strings())

    def strings(self) -> list[str]:
        """The translation forms in order (one for a singular message)."""
        if self.msgid_plural is not None:
            return [self.msgstr_plural[i] for i in sorted(self.msgstr_plural)]
        return [self.msgstr]

    def fingerprint(self) -> tuple:
        """Every field that the PO text shows, for change detection."""
        return (
            self.msgid, self.msgstr, self.msgctxt, self.msgid_plural,
            tuple(sorted(self.msgstr_plural.items())) if self.msgstr_plural else (),
            tuple(self.translator_comments), tuple(self.extracted_comments),
            tuple(self.references), tuple(self.flags),
            self.previous_msgctxt, self.previous_msgid, self.previous_msgid_plural,
            self.obsolete,
        )

    def copy(self) -> "Message":
        """A deep copy of the fields; keeps the raw text so an unchanged copy stays byte-exact."""
        m = Message(
            self.msgid, self.msgstr, self.msgctxt, self.msgid_plural, dict(self.msgstr_plural),
            list(self.translator_comments), list(self.extracted_comments),
            list(self.references), list(self.flags),
            self.previous_msgctxt, self.previous_msgid, self.previous_msgid_plural,
            self.obsolete, self.line,
        )
        m._raw, m._fp, m._lead = self._raw, self._fp, self._lead
        m._pos, m._after = self._pos, self._after
        return m
