"""Find the closest old message for a new msgid, as msgmerge does, but fast: a word
index proposes a few candidates and rapidfuzz scores them (Indel similarity, which is
what msgmerge's fstrcmp computes); short strings are compared against all short ones."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import Indel

from .message import Message

THRESHOLD = 0.6          # msgmerge's FUZZY_THRESHOLD; a match must be strictly above it
CONTEXT_BONUS = 0.00001  # msgmerge prefers a candidate without context or with the same one
SHORT = 40               # queries up to this length are compared with every short candidate
TOP = 40                 # candidates scored per long query
_WORD = re.compile(r"\w+")
_RATIO = THRESHOLD / (2 - THRESHOLD)   # min/max length ratio that can still reach THRESHOLD


class FuzzyMatcher:
    """Candidates are old messages with a translation (msgmerge's rule); search with
    `best(msgctxt, msgid)` after `prepare(queries)` has seen every msgid to look up."""

    def __init__(self, candidates: list[Message]):
        self.cands = [m for m in candidates if m.msgid and (m.strings() or [""])[0]]
        self.texts = [m.msgid for m in self.cands]
        self.postings: dict[str, list[int]] = {}
        self.by_length: dict[int, list[int]] = defaultdict(list)
        for i, text in enumerate(self.texts):
            self.by_length[len(text)].append(i)
        self.max_short = 0

    def prepare(self, msgids) -> None:
        """Index the words of the candidates that occur in the given msgids."""
        wanted = set()
        for msgid in msgids:
            wanted.update(_WORD.findall(msgid.lower()))
        postings: dict[str, list[int]] = {w: [] for w in wanted}
        for i, text in enumerate(self.texts):
            for word in set(_WORD.findall(text.lower())):
                bucket = postings.get(word)
                if bucket is not None:
                    bucket.append(i)
        self.postings = postings
        self.limit = max(50, len(self.texts) // 10)

    def _candidate_ids(self, msgid: str) -> list[int]:
        length = len(msgid)
        lo, hi = length * _RATIO, length / _RATIO
        if length <= SHORT:
            ids = []
            for size in range(int(lo), int(hi) + 1):
                ids.extend(self.by_length.get(size, ()))
            return ids
        words = set(_WORD.findall(msgid.lower()))
        lists = [self.postings.get(w) or [] for w in words]
        rare = [p for p in lists if len(p) <= self.limit]
        counts = Counter(chain.from_iterable(rare or lists))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out = []
        texts = self.texts
        for i, _ in ranked:
            if lo <= len(texts[i]) <= hi:
                out.append(i)
                if len(out) >= TOP:
                    break
        return out

    def best(self, msgctxt: str | None, msgid: str) -> Message | None:
        """The old message msgmerge would offer as a fuzzy translation, or None."""
        ids = self._candidate_ids(msgid)
        if not ids:
            return None
        choices = [self.texts[i] for i in ids]
        found = process.extract(msgid, choices, scorer=Indel.normalized_similarity,
                                score_cutoff=THRESHOLD, limit=None if len(choices) < 50 else 20)
        best_i, best_w = None, THRESHOLD
        for _, score, pos in found:
            if score <= THRESHOLD:
                continue
            cand = self.cands[ids[pos]]
            weight = score
            if cand.msgctxt is None or cand.msgctxt == msgctxt:
                weight += CONTEXT_BONUS
            index = ids[pos]
            if weight > best_w or (weight == best_w and best_i is not None and index < best_i):
                best_i, best_w = index, weight
        return self.cands[best_i] if best_i is not None else None
