"""Work on every core: forked workers that inherit the caller's data instead of receiving it.

``fork_map`` is the one place where work is handed to other processes. The data every task
needs (*shared*) is not pickled: it is in memory when the workers fork, and ``gc.freeze``
keeps its pages shared with them. Only each task's item and result cross the pipe. When a
fork would not pay (little work, one core) or would not be safe (another thread is running,
as in ``l10n serve``: a forked child inherits its locks in whatever state they are), the same
function runs here, in order, and the caller cannot tell the difference but by the time.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import threading
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_shared: object = None  # what the workers inherit: set only while a pool is being forked
AHEAD = 4  # chunks handed out per worker beyond those whose results were taken: results that
# come back faster than the caller takes them wait in its memory, so they are bounded


def can_fork() -> bool:
    """Whether forking workers is possible and safe now: no other thread is running."""
    return "fork" in mp.get_all_start_methods() and threading.active_count() == 1


def worker_count(jobs: int | None) -> int:
    """*jobs*, or one per core."""
    return jobs or os.cpu_count() or 1


def fork_map(function: Callable[[object, Item], Result], items: Sequence[Item], shared: object = None, *,
             jobs: int | None = None, parallel: bool = True, chunksize: int = 1,
             early: Iterable[Item] = ()) -> Iterator[Result]:
    """``function(shared, item)`` of each of *items*, in order, and of each of *early*.

    In forked processes when *parallel* (the caller's judgement that the work is worth a pool),
    more than one job and ``can_fork()``; else here. Items go to the workers *chunksize* at a
    time, and never more than ``AHEAD`` chunks a worker beyond what the caller has taken.
    *early* items are started first (the longest tasks); their results, in their order, come
    between those of *items* as soon as they are ready (in the serial case, last), so neither
    waits for the other and no finished result waits in memory for long.
    """
    early = list(early)
    workers = min(worker_count(jobs), len(items) + len(early))
    if not (parallel and workers > 1 and can_fork()):
        for item in [*items, *early]:
            yield function(shared, item)
        return
    global _shared
    _shared = shared
    gc.freeze()  # the shared objects stay shared with the workers instead of being copied
    try:
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            started = [pool.submit(_call, function, [item]) for item in early]
            chunks = (items[start:start + chunksize] for start in range(0, len(items), chunksize))
            pending: deque = deque()
            for chunk in chunks:
                pending.append(pool.submit(_call, function, chunk))
                if len(pending) >= AHEAD * workers:
                    yield from pending.popleft().result()
                    yield from _ready(started)
            while pending:
                yield from pending.popleft().result()
                yield from _ready(started)
            for future in started:
                yield from future.result()
    finally:
        _shared = None
        gc.unfreeze()


def _ready(started: list) -> Iterator:
    """The results of the first futures of *started* that are done, taken off the list."""
    while started and started[0].done():
        yield from started.pop(0).result()


def _call(function: Callable[[object, Item], Result], items: Sequence[Item]) -> list[Result]:
    """In a worker: the tasks of *items* with the data inherited from the parent."""
    return [function(_shared, item) for item in items]


class Background:
    """``function(*args)`` running in a forked process while the caller goes on."""

    def __init__(self, function: Callable[..., object], *args: object):
        self._process = mp.get_context("fork").Process(target=function, args=args)
        self._process.start()

    def join(self) -> bool:
        """Wait for it; whether it succeeded."""
        self._process.join()
        return self._process.exitcode == 0
