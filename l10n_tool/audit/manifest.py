"""What a manifest tells about a page: which locale an element's text came from, given by the
caller (page -> element paths) or by our own build (the UI strings it emitted per locale)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from l10n_tool.audit.walk import Block
from l10n_tool.errors import L10nError

def manifest_entries(manifest: Mapping | None, keys: Iterable[str]) -> list[tuple[str, str]]:
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


def resolve_manifest(
    tree: LexborHTMLParser, entries: Sequence[tuple[str, str]], path: str
) -> dict[int, tuple[str, str]]:
    """Element id -> (where, locale) for every element a manifest entry names. ``where`` is an
    element path as :mod:`.walk` writes them, which is also a CSS selector; any other CSS
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


def match_entry(block: Block, resolved: dict[int, tuple[str, str]]) -> tuple[str, str] | None:
    """(element path, locale) of the innermost element around ``block`` the manifest names."""
    for depth in range(len(block.ids) - 1, -1, -1):
        entry = resolved.get(block.ids[depth])
        if entry is not None:
            return ">".join(block.path[: depth + 1]), entry[1]
    return None


class BuildTexts:
    """The UI strings an l10n_tool build emitted for a page's locale, from the manifest of the
    project whose output folder holds the page (the nearest ``l10n.yaml`` above it)."""

    def __init__(self) -> None:
        self._outputs: dict[Path, tuple[Path, dict] | None] = {}

    def for_page(self, file: Path) -> Mapping[str, str] | None:
        page = file.resolve()
        for folder in page.parents:
            if folder not in self._outputs:
                self._outputs[folder] = _built_output(folder)
            found = self._outputs[folder]
            if found is not None and found[0] in page.parents:
                locale = page.relative_to(found[0]).parts[0]
                texts = found[1].get("ui_texts", {}).get(locale)
                return texts if isinstance(texts, dict) else None
        return None


def _built_output(folder: Path) -> tuple[Path, dict] | None:
    """(output folder, manifest) of the project in *folder*, if there is one with a manifest."""
    from l10n_tool.build import read_manifest
    from l10n_tool.config import CONFIG_NAME, Project

    if not (folder / CONFIG_NAME).is_file():
        return None
    try:
        project = Project.load(folder)
    except L10nError:
        return None
    manifest = read_manifest(project)
    return (project.output_dir.resolve(), manifest) if manifest else None
