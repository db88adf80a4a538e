"""Counts of translated, fuzzy, untranslated and obsolete messages and words."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .catalog import Catalog

# markup placeholders <0>, </0>, <1/> and printf/Python/brace format placeholders
_PLACEHOLDER = re.compile(
    r"</?\d+/?>"
    r"|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlLqjzt]*[diouxXeEfFgGcrsa%]"
    r"|\{[^{}\s]*\}"
)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


_MARKS = frozenset("%<{")

# Texts are counted together, joined by a separator that no placeholder or word can span:
# ")" closes an open "%(" and the newline after it ends both "%(...)" (no conversion
# character) and "{...}" (no whitespace inside).
_SEPARATOR = ")\n"
# In ASCII text \w is [0-9A-Za-z_]: map word characters to "w", the word joiners ' and -
# to "-", everything else to " ", and count with bytes.count (see _ascii_words).
_ASCII_CLASSES = bytes(
    ord("w") if chr(b).isalnum() or b == ord("_") else ord("-") if b in b"'-" else ord(" ")
    for b in range(128)
) + b" " * 128


def count_words(text: str) -> int:
    """Words of a message, placeholders not counted."""
    if not _MARKS.isdisjoint(text):
        text = _PLACEHOLDER.sub(" ", text)
    return len(_WORD.findall(text))


def count_words_of(texts: Iterable[str]) -> int:
    """sum(count_words(t) for t in texts), computed on the joined texts at once."""
    ascii_texts, other = [], []
    for text in texts:
        (ascii_texts if text.isascii() else other).append(text)
    words = 0
    if ascii_texts:
        words += _ascii_words(_PLACEHOLDER.sub(" ", _SEPARATOR.join(ascii_texts)))
    if other:
        words += len(_WORD.findall(_PLACEHOLDER.sub(" ", _SEPARATOR.join(other))))
    return words


def _ascii_words(text: str) -> int:
    """len(_WORD.findall(text)) for ASCII text: each match is a run of word characters,
    plus further runs joined to it by a single ' or -. So the count is the number of runs
    minus the number of joins ("w-w")."""
    t = text.encode("ascii").translate(_ASCII_CLASSES)
    runs = t.count(b" w") + t.startswith(b"w")
    if b"-" not in t:
        return runs
    runs += t.count(b"-w")
    # every "w-" is followed by "w" (a join), "-", " " or the end
    joins = t.count(b"w-") - t.count(b"w--") - t.count(b"w- ") - t.endswith(b"w-")
    return runs - joins


def catalog_stats(catalog: Catalog) -> dict:
    """total (active, non-header), translated, fuzzy, untranslated, obsolete, words_total,
    words_translated, words_fuzzy, percent (of messages) and percent_words."""
    translated: list[str] = []
    fuzzy: list[str] = []
    untranslated: list[str] = []
    obsolete = 0
    for msg in catalog.messages:
        if msg.obsolete:
            obsolete += 1
        elif msg.is_header:
            continue
        elif "fuzzy" in msg.flags:
            fuzzy.append(msg.msgid)
        elif msg.translated:
            translated.append(msg.msgid)
        else:
            untranslated.append(msg.msgid)
    return stats_dict(translated, fuzzy, untranslated, obsolete)


def stats_dict(translated: list[str], fuzzy: list[str], untranslated: list[str],
               obsolete: int) -> dict:
    """catalog_stats' result from the msgids of the active messages in each state."""
    words_translated = count_words_of(translated)
    words_fuzzy = count_words_of(fuzzy)
    words_total = words_translated + words_fuzzy + count_words_of(untranslated)
    total = len(translated) + len(fuzzy) + len(untranslated)
    return {
        "total": total, "translated": len(translated), "fuzzy": len(fuzzy),
        "untranslated": len(untranslated), "obsolete": obsolete,
        "words_total": words_total, "words_translated": words_translated,
        "words_fuzzy": words_fuzzy,
        "percent": round(100.0 * len(translated) / total, 1) if total else 100.0,
        "percent_words": (round(100.0 * words_translated / words_total, 1)
                          if words_total else 100.0),
    }
