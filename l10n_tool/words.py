"""Words of a text: the one counter behind every word figure (a catalog's words_* in
``l10n status`` and the content percent of a page, which decides whether it is published).

A word is a whitespace-separated chunk holding a letter, once placeholders are taken out:

- numbers alone are no words, they need no translation: "Open 24/7 since 1999" is 2 words,
  "v2 release" is 2;
- apostrophes, hyphens and other marks join what they stand between: "don't" and "walk-in"
  are one word each, a lone "—" or "!!!" is none;
- each CJK ideograph or kana is a word of its own (these scripts are written without spaces):
  "日本語のテキスト" is 8, and a chunk mixing them with other letters adds one for the rest;
- placeholders are no words: markup ``<0>`` and ``</0>`` are removed (``<0>Open</0>ing`` is
  one word), ``<1/>`` and format placeholders (``%(name)s``, ``%d``, ``{name}``, ``{0}``)
  separate like a space.
"""

from __future__ import annotations

import re
from typing import Iterable

from .placeholders import BRACE_FORMAT_RE, NUMBER, PERCENT_FORMAT_RE

_VOID = re.compile(rf"<{NUMBER}/>")
_PAIRED = re.compile(rf"</?{NUMBER}>")
_CJK = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # compiled on first use (slow to compile)
_CJK_FIRST = "\u3040"  # no CJK character comes before it
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_CHUNK = re.compile(r"(?<!\S)\S*?[^\W\d_]\S*")
"""A whitespace-separated chunk (``str.split`` and ``\\s`` agree on whitespace) with a letter."""

# ASCII text as bytes: a letter becomes "w", whitespace (str.split's) " ", all else is deleted,
# so that each chunk with a letter is a run of "w" (see _ascii_words)
_ASCII_CLASSES = bytes(ord("w") if chr(c).isalpha() else ord(" ") if chr(c).isspace() else c
                       for c in range(256))
_ASCII_OTHERS = bytes(c for c in range(128) if not chr(c).isalpha() and not chr(c).isspace())
# Texts are counted together, joined by a line end: no placeholder and no chunk spans one.
_SEPARATOR = "\n"


def count_words(text: str) -> int:
    """The words of *text* (see the module)."""
    text = _without_placeholders(text)
    return _ascii_words(text) if text.isascii() else _words(text)


def count_words_of(texts: Iterable[str]) -> int:
    """sum(count_words(text) for text in texts), counted on the joined texts at once."""
    ascii_texts, other = [], []
    for text in texts:
        (ascii_texts if text.isascii() else other).append(text)
    words = 0
    if ascii_texts:
        words += _ascii_words(_without_placeholders(_SEPARATOR.join(ascii_texts)))
    if other:
        words += _words(_without_placeholders(_SEPARATOR.join(other)))
    return words


def _without_placeholders(text: str) -> str:
    if "<" in text:
        text = _PAIRED.sub("", _VOID.sub(" ", text))
    if "%" in text:
        text = PERCENT_FORMAT_RE.sub(" ", text)
    if "{" in text:
        text = BRACE_FORMAT_RE.sub(" ", text)
    return text


def _ascii_words(text: str) -> int:
    """The chunks with a letter of ASCII text: the runs of "w" once it is classed."""
    classed = text.encode("ascii").translate(_ASCII_CLASSES, _ASCII_OTHERS)
    return classed.count(b" w") + classed.startswith(b"w")


def _words(text: str) -> int:
    if max(text, default="") < _CJK_FIRST or re.search(_CJK, text) is None:
        return len(_LETTER_CHUNK.findall(text))
    words = 0
    for chunk in text.split():
        ideographs = len(re.findall(_CJK, chunk))
        words += ideographs + (1 if _LETTER.search(re.sub(_CJK, "", chunk)) else 0)
    return words
