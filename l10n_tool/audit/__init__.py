"""Language check of built HTML pages: is each part of a page in the language it declares?

How a page is judged:

1. The page is parsed with selectolax (lexbor) and walked (:mod:`.walk`). Text inside ``head``,
   ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``math``, ``iframe``, ``object``
   and media elements is skipped, and so is everything under a hidden element (``hidden`` or
   ``inert`` attribute, ``aria-hidden="true"``, an inline ``display:none``/``visibility:hidden``
   style, ``<input type=hidden>``).
2. Visible text is cut into *blocks*: every element that is not inline (``p``, ``h1``-``h6``,
   ``li``, ``td``, ``button``, ``label``, ``div`` ...) starts a new block, and so does every element
   carrying a ``lang`` attribute or a widget ``role``. Placeholders and button values of form
   fields count as text. The declared language of a block is the nearest ``lang`` up the tree,
   reduced to its primary subtag (``nl-BE`` -> ``nl``); an empty ``lang`` means unknown.
3. Brand names (:data:`.text.BRAND_NAMES`), URLs, e-mail addresses and digits do not count; a
   group with fewer than :data:`.verdicts.MIN_LETTERS` letters left is not judged.
4. Short blocks (fewer than :data:`.grouping.SHORT_WORDS` words) are judged together
   (:mod:`.grouping`): consecutive short blocks are joined, never across a landmark (``header``,
   ``nav``, ``main``, ``article``, ``section``, ``aside``, ``footer``, ``form`` or a landmark
   ``role``) nor a change of declared language. A long run of them is cut along the page
   structure, so that each widget (the blocks under one element) is judged on all its strings at
   once (:func:`.grouping.split_run`). A group that is still short leans on its neighbour within
   its landmark (the next group, else the previous one). This is what keeps short UI words
   ("Comments", "Search", "Home") from raising false alarms while a widget whose strings are all
   in another language is still caught.
5. Each group is identified by py3langid (:class:`LanguageIdentifier`) restricted to the
   candidate languages (see :func:`candidate_locales`). A :class:`Finding` is reported when the
   detected language differs from the declared one with a confidence of at least
   :data:`THRESHOLD` (a group still shorter than :data:`.grouping.SHORT_WORDS` words needs
   :data:`SHORT_THRESHOLD`). Consecutive mismatches with the same verdict within one landmark (or
   nested ones) are reported once, located at the element that holds them all (:mod:`.verdicts`).

Element paths (``where``) are written ``html>body>main>section.comments>h2``: the tag, then
``#id`` or else the first class. They are CSS selectors too.

For pages built by l10n_tool a *manifest* may say which locale each element's text came from;
those elements get an exact verdict (confidence 1.0) and are not guessed at (:mod:`.manifest`).
Files and directories are audited by :func:`audit_paths`; :mod:`.report` holds the results.
"""
from l10n_tool.audit.identify import (
    DEFAULT_CANDIDATES,
    LanguageIdentifier,
    candidate_locales,
    normalize_locale,
)
from l10n_tool.audit.paths import audit_paths
from l10n_tool.audit.report import AuditReport, Finding, PageAudit, format_audit_text
from l10n_tool.audit.verdicts import SHORT_THRESHOLD, THRESHOLD, audit_html

__all__ = [
    "Finding",
    "PageAudit",
    "AuditReport",
    "audit_paths",
    "audit_html",
    "candidate_locales",
    "format_audit_text",
    "normalize_locale",
    "LanguageIdentifier",
    "THRESHOLD",
    "SHORT_THRESHOLD",
    "DEFAULT_CANDIDATES",
]
