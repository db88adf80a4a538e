"""Small frozen records shared by extraction, status and build."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Origin:
    """Where a message comes from: a project-relative POSIX path and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Segment:
    """One translatable message as found in a source file."""

    msgid: str
    origin: Origin
    context: str | None = None
    plural: str | None = None
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.context, self.msgid)


Key = tuple  # (msgctxt or None, msgid): a message's identity in a catalog


class Page(NamedTuple):
    """A source article, the one record of it from parsing to rendering.

    Plain data (cached per article, sent to build workers): where the article is, its front
    matter and its messages, but not its Markdown tokens, which the build parses again
    (``extract.markdown.parse_body``) only for the pages it renders.
    """

    name: str  # path below the content folder, POSIX (``x.md``)
    path: str  # project-relative POSIX path, as in references (``content/posts/x.md``)
    slug: str  # ``posts/x``: the page's identity in URLs and reports
    digest: str  # sha256 of the file's bytes
    meta: dict  # the front matter
    keys: tuple[Key, ...]  # every message of the article, in order
    field_keys: dict  # translatable front matter field -> its message key
    words: tuple[int, ...]  # source words of each message, in the same order
    stat: tuple | None = None  # (size, mtime_ns, ctime_ns, inode) when the cache can trust it

    def weighted_keys(self) -> list[tuple[Key, int]]:
        """Each message's key with its source word count, for status percentages."""
        return list(zip(self.keys, self.words))
