"""Extraction: UI strings from templates and article text into the two POT templates."""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from l10n_tool import __version__, po
from l10n_tool.config import Project
from l10n_tool.extract.markdown import Article, parse_article
from l10n_tool.extract.templates import extract_template, template_files
from l10n_tool.files import write_atomic
from l10n_tool.markup import count_words
from l10n_tool.model import Page, Segment

CACHE_DIR = ".l10n-cache"

Progress = Callable[[str], None]


@dataclass
class ExtractResult:
    """What extraction produced: per domain, the template path and whether it changed."""

    changed: dict[str, bool] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def article_paths(project: Project) -> list[Path]:
    """Every Markdown article of the project, sorted."""
    return sorted(project.content_dir.rglob("*.md")) if project.content_dir.is_dir() else []


def article_slug(project: Project, path: Path) -> str:
    """``content/posts/x.md`` -> ``posts/x``: the page's identity in URLs and reports."""
    relative = path.relative_to(project.content_dir).with_suffix("")
    return f"{project.content_dir.name}/{relative.as_posix()}"


Key = tuple  # (msgctxt or None, msgid): a message's identity in a catalog


@dataclass(frozen=True)
class ArticleSource:
    """An article as extraction, status and build see it, without its Markdown tokens.

    Summaries are cached by content hash, so an unchanged article is never parsed again;
    ``parse()`` gives the full Article when a page must be rendered.
    """

    page: Page
    front_matter: dict[str, Segment]
    digest: str
    file: Path
    words: tuple[int, ...] = ()  # source words of each segment, counted once

    @property
    def slug(self) -> str:
        return self.page.slug

    @property
    def path(self) -> str:
        """Project-relative POSIX path, as in references."""
        return self.page.path

    @property
    def meta(self) -> dict:
        return self.page.meta

    @property
    def keys(self) -> tuple[Key, ...]:
        """Every message of the article, in order."""
        return tuple(segment.key for segment in self.page.segments)

    @property
    def field_keys(self) -> dict[str, Key]:
        """Translatable front matter field -> its message key."""
        return {name: segment.key for name, segment in self.front_matter.items()}

    def weighted_keys(self) -> list[tuple[Key, int]]:
        """Each message's key with its source word count, for status percentages."""
        return list(zip(self.keys, self.words))

    def parse(self, project: Project) -> Article:
        return parse_article(self.file, rel_path=self.path, slug=self.slug,
                             front_matter_keys=project.front_matter_keys)


def load_articles(project: Project, progress: Progress | None = None) -> list[ArticleSource]:
    """Every article of the project (errors name file and line), parsed only when changed."""
    cache = ArticleCache(project)
    articles = []
    for path in article_paths(project):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        cached = cache.get(path, digest)
        if cached is None:
            if progress:
                progress(project.relative(path))
            article = parse_article(path, rel_path=project.relative(path),
                                    slug=article_slug(project, path),
                                    front_matter_keys=project.front_matter_keys)
            cached = ArticleSource(article.page, article.front_matter, digest, path,
                                   tuple(count_words(segment.msgid) for segment in article.page.segments))
            cache.put(path, cached)
        articles.append(cached)
    cache.save()
    return articles


class ArticleCache:
    """Article summaries keyed by path and content hash, in ``.l10n-cache/``."""

    def __init__(self, project: Project):
        self.path = project.root / CACHE_DIR / "articles.pickle"
        self.key = (code_digest(), project.front_matter_keys, project.content)
        self.entries: dict[str, ArticleSource] = _load_pickle(self.path, self.key) or {}
        self.dirty = False
        self.seen: set[str] = set()

    def get(self, path: Path, digest: str) -> ArticleSource | None:
        self.seen.add(str(path))
        entry = self.entries.get(str(path))
        return entry if entry is not None and entry.digest == digest else None

    def put(self, path: Path, entry: ArticleSource) -> None:
        self.entries[str(path)] = entry
        self.dirty = True

    def save(self) -> None:
        """Write the cache back if anything was parsed or removed (best effort)."""
        if set(self.entries) - self.seen:
            self.entries = {k: v for k, v in self.entries.items() if k in self.seen}
            self.dirty = True
        if self.dirty:
            _save_pickle(self.path, self.key, self.entries)


def ui_segments(project: Project) -> list[Segment]:
    """Every UI string of the project's templates, in file order."""
    segments: list[Segment] = []
    for path in template_files(project.templates_dir):
        segments.extend(extract_template(path, project.relative(path)))
    return segments


def extract(project: Project, *, check: bool = False, progress: Progress | None = None) -> ExtractResult:
    """Write ``ui.pot`` and ``content.pot``; with *check*, only report what would change."""
    articles = load_articles(project, progress)
    sources = {
        "ui": ui_segments(project),
        "content": [segment for article in articles for segment in article.page.segments],
    }
    result = ExtractResult()
    cache = TemplateTextCache(project)
    for domain, segments in sources.items():
        path = project.template_path(domain)
        catalog = template_catalog(segments, project=project.site_name)
        old_bytes = path.read_bytes() if path.is_file() else None
        texts: dict[tuple, str] = {}
        data = _dated_bytes(catalog, old_bytes, cache.texts(domain), texts)
        cache.keep(domain, texts)
        result.paths[domain] = path
        result.counts[domain] = len(catalog.messages)
        result.changed[domain] = data != old_bytes
        if result.changed[domain] and not check:
            write_atomic(path, data)
    cache.save()
    return result


