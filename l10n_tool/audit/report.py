"""What an audit found, page by page, and how it reads: as JSON (``to_dict``) or as text."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n_tool.audit.text import excerpt

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
            "candidates": list(self.candidates),
            "findings": [f.to_dict() for f in self.findings],
        }


@dataclass(frozen=True)
class AuditReport:
    """The audits of every page, in the order the pages were found."""

    pages: tuple[PageAudit, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for page in self.pages for f in page.findings)

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_dict(self) -> dict:
        return {"pages": [page.to_dict() for page in self.pages]}


def format_audit_text(report: AuditReport) -> str:
    """A report readable at a glance: a line per page, each finding indented below it with its
    element path, declared -> detected language, confidence and a quoted excerpt; a summary."""
    lines: list[str] = []
    for page in report.pages:
        head = f"{page.path} (lang={page.declared or '?'}; judged among {', '.join(page.candidates) or 'none'})"
        if not page.findings:
            lines.append(f"{head}: ok")
            continue
        lines.append(f"{head}: {_count(len(page.findings), 'mismatch', 'mismatches')}")
        for f in page.findings:
            lines.append(
                f"  {_short_where(f.where)}: {f.declared or 'no lang'} -> {f.detected}"
                f" (confidence {f.confidence:.2f})"
            )
            lines.append(f"      \u201c{excerpt(f.text, 100)}\u201d")
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
