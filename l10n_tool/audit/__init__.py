"""Language check of built HTML pages: is each part of a page in the language it declares?

How a page is judged:

1. The page is parsed with selectolax (lexbor). Text inside ``head``, ``script``, ``style``,
   ``noscript``, ``template``, ``svg``, ``math``, ``iframe``, ``object`` and media elements is
   skipped, and so is everything under a hidden element (``hidden`` or ``inert`` attribute,
   ``aria-hidden="true"``, an inline ``display:none``/``visibility:hidden`` style,
   ``<input type=hidden>``).
2. Visible text is cut into *blocks*: every element that is not inline (``p``, ``h1``-``h6``,
   ``li``, ``td``, ``button``, ``label``, ``div`` ...) starts a new block, and so does every element
   carrying a ``lang`` attribute or a widget ``role``. Placeholders and button values of form
   fields count as text. The declared language of a block is the nearest ``lang`` up the tree,
   reduced to its primary subtag (``nl-BE`` -> ``nl``); an empty ``lang`` means unknown.
3. Brand names (:data:`BRAND_NAMES`), URLs, e-mail addresses and digits do not count; a group
   with fewer than :data:`MIN_LETTERS` letters left is not judged.
4. Short blocks (fewer than :data:`SHORT_WORDS` words) are judged together: consecutive short
   blocks are joined, never across a landmark (``header``, ``nav``, ``main``, ``article``,
   ``section``, ``aside``, ``footer``, ``form`` or a landmark ``role``) nor a change of declared
   language. A long run of them is cut along the page structure, so that each widget (the
   blocks under one element) is judged on all its strings at once (:func:`_split_run`). A group
   that is still short leans on its neighbour within its landmark (the next group, else the
   previous one). This is what keeps short UI words ("Comments", "Search", "Home") from raising
   false alarms while a widget whose strings are all in another language is still caught.
5. Each group is identified by py3langid restricted to the candidate languages (see
   :func:`candidate_locales`). A :class:`Finding` is reported when the detected language differs
   from the declared one with a confidence of at least :data:`THRESHOLD` (a group still shorter
   than :data:`SHORT_WORDS` words needs :data:`SHORT_THRESHOLD`). Consecutive mismatches with the
   same verdict within one landmark (or nested ones) are reported once, located at the element
   that holds them all.

Element paths (``where``) are written ``html>body>main>section.comments>h2``: the tag, then
``#id`` or else the first class. They are CSS selectors too.

For pages built by l10n_tool a *manifest* may say which locale each element's text came from;
those elements get an exact verdict (confidence 1.0) and are not guessed at.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from l10n_tool.errors import L10nError

__all__ = [
    "Finding",
    "PageAudit",
    "AuditReport",
    "audit_paths",
    "audit_html",
    "candidate_locales",
    "format_audit_text",
    "normalize_locale",
    "THRESHOLD",
    "SHORT_THRESHOLD",
    "DEFAULT_CANDIDATES",
]

# --- tuning -----------------------------------------------------------------------------------

#: Minimum confidence for a mismatch to be reported. py3langid with ``norm_probs=True`` gives
#: probabilities over the candidate set only. Measured on tests/data/audit with candidate sets
#: of 2 to 5 languages: every planted mismatch scored >= 0.998, while the most confident wrong
#: guess on a correct page was 0.79 (a byline, "By Dr. Maren Holt · 2 March 2026 · 6 min read",
#: read as Dutch among en/nl). On 1,800 random same-language widgets built from 125 common UI
#: strings (en, nl, de) the highest wrong guess was 0.88 (a one-string widget).
THRESHOLD = 0.9
#: Groups that are still short after joining (a lone heading, a one-word page) need more.
SHORT_THRESHOLD = 0.99
#: A block with fewer words than this is "short" and judged together with its neighbours.
SHORT_WORDS = 4
#: A long run of short blocks is cut along the page structure into parts of at least this many
#: words (a widget's strings stay together; see :func:`_split_run`).
WIDGET_WORDS = 6
#: A group with fewer letters than this (after brand names, digits and URLs are removed) is not
#: judged at all.
MIN_LETTERS = 4
#: Candidates used when neither ``languages`` nor the page give at least two (an audit with one
#: candidate can never find anything). Kept small on purpose: every extra language is another
#: way for a short English word to look foreign ("Comments" reads as French).
DEFAULT_CANDIDATES = ("en", "nl", "de", "fr", "es")

#: Brand and product names that are the same in every language and only confuse the detector.
BRAND_NAMES = (
    "Instagram", "Facebook", "YouTube", "WhatsApp", "LinkedIn", "Twitter", "TikTok", "Pinterest",
    "Mastodon", "Bluesky", "Threads", "Reddit", "GitHub", "GitLab", "Telegram", "Signal",
    "Snapchat", "Vimeo", "Spotify", "Google", "Apple", "Microsoft", "RSS",
)

# --- HTML vocabulary -------------------------------------------------------------------------

SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "head", "-comment", "!doctype",
})
INLINE_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "dfn", "em", "font", "i", "img",
    "ins", "del", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "wbr", "picture", "source", "tt", "big", "nobr",
})
LANDMARK_TAGS = frozenset(
    {"header", "nav", "main", "article", "section", "aside", "footer", "form", "dialog"}
)
LANDMARK_ROLES = frozenset({
    "banner", "navigation", "main", "article", "region", "complementary", "contentinfo", "form",
    "search", "dialog", "alertdialog",
})
WIDGET_ROLES = frozenset({"button", "link", "tab", "menuitem", "option", "checkbox", "switch"})
BUTTON_INPUT_TYPES = frozenset({"submit", "button", "reset"})

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_URL_RE = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_BRAND_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(b) for b in BRAND_NAMES) + r")(?!\w)", re.IGNORECASE
)
# "X" (formerly Twitter) only as a word on its own, case-sensitive
_X_RE = re.compile(r"(?<!\w)X(?!\w)")
_SPACE_RE = re.compile(r"\s+")


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A part of a page whose language differs from the one it declares."""

    text: str
    declared: str
    detected: str
    confidence: float
    where: str  # element path, e.g. "html>body>main>section.comments>h2"

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "declared": self.declared,
            "detected": self.detected,
            "confidence": round(self.confidence, 4),
            "where": self.where,
        }


