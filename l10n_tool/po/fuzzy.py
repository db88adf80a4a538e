"""Find the old message msgmerge would offer as a fuzzy translation, fast.

msgmerge scores every old translated message that shares a 4-character sequence with the
new msgid (fstrcmp, i.e. Indel similarity, must exceed 0.6; a candidate without context
or with the same context gets a tiny bonus). That is quadratic. Here an index proposes a
few candidates per query and rapidfuzz scores them: word and word-pair postings (rarest
first, within a budget) for long strings; short strings are scored in C against every
candidate of a fitting length (a contiguous slice of the length-sorted candidates). The
work per long query stays bounded, so the update grows close to linearly."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import Indel

from .message import Message

THRESHOLD = 0.6          # msgmerge's FUZZY_THRESHOLD; a match must be strictly above it
CONTEXT_BONUS = 0.00001  # msgmerge's preference for no context or the same context
SHORT = 40               # queries up to this length are compared with all fitting lengths
TOP = 40                 # candidates scored per query
BUDGET = 1500            # postings read per long query
SHORT_BUDGET = 3000      # postings read per short query (all of them are scored)
_WORD = re.compile(r"\w+")
_RATIO = THRESHOLD / (2 - THRESHOLD)   # min/max length ratio that can still pass


def _tokens(text: str) -> set[str]:
    """Word pairs of a text, lower-cased (a one-word edit keeps most of them)."""
    words = _WORD.findall(text.lower())
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


def _grams(text: str) -> set[str]:
    """The 4-character sequences of a text."""
    return {text[i:i + 4] for i in range(len(text) - 3)}


class FuzzyMatcher:
    """Candidates are old messages whose first form is translated (msgmerge's rule).
    Call `prepare(msgids)` with every msgid to be looked up, then `best(...)` for each."""

    def __init__(self, candidates: list[Message]):
        self.cands = [m for m in candidates if m.msgid and (m.strings() or [""])[0]]
        self.texts = [m.msgid for m in self.cands]
        self.words: dict[str, list[int]] = {}
        self.grams: dict[str, list[int]] = {}
        self.by_length = sorted(range(len(self.texts)), key=lambda i: len(self.texts[i]))
        self.sorted_texts = [self.texts[i] for i in self.by_length]
        self.sorted_sizes = [len(t) for t in self.sorted_texts]

    def prepare(self, msgids) -> None:
        """Index the words of long candidates, only for words the long queries contain."""
        wanted: set[str] = set()
        wanted_grams: set[str] = set()
        for msgid in msgids:
            if len(msgid) > SHORT:
                wanted.update(_tokens(msgid))
            else:
                wanted_grams.update(_grams(msgid))
        words: dict[str, list[int]] = {w: [] for w in wanted}
        grams: dict[str, list[int]] = {g: [] for g in wanted_grams}
        get, gget = words.get, grams.get
        long_min = (SHORT + 1) * _RATIO   # shortest text that can match a long query
        short_max = SHORT / _RATIO        # longest text that can match a short query
        for i, text in enumerate(self.texts):
            size = len(text)
            if words and size >= long_min:
                for token in _tokens(text):
                    bucket = get(token)
                    if bucket is not None:
                        bucket.append(i)
            if grams and size <= short_max:
                for gram in _grams(text):
                    bucket = gget(gram)
                    if bucket is not None:
                        bucket.append(i)
        self.words, self.grams = words, grams

    def _scored(self, msgid: str) -> list[tuple[float, int]]:
        """(similarity, candidate index) above the threshold for a few or all fitting candidates."""
        length = len(msgid)
        lo, hi = length * _RATIO, length / _RATIO
        if length < 4:
            start = bisect_left(self.sorted_sizes, lo)
            stop = bisect_right(self.sorted_sizes, hi)
            found = process.extract(msgid, self.sorted_texts[start:stop],
                                    scorer=Indel.normalized_similarity,
                                    score_cutoff=THRESHOLD, limit=None)
            return [(score, self.by_length[start + pos]) for _, score, pos in found]
        if length <= SHORT:
            lists = sorted((p for p in map(self.grams.get, _grams(msgid)) if p), key=len)
            chosen, total = [], 0
            for postings in lists:  # rarest 4-grams first
                if total > SHORT_BUDGET:
                    break
                chosen.append(postings)
                total += len(postings)
            texts = self.texts
            ids = [i for i in set(chain.from_iterable(chosen)) if lo <= len(texts[i]) <= hi]
            found = process.extract(msgid, [texts[i] for i in ids],
                                    scorer=Indel.normalized_similarity,
                                    score_cutoff=THRESHOLD, limit=None)
            return [(score, ids[pos]) for _, score, pos in found]
        lists = sorted((p for p in map(self.words.get, _tokens(msgid)) if p), key=len)
        chosen, total = [], 0
        for postings in lists:  # rarest first, within a budget
            if total > BUDGET:
                break
            chosen.append(postings)
            total += len(postings)
        counts = Counter(chain.from_iterable(chosen))
        texts = self.texts
        ids = [i for i, _ in counts.most_common(TOP * 3) if lo <= len(texts[i]) <= hi][:TOP]
        found = process.extract(msgid, [texts[i] for i in ids], scorer=Indel.normalized_similarity,
                                score_cutoff=THRESHOLD, limit=None)
        return [(score, ids[pos]) for _, score, pos in found]

    def best(self, msgctxt: str | None, msgid: str) -> Message | None:
        """The old message msgmerge would offer as a fuzzy translation, or None."""
        ranked = []
        for score, index in self._scored(msgid):
            if score <= THRESHOLD:
                continue
            cand = self.cands[index]
            if cand.msgctxt is None or cand.msgctxt == msgctxt:
                score += CONTEXT_BONUS
            ranked.append((-score, index))
        ranked.sort()
        query_grams = None
        for _, index in ranked:
            if len(msgid) < 4:
                return self.cands[index]
            if query_grams is None:
                query_grams = _grams(msgid)
            text = self.texts[index]
            # like msgmerge, only messages sharing a 4-character sequence qualify
            if any(text[i:i + 4] in query_grams for i in range(len(text) - 3)):
                return self.cands[index]
        return None


# --- several queries, on all cores -----------------------------------------------------

PARALLEL_MIN = 400       # below this many queries, forking costs more than it saves
_ACTIVE: FuzzyMatcher | None = None   # the matcher forked workers inherit


def _best_indices(queries: list[tuple[str | None, str]]) -> list[int]:
    matcher = _ACTIVE
    out = []
    for ctx, msgid in queries:
        found = matcher.best(ctx, msgid)
        out.append(-1 if found is None else found._fz)
    return out


def best_many(matcher: FuzzyMatcher, queries: list[tuple[str | None, str]],
              workers: int | None = None) -> list[Message | None]:
    """best() for every (msgctxt, msgid), spread over `workers` processes (default: all
    cores) when there are many queries and the platform can fork; else in this process."""
    import os

    if workers is None:
        workers = os.cpu_count() or 1
    if workers > 1 and len(queries) >= PARALLEL_MIN and hasattr(os, "fork"):
        try:
            return _parallel(matcher, queries, workers)
        except (OSError, ImportError, RuntimeError):  # pragma: no cover - fall back quietly
            pass
    return [matcher.best(ctx, msgid) for ctx, msgid in queries]


def _parallel(matcher: FuzzyMatcher, queries, workers: int) -> list[Message | None]:
    import multiprocessing

    global _ACTIVE
    for index, cand in enumerate(matcher.cands):
        cand._fz = index
    chunks = [queries[i::workers] for i in range(workers)]
    _ACTIVE = matcher
    try:
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            pending = pool.map_async(_best_indices, chunks[1:])
            mine = _best_indices(chunks[0])
            results = [mine] + pending.get()
    finally:
        _ACTIVE = None
        for cand in matcher.cands:
            del cand._fz
    out: list[Message | None] = [None] * len(queries)
    for start, found in enumerate(results):
        for k, index in enumerate(found):
            out[start + k * workers] = matcher.cands[index] if index >= 0 else None
    return out
