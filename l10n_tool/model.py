"""Small frozen records shared by extraction, status and build."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class Page:
    """A source article: slug (``posts/x``), path, front matter and its segments in order."""

    slug: str
    path: str
    meta: dict = field(hash=False, compare=False)
    segments: tuple[Segment, ...] = ()
