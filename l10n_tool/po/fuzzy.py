"""Find the old message msgmerge would offer as a fuzzy translation, fast.

msgmerge scores every old translated message that shares a 4-character sequence with the
new msgid (fstrcmp, i.e. Indel similarity, must exceed 0.6; a candidate without context
or with the same context gets a tiny bonus). That is quadratic. Here an index proposes a
few candidates per query and rapidfuzz scores them: word-pair postings (rarest first,
within a budget; long queries probe a content-chosen quarter of their pairs) for texts
with words, 4-gram postings for short or unspaced texts. The work per query is bounded,
so an update grows close to linearly; large candidate sets are split in two indexes that
run on two cores when they are free."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import Indel

from ..parallel import fork_map
from .message import Message

THRESHOLD = 0.6          # msgmerge's FUZZY_THRESHOLD; a match must be strictly above it
CONTEXT_BONUS = 0.00001  # msgmerge's preference for no context or the same context
SHORT = 40               # queries up to this length are looked up by 4-grams
TOP = 40                 # candidates scored per word-pair query
BUDGET = 1500            # postings read per word-pair query
SHORT_BUDGET = 3000      # postings read per 4-gram query (all of them are scored)
SAMPLE_FROM = 32         # a query with more word pairs probes one pair in four
MIN_PAIRS = 4            # fewer word pairs (say, unspaced CJK text): use 4-grams
_WORD = re.compile(r"\w+")
_RATIO = THRESHOLD / (2 - THRESHOLD)   # min/max length ratio that can still pass


def _pairs(text: str) -> set[tuple[str, str]]:
    """The overlapping word pairs of a text, lower-cased."""
    words = _WORD.findall(text.lower())
    return set(zip(words, words[1:]))


def _probe(text: str) -> set[tuple[str, str]]:
    """The pairs a query looks up: a content-chosen quarter of them for long texts, so
    two versions of a text still share several while the index stays small."""
    pairs = _pairs(text)
    if len(pairs) > SAMPLE_FROM:
        pairs = {p for p in pairs if not hash(p) & 3}
    return pairs


def _grams(text: str) -> set[str]:
    """The 4-character sequences of a text."""
    return {text[i:i + 4] for i in range(len(text) - 3)}


def _within(lists: list[list[int]], budget: int) -> list[list[int]]:
    """The rarest postings lists, up to a total size just over the budget."""
    chosen, total = [], 0
    for postings in lists:
        if total > budget:
            break
        chosen.append(postings)
        total += len(postings)
    return chosen


def _by_grams(msgid: str) -> bool:
    return len(msgid) <= SHORT or len(_pairs(msgid)) < MIN_PAIRS


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
        """Index the candidates, but only for pairs and 4-grams the queries look up."""
        wanted: set[str] = set()
        wanted_grams: set[str] = set()
        gram_lo, gram_hi = float("inf"), 0.0
        for msgid in msgids:
            if _by_grams(msgid):
                wanted_grams.update(_grams(msgid))
                gram_lo = min(gram_lo, len(msgid) * _RATIO)
                gram_hi = max(gram_hi, len(msgid) / _RATIO)
            else:
                wanted.update(_probe(msgid))
        words: dict[str, list[int]] = {w: [] for w in wanted}
        grams: dict[str, list[int]] = {g: [] for g in wanted_grams}
        for i, text in enumerate(self.texts):
            if wanted:
                for pair in _pairs(text) & wanted:
                    words[pair].append(i)
            if wanted_grams and gram_lo <= len(text) <= gram_hi:
                for gram in _grams(text) & wanted_grams:
                    grams[gram].append(i)
        self.words, self.grams = words, grams

    def _scored(self, msgid: str) -> list[tuple[float, int]]:
        """(similarity, candidate index) above the threshold among a few candidates."""
        length = len(msgid)
        lo, hi = length * _RATIO, length / _RATIO
        texts = self.texts
        if length < 4:  # no 4-gram at all: every candidate of a fitting length
            start = bisect_left(self.sorted_sizes, lo)
            stop = bisect_right(self.sorted_sizes, hi)
            found = process.extract(msgid, self.sorted_texts[start:stop],
                                    scorer=Indel.normalized_similarity,
                                    score_cutoff=THRESHOLD, limit=None)
            return [(score, self.by_length[start + pos]) for _, score, pos in found]
        if _by_grams(msgid):
            lists = sorted((p for p in map(self.grams.get, _grams(msgid)) if p), key=len)
            ids = list(set(chain.from_iterable(_within(lists, SHORT_BUDGET))))
        else:
            lists = sorted((p for p in map(self.words.get, _probe(msgid)) if p), key=len)
            counts = Counter(chain.from_iterable(_within(lists, BUDGET)))
            ids = [i for i, _ in counts.most_common(TOP * 3)]
        ids = [i for i in ids if lo <= len(texts[i]) <= hi]
        if len(ids) > TOP and not _by_grams(msgid):
            ids = ids[:TOP]
        found = process.extract(msgid, [texts[i] for i in ids],
                                scorer=Indel.normalized_similarity,
                                score_cutoff=THRESHOLD, limit=None)
        return [(score, ids[pos]) for _, score, pos in found]

    def ranked(self, msgctxt: str | None, msgid: str) -> tuple[float, int] | None:
        """(-weight, index) of the candidate msgmerge would pick, or None."""
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
        for item in ranked:
            if len(msgid) < 4:
                return item
            if query_grams is None:
                query_grams = _grams(msgid)
            text = self.texts[item[1]]
            # like msgmerge, only messages sharing a 4-character sequence qualify
            if any(text[i:i + 4] in query_grams for i in range(len(text) - 3)):
                return item
        return None

    def best(self, msgctxt: str | None, msgid: str) -> Message | None:
        """The old message msgmerge would offer as a fuzzy translation, or None."""
        found = self.ranked(msgctxt, msgid)
        return self.cands[found[1]] if found is not None else None


# --- many queries, on all cores -------------------------------------------------------

PARALLEL_MIN = 300       # fewer queries: one process, one index
PARTITION_MIN = 4000     # fewer candidates: one index
PARTS = 2                # a large candidate set is split in two indexes (on two cores if free)


def _translated(m: Message) -> bool:
    return bool(m.msgid) and bool((m.strings() or [""])[0])


def _run_part(job: tuple, part: int) -> list[tuple[float, int] | None]:
    """One partition's best (weight, index) for each query."""
    parts, queries = job
    matcher = FuzzyMatcher(parts[part])
    matcher.prepare(msgid for _, msgid in queries)
    return [matcher.ranked(ctx, msgid) for ctx, msgid in queries]


def best_many(candidates: list[Message], queries: list[tuple[str | None, str]],
              workers: int | None = None) -> list[Message | None]:
    """best() for every (msgctxt, msgid). A large candidate set is split into PARTS
    indexes, searched in parallel processes when cores and fork() are available; the
    split depends only on the data, so the answer never depends on the machine."""
    cands = [m for m in candidates if _translated(m)]
    parts_n = PARTS if len(cands) >= PARTITION_MIN and len(queries) >= PARALLEL_MIN else 1
    parts = [cands[k::parts_n] for k in range(parts_n)]
    results = list(fork_map(_run_part, range(parts_n), (parts, queries), jobs=workers, parallel=parts_n > 1))
    out: list[Message | None] = []
    for q in range(len(queries)):
        best = None
        for k in range(parts_n):
            found = results[k][q]
            if found is not None:
                key = (found[0], found[1] * parts_n + k)  # weight, then original order
                if best is None or key < best:
                    best = key
        out.append(cands[best[1]] if best is not None else None)
    return out
