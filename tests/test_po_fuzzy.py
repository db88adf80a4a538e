"""The fuzzy matcher: msgmerge's rules (threshold, context preference, shared 4-gram) and
the same answer whether it runs in one process or on several cores."""

from __future__ import annotations

import random

import pytest

from l10n_tool.po import Catalog, Message, format_po, merge, new_header
from l10n_tool.po import fuzzy
from l10n_tool.po.fuzzy import FuzzyMatcher, best_many


def _matcher(*pairs):
    cands = [Message(msgid, msgstr, msgctxt=ctx) for ctx, msgid, msgstr in pairs]
    return FuzzyMatcher(cands), cands


def _best(matcher, ctx, msgid):
    matcher.prepare([msgid])
    return matcher.best(ctx, msgid)


def test_near_miss_found_and_unrelated_not():
    m, cands = _matcher((None, "Open the file", "Open het bestand"),
                        (None, "Close the window", "Sluit het venster"))
    assert _best(m, None, "Open the files") is cands[0]
    assert _best(m, None, "Completely different words") is None


def test_untranslated_messages_are_not_candidates():
    m, _ = _matcher((None, "Open the file", ""))
    assert _best(m, None, "Open the files") is None


def test_context_preference_like_msgmerge():
    # same msgid under two contexts: the one without context (or the same one) wins
    m, cands = _matcher(("menu", "Close the window", "A"), (None, "Close the window", "B"))
    assert _best(m, "toolbar", "Close the window") is cands[1]
    m, cands = _matcher(("menu", "Close the window", "B"), ("toolbar", "Close the window", "A"))
    assert _best(m, "toolbar", "Close the windows") is cands[1]


def test_threshold_is_strictly_above_point_six():
    # Indel similarity 2*3/(5+5) = 0.6 exactly: not a match
    m, _ = _matcher((None, "abcxy", "t"))
    assert _best(m, None, "abczw") is None


def test_a_shared_four_character_sequence_is_required():
    # similar by Indel (0.8) but without any common 4-gram: msgmerge never sees it
    m, _ = _matcher((None, "c l o s e", "t"))
    assert _best(m, None, "close") is None


def test_long_unspaced_text_uses_character_grams():
    old = "这是一个很长的句子没有空格但是需要被找到因为它只改变了一个字而已真的"
    new = old[:-1] + "呢"
    m, cands = _matcher((None, old, "t"))
    assert _best(m, None, new) is cands[0]


def test_tiny_strings():
    m, cands = _matcher((None, "OK", "Oké"), (None, "Go", "Ga"))
    assert _best(m, None, "OK!") is cands[0]


def _corpus(seed: int, size: int):
    rng = random.Random(seed)
    words = "patient clinic visit open close save page form date time new old first".split()
    cands, queries = [], []
    for i in range(size):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 25))) + f" {i}"
        cands.append(Message(text, "t " + text, msgctxt="c" if i % 10 == 0 else None))
        if i % 4 == 0:
            edited = text.split(" ")
            edited[rng.randrange(len(edited))] = rng.choice(words)
            queries.append((None, " ".join(edited) + "!"))
    return cands, queries


def test_parallel_and_serial_give_the_same_answers(monkeypatch):
    monkeypatch.setattr(fuzzy, "PARTITION_MIN", 100)
    monkeypatch.setattr(fuzzy, "PARALLEL_MIN", 10)
    cands, queries = _corpus(3, 600)
    serial = best_many(cands, queries, workers=1)
    parallel = best_many(cands, queries, workers=2)
    assert serial == parallel
    assert sum(found is not None for found in serial) > len(queries) * 0.9


def test_merge_result_independent_of_workers(monkeypatch):
    monkeypatch.setattr(fuzzy, "PARTITION_MIN", 100)
    monkeypatch.setattr(fuzzy, "PARALLEL_MIN", 10)
    cands, queries = _corpus(5, 400)
    po = Catalog("x.po", new_header("nl", date=0), cands)
    pot = Catalog("x.pot", new_header(None, date=0),
                  [Message(msgid, msgctxt=ctx) for ctx, msgid in queries])
    assert format_po(merge(po, pot, workers=1)) == format_po(merge(po, pot, workers=2))


@pytest.mark.parametrize("workers", [1, None])
def test_best_many_small_inputs(workers):
    cands = [Message("Open the file", "x")]
    assert best_many(cands, [(None, "Open the files")], workers=workers) == [cands[0]]
    assert best_many([], [(None, "x")], workers=workers) == [None]