@dataclass(frozen=True)
class PageAudit:
    """The findings of one page. ``declared`` is the page's ``<html lang>`` as written ("" if
    absent); the findings use primary language subtags ("nl" for "nl-BE")."""

    path: str
    declared: str
    findings: tuple[Finding, ...]
    candidates: tuple[str, ...] = field(default=(), compare=False)
    groups: int = field(default=0, compare=False)  # how many groups were judged

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "declared": self.declared,
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class AuditReport:
    pages: tuple[PageAudit, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for page in self.pages for f in page.findings)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict:
        return {"pages": [page.to_dict() for page in self.pages]}


# --- language identifier ----------------------------------------------------------------------

_identifier = None
_identifier_languages: tuple[str, ...] | None = None
_identifier_lock = threading.Lock()


def _get_identifier():
    """The py3langid identifier, loaded once (loading takes about half a second)."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def supported_locales() -> frozenset[str]:
    """Language codes the model knows."""
    ident = _get_identifier()
    return frozenset(ident._full_model[2])


def _classify(text: str, candidates: tuple[str, ...]) -> tuple[str, float]:
    global _identifier_languages
    with _identifier_lock:
        ident = _get_identifier()
        if _identifier_languages != candidates:
            ident.set_languages(list(candidates))
            _identifier_languages = candidates
        detected, confidence = ident.classify(text)
    return str(detected), float(confidence)


def normalize_locale(code: str | None) -> str:
    """Primary language subtag, lower case: "nl-BE" -> "nl", "pt_BR" -> "pt", "" -> ""."""
    if not code:
        return ""
    return re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()


def candidate_locales(
    languages: Sequence[str] | None, declared: Iterable[str]
) -> tuple[str, ...]:
    """The languages a page's text is identified among.

    ``languages`` (the project's locales, or ``--languages``) plus every language the page
    declares; the page's own must be there or text declared in it could never match. When that
    leaves fewer than two, :data:`DEFAULT_CANDIDATES` are added, because with one candidate
    every guess agrees with it and the audit could never find anything. Codes the model does not
    know are dropped.
    """
    known = supported_locales()
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


# --- reading a page ---------------------------------------------------------------------------


@dataclass
class _Block:
    path: tuple[str, ...]  # element path steps, e.g. ("html", "body", "main", "p")
    ids: tuple[int, ...]  # identity of each element on the path (sibling <li>s differ)
    lang: str  # normalised declared language
    scope: int  # identity of the nearest landmark (0: none)
    landmark: tuple[str, ...]  # element path of that landmark
    parts: list[str] = field(default_factory=list)
    alone: bool = False  # judged on its own: does not lean on a neighbouring group
    _text: str | None = None
    _words: int | None = None

    @property
    def raw_text(self) -> str:
        return _SPACE_RE.sub(" ", " ".join(self.parts)).strip()

    @property
    def clean_text(self) -> str:
        if self._text is None:
            self._text = _clean(self.raw_text)
        return self._text

    @property
    def words(self) -> int:
        if self._words is None:
            self._words = _words(self.clean_text)
        return self._words


_IDENT_RE = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*\Z")


def _step(node) -> str:
    """One step of an element path: tag, then ``#id`` or else the first class. Only names that
    are plain CSS identifiers are used, so an element path is also a CSS selector."""
    attrs = node.attributes
    step = node.tag
    node_id = (attrs.get("id") or "").strip()
    if node_id and _IDENT_RE.match(node_id):
        return f"{step}#{node_id}"
    for name in (attrs.get("class") or "").split():
        if _IDENT_RE.match(name):
            return f"{step}.{name}"
    return step


def _is_hidden(node) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or "inert" in attrs:
        return True
    if (attrs.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if node.tag == "input" and (attrs.get("type") or "").strip().lower() == "hidden":
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _field_text(node) -> str:
    """Visible text carried in attributes of form fields."""
    attrs = node.attributes
    parts = []
    if node.tag in ("input", "textarea"):
        if attrs.get("placeholder"):
            parts.append(attrs["placeholder"])
        if node.tag == "input" and (attrs.get("type") or "").lower() in BUTTON_INPUT_TYPES:
            if attrs.get("value"):
                parts.append(attrs["value"])
    return " ".join(p for p in parts if p)


def _collect_blocks(
    tree: LexborHTMLParser, boundaries: frozenset[int] = frozenset()
) -> tuple[str, list[_Block], set[str]]:
    """Walk the document; return (html lang, blocks in document order, languages declared).
    ``boundaries``: ids of elements that start a block of their own even when inline."""
    root = tree.root
    if root is None:
        return "", [], set()
    html_lang = (root.attributes.get("lang") or "").strip() if root.tag == "html" else ""
    declared: set[str] = set()
    blocks: list[_Block] = []
    current: list[_Block | None] = [None]

    def flush() -> None:
        current[0] = None

    def add_text(text: str, owner: tuple, lang: str, scope: tuple) -> None:
        if not text or not text.strip():
            return
        block = current[0]
        if block is None:
            block = _Block(
                path=owner[0], ids=owner[1], lang=lang, scope=scope[0], landmark=scope[1]
            )
            blocks.append(block)
            current[0] = block
        block.parts.append(text)

    root_lang = normalize_locale(html_lang)
    if root_lang:
        declared.add(root_lang)
    # iterative walk over (node, parent path, path that owns its text, lang, landmark id);
    # None is a marker that closes the block when a block-level element ends
    stack: list = [(root, ((), ()), ((), ()), root_lang, (0, ()))]
    while stack:
        item = stack.pop()
        if item is None:
            flush()
            continue
        node, parent_path, text_owner, lang, scope = item
        tag = node.tag
        if tag == "-text":
            add_text(node.text_content or "", text_owner, lang, scope)
            continue
        if not tag or tag in SKIP_TAGS or tag.startswith("-") or _is_hidden(node):
            continue
        attrs = node.attributes
        node_id = node.mem_id
        path = (parent_path[0] + (_step(node),), parent_path[1] + (node_id,))
        has_lang = "lang" in attrs
        if has_lang:
            lang = normalize_locale(attrs.get("lang"))
            if lang:
                declared.add(lang)
        role = (attrs.get("role") or "").strip().lower()
        if tag in LANDMARK_TAGS or role in LANDMARK_ROLES:
            scope = (node_id, path[0])
        if tag not in INLINE_TAGS or has_lang or role in WIDGET_ROLES or node_id in boundaries:
            flush()
            stack.append(None)
            text_owner = path
        extra = _field_text(node)
        if extra:
            add_text(extra, path, lang, scope)
            flush()
        for child in reversed(list(node.iter(include_text=True))):
            stack.append((child, path, text_owner, lang, scope))
    return html_lang, blocks, declared


# --- grouping ---------------------------------------------------------------------------------


def _clean(text: str) -> str:
    text = _URL_RE.sub(" ", text)
    text = _BRAND_RE.sub(" ", text)
    text = _X_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", text).strip()


def _words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


@dataclass
class _Group:
    blocks: list[_Block]

    @property
    def lang(self) -> str:
        return self.blocks[0].lang

    @property
    def scope(self) -> int:
        return self.blocks[0].scope

    @property
    def raw_text(self) -> str:
        return " ".join(b.raw_text for b in self.blocks)

    @property
    def clean_text(self) -> str:
        return " ".join(b.clean_text for b in self.blocks if b.clean_text)

    @property
    def words(self) -> int:
        return sum(b.words for b in self.blocks)

    @property
    def where(self) -> str:
        """Path of the innermost element that holds every block of the group."""
        n = _common_depth(self.blocks)
        return ">".join(self.blocks[0].path[:n])


def _common_depth(blocks: Sequence[_Block]) -> int:
    first = blocks[0].ids
    n = len(first)
    for block in blocks[1:]:
        i = 0
        limit = min(n, len(block.ids))
        while i < limit and block.ids[i] == first[i]:
            i += 1
        n = i
    return n


def _nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when landmark path ``a`` equals ``b`` or one encloses the other."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _split_run(blocks: list[_Block]) -> list[list[_Block]]:
    """Cut a run of short blocks along the page structure, into parts of at least
    :data:`WIDGET_WORDS` words: blocks under one child of the run's common ancestor stay together
    (a widget), and a part too small to judge joins the part before it (or after it). A part
    that is one element's content is cut again the same way (it may hold smaller widgets)."""
    out: list[list[_Block]] = []
    todo = [blocks]  # a stack, so parts come out in document order
    while todo:
        run = todo.pop()
        parts = _split_once(run)
        if parts is None:
            out.append(run)
        else:
            todo.extend(reversed(parts))
    return out


def _split_once(blocks: list[_Block]) -> list[list[_Block]] | None:
    if len(blocks) < 2:
        return None
    depth = _common_depth(blocks)
    partitions: list[list[_Block]] = []
    last_key: object = object()
    for block in blocks:
        key = block.ids[depth] if len(block.ids) > depth else None
        if key is None or key != last_key:
            partitions.append([block])
        else:
            partitions[-1].append(block)
        last_key = key
    if len(partitions) == 1:
        return None
    parts: list[list[_Block]] = []
    pending: list[_Block] = []
    for partition in partitions:
        pending = pending + partition
        if sum(b.words for b in pending) >= WIDGET_WORDS:
            parts.append(pending)
            pending = []
    if pending:
        # a remainder too small for a widget of its own goes with the part before it, unless it
        # is so short that it would only blur where that part is (a copyright line after a
        # widget): then it stays on its own and does not lean on its neighbours either
        if parts and sum(b.words for b in pending) >= SHORT_WORDS:
            parts[-1] = parts[-1] + pending
        elif parts:
            for block in pending:
                block.alone = True
            parts.append(pending)
        else:
            parts.append(pending)
    return parts if len(parts) > 1 else None


def _group_blocks(blocks: list[_Block]) -> list[_Group]:
    """Join short blocks with their neighbours inside one landmark and one declared language."""
    groups: list[_Group] = []
    run_ok = False  # may the next short block join the last group?
    for block in blocks:
        if block.words == 0:
            continue
        short = block.words < SHORT_WORDS
        last = groups[-1] if groups else None
        if short and run_ok and last.scope == block.scope and last.lang == block.lang:
            last.blocks.append(block)
        else:
            groups.append(_Group([block]))
        run_ok = short
    # a long run of short blocks is cut along the page structure (one widget, one group)
    split: list[_Group] = []
    for group in groups:
        split.extend(_Group(part) for part in _split_run(group.blocks))
    groups = split
    # a group that is still short leans on a neighbour in the same landmark and language (a
    # page without landmarks gives no sign of what belongs together: there it stays alone)
    i = 0
    while i < len(groups):
        group = groups[i]
        if group.words >= SHORT_WORDS or group.blocks[0].alone or not group.scope:
            i += 1
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(groups):
                other = groups[j]
                if other.scope == group.scope and other.lang == group.lang:
                    lo, hi = min(i, j), max(i, j)
                    groups[lo : hi + 1] = [_Group(groups[lo].blocks + groups[hi].blocks)]
                    i = lo
                    break
        else:
            i += 1
    return groups


# --- manifest ---------------------------------------------------------------------------------


def _manifest_entries(manifest: Mapping | None, keys: Iterable[str]) -> list[tuple[str, str]]:
    """(where, locale) pairs the manifest records for a page, looked up under any of ``keys``."""
    if not manifest:
        return []
    for key in keys:
        entries = manifest.get(key)
        if entries is not None:
            out = []
            for entry in entries:
                where = str(entry.get("where", "")).strip()
                locale = str(entry.get("locale", "")).strip()
                if where and locale:
                    out.append((where, locale))
            return out
    return []


def _resolve_manifest(
    tree: LexborHTMLParser, entries: Sequence[tuple[str, str]], path: str
) -> dict[int, tuple[str, str]]:
    """Element id -> (where, locale) for every element a manifest entry names. ``where`` is an
    element path as this module writes them, which is also a CSS selector; any other CSS
    selector works too. A path that matches several elements applies to each."""
    resolved: dict[int, tuple[str, str]] = {}
    for where, locale in entries:
        try:
            nodes = tree.css(where)
        except Exception as exc:  # selectolax raises its own error for a bad selector
            raise L10nError(f"{path}: manifest: not an element path: {where!r}") from exc
        for node in nodes:
            resolved[node.mem_id] = (where, locale)
    return resolved


def _match_entry(block: _Block, resolved: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    """(element path, locale) of the innermost element around ``block`` the manifest names."""
    for depth in range(len(block.ids) - 1, -1, -1):
        entry = resolved.get(block.ids[depth])
        if entry is not None:
            return ">".join(block.path[: depth + 1]), entry[1]
    return None


# --- auditing ---------------------------------------------------------------------------------


def _excerpt(text: str, limit: int = 200) -> str:
    text = _SPACE_RE.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def audit_html(
    html: str | bytes,
    path: str = "<page>",
    *,
    languages: Sequence[str] | None = None,
    manifest_entries: Sequence[Mapping] | None = None,
    threshold: float | None = None,
    known_texts: Mapping[str, str] | None = None,
) -> PageAudit:
    """Audit one page given as text. ``manifest_entries``: [{"where", "locale"}, ...] for this
    page; ``threshold``: minimum confidence of a guessed mismatch (default :data:`THRESHOLD`;
    groups shorter than :data:`SHORT_WORDS` words need at least :data:`SHORT_THRESHOLD`);
    ``known_texts``: text -> locale it came from (a build's catalog strings): a block whose whole
    text is one of them is judged exactly, not guessed."""
    if threshold is None:
        threshold = THRESHOLD
    tree = LexborHTMLParser(html)
    entries = _manifest_entries({path: manifest_entries} if manifest_entries else None, [path])
    resolved = _resolve_manifest(tree, entries, path) if entries else {}
    html_lang, blocks, declared = _collect_blocks(tree, frozenset(resolved))
    candidates = candidate_locales(languages, sorted(declared))
    order = {id(block): i for i, block in enumerate(blocks)}
    findings: list[tuple[int, Finding]] = []  # (position of the first block, finding)

    # exact verdicts from the manifest
    guessed: list[_Block] = []
    exact: dict[tuple[str, str, str], list[_Block]] = {}
    for block in blocks:
        match = _match_entry(block, resolved) if resolved else None
        if match is None and known_texts:
            source = known_texts.get(_SPACE_RE.sub(" ", block.raw_text).strip())
            match = (">".join(block.path), source) if source else None
        if match is None:
            guessed.append(block)
        else:
            exact.setdefault((match[0], normalize_locale(match[1]), block.lang), []).append(block)
    for (where, source, lang), matched in exact.items():
        if lang and source != lang:
            text = " ".join(b.raw_text for b in matched)
            finding = Finding(_excerpt(text), lang, source, 1.0, where)
            findings.append((order[id(matched[0])], finding))

    groups = _group_blocks(guessed)
    judged = 0
    # mismatches in one widget are reported once: consecutive mismatched groups with the same
    # verdict merge when one's landmark is the other's or encloses it
    runs: list[tuple[_Group, str, float]] = []
    previous_ok = True
    for group in groups:
        if not group.lang or group.lang not in candidates:
            continue  # no declared language, or one the model does not know: nothing to compare
        text = group.clean_text
        if _letters(text) < MIN_LETTERS:
            continue
        judged += 1
        detected, confidence = _classify(text, candidates)
        needed = threshold if _words(text) >= SHORT_WORDS else max(threshold, SHORT_THRESHOLD)
        if detected == group.lang or confidence < needed:
            previous_ok = True
            continue
        if not previous_ok and runs:
            last, last_detected, last_confidence = runs[-1]
            if (
                last.lang == group.lang
                and last_detected == detected
                and _nested(last.blocks[-1].landmark, group.blocks[0].landmark)
            ):
                runs[-1] = (
                    _Group(last.blocks + group.blocks), detected, min(last_confidence, confidence)
                )
                continue
        runs.append((group, detected, confidence))
        previous_ok = False
    for group, detected, confidence in runs:
        finding = Finding(_excerpt(group.raw_text), group.lang, detected, confidence, group.where)
        findings.append((order[id(group.blocks[0])], finding))
    findings.sort(key=lambda item: item[0])
    return PageAudit(
        path=path,
        declared=html_lang,
        findings=tuple(finding for _, finding in findings),
        candidates=candidates,
        groups=judged + len(exact),
    )


def _html_files(paths: Sequence[Path]) -> list[tuple[Path, Path | None]]:
    """(file, directory it was found under or None) for every page, sorted, without repeats."""
    found: list[tuple[Path, Path | None]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            pages = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".html", ".htm")
            )
            if not pages:
                raise L10nError(f"{path}: no HTML pages found")
            for page in pages:
                key = page.resolve()
                if key not in seen:
                    seen.add(key)
                    found.append((page, path))
        elif path.is_file():
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                found.append((path, None))
        else:
            raise L10nError(f"{path}: no such file or directory")
    return found


def audit_paths(
    paths: Sequence[Path],
    *,
    languages: Sequence[str] | None = None,
    manifest: Mapping | None = None,
    threshold: float | None = None,
    use_build_manifest: bool = True,
) -> AuditReport:
    """Audit HTML files, and directories searched recursively for ``*.html`` (sorted).

    Pages built by l10n_tool are judged with what the build knows: the build manifest above
    them records, per locale, the UI strings it emitted and the language of each
    (*use_build_manifest*).

    ``languages``: the candidate languages (the project's locales); the page's own declared
    languages are always added, and codes the model does not know are left out.
    ``manifest``: page path -> [{"where": element path or CSS selector, "locale": locale the
    text came from}]; a page is looked up by its path as given, its resolved path, and its path
    relative to the directory it was found under (``en/about/index.html``).
    ``threshold``: see :func:`audit_html`. Raises :class:`L10nError` for a missing path, a
    directory without pages or a list of languages the model knows none of.
    """
    if languages:
        # a project locale the model does not know cannot be detected and is left out; only a
        # list with no usable code at all is an error
        known = supported_locales()
        if not any(normalize_locale(code) in known for code in languages):
            raise L10nError(
                "the audit knows none of these languages: " + ", ".join(map(str, languages))
            )
    pages = []
    build_texts = _BuildTexts() if use_build_manifest else None
    for file, base in _html_files(paths):
        keys = [str(file), file.as_posix(), str(file.resolve())]
        if base is not None:
            keys.append(file.relative_to(base).as_posix())
        entries = _manifest_entries(manifest, keys)
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise L10nError(f"{file}: cannot read: {exc.strerror or exc}") from exc
        html = data.decode("utf-8", errors="replace")
        pages.append(
            audit_html(
                html,
                str(file),
                languages=languages,
                manifest_entries=[{"where": w, "locale": loc} for w, loc in entries],
                threshold=threshold,
                known_texts=build_texts.for_page(file) if build_texts else None,
            )
        )
    return AuditReport(tuple(pages))


class _BuildTexts:
    """The UI strings an l10n_tool build emitted for a page's locale, from its manifest."""

    def __init__(self) -> None:
        self._manifests: dict[Path, dict | None] = {}

    def for_page(self, file: Path) -> Mapping[str, str] | None:
        from l10n_tool.build import MANIFEST, read_manifest

        for folder in file.resolve().parents:
            if folder not in self._manifests:
                self._manifests[folder] = read_manifest(folder) if (folder / MANIFEST).is_file() else None
            manifest = self._manifests[folder]
            if manifest:
                locale = file.resolve().relative_to(folder).parts[0]
                texts = manifest.get("ui_texts", {}).get(locale)
                return texts if isinstance(texts, dict) else None
        return None


# --- text report ------------------------------------------------------------------------------


def format_audit_text(report: AuditReport) -> str:
    """A report readable at a glance: a line per page, each finding indented below it with its
    element path, declared -> detected language, confidence and a quoted excerpt; a summary."""
    lines: list[str] = []
    for page in report.pages:
        head = f"{page.path} (lang={page.declared or '?'})"
        if not page.findings:
            lines.append(f"{head}: ok")
            continue
        lines.append(f"{head}: {_count(len(page.findings), 'mismatch', 'mismatches')}")
        for f in page.findings:
            lines.append(
                f"  {_short_where(f.where)}: {f.declared} -> {f.detected}"
                f" (confidence {f.confidence:.2f})"
            )
            lines.append(f"      \u201c{_excerpt(f.text, 100)}\u201d")
    total = len(report.findings)
    bad = sum(1 for page in report.pages if page.findings)
    summary = f"{_count(len(report.pages), 'page', 'pages')} audited: "
    if total:
        summary += f"{_count(total, 'mismatch', 'mismatches')} on {_count(bad, 'page', 'pages')}"
    else:
        summary += "no mismatches"
    lines.append(summary)
    return "\n".join(lines) + "\n"


def _short_where(where: str, limit: int = 80) -> str:
    """An element path shortened in the middle: "html>body>…>section.comments>h2"."""
    if len(where) <= limit:
        return where
    steps = where.split(">")
    head, tail = steps[:2], []
    for step in reversed(steps[2:]):
        if len(">".join(head + ["\u2026", step] + tail)) > limit and tail:
            break
        tail.insert(0, step)
    return ">".join(head + ["\u2026"] + tail)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
