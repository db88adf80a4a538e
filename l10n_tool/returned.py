"""Import a catalog a translator sends back, without silently overwriting anyone's work."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n_tool import po


@dataclass
class MergeSummary:
    """What an import did, message by message."""

    taken: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[tuple[po.Message, po.Message]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


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
    for returned in theirs.active():
        label = f"{returned.msgctxt}\x04{returned.msgid}" if returned.msgctxt else returned.msgid
        current = ours.get(returned.msgid, returned.msgctxt)
        if current is None:
            if _has_text(returned):
                summary.unknown.append(label)
                kept = po.Message(msgid=returned.msgid, msgctxt=returned.msgctxt,
                                  msgid_plural=returned.msgid_plural, obsolete=True)
                _copy_translation(kept, returned)
                ours.messages.append(kept)
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
