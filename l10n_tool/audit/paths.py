"""Auditing files and directories: finding the pages, reading them, judging each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from l10n_tool.audit.identify import LanguageIdentifier, default_identifier, normalize_locale
from l10n_tool.audit.manifest import BuildTexts, manifest_entries
from l10n_tool.audit.report import AuditReport
from l10n_tool.audit.verdicts import audit_html
from l10n_tool.errors import L10nError


def audit_paths(
    paths: Sequence[Path],
    *,
    languages: Sequence[str] | None = None,
    manifest: Mapping | None = None,
    threshold: float | None = None,
    use_build_manifest: bool = True,
    identifier: LanguageIdentifier | None = None,
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
    ``threshold``: see :func:`audit_html`; ``identifier``: as there. Raises :class:`L10nError`
    for a missing path, a directory without pages or a list of languages the model knows none of.
    """
    identifier = identifier or default_identifier()
    if languages:
        # a project locale the model does not know cannot be detected and is left out; only a
        # list with no usable code at all is an error
        if not any(normalize_locale(code) in identifier.supported for code in languages):
            raise L10nError(
                "the audit knows none of these languages: " + ", ".join(map(str, languages))
            )
    pages = []
    build_texts = BuildTexts() if use_build_manifest else None
    for file, base in _html_files(paths):
        keys = [str(file), file.as_posix(), str(file.resolve())]
        if base is not None:
            keys.append(file.relative_to(base).as_posix())
        entries = manifest_entries(manifest, keys)
        pages.append(
            audit_html(
                _read_page(file),
                str(file),
                languages=languages,
                manifest_entries=[{"where": w, "locale": loc} for w, loc in entries],
                threshold=threshold,
                known_texts=build_texts.for_page(file) if build_texts else None,
                identifier=identifier,
            )
        )
    return AuditReport(tuple(pages))


def _read_page(file: Path) -> str:
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise L10nError(f"{file}: cannot read: {exc.strerror or exc}") from exc
    return data.decode("utf-8", errors="replace")


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
