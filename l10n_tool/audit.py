"""Language check of built HTML pages: is each part of a page in the language it declares?

How a page is judged:

1. The page is parsed with selectolax (lexbor). Text inside ``script``, ``style``,
   ``noscript``, ``template``, ``svg``, ``math``, ``iframe`` and ``object`` is skipped, and so is
   everything under an element that is hidden (``hidden`` attribute, ``aria-hidden="true"``,
   ``inert``, an inline ``display:none``/``visibility:hidden`` style, ``<input type=hidden>``).
2. Visible text is cut into *blocks*: every element that is not inline (``p``, ``h1``-``h6``,
   ``li``, ``td``, ``button``, ``label``, ``div`` ...) starts a new block, and so does every element
   carrying a ``lang`` attribute. Placeholders and button values of form fields count as text.
   The declared language of a block is the nearest ``lang`` up the tree, reduced to its primary
   subtag (``nl-BE`` -> ``nl``).
3. Brand names (:data:`BRAND_NAMES`), URLs, e-mail addresses and digits are removed; a block with
   fewer than :data:`MIN_LETTERS` letters left is not judged.
4. Short blocks (fewer than :data:`SHORT_WORDS` words) are judged together: consecutive short
   blocks are joined into one group, and a short group that is still short attaches to its
   neighbouring group (the next one, else the previous one). Groups never cross a landmark
   (``header``, ``nav``, ``main``, ``article``, ``section``, ``aside``, ``footer``, ``form``, or an
   element with a landmark ``role``) nor a change of declared language. This is what keeps short
   UI words ("Comments", "Search", "Home") from raising false alarms, while a widget whose
   strings are all in another language is still judged on all its words at once.
5. Each group is identified by py3langid restricted to the candidate languages (see
   :func:`candidate_locales`). A :class:`Finding` is reported when the detected language differs
   from the declared one with a confidence of at least :data:`THRESHOLD` (groups shorter than
   :data:`SHORT_WORDS` words need :data:`SHORT_THRESHOLD`).

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
#: probabilities over the candidate set only. On our test pages (tests/data/audit) every true
#: mismatch scored >= 0.99 and the highest wrong guess on a correct page scored below 0.9.
THRESHOLD = 0.9
#: Groups that are still short after joining (a lone heading, a one-word page) need more.
SHORT_THRESHOLD = 0.99
#: A block with fewer words than this is "short" and judged together with its neighbours.
SHORT_WORDS = 4
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
LANDMARK_TAGS = frozenset({"header", "nav", "main", "article", "section", "aside", "footer", "form"})
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
    path: tuple[str, ...]  # element path steps
    lang: str  # normalised declared language
    scope: int  # id of the nearest landmark
    landmark: tuple[str, ...]  # element path of that landmark
    parts: list[str] = field(default_factory=list)

    @property
    def raw_text(self) -> str:
        return _SPACE_RE.sub(" ", " ".join(self.parts)).strip()


def _step(node) -> str:
    attrs = node.attributes
    step = node.tag
    node_id = (attrs.get("id") or "").strip()
    if node_id:
        return f"{step}#{node_id.split()[0]}"
    classes = (attrs.get("class") or "").split()
    if classes:
        step += "." + classes[0]
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


def _collect_blocks(tree: LexborHTMLParser) -> tuple[str, list[_Block], set[str]]:
    """Walk the document; return (html lang, blocks in document order, languages declared)."""
    root = tree.root
    if root is None:
        return "", [], set()
    html_lang = (root.attributes.get("lang") or "").strip() if root.tag == "html" else ""
    declared: set[str] = set()
    blocks: list[_Block] = []
    current: list[_Block | None] = [None]

    def flush() -> None:
        current[0] = None

    def add_text(text: str, path: tuple[str, ...], lang: str, scope: tuple) -> None:
        if not text or not text.strip():
            return
        block = current[0]
        if block is None:
            block = _Block(path=path, lang=lang, scope=scope[0], landmark=scope[1])
            blocks.append(block)
            current[0] = block
        block.parts.append(text)

    scope_counter = [0]
    root_lang = normalize_locale(html_lang)
    if root_lang:
        declared.add(root_lang)
    # iterative walk over (node, parent path, path that owns its text, lang, landmark id);
    # None is a marker that closes the block when a block-level element ends
    stack: list = [(root, (), (), root_lang, (0, ()))]
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
        path = parent_path + (_step(node),)
        has_lang = "lang" in attrs
        if has_lang:
            lang = normalize_locale(attrs.get("lang"))
            if lang:
                declared.add(lang)
        role = (attrs.get("role") or "").strip().lower()
        if tag in LANDMARK_TAGS or role in LANDMARK_ROLES:
            scope_counter[0] += 1
            scope = (scope_counter[0], path)
        if tag not in INLINE_TAGS or has_lang or role in WIDGET_ROLES:
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
    return sum(1 for ch in text if ch.isalpha())


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
        return _clean(self.raw_text)

    @property
    def words(self) -> int:
        return _words(self.clean_text)

    @property
    def where(self) -> str:
        paths = [b.path for b in self.blocks]
        common: list[str] = []
        for steps in zip(*paths):
            if all(s == steps[0] for s in steps):
                common.append(steps[0])
            else:
                break
        return ">".join(common)


def _nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when landmark path ``a`` equals ``b`` or one encloses the other."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _group_blocks(blocks: list[_Block]) -> list[_Group]:
    """Join short blocks with their neighbours inside one landmark and one declared language."""
    judged = [b for b in blocks if _letters(_clean(b.raw_text)) > 0]
    groups: list[_Group] = []
    for block in judged:
        short = _words(_clean(block.raw_text)) < SHORT_WORDS
        last = groups[-1] if groups else None
        if (
            short
            and last is not None
            and last.scope == block.scope
            and last.lang == block.lang
            and all(_words(_clean(b.raw_text)) < SHORT_WORDS for b in last.blocks)
        ):
            last.blocks.append(block)
        else:
            groups.append(_Group([block]))
    # a group that is still short leans on a neighbour in the same landmark and language
    merged = True
    while merged:
        merged = False
        for i, group in enumerate(groups):
            if group.words >= SHORT_WORDS:
                continue
            for j in (i + 1, i - 1):
                if 0 <= j < len(groups):
                    other = groups[j]
                    if other.scope == group.scope and other.lang == group.lang:
                        first, second = (group, other) if j > i else (other, group)
                        groups[min(i, j)] = _Group(first.blocks + second.blocks)
                        del groups[max(i, j)]
                        merged = True
                        break
            if merged:
                break
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
            # most specific path first, so a nested entry wins over its container
            out.sort(key=lambda e: -e[0].count(">"))
            return out
    return []


def _match_entry(path: str, entries: list[tuple[str, str]]) -> tuple[str, str] | None:
    for where, locale in entries:
        if path == where or path.startswith(where + ">"):
            return where, locale
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
) -> PageAudit:
    """Audit one page given as text. ``manifest_entries``: [{"where", "locale"}, ...]."""
    tree = LexborHTMLParser(html)
    html_lang, blocks, declared = _collect_blocks(tree)
    entries = _manifest_entries({path: manifest_entries} if manifest_entries else None, [path])
    candidates = candidate_locales(languages, sorted(declared))
    findings: list[Finding] = []

    # exact verdicts from the manifest
    guessed: list[_Block] = []
    exact: dict[tuple[str, str, str], list[_Block]] = {}
    for block in blocks:
        match = _match_entry(">".join(block.path), entries) if entries else None
        if match is None:
            guessed.append(block)
        else:
            exact.setdefault((match[0], normalize_locale(match[1]), block.lang), []).append(block)
    for (where, source, lang), matched in exact.items():
        if lang and source != lang:
            text = " ".join(b.raw_text for b in matched)
            findings.append(Finding(_excerpt(text), lang, source, 1.0, where))

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
        threshold = THRESHOLD if _words(text) >= SHORT_WORDS else SHORT_THRESHOLD
        if detected == group.lang or confidence < threshold:
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
        findings.append(
            Finding(_excerpt(group.raw_text), group.lang, detected, confidence, group.where)
        )
    return PageAudit(
        path=path,
        declared=html_lang,
        findings=tuple(findings),
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
) -> AuditReport:
    """Audit HTML files, and directories searched recursively for ``*.html``.

    ``languages``: the candidate languages (the project's locales); the page's own declared
    languages are always added. ``manifest``: page path -> [{"where": element path, "locale":
    locale the text came from}]; a page is looked up by its path as given, its resolved path,
    and its path relative to the directory it was found under (``en/about/index.html``).
    """
    if languages is not None:
        known = supported_locales()
        unknown = [code for code in languages if normalize_locale(code) not in known]
        if unknown:
            raise L10nError(
                "unknown language code(s) for the audit: " + ", ".join(sorted(set(unknown)))
            )
    pages = []
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
            )
        )
    return AuditReport(tuple(pages))


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
            lines.append(f"  {f.where}: {f.declared} -> {f.detected} (confidence {f.confidence:.2f})")
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


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
