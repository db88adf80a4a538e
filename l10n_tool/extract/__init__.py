"""Extraction: UI strings from templates and article text into the two POT templates."""

from __future__ import annotations

import hashlib
import os
import pickle
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
CACHE_FORMAT = 2  # bump when ArticleSource changes shape

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


@dataclass(frozen=True)
class ArticleSource:
    """An article as extraction, status and build see it, without its Markdown tokens.

    Summaries are cached by content hash, so an unchanged article is never parsed again;
    ``parse()`` gives the full Article when a page must be rendered.
    """

    page: Page
    front_matter: dict[str, Segment]
    digest: str
    path: Path
    words: tuple[int, ...] = ()  # source words of each segment, counted once

    def weighted_keys(self) -> list[tuple[tuple[str | None, str], int]]:
        """Each segment's (context, msgid) with its word count, for status percentages."""
        return [(segment.key, words) for segment, words in zip(self.page.segments, self.words)]

    def parse(self, project: Project) -> Article:
        return parse_article(self.path, rel_path=self.page.path, slug=self.page.slug,
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
        self.key = (CACHE_FORMAT, __version__, project.front_matter_keys, project.content)
        self.entries: dict[str, ArticleSource] = {}
        self.dirty = False
        try:
            with self.path.open("rb") as handle:
                key, entries = pickle.load(handle)
            if key == self.key:
                self.entries = entries
        except (OSError, ValueError, EOFError, pickle.PickleError, AttributeError, ImportError, TypeError):
            pass  # no cache, or one from another version: parse everything
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
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            (self.path.parent / ".gitignore").write_text("*\n", encoding="utf-8")
            write_atomic(self.path, pickle.dumps((self.key, self.entries), protocol=pickle.HIGHEST_PROTOCOL),
                         durable=False)
        except OSError:
            pass


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
    for domain, segments in sources.items():
        path = project.template_path(domain)
        catalog = template_catalog(segments, project=project.site_name)
        old_bytes = path.read_bytes() if path.is_file() else None
        if old_bytes is not None:
            old = po.parse_po(old_bytes, project.relative(path))
            _reuse_unchanged(catalog, old)
            data = _dated_bytes(catalog, old, old_bytes)
        else:
            data = po.format_po(catalog)
        result.paths[domain] = path
        result.counts[domain] = len(catalog.messages)
        result.changed[domain] = data != old_bytes
        if result.changed[domain] and not check:
            write_atomic(path, data)
    return result


def _reuse_unchanged(catalog: po.Catalog, old: po.Catalog) -> None:
    """Keep the old template's entries that did not change, so only new ones are formatted."""
    for index, message in enumerate(catalog.messages):
        previous = old.get(message.msgid, message.msgctxt)
        if previous is not None and previous.fingerprint() == message.fingerprint():
            catalog.messages[index] = previous


def _dated_bytes(catalog: po.Catalog, old: po.Catalog, old_bytes: bytes) -> bytes:
    """The new template's bytes, keeping the old date when nothing else changed (Sphinx's rule)."""
    date = catalog.get_header("POT-Creation-Date")
    catalog.set_header("POT-Creation-Date", old.get_header("POT-Creation-Date") or date)
    data = po.format_po(catalog)
    if data == old_bytes:
        return data
    catalog.set_header("POT-Creation-Date", date)
    return po.format_po(catalog)


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
