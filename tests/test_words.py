"""The one word counter (l10n_tool.words): its documented rules, and its batch count equal to
counting text by text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n_tool.words import count_words, count_words_of


@pytest.mark.parametrize("text, words", [
    ("Open 24/7 since 1999", 2),          # numbers alone are no words
    ("日本語のテキスト", 8),                # each ideograph and kana is a word
    ("Tokyo 東京", 3),
    ("東京tower", 3),                      # the rest of a mixed chunk is one more
    ("<0>Open</0> now<1/>please", 3),     # paired placeholders removed, void ones separate
    ("<0>Open</0>ing", 1),
    ("%(name)s and %d or {name} {0}", 2),  # format placeholders are no words
    ("Hello %(name)sfriend", 2),
    ("don't stop", 2), ("walk-in", 1), ("rock ’n’ roll", 3),  # apostrophes and hyphens join
    ("— !!! 3.14", 0), ("v2 release", 2), ("", 0),
    ("Ünïcödé wörds", 2), ("a\x1cb", 2), ("a\u3000b", 2),
])
def test_documented_rules(text, words):
    assert count_words(text) == words
    assert count_words_of([text]) == words


PIECES = list("abcXY 019.,'-_/!\t\n\x1c\u00a0\u3000") + [
    "ß", "é", "日", "の", "テ", "—", "’", "½", "٣", "%(a)s", "%d", "%", "% d", "{0}", "{x y}", "{",
    "<0>", "</0>", "<1/>", "<01>", "<", ")", "%(", "漢字"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.lists(TEXT, max_size=10))
def test_a_batch_counts_what_its_texts_count(texts):
    assert count_words_of(texts) == sum(map(count_words, texts))
