"""UI strings from Jinja2 templates, through Babel's extraction and Jinja2's extractor."""

from __future__ import annotations

import hashlib
from pathlib import Path

from l10n_tool.errors import SourceError
from l10n_tool.markup import python_format_names
from l10n_tool.model import Origin, Segment

KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators:",)
OPTIONS = {"trimmed": "true", "newstyle_gettext": "true", "silent": "false"}

TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".j2", ".jinja", ".txt")


def template_files(folder: Path) -> list[Path]:
    """Every template below *folder*, sorted for deterministic output."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in TEMPLATE_SUFFIXES)


def cached_segments(files: list[tuple[Path, str]], cache: dict) -> list[Segment]:
    """``extract_template`` of each (path, rel_path), reusing *cache*'s result for unchanged bytes.

    *cache* maps rel_path -> (sha256 of the bytes, segments) and is updated in place.
    """
    segments: list[Segment] = []
    for path, rel_path in files:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = None
        cached = cache.get(rel_path)
        if digest is None or cached is None or cached[0] != digest:
            cached = cache[rel_path] = (digest, extract_template(path, rel_path))
        segments.extend(cached[1])
    for rel_path in set(cache) - {rel_path for _, rel_path in files}:
        del cache[rel_path]
    return segments


def extract_template(path: Path, rel_path: str) -> list[Segment]:
    """The translatable strings of one template, with translator comments and flags."""
    from babel.messages.extract import extract as babel_extract
    from jinja2 import TemplateSyntaxError
    from jinja2.ext import babel_extract as jinja_extractor

    segments = []
    try:
        with path.open("rb") as fileobj:
            found = list(babel_extract(jinja_extractor, fileobj, KEYWORDS, COMMENT_TAGS, OPTIONS,
                                       strip_comment_tags=True))
    except TemplateSyntaxError as exc:
        raise SourceError(rel_path, exc.lineno, f"template syntax error: {exc.message}") from None
    except UnicodeDecodeError as exc:
        raise SourceError(rel_path, None, f"not UTF-8: {exc.reason}") from None
    for lineno, message, comments, context in found:
        singular, plural = (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        if not singular:
            raise SourceError(rel_path, lineno, "empty message id: an empty string cannot be translated")
        flags = ("python-format",) if python_format_names(singular + (plural or "")) else ()
        segments.append(Segment(
            msgid=singular,
            plural=plural,
            context=context,
            origin=Origin(rel_path, lineno),
            comments=tuple(comments),
            flags=flags,
        ))
    return segments


def template_closure(folder: Path, name: str) -> list[str]:
    """*name* and every template it extends, includes or imports, as paths under *folder*."""
    from jinja2 import Environment, TemplateSyntaxError, meta

    environment = Environment(extensions=["jinja2.ext.i18n"])
    seen: list[str] = []
    pending = [name]
    while pending:
        current = pending.pop()
        path = folder / current
        if current in seen or not path.is_file():
            continue
        seen.append(current)
        try:
            tree = environment.parse(path.read_text(encoding="utf-8"))
        except TemplateSyntaxError as exc:
            raise SourceError(path.as_posix(), exc.lineno, f"template syntax error: {exc.message}") from None
        pending.extend(ref for ref in meta.find_referenced_templates(tree) if ref)
    return sorted(seen)
