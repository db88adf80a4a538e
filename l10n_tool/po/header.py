"""The header entry: its "Name: value" fields and a fresh header for a new catalog."""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: the fast status and compile paths read fields only
    from .message import Message

POT_PLURAL_PLACEHOLDER = "nplurals=INTEGER; plural=EXPRESSION;"


def header_fields(msgstr: str) -> dict[str, str]:
    """Fields of a header msgstr in order; lines without a colon are skipped."""
    fields: dict[str, str] = {}
    for line in msgstr.split("\n"):
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields.setdefault(name.strip(), value.strip())
    return fields


def get_field(msgstr: str, name: str) -> str | None:
    """The value of one field (case-insensitive name), or None."""
    lname = name.lower()
    for line in msgstr.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() == lname:
            return value.strip()
    return None


def set_field(msgstr: str, name: str, value: str) -> str:
    """The msgstr with the field replaced in place, or appended at the end if new."""
    lines = msgstr.split("\n")
    lname = name.lower()
    for i, line in enumerate(lines):
        key, sep, _ = line.partition(":")
        if sep and key.strip().lower() == lname:
            lines[i] = f"{key}: {value}"
            return "\n".join(lines)
    if lines and lines[-1] == "":
        lines.insert(len(lines) - 1, f"{name}: {value}")
        return "\n".join(lines)
    if msgstr:
        return f"{msgstr}\n{name}: {value}\n"
    return f"{name}: {value}\n"


# the fields msgmerge knows, in the order it writes them
FIELD_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
               "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
               "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")
# language team names GNU gettext knows beyond the languages' English names
_TEAM_VARIANTS = {"Brazilian Portuguese": "pt_BR", "Chinese (simplified)": "zh_CN",
                  "Chinese (traditional)": "zh_TW", "Norwegian Bokmal": "nb",
                  "Norwegian Nynorsk": "nn"}


def insert_field(msgstr: str, name: str, value: str) -> str:
    """The msgstr with the field replaced in place or, if new, inserted where msgmerge puts
    it: after the last field present that comes before it in FIELD_ORDER (first if none)."""
    if get_field(msgstr, name) is not None or name not in FIELD_ORDER:
        return set_field(msgstr, name, value)
    earlier = {field.lower() for field in FIELD_ORDER[:FIELD_ORDER.index(name)]}
    lines = msgstr.split("\n")
    at = 0
    for i, line in enumerate(lines):
        key, sep, _ = line.partition(":")
        if sep and key.strip().lower() in earlier:
            at = i + 1
    lines.insert(at, f"{name}: {value}")
    return "\n".join(lines) if msgstr else f"{name}: {value}\n"


def language_of_team(team: str) -> str:
    """The language code msgmerge derives from a Language-Team value: a language's English
    name followed by an address ("Dutch <nl@li.org>" -> "nl"); "" when it cannot tell."""
    space = team.rfind(" ")
    if space < 0 or not team[space + 1:].startswith("<"):
        return ""
    name = team[:space].strip(" ")
    if name in _TEAM_VARIANTS:
        return _TEAM_VARIANTS[name]
    return _english_names().get(name, "")


@cache
def _english_names() -> dict[str, str]:
    from babel import Locale

    names = Locale("en").languages
    return {text: code for code, text in sorted(names.items(), key=lambda item: -len(item[0]))
            if len(code) <= 3 and "_" not in code and text.isascii()}


def charset_of(msgstr: str) -> str | None:
    """The charset named in Content-Type, or None."""
    ctype = get_field(msgstr, "Content-Type")
    if ctype is None:
        return None
    for part in ctype.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key.strip().lower() == "charset":
            return value.strip() or None
    return None


def format_date(when: float | None = None) -> str:
    """A gettext header date; SOURCE_DATE_EPOCH wins over the clock when set."""
    import time
    from datetime import datetime, timezone

    if when is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        when = float(epoch) if epoch and epoch.strip().isdigit() else time.time()
    return datetime.fromtimestamp(when, timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def gettext_locale(locale: str) -> str:
    """"pt-BR" -> "pt_BR", the form gettext headers use."""
    return locale.replace("-", "_")


def new_header(locale: str | None, *, project: str = "PACKAGE VERSION",
               template_header: Message | None = None, date: float | None = None) -> Message:
    """A complete header; locale None gives a template (POT) header, marked fuzzy."""
    from .message import Message
    from .plurals import plural_forms

    tpl = template_header.msgstr if template_header is not None else ""
    bugs = get_field(tpl, "Report-Msgid-Bugs-To") or ""
    now = format_date(date)
    pot_date = get_field(tpl, "POT-Creation-Date") or now
    if locale is None:
        fields = [
            ("Project-Id-Version", project), ("Report-Msgid-Bugs-To", bugs),
            ("POT-Creation-Date", pot_date), ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
            ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
            ("Language-Team", "LANGUAGE <LL@li.org>"), ("Language", ""),
        ]
        comments = ["SOME DESCRIPTIVE TITLE.", "FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.", ""]
        flags = ["fuzzy"]
    else:
        loc = gettext_locale(locale)
        fields = [
            ("Project-Id-Version", project), ("Report-Msgid-Bugs-To", bugs),
            ("POT-Creation-Date", pot_date), ("PO-Revision-Date", now),
            ("Last-Translator", "Automatically generated"), ("Language-Team", "none"),
            ("Language", loc),
        ]
        comments = [f"{loc} translations for {project}."]
        flags = []
    fields += [
        ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    if locale is not None:
        fields.append(("Plural-Forms", plural_forms(locale)))
    msgstr = "".join(f"{name}: {value}\n" for name, value in fields)
    return Message("", msgstr, translator_comments=comments, flags=flags)
