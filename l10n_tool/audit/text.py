"""What counts in a text: brand names, URLs, e-mail addresses and digits do not; words and
letters are counted; long texts are shown as excerpts."""

from __future__ import annotations

import re

#: Brand and product names that are the same in every language and only confuse the detector.
BRAND_NAMES = (
    "Instagram", "Facebook", "YouTube", "WhatsApp", "LinkedIn", "Twitter", "TikTok", "Pinterest",
    "Mastodon", "Bluesky", "Threads", "Reddit", "GitHub", "GitLab", "Telegram", "Signal",
    "Snapchat", "Vimeo", "Spotify", "Google", "Apple", "Microsoft", "RSS",
)

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_BRAND_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(b) for b in BRAND_NAMES) + r")(?!\w)", re.IGNORECASE
)
# "X" (formerly Twitter) only as a word on its own, case-sensitive
_X_RE = re.compile(r"(?<!\w)X(?!\w)")
_SPACE_RE = re.compile(r"\s+")


def squash_space(text: str) -> str:
    """Runs of white space as one space, none at the ends."""
    return _SPACE_RE.sub(" ", text).strip()


def clean_text(text: str) -> str:
    """The text without URLs, e-mail addresses and brand names."""
    text = _URL_RE.sub(" ", text)
    text = _BRAND_RE.sub(" ", text)
    text = _X_RE.sub(" ", text)
    return squash_space(text)


def count_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def count_letters(text: str) -> int:
    return sum(map(str.isalpha, text))


def excerpt(text: str, limit: int = 200) -> str:
    """The text on one line, cut to ``limit`` characters with an ellipsis."""
    text = squash_space(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
