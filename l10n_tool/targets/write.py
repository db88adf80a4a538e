"""``l10n build`` for a generator target: per locale, each published page's translated source
written where the generator reads it, and translations of pages no longer published removed.

Which pages are written is the publish policy's (``status.is_published``: the threshold and
fallback mode per locale); a page not written falls back the generator's own way (Hugo,
mkdocs-static-i18n, Docusaurus and polyglot all show the source version). What was written is
recorded in ``.l10n-cache/targets/manifest.json``; a file recorded there is removed only while
its bytes are still the ones written (someone's edits are never deleted).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..cache import CACHE_DIR
from ..config import Project
from ..errors import L10nError
from ..files import write_atomic
from ..status import is_published, translated_percent
from .article import Fallback, prepare_article, translate_article
from .registry import GENERATORS, mark_style

Progress = Callable[[str], None]


@dataclass
class TargetResult:
    """What a target build wrote: project-relative paths, and per locale what was published
    and which blocks of written pages are not in the page's locale."""

    target: str
    layout: str
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    published: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    fallbacks: dict[str, list[Fallback]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # every file this build stands for -> sha256


def manifest_path(project: Project) -> Path:
    return project.root / CACHE_DIR / "targets" / "manifest.json"


def write_target(project: Project, *, progress: Progress | None = None) -> TargetResult:
    """Write every published translation of every article for ``project.target``."""
    from ..extract import load_articles
    from ..translations import load_summaries, translations_for_all

    generator = GENERATORS[project.target]
    layout = project.target_layout or generator.layouts[0]
    mark = mark_style(generator, project.target_mark)
    result = TargetResult(generator.name, layout)
    previous = _previous_files(project)
    pages = load_articles(project, progress)
    content = translations_for_all(project, "content", load_summaries(project, "content"))
    content_dir = project.content_dir
    for page in pages:
        words = page.weighted_keys()
        prepared = None  # parsed once, for the first locale that publishes the page
        for locale in project.page_locales(page):
            if locale == project.source_locale:
                continue
            policy = project.policy(locale)
            translations = content[locale]
            if not is_published(translated_percent(translations, words), policy.threshold, policy.fallback):
                result.skipped.setdefault(locale, []).append(page.slug)
                continue
            destination = Path(os.path.normpath(content_dir / generator.destination(
                page.name, locale, layout, project.source_locale)))
            if destination == Path(os.path.normpath(content_dir / page.name)):
                raise L10nError(f"{page.path}: the {generator.name} translation for {locale} would overwrite it")
            if prepared is None:
                prepared = prepare_article(content_dir / page.name, page.path, page.slug, project.front_matter_keys,
                                           project.front_matter)
            written = translate_article(prepared, _translator(translations), source_locale=project.source_locale,
                                        mark=mark, set_lang=locale if generator.sets_lang else None)
            shown = project.relative(destination)
            kept = _someone_elses(destination, shown, written.data, previous)
            if kept:
                result.problems.append(kept)
                if shown in previous:
                    result.files[shown] = previous[shown]  # keep watching it
                continue
            if write_atomic(destination, written.data):
                result.written.append(shown)
            else:
                result.unchanged += 1
            result.files[shown] = hashlib.sha256(written.data).hexdigest()
            result.published.setdefault(locale, []).append(page.slug)
            result.fallbacks.setdefault(locale, []).extend(written.fallbacks)
            result.problems.extend(f"{locale}: {problem}" for problem in written.problems)
    _write_ui_tables(project, result)
    _remove_stale(project, result, previous)
    return result


def _previous_files(project: Project) -> dict[str, str]:
    """What the last build wrote: shown path -> sha256 of the bytes it wrote."""
    try:
        found = json.loads(manifest_path(project).read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    return found if isinstance(found, dict) else {}


def _someone_elses(destination: Path, shown: str, data: bytes, previous: dict[str, str]) -> str | None:
    """Why the file at *destination* must not be overwritten, or None: a translation a person
    wrote (one no build of ours wrote, or one edited since) is their work, never replaced."""
    try:
        current = destination.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"{shown}: cannot read: {exc.strerror or exc}: kept"
    if current == data:
        return None
    digest = hashlib.sha256(current).hexdigest()
    if shown not in previous:
        return (f"{shown}: a translation l10n build did not write: kept, not replaced (move it away, "
                "or remove it, to let the build write this page from the catalogs)")
    if previous[shown] != digest:
        return (f"{shown}: edited since l10n build wrote it: kept, not replaced (put the edits into "
                "the .po, then remove the file)")
    return None


def _write_ui_tables(project: Project, result: TargetResult) -> None:
    """Each locale's string tables (Hugo ``i18n/<locale>.toml``, Docusaurus
    ``i18n/<locale>/code.json``...) from its ui catalog (``ui_write.py``)."""
    from .ui_write import write_ui_tables

    def write(path: Path, data: bytes) -> None:
        shown = project.relative(path)
        if write_atomic(path, data):
            result.written.append(shown)
        else:
            result.unchanged += 1
        result.files[shown] = hashlib.sha256(data).hexdigest()

    result.problems.extend(write_ui_tables(project, write))


def _translator(translations):
    """translate(segment) -> (text, None) in the locale, or (text, locale it is in)."""
    own = translations.locale

    def translate(segment):
        found = translations.gettext(segment.msgid, segment.context)
        if found.locale == own:
            return found.text, None
        return found.text, found.locale

    return translate


def _remove_stale(project: Project, result: TargetResult, previous: dict[str, str]) -> None:
    """Remove what the last build wrote (*previous*) and this one did not, where nobody changed
    it since; then record this build's files."""
    path = manifest_path(project)
    for shown, digest in sorted(previous.items()):
        if shown in result.files:
            continue
        file = project.root / shown
        try:
            data = file.read_bytes()
        except OSError:
            continue
        if hashlib.sha256(data).hexdigest() != digest:
            result.problems.append(f"{shown}: no longer published, but edited since it was written: kept")
            result.files[shown] = digest  # keep watching it
            continue
        file.unlink()
        result.removed.append(shown)
    record = {"target": result.target, "layout": result.layout, "files": dict(sorted(result.files.items()))}
    write_atomic(path, (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode("utf-8"), durable=False)
