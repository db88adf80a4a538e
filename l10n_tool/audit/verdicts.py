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
    other's or encloses it. A short group the identifier leans to a mismatch's language for,
    but too short to be sure of ("Opmerkingen" alone above three Dutch lines), belongs to the
    mismatch right below it. Groups without any declared language are judged among themselves:
    a page that declares none and holds two languages has a mismatch in the lesser one."""
    verdicts: list[list] = []  # [group, detected, confidence, state]: state ok, mismatch or unsure
    undeclared: list[list] = []
    for group in groups:
        if group.lang and group.lang not in candidates:
            continue  # a language the model does not know: nothing to compare
        text = group.clean_text
        if count_letters(text) < MIN_LETTERS:
            continue
        detected, confidence = identifier.classify(text, candidates)
        needed = threshold if count_words(text) >= SHORT_WORDS else max(threshold, SHORT_THRESHOLD)
        if not group.lang:
            if confidence >= needed:
                undeclared.append([group, detected, confidence, "ok"])
            continue
        if detected == group.lang:
            state = "ok"
        elif confidence >= needed:
            state = "mismatch"
        else:
            state = "unsure" if count_words(text) < SHORT_WORDS else "ok"
        verdicts.append([group, detected, confidence, state])
    _join_unsure(verdicts)
    runs = _runs(verdicts)
    runs.extend(_two_languages(undeclared))
    return runs, len(verdicts) + len(undeclared)


def _join_unsure(verdicts: list[list]) -> None:
    """An unsure short group directly above a mismatch in the language it leans to (a widget's
    heading above its lines) is that mismatch's."""
    for verdict, below in zip(verdicts, verdicts[1:]):
        group, detected, _, state = verdict
        near, near_detected, near_confidence, near_state = below
        if (state == "unsure" and near_state == "mismatch" and near_detected == detected
                and near.lang == group.lang and _together(group, near)):
            verdict[2], verdict[3] = near_confidence, "joined"


def _runs(verdicts: list[list]) -> list[_Mismatch]:
    """Consecutive mismatches of one widget merged into one."""
    runs: list[_Mismatch] = []
    previous_ok = True
    for group, detected, confidence, state in verdicts:
        if state not in ("mismatch", "joined"):
            previous_ok = True
            continue
        if not previous_ok and runs and _continues(runs[-1], group, detected):
            last, _, last_confidence = runs[-1]
            runs[-1] = (Group(last.blocks + group.blocks), detected, min(last_confidence, confidence))
            continue
        runs.append((group, detected, confidence))
        previous_ok = False
    return runs


def _two_languages(undeclared: list[list]) -> list[_Mismatch]:
    """The groups of a language other than the one most words are in, among groups without
    a declared language (confidently identified ones only)."""
    words: dict[str, int] = {}
    for group, detected, _, _ in undeclared:
        words[detected] = words.get(detected, 0) + group.words
    if len(words) < 2:
        return []
    main = max(sorted(words), key=lambda code: words[code])
    return _runs([[group, detected, confidence, "ok" if detected == main else "mismatch"]
                  for group, detected, confidence, _ in undeclared])


def _continues(run: _Mismatch, group: Group, detected: str) -> bool:
    """Does ``group``, found to be in ``detected``, continue the mismatch ``run``?"""
    last, last_detected, _ = run
    return (
        last.lang == group.lang
        and last_detected == detected
        and _together(last, group)
    )


def _together(first: Group, second: Group) -> bool:
    """Do two neighbouring groups belong to one part of the page: one's landmark is the
    other's or encloses it, or, where there are no landmarks, their blocks are siblings."""
    a, b = first.blocks[-1], second.blocks[0]
    if a.landmark or b.landmark:
        return nested(a.landmark, b.landmark)
    return a.ids[:-1] == b.ids[:-1]
