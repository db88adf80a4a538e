"""Grouping: short blocks are judged together with their neighbours, never across a landmark
or a change of declared language; a long run of them is cut into widgets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from l10n_tool.audit.walk import Block

#: A block with fewer words than this is "short" and judged together with its neighbours.
SHORT_WORDS = 4
#: A long run of short blocks is cut along the page structure into parts of at least this many
#: words (a widget's strings stay together; see :func:`split_run`).
WIDGET_WORDS = 6


@dataclass
class Group:
    """Blocks judged together: consecutive, in one landmark, with one declared language."""

    blocks: list[Block]

    @property
    def lang(self) -> str:
        return self.blocks[0].lang

    @property
    def scope(self) -> int:
        return self.blocks[0].scope

    @property
    def raw_text(self) -> str:
        return " ".join(b.raw_text for b in self.blocks)

    @property
    def clean_text(self) -> str:
        return " ".join(b.clean_text for b in self.blocks if b.clean_text)

    @property
    def words(self) -> int:
        return sum(b.words for b in self.blocks)

    @property
    def where(self) -> str:
        """Path of the innermost element that holds every block of the group."""
        n = common_depth(self.blocks)
        return ">".join(self.blocks[0].path[:n])


def common_depth(blocks: Sequence[Block]) -> int:
    """How many steps of element path the blocks share."""
    first = blocks[0].ids
    n = len(first)
    for block in blocks[1:]:
        i = 0
        limit = min(n, len(block.ids))
        while i < limit and block.ids[i] == first[i]:
            i += 1
        n = i
    return n


def nested(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when landmark path ``a`` equals ``b`` or one encloses the other."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def split_run(blocks: list[Block]) -> list[list[Block]]:
    """Cut a run of short blocks along the page structure, into parts of at least
    :data:`WIDGET_WORDS` words: blocks under one child of the run's common ancestor stay together
    (a widget), and a part too small to judge joins the part before it (or after it). A part
    that is one element's content is cut again the same way (it may hold smaller widgets)."""
    out: list[list[Block]] = []
    todo = [blocks]  # a stack, so parts come out in document order
    while todo:
        run = todo.pop()
        parts = _split_once(run)
        if parts is None:
            out.append(run)
        else:
            todo.extend(reversed(parts))
    return out


def _split_once(blocks: list[Block]) -> list[list[Block]] | None:
    """One cut of :func:`split_run`, or None when the run cannot be cut."""
    if len(blocks) < 2:
        return None
    partitions = _partition_by_child(blocks, common_depth(blocks))
    if len(partitions) == 1:
        return None
    parts = _pack_widgets(partitions)
    return parts if len(parts) > 1 else None


def _partition_by_child(blocks: list[Block], depth: int) -> list[list[Block]]:
    """Consecutive blocks under one element at ``depth`` (a block that ends above it: alone)."""
    partitions: list[list[Block]] = []
    last_key: object = object()
    for block in blocks:
        key = block.ids[depth] if len(block.ids) > depth else None
        if key is None or key != last_key:
            partitions.append([block])
        else:
            partitions[-1].append(block)
        last_key = key
    return partitions


def _pack_widgets(partitions: list[list[Block]]) -> list[list[Block]]:
    """Consecutive partitions packed into parts of at least :data:`WIDGET_WORDS` words."""
    parts: list[list[Block]] = []
    pending: list[Block] = []
    for partition in partitions:
        pending = pending + partition
        if sum(b.words for b in pending) >= WIDGET_WORDS:
            parts.append(pending)
            pending = []
    if pending:
        # a remainder too small for a widget of its own goes with the part before it, unless it
        # is so short that it would only blur where that part is (a copyright line after a
        # widget): then it stays on its own and does not lean on its neighbours either
        if parts and sum(b.words for b in pending) >= SHORT_WORDS:
            parts[-1] = parts[-1] + pending
        elif parts:
            for block in pending:
                block.alone = True
            parts.append(pending)
        else:
            parts.append(pending)
    return parts


def group_blocks(blocks: list[Block]) -> list[Group]:
    """Join short blocks with their neighbours inside one landmark and one declared language."""
    groups = _join_short_runs(blocks)
    # a long run of short blocks is cut along the page structure (one widget, one group)
    groups = [Group(part) for group in groups for part in split_run(group.blocks)]
    return _lean_short_groups(groups)


def _join_short_runs(blocks: list[Block]) -> list[Group]:
    """Consecutive short blocks in one landmark and language as one group; others alone."""
    groups: list[Group] = []
    run_ok = False  # may the next short block join the last group?
    for block in blocks:
        if block.words == 0:
            continue
        short = block.words < SHORT_WORDS
        last = groups[-1] if groups else None
        if short and run_ok and last.scope == block.scope and last.lang == block.lang:
            last.blocks.append(block)
        else:
            groups.append(Group([block]))
        run_ok = short
    return groups


def _lean_short_groups(groups: list[Group]) -> list[Group]:
    """A group that is still short joins a neighbour in the same landmark and language, the next
    one else the previous one (a page without landmarks gives no sign of what belongs
    together: there it stays alone)."""
    i = 0
    while i < len(groups):
        group = groups[i]
        if group.words >= SHORT_WORDS or group.blocks[0].alone or not group.scope:
            i += 1
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(groups):
                other = groups[j]
                if other.scope == group.scope and other.lang == group.lang:
                    lo, hi = min(i, j), max(i, j)
                    groups[lo : hi + 1] = [Group(groups[lo].blocks + groups[hi].blocks)]
                    i = lo
                    break
        else:
            i += 1
    return groups
