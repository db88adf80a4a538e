"""Judging one page: exact verdicts where a manifest or the build's UI strings say where the text
came from, guessed ones from the identifier for every other group of blocks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from selectolax.lexbor import LexborHTMLParser

from l10n_tool.audit.grouping import SHORT_WORDS, Group, group_blocks, nested
from l10n_tool.audit.identify import (
    LanguageIdentifier,
    candidate_locales,
    default_identifier,
    normalize_locale,
)
from l10n_tool.audit.manifest import manifest_entries, match_entry, resolve_manifest
from l10n_tool.audit.report import Finding, PageAudit
from l10n_tool.audit.text import count_letters, count_words, excerpt
from l10n_tool.audit.walk import Block, collect_blocks

#: Minimum confidence for a mismatch to be reported. py3langid with ``norm_probs=True`` gives
#: probabilities over the candidate set only. Measured on tests/data/audit with candidate sets
#: of 2 to 5 languages: every planted mismatch scored >= 0.998, while the most confident wrong
#: guess on a correct page was 0.79 (a byline, "By Dr. Maren Holt · 2 March 2026 · 6 min read",
#: read as Dutch among en/nl). On 1,800 random same-language widgets built from 125 common UI
#: strings (en, nl, de) the highest wrong guess was 0.88 (a one-string widget).
THRESHOLD = 0.9
#: Groups that are still short after joining (a lone heading, a one-word page) need more.
SHORT_THRESHOLD = 0.99
#: A group with fewer letters than this (after brand names, digits and URLs are removed) is not
#: judged at all.
MIN_LETTERS = 4

# blocks whose source is known, keyed by (element path, source locale, declared locale)
_Exact = dict[tuple[str, str, str], list[Block]]
# a guessed mismatch: (group, detected language, confidence)
_Mismatch = tuple[Group, str, float]


def audit_html(
    html: str | bytes,
    path: str = "<page>",
    *,
    languages: Sequence[str] | None = None,
    manifest_entries: Sequence[Mapping] | None = None,
    threshold: float | None = None,
    known_texts: Mapping[str, str] | None = None,
    identifier: LanguageIdentifier | None = None,
) -> PageAudit:
    """Audit one page given as text. ``manifest_entries``: [{"where", "locale"}, ...] for this
    page; ``threshold``: minimum confidence of a guessed mismatch (default :data:`THRESHOLD`;
    groups shorter than :data:`SHORT_WORDS` words need at least :data:`SHORT_THRESHOLD`);
    ``known_texts``: text -> locale it came from (a build's catalog strings): a block whose whole
    text is one of them is judged exactly, not guessed; ``identifier``: the one to use (default:
    :func:`default_identifier`)."""
    identifier = identifier or default_identifier()
    tree = LexborHTMLParser(html)
    resolved = _resolve_entries(tree, manifest_entries, path)
    html_lang, blocks, declared = collect_blocks(tree, frozenset(resolved))
    candidates = candidate_locales(languages, sorted(declared), identifier)
    order = {id(block): i for i, block in enumerate(blocks)}

    guessed, exact = _sort_blocks(blocks, resolved, known_texts)
    findings = [(order[id(matched[0])], finding) for matched, finding in _exact_findings(exact)]
    mismatches, judged = _guess_mismatches(
        group_blocks(guessed), candidates, THRESHOLD if threshold is None else threshold, identifier
    )
    for group, detected, confidence in mismatches:
        finding = Finding(excerpt(group.raw_text), group.lang, detected, confidence, group.where)
        findings.append((order[id(group.blocks[0])], finding))
    findings.sort(key=lambda item: item[0])
    return PageAudit(
        path=path,
        declared=html_lang,
        findings=tuple(finding for _, finding in findings),
        candidates=candidates,
        groups=judged + len(exact),
    )


def _resolve_entries(
    tree: LexborHTMLParser, entries: Sequence[Mapping] | None, path: str
) -> dict[int, tuple[str, str]]:
    """Element id -> (where, locale) for the page's manifest entries."""
    pairs = manifest_entries({path: entries} if entries else None, [path])
    return resolve_manifest(tree, pairs, path) if pairs else {}


def _sort_blocks(
    blocks: list[Block],
    resolved: dict[int, tuple[str, str]],
    known_texts: Mapping[str, str] | None,
) -> tuple[list[Block], _Exact]:
    """Blocks to guess at, and blocks whose source locale the manifest or the build knows."""
    guessed: list[Block] = []
    exact: _Exact = {}
    for block in blocks:
        match = match_entry(block, resolved) if resolved else None
        if match is None and known_texts:
            source = known_texts.get(block.raw_text)
            match = (">".join(block.path), source) if source else None
        if match is None:
            guessed.append(block)
        else:
            exact.setdefault((match[0], normalize_locale(match[1]), block.lang), []).append(block)
    return guessed, exact


def _exact_findings(exact: _Exact) -> list[tuple[list[Block], Finding]]:
    """A finding (confidence 1.0) for each element whose source differs from its declared lang."""
    found = []
    for (where, source, lang), matched in exact.items():
        if lang and source != lang:
            text = " ".join(b.raw_text for b in matched)
            found.append((matched, Finding(excerpt(text), lang, source, 1.0, where)))
    return found


def _guess_mismatches(
    groups: list[Group],
    candidates: tuple[str, ...],
    threshold: float,
    identifier: LanguageIdentifier,
) -> tuple[list[_Mismatch], int]:
    """(mismatched groups, how many groups were judged). Mismatches in one widget are reported
    once: consecutive mismatched groups with the same verdict merge when one's landmark is the
    other's or encloses it."""
    runs: list[_Mismatch] = []
    judged = 0
    previous_ok = True
    for group in groups:
        if not group.lang or group.lang not in candidates:
            continue  # no declared language, or one the model does not know: nothing to compare
        text = group.clean_text
        if count_letters(text) < MIN_LETTERS:
            continue
        judged += 1
        detected, confidence = identifier.classify(text, candidates)
        needed = threshold if count_words(text) >= SHORT_WORDS else max(threshold, SHORT_THRESHOLD)
        if detected == group.lang or confidence < needed:
            previous_ok = True
            continue
        if not previous_ok and runs and _continues(runs[-1], group, detected):
            last, _, last_confidence = runs[-1]
            merged = Group(last.blocks + group.blocks)
            runs[-1] = (merged, detected, min(last_confidence, confidence))
            continue
        runs.append((group, detected, confidence))
        previous_ok = False
    return runs, judged


def _continues(run: _Mismatch, group: Group, detected: str) -> bool:
    """Does ``group``, found to be in ``detected``, continue the mismatch ``run``?"""
    last, last_detected, _ = run
    return (
        last.lang == group.lang
        and last_detected == detected
        and nested(last.blocks[-1].landmark, group.blocks[0].landmark)
    )
