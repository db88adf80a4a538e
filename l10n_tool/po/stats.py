"""Counts of translated, fuzzy, untranslated and obsolete messages and of their words
(l10n_tool.words); the states are po.states'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..words import count_words_of

if TYPE_CHECKING:
    from .catalog import Catalog


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
        elif msg.fuzzy:
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
