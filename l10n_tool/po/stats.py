"""Counts of translated, fuzzy, untranslated and obsolete messages and words."""

from __future__ import annotations

import re

from .catalog import Catalog

# markup placeholders <0>, </0>, <1/> and printf/Python/brace format placeholders
_PLACEHOLDER = re.compile(
    r"</?\d+/?>"
    r"|%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlLqjzt]*[diouxXeEfFgGcrsa%]"
    r"|\{[^{}\s]*\}"
)
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


_MARKS = frozenset("%<{")


def count_words(text: str) -> int:
    """Words of a message, placeholders not counted."""
    if not _MARKS.isdisjoint(text):
        text = _PLACEHOLDER.sub(" ", text)
    return len(_WORD.findall(text))


def catalog_stats(catalog: Catalog) -> dict:
    """total (active, non-header), translated, fuzzy, untranslated, obsolete, words_total,
    words_translated, words_fuzzy, percent (of messages) and percent_words."""
    total = translated = fuzzy = obsolete = 0
    words_total = words_translated = words_fuzzy = 0
    for msg in catalog.messages:
        if msg.obsolete:
            obsolete += 1
            continue
        if msg.is_header:
            continue
        total += 1
        words = count_words(msg.msgid)
        words_total += words
        if "fuzzy" in msg.flags:
            fuzzy += 1
            words_fuzzy += words
        elif msg.translated:
            translated += 1
            words_translated += words
    return {
        "total": total, "translated": translated, "fuzzy": fuzzy,
        "untranslated": total - translated - fuzzy, "obsolete": obsolete,
        "words_total": words_total, "words_translated": words_translated,
        "words_fuzzy": words_fuzzy,
        "percent": round(100.0 * translated / total, 1) if total else 100.0,
        "percent_words": round(100.0 * words_translated / words_total, 1) if words_total else 100.0,
    }
