"""Import a catalog a translator sends back, without silently overwriting anyone's work."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from l10n_tool import po
from l10n_tool.catalogs import catalog_lock
from l10n_tool.errors import MissingCatalog

if TYPE_CHECKING:
    from l10n_tool.config import Project


@dataclass
class MergeSummary:
    """What an import did, message by message."""

    taken: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[tuple[po.Message, po.Message]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    catalog: str = ""   # the project-relative path merged into (set by merge_returned_file)


def _has_text(message: po.Message | None) -> bool:
    return message is not None and any(message.strings())


def _state(message: po.Message | None) -> tuple:
    return (tuple(message.strings()), message.fuzzy) if message is not None else ((), False)


def _copy_translation(target: po.Message, source: po.Message) -> None:
    if target.msgid_plural:
        target.msgstr_plural = dict(source.msgstr_plural) if source.msgid_plural else {0: source.msgstr}
    else:
        target.msgstr = source.msgstr if not source.msgid_plural else source.msgstr_plural.get(0, "")
    target.fuzzy = source.fuzzy


def merge_returned(ours: po.Catalog, theirs: po.Catalog, *, base: po.Catalog | None = None,
                   prefer_theirs: bool = False) -> MergeSummary:
    """Take the translator's translations into *ours* (changed in place).

    With *base* (the file as it was handed out) a message is a conflict only when both sides
    changed it; without it, whenever both sides hold different translations. Conflicts keep
    our text unless *prefer_theirs*. Messages we no longer have are kept as obsolete entries,
    so nothing the translator did is dropped.
    """
    summary = MergeSummary()
    kept_obsolete = {m.key: m for m in ours.obsolete()}
    for returned in theirs.active():
        label = f"{returned.msgctxt}\x04{returned.msgid}" if returned.msgctxt else returned.msgid
        current = ours.get(returned.msgid, returned.msgctxt)
        if current is None:
            if _has_text(returned):
                summary.unknown.append(label)
                kept = kept_obsolete.get(returned.key)
                if kept is None:  # one obsolete entry a message, however often it comes back
                    kept = kept_obsolete[returned.key] = po.Message(
                        msgid=returned.msgid, msgctxt=returned.msgctxt,
                        msgid_plural=returned.msgid_plural, obsolete=True)
                    ours.messages.append(kept)
                elif kept.msgid_plural != returned.msgid_plural:
                    kept.msgid_plural = returned.msgid_plural
                    kept.msgstr, kept.msgstr_plural = "", {}
                _copy_translation(kept, returned)
            continue
        if _state(returned) == _state(current) or not _has_text(returned):
            summary.unchanged.append(label)
            continue
        original = base.get(returned.msgid, returned.msgctxt) if base is not None else None
        they_changed = base is None or _state(returned) != _state(original)
        we_changed = _has_text(current) and (base is None or _state(current) != _state(original))
        if not they_changed:
            summary.unchanged.append(label)
        elif we_changed:
            summary.conflicts.append((current, returned))
            if prefer_theirs:
                _copy_translation(current, returned)
        else:
            _copy_translation(current, returned)
            summary.taken.append(label)
    return summary


def merge_returned_file(project: Project, returned: Path, *, locale: str, domain: str,
                        base: Path | None = None, prefer_theirs: bool = False) -> MergeSummary:
    """Merge the file a translator sent back into the project's catalog of *locale* and
    *domain* and write that catalog, holding the catalog lock (so that an update cannot
    interleave). *base* is the file as it was handed out (see :func:`merge_returned`).
    Raises MissingCatalog when the locale has no catalog for the domain yet."""
    path = project.catalog_path(locale, domain)
    shown = project.relative(path)
    theirs = po.read_po(returned, display_path=str(returned))
    base_catalog = po.read_po(base, display_path=str(base)) if base else None
    with catalog_lock(project.catalogs_dir):
        if not path.is_file():
            raise MissingCatalog(shown, locale, domain)
        ours = po.read_po(path, display_path=shown)
        summary = merge_returned(ours, theirs, base=base_catalog, prefer_theirs=prefer_theirs)
        po.write_po(ours, path)
    summary.catalog = shown
    return summary