_CREATION_DATE_RE = re.compile(rb'^"POT-Creation-Date: ([^"\\]*)\\n"', re.M)


def _dated_bytes(catalog: po.Catalog, old_bytes: bytes | None, known: dict, texts: dict) -> bytes:
    """The template's bytes, keeping the old date when nothing else changed (Sphinx's rule)."""
    date = catalog.get_header("POT-Creation-Date")
    found = _CREATION_DATE_RE.search(old_bytes[:4096]) if old_bytes else None
    if found and found.group(1).decode("utf-8", "replace") != date:
        catalog.set_header("POT-Creation-Date", found.group(1).decode("utf-8", "replace"))
        data = template_bytes(catalog, known, texts)
        if data == old_bytes:
            return data
        catalog.set_header("POT-Creation-Date", date)
    return template_bytes(catalog, known, texts)


def template_bytes(catalog: po.Catalog, known: dict, texts: dict) -> bytes:
    """A template's bytes, exactly as ``po.format_po`` writes them, reusing the formatted text
    of entries seen before (*known*, by fingerprint); every entry's text is added to *texts*."""
    parts = []
    for message in [catalog.header, *catalog.messages]:
        fingerprint = message.fingerprint()
        text = known.get(fingerprint)
        if text is None:
            text = "\n".join(po.format_message(message)) + "\n"
        texts[fingerprint] = text
        parts.append(text)
    return "\n".join(parts).encode("utf-8")


class TemplateTextCache:
    """The formatted text of every template entry from the last extraction, in ``.l10n-cache/``."""

    def __init__(self, project: Project):
        self.path = project.root / CACHE_DIR / "templates.pickle"
        self.key = code_digest()
        self.domains: dict[str, dict] = _load_pickle(self.path, self.key) or {}
        self.changed = False

    def texts(self, domain: str) -> dict:
        return self.domains.get(domain, {})

    def keep(self, domain: str, texts: dict) -> None:
        if texts.keys() != self.texts(domain).keys():
            self.domains[domain] = texts
            self.changed = True

    def save(self) -> None:
        if self.changed:
            _save_pickle(self.path, self.key, self.domains)


@functools.lru_cache(maxsize=1)
def code_digest() -> bytes:
    """The tool's own source: caches and page fingerprints made by other code are not reused."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _load_pickle(path: Path, key: object):
    """What ``_save_pickle`` stored under *key*, or None (missing, stale or unreadable)."""
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
        return value if stored_key == key else None
    except (OSError, ValueError, EOFError, pickle.PickleError, AttributeError, ImportError, TypeError):
        return None


def _save_pickle(path: Path, key: object, value: object) -> None:
    """Best effort: a cache that cannot be written is only slower next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
        write_atomic(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL), durable=False)
    except OSError:
        pass


def template_catalog(segments: Iterable[Segment], *, project: str) -> po.Catalog:
    """A POT catalog: one message per (context, msgid), references merged, first-seen order."""
    messages: dict[tuple[str | None, str], po.Message] = {}
    for segment in segments:
        message = messages.get(segment.key)
        if message is None:
            message = messages[segment.key] = po.Message(
                msgid=segment.msgid,
                msgctxt=segment.context,
                msgid_plural=segment.plural,
                msgstr_plural={0: "", 1: ""} if segment.plural else {},
            )
        elif segment.plural and not message.msgid_plural:
            message.msgid_plural = segment.plural
            message.msgstr_plural = {0: "", 1: ""}
        reference = str(segment.origin)
        if reference not in message.references:
            message.references.append(reference)
        for comment in segment.comments:
            if comment not in message.extracted_comments:
                message.extracted_comments.append(comment)
        for flag in segment.flags:
            if flag not in message.flags:
                message.flags.append(flag)
    return po.Catalog(header=template_header(project), messages=list(messages.values()))


def template_header(project: str) -> po.Message:
    """The header of a POT file, dated by ``SOURCE_DATE_EPOCH`` when it is set."""
    fields = [
        ("Project-Id-Version", project),
        ("Report-Msgid-Bugs-To", ""),
        ("POT-Creation-Date", creation_date()),
        ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
        ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
        ("Language-Team", "LANGUAGE <LL@li.org>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Generated-By", f"l10n_tool {__version__}"),
    ]
    return po.Message(msgid="", msgstr="".join(f"{k}: {v}\n" for k, v in fields),
                      flags=["fuzzy"])


def creation_date() -> str:
    """Now, or ``SOURCE_DATE_EPOCH`` for reproducible builds, in gettext's format (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.strip().isdigit() else int(time.time())
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(seconds))
