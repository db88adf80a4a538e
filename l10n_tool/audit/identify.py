"""Language identification: py3langid restricted to the candidate languages of a page."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import cache

#: Candidates used when neither ``languages`` nor the page give at least two (an audit with one
#: candidate can never find anything). Kept small on purpose: every extra language is another
#: way for a short English word to look foreign ("Comments" reads as French).
DEFAULT_CANDIDATES = ("en", "nl", "de", "fr", "es")


class LanguageIdentifier:
    """The py3langid model with ``norm_probs=True``: probabilities over the candidates only.

    Loading the model (68 MB once unpacked) takes about half a second, so make one and pass it
    to every audit. Safe to share between threads.
    """

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE
        from py3langid.langid import LanguageIdentifier as Model

        self._model = Model.from_model_file(MODEL_FILE, norm_probs=True)
        self._candidates: tuple[str, ...] | None = None  # what the model is restricted to
        self._lock = threading.Lock()
        #: Language codes the model knows.
        self.supported = frozenset(self._model._full_model[2])

    def classify(self, text: str, candidates: tuple[str, ...]) -> tuple[str, float]:
        """(language, confidence) of ``text`` among ``candidates`` (codes the model knows)."""
        with self._lock:
            if self._candidates != candidates:
                self._model.set_languages(list(candidates))
                self._candidates = candidates
            detected, confidence = self._model.classify(text)
        return str(detected), float(confidence)


@cache
def default_identifier() -> LanguageIdentifier:
    """The identifier audits use when they are given none, loaded on first use and kept: the
    one piece of state this package keeps between calls (see :class:`LanguageIdentifier`)."""
    return LanguageIdentifier()


def normalize_locale(code: str | None) -> str:
    """Primary language subtag, lower case: "nl-BE" -> "nl", "pt_BR" -> "pt", "" -> ""."""
    if not code:
        return ""
    return re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()


def candidate_locales(
    languages: Sequence[str] | None,
    declared: Iterable[str],
    identifier: LanguageIdentifier | None = None,
) -> tuple[str, ...]:
    """The languages a page's text is identified among.

    ``languages`` (the project's locales, or ``--languages``) plus every language the page
    declares; the page's own must be there or text declared in it could never match. When that
    leaves fewer than two, :data:`DEFAULT_CANDIDATES` are added, because with one candidate
    every guess agrees with it and the audit could never find anything. Codes the model does not
    know are dropped.
    """
    known = (identifier or default_identifier()).supported
    chosen: list[str] = []
    for code in [*(languages or ()), *declared]:
        code = normalize_locale(code)
        if code and code in known and code not in chosen:
            chosen.append(code)
    if len(chosen) < 2:
        for code in DEFAULT_CANDIDATES:
            if code not in chosen:
                chosen.append(code)
    return tuple(sorted(chosen))
